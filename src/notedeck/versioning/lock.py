"""The card lock: ``cards/<deck>.json``, the only state kept between builds.

It records every card ever shipped in a deck (GUID, kind, key, content hash, the ``mod``
written to Anki, the version it first appeared and last changed in, live or retired), the
note identity each note file's GUIDs derive from (so a renamed file keeps its GUIDs), the
published note types, and the version history. Sorted and indented, to be committed
beside the notes and read in a diff.
"""
from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import Any, Iterator

from ..fsutil import atomic_write
from ..jsontext import LazyJSON, json_encoder
from ..model import plain_fields

LOCK_FORMAT = 1


@dataclass(slots=True, eq=False)   # slots: a lock of a big vault holds a million of them
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

    def __eq__(self, other):        # a card read from a lock equals the same card built
        if not isinstance(other, LockedCard):
            return NotImplemented
        return _values(self) == _values(other)

    __hash__ = None


class _CopiedPlain:
    """For LockedCards whose fields are kept elsewhere (on a lock's line, in a cached card):
    a copy (shallow or deep) or a pickle is a plain LockedCard, its fields a dict, and
    what held them stays behind."""
    __slots__ = ()

    def __copy__(self):
        return LockedCard(*_values(self))

    def __deepcopy__(self, memo):
        make, args = self.__reduce__()
        return copy.deepcopy(make(*args), memo)

    def __reduce__(self):
        values = dict(zip(_NAMES, _values(self)), fields=dict(self.fields))
        return (LockedCard, tuple(values.values()))


class _Read(_CopiedPlain, LockedCard):
    """A LockedCard as read from its line of a lock: where the line is (``_text``, a lock's
    text; ``_line``, start << 32 | length), so that, while the object is untouched, the
    line is written back as it was instead of being encoded again. Entries are replaced
    when they change, never edited in place (versioning), so "the same object" means "the
    same text"; a copy (shallow or deep) or a pickle is a plain LockedCard, and
    dataclasses.replace makes one without a line. Two slots and an int, not a table entry:
    a lock holds a million.

    Its fields, when they are one flat object on the line, are found there again when
    asked for (a build asks for a handful: changed and retired cards')."""
    __slots__ = ("_text", "_line")

    @property
    def fields(self) -> Mapping[str, Any]:
        value = _FIELDS_SLOT.__get__(self, _Read)
        if value is _ON_LINE:
            start, end = _line_in(self, self._text)
            a, b = fields_span(self._text[start:end], 0, end - start)
            value = _LineFields(self._text, start + a, start + b)
        return value

    @fields.setter
    def fields(self, value) -> None:
        _FIELDS_SLOT.__set__(self, value)


class _Built(_CopiedPlain, LockedCard):
    """A LockedCard of a cached card, made by locked_card: its fields slot holds the card's
    own fields (cardtext.LazyFields: tuples, not lists), read as their plain form (lists,
    as the lock has them). A view object less per card: a cold build of a big vault locks
    a million. A copy or a pickle is a plain LockedCard."""
    __slots__ = ()

    @property
    def fields(self) -> Mapping[str, Any]:
        value = _FIELDS_SLOT.__get__(self, _Built)
        plain = getattr(value, "plain", None)       # (unless set to something else since)
        return plain() if plain is not None else value

    @fields.setter
    def fields(self, value) -> None:
        _FIELDS_SLOT.__set__(self, value)


def locked_card(kind, key, note_id, source, deck, hash, mod, added, changed, fields, tags,
                **rest) -> LockedCard:
    """LockedCard(...) of a card's ``fields``: kept as they are when they can give their
    plain form (a cached card's, see _Built), else copied as model.plain_fields does."""
    if hasattr(fields, "plain"):
        return _Built(kind, key, note_id, source, deck, hash, mod, added, changed, fields,
                      tags, **rest)
    return LockedCard(kind, key, note_id, source, deck, hash, mod, added, changed,
                      plain_fields(fields), tags, **rest)


_FIELDS_SLOT = LockedCard.__dict__["fields"]
_ON_LINE = object()             # a _Read's fields: see _Read.fields


class _LineFields(LazyJSON):
    """A locked card's fields, as text on its line of the lock. Encoded again when the card
    is (a retired card's copy): the line may have been edited by hand or by a merge tool,
    with escapes or numbers written otherwise than notedeck writes them."""
    __slots__ = ()
    exact = False


@dataclass
class Lock:
    deck: str
    version: str = ""              # the newest version written ("" before the first build)
    versions: list[dict[str, Any]] = field(default_factory=list)
    notetypes: dict[str, dict[str, Any]] = field(default_factory=dict)
    style: str = ""
    notes: dict[str, str] = field(default_factory=dict)     # source path -> note identity
    cards: dict[str, LockedCard] = field(default_factory=dict)
    # The text the lock was loaded from: UTF-8 bytes, or a spill.Spill holding them
    # (anything sliced to bytes). A card the build did not touch (most of them) is written
    # back as its line there (see _Read): offsets, not copies (a 100k-note vault's lock is
    # a gigabyte).
    text: Any = field(default=b"", repr=False, compare=False)

    @property
    def loaded(self) -> dict[str, LockedCard]:
        """The cards whose line in ``text`` is written back as it was."""
        return {g: c for g, c in self.cards.items() if _line_in(c, self.text) is not None}

    def to_json(self) -> str:
        """Sorted, one card per line: a diff of the lock reads card by card."""
        return b"".join(self.json_pieces()).decode("utf-8")

    def json_pieces(self) -> Iterator[bytes]:
        """to_json's UTF-8 bytes, a few thousand cards at a time."""
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
        source = self.text
        yield (text + _CARDS).encode("utf-8")
        # Unchanged cards are written back as they were read, and their lines are next to
        # one another in the text (both are in GUID order): one read per run of them.
        pieces: list[bytes] = []
        size, run, sep = 0, None, b""
        for g in sorted(self.cards):
            c = self.cards[g]
            was = _line_in(c, source)
            if was is not None:
                if run is not None and run[1] + 2 == was[0] and run[1] - run[0] < _PIECE:
                    run[1] = was[1]
                    continue
                piece = None
            else:
                piece = _line(g, c)
            if run is not None:
                pieces.append(source[run[0]:run[1]])
                size += run[1] - run[0]
            run = None if piece is not None else list(was)
            if piece is not None:
                pieces.append(piece)
                size += len(piece)
            if size >= _PIECE or len(pieces) >= 4096:
                yield sep + b",\n".join(pieces)
                pieces, size, sep = [], 0, b",\n"
        if run is not None:
            pieces.append(source[run[0]:run[1]])
        if pieces:
            yield sep + b",\n".join(pieces)
        yield _END.encode()


_PIECE = 1 << 20            # 1 MB: how much of the lock is written at a time
_NAMES = tuple(f.name for f in fields(LockedCard))
_values = attrgetter(*_NAMES)
_BEFORE, _AFTER = _NAMES[:_NAMES.index("fields")], _NAMES[_NAMES.index("fields") + 1:]
_before, _after = attrgetter(*_BEFORE), attrgetter(*_AFTER)


def _line_in(card: LockedCard, text) -> tuple[int, int] | None:
    """Where ``card``'s line is in ``text``, if it was read from there and is untouched."""
    if type(card) is _Read and getattr(card, "_text", None) is text:
        return card._line >> 32, (card._line >> 32) + (card._line & 0xFFFFFFFF)
    return None


def _line(guid: str, c: LockedCard) -> bytes:
    """A card's line of the lock. Fields kept as their exact JSON text (from the card cache
    or the previous lock) are copied as they are, not decoded and encoded again: a first
    build of a big vault locks a million cards."""
    enc, f = _encode, c.fields
    if getattr(f, "exact", False):
        return b"".join((f' {enc(guid)}: {enc(dict(zip(_BEFORE, _before(c))))[:-1]}, '
                         f'"fields": '.encode(), f.raw(),
                         f', {enc(dict(zip(_AFTER, _after(c))))[1:]}'.encode()))
    return f" {enc(guid)}: {enc(dict(zip(_NAMES, _values(c))))}".encode()


def _plain(value):
    if isinstance(value, Mapping):      # a cached card's fields, read only now
        return value.copy() if hasattr(value, "copy") else dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


# json_text, plus the read-only mappings a lock entry's fields may be (same bytes).
_encode = json_encoder(_plain)


class LockError(Exception):
    pass


def slug(deck: str) -> str:
    """A file-safe name for a deck: 'Psych::IPNB notes' -> 'Psych-IPNB-notes'."""
    return re.sub(r"[^\w.-]+", "-", deck.replace("::", "-")).strip("-.") or "deck"


def lock_path(cards_dir: Path, deck: str) -> Path:
    return cards_dir / f"{slug(deck)}.json"


_CARDS = ',\n "cards": {\n'
_END = "\n }\n}\n"


def load_lock(path: Path, deck: str, spill=None, known: Mapping | None = None) -> Lock:
    """``spill`` (a spill.Spill): keep the lock's text there, not in memory. ``known``:
    this build's cards by GUID; a locked card shares their strings where they are equal
    (a big vault's build holds both, a million of each)."""
    if not path.exists():
        return Lock(deck)
    from .lockread import load_spilled
    try:
        lock = load_spilled(path, deck, spill, known) if spill is not None else None
        return lock if lock is not None else load_text(path.read_bytes(), deck, known)
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


def load_text(text: str | bytes, deck: str, known: Mapping | None = None) -> Lock:
    """A lock from its JSON text. Laid out as to_json writes it (one card per line, in
    GUID order), it is read line by line: each card's line is kept for to_json to write
    back, and its fields stay text until something reads them (a big vault's lock holds
    over a million cards, of which a rebuild reads the fields of a handful)."""
    from .lockread import load_lines
    raw = text.encode("utf-8") if isinstance(text, str) else text
    lock = load_lines(raw, deck, known)
    if lock is None:                # laid out some other way (edited by hand): as JSON
        data = json.loads(raw)
        lock = _lock_from(data, deck, {g: LockedCard(**c)     # a wrong key: TypeError
                                       for g, c in data.get("cards", {}).items()})
    return lock


_CARDS_B, _END_B = _CARDS.encode(), _END.encode()
_FIELDS_AT, _TAGS_AT = b'"fields": ', b', "tags": '


def fields_span(line: bytes, start: int, stop: int) -> tuple[int, int]:
    """Where a card line's fields are in ``line[start:stop]``: from just after its first
    ``"fields": `` to its last ``, "tags": `` (in to_json's layout, strings escape their
    quotes, so only the keys themselves read so); -1 where one is missing."""
    a = line.find(_FIELDS_AT, start, stop)
    return (a + len(_FIELDS_AT) if a >= 0 else -1), line.rfind(_TAGS_AT, start, stop)


def save_lock(path: Path, lock: Lock) -> None:
    atomic_write(path, lock.json_pieces())
