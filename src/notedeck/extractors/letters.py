"""Does a run of words spell an abbreviation? The letter check every acronym rule uses.

Every word of the expansion starts with the next letter; small words (of, and) may be
skipped; one word may also cover the next letters when they appear inside it
(Interpersonal Neurobiology -> IPNB, Polyvagal Theory -> PVT).
"""
from __future__ import annotations

import re

from .text import SMALL_WORDS

# compiled once: every acronym rule runs these on each candidate token and word
_NOT_LETTER = re.compile(r"[^A-Za-z0-9]")
_POSSESSIVE = re.compile(r"(’s|'s)$")


def abbr_letters(token: str) -> str:
    return _NOT_LETTER.sub("", token)


def is_abbr(token: str) -> bool:
    letters = abbr_letters(token)
    return 2 <= len(letters) <= 10 and sum(c.isupper() for c in letters) >= 2


def _word_covers(word: str, letters: str, small: bool = False,
                 inword: bool = True) -> list[int]:
    """How many of ``letters`` (from the first) this word can spell, most first."""
    w = word.lower()
    if not letters or not w.startswith(letters[0].lower()):
        return []
    if w in SMALL_WORDS and letters[0].isupper():
        # "and" never spells the A of ACT; "of" may spell the o of DoD
        return [1] if small else []
    counts, pos = [1], 1
    for k in range(1, len(letters) if inword else 1):
        # Later letters inside one word: only in long words (Neuro-biology), at most 3.
        if len(w) < 6 or k >= 3:
            break
        pos = w.find(letters[k].lower(), max(pos, 2))
        if pos < 0:
            break
        pos += 1
        counts.append(k + 1)
    return counts[::-1]


def expand(token: str, words: list[str], small: bool = False,
           inword: bool = True) -> list[str] | None:
    """The expansion entries when ``words`` (all of them) spell ``token``, else None.
    ``small``: a small word may spell a letter ("yield to maturity", YTM); only tried
    when nothing else spells the token (ACT is not "and Commitment Therapy").
    ``inword``: a word may spell letters inside it (Neuro-biology).

    Hyphenated words are tried part by part first (Mentalization-Based Treatment -> MBT
    gives three entries, one per letter), then whole (Co-regulation as one word)."""
    words = [_POSSESSIVE.sub("", w) for w in words]
    parts = [p for w in words for p in w.split("-") if p]
    if parts != words:
        found = _expand(token, parts, small, inword)
        if found is not None:
            return found
    return _expand(token, words, small, inword)


_EDITION = re.compile(r"-(?:[IVX]{1,4}|\d{1,2}|TR)$")
_PLURAL = re.compile(r"(?<=[A-Z]{2})s$")


def _expand(token: str, words: list[str], small: bool, inword: bool) -> list[str] | None:
    # DSM-IV spells D, S, M; OORMs (a plural) O, O, R, M
    letters = abbr_letters(_PLURAL.sub("", _EDITION.sub("", token)))

    def walk(li: int, wi: int, small: bool) -> list[str] | None:
        if wi == len(words):
            return [] if li == len(letters) else None
        word = words[wi]
        if li < len(letters):
            for size in _word_covers(word, letters[li:], small, inword):
                rest = walk(li + size, wi + 1, small)
                if rest is not None:
                    return [word] + rest
        if 0 < wi < len(words) - 1 and word.lower() in SMALL_WORDS:
            return walk(li, wi + 1, small)
        return None

    if not words or not words[0].lower().startswith(letters[:1].lower()):
        return None
    return walk(0, 0, small)


# The ways to read a run of words, surest first: a word per letter with no small word
# spelling one, then with small words, then letters inside words.
PASSES = ((False, False), (True, False), (False, True), (True, True))
