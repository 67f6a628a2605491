"""Note -> Document: one markdown-it-py parse per note, for both shapes.

Plain text is first rewritten as Markdown (plaintext.py); Obsidian syntax that
markdown-it-py has no plugin for (wikilinks, ``==highlight==``, ``•`` bullets, ``%%``
comments) is rewritten line by line first, so token line numbers stay the file's.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath
from types import MappingProxyType

from .document import (
    Block,
    DefItem,
    DefList,
    Document,
    Image,
    Inline,
    Item,
    ListBlock,
    Note,
    Paragraph,
    Quote,
    Section,
    Table,
    normalize_spans,
)
from .layouts import rewrite_layouts
from .plaintext import (
    HIGHLIGHT,
    SKIP_MARKER,
    WIKILINK,
    escape,
    plain_to_markdown,
    wikilink_words,
)

_EMBED = re.compile(r"!\[\[([^\]|#\n]+)(?:[#|][^\]\n]*)?\]\]")
_OBS_COMMENT = re.compile(r"%%.*?%%")
_BULLET = re.compile(r"^(\s*)[•·▪◦●‣∙](\s+)", re.M)
_TAG = re.compile(r"(?:(?<=\s)|^)#[A-Za-z][\w/-]*(?:\s+(?=\S)|(?=\s*$))")
_HTML_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|br|sup|sub|mark|small|font|a|div|p|kbd|"
                       r"center|abbr|ins|del|s)\b[^>]*>", re.I)
_CALLOUT = re.compile(r"^\[!(\w+)\][+-]?\s*(.*)$")


# markdown-it will not make an image of a file:/javascript:/data: URL and leaves the raw
# Markdown in the text; with its colon escaped it parses, and media.py refuses it, loudly.
_SCHEME_IMAGE = re.compile(r"(!\[[^\]\n]*\]\(\s*<?)(file|javascript|vbscript|data):", re.I)


def preprocess_markdown(text: str) -> str:
    text = rewrite_layouts(_OBS_COMMENT.sub("", text))
    text = _SCHEME_IMAGE.sub(r"\1\2%3A", text)
    text = _EMBED.sub(lambda m: f"![]({m.group(1).strip().replace(' ', '%20')})", text)
    text = WIKILINK.sub(lambda m: escape(wikilink_words(m)), text)
    text = HIGHLIGHT.sub(r"\1", text)
    return _BULLET.sub(r"\1-\2", text)


@lru_cache(maxsize=1)
def _parser():
    # The cheapest configuration that keeps what extraction needs: no linkify, no
    # typographer; tables, strikethrough, definition lists and footnotes on.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    return md.enable(["table", "strikethrough"]).use(deflist_plugin).use(footnote_plugin)


def inline_of(token) -> tuple[Inline, list[str]]:
    """An inline token's children -> (Inline, image targets)."""
    parts: list[str] = []
    strong, emph, images = [], [], []
    open_strong: list[int] = []
    open_emph: list[int] = []
    pos = 0
    for child in token.children or ():
        kind, piece = child.type, ""
        if kind == "text":
            piece = _TAG.sub("", child.content) if "#" in child.content else child.content
        elif kind == "code_inline":
            piece = child.content
        elif kind in ("softbreak", "hardbreak"):
            piece = "\n"
        elif kind == "strong_open":
            open_strong.append(pos)
        elif kind == "strong_close" and open_strong:
            strong.append((open_strong.pop(), pos))
        elif kind == "em_open":
            open_emph.append(pos)
        elif kind == "em_close" and open_emph:
            emph.append((open_emph.pop(), pos))
        elif kind == "image":
            images.append(child.attrs.get("src", ""))
        elif kind == "html_inline":
            content = child.content
            if not content.startswith("<!--"):
                piece = " " if content.lower().startswith("<br") else (
                    "" if _HTML_TAG.fullmatch(content) else content)
        if piece:
            parts.append(piece)
            pos += len(piece)
    return Inline("".join(parts), normalize_spans(strong), normalize_spans(emph)), images


class _Builder:
    def __init__(self, tokens, line_of):
        self.tokens = tokens
        self.line_of = line_of
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

    def blocks(self, i: int, stop: str | None, sections: list | None = None):
        """Parse blocks from token i until a token of type ``stop`` (returned index after it)."""
        toks, out = self.tokens, []
        while i < len(toks):
            t = toks[i]
            if t.type == stop:
                return out, i + 1
            if t.type == "heading_open" and sections is not None:
                text, _ = inline_of(toks[i + 1])
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
                text, images = inline_of(toks[i + 1])
                if self.keep():
                    if text.text.strip():
                        out.append(Paragraph(text.strip(), self.line(t)))
                    out.extend(Image(src, "", self.line(t)) for src in images)
                i += 3
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
                    out.append(self.quote(inner, self.line(t)))
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
        toks, start = self.tokens, self.tokens[i]
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
        return ListBlock(tuple(items), start.type.startswith("ordered"), self.line(start)), i + 1

    def table(self, i: int):
        toks, line = self.tokens, self.line(self.tokens[i])
        rows, row, lines = [], [], []
        while toks[i].type != "table_close":
            t = toks[i]
            if t.type == "tr_open":
                row = []
                lines.append(self.line(t))
            elif t.type == "inline":
                row.append(inline_of(t)[0].strip())
            elif t.type == "tr_close":
                rows.append(tuple(row))
            i += 1
        header = rows[0] if rows else ()
        return Table(header, tuple(rows[1:]), line, tuple(lines[1:])), i + 1

    def deflist(self, i: int):
        toks, line, items = self.tokens, self.line(self.tokens[i]), []
        term = None
        while toks[i].type != "dl_close":
            t = toks[i]
            if t.type == "dt_open":
                term = (inline_of(toks[i + 1])[0].strip(), self.line(t))
                i += 3
            elif t.type == "dd_open":
                inner, i = self.blocks(i + 1, "dd_close")
                paras = [b.text for b in inner if isinstance(b, Paragraph)]
                if term and paras:
                    items.append(DefItem(term[0], paras[0], term[1]))
            else:
                i += 1
        return DefList(tuple(items), line), i + 1

    @staticmethod
    def quote(inner: list[Block], line: int) -> Quote:
        if inner and isinstance(inner[0], Paragraph):
            first, _, rest = inner[0].text.text.partition("\n")
            m = _CALLOUT.match(first)
            if m:
                title = Inline(m.group(2).strip())
                body = list(inner[1:])
                if rest.strip():
                    start = len(first) + 1
                    body.insert(0, Paragraph(inner[0].text.slice(start).strip(),
                                             inner[0].line + 1))
                return Quote(tuple(body), line, m.group(1).lower(), title)
        return Quote(tuple(inner), line)


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
                    MappingProxyType(dict(note.meta)))


def document_title(note: Note, sections: list[Section]) -> str:
    title = note.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    first = next((s for s in sections if s.heading is not None), None)
    if first is not None and first.level == 1:
        return first.title
    stem = re.sub(r"[_-]+", " ", PurePosixPath(note.source).stem).strip()
    return (stem[:1].upper() + stem[1:]) if stem else note.source
