"""A pattern that is only a list of literal alternatives, recompiled as a trie.

Python's ``re`` tries every alternative of ``a|b|c...`` at every position of the text;
the same words as a trie (``m(?:is(?:read|take)|yth)|...``) try one branch per first
letter. For a pattern with a finite set of matches (literals, ``(?:a|b)`` groups, a
``?`` after a group) the trie finds a match exactly where the original does, so a search
for whether a cue is there at all gives the same answer several times faster.
"""
from __future__ import annotations

import itertools
import re

_SPECIAL = set("\\.^$*+?[]{}()|")


def _alternatives(pattern: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    return out + [pattern[start:]]


def literals(pattern: str) -> tuple[str, ...]:
    """Every string ``pattern`` matches; ValueError if it uses more than literals,
    ``(?:...)`` groups and ``?`` after a group (then it has no such finite list)."""
    found: list[str] = []
    for alt in _alternatives(pattern):
        parts: list[tuple[str, ...]] = []
        i = 0
        while i < len(alt):
            if alt.startswith("(?:", i):
                depth, j = 1, i + 3
                while depth:
                    depth += {"(": 1, ")": -1}.get(alt[j], 0)
                    j += 1
                inner = literals(alt[i + 3:j - 1])
                if alt[j:j + 1] == "?":
                    inner, j = inner + ("",), j + 1
                parts.append(inner)
                i = j
            elif alt[i] in _SPECIAL:
                raise ValueError(f"not a list of literals: {alt!r}")
            else:
                parts.append((alt[i],))
                i += 1
        found.extend("".join(p) for p in itertools.product(*parts))
    return tuple(found)


def literal_trie(*patterns: re.Pattern) -> re.Pattern:
    """One pattern that matches where any of ``patterns`` (lists of literals, same flags)
    does, as a trie."""
    if len({p.flags for p in patterns}) > 1:
        raise ValueError("patterns with different flags")
    trie: dict = {}
    for pattern in patterns:
        for word in literals(pattern.pattern):
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}
    return re.compile(_branch(trie), patterns[0].flags)


def _branch(node: dict) -> str:
    if "" in node:
        return ""       # a word ends here: a search needs no longer match
    alts = [re.escape(ch) + _branch(child) for ch, child in sorted(node.items())]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
