"""What a note becomes once read: the Note, and its Document (sections of blocks).

read_note -> Note  (decoded, repaired text + frontmatter, shape decided)
parse_document -> Document  (one model for Markdown and plain text: sections of blocks)

Every block carries the 1-based line of the source file it came from.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping, Union

from ..model import Diagnostic
from .inline import Inline

# Every block knows its first line and its last (``end``, 0 when it is the first): two
# blocks touch when the second starts on the line after the first ends (no blank line).

@dataclass(frozen=True)
class Paragraph:
    text: Inline
    line: int
    end: int = 0


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
    end: int = 0


@dataclass(frozen=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    line: int
    row_lines: tuple[int, ...] = ()
    end: int = 0


@dataclass(frozen=True)
class DefItem:
    term: Inline
    definition: Inline
    line: int


@dataclass(frozen=True)
class DefList:
    items: tuple[DefItem, ...]
    line: int
    end: int = 0


@dataclass(frozen=True)
class Quote:
    """A blockquote; an Obsidian callout (``> [!note] Title``) keeps its type and title."""

    blocks: tuple["Block", ...]
    line: int
    callout: str = ""
    title: Inline | None = None
    end: int = 0


@dataclass(frozen=True)
class Image:
    target: str
    alt: str
    line: int           # the line it is written on
    end: int = 0
    block: int = 0      # the first line of the paragraph it stands in (0: its own line)


@dataclass(frozen=True)
class CodeBlock:
    """A fenced (or indented) code block: its lines exactly as written."""

    text: str
    lang: str
    line: int
    end: int = 0

    def html(self) -> str:
        return f"<pre><code>{html.escape(self.text, quote=False)}</code></pre>"


@dataclass(frozen=True)
class MathBlock:
    """A ``$$ ... $$`` block: TeX, shown as display math (MathJax in Anki)."""

    tex: str
    line: int
    end: int = 0

    def html(self) -> str:
        return Inline(self.tex, math=((0, len(self.tex), True),)).html()


Block = Union[Paragraph, ListBlock, Table, DefList, Quote, Image, CodeBlock, MathBlock]


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
    tags: tuple[str, ...] = ()  # tags written in the body (#psych/cbt -> "psych/cbt")

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

