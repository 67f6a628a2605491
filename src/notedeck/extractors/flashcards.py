"""Flashcards a note already spells out, in the syntax of two Obsidian plugins.

Spaced Repetition plugin, in notes it reads as flashcard notes (tagged ``#flashcards`` or
``#flashcards/...``, in the frontmatter or the body); elsewhere ``Term:: text`` is an
ordinary line (a Dataview field), left to the other extractors:
  sr-single        ``Question::Answer`` on one line (``:::``: both directions)
  sr-multiline     question lines, a line ``?`` (``??``: both directions), answer lines;
                   the card ends at a blank line (code blocks, lists and formulas in it
                   are kept)
  sr-cloze         a paragraph with ``==deletions==`` or ``{{c1::deletions}}``
Obsidian_to_Anki, anywhere:
  o2a              ``START`` / note type / first field / ``Back:`` ... / ``Tags: a b`` /
                   ``END``, for the note types Basic, Basic (and reversed card), Basic
                   (optional reversed card), Basic (type in the answer) and Cloze

A separator inside code, math or a cloze is text. A card's key is its question (a cloze's
text without its answers), never its answer. These lines are the note's own cards: the
other extractors make none from them (extractors.extract).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..model import field_text, frozen_fields
from ..reading.document import (
    Block,
    Document,
    Inline,
    ListBlock,
    Paragraph,
    Section,
)
from ..reading.render import block_html
from .base import Candidate, Rejected, section_label, walk_blocks
from .clozes import Numbers, blanked, cloze_html, deletions
from .text import normalize_key

FLASHCARD_TAG = "flashcards"
_O2A_TYPES = {      # note type -> (fields, kind, both directions)
    "Basic": (("Front", "Back"), "basic", False),
    "Basic (and reversed card)": (("Front", "Back"), "basic", True),
    "Basic (optional reversed card)": (("Front", "Back", "Add Reverse"), "basic", None),
    "Basic (type in the answer)": (("Front", "Back"), "basic", False),
    "Cloze": (("Text", "Back Extra"), "cloze", False),
}


@dataclass(frozen=True)
class Unit:
    """A line of text (``text``) or a whole block, as a line-based syntax reads a note."""

    line: int
    end: int
    text: Inline | None = None
    block: Block | None = None


@dataclass
class _Card:
    units: list[Unit] = field(default_factory=list)
    split: int = -1             # index of the "?" line
    kind: str = ""              # "", "multi", "cloze"
    both: bool = False


def flashcard_note(doc: Document) -> bool:
    """Whether the Spaced Repetition plugin reads the note's flashcards (its default tag)."""
    raw = doc.meta.get("tags") or ()
    tags = re.split(r"[,\s]+", raw) if isinstance(raw, str) else raw
    tags = [*(tags if isinstance(tags, (list, tuple)) else ()), *doc.tags]
    return any(str(t).lstrip("#").lower().split("/")[0] == FLASHCARD_TAG for t in tags)


def _separator(inline: Inline) -> tuple[int, int, bool] | None:
    """(where, how long, both directions) of the first ``:::``/``::`` outside code, math
    and Anki clozes."""
    inside = [(d.start, d.end) for d in deletions(inline)]
    for marker, both in ((":::", True), ("::", False)):
        at = inline.text.find(marker)
        while at >= 0 and (inline.literal(at) or any(s <= at < e for s, e in inside)):
            at = inline.text.find(marker, at + 1)
        if at >= 0:
            return at, len(marker), both
    return None


def _split_list(block: ListBlock) -> bool:
    return any(_separator(item.text) for item in block.items)


def units(section: Section, split_lists: bool) -> list[Unit]:
    """The section as its lines and blocks: a paragraph is its lines, a list whose items
    are ``Q::A`` cards (``split_lists``) its items, anything else one block."""
    out: list[Unit] = []
    for block in walk_blocks(section.blocks):
        end = max(block.end, block.line)
        if isinstance(block, Paragraph):
            lines = block.text.text.split("\n")
            offset = 0
            for n, part in enumerate(lines):
                last = block.line + n if n < len(lines) - 1 else max(end, block.line + n)
                text = block.text.slice(offset, offset + len(part))
                out.append(Unit(block.line + n, last, text=text))
                offset += len(part) + 1
        elif isinstance(block, ListBlock) and split_lists and _split_list(block):
            out += [Unit(item.line, item.line, text=item.text) for item in block.items]
        else:
            out.append(Unit(block.line, end, block=block))
    return out


def _html(units_: list[Unit], inline=Inline.html) -> str:
    """Lines joined by <br>, blocks as they are."""
    out: list[str] = []
    text = False
    for u in units_:
        if u.text is not None:
            out.append(("<br>" if text else "") + inline(u.text))
            text = True
        else:
            piece = block_html(u.block, inline)
            if piece:
                out.append(piece)
                text = False
    return "".join(out).strip()


def _inlines(u: Unit) -> Iterator[Inline]:
    if u.text is not None:
        yield u.text
    elif isinstance(u.block, ListBlock):
        for item in u.block.items:
            yield item.text


def _cloze_fields(units_: list[Unit]) -> tuple[str, str]:
    """(the Text field, the text the card's key is made of)."""
    numbers = Numbers([d.number for u in units_ for i in _inlines(u) for d in deletions(i)])
    text = _html(units_, lambda inline: cloze_html(inline, numbers))
    about = " ".join(blanked(i) for u in units_ for i in _inlines(u))
    return text, about


@dataclass(frozen=True)
class _Where:
    doc: Document
    section: Section
    seen: set           # cloze keys given out in this note

    def card(self, kind: str, fields: dict, about: str, line: int, end: int, rule: str,
             both: bool = False, tags: tuple[str, ...] = ()) -> Candidate | Rejected:
        """A card made of ``fields`` (HTML), its key made of ``about`` (its question, or its
        cloze text without the answers)."""
        key = normalize_key(field_text(about))
        if kind == "cloze":
            if not key or key in self.seen:      # "==A== is ==B==": the answers tell them apart
                key = normalize_key(field_text(fields["text"]))
            self.seen.add(key)
            if "{{c" not in fields["text"]:
                return Rejected(kind, field_text(fields["text"])[:80], "no cloze deletion", line)
        if not key:
            return Rejected(kind, field_text(about)[:80] or "::", "nothing to ask", line)
        return Candidate(kind, key, frozen_fields(**{k: v for k, v in fields.items() if v}),
                         line, section_label(self.doc, self.section), rule, 1.0, end_line=end,
                         reverse=both, tags=tags)


# ---- the Spaced Repetition plugin ------------------------------------------------------

def _sr_chunk(where: _Where, chunk: list[Unit]) -> Iterator[Candidate | Rejected]:
    """One run of lines with no blank line in it, read as the plugin reads it."""
    card = _Card()
    for u in chunk:
        if u.text is not None:
            found = _separator(u.text)
            if found:
                at, size, both = found
                front, back = u.text.slice(0, at).strip(), u.text.slice(at + size).strip()
                yield where.card("basic", {"front": front.html(), "back": back.html()},
                                 front.html(), u.line, u.end, "sr-single", both)
                card = _Card()
                continue
            line = u.text.text.strip()
            if line in ("?", "??") and card.units:
                card.kind, card.both = "multi", line == "??"
                card.split = len(card.units) if card.split < 0 else card.split
            elif not card.kind and any(deletions(u.text)):
                card.kind = "cloze"
        elif not card.kind and any(deletions(i) for i in _inlines(u)):
            card.kind = "cloze"
        card.units.append(u)
    if card.kind == "multi":
        front, back = card.units[:card.split], card.units[card.split + 1:]
        yield where.card("basic", {"front": _html(front), "back": _html(back)}, _html(front),
                         card.units[0].line, card.units[-1].end, "sr-multiline", card.both)
    elif card.kind == "cloze":
        text, about = _cloze_fields(card.units)
        yield where.card("cloze", {"text": text}, about, card.units[0].line,
                         card.units[-1].end, "sr-cloze")


def _chunks(units_: list[Unit]) -> Iterator[list[Unit]]:
    chunk: list[Unit] = []
    for u in units_:
        if chunk and u.line > chunk[-1].end + 1:
            yield chunk
            chunk = []
        chunk.append(u)
    if chunk:
        yield chunk


# ---- Obsidian_to_Anki ------------------------------------------------------------------

def _o2a(where: _Where, body: list[Unit], start: int, end: int) -> Candidate | Rejected:
    head = body[0].text.text.strip() if body and body[0].text is not None else ""
    if head not in _O2A_TYPES:
        return Rejected("basic", head or "START", "not an Obsidian_to_Anki note type notedeck "
                        f"knows ({', '.join(_O2A_TYPES)})", start)
    names, kind, both = _O2A_TYPES[head]
    fields: dict[str, list[Unit]] = {name: [] for name in names}
    current, tags = names[0], ()
    for u in body[1:]:
        if u.text is not None:
            text = u.text.text
            if text.startswith("Tags: ") and u is body[-1]:
                tags = tuple(t for t in text[6:].split() if t)
                continue
            name = next((n for n in names if text.startswith(n + ":")), None)
            if name is not None:
                current = name
                rest = u.text.slice(len(name) + 1).strip()
                if rest.text:
                    fields[current].append(Unit(u.line, u.end, text=rest))
                continue
        fields[current].append(u)
    if kind == "cloze":
        text, about = _cloze_fields(fields["Text"])
        return where.card("cloze", {"text": text, "extra": _html(fields["Back Extra"])}, about,
                          start, end, "o2a", tags=tags)
    front = fields["Front"]
    if both is None:
        both = bool(_html(fields["Add Reverse"]))
    return where.card("basic", {"front": _html(front), "back": _html(fields["Back"])},
                      _html(front), start, end, "o2a", both, tags)


def _is(u: Unit, word: str) -> bool:
    return u.text is not None and u.text.text.strip() == word


def _o2a_blocks(where: _Where, units_: list[Unit]):
    """(cards, the units outside START ... END)."""
    found, rest, i = [], [], 0
    while i < len(units_):
        if _is(units_[i], "START"):
            end = next((j for j in range(i + 1, len(units_)) if _is(units_[j], "END")), None)
            if end is None:
                found.append(Rejected("basic", "START", "START with no END", units_[i].line))
                break
            found.append(_o2a(where, units_[i + 1:end], units_[i].line, units_[end].end))
            i = end + 1
            continue
        rest.append(units_[i])
        i += 1
    return found, rest


def _has_block(doc: Document) -> bool:
    """A quick look for a line ``START`` before reading a note line by line."""
    return any(isinstance(b, Paragraph) and "START" in b.text.text
               and any(line.strip() == "START" for line in b.text.text.split("\n"))
               for section in doc.sections for b in walk_blocks(section.blocks))


def flashcards(doc: Document) -> Iterator[Candidate | Rejected]:
    """Every flashcard the note writes out, in order."""
    sr, seen = flashcard_note(doc), set()
    if not sr and not _has_block(doc):
        return
    for section in doc.sections:
        where = _Where(doc, section, seen)
        found, rest = _o2a_blocks(where, units(section, sr))
        yield from found
        if sr:
            for chunk in _chunks(rest):
                yield from _sr_chunk(where, chunk)
