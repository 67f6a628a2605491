"""The card lock, ``cards/<deck>.json``: the only state kept between builds.

It records every card ever shipped in a deck (GUID, kind, key, content hash, the ``mod``
written to Anki, the version it first appeared and last changed in, live or retired), the
note identity each note file's GUIDs derive from (so a renamed file keeps its GUIDs), the
GUIDs cards kept when their key was renamed (``guids``), the published note types, and the
version history. Sorted, one card per line, to be committed beside the notes and read in a
diff. Two keys of a card's line are written only when they hold something: ``shown`` (the
source and link Anki still shows while a renamed note's card is unchanged) and ``numbers``
(a list card's cloze number of each item, once they are no longer 2, 3, 4 ... in order).

This module alone reads and writes it. A build of a big vault reads every line (a million
for 100k notes) but the fields of a handful, and writes most lines back unchanged, so:

- each line becomes a frozen LockedCard that remembers where its line is (``line``); its
  fields stay text there (a FieldsJSON) until something reads them;
- the lock's text is copied into the build's spill file as it is read (read_lock with a
  spill) instead of being held in memory;
- write_lock copies the line of every entry read from the text it writes over, and
  encodes the others. Entries are never edited: an update makes a new entry (without a
  line), so "an entry with a line" always means "the card as that line says".

A lock laid out otherwise (re-indented by hand or by a merge tool, or an older layout) is
read as plain JSON, to the same cards, and written back in this layout. Locks of format 1
(before ``guids``, ``shown`` and ``numbers``) read as they are: they have none of them.
"""
from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..fsutil import atomic_write
from ..jsontext import FieldsJSON, json_text, json_value

LOCK_FORMAT = 2
READS_FORMATS = (1, 2)        # 1: before guids, shown and numbers (none of them)


@dataclass(frozen=True, slots=True)     # slots: a big vault's lock holds a million
class LockedCard:
    """One card of the lock, as it was last shipped (see the module doc)."""
    kind: str
    key: str
    note_id: str                   # the note identity its GUID derives from
    source: str                    # the note file, relative to the notes root
    deck: str
    hash: str                      # what Anki shows (cards.card_digest)
    mod: int                       # the note's mod in Anki (kept while the hash is)
    added: str                     # the version it first shipped in
    changed: str                   # the version its content last changed in
    fields: FieldsJSON
    tags: tuple[str, ...]
    status: str = "live"           # "live" or "retired"
    retired: str = ""              # the version it was retired in
    first_deck: str = ""           # the deck it was first imported into
    reverse: bool = True           # terms: the note has the definition -> term card
    link: str = ""                 # the note's link back to its source (tombstones keep it)
    # (source, link) that Anki still shows, when the note was renamed or moved and the card
    # is otherwise unchanged (its mod is kept so that edits made in Anki survive); () once
    # they are the card's own again
    shown: tuple[str, ...] = ()
    # a list card's cloze numbers for life: (item key, number) for every item it ever had;
    # () while they are its items in order from 2 (clozes.py)
    numbers: tuple[tuple[str, int], ...] = ()
    # The text of the lock this entry was read from (None: not read), and where its line
    # is there (start << 32 | length). Set by the reader only (_LineReader): entries made
    # any other way (a build's, a retired copy, dataclasses.replace) carry neither, and a
    # lock writes an entry's line back only if the entry was read from its own text.
    read_from: Any = field(default=None, init=False, compare=False, repr=False)
    line: int = field(default=-1, init=False, compare=False, repr=False)

    def __reduce__(self):
        """A copy or a pickle is a plain entry: no line, its fields' text in memory (a spill
        file cannot be copied, and a changed copy must never be written as the old line)."""
        raw = self.fields.raw()
        values = [getattr(self, name) for name in _NAMES]
        values[_NAMES.index("fields")] = FieldsJSON(raw, 0, len(raw), self.fields.canonical)
        return (LockedCard, tuple(values))

    def retire(self, version: str, mod: int, tags: tuple[str, ...]) -> "LockedCard":
        """This card as a tombstone of ``version``."""
        return LockedCard(self.kind, self.key, self.note_id, self.source, self.deck,
                          self.hash, mod, self.added, self.changed, self.fields, tags,
                          "retired", version, self.first_deck, self.reverse, self.link,
                          numbers=self.numbers)


_NAMES = tuple(f.name for f in fields(LockedCard) if f.name not in ("read_from", "line"))
_OPTIONAL = ("shown", "numbers")        # written only when not empty
_BEFORE = _NAMES[:_NAMES.index("fields")]
_AFTER = tuple(n for n in _NAMES[_NAMES.index("fields") + 1:] if n not in _OPTIONAL)


@dataclass(frozen=True)
class Lock:
    """A deck's lock. ``text``: what its entries were read from (UTF-8 bytes, or the spill
    file holding them), where each entry's ``line`` points."""
    deck: str
    version: str = ""              # the newest version written ("" before the first build)
    versions: tuple[Mapping[str, Any], ...] = ()
    notetypes: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    style: str = ""
    notes: Mapping[str, str] = field(default_factory=dict)     # source path -> note identity
    cards: Mapping[str, LockedCard] = field(default_factory=dict)
    text: Any = field(default=None, repr=False, compare=False)
    # GUID a card's (note, kind, key) gives -> the GUID it ships under, where they differ
    # (its key was renamed, or its own was handed to a renamed card): matching.py
    guids: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return b"".join(lock_pieces(self)).decode("utf-8")

    def kept_lines(self) -> dict[str, LockedCard]:
        """The entries whose line in ``text`` is written back as it was read."""
        return {g: c for g, c in self.cards.items() if _kept(c, self.text)}


def _kept(card: LockedCard, text) -> bool:
    return card.read_from is text and text is not None and card.line >= 0


class LockError(Exception):
    """A lock that cannot be used; the message names the file and what to do."""


# ---- writing ---------------------------------------------------------------------------

_CARDS = b',\n "cards": {\n'
_END = b"\n }\n}\n"
PIECE = 1 << 20             # 1 MB: how much of the lock is written at a time


def lock_pieces(lock: Lock, piece: int = PIECE) -> Iterator[bytes]:
    """The lock's JSON text (UTF-8), a piece at a time: a big vault's lock is a gigabyte."""
    head = {"format": LOCK_FORMAT, "deck": lock.deck, "version": lock.version,
            "versions": list(lock.versions), "notetypes": dict(sorted(lock.notetypes.items())),
            "style": lock.style, "notes": dict(sorted(lock.notes.items()))}
    if lock.guids:
        head["guids"] = dict(sorted(lock.guids.items()))
    yield json.dumps(head, ensure_ascii=False, indent=1)[:-2].encode("utf-8") + _CARDS
    text, pieces, size, sep = lock.text, [], 0, b""
    run: list[int] | None = None         # [start, end] of lines next to one another in text
    for guid in sorted(lock.cards):
        card = lock.cards[guid]
        kept = _kept(card, text)
        if kept:
            start = card.line >> 32
            end = start + (card.line & 0xFFFFFFFF)
            if run is not None and run[1] + 2 == start and run[1] - run[0] < piece:
                run[1] = end            # unchanged lines come in GUID order: read at once
                continue
        if run is not None:
            pieces.append(text[run[0]:run[1]])
            size += run[1] - run[0]
        if kept:
            run, new = [start, end], None
        else:
            run, new = None, card_line(guid, card)
            pieces.append(new)
            size += len(new)
        if size >= piece or len(pieces) >= 4096:
            yield sep + b",\n".join(pieces)
            pieces, size, sep = [], 0, b",\n"
    if run is not None:
        pieces.append(text[run[0]:run[1]])
    if pieces:
        yield sep + b",\n".join(pieces)
    yield _END


def card_line(guid: str, card: LockedCard) -> bytes:
    """A card's line of the lock; its fields copied as they are when notedeck wrote them."""
    before = json_text({name: getattr(card, name) for name in _BEFORE})[:-1]
    later = {name: getattr(card, name) for name in _AFTER}
    if card.shown:
        later["shown"] = list(card.shown)
    if card.numbers:
        later["numbers"] = dict(card.numbers)
    after = json_text(later)[1:]
    return b"".join((f" {json_text(guid)}: {before}, \"fields\": ".encode("utf-8"),
                     card.fields.canonical_raw(), f", {after}".encode("utf-8")))


def write_lock(path: Path, lock: Lock) -> None:
    atomic_write(path, lock_pieces(lock))


# ---- reading ---------------------------------------------------------------------------

# One flat JSON object as json_text writes fields (string, list-of-strings or scalar
# values), and a card's whole line exactly as card_line writes it: one match gives every
# value's text. Any other line sends the whole lock to the plain JSON reader.
_STR = rb'"(?:[^"\\]++|\\.)*+"'
_VALUE = (rb'(?:' + _STR + rb'|\[(?:' + _STR + rb'(?:, ' + _STR + rb')*+)?\]'
          rb'|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)')
_FLAT = rb'\{(?:' + _STR + rb': ' + _VALUE + rb'(?:, ' + _STR + rb': ' + _VALUE + rb')*+)?\}'
_S = rb'"((?:[^"\\\x00-\x1f]++|\\.)*+)"'
_LINE = re.compile(
    rb' "([0-9A-Za-z]+)": \{"kind": ' + _S + rb', "key": ' + _S + rb', "note_id": ' + _S
    + rb', "source": ' + _S + rb', "deck": ' + _S + rb', "hash": ' + _S
    + rb', "mod": (-?[1-9][0-9]*|0), "added": ' + _S + rb', "changed": ' + _S
    + rb', "fields": (' + _FLAT + rb'), "tags": (\[(?:' + _STR + rb'(?:, ' + _STR
    + rb')*+)?\]), "status": ' + _S + rb', "retired": ' + _S + rb', "first_deck": ' + _S
    + rb', "reverse": (true|false), "link": ' + _S + rb'(?:, "shown": \[' + _S + rb', '
    + _S + rb'\])?(?:, "numbers": (\{' + _STR + rb': \d+(?:, ' + _STR + rb': \d+)*+\}))?\}')


def _string(text: bytes) -> str:
    """A JSON string's text (between its quotes) as json.loads gives it."""
    return text.decode("utf-8") if b"\\" not in text else json_value(b'"' + text + b'"')


class _Decoded(dict):
    """JSON text -> its value, decoded (by ``decode``) the first time it is asked for."""

    def __init__(self, decode):
        super().__init__()
        self.decode = decode

    def __missing__(self, raw: bytes):
        value = self[raw] = self.decode(raw)
        return value


# The two LockedCard fields no constructor sets (see LockedCard): only the reader does.
_SET_READ_FROM = LockedCard.__dict__["read_from"].__set__
_SET_LINE = LockedCard.__dict__["line"].__set__


class _LineReader:
    """Card lines in card_line's layout, one at a time, into LockedCards.

    The values cards repeat (their note, deck, versions, tags) are decoded once each and
    shared: a million cards would otherwise hold ten copies of each. ``known`` (this
    build's cards by GUID) lends its GUID, key and hash strings where they are equal, so a
    card and its lock entry hold one copy."""

    def __init__(self, known: Mapping | None):
        self.known = known or {}
        self.cards: dict[str, LockedCard] = {}
        # (no bound method of self in these: the cycle would keep ``known`` alive in a
        # build, which runs with the garbage collector off)
        self.strings = _Decoded(_string)
        self.tags = _Decoded(functools.partial(_tag_tuple, self.strings))
        self.mods = _Decoded(int)

    def read(self, buf: bytes, pos: int, stop: int, text, shift: int) -> bool:
        """The card on ``buf[pos:stop]``, kept as ``text[pos + shift:stop + shift]``.
        False: not card_line's layout (the caller reads the lock as plain JSON)."""
        m = _LINE.fullmatch(buf, pos, stop)
        if m is None or stop - pos >= 1 << 32:
            return False
        (guid, kind, key, note_id, source, deck, hash_, mod, added, changed, _, tags, status,
         retired, first_deck, reverse, link, shown_source, shown_link, numbers) = m.groups()
        guid = guid.decode("ascii")
        if guid in self.cards:
            return False
        kind, note_id, source, deck, added, changed, status, retired, first_deck, link = map(
            self.strings.__getitem__, (kind, note_id, source, deck, added, changed, status,
                                       retired, first_deck, link))
        key, hash_ = _string(key), _string(hash_)
        built = self.known.get(guid)
        if built is not None:
            guid = built.guid
            key = built.key if key == built.key else key
            hash_ = built.digest if hash_ == built.digest else hash_
        a, b = m.span(11)
        card = self.cards[guid] = LockedCard(
            kind, key, note_id, source, deck, hash_, self.mods[mod], added, changed,
            FieldsJSON(text, a + shift, b + shift, False), self.tags[tags], status, retired,
            first_deck, reverse == b"true", link,
            () if shown_source is None else (_string(shown_source), _string(shown_link)),
            () if numbers is None else tuple(json_value(numbers).items()))
        _SET_READ_FROM(card, text)
        _SET_LINE(card, (pos + shift) << 32 | (stop - pos))
        return True


def _tag_tuple(strings: _Decoded, raw: bytes) -> tuple[str, ...]:
    """A tags list's JSON text as a tuple, each tag shared with the other lists' (a deck's
    cards carry thousands of different lists of the same few hundred tags)."""
    share = strings.setdefault
    return tuple(share(t, t) for t in json_value(raw))


def _head(raw: bytes, deck: str) -> dict:
    data = json.loads(raw)
    if data.get("format") not in READS_FORMATS:
        raise LockError(f"lock format {data.get('format')!r} is newer than this notedeck's "
                        f"({LOCK_FORMAT}); upgrade notedeck")
    return data


def _lock(data: dict, deck: str, cards: dict[str, LockedCard], text) -> Lock:
    return Lock(deck=data.get("deck", deck), version=data.get("version", ""),
                versions=tuple(data.get("versions", ())),
                notetypes=dict(data.get("notetypes", {})), style=data.get("style", ""),
                notes=dict(data.get("notes", {})), cards=cards, text=text,
                guids=dict(data.get("guids", {})))


def read_lock(path: Path, deck: str, spill=None, known: Mapping | None = None,
              chunk: int = 1 << 22) -> Lock:
    """The lock at ``path`` (an empty one if there is none). ``spill`` (a spill.Spill):
    keep its text there, read ``chunk`` bytes at a time (4 MB: a chunk is held two or three
    times over while it is read, when a rebuild of a big vault peaks), not in memory.
    ``known``: see _LineReader. LockError: damaged or from a newer notedeck."""
    if not path.exists():
        return Lock(deck)
    try:
        lock = _read_spilled(path, deck, spill, known, chunk) if spill is not None else None
        if lock is None:
            lock = read_lock_text(path.read_bytes(), deck, known)
        return lock
    except LockError as exc:
        raise LockError(f"{path}: {exc}") from None
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        raise LockError(f"{path}: the card lock is damaged ({exc}); restore it from version "
                        "control — without it, new GUIDs would duplicate every card") from exc


def read_lock_notes(path: Path) -> dict[str, str]:
    """The lock's ``notes`` (note file -> identity) alone, from its head: what a build needs
    before it reads any note. {} without a lock, or one that cannot be read (the build
    reads it whole later, and says what is wrong)."""
    try:
        with path.open("rb") as f:
            head = b""
            while True:
                block = f.read(1 << 20)
                head += block
                at = head.find(_CARDS)
                if at >= 0 or not block:        # (another layout: the whole of it)
                    notes = _head(head[:at] + b"}" if at >= 0 else head, "").get("notes")
                    return dict(notes) if isinstance(notes, dict) else {}
    except (OSError, ValueError, LockError):
        return {}


def read_lock_text(raw: bytes | str, deck: str, known: Mapping | None = None) -> Lock:
    """A lock from its text, held in memory."""
    raw = raw.encode("utf-8") if isinstance(raw, str) else raw
    start = raw.find(_CARDS)
    if start >= 0 and raw.endswith(_END):
        pos, last = start + len(_CARDS), len(raw) - len(_END)
        lines = _LineReader(known)
        while pos <= last:
            stop = raw.find(b",\n", pos, last)
            stop = last if stop < 0 else stop
            if not lines.read(raw, pos, stop, raw, 0):
                break
            pos = stop + 2
        else:
            if lines.cards:
                return _lock(_head(raw[:start] + b"}", deck), deck, lines.cards, raw)
    return _plain_json(raw, deck)


def _plain_json(raw: bytes, deck: str) -> Lock:
    """A lock in any other layout (or with no cards), read as JSON: no lines to copy."""
    data = _head(raw, deck)
    cards = {}
    for guid, c in data.get("cards", {}).items():
        values = dict(c, fields=FieldsJSON.encode(c["fields"]), tags=tuple(c["tags"]),
                      shown=tuple(c.get("shown", ())),
                      numbers=tuple((k, int(n)) for k, n in c.get("numbers", {}).items()))
        cards[guid] = LockedCard(**values)      # a key it does not know: TypeError
    return _lock(data, deck, cards, None)


def _read_spilled(path: Path, deck: str, spill, known, chunk: int) -> Lock | None:
    """read_lock_text, reading the file a chunk at a time and copying it into ``spill`` as
    it goes (the lock itself may be rewritten while the build runs: the spill is a copy
    only this build can see). None: another layout, or the spill could not take it (the
    caller reads the lock into memory instead)."""
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        f.seek(max(0, size - len(_END)))
        if f.read() != _END:
            return None
        f.seek(0)
        buf, done, base, head, lines = b"", 0, None, None, _LineReader(known)
        # ``buf`` starts at byte ``done`` of the file, at byte ``base + done`` of the spill
        while True:
            block = f.read(chunk)
            at = spill.add(block) if block else None
            if block and (at is None or (base is not None and at != base + done + len(buf))):
                return None
            if base is None:
                base = at
            end = not block
            buf += block
            pos = 0
            if head is None:
                start = buf.find(_CARDS)
                if start < 0:
                    if end:
                        return None
                    continue
                head, pos = buf[:start], start + len(_CARDS)
            if end and not buf.endswith(_END):
                return None             # the file changed while it was read: read it again
            last = len(buf) - len(_END) if end else len(buf)
            if end and pos > last:
                return None
            while pos <= last:
                stop = buf.find(b",\n", pos, last)
                if stop < 0:
                    if not end:
                        break           # the line goes on in the next chunk
                    stop = last
                if not lines.read(buf, pos, stop, spill, base + done):
                    return None
                pos = stop + 2
            if end:
                return _lock(_head(head + b"}", deck), deck, lines.cards, spill) \
                    if lines.cards else None
            done, buf = done + pos, buf[pos:]
