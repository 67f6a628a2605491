"""The card lock: ``cards/<deck>.json``, the only state kept between builds.

It records every card ever shipped in a deck (GUID, kind, key, content hash, the ``mod``
written to Anki, the version it first appeared and last changed in, live or retired), the
note identity each note file's GUIDs derive from (so a renamed file keeps its GUIDs), the
published note types, and the version history. Sorted and indented, to be committed
beside the notes and read in a diff.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import Any, Iterator

from .fsutil import atomic_write
from .model import json_text

LOCK_FORMAT = 1


@dataclass(slots=True)        # slots: a lock of a big vault holds a million of them
class LockedCard:
    kind: str
    key: str
    note_id: str
    source: str
    deck: str
    hash: str
    mod: int
    added: str
    changed: str
    fields: dict[str, Any]
    tags: list[str]
    status: str = "live"           # "live" or "retired"
    retired: str = ""              # version it was retired in
    first_deck: str = ""           # the deck it was first imported into
    reverse: bool = True           # terms: the note has the definition -> term card
    link: str = ""                 # the note's link back to its source (tombstones keep it)


@dataclass
class Lock:
    deck: str
    version: str = ""              # the newest version written ("" before the first build)
    versions: list[dict[str, Any]] = field(default_factory=list)
    notetypes: dict[str, dict[str, Any]] = field(default_factory=dict)
    style: str = ""
    notes: dict[str, str] = field(default_factory=dict)     # source path -> note identity
    cards: dict[str, LockedCard] = field(default_factory=dict)
    # Where each card's line is in the text the lock was loaded from (``text``), by GUID,
    # with the very object made from it: a card the build did not touch (most of them) is
    # written back as it was read instead of being encoded again. Entries are replaced when
    # they change, never edited in place (versioning), so "the same object" means "the
    # same text". Offsets, not copies: a 100k-card lock is 100 MB.
    loaded: dict[str, tuple[LockedCard, int, int]] = field(default_factory=dict, repr=False,
                                                           compare=False)
    text: str = field(default="", repr=False, compare=False)

    def to_json(self) -> str:
        """Sorted, one card per line: a diff of the lock reads card by card."""
        return "".join(self.json_pieces())

    def json_pieces(self) -> Iterator[str]:
        """to_json, a few thousand cards at a time."""
        head = {
            "format": LOCK_FORMAT,
            "deck": self.deck,
            "version": self.version,
            "versions": self.versions,
            "notetypes": dict(sorted(self.notetypes.items())),
            "style": self.style,
            "notes": dict(sorted(self.notes.items())),
        }
        text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
        enc, loaded, source = _encode, self.loaded, self.text
        yield text + ',\n "cards": {\n'
        cards: list[str] = []
        sep = ""
        for g in sorted(self.cards):
            c, was = self.cards[g], loaded.get(g)
            cards.append(source[was[1]:was[2]] if was is not None and was[0] is c
                         else f" {enc(g)}: {enc(dict(zip(_NAMES, _values(c))))}")
            if len(cards) == 4096:
                yield sep + ",\n".join(cards)
                cards, sep = [], ",\n"
        if cards:
            yield sep + ",\n".join(cards)
        yield "\n }\n}\n"


_NAMES = tuple(f.name for f in fields(LockedCard))
_FIELDS = frozenset(_NAMES)
_values = attrgetter(*_NAMES)
_SETTERS = tuple(getattr(LockedCard, name).__set__ for name in _NAMES)


def _plain(value):
    if isinstance(value, Mapping):      # a cached card's fields, read only now
        return value.copy() if hasattr(value, "copy") else dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


# json_text, plus the read-only mappings a lock entry's fields may be (same bytes).
_encode = json.JSONEncoder(ensure_ascii=False, default=_plain).encode


def locked_card(d: dict) -> LockedCard:
    """A LockedCard from its JSON object. A complete one sets the slots directly:
    the generated __init__ with 16 keyword arguments was half the time of reading a lock."""
    if d.keys() != _FIELDS:
        return LockedCard(**d)      # an older lock's missing defaults, or the usual TypeError
    card = object.__new__(LockedCard)
    for name, put in zip(_NAMES, _SETTERS):
        put(card, d[name])
    return card


class LockError(Exception):
    pass


def slug(deck: str) -> str:
    """A file-safe name for a deck: 'Psych::IPNB notes' -> 'Psych-IPNB-notes'."""
    return re.sub(r"[^\w.-]+", "-", deck.replace("::", "-")).strip("-.") or "deck"


def lock_path(cards_dir: Path, deck: str) -> Path:
    return cards_dir / f"{slug(deck)}.json"


_CARDS = ',\n "cards": {\n'


def load_lock(path: Path, deck: str) -> Lock:
    if not path.exists():
        return Lock(deck)
    try:
        text = path.read_text(encoding="utf-8")
        return load_text(text, deck)
    except LockError as exc:
        raise LockError(f"{path}: {exc}") from None
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        raise LockError(f"{path}: the card lock is damaged ({exc}); restore it from version "
                        "control — without it, new GUIDs would duplicate every card") from exc


def _lock_from(data: dict, deck: str, cards: dict[str, LockedCard]) -> Lock:
    if data.get("format") != LOCK_FORMAT:
        raise LockError(f"lock format {data.get('format')!r} is not {LOCK_FORMAT}; "
                        "upgrade notedeck")
    return Lock(deck=data.get("deck", deck), version=data.get("version", ""),
                versions=list(data.get("versions", [])),
                notetypes=dict(data.get("notetypes", {})), style=data.get("style", ""),
                notes=dict(data.get("notes", {})), cards=cards)


def load_text(text: str, deck: str) -> Lock:
    """A lock from its JSON text. When the text is laid out as to_json writes it (one card
    per line, in GUID order), each card's line is kept for to_json to write back."""
    data = json.loads(text)
    cards = {g: locked_card(c) for g, c in data.get("cards", {}).items()}
    lock = _lock_from(data, deck, cards)
    lock.loaded = _line_offsets(text, cards)
    lock.text = text if lock.loaded else ""
    return lock


def _line_offsets(text: str, cards: dict[str, LockedCard]) -> dict[str, tuple]:
    """Each card's line in ``text``, if it is laid out as to_json writes it (one card per
    line, in GUID order, nothing else); else {}. JSON escapes newlines inside strings, so
    a line ends at the first ",\n" (the last one at the closing braces)."""
    start = text.find(_CARDS)
    end = "\n }\n}\n"
    if start < 0 or not text.endswith(end) or not cards:
        return {}
    pos, out, last = start + len(_CARDS), {}, len(text) - len(end)
    for g, c in cards.items():
        if not text.startswith(f' "{g}": ', pos):
            return {}
        stop = text.find(",\n", pos, last)
        stop = last if stop < 0 else stop
        out[g] = (c, pos, stop)
        pos = stop + 2
    return out if pos == last + 2 else {}


def save_lock(path: Path, lock: Lock) -> None:
    atomic_write(path, lock.json_pieces())
