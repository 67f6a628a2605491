"""A term hidden in its own definition, for the definition -> term card.

The reverse card shows the definition and asks for the term, so wherever the definition
says the term, the question gives the answer away. Every word of the term is found with
its obvious inflections (plural, possessive, -ed, -ing: "Vagal Brake" in "releasing the
brakes"), with what its parenthesis holds ("Dialectical Behavior Therapy (DBT)"), its
initials in capitals ("CBT" for "Cognitive Behavioral Therapy") and an abbreviation the
definition gives it ("[...] (DPM)"), and shown as ``[...]``, as Anki shows a cloze; the
small words between two hidden ones go with them ("[...] of [...]" is one "[...]").

Words are compared by their stems, not by a pattern made for each term: a vault has
thousands of terms, and compiling a regular expression for each took most of a build.

A definition that, once masked, has too little left to name the term by ("[...] is a
[...]", "Key idea.") makes no reverse card.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

MASK = '<span class="cloze">[...]</span>'
MIN_WORDS = 4           # words left to identify the term by
_SMALL = {"of", "and", "the", "for", "in", "on", "to", "a", "an", "or", "with", "by", "&"}
_TAG = re.compile(r"(<[^>]*>)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # hyphens part words: "self-[...]"
# a word a reader reads: two letters or digits in a row ("best-studied" is one word)
_WORDS_LEFT = re.compile(r"\S*[^\W_]{2}\S*")
# "[...] (DPM)": the abbreviation the note gives the term right after it is the term too
_ABBR_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")
# "[...] of [...]": what stands between two hidden words is hidden with them
_BETWEEN = re.compile(r"[\s\-–—]*(?:(?:of|and|the|in|for|to|&|a|an)[\s\-–—]+)*", re.I)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A word without its inflection: "therapies", "therapy's" -> "therapy"; "brakes",
    "braking" -> "brak"; "mapping" -> "map". Derivations stay apart ("regulation" is not
    "regulate", "stranger" not "strange")."""
    w = re.sub(r"['’]s?$", "", word.lower())
    if len(w) > 4 and w.endswith(("ies", "ied")):
        return w[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and \
                not (suffix == "s" and w.endswith(("ss", "us", "is"))):     # focus, analysis
            w = w[:-len(suffix)]
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousl":
        w = w[:-1]
    return w


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in _SMALL]


@lru_cache(maxsize=4096)
def _term_words(term: str) -> tuple[frozenset[str], frozenset[str]]:
    """(stems of the words that say ``term``: every word of it and of its parenthesis but
    the small ones; its initials, as capitals)."""
    words = _content(_WORD.findall(term)) or _WORD.findall(term)
    if len(words) > 1:
        words = [w for w in words if len(w) > 2 or w.isupper()]
    name = _content(_WORD.findall(re.sub(r"\s*\([^()]*\)$", "", term)))
    initials = "".join(w[0] for w in name).upper() if len(name) >= 2 else ""
    return frozenset(map(_stem, words)), \
        frozenset((initials, initials + "s") if len(initials) >= 2 else ())


def _hits(plain: str, term: str) -> list[tuple[int, int]]:
    """Where plain text says ``term`` (or a word of it), joined into runs."""
    stems, initials = _term_words(term)
    low = plain.lower()
    if not any(map(low.__contains__, stems)) and not any(map(plain.__contains__, initials)):
        return []       # most definitions never say their term: one look, no words read
    hits, abbrs = [], set()
    for m in _WORD.finditer(plain):
        word = m.group()
        if word in initials or _stem(word) in stems:
            end = m.end()
            after = _ABBR_AFTER.match(plain, end)
            if after:
                abbrs.add(after.group(1))
                end = after.end()
            hits.append((m.start(), end))
    if abbrs:
        hits += [m.span() for m in _WORD.finditer(plain) if m.group() in abbrs]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(hits):
        if merged and (a <= merged[-1][1] or _BETWEEN.fullmatch(plain, merged[-1][1], a)):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def mentions(text: str, term: str) -> bool:
    """Whether plain ``text`` (a heading, a note title) says ``term`` or a word of it."""
    return bool(_hits(text, term))


def mask(fragment: str, term: str) -> str:
    """The HTML ``fragment`` with every saying of ``term`` (plain text) replaced by [...];
    tags are kept as they are, so the fragment stays well formed."""
    parts = _TAG.split(fragment)
    texts = [html.unescape(p) for p in parts[::2]]
    plain = "".join(texts)
    hits = _hits(plain, term)
    if not hits:
        return fragment
    out, at = [], 0
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part)
            continue
        text = texts[i // 2]
        start, end = at, at + len(text)
        at = end
        pieces, pos = [], start
        for a, b in hits:
            if b <= start or a >= end:
                continue
            pieces.append(html.escape(plain[pos:max(a, pos)], quote=False))
            if a >= start:
                pieces.append(MASK)
            pos = min(b, end)
        pieces.append(html.escape(plain[pos:end], quote=False))
        out.append("".join(pieces))
    return "".join(out)


def reverse_question(term: str, definition: str) -> str | None:
    """What the definition -> term card asks: the definition (HTML) with ``term`` (plain
    text) masked; None when too little of it is left to name the term by."""
    masked = mask(definition, term)
    left = _WORDS_LEFT.findall(html.unescape(_TAG.sub(" ", masked.replace(MASK, " "))))
    return masked if len(left) >= MIN_WORDS else None
