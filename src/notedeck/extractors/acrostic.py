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
"""
from __future__ import annotations

import re

from ..reading.document import Document, Inline, ListBlock, Paragraph, Section
from .base import walk_blocks

_LETTER_LABEL = re.compile(r"^\s*([A-Z])\s*(?:[-–—:=]|\)|\.)\s+(\S.*)$", re.S)
_TOKEN = re.compile(r"(?<![\w.])([A-Z][A-Z0-9]{1,9}|[A-Z](?:\.[A-Z]){1,9}\.?)(?![\w])")
MAX_LETTERS = 10


def _entry(inline: Inline) -> tuple[str, str] | None:
    """(letter, entry) for one line of a mnemonic, else None."""
    text = inline.text.strip()
    for s, e in inline.strong[:1]:
        if s == len(inline.text) - len(inline.text.lstrip()) and e - s == 1 and text[:1].isupper():
            return text[0], text.split(" (")[0].split(" — ")[0].split(" - ")[0].strip(" .,;:")
    m = _LETTER_LABEL.match(text)
    if m:
        entry = re.split(r"\s[—–-]\s|[.;:]\s", m.group(2), maxsplit=1)[0]
        entry = entry.strip(" .,;:\"“”")
        if entry and entry[:1].upper() == m.group(1):
            return m.group(1), entry
    return None


def _spelled(token: str, entries: list[tuple[str, str]]) -> list[str] | None:
    letters = re.sub(r"[^A-Z0-9]", "", token)
    if len(entries) < len(letters):
        return None
    run = entries[:len(letters)]
    if "".join(letter for letter, _ in run) != letters:
        return None
    return [entry for _, entry in run]


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if 2 <= len(re.sub(r"\W", "", t)) <= MAX_LETTERS]


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


def acrostics(doc: Document):
    """(token, entries, section, line) for every mnemonic spelled one letter a line, and
    for one heading per letter under a heading that names the acronym."""
    for index, section in enumerate(doc.sections):
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
