"""acronym: an abbreviation and its expansion, checked letter by letter.

Forms: ``Long Name (ABBR)``, ``ABBR (Long Name)``, ``ABBR stands for A, B and C`` (also
``is short for``, ``=``, ``:``), bold initials (``**A**ccessible, **R**esponsive``); one
letter a line (acrostic.py); ``ABBR – long name``, a glossary entry whose definition opens
with the long name, a unit's contraction ``kilocalorie (kcal)`` (acronymforms.py).
The check: every word of the expansion starts with the next letter; small words (of, and)
may be skipped; one word may also cover the next letters when they appear inside it
(Interpersonal Neurobiology -> IPNB, Polyvagal Theory -> PVT). A parenthesis that does not
spell its words (``Vertical Integration (PVT)``) is a cross-reference, and a capitalised
token never expanded in the note (LLM, a brand name) gives no card: both are reported.
"""
from __future__ import annotations

import re

from ..model import frozen_fields
from ..reading.clean import section_inlines
from ..reading.document import Document, Inline
from .acronymforms import other_forms, singular_end
from .acrostic import acrostics
from .base import Candidate, Extractor, Rejected, section_label
from .letters import PASSES, abbr_letters, expand, is_abbr

_ABBR = r"[A-Z][A-Za-z0-9&.\-]{1,11}"
# The same, not after a word character or a dot. The look behind comes after the capital
# (it checks the two characters before and at it): a pattern that opens with a capital is
# searched capital to capital, one that opens with a look behind position by position.
_ABBR_ALONE = r"[A-Z](?<![\w.][A-Z])[A-Za-z0-9&.\-]{1,11}"
_PAREN_AFTER = re.compile(r"\((" + _ABBR + r")\)")
_PAREN_EXPANDS = re.compile(r"(" + _ABBR_ALONE + r")\s+\(([^()]{3,90})\)")
_STANDS = re.compile(r"(" + _ABBR_ALONE + r"(?: [A-Z]{2,6})?)(?:\s+(?:acronym|mnemonic))?"
                     r"\s*(?:,\s*(?:which\s+|that\s+)?)?"
                     r"(?:stands for|is short for|is an acronym for|abbreviates|=|:)"
                     r"\s*(.{3,200})", re.S)
_STANDS_WORDS = ("stands for", "short for", "acronym for", "abbreviates", "=", ":")
_INTRO = re.compile(r"\b(?:acronym|mnemonic|abbreviation)\s+$", re.I)
_TOKEN = re.compile(r"([A-Z](?<![\w.][A-Z])(?:\.?[A-Z0-9]){1,9}\.?)(?![\w])")
_WORD = re.compile(r"[A-Za-z0-9][\w’'\-]*")


def long_form_before(text: str, end: int, token: str) -> list[str] | None:
    """The shortest run of words ending at ``end`` that spells ``token``."""
    before = text[max(0, end - 240):end]     # a long form is a few words: never look further
    cut = max(before.rfind(c) for c in ".;:!?()[]—–\n")
    words = _WORD.findall(before[cut + 1:])
    letters = abbr_letters(token)
    sizes = range(1, min(len(words), len(letters) + 4) + 1)
    fits: list[list[str]] = []
    for small, inword in PASSES:
        fits = [found for size in sizes
                if (found := expand(token, words[-size:], small, inword)) is not None]
        if fits:
            break
    # One word per letter beats a word that hides a letter inside it ("Core Conflictual
    # Relationship Theme" over "Conflictual" spelling C+C); else the shortest fit.
    whole = [f for f in fits if len(f) == len(letters)]
    return (whole or fits or [None])[0]


def _list_entries(text: str) -> list[str]:
    text = re.split(r"\s[—–]\s|[—–;.(]|\s-\s", text, maxsplit=1)[0]
    parts = re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s*&\s*|\s*/\s*|\s*\+\s*", text)
    return [p.strip(" “”\"'") for p in parts if p.strip(" “”\"'")]


def stands_for(token: str, tail: str) -> list[str] | None:
    entries = _list_entries(tail)
    letters = abbr_letters(token)
    if len(entries) > len(letters) and entries[len(letters)][:1].islower():
        entries = entries[: len(letters)]   # "..., Paired muscle relaxation, and is a skill"
    if len(entries) == len(letters) and all(
            e[:1].lower() == c.lower() for e, c in zip(entries, letters)):
        return entries
    if entries:     # "CBT stands for cognitive behavioral therapy[, a treatment ...]"
        return expand(token, _WORD.findall(entries[0]))
    return None


def bold_initials(inline: Inline) -> tuple[str, list[str]] | None:
    """``**A**ccessible, **R**esponsive, and **E**ngaged`` -> ("ARE", [...])."""
    text, run = inline.text, []
    for s, e in sorted(inline.strong):
        if e - s > 2 or not text[s:e].isalpha() or not text[s].isupper():
            continue
        if s > 0 and text[s - 1].isalnum():
            continue
        m = _WORD.match(text, s)
        if not m or m.end() <= e:
            continue
        between = text[run[-1][2]:s] if run else ""
        # Letters may be followed by a few words ("**R**ecognize what is happening, **A**llow")
        # but a run never crosses a sentence.
        if run and (len(between) > 80 or re.search(r"[.;:!?]\s|\n", between)
                    and not re.fullmatch(r"[^()]*\([^()]*\)[^()]*", between)):
            if len(run) >= 2:
                break
            run = []
        run.append((text[s:e], m.group(0), m.end()))
    if len(run) < 2:
        return None
    return "".join(r[0] for r in run), [r[1] for r in run]


def _display(doc_text: str, letters: str) -> str:
    dotted = ".".join(letters) + "."
    return dotted if dotted in doc_text else letters


def extract(doc: Document):
    texts = [(inline, sec, line) for sec in doc.sections for inline, line in section_inlines(sec)]
    whole = "\n".join(i.text for i, _, _ in texts)
    seen: set[str] = set()

    def card(token, entries, sec, line, rule, confidence):
        key = abbr_letters(token).upper()
        if key in seen:
            return None
        seen.add(key)
        return Candidate("acronym", key, frozen_fields(
            acronym=Inline(token).html(), expansion=tuple(Inline(e).html() for e in entries)),
            line, section_label(doc, sec), rule, confidence)

    title = doc.title
    for inline, sec, line in texts:
        text = inline.text
        if text == title and sec.level <= 1:
            continue        # "Frequently Asked Questions (FAQ) for X": the page's own name
        found = bold_initials(inline)
        if found:
            c = card(_display(whole, found[0]), found[1], sec, line, "bold-initials", 0.9)
            if c:
                yield c
        # Cheap looks first: the patterns below backtrack at every capital letter.
        paren, stands = "(" in text, any(map(text.__contains__, _STANDS_WORDS))
        for m in _PAREN_AFTER.finditer(text) if paren else ():
            token = m.group(1)
            if not is_abbr(token):
                continue
            entries = long_form_before(text, m.start(), token)
            if entries:
                c = card(token, singular_end(token, entries), sec, line, "long-name-abbr", 0.9)
                if c:
                    yield c
            elif abbr_letters(token).upper() not in seen:
                words = " ".join(_WORD.findall(text[max(0, m.start() - 60):m.start()])[-3:])
                yield Rejected("acronym", token, f"letters do not match '{words}'", line)
        for m in _PAREN_EXPANDS.finditer(text) if paren else ():
            if is_abbr(m.group(1)):
                entries = expand(m.group(1), _WORD.findall(m.group(2)))
                if entries:
                    c = card(m.group(1), entries, sec, line, "abbr-long-name", 0.85)
                    if c:
                        yield c
        for m in _STANDS.finditer(text) if stands else ():
            token = m.group(1).rsplit(". ", 1)[-1]    # "aid DABDA. DABDA stands for"
            link = text[m.end(1):m.start(2)]
            said = any(w in link for w in ("stand", "short", "acronym", "abbreviat"))
            # "X: A, B, C" / "X = A, B" only where the note says X is an acronym or X opens
            # the line; a bare colon after capitals is too common otherwise.
            if is_abbr(token) and (said or m.start() == 0
                                    or _INTRO.search(text[max(0, m.start() - 30):m.start()])):
                entries = stands_for(token, m.group(2))
                if entries:
                    c = card(token, entries, sec, line, "stands-for", 0.9)
                    if c:
                        yield c
    for token, entries, sec, line in acrostics(doc):
        c = card(token, entries, sec, line, "letter-lines", 0.9)
        if c:
            yield c
    for token, entries, sec, line, rule in other_forms(doc, texts):
        c = card(token, entries, sec, line, rule, 0.85)
        if c:
            yield c
    for token in sorted({t for i, _, _ in texts for t in _TOKEN.findall(i.text)}):
        if is_abbr(token) and abbr_letters(token).upper() not in seen and token.isupper():
            yield Rejected("acronym", token, "no expansion in this note", 0)


EXTRACTOR = Extractor("acronym", "acronym", extract)
__all__ = ["EXTRACTOR", "expand"]
