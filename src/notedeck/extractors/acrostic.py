"""Mnemonics spelled one letter per line: the acronym, then a line, bullet or heading for
each of its letters, in order.

    STOP skill                 ## RAIN            The PLEASE skills:
    - **S**top                 ### R - Recognize  P: Physical illness
    - **T**ake a breath        ### A - Allow      L = Lower vulnerability
    - O - Observe              ...                ...

A line gives its letter as a bold initial (``**S**top``) or as a label before a dash,
colon or '=' (``S - Stop``, ``S: Stop``); the entry is what follows (a word or a phrase,
"P - Pay attention to the body"). The run must spell the acronym named right before it
(in a heading, a lead line or the line before), every letter in order, nothing more.
A block of short capitalised lines or bullets with no letter marked ("Question" /
"Alternatives" / "Logic" ...) spells an acronym of three letters or more named in the
block before it or the heading, all of its lines and nothing more.
"""
from __future__ import annotations

import re

from ..reading.document import Document, Inline, ListBlock, Paragraph, Section
from .base import walk_blocks

_LETTER_LABEL = re.compile(r"^\s*([A-Z])\s*(?:[-–—:=]|\)|\.)\s+(\S.*)$", re.S)
# (the look behind after the first capital, for speed: as acronym._ABBR_ALONE)
_TOKEN = re.compile(r"([A-Z](?<![\w.][A-Z])(?:[A-Z0-9]{1,9}|(?:\.[A-Z]){1,9}\.?))(?![\w])")
MAX_LETTERS = 10
# compiled once: run on every capitalised token of every section
_NOT_CAPITAL = re.compile(r"[^A-Z0-9]")
_NOT_WORD = re.compile(r"\W")


_JOINER = re.compile(r"[\s,;]+(?:and|or)$", re.I)


def _joined(entry: str) -> str:
    """"Elevation, AND" (criteria that must all hold) -> "Elevation": the joiner links the
    lines, it is no part of what the letter stands for."""
    return _JOINER.sub("", entry) if entry[-2:].lower() in ("nd", "or") else entry


def _entry(inline: Inline) -> tuple[str, str] | None:
    """(letter, entry) for one line of a mnemonic, else None."""
    text = inline.text.strip()
    for s, e in inline.strong[:1]:
        if s == len(inline.text) - len(inline.text.lstrip()) and e - s == 1 and text[:1].isupper():
            return text[0], text.split(" (")[0].split(" — ")[0].split(" - ")[0].strip(" .,;:")
    m = _LETTER_LABEL.match(text)
    if m:
        entry = re.split(r"\s[—–-]\s|[.;:]\s", m.group(2), maxsplit=1)[0]
        entry = _joined(entry.strip(" .,;:\"“”"))
        if entry and entry[:1].upper() == m.group(1):
            return m.group(1), entry
    return None


def _spelled(token: str, entries: list[tuple[str, str]]) -> list[str] | None:
    letters = _NOT_CAPITAL.sub("", token)
    if len(entries) < len(letters):
        return None
    run = entries[:len(letters)]
    if "".join(letter for letter, _ in run) != letters:
        return None
    return [entry for _, entry in run]


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if 2 <= len(_NOT_WORD.sub("", t)) <= MAX_LETTERS]


def _runs(section: Section):
    """(named-before text, entries, line) for each run of letter lines in the section."""
    lines: list[tuple[Inline, int]] = []
    for block in walk_blocks(section.blocks):
        if isinstance(block, Paragraph):
            offset = 0
            for n, part in enumerate(block.text.text.split("\n")):
                lines.append((block.text.slice(offset, offset + len(part)), block.line + n))
                offset += len(part) + 1
        elif isinstance(block, ListBlock):
            lines.extend((item.text, item.line) for item in block.items)
    before = section.title
    run: list[tuple[str, str]] = []
    start = 0
    for text, line in lines + [(None, 0)]:
        entry = _entry(text) if text is not None else None
        if entry is not None:
            if not run:
                start = line
            run.append(entry)
            continue
        if len(run) >= 2:
            yield before, run, start
        run = []
        if text is not None:
            before = text.text


_PLAIN = re.compile(r"^[A-Z][\w’'\-]*(?: [\w’'\-]+){0,4}$")


def _block_lines(block) -> list[str]:
    if isinstance(block, Paragraph):
        return block.text.text.split("\n")
    if isinstance(block, ListBlock):
        return [item.text.text for item in block.items]
    return []


def _word_lines(section: Section):
    """(token, entries, line) for a block of plain lines whose initials spell an acronym
    the block before it (or the heading) names."""
    blocks = list(walk_blocks(section.blocks))
    for i, block in enumerate(blocks):
        lines = [t.strip(" .") for t in _block_lines(block)]
        if not 3 <= len(lines) <= MAX_LETTERS or not all(_PLAIN.match(t) for t in lines):
            continue
        initials = "".join(t[0] for t in lines)
        named = "\n".join(_block_lines(blocks[i - 1])) if i else ""
        for token in _tokens(named + "\n" + section.title):
            if _NOT_CAPITAL.sub("", token) == initials:
                yield token, lines, block.line
                break


def _heading_words(doc: Document, index: int):
    """(token, entries) when the headings right after section ``index`` (plain text makes
    headings of short lines) are plain words whose initials spell an acronym it names."""
    section = doc.sections[index]
    titles = []
    for sec in doc.sections[index + 1:index + 1 + MAX_LETTERS]:
        titles.append(sec.title.strip(" ."))
        if sec.blocks:      # the last short lines may stay a paragraph under the last one
            titles.extend(t.strip(" .") for t in _block_lines(sec.blocks[0]))
            break
    named = None
    for size in range(len(titles), 2, -1):
        run = titles[:size]
        if not all(_PLAIN.match(t) for t in run):
            continue
        initials = "".join(t[0] for t in run)
        if named is None:
            named = "\n".join([section.title] + ["\n".join(_block_lines(b))
                                                  for b in walk_blocks(section.blocks)])
        for token in _tokens(named):
            if _NOT_CAPITAL.sub("", token) == initials:
                return token, run
    return None


def acrostics(doc: Document):
    """(token, entries, section, line) for every mnemonic spelled one letter a line, and
    for one heading per letter under a heading that names the acronym."""
    for index, section in enumerate(doc.sections):
        yield from ((token, entries, section, line)
                    for token, entries, line in _word_lines(section))
        found = _heading_words(doc, index) if section.blocks else None
        if found is not None:
            yield found[0], found[1], section, doc.sections[index + 1].line
        for before, run, line in _runs(section):
            for token in reversed(_tokens(before)):
                entries = _spelled(token, run)
                if entries is not None:
                    yield token, entries, section, line
                    break
        subs = [s for s in doc.subtree(index)[1:] if s.level == section.level + 1]
        if section.heading is not None and len(subs) >= 2:
            heads = [_entry(s.heading) if s.heading is not None else None for s in subs]
            if all(h is not None for h in heads):
                for token in reversed(_tokens(section.title)):
                    entries = _spelled(token, heads)
                    if entries is not None:
                        yield token, entries, section, section.line
                        break
