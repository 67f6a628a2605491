"""Acronym forms that need a whole entry or a word's letters, beside acronym.py's own.

  dash          ``BATNA – best alternative to a negotiated agreement``: a dash after the
                abbreviation and words that spell it, every letter
  definition    a glossary entry or definition-list term that is an abbreviation, its
                definition opening with the words it stands for (``SSH`` / ``The Secure
                Shell protocol used for ...``)
  contraction   ``kilocalorie (kcal)``, ``kilojoules (kJ)``: a lowercase abbreviation whose
                letters are in the one word before it, in order, starting with its first
  alone         an abbreviation alone on its line or heading, the next line (or heading, or
                paragraph) opening with the words it stands for (``ACTH`` / ``Adrenocortico-
                tropic Hormone``: abbreviation lists, glossaries read as text)
  is            ``RNA is ribonucleic acid, which ...``: the words right after "is" spell it
  table         a table row whose first cell is an abbreviation and whose next cell opens
                with the words it stands for (``| TCP | Transmission Control Protocol |``)
  spaced        ``CPU<tab>Central Processing Unit``: an abbreviation list in columns (plain
                text, PDF exports), a tab or a run of spaces after the abbreviation

A plural long form of a singular abbreviation ("alcohol use disorders (AUD)") is given in
the singular, as the abbreviation stands for one.
"""
from __future__ import annotations

import re

from ..reading.document import DefList, Paragraph, Table
from ..reading.plaintext import abbreviates
from .base import walk_blocks
from .letters import PASSES, abbr_letters, expand, is_abbr

_ABBR = r"[A-Z][A-Za-z0-9&.\-]{1,11}"
_DASHED = re.compile(r"(?<![\w.])(" + _ABBR + r")\s+[–—-]\s+([A-Za-z][^.;:()\n]{3,160})")
_CONTRACTION = re.compile(r"\b([A-Za-z][a-z]{3,30})\s*\(([a-z][A-Za-z]{1,3})\)")
_WORD = re.compile(r"[A-Za-z0-9][\w’'\-]*")
_ARTICLE = {"a", "an", "the"}
_ALONE = re.compile(r"^[#*\s]*(" + _ABBR + r")[\s*:]*$")
_SPACED = re.compile(r"^[#*\s]*(" + _ABBR + r")\**(?:\t|[ \xa0]{2,})\s*([A-Za-z].{2,160})$", re.M)
_IS = re.compile(r"(?<![\w.])(" + _ABBR + r")\s+(?:is|are|means)\s+(?=[a-z])")


def singular_end(token: str, entries: list[str]) -> list[str]:
    last = entries[-1] if entries else ""
    if token[-1:].isupper() and re.fullmatch(r"[a-z]+[^siu]s", last):
        return entries[:-1] + [last[:-1]]
    return entries


def _opening(token: str, text: str) -> list[str] | None:
    """The words opening ``text`` that spell ``token`` (an article may come first)."""
    spans = list(_WORD.finditer(text))[:len(abbr_letters(token)) + 4]
    if spans and spans[0].group(0).lower() in _ARTICLE:
        spans = spans[1:]
    words = [m.group(0) for m in spans]
    if not words or words[0][:1].lower() != token[:1].lower():
        return None     # the first letter already differs: no need to try every reading
    for small, inword in PASSES:
        for size in range(1, len(words) + 1):
            found = expand(token, words[:size], small, inword)
            if found is not None and inword and _name_goes_on(text, spans, size):
                continue    # "CT - Collecting Duct": not the C..t of "Collecting"
            if found is not None:
                # a long form whose small words spell letters is a phrase: every word counts
                # ("best alternative to a negotiated agreement")
                return words[:size] if small else found
    return None


def _whole(token: str, words: list[str]) -> list[str] | None:
    """A bare name spells the token with every word, or not at all (``CT`` is not
    "Collecting" of "Collecting Duct")."""
    return next((found for small, inword in PASSES
                 if (found := expand(token, words, small, inword)) is not None), None)


def _named(token: str, text: str) -> list[str] | None:
    """A cell or column that names what ``token`` stands for: the name ends at a dash, a
    bracket or a full stop ("Mini-mental state examination - used to assess ...") and is
    the whole expansion or none."""
    words = _WORD.findall(re.split(r"\s[–—-]\s|[(.;:]", text, maxsplit=1)[0])
    return _whole(token, words) if 0 < len(words) <= 8 else None


def _name_goes_on(text: str, spans, size: int) -> bool:
    """The capitalised name read so far runs on into the next capitalised word, with no
    punctuation between: letters found inside its words belong to a longer name."""
    if size >= len(spans) or not spans[size - 1].group(0)[:1].isupper():
        return False
    between = text[spans[size - 1].end():spans[size].start()]
    return spans[size].group(0)[:1].isupper() and not between.strip()


def _alone(token_line: str, after: str) -> tuple[str, list[str]] | None:
    """A line that is a bare name ("Collecting Duct") is the expansion whole, or none; a
    sentence ("The International Standardization Organisation is ...") opens with it."""
    m = _ALONE.match(token_line)
    if m is None or not is_abbr(m.group(1)):
        return None
    token = m.group(1)
    words = _WORD.findall(after)
    if not words or words[0][:1].lower() != token[:1].lower() \
            and not (words[0].lower() in _ARTICLE and words[1:2]
                     and words[1][:1].lower() == token[:1].lower()):
        return None
    if len(words) <= 8 and not re.search(r"[.;:!?]\s|[.!?]$", after.strip()):
        entries = _whole(token, words)
    else:
        entries = _opening(token, after)
    return (token, entries) if entries else None


def _clause_ends(rest: str, entries: list[str]) -> bool:
    """"RNA is ribonucleic acid, which ...": the long form ends its clause; "BC is because
    the ..." only starts one."""
    end = rest.find(entries[-1])
    after = rest[end + len(entries[-1]):] if end >= 0 else " x"
    return not after.strip() or after[:1] in ",.;:)(" or after.lstrip()[:1] == "("


def _alone_forms(doc, texts):
    """An abbreviation alone on a line or as a heading, the next text opening with the
    words it stands for."""
    for inline, sec, line in texts:
        if "\n" not in inline.text:
            continue
        parts = inline.text.split("\n")
        for n, (a, b) in enumerate(zip(parts, parts[1:])):
            found = _alone(a, b)
            if found:
                yield found[0], found[1], sec, line + n, "alone"
    for index, sec in enumerate(doc.sections):
        if sec.heading is None:
            continue
        first = next(iter(walk_blocks(sec.blocks)), None)
        after = first.text.text.split("\n")[0] if isinstance(first, Paragraph) else (
            doc.sections[index + 1].title if first is None and index + 1 < len(doc.sections)
            else "")
        found = _alone(sec.title, after) if after else None
        if found:
            yield found[0], found[1], sec, sec.line, "alone"


def other_forms(doc, texts):
    """(token, entries, section, line, rule) for the forms above."""
    yield from _alone_forms(doc, texts)
    for inline, sec, line in texts:
        text = inline.text
        if " is " in text or " are " in text or " means " in text:
            for m in _IS.finditer(text):
                if is_abbr(m.group(1)) and m.group(1).isupper():
                    entries = _opening(m.group(1), text[m.end():m.end() + 120])
                    if entries and (len(entries) > 1 or len(entries[0]) >= 9) \
                            and _clause_ends(text[m.end():], entries):
                        yield m.group(1), entries, sec, line, "is"
        if " – " in text or " — " in text or " - " in text:
            for m in _DASHED.finditer(text):
                if is_abbr(m.group(1)):
                    entries = _opening(m.group(1), m.group(2))
                    if entries:
                        yield m.group(1), entries, sec, line, "dash"
        if "(" in text:
            for m in _CONTRACTION.finditer(text):
                if m.group(2).lower() != m.group(1).lower() \
                        and abbreviates(m.group(2), m.group(1)):
                    yield m.group(2), [m.group(1)], sec, line, "contraction"
        if "\t" in text or "  " in text or "\xa0\xa0" in text:
            for m in _SPACED.finditer(text):
                if is_abbr(m.group(1)):
                    entries = _named(m.group(1), m.group(2))
                    if entries:
                        at = line + text.count("\n", 0, m.start())
                        yield m.group(1), entries, sec, at, "spaced"
    for sec in doc.sections:
        for block in walk_blocks(sec.blocks):
            if isinstance(block, Table):
                yield from _table_forms(block, sec)
            if isinstance(block, DefList):
                for item in block.items:
                    token = item.term.text.strip()
                    if is_abbr(token) and token.isupper():
                        entries = _opening(token, item.definition.text)
                        if entries:
                            yield token, entries, sec, item.line, "definition"



def _table_forms(table, sec):
    """``| TCP | Transmission Control Protocol |``: the row's first cell an abbreviation, the
    next opening with the words it stands for (abbreviation tables in docs and glossaries)."""
    lines = table.row_lines or (table.line,) * len(table.rows)
    for row, line in zip(table.rows, lines):
        if len(row) < 2:
            continue
        token = row[0].text.strip()
        if is_abbr(token) and token.isupper():
            entries = _named(token, row[1].text)
            if entries:
                yield token, entries, sec, line, "table"
