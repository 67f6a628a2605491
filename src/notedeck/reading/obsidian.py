"""Obsidian's own inline syntax, as markdown-it-py rules: ``[[links]]``, ``![[embeds]]``,
``==highlights==`` and ``%%comments%%``.

They run inside the parser, so nothing in code spans or code blocks is touched (a regex
over the whole note would rewrite ``a == b`` in code too), and the tokens they make are
what a reader of the note sees: a link as its words, an embedded image as an image, an
embedded note as its title, a highlight as marked text.
"""
from __future__ import annotations

from pathlib import PurePosixPath

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


def _wikilink(state, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    end = _closing(state, state.pos + 2, "]]")
    inner = state.src[state.pos + 2:end] if end > 0 else ""
    if not inner.strip() or "[" in inner:
        return False
    if not silent:
        state.push("text", "", 0).content = link_words(inner)
    state.pos = end + 2
    return True


def _embed(state, silent: bool) -> bool:
    """``![[diagram.png|300]]`` is an image; ``![[Other note]]`` shows the other note,
    which a card cannot: it stands as that note's title."""
    if not state.src.startswith("![[", state.pos):
        return False
    end = _closing(state, state.pos + 3, "]]")
    inner = state.src[state.pos + 3:end] if end > 0 else ""
    if not inner.strip() or "[" in inner:
        return False
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
