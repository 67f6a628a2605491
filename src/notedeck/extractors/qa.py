"""qa: explicit question/answer pairs.

Forms: ``Q:``/``A:`` (or ``Question:``/``Answer:``) paragraphs, lines or list items, and
headings that end in '?' inside an FAQ section, answered by the text under them. A code
block or ``$$`` formula under the question (or its answer) is part of the answer.
"""
from __future__ import annotations

import itertools
import re

from ..model import frozen_fields
from ..reading.document import CodeBlock, Document, Inline, ListBlock, MathBlock, Paragraph
from .base import Candidate, Extractor, section_label, walk_blocks
from .text import capitalize_first, normalize_key

_Q = re.compile(r"^\s*(?:Q|Question)\s*\d*\s*[:.)]\s+", re.I)
_A = re.compile(r"^\s*(?:A|Answer)\s*\d*\s*[:.)]\s+", re.I)
_FAQ = re.compile(r"\b(faq|faqs|frequently asked|common questions|questions and answers|q ?& ?a)\b",
                  re.I)


def _card(doc, section, question: Inline, answer: Inline, line: int, rule: str,
          asked: str = "", told: str = ""):
    """``asked``/``told``: code blocks and formulas under the question and its answer."""
    question, answer = question.strip(), capitalize_first(answer.strip())
    if not question.text or len(answer.text.split()) < 1 and not told:
        return None
    return Candidate("qa", normalize_key(question.text),
                     frozen_fields(question=question.html() + asked, answer=answer.html() + told),
                     line, section_label(doc, section), rule, 0.9)


_VERBATIM = (CodeBlock, MathBlock)


def _lines(section):
    """Every line of text in order: paragraph lines and list items, with their line; code
    blocks and formulas as they are."""
    for block in walk_blocks(section.blocks):
        if isinstance(block, _VERBATIM):
            yield block, block.line
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
    asked = told = ""       # code or formulas under the question, and under its answer
    for text, at in list(_lines(section)) + [(None, 0)]:
        if isinstance(text, _VERBATIM):
            if question is not None and answer is None:
                asked += text.html()
            elif question is not None:
                told += text.html()
            continue
        q = _Q.match(text.text) if text is not None else None
        a = _A.match(text.text) if text is not None else None
        if question is not None and answer is None and asked and not a:
            answer, asked, told = Inline(""), "", asked      # no "A:": the code answers
        if (q or text is None) and question is not None and answer is not None:
            yield _card(doc, section, question, answer, line, "q-a", asked, told)
            question = answer = None
        if q:
            question, line, answer, asked, told = text.slice(q.end()), at, None, "", ""
        elif a and question is not None and answer is None:
            answer = text.slice(a.end())
        elif text is not None and answer is not None and not a \
                and answer.text.rstrip().endswith(":"):
            answer = answer + Inline("\n") + text    # "A: three kinds:" + the list under it
        elif text is not None and answer is not None:
            yield _card(doc, section, question, answer, line, "q-a", asked, told)
            question = answer = None


def _faq_headings(doc, index):
    section = doc.sections[index]
    if section.heading is None or not section.title.rstrip().endswith("?"):
        return None
    if not any(_FAQ.search(p) for p in section.path[:-1]):
        return None
    blocks = list(walk_blocks(section.blocks))
    first = next((b for b in blocks if isinstance(b, Paragraph)), None)
    # the paragraph under the heading and the code right after it (or the code alone)
    start = blocks.index(first) + 1 if first is not None else 0
    code = "".join(b.html() for b in itertools.takewhile(
        lambda b: isinstance(b, _VERBATIM), blocks[start:]))
    if first is None and not code:
        return None
    answer = first.text if first is not None else Inline("")
    return _card(doc, section, section.heading, answer, section.line, "faq-heading", told=code)


def extract(doc: Document):
    for index, section in enumerate(doc.sections):
        yield from filter(None, _pairs(doc, section))
        found = _faq_headings(doc, index)
        if found is not None:
            yield found


EXTRACTOR = Extractor("qa", "qa", extract)
