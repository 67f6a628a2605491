"""A term hidden in its own definition, for the definition -> term card.

The reverse card shows the definition and asks for the term, so wherever the definition
says the term, the question gives the answer away. The term is found with its obvious
inflections (plural, possessive, -ed, -ing), without its parenthesis and by what is in it
("Dialectical Behavior Therapy (DBT)": the name, and DBT) and by its initials ("CBT" for
"Cognitive Behavioral Therapy"), and shown as ``[...]``, as Anki shows a cloze.

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
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _plain(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", fragment))


def _inflected(word: str) -> str:
    """A word and its obvious inflections, as a pattern (lower case)."""
    w = re.escape(word.lower())
    if len(word) > 3 and word[-1].lower() == "y" and word[-2].lower() not in "aeiou":
        w = re.escape(word[:-1].lower()) + "(?:y|ies|ied)"
    elif len(word) > 3 and word[-1].lower() == "e":
        w = re.escape(word[:-1].lower()) + "(?:e|es|ed|ing)"
    elif word[-1:].isalpha():
        w += re.escape(word[-1].lower()) + "?(?:s|es|ed|ing)?"
    return w + "(?:['’]s?)?"


def _phrase(text: str) -> str | None:
    words = _WORD.findall(text)
    if not words or sum(len(w) for w in words) < 2:
        return None
    *head, last = words
    return r"[\s\-–—]+".join([re.escape(w.lower()) for w in head] + [_inflected(last)])


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern[str] | None:
    """Every way a text may say ``term`` (plain text), or None for no term: the whole name
    (with and without its parenthesis and a leading "the"), what the parenthesis holds, its
    initials in capitals, then each of its words, so a definition that says part of the
    name ("the brake" for "Vagal Brake") does not give that part away either."""
    term = " ".join(term.split())
    m = re.match(r"^(.*?)\s*\(([^()]+)\)$", term)
    base, inner = (m.group(1), m.group(2)) if m else (term, "")
    bare = re.sub(r"^(?:the|a|an)\s+", "", base, flags=re.I)
    phrases = [p for p in dict.fromkeys((_phrase(term), _phrase(base), _phrase(bare),
                                         _phrase(inner))) if p]
    if not phrases:
        return None
    words = [w for w in _WORD.findall(bare) if w.lower() not in _SMALL]
    initials = "".join(w[0] for w in words).upper() if len(words) >= 2 else ""
    parts = sorted(phrases, key=len, reverse=True)
    if len(initials) >= 2:
        parts.append(f"(?-i:{re.escape(initials)}s?)")     # only as capitals: CBT, not "cbt"
    if len(words) > 1:
        parts += [_inflected(w) for w in words if len(w) > 2]
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])", re.I)


# "[...] (DPM)": the abbreviation the note gives the term right after it is the term too
_ABBR_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")
# "[...] of [...]": what stands between two hidden words is hidden with them
_BETWEEN = re.compile(r"[\s\-–—]*(?:(?:of|and|the|in|for|to|&|a|an)[\s\-–—]+)*", re.I)


def _hits(plain: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    hits, abbrs = [], set()
    for m in pattern.finditer(plain):
        end = m.end()
        after = _ABBR_AFTER.match(plain, end)
        if after:
            abbrs.add(after.group(1))
            end = after.end()
        hits.append((m.start(), end))
    for abbr in abbrs:
        hits += [m.span() for m in re.finditer(rf"(?<![^\W_]){re.escape(abbr)}(?![^\W_])", plain)]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(hits):
        if merged and (a <= merged[-1][1] or _BETWEEN.fullmatch(plain, merged[-1][1], a)):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def mentions(text: str, term: str) -> bool:
    """Whether plain ``text`` (a heading, a note title) says ``term`` (plain text), or a
    word of it."""
    pattern = term_pattern(term)
    return pattern is not None and pattern.search(text) is not None


def mask(fragment: str, term: str) -> str:
    """The HTML ``fragment`` with every saying of ``term`` (plain text) replaced by [...];
    tags are kept as they are, so the fragment stays well formed."""
    pattern = term_pattern(term)
    if pattern is None:
        return fragment
    parts = _TAG.split(fragment)
    texts = [html.unescape(p) for p in parts[::2]]
    plain = "".join(texts)
    hits = _hits(plain, pattern)
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
    left = _WORD.findall(_plain(masked.replace(MASK, " ")))
    if len([w for w in left if len(w) > 1]) < MIN_WORDS:
        return None
    return masked
