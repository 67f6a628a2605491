"""notedeck: study notes in, versioned Anki decks out.

Library API (the CLI is a thin layer over it):

    from notedeck.pipeline import extract_cards, Options
    result = extract_cards([Path("notes")])
    for card in result.cards: ...
"""
__version__ = "0.1.0"
