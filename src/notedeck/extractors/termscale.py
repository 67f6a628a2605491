"""The degrees of a scale written as Roman-numeral entries under the scale's title.

Rule (confidence in brackets):
  scale-entry   under a title naming a scale or a grading ("Modified Mercalli Intensity
                Scale", "Fontaine stages"), three or more paragraphs or items that open on
                the numerals in order ("I. Not felt except by a very few ...", "II. Felt
                only by ..."): each a term, the scale's name and its numeral, defined by
                the entry's text                                                        [.7]

Refused: numerals out of order or fewer than three (an outline's "I. Introduction"), an
entry of fewer than three words, a title that names no scale.
"""
from __future__ import annotations

import re

from ..reading.document import Document, ListBlock, Paragraph, Section
from .termcard import term_card

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ENTRY = re.compile(r"([IVX]{1,4})[.)]\s+(?=\S)")
# The title's last word says it grades something; its name for one degree of it.
_SCALE_WORDS = {"scale": "", "classification": "", "grading": "", "stages": "stage",
                "grades": "grade", "classes": "class", "levels": "level", "types": "type"}
# Words that say which version of the scale the note copied, not part of its name.
_VERSION = re.compile(r"^(?:abbreviated|simplified|short|shortened|summary of(?: the)?)\s+",
                      re.I)
_MIN_ENTRIES = 3


def _scale_name(title: str) -> str | None:
    words = title.split()
    if len(words) < 2 or len(words) > 8 or words[-1].lower() not in _SCALE_WORDS:
        return None
    one = _SCALE_WORDS[words[-1].lower()]
    name = _VERSION.sub("", " ".join(words[:-1] + ([one] if one else [])))
    return name or None


def scale_entries(doc: Document, section: Section):
    """The entries of the scale ``section`` is titled by, as term cards."""
    name = _scale_name(section.title)
    if name is None:
        return []
    entries = []
    for block in section.blocks:
        texts = [(i.text, i.line) for i in block.items] if isinstance(block, ListBlock) \
            else [(block.text, block.line)] if isinstance(block, Paragraph) else []
        for text, line in texts:
            if len(entries) < len(_ROMAN) and text.text.startswith(_ROMAN[len(entries)]):
                m = _ENTRY.match(text.text)
                if m and m.group(1) == _ROMAN[len(entries)]:
                    entries.append((m.group(1), text.slice(m.end()), line))
    if len(entries) < _MIN_ENTRIES:
        return []
    return [term_card(doc, section, f"{name} {numeral}", body.strip(), line, "scale-entry",
                      0.7, aspect_ok=True)
            for numeral, body, line in entries if len(body.text.split()) >= 3]
