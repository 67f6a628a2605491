"""notedeck: study notes in, versioned Anki decks out.

Library API (the CLI is a thin layer over it):

    from pathlib import Path
    import notedeck

    result = notedeck.extract_cards([Path("notes")])          # cards, no files written
    for card in result.cards: ...
    report = notedeck.build_decks([Path("notes")], Path("decks"), Path("cards"))

The names below are imported when first used, so ``notedeck --help`` stays fast.
"""
from .model import __version__

_API = {
    "extract_cards": "pipeline", "build_decks": "build", "BuildReport": "build",
    "Options": "reading", "Card": "cards", "Extraction": "cards", "NoteResult": "cards",
    "Diagnostic": "model", "Config": "config", "load_config": "config",
}


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'notedeck' has no attribute {name!r}")
    import importlib
    return getattr(importlib.import_module(f".{_API[name]}", __name__), name)


__all__ = ["__version__", *_API]
