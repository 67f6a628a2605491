"""Reading a card lock (lock.py) line by line, as a build does.

A lock written by to_json holds one card per line, in GUID order. A build reads every
line of it (a million for a 100k-note vault) but the fields of a handful, and writes most
lines back unchanged: so each card becomes a lock._Read that remembers where its line is
and leaves its fields there, the strings cards repeat become one object each, and the
lock's text is copied into the build's spill file as it is read (load_spilled) instead of
being held in memory. A line with its keys in another order, or without the keys added
later (an older lock), is read key by key; a lock laid out otherwise (re-indented by hand
or by a merge tool) is not for this module: lock.load_text reads it as plain JSON, to the
same cards. Cards read here share list objects (their tags): entries are replaced, never
edited in place (see lock._Read).
"""
from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping
from operator import itemgetter
from pathlib import Path

from ..jsontext import json_value
from .lock import (
    _CARDS_B,
    _END_B,
    _ON_LINE,
    Lock,
    LockedCard,
    _LineFields,
    _lock_from,
    _Read,
    fields_span,
)

# One flat JSON object as json_text writes fields (string, list-of-strings or scalar
# values): what a card line holds between ``"fields": `` and ``, "tags": ``, unless a hand
# edit put other keys there.
_STR = rb'"(?:[^"\\]++|\\.)*+"'
_VALUE = (rb'(?:' + _STR + rb'|\[(?:' + _STR + rb'(?:, ' + _STR + rb')*+)?\]'
          rb'|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)')
_FLAT_OBJECT = re.compile(rb'\{(?:' + _STR + rb': ' + _VALUE + rb'(?:, ' + _STR + rb': '
                          + _VALUE + rb')*+)?\}')
# A card's line exactly as to_json writes it: its values' text, key by key (the fields
# only checked to be one flat object, as above). Any other line is read key by key.
_S = rb'"((?:[^"\\\x00-\x1f]++|\\.)*+)"'
_LINE = re.compile(
    rb' "([0-9A-Za-z]+)": \{"kind": ' + _S + rb', "key": ' + _S + rb', "note_id": ' + _S
    + rb', "source": ' + _S + rb', "deck": ' + _S + rb', "hash": ' + _S
    + rb', "mod": (-?[1-9][0-9]*|0), "added": ' + _S + rb', "changed": ' + _S
    + rb', "fields": ' + _FLAT_OBJECT.pattern + rb', "tags": (\[(?:' + _STR + rb'(?:, '
    + _STR + rb')*+)?\]), "status": ' + _S + rb', "retired": ' + _S + rb', "first_deck": '
    + _S + rb', "reverse": (true|false), "link": ' + _S + rb'\}')


def _tag_list(shared: dict, text: bytes) -> list:
    """A tags list's JSON text as a list, its tags ``shared`` with the other lists': a
    deck's cards carry tens of thousands of different lists of a few hundred tags."""
    share = shared.setdefault
    return [share(t, t) if type(t) is str else t for t in json_value(text)]


class _Decoded(dict):
    """Text -> its value, decoded (by ``decode``) the first time it is asked for."""

    def __init__(self, decode):
        super().__init__()
        self.decode = decode

    def __missing__(self, text: bytes):
        value = self[text] = self.decode(text)
        return value


def _string(text: bytes) -> str:
    """A JSON string's text (between its quotes; no control characters, as _S matches) as
    the str json.loads gives: the scanner itself for the rare one with an escape."""
    return text.decode("utf-8") if b"\\" not in text else json_value(b'"' + text + b'"')


# Strings most cards share with others (one object each, not one per card).
_SHARED = ("kind", "note_id", "source", "deck", "added", "changed", "status", "retired",
           "first_deck", "link")


_UNSET = object()


class _Lines:
    """The card lines of a lock in to_json's layout, read one at a time into LockedCards.
    JSON escapes newlines and quotes inside strings, so a card's line ends at the first
    ",\n", and ``"fields": `` / ``, "tags": `` can only be the keys themselves."""

    def __init__(self, known: Mapping | None = None):
        # A card's strings that other cards repeat (its note, deck, versions) become one
        # shared object: a million cards would otherwise hold ten copies each.
        self.shared: dict = {}
        self.known = known or {}
        self.cards: dict[str, LockedCard] = {}
        # a repeated value's JSON text -> its one object
        # (not a method of self: a cycle would keep all this, and ``known``, to the end of
        # a build, which runs with the garbage collector off)
        self._strings, self._tags, self._mods = (
            _Decoded(_string), _Decoded(functools.partial(_tag_list, self.shared)),
            _Decoded(int))

    def read(self, raw: bytes, pos: int, stop: int, text, shift: int) -> bool:
        """The card on ``raw[pos:stop]``; its fields (and, for to_json, its line) are kept
        as ``text[pos + shift:stop + shift]``. False: not to_json's layout."""
        line = _LINE.fullmatch(raw, pos, stop)
        if line is not None and stop - pos < 1 << 32:
            return self._read_line(line, pos, stop, text, shift)
        quote = raw.find(b'": ', pos + 2, stop)
        if raw[pos:pos + 2] != b' "' or quote < 0:
            return False
        guid = raw[pos + 2:quote].decode("ascii", "replace")
        if not guid.isalnum() or guid in self.cards:
            return False
        at = quote + 3
        a, b = fields_span(raw, at, stop)
        if 0 <= a < b and _FLAT_OBJECT.fullmatch(raw, a, b):    # nothing else there
            d = json_value(raw[at:a] + b"null" + raw[b:stop])
            d["fields"] = _ON_LINE if stop - pos < 1 << 32 else _LineFields(text, a + shift,
                                                                            b + shift)
        else:
            d = json_value(raw[at:stop])
        share = self.shared.setdefault
        try:
            values = _pick(d)
        except KeyError:            # an older lock: the keys it lacks take their defaults
            values = None
        if values is not None:
            d.update(zip(_SHARED, map(share, values, values)))
        mod = d.get("mod")
        if type(mod) is int:        # most cards carry the time of one build or another
            d["mod"] = share(mod, mod)
        if "key" in d and "hash" in d:
            guid, d["key"], d["hash"] = self._as_built(guid, d["key"], d["hash"])
        tags = d.get("tags")
        if type(tags) is list:
            d["tags"] = share(tuple(tags), tags)
        card = self.cards[guid] = _Read(**d)
        if stop - pos < 1 << 32:    # else (a 4 GB line) it is encoded again
            card._text, card._line = text, (pos + shift) << 32 | (stop - pos)
        return True

    def _read_line(self, line: re.Match, pos: int, stop: int, text, shift: int) -> bool:
        """read(), for a line exactly as to_json writes it (every key, in order): one match
        gives every value's text; the strings cards repeat are decoded once each, and the
        fields stay on the line (_Read.fields)."""
        (guid, kind, key, note_id, source, deck, hash_, mod, added, changed, tags, status,
         retired, first_deck, reverse, link) = line.groups()
        guid = guid.decode("ascii")
        if guid in self.cards:
            return False
        raw_note = (note_id, source, link)
        kind, note_id, source, deck, added, changed, status, retired, first_deck, link = map(
            self._strings.__getitem__, (kind, note_id, source, deck, added, changed, status,
                                        retired, first_deck, link))
        built = self.known.get(guid)
        if built is not None and (note_id is not built.note_id or source is not built.source
                                  or link is not built.link):
            note_id, source, link = self._adopt(raw_note, (note_id, source, link), built)
        tags, mod = self._tags[tags], self._mods[mod]
        guid, key, hash_ = self._as_built(guid, _string(key), _string(hash_), built)
        card = self.cards[guid] = _Read(kind, key, note_id, source, deck, hash_, mod, added,
                                        changed, _ON_LINE, tags, status, retired, first_deck,
                                        reverse == b"true", link)
        card._text, card._line = text, (pos + shift) << 32 | (stop - pos)
        return True

    def _adopt(self, raw: tuple, values: tuple, built) -> tuple:
        """The note's strings (``values``, decoded from ``raw``) as this build's card of the
        line holds them, where they are equal, for this line and the next: one copy of each
        per note instead of two (a note has a dozen cards)."""
        out = []
        for text, ours, theirs in zip(raw, values, (built.note_id, built.source, built.link)):
            if ours is not theirs and ours == theirs:
                self._strings[text] = ours = theirs
            out.append(ours)
        return tuple(out)

    def _as_built(self, guid: str, key: str, hash_: str, built=_UNSET) -> tuple[str, str, str]:
        """The same strings as this build's card of that GUID (``built``, if looked up
        already), where they are equal."""
        if built is _UNSET:
            built = self.known.get(guid)
        if built is None:
            return guid, key, hash_
        return (built.guid, built.key if key == built.key else key,
                built.digest if hash_ == built.digest else hash_)

    def lock(self, head: bytes, deck: str, text) -> Lock:
        lock = _lock_from(json.loads(head + b"}"), deck, self.cards)
        lock.text = text
        return lock


_pick = itemgetter(*_SHARED)


def load_lines(raw: bytes, deck: str, known: Mapping | None = None) -> Lock | None:
    """load_text for a lock in to_json's layout, held in memory; None for any other."""
    start = raw.find(_CARDS_B)
    if start < 0 or not raw.endswith(_END_B):
        return None
    pos, last = start + len(_CARDS_B), len(raw) - len(_END_B)
    if pos > last:
        return None                 # no cards: nothing to gain
    lines = _Lines(known)
    while pos <= last:
        stop = raw.find(b",\n", pos, last)
        stop = last if stop < 0 else stop
        if not lines.read(raw, pos, stop, raw, 0):
            return None
        pos = stop + 2
    return lines.lock(raw[:start], deck, raw)


# 4 MB of the lock read at a time: a chunk is held two or three times over while it is
# read, at the moment a rebuild of a big vault peaks.
CHUNK = 1 << 22


def load_spilled(path: Path, deck: str, spill, known: Mapping | None = None) -> Lock | None:
    """load_lines, reading the file a chunk at a time and copying it into ``spill`` as it
    goes: the lock's text (a gigabyte for a 100k-note vault) is kept on disk, in a file only
    this build can see (the lock itself may be rewritten while the build runs), and read
    back by offset, as the card cache's fields are. None: another layout, or the spill
    could not take it (the caller reads the lock into memory instead)."""
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        f.seek(max(0, size - len(_END_B)))
        if f.read() != _END_B:
            return None
        f.seek(0)
        buf, done, base, head, lines = b"", 0, None, None, _Lines(known)
        # ``buf`` starts at byte ``done`` of the file, at byte ``base + done`` of the spill
        while True:
            block = f.read(CHUNK)
            at = spill.add(block) if block else None
            if block and (at is None or (base is not None and at != base + done + len(buf))):
                return None
            if base is None:
                base = at
            end = not block
            buf += block
            pos = 0
            if head is None:
                start = buf.find(_CARDS_B)
                if start < 0:
                    if end:
                        return None
                    continue
                head, pos = buf[:start], start + len(_CARDS_B)
            if end and not buf.endswith(_END_B):
                return None             # the file changed while it was read: read it again
            last = len(buf) - len(_END_B) if end else len(buf)
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
                return lines.lock(head, deck, spill) if lines.cards else None
            done, buf = done + pos, buf[pos:]
