"""qa: explicit question/answer pairs.

Forms: ``Q:``/``A:`` (or ``Question:``/``Answer:``, ``Q1.``, ``**Q.**``) paragraphs, lines
or list items; a question and its answer after an arrow (``What is X? → Y``); question
callouts and admonitions (``> [!question] Title`` over the answer); definition lists whose
term is a question (AsciiDoc FAQs); numbered questions (``12. Who ...?``) over the lines
that answer them; and headings that end in '?', answered by the text under them. A
"What is X?" heading is a term (term.py), and a question too only in an FAQ. A code block or
``$$`` formula under the question (or its answer) is part of the answer.
"""
from __future__ import annotations

import itertools
import re

from ..model import frozen_fields
from ..reading.document import (CodeBlock, DefList, Document, Inline, ListBlock,
                                MathBlock, Paragraph)
from .base import Candidate, Extractor, Rejected, callouts, section_label, walk_blocks
from .headings import concept_definition, what_is_name
from .questions import (
    QUESTION_CALLOUTS,
    TO_THE_READER,
    answer_text,
    arrow_pair,
    asks_about_something,
    labelled_questions,
    lines_answer,
    marked_choices,
    numbered_questions,
    question_paragraphs,
    question_text,
    whole_answer,
)
from .termlabels import ATTRIBUTE_NOUNS, attribute_label
from .text import capitalize_first, is_meta_label, normalize_key

_Q = re.compile(r"^\s*(?:Q|Question)\s*\d*\s*[:.)]\s+", re.I)
# "A:" / "Answer:"; never "a)" or "A)", the first option of a multiple choice.
_A = re.compile(r"^\s*(?:(?i:answer)\s*\d*\s*[:.)]|A\s*\d*\s*[:.])\s+")
_FAQ = re.compile(r"\b(faq|faqs|frequently asked|common questions|questions and answers|q ?& ?a)\b",
                  re.I)


def _card(doc, section, question: Inline, answer: Inline, line: int, rule: str,
          asked: str = "", told: str = ""):
    """``asked``/``told``: code blocks and formulas under the question and its answer."""
    question, answer = _blanks(question.strip()), capitalize_first(answer.strip())
    spoken = _SPOKEN_OPENER.match(question.text)
    if spoken:      # "So, what sick-day advice is given?": the question starts after "So,"
        question = capitalize_first(question.slice(spoken.end()))
    if not question.text or len(answer.text.split()) < 1 and not told \
            or _NO_ANSWER.match(answer.text):
        return None
    return Candidate("qa", normalize_key(question.text),
                     frozen_fields(question=question.html() + asked,
                                   answer=answer.html() + told),
                     line, section_label(doc, section), rule, 0.9)


# A spoken opener before the question word ("So, what ...?", "Now, how ...?", "OK so why
# ...?"): notes written as a talk or a blog post ask so; the card asks the question alone.
_SPOKEN_OPENER = re.compile(r"(?:(?:so|now|ok|okay|well|and|but)\b[\s,]*)+(?=(?:what|why|how|"
                            r"when|where|which|who|whose|is|are|does|do|did|can|should)\b)",
                            re.I)
_BLANK = re.compile(r"_{3,}")


def _blanks(inline: Inline) -> Inline:
    """"The tongue is _____ to the nose": a fill-in blank shown as "…", not as markup."""
    out, at = None, 0
    for m in _BLANK.finditer(inline.text):
        if inline.literal(m.start()):
            continue
        piece = inline.slice(at, m.start()) + Inline("…")
        out = piece if out is None else out + piece
        at = m.end()
    if out is None:
        return inline
    return out + inline.slice(at)


_VERBATIM = (CodeBlock, MathBlock)
_NO_ANSWER = re.compile(r"^answers?\s+(?:will\s+|may\s+)?vary\b", re.I)


def _lines(section, verbatim: bool = False):
    """Every line of text in order: paragraph lines and list items, with their line; with
    ``verbatim``, code blocks and formulas as they are."""
    for block in walk_blocks(section.blocks):
        if verbatim and isinstance(block, _VERBATIM):
            yield block, block.line
        elif isinstance(block, Paragraph):
            if "\n" not in block.text.text:        # most paragraphs: one line, no copy
                yield block.text, block.line
                continue
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
    for text, at in list(_lines(section, verbatim=True)) + [(None, 0)]:
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


def _faq(doc: Document, section) -> bool:
    return any(_FAQ.search(p) for p in (doc.title, *section.path[:-1]))


def _asking_page(doc: Document) -> bool:
    """A page of questions (an FAQ by its layout): three or more of its headings ask, and
    at least a third of them. A blog's odd "Is this right for you?" heading is no quiz."""
    headings = [s.heading for s in doc.sections if s.heading is not None]
    asked = sum(1 for h in headings if question_text(h) is not None)
    return asked >= 3 and asked * 3 >= len(headings)


# "Why do we need X?", "Is X contagious?": a question; "Ready to visit one?" calls to action
_PLAIN_QUESTION = re.compile(r"^(?:what|why|how|when|where|who|whom|whose|which|is|are|was|were|"
                             r"do|does|did|can|could|should|would|will|must|has|have)\b", re.I)
_NUMBERED = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*[.)]?\s")


def _aspect(name: str) -> bool:
    """"signs and symptoms of panic disorder", "treatments for X": an aspect of something,
    which no term card names ("Gottman Method" is a name)."""
    parts = re.split(r"\s+(?:of|for|in|behind|to)\s+", name.lower(), maxsplit=1)
    if attribute_label(name) is not None:
        return True
    head = parts[0].split()
    return len(parts) == 2 and bool(head) and (
        head[-1].rstrip("s") in ATTRIBUTE_NOUNS or head[-1][:-3] + "y" in ATTRIBUTE_NOUNS)


def _question_heading(doc, index, asking: bool):
    """A heading that asks, answered by the start of its section (or of its first
    sub-section, when it only groups them). "What is X?" is the term X (term.py), and a
    question too only in an FAQ or a numbered outline; "What are the symptoms of X?" names
    no term, so it is a question."""
    section = doc.sections[index]
    if section.heading is None:
        return None
    question = question_text(section.heading)
    if question is None:
        return None
    faq = _faq(doc, section)
    numbered = _NUMBERED.match(section.title) is not None
    name = what_is_name(question.text)
    if name and not _aspect(name) and not (faq or numbered):
        return None
    if not (faq or asking) and not asks_about_something(question.text):
        return Rejected("qa", question.text, "a question heading that names nothing it asks "
                        "about (\"How does it work?\")", section.line)
    if not (faq or asking or numbered) and section.title == doc.title:
        return None         # a blog post's title asks; its introduction does not answer
    if not (faq or asking or numbered) and (TO_THE_READER.search(question.text)
                                            or not _PLAIN_QUESTION.match(question.text)):
        return Rejected("qa", question.text, "a question heading that is no plain question "
                        "(what, why, how ...) or asks the reader, and the note is no page of "
                        "questions (three or more question headings, or an FAQ)", section.line)
    first = next(iter(walk_blocks(section.blocks)), None)
    answer = answer_text(section.blocks) if isinstance(first, ListBlock) else \
        concept_definition(doc, index, allow_long=True)
    if answer is None and first is not None:
        answer = answer_text(section.blocks)
    if answer is None and not section.blocks:
        subs = doc.subtree(index)[1:]
        if subs and subs[0].blocks:
            answer = concept_definition(doc, index + 1, allow_long=True)
    whole = whole_answer(section.blocks) if answer is not None else None
    if whole is not None and len(whole.text) > len(answer.text):
        answer = whole
    code = _code_under(section)
    opening = re.split(r"(?<=[.!?])\s|; ", " ".join(answer.text.split()), maxsplit=1)[0] \
        if answer is not None else ""
    if answer is None and not code or opening.endswith("?") and (
            _PLAIN_QUESTION.match(opening) or re.search(r"\b(?:what|why|how|who|which)\b",
                                                        opening, re.I)):
        return None         # no answer, or another question under it (a list of them)
    answer = answer if answer is not None else Inline("")
    if isinstance(first, Paragraph) and "\n" in first.text.text:
        answer = lines_answer(answer)     # "beans" / "peas" / "clover": one line of them
    return _card(doc, section, question, answer, section.line,
                 "faq-heading" if faq else "question-heading", told=code)


def _code_under(section) -> str:
    """The code blocks and formulas right after the first paragraph under a heading (or
    opening it): part of the answer."""
    blocks = list(walk_blocks(section.blocks))
    first = next((b for b in blocks if isinstance(b, Paragraph)), None)
    start = blocks.index(first) + 1 if first is not None else 0
    return "".join(b.html() for b in itertools.takewhile(
        lambda b: isinstance(b, _VERBATIM), blocks[start:]))


def _callouts(doc):
    """``> [!question] Title`` (or ``??? question "Title"``) over its answer."""
    for section, quote in callouts(doc):
        if quote.callout not in QUESTION_CALLOUTS or quote.title is None \
                or not quote.title.text.strip():
            continue
        question, blocks = quote.title, quote.blocks
        if _LABEL_TITLE.search(question.text) or is_meta_label(question.text):
            question, blocks = _stem(quote.blocks)     # "> [!Question] Question" over a case
        answer = answer_text(blocks) if question is not None else None
        if answer is not None and not answer.text.rstrip().endswith("?"):
            yield _card(doc, section, question, answer, quote.line, "question-callout")


# "> [!Question] Question", "> [!question] HTN Question", "OCD Questions": the callout's
# title only names its kind; the question is in its body
_LABEL_TITLE = re.compile(r"^\W*(?:\w+\s+){0,2}(?:questions?|quiz|q)\W*$", re.I)


def _stem(blocks):
    """A case and the question that ends it: the callout's first paragraphs up to the one
    that ends in '?' (at most three), and the blocks after them (the answer)."""
    blocks = list(blocks)
    for n, block in enumerate(blocks[:3]):
        if not isinstance(block, Paragraph) or _Q.match(block.text.text):
            return None, ()          # "**Q**: ... **A**: ...": the q-a pairs' own
        if block.text.text.rstrip().endswith("?"):
            question = lines_answer(blocks[0].text)
            for b in blocks[1:n + 1]:
                question = question + Inline(" ") + lines_answer(b.text)
            return question, blocks[n + 1:]
    return None, ()


def _deflists(doc, section):
    """Definition lists whose terms are questions (AsciiDoc FAQs); in a list where most
    terms ask, a term that states a problem ("Git still tracks my ignored files") asks too."""
    for block in walk_blocks(section.blocks):
        if isinstance(block, DefList):
            asked = [question_text(item.term) for item in block.items]
            faq = sum(q is not None for q in asked) * 2 > len(asked) >= 2
            for item, question in zip(block.items, asked):
                if question is None and faq and len(item.term.text.split()) >= 4:
                    question = item.term.strip()
                if question is not None:
                    yield _card(doc, section, question, item.definition, item.line,
                                "question-deflist")


def _arrows(doc, section):
    for text, line in _lines(section):
        pair = arrow_pair(text)
        if pair is not None:
            yield _card(doc, section, pair[0], pair[1], line, "question-arrow")


def extract(doc: Document):
    asking = _asking_page(doc)
    for index, section in enumerate(doc.sections):
        yield from filter(None, _pairs(doc, section))
        yield from filter(None, _deflists(doc, section))
        yield from filter(None, _arrows(doc, section))
        for rule, found in (("marked-choice", marked_choices(section)),
                            ("numbered-question", numbered_questions(section)),
                            ("labelled-question", labelled_questions(section)),
                            ("question-paragraph", question_paragraphs(section))):
            yield from filter(None, (_card(doc, section, question, answer, line, rule)
                                     for question, answer, line in found))
        found = _question_heading(doc, index, asking)
        if found is not None:
            yield found
    yield from filter(None, _callouts(doc))


EXTRACTOR = Extractor("qa", "qa", extract)
