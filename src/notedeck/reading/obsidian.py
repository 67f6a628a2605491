"""Obsidian's own inline syntax, as markdown-it-py rules: ``[[links]]``, ``![[embeds]]``,
``==highlights==`` and ``%%comments%%``; and the few line-by-line rewrites before the
parse (``•`` bullets, a wikilink's bar in a table row).

They run inside the parser, so nothing in code spans or code blocks is touched (a regex
over the whole note would rewrite ``a == b`` in code too), and the tokens they make are
what a reader of the note sees: a link as its words, an embedded image as an image, an
embedded note as its title, a highlight as marked text.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from .layouts import rewrite_layouts
from .media import IMAGE_SUFFIXES


def link_words(inner: str) -> str:
    """What Obsidian's reading view shows for ``[[inner]]``: the alias, else the note's
    name and any heading in it (``Note > Heading``); a block reference (``#^id``) shows no
    more than its note."""
    target, bar, alias = inner.replace("\\|", "|").partition("|")
    if bar and alias.strip():
        return alias.strip()
    note, *headings = target.split("#")
    name = note.strip().rsplit("/", 1)[-1]
    if name.lower().endswith(".md"):
        name = name[:-3]
    parts = ([name.strip()] if name.strip() else []) + [
        h.strip() for h in headings if h.strip() and not h.strip().startswith("^")]
    return " > ".join(parts) or target.strip()


def _closing(state, start: int, marker: str) -> int:
    """Where ``marker`` closes what opened at ``start``, on the same line; -1 if nowhere."""
    end = state.src.find(marker, start, state.posMax)
    if end < 0 or "\n" in state.src[start:end]:
        return -1
    return end


def _link(state, opener: str) -> tuple[str, int] | None:
    """(what ``opener ... ]]`` holds, where its ``]]`` is), when it closes on its line."""
    if not state.src.startswith(opener, state.pos):
        return None
    start = state.pos + len(opener)
    end = _closing(state, start, "]]")
    inner = state.src[start:end] if end > 0 else ""
    return (inner, end) if inner.strip() and "[" not in inner else None


def _wikilink(state, silent: bool) -> bool:
    found = _link(state, "[[")
    if found is None:
        return False
    if not silent:
        state.push("text", "", 0).content = link_words(found[0])
    state.pos = found[1] + 2
    return True


def _embed(state, silent: bool) -> bool:
    """``![[diagram.png|300]]`` is an image; ``![[Other note]]`` shows the other note,
    which a card cannot: it stands as that note's title."""
    found = _link(state, "![[")
    if found is None:
        return False
    inner, end = found
    target = inner.replace("\\|", "|").partition("|")[0].split("#")[0].strip()
    if not silent:
        if PurePosixPath(target).suffix.lower() in IMAGE_SUFFIXES:
            token = state.push("image", "img", 0)
            token.attrs = {"src": target, "alt": ""}
            token.children = []
        else:
            state.push("text", "", 0).content = link_words(inner)
    state.pos = end + 2
    return True


def _highlight(state, silent: bool) -> bool:
    src, start = state.src, state.pos + 2
    if not src.startswith("==", state.pos) or start >= state.posMax \
            or src[start] in " \t\n=":
        return False
    end = _closing(state, start, "==")
    if end < 0 or src[end - 1] in " \t" or "=" in src[start:end]:
        return False
    if not silent:
        state.push("mark_open", "mark", 1)
        limit, state.pos, state.posMax = state.posMax, start, end
        state.md.inline.tokenize(state)
        state.posMax = limit
        state.push("mark_close", "mark", -1)
    state.pos = end + 2
    return True


def _comment(state, silent: bool) -> bool:
    """``%%hidden%%`` is for the author only."""
    if not state.src.startswith("%%", state.pos):
        return False
    end = _closing(state, state.pos + 2, "%%")
    if end < 0:
        return False
    state.pos = end + 2
    return True


def obsidian_plugin(md) -> None:
    md.inline.ruler.before("link", "wikilink", _wikilink)
    md.inline.ruler.before("image", "embed", _embed)
    md.inline.ruler.before("emphasis", "highlight", _highlight)
    md.inline.ruler.before("emphasis", "obsidian_comment", _comment)


# ---- before the parse: line-preserving rewrites ------------------------------------

_BULLET = re.compile(r"^(\s*)[•·▪◦●‣∙](\s+)", re.M)
# markdown-it will not make an image of a file:/javascript:/data: URL and leaves the raw
# Markdown in the text; with its colon escaped it parses, and media.py refuses it, loudly.
_SCHEME_IMAGE = re.compile(r"(!\[[^\]\n]*\]\(\s*<?)(file|javascript|vbscript|data):", re.I)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)


def preprocess_markdown(text: str) -> str:
    """Line-preserving rewrites the parser has no rule for, outside fenced code; first,
    other tools' syntax (admonitions, AsciiDoc and MyST glossaries...: layouts.py)."""
    text = rewrite_layouts(text)
    if "```" in text or "~~~" in text:
        return "".join(_preprocess(part) if i % 2 == 0 else part
                       for i, part in enumerate(_split_fences(text)))
    return _preprocess(text)


def _preprocess(text: str) -> str:
    # each rewrite only where its trigger is: an image, a wikilink in a table row, a
    # bullet character (none of them ASCII)
    if "![" in text:
        text = _SCHEME_IMAGE.sub(r"\1\2%3A", text)
    if "[[" in text and "|" in text:
        text = "\n".join(_table_row(line) if "[[" in line and "|" in line else line
                         for line in text.split("\n"))
    return text if text.isascii() else _BULLET.sub(r"\1-\2", text)


_WIKILINK = re.compile(r"!?\[\[[^\]\n]*\]\]")
_LINK_PIPE = re.compile(r"(?<!\\)\|")


def _table_row(line: str) -> str:
    """In a table row, ``[[Note|alias]]``'s bar would end the cell: escaped, as Obsidian
    reads it (obsidian.link_words takes ``\\|`` for the bar)."""
    if "|" not in _WIKILINK.sub("", line):
        return line
    return _WIKILINK.sub(lambda w: _LINK_PIPE.sub(r"\\|", w.group(0)), line)


def _split_fences(text: str) -> list[str]:
    """Text outside and inside fenced code blocks, alternating (outside first)."""
    parts, start, pos = [], 0, 0
    while True:
        m = _FENCE.search(text, pos)
        if m is None:
            break
        close = re.compile(r"^ {0,3}" + m.group(1)[0] + "{" + str(len(m.group(1))) + r",}[ \t]*$",
                           re.M).search(text, m.end())
        end = close.end() if close else len(text)
        parts += [text[start:m.start()], text[m.start():end]]
        start = pos = end
    return parts + [text[start:]]
