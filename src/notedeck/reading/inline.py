"""Inline text: what a line of a note says, its markup kept as spans over the text.

``inline_of`` makes one from markdown-it-py's inline tokens; ``Inline.html`` draws any
slice of it back as card HTML.
"""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

_TAG = re.compile(r"(?:(?<=\s)|^)#[A-Za-z][\w/-]*(?:\s+(?=\S)|(?=\s*$))")
_HTML_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|br|sup|sub|mark|small|font|a|div|p|kbd|"
                       r"center|abbr|ins|del|s)\b[^>]*>", re.I)


Span = tuple[int, int]
Link = tuple[int, int, str]         # (start, end, href)
MathSpan = tuple[int, int, bool]    # (start, end, display)

# Where a link may lead from a card (anki/sanitize.py is the gate; this only decides which
# links are worth an <a> at all: a relative link to another note has nowhere to go in
# Anki). Only characters the gate keeps as they are, so a field is already what it lets by.
_OPENABLE = re.compile(r"(?:https?|obsidian)://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
# In TeX a space is nothing, in a cloze field "{{", "}}" and "::" are Anki's syntax.
_TEX_CLOZE = re.compile(r"(?<=([{}:]))(?=\1)")


def _clip(spans: tuple, a: int, b: int) -> tuple:
    """The parts of ``spans`` inside [a, b), shifted to start at a. Spans are kept sorted by
    start and never overlap one another, so the ones that matter are found by bisection:
    a paragraph with 50,000 bold words stays linear. A span may carry more after its
    start and end (a link's target): it is kept."""
    if not spans:
        return ()
    first = bisect.bisect_right(spans, (a, a)) - 1 if len(spans) > 16 else 0
    out = []
    for s, e, *rest in spans[max(first, 0):]:
        if s >= b:
            break
        s2, e2 = max(s, a), min(e, b)
        if s2 < e2:
            out.append((s2 - a, e2 - a, *rest))
    return tuple(out)


def normalize_spans(spans) -> tuple[Span, ...]:
    """Sorted, merged, non-empty spans (the invariant _clip relies on)."""
    if not spans:
        return ()       # most text has no bold or italics
    out: list[list[int]] = []
    for s, e in sorted(x for x in spans if x[0] < x[1]):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


def _shift(spans: tuple, n: int) -> tuple:
    return tuple((s + n, e + n, *rest) for s, e, *rest in spans)


@dataclass(frozen=True)
class Inline:
    """Inline text with its markup removed; what the markup meant kept as character spans.

    Extractors match on ``text`` and ask ``strong`` where a rule needs emphasis
    (``**Term:** definition``, ``**A**ccessible``). ``code`` and ``math`` spans hold their
    source as written (``git status``, ``x^2``: never recased, never split), ``links``
    their target, ``marked`` Obsidian's ``==highlights==`` (cloze deletions in flashcard
    notes). ``html()`` renders any slice back with <b>, <i>, <code>, <mark>, <a> and
    MathJax delimiters only, every character escaped, so card fields never carry
    raw Markdown.
    """

    text: str
    strong: tuple[Span, ...] = ()
    emph: tuple[Span, ...] = ()
    code: tuple[Span, ...] = ()
    math: tuple[MathSpan, ...] = ()
    links: tuple[Link, ...] = ()
    marked: tuple[Span, ...] = ()

    def slice(self, a: int, b: int | None = None) -> "Inline":
        b = len(self.text) if b is None else b
        if not (self.code or self.math or self.links or self.marked):     # most text
            return Inline(self.text[a:b], _clip(self.strong, a, b), _clip(self.emph, a, b))
        return Inline(self.text[a:b], _clip(self.strong, a, b), _clip(self.emph, a, b),
                      _clip(self.code, a, b), _clip(self.math, a, b),
                      _clip(self.links, a, b), _clip(self.marked, a, b))

    def strip(self, chars: str | None = None) -> "Inline":
        lead = len(self.text) - len(self.text.lstrip(chars))
        end = len(self.text.rstrip(chars))
        return self.slice(lead, max(lead, end))

    def bold_prefix(self) -> int:
        """Length of the bold span that starts the text (after spaces), or 0."""
        lead = len(self.text) - len(self.text.lstrip())
        for s, e in self.strong:
            if s == lead:
                return e
        return 0

    def literal(self, pos: int) -> bool:
        """Whether ``pos`` is inside code or math: text there is the author's, letter for
        letter (no recasing, no separators, no cloze)."""
        return any(s <= pos < e for s, e, *_ in self.code + self.math)

    def with_text(self, text: str) -> "Inline":
        """The same spans over ``text`` of the same length (a letter recased)."""
        return Inline(text, self.strong, self.emph, self.code, self.math, self.links,
                      self.marked)

    def html(self) -> str:
        text = self.text
        if not (self.strong or self.emph or self.code or self.math or self.links or self.marked):
            return html.escape(text, quote=False).replace("\n", "<br>")
        # Emphasis inside a word (**A**ccessible) is dropped: tags mid-word split the word
        # for anything that reads the card as text (search, screen readers, TTS).
        def inword(p: int) -> bool:
            return 0 < p < len(text) and text[p - 1].isalnum() and text[p].isalnum()

        # events[p] = changes of (bold, italic, code, math, link, highlight) depth at p; a
        # math span also says how it is shown, a link where it goes.
        events: dict[int, list] = {}

        def add(p: int, kind: int, delta: int) -> None:
            events.setdefault(p, [0] * 6)[kind] += delta

        for kind, spans in ((0, self.strong), (1, self.emph)):
            for s, e in spans:
                if not inword(s) and not inword(e):
                    add(s, kind, 1)
                    add(e, kind, -1)
        display, href = {}, {}
        for s, e in self.code:
            add(s, 2, 1)
            add(e, 2, -1)
        for s, e, shown in self.math:
            add(s, 3, 1)
            add(e, 3, -1)
            display[s] = shown
        for s, e, target in self.links:
            if _OPENABLE.fullmatch(target):
                add(s, 4, 1)
                add(e, 4, -1)
                href[s] = target
        for s, e in self.marked:
            add(s, 5, 1)
            add(e, 5, -1)
        if not events:
            return html.escape(text, quote=False).replace("\n", "<br>")
        # Code and math are whole: nothing cuts them (a bold edge inside one waits for its end).
        inside = sorted((s, e) for s, e, *_ in self.code + self.math)
        starts = [s for s, _ in inside]

        def cuts_literal(p: int) -> bool:
            j = bisect.bisect_left(starts, p) - 1
            return j >= 0 and inside[j][1] > p

        out, last, depth, at_last = [], 0, [0] * 6, [0] * 6
        math_at = link_at = None
        for p in sorted(events) + [len(text)]:
            if p < len(text) and cuts_literal(p):
                delta = events[p]
                depth = [d + x for d, x in zip(depth, delta)]
                continue
            chunk = text[last:p]
            if chunk:
                out.append(_render(chunk, at_last, display.get(math_at, False),
                                   href.get(link_at, "")))
            delta = events.get(p)
            if delta:
                if delta[3] > 0:
                    math_at = p
                if delta[4] > 0:
                    link_at = p
                depth = [d + x for d, x in zip(depth, delta)]
            at_last = list(depth)
            last = max(last, p)
        return "".join(out)

    def __add__(self, other: "Inline") -> "Inline":
        n = len(self.text)
        return Inline(self.text + other.text, self.strong + _shift(other.strong, n),
                      self.emph + _shift(other.emph, n), self.code + _shift(other.code, n),
                      self.math + _shift(other.math, n), self.links + _shift(other.links, n),
                      self.marked + _shift(other.marked, n))


def _render(chunk: str, depth: list[int], display: bool, href: str) -> str:
    """One run of text that one set of markup covers, as HTML."""
    piece = html.escape(chunk, quote=False)
    if depth[3] > 0:
        piece = _TEX_CLOZE.sub(" ", piece)
        piece = f"\\[{piece}\\]" if display else f"\\({piece}\\)"
    elif depth[2] > 0:
        piece = f"<code>{piece}</code>"
    else:
        piece = piece.replace("\n", "<br>")
    if depth[1] > 0:
        piece = f"<i>{piece}</i>"
    if depth[0] > 0:
        piece = f"<b>{piece}</b>"
    if depth[5] > 0:
        piece = f"<mark>{piece}</mark>"
    if depth[4] > 0 and href:
        piece = f'<a href="{href.replace("&", "&amp;")}">{piece}</a>'
    return piece


# Words after which a #tag is a word of the sentence ("faster than #TCP", "the #OSI model").
_TAG_AS_WORD = re.compile(r"(?:^|\s)(?:than|the|a|an|of|to|in|on|by|with|for|and|or|via|from|"
                          r"as|like|use|uses|using|is|are|called)\s+$", re.I)


def _tag_text(m: re.Match[str], prior: str = "") -> str:
    """A #tag is dropped from the text, unless it is a word of the sentence: one it opens
    ("#UDP is a protocol ...") or one a small word leads to ("faster than #TCP")."""
    tag, before = m.group(0), (prior + m.string[:m.start()]).rsplit("\n", 1)[-1]
    after = m.string[m.end():]
    word = tag.strip()[1:].replace("-", " ")
    opens = not before.strip() and re.match(r"[a-z]", after) is not None
    if opens or _TAG_AS_WORD.search(before):
        return word + tag[len(tag.rstrip()):]
    return ""


def inline_of(token, tags: list[str] | None = None) -> tuple[Inline, list[tuple[str, int]]]:
    """An inline token's children -> (Inline, images as (target, line offset)); body tags
    (``#psych/cbt``) are dropped from the text and added to ``tags``."""
    parts: list[str] = []
    strong, emph, images, code, math, links, marked = [], [], [], [], [], [], []
    open_strong: list[int] = []
    open_emph: list[int] = []
    opened: list[tuple[int, str]] = []      # links and highlights: (start, href)
    pos = breaks = 0
    for child in token.children or ():
        kind, piece = child.type, ""
        if kind == "text":
            piece = child.content
            if "#" in piece:
                if tags is not None:
                    tags.extend(m.group(0).strip()[1:] for m in _TAG.finditer(piece))
                prior = "".join(parts[-3:])
                piece = _TAG.sub(lambda m: _tag_text(m, prior), piece)
        elif kind == "code_inline":
            piece = child.content
            code.append((pos, pos + len(piece)))
        elif kind in ("math_inline", "math_inline_double"):
            piece = child.content.strip().replace("\n", " ")   # a formula is never cut
            math.append((pos, pos + len(piece), kind == "math_inline_double"))
        elif kind in ("softbreak", "hardbreak"):
            piece = "\n"
            breaks += 1
        elif kind in ("link_open", "mark_open"):
            opened.append((pos, str(child.attrs.get("href", ""))))
        elif kind in ("link_close", "mark_close") and opened:
            start, href = opened.pop()
            if pos > start and kind == "link_close":
                links.append((start, pos, href))
            elif pos > start:
                marked.append((start, pos))
        elif kind == "strong_open":
            open_strong.append(pos)
        elif kind == "strong_close" and open_strong:
            strong.append((open_strong.pop(), pos))
        elif kind == "em_open":
            open_emph.append(pos)
        elif kind == "em_close" and open_emph:
            emph.append((open_emph.pop(), pos))
        elif kind == "image":
            images.append((str(child.attrs.get("src", "")), breaks))
        elif kind == "html_inline":
            content = child.content
            if not content.startswith("<!--"):
                piece = " " if content.lower().startswith("<br") else (
                    "" if _HTML_TAG.fullmatch(content) else content)
        if piece:
            parts.append(piece)
            pos += len(piece)
    return Inline("".join(parts), normalize_spans(strong), normalize_spans(emph),
                  tuple(code), tuple(math), tuple(links), tuple(marked)), images
