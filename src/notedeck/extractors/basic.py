"""basic: question and answer cards the note writes out (flashcards.py): the Spaced
Repetition plugin's ``Q::A``, ``Q:::A`` (both directions), ``?`` and ``??`` multi-line
cards, and Obsidian_to_Anki's Basic blocks.                                          [1.0]
"""
from __future__ import annotations

from ..reading.document import Document
from .base import Extractor
from .flashcards import flashcards


def extract(doc: Document):
    return (found for found in flashcards(doc) if found.kind == "basic")


EXTRACTOR = Extractor("basic", "basic", extract)
__all__ = ["EXTRACTOR", "extract"]
