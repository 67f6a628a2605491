"""What a note becomes once read: the Note, and its Document (sections of blocks).

read_note -> Note  (decoded, repaired text + frontmatter, shape decided)
parse_document -> Document  (one model for Markdown and plain text: sections of blocks)

Every block carries the 1-based line of the source file it came from.
"""
from __future__ import annotations

import bisect
import html
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping, Union

from ..model import Diagnostic

Span = tuple[int, int]

def _clip(spans: tuple[Span, ...], a: int, b: int) -> tuple[Span, ...]:
    """The parts of ``spans`` inside [a, b), shifted to start at a. Spans are kept sorted by
    start and never overlap one another, so the ones that matter are found by bisection:
    a paragraph with 50,000 bold words stays linear."""
    if not spans:
        return ()
    first = bisect.bisect_right(spans, (a, a)) - 1 if len(spans) > 16 else 0
    out = []
    for s, e in spans[max(first, 0):]:
        if s >= b:
            break
        s2, e2 = max(s, a), min(e, b)
        if s2 < e2:
            out.append((s2 - a, e2 - a))
    return tuple(out)


def normalize_spans(spans) -> tuple[Span, ...]:
    """Sorted, merged, non-empty spans (the invariant _clip relies on)."""
    out: list[list[int]] = []
    for s, e in sorted(x for x in spans if x[0] < x[1]):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


@dataclass(frozen=True)
class Inline:
    """Inline text with its markup removed; bold and italic kept as character spans.

    Extractors match on ``text`` and ask ``strong`` where a rule needs emphasis
    (``**Term:** definition``, ``**A**ccessible``); ``html()`` renders any slice back
    with <b>/<i> only, every character escaped, so card fields never carry raw Markdown.
    """

    text: str
    strong: tuple[Span, ...] = ()
    emph: tuple[Span, ...] = ()

    def slice(self, a: int, b: int | None = None) -> "Inline":
        b = len(self.text) if b is None else b
        return Inline(self.text[a:b], _clip(self.strong, a, b), _clip(self.emph, a, b))

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

    def html(self) -> str:
        text = self.text
        # Emphasis inside a word (**A**ccessible) is dropped: tags mid-word split the word
        # for anything that reads the card as text (search, screen readers, TTS).
        def inword(p: int) -> bool:
            return 0 < p < len(text) and text[p - 1].isalnum() and text[p].isalnum()

        events: dict[int, list[int]] = {}
        for kind, spans in ((0, self.strong), (1, self.emph)):
            for s, e in spans:
                if not inword(s) and not inword(e):
                    events.setdefault(s, [0, 0])[kind] += 1
                    events.setdefault(e, [0, 0])[kind] -= 1
        if not events:
            return html.escape(text, quote=False).replace("\n", "<br>")
        out, last, depth = [], 0, [0, 0]
        for p in sorted(events) + [len(text)]:
            chunk = text[last:p]
            if chunk:
                piece = html.escape(chunk, quote=False).replace("\n", "<br>")
                if depth[1] > 0:
                    piece = f"<i>{piece}</i>"
                if depth[0] > 0:
                    piece = f"<b>{piece}</b>"
                out.append(piece)
            delta = events.get(p)
            if delta:
                depth = [depth[0] + delta[0], depth[1] + delta[1]]
            last = max(last, p)
        return "".join(out)

    def __add__(self, other: "Inline") -> "Inline":
        n = len(self.text)
        shift = lambda spans: tuple((s + n, e + n) for s, e in spans)  # noqa: E731
        return Inline(self.text + other.text, self.strong + shift(other.strong),
                      self.emph + shift(other.emph))


@dataclass(frozen=True)
class Paragraph:
    text: Inline
    line: int


@dataclass(frozen=True)
class Item:
    """A list item: its own text plus nested blocks (sub-lists, extra paragraphs)."""

    text: Inline
    line: int
    children: tuple["Block", ...] = ()


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Item, ...]
    ordered: bool
    line: int


@dataclass(frozen=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    line: int
    row_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class DefItem:
    term: Inline
    definition: Inline
    line: int


@dataclass(frozen=True)
class DefList:
    items: tuple[DefItem, ...]
    line: int


@dataclass(frozen=True)
class Quote:
    """A blockquote; an Obsidian callout (``> [!note] Title``) keeps its type and title."""

    blocks: tuple["Block", ...]
    line: int
    callout: str = ""
    title: Inline | None = None


@dataclass(frozen=True)
class Image:
    target: str
    alt: str
    line: int


Block = Union[Paragraph, ListBlock, Table, DefList, Quote, Image]


@dataclass(frozen=True)
class Section:
    """A heading and the blocks up to the next heading (of any level)."""

    heading: Inline | None
    level: int
    line: int
    blocks: tuple[Block, ...]
    path: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.heading.text if self.heading is not None else ""


@dataclass(frozen=True)
class Document:
    source: str                 # path relative to the notes root, POSIX separators
    title: str
    shape: str                  # "markdown" or "text"
    sections: tuple[Section, ...]
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def subtree(self, index: int) -> tuple[Section, ...]:
        """Section ``index`` and every deeper section that follows it."""
        top = self.sections[index]
        out = [top]
        for sec in self.sections[index + 1:]:
            if sec.level <= top.level:
                break
            out.append(sec)
        return tuple(out)



@dataclass(frozen=True)
class Note:
    """A note as read from disk: repaired text, frontmatter, and the shape of its body."""

    source: str                 # relative to the notes root
    path: str                   # as given on the command line / found on disk
    root: str
    text: str                   # body without frontmatter, repaired
    body_line: int              # line number of the first body line in the file
    meta: Mapping[str, Any]
    shape: str
    diagnostics: tuple[Diagnostic, ...] = ()
    vault_source: str = ""      # the path in its vault (sources.NoteFile); "": ``source``

    @property
    def identity(self) -> str:
        """Frontmatter ``id`` when present, else the note's path in its vault."""
        ident = self.meta.get("id")
        if ident in (None, "") or isinstance(ident, (dict, list)):
            return self.vault_source or self.source
        # Control characters would blur the GUID's field separator: fold them to spaces.
        return "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in str(ident))

