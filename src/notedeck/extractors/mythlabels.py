"""Myths the note labels as such, in the many words people use for them.

Rules (confidence in brackets):
  myth-lines     a myth label ("Myth:", "Myth #2:", "Misconception:", "Common belief:") then
                 a truth label ("Fact:", "The truth:", "Reality:", "Correction:") on the next
                 line or item, or later on the same line; "(WRONG)" / "(TRUE)" (or ✗ / ✓)
                 lines the same way                                                      [.9]
                 a myth label line over an unlabelled line: the correction; a lone myth
                 label line of two sentences or more: the first is the myth            [.8]
  myth-heading   a heading with a myth label ("Myth 3: X", "Misconception: X"), or only
                 the label ("Myth #1"), over the correction (or the myth, then it)     [.85]
  myth-bullets   under a "Myths" heading, a bullet that states a myth with its
                 correction as its nested bullet, no label needed                        [.8]
  myth-callout   a ``> [!myth]`` callout followed by a ``> [!fact]``/``[!truth]`` one     [.9]
  myth-claims    under a "Misconceptions" heading, each sub-heading states a myth as the
                 false claim ("Evolution Is Just a Theory") and its paragraph corrects it [.8]
"""
from __future__ import annotations

import re

from ..model import frozen_fields
from ..reading.document import Document, Inline, ListBlock, Paragraph, Quote
from .base import Candidate, callouts, section_label, walk_blocks
from .text import capitalize_first, clean_name, normalize_key, sentences, strip_outer_quotes

_MYTH_WORDS = (r"(?:the\s+|a\s+|common\s+|popular\s+)?(?:myth|misconception|misbelief|"
               r"false belief|common belief|popular belief|misunderstanding|what people think|"
               r"fiction)")
MYTH_LABEL = re.compile(r"^\s*" + _MYTH_WORDS + r"\s*(?:#?\s*\d{1,2}\s*)?[:—–-]\s*", re.I)
TRUTH_LABEL = re.compile(r"^\s*(?:the\s+)?(?:reframe|truth|fact|facts|reality|correction|actually|"
                         r"in reality|in fact|the evidence|evidence|right|true)\s*[:—–-]\s*",
                         re.I)
# "**Myth:** X. **Fact:** Y": a truth label after a sentence, on the myth's own line
_TRUTH_INSIDE = re.compile(r"(?<=[.!?”\"])\s+(?:The\s+)?(?:Reframe|Truth|Fact|Reality|Correction|"
                           r"In reality|In fact|The evidence|Evidence)\s*[:—–]\s*")
_ONLY_LABEL = re.compile(r"^\s*" + _MYTH_WORDS + r"\s*(?:#?\s*\d{1,2})?\s*$", re.I)
_WRONG_MARK = re.compile(r"\s*(?:\((?:wrong|false|myth)\)|✗|✘|❌)\s*", re.I)
_RIGHT_MARK = re.compile(r"\s*(?:\((?:true|right|correct|fact)\)|✓|✔|✅)\s*", re.I)
# ✗ / ✓ alone mark do's and don'ts too ("❌ Aspirin" / "✔ Paracetamol is safe"): myths
# only under a heading that speaks of them.
_MARKS = re.compile(r"[✗✘❌✓✔✅]")
_TRUE_OR_FALSE = re.compile(r"\b(?:myths?|misconceptions?|facts?|true|false|truths?)\b", re.I)
_MYTHS_HEADING = re.compile(r"\b(?:myths?|misconceptions?|misunderstandings?|false beliefs?)\b",
                            re.I)
MYTH_CALLOUTS = {"myth", "misconception", "wrong", "false"}
TRUTH_CALLOUTS = {"fact", "truth", "reality", "correction", "true", "success", "check"}


def myth_card(doc, section, myth: Inline, reframe: Inline, line: int, rule: str, conf: float,
              least: int = 3):
    myth = capitalize_first(strip_outer_quotes(_trim(myth)))
    reframe = capitalize_first(strip_outer_quotes(_trim(reframe)))
    if len(myth.text.split()) < least or len(reframe.text.split()) < 3:
        return None
    key = " ".join(normalize_key(myth.text).split()[:14])
    return Candidate("myth", key, frozen_fields(myth=myth.html(), reframe=reframe.html()),
                     line, section_label(doc, section), rule, conf)


def _trim(inline: Inline) -> Inline:
    inline = inline.strip(" \t\n:;,—–-")
    if not inline.text.startswith("]"):
        return inline
    # "]] The term ...": the end of a link or caption a page export cut off, never text
    return inline.slice(len(inline.text) - len(inline.text.lstrip("] ")))


def _without(inline: Inline, mark: re.Pattern) -> Inline:
    m = mark.search(inline.text)
    if m is None:
        return inline
    return (inline.slice(0, m.start()) + Inline(" ") + inline.slice(m.end())).strip()


def labelled_pairs(doc, section, pieces: list[tuple[Inline, int]], corrections: set[int]):
    """``Myth: ...`` then ``Truth: ...``; ``... (WRONG)`` then ``... (TRUE)``; a myth
    label line over its unlabelled correction. ``corrections`` gets the lines that
    correct a labelled myth."""
    pieces = [(part, line) for text, line in pieces for part in _lines(text)]
    marks_ok = bool(_TRUE_OR_FALSE.search(section.title))
    for n, (text, line) in enumerate(pieces):
        nxt = pieces[n + 1][0] if n + 1 < len(pieces) else None
        m = MYTH_LABEL.match(text.text)
        if m:
            card = _labelled(doc, section, text.slice(m.end()), nxt, line)
            if card is not None and nxt is not None:
                corrections.add(pieces[n + 1][1])
            yield card
        elif nxt is not None and _WRONG_MARK.search(text.text) and _RIGHT_MARK.search(nxt.text) \
                and (marks_ok or not _MARKS.search(text.text + nxt.text)):
            yield myth_card(doc, section, _without(text, _WRONG_MARK),
                            _without(nxt, _RIGHT_MARK), line, "myth-lines", 0.9)


def _lines(text: Inline) -> list[Inline]:
    if "\n" not in text.text:
        return [text]       # most pieces are one line already (myth.py splits paragraphs)
    out, offset = [], 0
    for part in text.text.split("\n"):
        out.append(text.slice(offset, offset + len(part)))
        offset += len(part) + 1
    return out


def _opening(text: Inline, count: int = 3) -> Inline:
    """A correction's first sentences: a page answering a myth goes on about it at length."""
    spans = sentences(text.text)
    return text.slice(0, spans[count - 1][1]).strip() if len(spans) > count else text


def _labelled(doc, section, myth: Inline, nxt: Inline | None, line: int):
    inside = _TRUTH_INSIDE.search(myth.text)
    if inside:
        return myth_card(doc, section, myth.slice(0, inside.start()), myth.slice(inside.end()),
                         line, "myth-lines", 0.9)
    if nxt is not None and TRUTH_LABEL.match(nxt.text):
        return myth_card(doc, section, myth, nxt.slice(TRUTH_LABEL.match(nxt.text).end()),
                         line, "myth-lines", 0.9)
    if nxt is not None and nxt.text.strip() and not MYTH_LABEL.match(nxt.text):
        return myth_card(doc, section, myth, _opening(nxt), line, "myth-lines", 0.8)
    spans = sentences(myth.text)
    if len(spans) >= 2:     # "Myth: X. Y." alone: X, then what the note says of it
        return myth_card(doc, section, myth.slice(0, spans[0][1]), myth.slice(spans[1][0]),
                         line, "myth-lines", 0.8)
    return None


def _texts(blocks) -> list[Inline]:
    out = []
    for block in walk_blocks(blocks):
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, ListBlock):
            out.extend(item.text for item in block.items)
    return out


def _truth(text: Inline) -> Inline:
    t = TRUTH_LABEL.match(text.text)
    return text.slice(t.end()) if t else text


def myth_headings(doc: Document):
    """``## Myth 3: X`` over its correction; ``## Myth #1`` over the myth, then it."""
    for section in doc.sections:
        if section.heading is None:
            continue
        texts = _texts(section.blocks)
        label = MYTH_LABEL.match(section.heading.text)
        if label and len(section.heading.text) > label.end() and texts:
            yield myth_card(doc, section, section.heading.slice(label.end()), _truth(texts[0]),
                            section.line, "myth-heading", 0.85)
        elif _ONLY_LABEL.match(section.heading.text) and len(texts) >= 2:
            m = MYTH_LABEL.match(texts[0].text)
            myth = texts[0].slice(m.end()) if m else texts[0]
            yield myth_card(doc, section, myth, _truth(texts[1]), section.line,
                            "myth-heading", 0.85)


def myth_bullets(doc: Document):
    """Under a "Myths" heading: each bullet a myth, its nested bullet the correction."""
    for section in doc.sections:
        if section.heading is None or not _MYTHS_HEADING.search(clean_name(section.title)):
            continue
        for block in walk_blocks(section.blocks):
            if not isinstance(block, ListBlock):
                continue
            for item in block.items:
                sub = next((c for c in item.children if isinstance(c, ListBlock)), None)
                if sub is None or not sub.items:
                    continue
                m = MYTH_LABEL.match(item.text.text)
                myth = item.text.slice(m.end()) if m else item.text
                yield myth_card(doc, section, myth, _truth(sub.items[0].text), item.line,
                                "myth-bullets", 0.8)


def myth_claims(doc: Document):
    """``## Common misconceptions`` over ``### Vaccines Cause Autism`` and its paragraph:
    myth pages and textbook boxes put each false claim in a sub-heading of their own and
    answer it below (a two-word claim, "Individuals Evolve", is a claim too)."""
    for section in _under_myths(doc):
        title = section.heading.text.strip()
        paragraphs = [b.text for b in section.blocks if isinstance(b, Paragraph)]
        if not paragraphs or title.endswith("?") or MYTH_LABEL.match(title) \
                or _MYTHS_HEADING.search(title) or not 2 <= len(title.split()) <= 14:
            continue
        yield myth_card(doc, section, section.heading, _opening(_truth(paragraphs[0])),
                        section.line, "myth-claims", 0.8, least=2)


def _under_myths(doc: Document):
    """The sub-sections of each "Myths" heading (str.find for its words before the regex:
    few headings have any)."""
    for n, top in enumerate(doc.sections):
        low = top.title.lower()
        if top.heading is None or not ("myth" in low or "misconception" in low
                                       or "misunderstanding" in low or "false belief" in low) \
                or not _MYTHS_HEADING.search(clean_name(top.title)):
            continue
        yield from (s for s in doc.subtree(n)[1:] if s.heading is not None
                    and s.path[:-1] == top.path)


def myth_callouts(doc: Document):
    """``> [!myth] ...`` then ``> [!fact] ...``: the title or body of each."""
    found = list(callouts(doc))
    for (section, quote), (_, nxt) in zip(found, found[1:]):
        if quote.callout in MYTH_CALLOUTS and nxt.callout in TRUTH_CALLOUTS:
            yield myth_card(doc, section, _callout_text(quote), _callout_text(nxt), quote.line,
                            "myth-callout", 0.9)


def _callout_text(quote: Quote) -> Inline:
    body = _texts(quote.blocks)
    if body:
        return body[0]
    return quote.title or Inline("")
