"""A DeckEntry's Anki note: its field values (rendered, sanitised, in note-type order),
the card ords it must have, its tags column, and the key of its row (package.row_key).

Rendering is done once per card, in the worker that extracted it (rendered_fields), and
cached; packaging only joins what is here. No genanki: cards.py renders with it.
"""
from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from typing import Sequence

from ..extractors.masking import mentions, reverse_question
from ..jsontext import RenderedJSON
from ..model import field_text
from ..versioning.clozes import item_numbers
from ..versioning.plan import DeckEntry
from .notetypes import (
    NOTETYPES,
    acronym_fields,
    definition_html,
    list_fields,
    plain_text,
)
from .sanitize import safe_link, sanitize_html

__all__ = ["note_fields", "rendered_fields", "row_key", "tag_text"]


def _context(entry: DeckEntry) -> str:
    """Note title › section path, without the note's H1 repeating the title ("🧭 X › X › Y")."""
    return _context_of(entry.card.note_title, entry.card.section)


def _context_without(context: str, term: str) -> str:
    """The context line of a term that also has a definition -> term card: without the
    parts that name the term (its own heading, a note named after it), which would give
    that card's answer away."""
    return " › ".join(p for p in context.split(" › ") if not mentions(p, term))


@lru_cache(maxsize=1024)        # a note's cards share a few sections
def _context_of(note_title: str, section: str) -> str:
    def norm(s: str) -> str:
        return "".join(ch for ch in s.casefold() if ch.isalnum())
    title = note_title.strip()
    path = [p.strip() for p in section.split("›") if p.strip()]
    return " › ".join([title] * bool(title) + [p for p in path if norm(p) != norm(title)])


def rendered_fields(card) -> RenderedJSON:
    """A live card's note fields, made once when the card is made (in a worker, and
    cached), so a rebuild after one edit does not render the whole deck again."""
    fields, ords = note_fields(DeckEntry(card, 0, (), link=card.link, reverse=card.reverse))
    return RenderedJSON.of(tuple(fields), ords)


def note_fields(entry: DeckEntry) -> tuple[list[str], tuple[int, ...]]:
    """The note's field values (sanitised, in note-type order) and the card ords it must have."""
    card = entry.card
    if card.rendered is not None and not entry.status and not entry.shown_source \
            and not entry.numbers and entry.link == card.link:
        fields, ords = card.rendered.fields_and_ords()     # (rendered for the card as it is)
        return list(fields), ords
    f = card.fields
    nt = NOTETYPES.get(card.kind)
    where = f"{card.source}:{card.line}"
    if nt is None:
        raise ValueError(f"{where}: unknown card kind {card.kind!r}")
    context = _context(entry)
    source = entry.shown_source or card.source
    image = str(f.get("image", ""))
    values = {
        "Context": html.escape(context, quote=False),
        # The file, not the line: a line number moves with every edit above the card, and a
        # field that changes without the card changing would be stale or churn the note.
        # (A renamed note's card shows its old file until it changes: compare.py.)
        "Source": html.escape(f"{context} · {source}" if context else source, quote=False),
        "Link": html.escape(safe_link(entry.link), quote=False),
        "Extra": f.get("extra", ""),
        "Status": html.escape(entry.status, quote=False),
        # a bare media file name becomes an <img>; HTML is kept (and sanitised) as it is
        "Image": f'<img src="{html.escape(image)}" alt="">' if image and "<" not in image else image,
    }
    ords: tuple[int, ...] = (0,)
    try:
        if card.kind == "term":
            term = field_text(str(f["term"]))
            # what the definition -> term card asks (cards.py); a lock entry from before
            # there was one gets it here
            question = (f.get("reverse") or reverse_question(term, str(f["definition"]))
                        or str(f["definition"])) if entry.reverse else ""
            definition = definition_html(str(f["definition"]))
            values.update(Term=f["term"], Definition=definition, Reverse=(
                definition if question == f["definition"] else definition_html(str(question))
            ) if question else "")
            if entry.reverse:
                values["Context"] = html.escape(_context_without(context, term), quote=False)
            ords = (0, 1) if entry.reverse else (0,)
        elif card.kind == "myth":
            values.update(Myth=f["myth"], Reframe=f["reframe"])
        elif card.kind == "qa":
            values.update(Question=f["question"], Answer=f["answer"])
        elif card.kind == "basic":
            values.update(Front=f["front"], Back=f["back"], Reverse="y" if entry.reverse else "")
            ords = (0, 1) if entry.reverse else (0,)
        elif card.kind == "cloze":
            values.update(Text=f["text"])
            ords = tuple(sorted({int(n) - 1 for n in _CLOZE.findall(str(f["text"]))}))
            if not ords:
                raise ValueError("a cloze card needs at least one cloze")
        elif card.kind == "acronym":
            acronym, expansion, letters, numbers = acronym_fields(str(f["acronym"]), f["expansion"])
            values.update(Acronym=acronym, Expansion=expansion, Letters=letters)
            ords = tuple(n - 1 for n in numbers)
        else:
            items, numbers = list_fields(f["items"], item_numbers(f["items"], entry.numbers)
                                         if entry.numbers else (), f.get("details", ()))
            values.update(Prompt=f["prompt"], Items=items)
            ords = tuple(n - 1 for n in numbers)
    except KeyError as e:
        raise ValueError(f"{where}: {card.kind} card has no field {e.args[0]!r}") from None
    except ValueError as e:
        raise ValueError(f"{where}: {e}") from None
    out = [_wrap_tables(sanitize_html(str(values.get(name, "")))) for name in nt.fields]
    if not plain_text(out[0]).strip():
        raise ValueError(f"{where}: {card.kind} card has an empty {nt.fields[0]} field")
    return out, ords


_CLOZE = re.compile(r"\{\{c(\d+)::")


def _wrap_tables(fragment: str) -> str:
    """A table scrolls sideways inside its own box instead of widening the whole card."""
    if "<table>" not in fragment or 'class="table-wrap"' in fragment:
        return fragment
    return fragment.replace("<table>", '<div class="table-wrap"><table>').replace(
        "</table>", "</table></div>")


def _tags(tags: Sequence[str]) -> list[str]:
    """Anki splits tags on whitespace: a space inside a tag would make two tags."""
    out: list[str] = []
    for tag in tags:
        tag = _tag(tag)
        if tag and tag not in out:
            out.append(tag)
    return out


@lru_cache(maxsize=4096)
def _tag(tag: str) -> str:       # a deck's cards share a handful of tags: clean each once
    return re.sub(r"\s+", "_", tag.strip())


def row_key(entry: DeckEntry) -> str | None:
    """What the entry's note row is made of, hashed; with the same notedeck code the same
    key means the same row (collection.py keeps it instead of rendering it again). The
    card's digest covers everything its pre-rendered fields come from. None: always write
    the row (tombstones, rendered from the lock each time)."""
    card = entry.card
    if entry.status or not card.digest or card.rendered is None:
        return None
    payload = (f"{card.guid}\x1f{card.kind}\x1f{card.deck}\x1f{card.digest}\x1f{entry.mod}"
               f"\x1f{tag_text(tuple(entry.tags))}\x1f{entry.link}\x1f{card.link}\x1f"
               f"{entry.reverse:d}{card.reverse:d}")
    if entry.shown_source or entry.numbers:     # (rare: the usual key stays as it was)
        payload += f"\x1f{entry.shown_source}\x1f{entry.numbers}"
    return hashlib.blake2b(payload.encode(), digest_size=12).hexdigest()


@lru_cache(maxsize=4096)
def tag_text(tags: tuple[str, ...]) -> str:
    """Anki's tags column (" a b "); a deck's notes share a few sets of tags."""
    return " " + " ".join(_tags(tags)) + " "
