"""qa: explicit question/answer pairs.

Forms: ``Q:``/``A:`` (or ``Question:``/``Answer:``) paragraphs, lines or list items, and
headings that end in '?' inside an FAQ section, answered by the text under them.
"""
from __future__ import annotations

import re

from ..model import frozen_fields
from ..reading.document import Document, Inline, ListBlock, Paragraph
from .base import Candidate, Extractor, section_label, walk_blocks
from .text import capitalize_first, normalize_key

_Q = re.compile(r"^\s*(?:Q|Question)\s*\d*\s*[:.)]\s+", re.I)
_A = re.compile(r"^\s*(?:A|Answer)\s*\d*\s*[:.)]\s+", re.I)
_FAQ = re.compile(r"\b(faq|faqs|frequently asked|common questions|questions and answers|q ?& ?a)\b",
                  re.I)


def _card(doc, section, question: Inline, answer: Inline, line: int, rule: str):
    question, answer = question.strip(), capitalize_first(answer.strip())
    if not question.text or len(answer.text.split()) < 1:
        return None
    return Candidate("qa", normalize_key(question.text),
                     frozen_fields(question=question.html(), answer=answer.html()),
                     line, section_label(doc, section), rule, 0.9)


def _lines(section):
    """Every line of text in order: paragraph lines and list items, with their line."""
    for block in walk_blocks(section.blocks):
        if isinstance(block, Paragraph):
            offset = 0
            for n, part in enumerate(block.text.text.split("\n")):
                yield block.text.slice(offset, offset + len(part)), block.line + n
                offset += len(part) + 1
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield item.text, item.line


def _pairs(doc, section):
    question, line, answer = None, 0, None
    for text, at in list(_lines(section)) + [(None, 0)]:
        q = _Q.match(text.text) if text is not None else None
        a = _A.match(text.text) if text is not None else None
        if (q or text is None) and question is not None and answer is not None:
            yield _card(doc, section, question, answer, line, "q-a")
            question = answer = None
        if q:
            question, line, answer = text.slice(q.end()), at, None
        elif a and question is not None and answer is None:
            answer = text.slice(a.end())
        elif text is not None and answer is not None and not a \
                and answer.text.rstrip().endswith(":"):
            answer = answer + Inline("\n") + text    # "A: three kinds:" + the list under it
        elif text is not None and answer is not None:
            yield _card(doc, section, question, answer, line, "q-a")
            question = answer = None


def _faq_headings(doc, index):
    section = doc.sections[index]
    if section.heading is None or not section.title.rstrip().endswith("?"):
        return None
    if not any(_FAQ.search(p) for p in section.path[:-1]):
        return None
    first = next((b for b in walk_blocks(section.blocks) if isinstance(b, Paragraph)), None)
    if first is None:
        return None
    return _card(doc, section, section.heading, first.text, section.line, "faq-heading")


def extract(doc: Document):
    for index, section in enumerate(doc.sections):
        yield from filter(None, _pairs(doc, section))
        found = _faq_headings(doc, index)
        if found is not None:
            yield found


EXTRACTOR = Extractor("qa", "qa", extract)
