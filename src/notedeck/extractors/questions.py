"""What a question looks like, and where its answer is: helpers for qa.py.

A question is a line that ends in '?' (a short tail after it, such as an audio link's
label, is cut off), or a numbered prompt that starts with an imperative ("Name one ...",
"List ...") in a run of numbered questions. Its answer is the text right under it: the
first sentences of a paragraph (with the list a ':' lead introduces), or a short list.
Lines that are alternatives, one per line, are joined with '; ' so the answer reads as
one line.
"""
from __future__ import annotations

import re

from ..reading.document import Inline, ListBlock, Paragraph, Section
from .base import walk_blocks
from .text import is_meta_label, sentences

QUESTION_CALLOUTS = {"question", "faq", "help", "quiz", "q", "query", "questions"}
_PROMPT = re.compile(r"^(?:name|list|give|state|describe|explain|define|identify)\s", re.I)
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒)\s*")
_TAIL_WORDS = 6
_QUESTION_LABEL = re.compile(r"^\s*(?:Q\s*\d{0,3}|\d{1,3}(?:\.\d{1,3})*|[A-Z]\d{1,3})[.):]\s+")
MAX_ANSWER = 400


def question_text(inline: Inline) -> Inline | None:
    """The question a line asks, without a short tail after its '?', else None."""
    text = inline.text.rstrip()
    mark = text.rfind("?")
    if mark < 0:
        return None
    tail = text[mark + 1:].strip(" *")
    if tail and (len(tail.split()) > _TAIL_WORDS or tail[:1].islower()):
        return None
    question = inline.slice(0, mark + 1).strip()
    label = _QUESTION_LABEL.match(question.text)
    if label:
        question = question.slice(label.end())      # "4.10) ", "Q3. ": the list's label
    words = question.text.split()
    if len(words) < 2 or is_meta_label(question.text.rstrip("?")):
        return None     # "Why?", "Did you know?"
    return question


def lines_answer(inline: Inline) -> Inline:
    """Alternatives one per line ("capitalist economy" / "market economy") read as one line."""
    if "\n" not in inline.text:
        return inline
    out, offset = None, 0
    for part in inline.text.split("\n"):
        piece = inline.slice(offset, offset + len(part)).strip()
        offset += len(part) + 1
        if not piece.text:
            continue
        if out is None:
            out = piece
        else:
            sep = " " if out.text[-1:] in ".!?;," else "; "
            out = out + Inline(sep) + piece
    return out if out is not None else inline


def _first_sentences(inline: Inline, count: int = 3) -> Inline:
    spans = sentences(inline.text)
    if len(inline.text) <= MAX_ANSWER or len(spans) <= 1:
        return inline
    end = spans[min(count, len(spans)) - 1][1]
    while end > MAX_ANSWER and count > 1:
        count -= 1
        end = spans[count - 1][1]
    return inline.slice(0, end).strip()


def _items(block: ListBlock) -> Inline | None:
    texts = [item.text for item in block.items if item.text.text.strip()]
    if not texts or len(texts) > 12:
        return None
    out = texts[0]
    for t in texts[1:]:
        out = out + Inline("\n") + t
    return out


def answer_text(blocks) -> Inline | None:
    """The answer that opens ``blocks``: a paragraph's first sentences (and the list its
    ':' lead introduces), or a short list."""
    blocks = list(walk_blocks(blocks))
    if not blocks:
        return None
    first = blocks[0]
    if isinstance(first, ListBlock):
        return _items(first)
    if not isinstance(first, Paragraph):
        return None
    text = _first_sentences(lines_answer(first.text))
    if text.text.rstrip().endswith(":") and len(blocks) > 1 and isinstance(blocks[1], ListBlock):
        items = _items(blocks[1])
        if items is not None:
            return text + Inline("\n") + items
    return text


def arrow_pair(inline: Inline) -> tuple[Inline, Inline] | None:
    """``What is X? → Y``: a question and its answer on one line."""
    text = inline.text
    mark = text.find("?")
    if mark < 0:
        return None
    arrow = _ARROW.match(text, mark + 1)
    if arrow is None or arrow.end() >= len(text):
        return None
    question = re.sub(r"^\s*\d{1,3}[.)]\s+", "", text[:mark + 1])
    start = mark + 1 - len(question)
    return inline.slice(start, mark + 1).strip(), inline.slice(arrow.end()).strip()


def _prompt(inline: Inline) -> Inline | None:
    """A numbered prompt that asks without a '?': "Name one branch of the government."."""
    if not _PROMPT.match(inline.text.lstrip()):
        return None
    spans = sentences(inline.text)
    return inline.slice(0, spans[0][1]).strip(" \t*") if spans else None


def numbered_questions(section: Section):
    """``12. Who wrote X?`` as a numbered item, answered by its sub-items or, when it
    stands alone, by the paragraph or list right after it: (question, answer, line)."""
    blocks = list(walk_blocks(section.blocks))
    for i, block in enumerate(blocks):
        if not isinstance(block, ListBlock) or not block.ordered:
            continue
        alone = len(block.items) == 1 and i + 1 < len(blocks) and not (
            isinstance(blocks[i + 1], ListBlock) and blocks[i + 1].ordered)
        for item in block.items:
            question = question_text(item.text)
            if question is None and alone:
                question = _prompt(item.text)
            if question is None:
                continue
            answer = answer_text(item.children) if item.children else None
            if answer is None and alone and isinstance(blocks[i + 1], (Paragraph, ListBlock)):
                answer = answer_text(blocks[i + 1:])
            if answer is not None and answer.text.strip():
                yield question, answer, item.line


_PROMPT_IN = re.compile(r"(?:[,;:]\s+|\b(?:then|first|now|also)\s+)"
                        r"(?:name|list|give|state|describe|explain|define|identify)\s", re.I)
_LABEL = re.compile(r"^\s*(?:\(?[a-hA-H][.)]|\(?\d{1,2}[.)]|Q\d{1,2}[.:)])\s+")


def _asked_sentences(inline: Inline) -> Inline | None:
    """The question a practice prompt ends with: its sentences from the first that asks
    (with '?' or a prompt verb) to the end."""
    spans = sentences(inline.text)
    for a, b in spans:
        sent = inline.text[a:b]
        if "?" in sent or _PROMPT.match(sent) or _PROMPT_IN.search(sent):
            return inline.slice(a).strip()
    return None


def labelled_questions(section: Section):
    """Practice questions: a paragraph labelled ``a.``, ``(b)``, ``3)`` or ``Q2:`` that
    asks, answered by the paragraph after it: (question, answer, line)."""
    blocks = list(walk_blocks(section.blocks))
    for block, nxt in zip(blocks, blocks[1:]):
        if not isinstance(block, Paragraph) or not isinstance(nxt, (Paragraph, ListBlock)):
            continue
        label = _LABEL.match(block.text.text)
        if label is None or isinstance(nxt, Paragraph) and _LABEL.match(nxt.text.text):
            continue
        question = _asked_sentences(block.text.slice(label.end()))
        if question is None or not question.text.rstrip().endswith(("?", ".")):
            continue
        answer = answer_text([nxt])
        if answer is not None and len(answer.text.split()) >= 2:
            yield question, answer, block.line
