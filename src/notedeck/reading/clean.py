"""Document -> Document: drop site boilerplate and citation markers before extraction.

Saved web pages end in author bios, reference lists, comment forms and cookie notices;
research notes carry citation markers (`` 1``, `` LLM``) after sentences. Neither may reach a
card, so they are removed once here instead of being special-cased in every extractor.
"""
from __future__ import annotations

import dataclasses
import re

from .plaintext import wrap_width, wraps
from .document import (
    DefItem,
    DefList,
    Document,
    Inline,
    Item,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    Table,
)

# Headings after which a saved page has nothing left to study.
_TAIL = re.compile(
    r"^(about (the )?author|about me|author bio|references?( (and|&) (footnotes|notes))?|"
    r"footnotes|bibliography|works cited|copyright|licen[cs]e|acknowledge?ments?|"
    r"citations?( (and|&) sources)?|sources?|leave a (comment|reply)|comments?|"
    r"share (this|on).*|related( (posts|articles|reading|notes|frameworks|links|topics|pages|resources)\b.*)?|"
    r"(resources )?(and |& )?(further|extra|additional|suggested|recommended) reading|resources( (and|&) .*)?|back to blog|"
    r"you (may|might) also like.*|subscribe.*|newsletter|view .* profile|see also|(external )?links|backlinks|"
    r"embedded files|text elements|mentions|(incoming|outgoing) links)$", re.I)
# Lines a page's chrome adds (matched against lowered text: a case-insensitive alternation
# is slow in CPython). Most are recognised by how they start (``match``, one position); the
# rest contain one of a few words, checked with ``in`` before the regex scans the line.
_JUNK_START = re.compile(
    r"back to (blog|top)|leave a (comment|reply)|by commenting|view \S+ .*profile|"
    r"share (this|on)|subscribe\b|sign up\b|read more\b|posted (on|in|by)\b|click here")
_JUNK_ANY = re.compile(
    r"cookie|©|\bcopyright\b|all rights reserved|comments? (need|must) to be approved|"
    r"indicates required field|preceding article|permission to publish|terms and conditions")
_JUNK_WORDS = ("cookie", "©", "copyright", "all rights reserved", "to be approved",
               "required field", "preceding article", "permission to publish",
               "terms and conditions")


def _junk_line(text: str) -> bool:
    low = text.lower()
    return bool(_JUNK_START.match(low)) or (
        any(w in low for w in _JUNK_WORDS) and bool(_JUNK_ANY.search(low)))


# (matched against lowered text: a case-insensitive alternation is slow in CPython)
# A marker is 1-2 digits or LLM after a sentence's end, before the next sentence or line end.
_MARKER = re.compile(r"(?<=[.!?:;”\"’)\]])[ \t]+(?:\d{1,2}|LLM)(?=[ \t]+[A-Z“\"(]|[ \t]*$|\n)",
                     re.M)


def _heading_key(section: Section) -> str:
    # (without its number: "3. Acknowledgement", "7 References" in a paper or a report)
    title = re.sub(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+", "", section.title)
    return re.sub(r"^[^\w]+|[^\w]+$", "", title).strip()


_CREDENTIALS = re.compile(r",\s*(MA|MS|MSc|MSW|MEd|BA|BSc|PhD|PsyD|EdD|MD|RN|LCSW|LPC|LMFT|"
                          r"LMHC|LPCC|CPsych|RP|RCC|Registered|Licensed|Certified)\b")


def _size(sec: Section) -> int:
    return sum(len(inline.text) for inline, _ in section_inlines(sec))


def _prose(sec: Section) -> bool:
    return any(isinstance(b, Paragraph) and len(b.text.text) >= 200 for b in sec.blocks)


def _tail_length(doc: Document, index: int) -> int:
    """How many sections a tail heading ("Related Resources") takes with it: its own and
    its sub-sections up to one that holds prose again (a page's content can go on under
    a sub-heading of a link list)."""
    subtree = doc.subtree(index)
    for n, sec in enumerate(subtree[1:], 1):
        if _prose(sec) and not _TAIL.match(_heading_key(sec)):
            return n
    return len(subtree)


def drop_boilerplate(doc: Document) -> Document:
    sections = list(doc.sections)
    total = sum(_size(s) for s in sections) or 1
    keep: list[Section] = []
    i, seen = 0, 0
    while i < len(sections):
        sec = sections[i]
        if sec.heading is not None and _TAIL.match(_heading_key(sec)):
            if doc.shape == "text" and seen >= total * 0.5:
                break       # plain text has no levels: the rest of a page's tail goes too
            i += _tail_length(doc, i)
            # An author's name line ("Sam Lee, LCSW") heads their bio; in plain text the
            # small sections right after a tail heading (name, bio, form fields) go with it,
            # unless the heading is a sidebar's near the top of the page ("RESOURCES" over
            # its links, the lesson after them).
            bio = doc.shape == "text" and seen >= total * 0.2
            while i < len(sections) and sections[i].heading is not None and (
                    _CREDENTIALS.search(sections[i].title)
                    or bio and _size(sections[i]) < 300):
                i += len(doc.subtree(i))
            continue
        if sec.heading is not None and _CREDENTIALS.search(sec.title):
            i += len(doc.subtree(i))
            continue
        seen += _size(sec)
        blocks = tuple(b for b in sec.blocks if not _is_junk(b))
        keep.append(dataclasses.replace(sec, blocks=blocks))
        i += 1
    return dataclasses.replace(doc, sections=tuple(keep))


def _is_junk(block) -> bool:
    # Boilerplate lines are short; a long paragraph that mentions a cookie is content.
    if isinstance(block, Paragraph):
        return len(block.text.text) < 600 and _junk_line(block.text.text)
    if isinstance(block, ListBlock):
        return all(len(i.text.text) < 600 and _junk_line(i.text.text) for i in block.items)
    return False


def remove_spans(inline: Inline, cuts: list[tuple[int, int]]) -> Inline:
    if not cuts:
        return inline
    pieces, last = [], 0
    for a, b in cuts:
        pieces.append(inline.slice(last, a))
        last = b
    pieces.append(inline.slice(last))
    out = pieces[0]
    for piece in pieces[1:]:
        out = out + piece
    return out


def has_citation_markers(doc: Document) -> bool:
    """Markers are stripped only from notes that use them (3+), so '... in 2012. 5 ...' in an
    ordinary note keeps its number."""
    count = 0
    for inline in iter_inlines(doc):
        count += len(_MARKER.findall(inline.text))
        if count >= 3:
            return True
    return False


def _strip(inline: Inline) -> Inline:
    return remove_spans(inline, [m.span() for m in _MARKER.finditer(inline.text)]).strip()


# A table cell's marker ends the cell after its last word ("... relational experience 2").
_CELL_MARKER = re.compile(r"(?<=[a-z)])[ \t]+(?:\d{1,2}|LLM)$")


def _strip_cells(table: Table) -> Table:
    def cut(cell: Inline) -> Inline:
        m = _CELL_MARKER.search(cell.text)
        return cell.slice(0, m.start()) if m else cell
    return dataclasses.replace(table, rows=tuple(tuple(cut(c) for c in row)
                                                  for row in table.rows))


def strip_citations(doc: Document) -> Document:
    if not has_citation_markers(doc):
        return doc
    doc = map_inlines(doc, _strip)
    if not any(isinstance(b, Table) for sec in doc.sections for b in sec.blocks):
        return doc
    return dataclasses.replace(doc, sections=tuple(dataclasses.replace(sec, blocks=tuple(
        _strip_cells(b) if isinstance(b, Table) else b for b in sec.blocks))
        for sec in doc.sections))


def iter_inlines(doc: Document):
    for sec in doc.sections:
        for inline, _ in section_inlines(sec):
            yield inline


def section_inlines(sec: Section):
    """Every piece of inline text of a section, with its line: (Inline, line)."""
    if sec.heading is not None:
        yield sec.heading, sec.line
    for block in sec.blocks:
        yield from block_inlines(block)


def block_inlines(block):
    if isinstance(block, Paragraph):
        yield block.text, block.line
    elif isinstance(block, ListBlock):
        for item in block.items:
            yield item.text, item.line
            for child in item.children:
                yield from block_inlines(child)
    elif isinstance(block, Table):
        for cell in block.header:
            yield cell, block.line
        for row, line in zip(block.rows, block.row_lines or (block.line,) * len(block.rows)):
            for cell in row:
                yield cell, line
    elif isinstance(block, DefList):
        for d in block.items:
            yield d.term, d.line
            yield d.definition, d.line
    elif isinstance(block, Quote):
        for child in block.blocks:
            yield from block_inlines(child)


def map_inlines(doc: Document, fn) -> Document:
    def block(b):
        if isinstance(b, Paragraph):
            return dataclasses.replace(b, text=fn(b.text))
        if isinstance(b, ListBlock):
            return dataclasses.replace(b, items=tuple(
                Item(fn(i.text), i.line, tuple(block(c) for c in i.children)) for i in b.items))
        if isinstance(b, Table):
            return dataclasses.replace(b, header=tuple(fn(c) for c in b.header),
                                       rows=tuple(tuple(fn(c) for c in r) for r in b.rows))
        if isinstance(b, DefList):
            return dataclasses.replace(b, items=tuple(
                DefItem(fn(d.term), fn(d.definition), d.line) for d in b.items))
        if isinstance(b, Quote):
            return dataclasses.replace(b, blocks=tuple(block(c) for c in b.blocks))
        return b
    sections = tuple(dataclasses.replace(
        s, heading=fn(s.heading) if s.heading is not None else None,
        blocks=tuple(block(b) for b in s.blocks)) for s in doc.sections)
    return dataclasses.replace(doc, sections=sections)


def _wrap_breaks(doc: Document) -> int:
    """The width a Markdown note's paragraphs were hard-wrapped at (0: not wrapped)."""
    pairs = []
    for inline in iter_inlines(doc):
        if "\n" in inline.text:
            parts = inline.text.split("\n")
            pairs.extend(zip(parts, parts[1:]))
    return wrap_width(pairs)


def _unwrap(inline: Inline, width: int) -> Inline:
    parts = inline.text.split("\n")
    text, offset = parts[0], len(parts[0])
    for before, after in zip(parts, parts[1:]):
        # A hard wrap, or a line cut mid-sentence ("moistens the" / "food"), reads on.
        joined = wraps(before, after, width) or (
            after[:1].islower() and before.rstrip()[-1:] not in ".!?:")
        text += (" " if joined else "\n") + after
        offset += 1 + len(after)
    # (one character for another: every span of the inline, code and math too, still fits)
    return dataclasses.replace(inline, text=text)


def unwrap_lines(doc: Document) -> Document:
    """Markdown paragraphs hard-wrapped by an editor read as the sentences they are: a
    line break stays only where the author broke the line (a list of lines, a poem)."""
    if doc.shape != "markdown" or not any("\n" in i.text for i in iter_inlines(doc)):
        return doc
    width = _wrap_breaks(doc)
    return map_inlines(doc, lambda i: _unwrap(i, width) if "\n" in i.text else i)


def clean_document(doc: Document) -> Document:
    return unwrap_lines(strip_citations(drop_boilerplate(doc)))
