"""cloze: cloze deletions the note writes out (flashcards.py, clozes.py): ``==Paris==``
and ``{{c1::Paris}}`` in the Spaced Repetition plugin's flashcard notes, and
Obsidian_to_Anki's Cloze blocks.                                                       [1.0]
"""
from __future__ import annotations

from ..reading.document import Document
from .base import Extractor
from .flashcards import flashcards


def extract(doc: Document):
    return (found for found in flashcards(doc) if found.kind == "cloze")


EXTRACTOR = Extractor("cloze", "cloze", extract)
__all__ = ["EXTRACTOR", "extract"]
