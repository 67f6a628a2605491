"""Cloze deletions written in a note, as Anki's cloze syntax.

A note marks a deletion as a highlight (``==Paris==``, the Spaced Repetition plugin's
default; ``==2;;Paris==`` puts it in cloze 2, ``==Paris;;a city==`` gives a hint) or in
Anki's own syntax (``{{c1::Paris}}``, ``{{c1::Paris::a city}}``). Deletions without a
number are numbered in order after the numbered ones, each its own card, as the plugin
asks them. Code and math are never a deletion, and nothing else in the text can open,
close or split one.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..reading.document import Inline

# bounded, so a line of a thousand unclosed "{{c1::" stays linear
_ANKI = re.compile(r"\{\{c(\d{1,3})::(.{1,500}?)(?:::(.{0,200}?))?\}\}", re.S)
_SR = re.compile(r"(?:(\d{1,3});;)?(.+?)(?:;;(.*))?", re.S)


@dataclass(frozen=True)
class Deletion:
    start: int          # the deletion's markup in the text (Anki's braces included)
    end: int
    answer: tuple[int, int]
    number: int         # 0: numbered in order
    hint: str


def deletions(inline: Inline) -> list[Deletion]:
    """The cloze deletions of ``inline``, in order."""
    found = []
    for s, e in inline.marked:
        if inline.literal(s):
            continue
        m = _SR.fullmatch(inline.text, s, e)
        if m and m.group(2).strip():
            found.append(Deletion(s, e, m.span(2), int(m.group(1) or 0), m.group(3) or ""))
    if "{{c" in inline.text:
        for m in _ANKI.finditer(inline.text):
            if not inline.literal(m.start()) and m.group(2).strip() and \
                    not any(d.start < m.end() and m.start() < d.end for d in found):
                found.append(Deletion(m.start(), m.end(), m.span(2), int(m.group(1)) or 1,
                                      m.group(3) or ""))
    return sorted(found, key=lambda d: d.start)


def inert(fragment: str) -> str:
    """A deletion's text, which must not close or split it: a zero-width space between the
    braces and colons (invisible; TeX inside a formula is spaced instead, Inline.html)."""
    for seq in ("{{", "}}", "::"):
        fragment = fragment.replace(seq, seq[0] + "\u200b" + seq[1])
    return fragment


_OPENS = re.compile(r"\{(?=\{c\d+::)")


def _between(fragment: str) -> str:
    """Text between deletions: only what would open one (``{{c1::`` in code) is broken."""
    return _OPENS.sub("{\u200b", fragment)


class Numbers:
    """Cloze numbers for one card's text: numbered deletions keep theirs, the others take
    the next free ones in order."""

    def __init__(self, given: list[int]):
        self.used = {n for n in given if n}
        self.last = 0

    def next(self, number: int) -> int:
        if number:
            return number
        self.last += 1
        while self.last in self.used:
            self.last += 1
        self.used.add(self.last)
        return self.last


def cloze_html(inline: Inline, numbers: Numbers) -> str:
    """``inline`` as HTML with its deletions as Anki clozes."""
    out, pos, found = [], 0, deletions(inline)
    inline = dataclasses.replace(inline, marked=())     # a highlight is a deletion here
    for d in found:
        a, b = d.answer
        hint = f"::{inert(Inline(d.hint.strip()).html())}" if d.hint.strip() else ""
        out.append(_between(inline.slice(pos, d.start).html()))
        out.append(f"{{{{c{numbers.next(d.number)}::{inert(inline.slice(a, b).strip().html())}"
                   f"{hint}}}}}")
        pos = d.end
    out.append(_between(inline.slice(pos).html()))
    return "".join(out)


def blanked(inline: Inline) -> str:
    """The text with its deletions left out: what a cloze card is about, whatever the
    answers (its identity survives a corrected answer)."""
    out, pos = [], 0
    for d in deletions(inline):
        out.append(inline.text[pos:d.start])
        out.append(" … ")
        pos = d.end
    return "".join(out) + inline.text[pos:]
