"""Note -> Document: one markdown-it-py parse per note, for both shapes.

Plain text is first rewritten as Markdown (plaintext.py). Obsidian's inline syntax
(wikilinks, embeds, ``==highlights==``, ``%%comments%%``) is read by parser rules
(obsidian.py), math by mdit-py-plugins' dollarmath (``$x$``, ``$$x$$``, a lone ``$5``
stays text); ``•`` bullets are rewritten line by line first, so token line numbers stay
the file's.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath
from types import MappingProxyType

from .document import (
    Block,
    CodeBlock,
    DefItem,
    DefList,
    Document,
    Image,
    Inline,
    Item,
    ListBlock,
    MathBlock,
    Note,
    Paragraph,
    Quote,
    Section,
    Table,
)
from .inline import inline_of
from .obsidian import obsidian_plugin, preprocess_markdown
from .plaintext import SKIP_MARKER, plain_to_markdown

_CALLOUT = re.compile(r"^\[!(\w[\w -]{0,30}?)\][+-]?\s*(.*)$")


@lru_cache(maxsize=1)
def _parser():
    # The cheapest configuration that keeps what extraction needs: no linkify, no
    # typographer; tables, strikethrough, definition lists and footnotes on.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    # Every link is read as a link (its words kept, not its raw Markdown); which targets a
    # card may open is decided when it is drawn (Inline.html) and by anki/sanitize.py.
    md.validateLink = lambda url: True
    # Obsidian's math: no space inside the dollars, no digit right after the closing one
    # (Pandoc's rule), so "$5 and $10" are prices.
    return md.enable(["table", "strikethrough"]).use(deflist_plugin).use(footnote_plugin) \
        .use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_digits=False,
             double_inline=True).use(obsidian_plugin)


class _Builder:
    def __init__(self, tokens, line_of):
        self.tokens = tokens
        self.line_of = line_of
        self.tags: list[str] = []
        # <!-- notedeck:skip --> drops the next block (a heading: its whole section);
        # <!-- notedeck:skip-start --> ... <!-- notedeck:skip-end --> drops a span.
        self.skip_next = self.in_span = False
        self.skipped_level = 0      # > 0 while inside a skipped heading's section

    def keep(self) -> bool:
        """Whether the block starting now is kept; asked once per block, before its
        children are parsed, so a skip covers the whole block."""
        if self.in_span or self.skipped_level:
            return False
        if self.skip_next:
            self.skip_next = False
            return False
        return True

    def marker(self, token) -> bool:
        m = SKIP_MARKER.match(token.content) if token.type == "html_block" else None
        if m:
            what = m.group(1).lower()
            self.skip_next = what == "skip"
            self.in_span = what == "skip-start" or (self.in_span and what != "skip-end")
        return m is not None

    def line(self, token) -> int:
        return self.line_of(token.map[0]) if token.map else 0

    def end(self, token) -> int:
        """The last line of the block ``token`` opens."""
        return self.line_of(max(token.map[0], token.map[1] - 1)) if token.map else 0

    def inline(self, token) -> tuple[Inline, list[tuple[str, int]]]:
        return inline_of(token, self.tags)

    def blocks(self, i: int, stop: str | None, sections: list | None = None):
        """Parse blocks from token i until a token of type ``stop`` (returned index after it)."""
        toks, out = self.tokens, []
        while i < len(toks):
            t = toks[i]
            if t.type == stop:
                return out, i + 1
            if t.type == "heading_open" and sections is not None:
                text, _ = self.inline(toks[i + 1])
                level = int(t.tag[1])
                if self.skipped_level and level <= self.skipped_level:
                    self.skipped_level = 0          # the skipped section (and subtree) ended
                if not self.keep():
                    if not self.in_span and not self.skipped_level:
                        self.skipped_level = level
                    text = None
                sections.append((int(t.tag[1]), text.strip() if text else None, self.line(t), out))
                out = []
                i += 3
            elif t.type in ("paragraph_open", "heading_open"):
                text, images = self.inline(toks[i + 1])
                if self.keep():
                    if text.text.strip():
                        # lines left empty (a line of tags) before the text are not its lines
                        skipped = text.text[:len(text.text) - len(text.text.lstrip())]
                        line = self.line_of(t.map[0] + skipped.count("\n")) if t.map else 0
                        out.append(Paragraph(text.strip(), line, self.end(t)))
                    # each image on the line it is written on (in a paragraph of lines)
                    out.extend(Image(src, "", self.line_of(t.map[0] + n) if t.map else 0,
                                     block=self.line(t)) for src, n in images)
                i += 3
            elif t.type in ("fence", "code_block", "math_block"):
                if self.keep():
                    out.append(CodeBlock(t.content.removesuffix("\n"), t.info.strip().split(" ")[0],
                                         self.line(t), self.end(t)) if t.type != "math_block"
                               else MathBlock(t.content.strip("\n"), self.line(t), self.end(t)))
                i += 1
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                keep = self.keep()
                block, i = self.list_block(i)
                if keep:
                    out.append(block)
            elif t.type == "table_open":
                keep = self.keep()
                block, i = self.table(i)
                if keep:
                    out.append(block)
            elif t.type == "dl_open":
                keep = self.keep()
                block, i = self.deflist(i)
                if keep:
                    out.append(block)
            elif t.type == "blockquote_open":
                keep = self.keep()
                inner, i2 = self.blocks(i + 1, "blockquote_close")
                if keep:
                    out.append(self.quote(inner, self.line(t), self.end(t)))
                i = i2
            elif self.marker(t):
                i += 1
            elif t.type.endswith("_open") and t.nesting == 1:
                self.keep()          # a block with no cards still uses up a pending skip
                _, i = self.blocks(i + 1, t.type.replace("_open", "_close"))
            else:
                if t.nesting == 0 and t.block and t.type != "inline":
                    self.keep()      # fence, code block, rule, HTML: the skip was for them
                i += 1
        return out, i

    def list_block(self, i: int):
        toks, start, first = self.tokens, self.tokens[i], i
        close = start.type.replace("_open", "_close")
        items, i = [], i + 1
        while toks[i].type != close:
            if toks[i].type == "list_item_open":
                line = self.line(toks[i])
                inner, i = self.blocks(i + 1, "list_item_close")
                head = inner[0].text if inner and isinstance(inner[0], Paragraph) else Inline("")
                rest = inner[1:] if inner and isinstance(inner[0], Paragraph) else inner
                items.append(Item(head, line, tuple(rest)))
            else:
                i += 1
        # a list's own map runs over the blank lines after it: its end is its content's
        inner = [t.map[1] for t in toks[first:i] if t.map and "list" not in t.type]
        end = self.line_of(max(inner) - 1) if inner else self.end(start)
        return ListBlock(tuple(items), start.type.startswith("ordered"), self.line(start),
                         end), i + 1

    def table(self, i: int):
        toks, line, end = self.tokens, self.line(self.tokens[i]), self.end(self.tokens[i])
        rows, row, lines = [], [], []
        while toks[i].type != "table_close":
            t = toks[i]
            if t.type == "tr_open":
                row = []
                lines.append(self.line(t))
            elif t.type == "inline":
                row.append(self.inline(t)[0].strip())
            elif t.type == "tr_close":
                rows.append(tuple(row))
            i += 1
        header = rows[0] if rows else ()
        return Table(header, tuple(rows[1:]), line, tuple(lines[1:]), end), i + 1

    def deflist(self, i: int):
        toks, line, items = self.tokens, self.line(self.tokens[i]), []
        end = self.end(toks[i])
        term = None
        while toks[i].type != "dl_close":
            t = toks[i]
            if t.type == "dt_open":
                term = (self.inline(toks[i + 1])[0].strip(), self.line(t))
                i += 3
            elif t.type == "dd_open":
                inner, i = self.blocks(i + 1, "dd_close")
                paras = [b.text for b in inner if isinstance(b, Paragraph)]
                if term and paras:
                    items.append(DefItem(term[0], paras[0], term[1]))
            else:
                i += 1
        return DefList(tuple(items), line, end), i + 1

    @staticmethod
    def quote(inner: list[Block], line: int, end: int) -> Quote:
        if inner and isinstance(inner[0], Paragraph):
            first, _, rest = inner[0].text.text.partition("\n")
            m = _CALLOUT.match(first)
            if m:
                title = Inline(m.group(2).strip())
                body = list(inner[1:])
                if rest.strip():
                    start = len(first) + 1
                    body.insert(0, Paragraph(inner[0].text.slice(start).strip(),
                                             inner[0].line + 1, inner[0].end))
                return Quote(tuple(body), line, m.group(1).lower(), title, end)
        return Quote(tuple(inner), line, end=end)


def parse_document(note: Note) -> Document:
    if note.shape == "text":
        source, line_map = plain_to_markdown(note.text)
        line_of = lambda k: note.body_line + line_map[min(k, len(line_map) - 1)] if line_map \
            else note.body_line  # noqa: E731
    else:
        source = preprocess_markdown(note.text)
        line_of = lambda k: note.body_line + k  # noqa: E731
    tokens = _parser().parse(source)
    builder = _Builder(tokens, line_of)
    raw_sections: list = []
    lead, _ = builder.blocks(0, None, raw_sections)
    # blocks() hands each heading the blocks gathered *before* it; shift them into place:
    # the first heading's "before" is the preface, each body is the next one's "before".
    preface = raw_sections[0][3] if raw_sections else lead
    headed = [(level, heading, line) for level, heading, line, _ in raw_sections]
    bodies = [s[3] for s in raw_sections[1:]] + [lead]
    sections: list[Section] = []
    if preface:
        sections.append(Section(None, 0, note.body_line, tuple(preface), ()))
    stack: list[tuple[int, str]] = []
    for (level, heading, line), body in zip(headed, bodies):
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading.text if heading is not None else ""))
        sections.append(Section(heading, level, line, tuple(body), tuple(t for _, t in stack)))
    return Document(note.source, document_title(note, sections), note.shape, tuple(sections),
                    MappingProxyType(dict(note.meta)),
                    # a #word in plain text saved from the web is a hashtag, not the note's tag
                    tuple(dict.fromkeys(builder.tags)) if note.shape == "markdown" else ())


def document_title(note: Note, sections: list[Section]) -> str:
    title = note.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    first = next((s for s in sections if s.heading is not None), None)
    stem = re.sub(r"[_-]+", " ", PurePosixPath(note.source).stem).strip()
    # The first H1 titles the note when it is its only one (back matter aside) or opens
    # it with the file's name; a note whose H1s are its parts ("Uses", "Clinical
    # features", "Treatment") is titled by its file name, as Obsidian shows it.
    if first is not None and first.level == 1:
        parts = [s for s in sections if s.level == 1 and not _BACK_MATTER.match(s.title)]
        if len(parts) <= 1 or sections[0] is first and _key(first.title) == _key(stem):
            return first.title
    return (stem[:1].upper() + stem[1:]) if stem else note.source


# H1s that end a note rather than part it ("# Reference", "# Flashcards").
_BACK_MATTER = re.compile(
    r"^\W*(?:references?|sources?|notes?|links?|mentions|backlinks|flashcards|questions|"
    r"see also|resources|further reading|related|footnotes|bibliography|annotations|"
    r"text elements|embedded files|drawing|tags)\W*$", re.I)


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()
