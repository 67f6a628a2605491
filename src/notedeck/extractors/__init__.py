"""The extractors, in the order they run. Each is a pure function of a Document.

To add one: write a module with ``EXTRACTOR = Extractor(name, kind, extract)`` and list it
here. Order matters only for ties: when two candidates of one kind share a key within a
note, the one with the higher confidence wins, then the one found first.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from ..reading.document import Document
from . import acronym, basic, cloze, lists, myth, qa, term
from .base import Candidate, Extractor, Rejected

EXTRACTORS: tuple[Extractor, ...] = (
    term.EXTRACTOR,
    myth.EXTRACTOR,
    acronym.EXTRACTOR,
    qa.EXTRACTOR,
    lists.EXTRACTOR,
    basic.EXTRACTOR,
    cloze.EXTRACTOR,
)
# Cards the note writes out in a flashcard syntax: their lines are theirs alone.
WRITTEN = ("basic", "cloze")


def extract(doc: Document, enabled: Sequence[str] | None = None
            ) -> tuple[list[Candidate], list[Rejected]]:
    """Run the enabled extractors; one candidate per (kind, key), best first."""
    best: dict[tuple[str, str], Candidate] = {}
    rejected: list[Rejected] = []
    for ex in EXTRACTORS:
        if enabled is not None and ex.name not in enabled:
            continue
        for found in _guarded(ex, doc, rejected):
            if isinstance(found, Rejected):
                rejected.append(found)
                continue
            slot = (found.kind, found.key)
            if not found.key:
                continue
            held = best.get(slot)
            if held is None or found.confidence > held.confidence:
                best[slot] = found
    claimed = {n for c in best.values() if c.kind in WRITTEN for n in c.lines}
    kept = [c for c in best.values() if c.kind in WRITTEN or c.line not in claimed]
    return sorted(kept, key=lambda c: (c.line, c.kind, c.key)), rejected


def _guarded(ex: Extractor, doc: Document, rejected: list[Rejected]) -> Iterable:
    # An extractor bug must cost one note's cards of one kind, never the build.
    try:
        return list(ex.extract(doc))
    except RecursionError:
        rejected.append(Rejected(ex.kind, doc.source, "note nested too deeply to read", 0))
        return []


__all__ = ["EXTRACTORS", "Extractor", "extract"]
