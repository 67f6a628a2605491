"""What a question looks like, and where its answer is: helpers for qa.py.

A question is a line that ends in '?' (a short tail after it, such as an audio link's
label, is cut off), or a numbered prompt that starts with an imperative ("Name one ...",
"List ...") in a run of numbered questions. Its answer is the text right under it: the
first sentences of a paragraph (with the list a ':' lead introduces), or a short list.
Lines that are alternatives, one per line, are joined with '; ' so the answer reads as
one line.
"""
from __future__ import annotations

import dataclasses
import re

from ..reading.document import Inline, ListBlock, Paragraph, Quote, Section
from .base import walk_blocks
from .text import is_meta_label, sentences

QUESTION_CALLOUTS = {"question", "faq", "help", "quiz", "q", "query", "questions"}
_PROMPT = re.compile(r"^(?:name|list|give|state|describe|explain|define|identify)\s", re.I)
_WH = {"what", "why", "how", "when", "where", "who", "which", "whom", "whose"}
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒)\s*")
_TAIL_WORDS = 6
_QUESTION_LABEL = re.compile(r"^\s*(?:Q\s*\d{0,3}|\d{1,3}(?:\.\d{1,3})*|[A-Z]\d{1,3}|\(?[a-z])[.):\]]\s+")
MAX_ANSWER = 400


def question_text(inline: Inline) -> Inline | None:
    """The question a line asks, without a short tail after its '?', else None."""
    text = inline.text.rstrip()
    mark = text.rfind("?")
    if mark < 0:
        return None
    close = mark + 1
    while close < len(text) and text[close] in "”\"’')]":
        close += 1              # 'Is Guided Practice “Hand Holding?”': the quote closes
    tail = text[close:].strip(" *")
    if tail and (len(tail.split()) > _TAIL_WORDS or tail[:1].islower()):
        return None
    question = inline.slice(0, close).strip()
    lead = re.match(r"[^\w“\"'(¿]+", question.text)     # "6️⃣ ", "❓ ": no part of it
    if lead:
        question = question.slice(lead.end())
    label = _QUESTION_LABEL.match(question.text)
    if label:
        question = question.slice(label.end())      # "4.10) ", "Q3. ": the list's label
    words = question.text.split()
    if len(words) < 2 or is_meta_label(question.text.rstrip("?")):
        return None     # "Why?", "Did you know?"
    if words[0][:1].islower() and words[0].lower() not in _WH \
            or question.text.count(")") > question.text.count("("):
        return None     # "minute), but what is WPM measuring?": the end of a wrapped line
    return question


# Words that ask or point rather than name what a question is about.
_ASKING_WORDS = {
    "what", "why", "how", "when", "where", "who", "which", "whom", "whose", "is", "are", "was",
    "were", "do", "does", "did", "can", "could", "should", "would", "will", "may", "might",
    "must", "shall", "has", "have", "had", "be", "been", "it", "its", "this", "that", "these",
    "those", "they", "them", "their", "there", "i", "you", "we", "he", "she", "a", "an", "the",
    "of", "to", "in", "on", "for", "with", "about", "at", "by", "from", "so", "my", "your",
    "our", "and", "or", "not", "really", "then", "else", "more", "me", "us", "any", "all",
    "work", "works", "matter", "matters", "important", "need", "needed", "happen", "happens",
    "didn’t", "didn't", "doesn’t", "doesn't", "don’t", "don't", "isn’t", "isn't", "can’t",
    "can't", "won’t", "won't", "aren’t", "aren't", "wasn’t", "wasn't",
    "mean", "means", "make", "makes", "use", "used", "get", "next", "problem", "now",
    # verbs that ask about a subject the question leaves out ("What does it cause?")
    "cause", "treat", "treated", "diagnose", "diagnosed", "present", "presents", "look",
    "like", "called", "done", "affect", "affects", "help", "helps", "found", "see", "show",
    "shows", "include", "includes", "require", "required", "recommended", "given", "give",
    "start", "stop", "prevent", "prevented", "tested", "vaccinated", "measured", "happened",
}


def asks_about_something(question: str) -> bool:
    """"Why do we need species distribution models?" asks about something; "How does it
    work?", "Why is this important?", "What Problem?" name nothing without their context."""
    words = [w for w in re.findall(r"[\w’'-]+", question.lower())]
    return len(words) >= 3 and any(w not in _ASKING_WORDS for w in words)


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
            sep = " " if out.text[-1:] in ".!?;,:" else "; "     # "Formula:" over its line
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
    """A list's items, one a line; an item that ends in ':' brings its own sub-items."""
    texts = []
    for item in block.items:
        if not item.text.text.strip():
            continue
        texts.append(item.text)
        sub = next((c for c in item.children if isinstance(c, ListBlock)), None)
        if sub is not None and item.text.text.rstrip().endswith(":"):
            texts.extend(child.text for child in sub.items if child.text.text.strip())
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


def whole_answer(blocks) -> Inline | None:
    """All of a short section, its paragraphs and lists one a line (at most MAX_ANSWER
    characters and 12 lines): the answer goes on past its first paragraph when a question
    asks two things ("What is X, and what does it consist of?") or a lead comes first."""
    blocks = list(walk_blocks(blocks))
    if len(blocks) < 2 or not all(isinstance(b, (Paragraph, ListBlock)) for b in blocks):
        return None
    out = None
    for block in blocks:
        part = lines_answer(block.text) if isinstance(block, Paragraph) else _items(block)
        if part is None:
            return None
        out = part if out is None else out + Inline("\n") + part
    return out if out is not None and len(out.text) <= MAX_ANSWER \
        and out.text.count("\n") < 12 else None


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


def question_paragraphs(section: Section):
    """A paragraph that asks (its last sentence ends in '?', after at most two that set it
    up; a list label such as "4.13)" dropped), answered by the paragraph or list right
    after it: (question, answer, line). FAQs saved as text lose their headings this way;
    lecture notes ask and answer in turn."""
    blocks = list(walk_blocks(section.blocks))
    held = _callout_of(section.blocks)
    for i, (block, nxt) in enumerate(zip(blocks, blocks[1:])):
        if not isinstance(block, Paragraph) or not isinstance(nxt, (Paragraph, ListBlock)) \
                or held.get(id(block)) and held[id(block)][-1] not in held.get(id(nxt), ()) \
                or _LABEL.match(block.text.text) or _QA_LINE.match(block.text.text) \
                or isinstance(nxt, Paragraph) and _QA_LINE.match(nxt.text.text):
            continue        # labelled_questions' own, and Q: / A: lines (qa.py)
        question = _asking_paragraph(block.text)
        if question is None or isinstance(nxt, Paragraph) and _asking_paragraph(nxt.text):
            continue
        answer = answer_text(blocks[i + 1:])
        if answer is not None and len(answer.text.split()) >= 3 and "?" not in answer.text \
                and not _OPTIONS.match(answer.text) and not _TIMECODE.search(answer.text) \
                and "::" not in answer.text:        # Dataview fields: metadata, no answer
            yield question, answer, block.line


def _callout_of(blocks, within: tuple = ()) -> dict[int, tuple]:
    """The callouts that hold each block (by id), outermost first. A callout that holds
    only a question is one highlight of a reading (Zotero's ``> [!quote] (Page 4)``): the
    next callout is another highlight, not its answer (a callout nested in it may be)."""
    held = {}
    for block in blocks:
        if isinstance(block, Quote):
            held.update(_callout_of(block.blocks, within + (id(block),) if block.callout
                                    else within))
        elif within:
            held[id(block)] = within
    return held


_QA_LINE = re.compile(r"^\s*(?:Q|Question|A|Answer)\s*\d*\s*[:.)]\s", re.I)
# "a) 42 / b) 32": the options of a multiple choice, not its answer
_OPTIONS = re.compile(r"^\s*\(?[a-dA-D][.)]\s")
# "What is something you are an expert in?": the reader's exercise, not a question the
# note answers
TO_THE_READER = re.compile(r"\b(?:you|your|yours|yourself)\b", re.I)


_MAX_ASKING = 320         # a question with a sentence or two to set it up
_TIMECODE = re.compile(r"\d\d:\d\d:\d\d[,.]\d|-->")


# "What is overfitting? 👶", "... ⭐️": a level or a mark after the question (lists of
# interview questions grade them so), no part of it
_MARKS_AFTER = re.compile(r"[\s\u200d\ufe0f\u2190-\u2bff\U0001f000-\U0001faff]+$")


def _asking_paragraph(inline: Inline) -> Inline | None:
    """The question a paragraph of one line asks (not a subtitle cue, not a link to one)."""
    text = inline.text.rstrip()
    if not text.endswith("?") and text[-1:] > "\u2000":
        text = _MARKS_AFTER.sub("", text)
    if not text.endswith("?") or len(text) > _MAX_ASKING or "\n" in text \
            or _TIMECODE.search(text) or sum(b - a for a, b, _ in inline.links) * 2 > len(text):
        return None
    spans = sentences(text)
    if not spans or len(spans) > 3:
        return None
    question = question_text(inline)
    last = inline.text[spans[-1][0]:]
    if question is None or not asks_about_something(last) or TO_THE_READER.search(last):
        return None
    return lines_answer(question)


def _chosen(block, least: int = 2) -> Inline | None:
    """The one option of a multiple choice the note marks as the answer, in bold."""
    if not isinstance(block, ListBlock) or not least <= len(block.items) <= 8 \
            or any(item.children or len(item.text.text) > 100 for item in block.items):
        return None
    marked = [item.text for item in block.items
              if item.text.text.strip() and item.text.bold_prefix() >= len(item.text.text.rstrip())]
    # the bold only marked it: the answer is shown plain
    return dataclasses.replace(marked[0].strip(), strong=()) if len(marked) == 1 else None


def _stem(text: str) -> int:
    """How many options a question's stem needs: it asks or leaves a blank (two), or is a
    sentence ("All of the following are glia EXCEPT": three); a label ("Management") is
    none (0)."""
    text = text.strip()
    if text.endswith("?") or "___" in text:
        return 2
    return 3 if len(text.split()) >= 6 else 0


def marked_choices(section: Section):
    """A multiple-choice question (a heading or paragraph, with or without '?', such as
    "All of the following ... EXCEPT") over its options, the answer in bold:
    (question, answer, line)."""
    blocks = list(walk_blocks(section.blocks))
    if section.heading is not None and blocks and _stem(section.title):
        answer = _chosen(blocks[0], _stem(section.title))
        if answer is not None:
            yield section.heading, answer, section.line
    for block, nxt in zip(blocks, blocks[1:]):
        text = block.text.text.strip() if isinstance(block, Paragraph) else ""
        if text and "\n" not in text and _stem(text):
            answer = _chosen(nxt, _stem(text))
            if answer is not None:
                yield block.text, answer, block.line
