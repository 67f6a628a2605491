"""Plain text -> Markdown source, so both note shapes share one parser and one model.

Plain notes (saved web pages, research notes typed without markup) mark structure by
layout only: bare short lines are headings, ``•``/``-``/``*`` lines are bullets at any
indentation, ``1.`` lines are items or numbered sub-headings, ``|`` lines are tables and
every other line is a paragraph. We rewrite each line as the Markdown it means, escaping
everything else, and return a map from output line to source line so every card still
knows the line of the file it came from.
"""
from __future__ import annotations

import re

from .obsidian import link_words

_BULLET = re.compile(r"^(\s*)[•·▪◦●‣∙*+\-–](?:\s+)(\S.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(\S.*)$")
_TABLE = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_QA = re.compile(r"^(Q|A|Question|Answer)\s*[:.]\s", re.I)
_ESCAPE = re.compile(r"([\\`*_\[\]<>&~|#!=$])")
_TERMINAL = ".,;:!…"
# Shared with markdown.py: notedeck's skip markers and the Obsidian syntax both shapes meet.
SKIP_MARKER = re.compile(r"^\s*<!--\s*notedeck:(skip|skip-start|skip-end)\s*-->\s*$", re.I)
HIGHLIGHT = re.compile(r"==(?=\S)([^=\n]+?)(?<=\S)==")
WIKILINK = re.compile(r"\[\[([^\]|\n]+?)(?:\|([^\]\n]+))?\]\]")


def escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _text(line: str) -> str:
    """A plain line as Markdown text: highlights and wikilinks (common in notes pasted from
    Obsidian) read as their words, everything else escaped."""
    line = HIGHLIGHT.sub(r"\1", line)
    line = WIKILINK.sub(wikilink_words, line)
    return escape(line)


def wikilink_words(m: re.Match[str]) -> str:
    """What a reader sees of ``[[target|alias]]``: the alias, else the note's name (and
    heading: ``Note > Heading``), as in Obsidian (obsidian.link_words)."""
    return link_words(m.group(0)[2:-2])


_GLOSSARY_LINE = re.compile(r"^\S.{0,60}?\s[—–]\s\S")
_LABEL_LINE = re.compile(r"^[^:]{1,60}:\s+[a-z“\"(]")
_CITED_END = re.compile(r"[.!?”\"]\s+(?:\d{1,2}|LLM)$")


def is_heading_line(line: str, max_words: int = 12) -> bool:
    text = line.strip()
    if not text or len(text) > 100 or text[-1] in _TERMINAL or _QA.match(text):
        return False
    if _GLOSSARY_LINE.match(text) or _LABEL_LINE.match(text) or _CITED_END.search(text):
        return False        # "Term — definition" / "Term: definition" / "... end. 2" are text
    if text.startswith(("“", '"', "(", "©", "—", "-")) or text[0].islower():
        return False
    return len(text.split()) <= max_words


def _next_nonblank(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            return j
    return None


def plain_to_markdown(text: str) -> tuple[str, list[int]]:
    """(markdown source, line_map) where line_map[k] is the 0-based input line of output k."""
    lines = text.split("\n")
    out: list[str] = []
    line_map: list[int] = []
    state = "blank"          # what the previous emitted block was: blank/para/list/table/heading
    level = base = 1
    indents: list[int] = []  # bullet indentation stack
    last_item: int | None = None   # number of the last numbered list item
    titled = False

    def emit(s: str, src: int) -> None:
        out.append(s)
        line_map.append(src)

    def blank(src: int) -> None:
        if out and out[-1] != "":
            emit("", src)

    for i, raw in enumerate(lines):
        line = raw.rstrip()
        if not line.strip():
            emit("", i)
            if state in ("para", "heading"):
                state = "blank"
            continue
        if SKIP_MARKER.match(line):     # notedeck skip markers pass through as HTML comments
            blank(i)
            emit(line.strip(), i)
            emit("", i)
            state = "blank"
            continue
        nxt = _next_nonblank(lines, i)
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)

        if not titled and not bullet and not numbered:
            titled = True
            # A title stands apart; a first line with prose right under it is a heading.
            apart = nxt is not None and nxt > i + 1
            if apart and (is_heading_line(line, max_words=20)
                          or len(line) <= 120 and line[-1] in "?)"):
                emit("# " + _text(line.strip()), i)
                state, level, base = "heading", 1, 1
                continue
        titled = True

        if _TABLE.match(line):
            if state != "table":
                blank(i)
                emit(line.strip(), i)
                if nxt is None or not _TABLE_SEP.match(lines[nxt]):
                    cells = line.strip().strip("|").count("|") + 1
                    emit("|" + "---|" * cells, i)
            else:
                emit(line.strip(), i)
            state = "table"
            continue

        # A numbered line that continues a numbered list is an item, whatever follows it.
        in_list = state in ("list", "blank") and last_item is not None \
            and numbered is not None and int(numbered.group(2)) == last_item + 1
        if bullet or (numbered and (in_list or not _numbered_heading(lines, i, nxt))):
            m = bullet or numbered
            indent = len(m.group(1))
            if state != "list":
                blank(i)
                indents = [indent]
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            depth = min(len(indents) - 1, 8)      # deeper nesting reads as level 8
            body = _text(m.group(m.lastindex))
            marker = f"{numbered.group(2)}." if numbered and not bullet else "-"
            emit("    " * depth + f"{marker} {body}", i)
            state = "list"
            last_item = int(numbered.group(2)) if numbered and not bullet else None
            continue

        continues = nxt is not None and nxt == i + 1 and lines[nxt].strip()[:1].islower()
        if numbered or is_heading_line(line) and nxt is not None and not continues \
                and not (state == "para" and out and out[-1][-1:] in ",;"):
            if numbered:   # numbered sub-headings sit one level under the last heading
                level = min(base + 1, 4)
                state = "numhead"
            else:          # a heading right under a heading is its sub-heading
                level = min(level + 1, 4) if state == "heading" else 2
                base, state = level, "heading"
            blank(i)
            emit("#" * level + " " + _text(line.strip()), i)
            continue

        # A paragraph line: joins the previous one only when that one was cut mid-sentence.
        prev = out[-1] if out else ""
        joins = state == "para" and prev and prev[-1] not in ".!?:”\"" \
            and line.strip()[:1].islower()
        if not joins:
            blank(i)
        emit(_text(line.strip()), i)
        state = "para"
    return "\n".join(out), line_map


def _numbered_heading(lines: list[str], i: int, nxt: int | None) -> bool:
    """``1. The Mind`` on its own, then a blank line and prose: a numbered sub-heading."""
    m = _NUMBERED.match(lines[i])
    if m is None or nxt is None or nxt == i + 1 or m.group(1):
        return False
    if not is_heading_line(m.group(3), max_words=8):
        return False
    return not (_NUMBERED.match(lines[nxt]) or _BULLET.match(lines[nxt]))
