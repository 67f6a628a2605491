"""Reuse the previous package's collection: only notes that changed are written again.

A rebuild after one edit used to insert every note and card of the deck again. The last
package of a deck already holds almost every note exactly as it must be, so its
``collection.anki2`` is taken as the start and only the difference is applied: notes whose
row would differ, or that are gone, are deleted with their cards; new and changed ones are
inserted. The result holds the same rows as a fresh write (tests/anki/test_package.py compares
them); kept notes keep their row ids, which Anki ignores on import (it matches by GUID).

Which rows are unchanged is known two ways. The fast one is a state file in the build
cache, written with each package: every note's row id and a key of what its row is made
of (package.row_key), valid while the package file and notedeck's code are the ones it was
written with. Without it (a deleted cache, a package copied in) the previous collection's
rows are read and compared with the new ones in full.

Pure sqlite3 and JSON: the packaging module decides the rows and writes the collection's
deck and note-type records with genanki; this module never imports genanki.
"""
from __future__ import annotations

import json
import sqlite3
import sys
import zipfile
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path

STATE_FORMAT = 4

# What a notedeck-written row holds besides its content: a collection whose cards, notes
# or other tables say otherwise was not written by notedeck, so it is not reused.
_CLEAN = [
    "SELECT count(*) FROM cards WHERE usn != -1 OR type OR queue OR due OR ivl OR factor "
    "OR reps OR lapses OR left OR odue OR odid OR flags OR data != ''",
    "SELECT count(*) FROM notes WHERE usn != -1 OR csum OR flags OR data != ''",
    "SELECT count(*) FROM revlog",
    "SELECT count(*) FROM graves",
    "SELECT count(*) FROM cards WHERE nid NOT IN (SELECT id FROM notes)",
]

Row = tuple  # (guid, mid, mod, tags, flds, sfld, did, ords): one note and its cards

_KEY = 12                   # bytes in a row key (package.row_key: 24 hex digits)
_NO_KEY = bytes(_KEY)       # a note without one (a tombstone): always written again
# How far past the last match a note is looked for in the previous package: a rebuild
# writes its notes in the order the last one did, but for the notes added, removed or
# moved; one found nowhere near is written again (the same rows, only not reused).
LOOKAHEAD = 256


def guid_id(guid: str) -> int:
    """A GUID as 64 bits (two checksums; cheap): what Notes keeps of it. Two GUIDs with the
    same bits can only make a note be written again, never a wrong package: a note's row
    key, or its row, holds its GUID, so a note taken for another is never "the same"."""
    data = guid.encode()
    return zlib.crc32(data) << 32 | zlib.adler32(data)


class Notes:
    """A package's notes in the order they were written: their GUIDs (as guid_id), note
    ids, and row keys (package.row_key) or, read from the collection itself, whole rows.
    Arrays, not a table of tuples and strings: a big deck has a million notes, and a
    rebuild holds the previous package's and the new one's at once."""

    def __init__(self, ids: array, nids: array, keys: bytearray | None = None,
                 rows: list[Row] | None = None):
        self.ids, self.nids, self.keys, self.rows = ids, nids, keys, rows
        self._at = 0
        self._taken = bytearray(len(ids))

    @classmethod
    def empty(cls, n: int) -> "Notes":
        return cls(array("Q", bytes(8 * n)), array("q", bytes(8 * n)), bytearray(_KEY * n))

    def __len__(self) -> int:
        return len(self.ids)

    def key(self, i: int) -> str | None:
        raw = self.keys[i * _KEY:(i + 1) * _KEY]
        return None if raw == _NO_KEY else raw.hex()

    def put(self, i: int, gid: int, nid: int, key: str | None) -> None:
        """Note ``i`` is the one of GUID id ``gid`` (guid_id), written as row ``nid``."""
        self.ids[i], self.nids[i] = gid, nid
        self.keys[i * _KEY:(i + 1) * _KEY] = bytes.fromhex(key) if key else _NO_KEY

    def find(self, gid: int) -> int | None:
        """Where the note of GUID id ``gid`` is, looked for from just after the last one
        found (each note is found at most once); None: not there, or too far away."""
        ids, at = self.ids, self._at
        try:
            i = ids.index(gid, at, min(at + LOOKAHEAD, len(ids)))
        except ValueError:
            return None
        self._at, self._taken[i] = i + 1, 1
        return i

    def not_found(self) -> list[int]:
        """The note ids of the notes find() never returned."""
        return [nid for nid, taken in zip(self.nids, self._taken) if not taken]


@dataclass
class Base:
    """The previous collection, extracted to ``db`` (a scratch copy, changed in place)."""
    db: Path
    notes: Notes | None
    top: int                                # the largest note or card id in it
    by_key: bool                            # notes hold row keys (state file), else rows


def load_base(previous: Path, scratch: Path, state: Path | None, code: str) -> Base | None:
    """The previous package's collection, ready to be updated; None if it is unusable."""
    try:
        with zipfile.ZipFile(previous) as z:
            if "collection.anki2" not in z.namelist():
                return None
            db = Path(z.extract("collection.anki2", scratch))
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    known = _read_state(state, previous, code) if state else None
    if known is not None:
        notes, top = known
        return Base(db, notes, top, True)
    rows = _read_rows(db)
    return None if rows is None else Base(db, rows[0], rows[1], False)


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _read_state(state: Path, previous: Path, code: str):
    """The state file: a line of JSON saying which package it describes, then its notes'
    row keys, note ids and GUID ids, each on a line as one hexadecimal string (read one
    after the other: a list of a million strings or ints would cost more than the arrays
    it becomes)."""
    try:
        with state.open(encoding="ascii") as f:
            head = json.loads(f.readline())
            if head["format"] != STATE_FORMAT or head["code"] != code or \
                    head["package"] != [previous.name, *_stamp(previous)]:
                return None
            keys = bytearray.fromhex(f.readline())
            nids, ids = (_array(code, f.readline()) for code in "qQ")
        if not len(ids) == len(nids) == len(keys) // _KEY or len(keys) % _KEY:
            return None
        return Notes(ids, nids, keys), int(head["top"])
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        return None


def _array(typecode: str, text: str) -> array:
    """An array written by _hex."""
    values = array(typecode, bytes.fromhex(text))
    if sys.byteorder == "little":
        values.byteswap()
    return values


def _hex(values: array) -> str:
    """The array as hex digits, 8 bytes per value, big-endian (the same on every machine)."""
    if sys.byteorder == "little":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes().hex()


def save_state(state: Path, package: Path, code: str, notes: Notes, top: int) -> None:
    """Record the package just written; a state that cannot be written only costs speed."""
    from ..fsutil import WriteError, atomic_write
    head = {"format": STATE_FORMAT, "code": code, "package": [package.name, *_stamp(package)],
            "top": top}
    try:
        state.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(state, _state_pieces(head, notes))
    except (OSError, WriteError):
        pass


def _state_pieces(head: dict, notes: Notes):
    """The state file's text (see _read_state), a piece at a time."""
    yield json.dumps(head, separators=(",", ":")) + "\n"
    yield notes.keys.hex() + "\n"
    yield _hex(notes.nids) + "\n"
    yield _hex(notes.ids) + "\n"


def _read_rows(db: Path):
    """The collection's notes as Notes with whole rows, in the order they were inserted."""
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if any(con.execute(q).fetchone()[0] for q in _CLEAN):
            return None
        guids, ids, nids, rows = set(), array("Q"), array("q"), []
        for nid, guid, mid, mod, tags, flds, sfld, did, dids, ords, lo, hi in con.execute(
                "SELECT n.id, n.guid, n.mid, n.mod, n.tags, n.flds, n.sfld, c.did, c.dids, "
                "c.ords, c.lo, c.hi FROM notes n LEFT JOIN (SELECT nid, min(did) AS did, "
                "count(DISTINCT did) AS dids, group_concat(ord) AS ords, min(mod) AS lo, "
                "max(mod) AS hi FROM cards GROUP BY nid) c ON c.nid = n.id ORDER BY n.id"):
            if dids != 1 or lo != mod or hi != mod:
                return None     # a note in two decks or without cards: rewrite
            guids.add(guid)
            ids.append(guid_id(guid))
            nids.append(nid)
            rows.append((guid, mid, mod, tags, flds, sfld, did,
                         tuple(sorted(int(o) for o in ords.split(",")))))
        if len(guids) != len(ids):
            return None         # a GUID twice: rewrite
        top = con.execute("SELECT max(m) FROM (SELECT max(id) AS m FROM notes "
                          "UNION ALL SELECT max(id) FROM cards)").fetchone()[0] or 0
        return Notes(ids, nids, rows=rows), top
    except sqlite3.Error:
        return None
    finally:
        con.close()


def delete_notes(cursor, nids: list[int]) -> None:
    # Deleted text must not linger in the file's free pages (a note edited to remove
    # something private): secure_delete overwrites it.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.executemany("DELETE FROM cards WHERE nid = ?", [(n,) for n in nids])
    cursor.executemany("DELETE FROM notes WHERE id = ?", [(n,) for n in nids])


def insert_rows(cursor, rows: list[Row], id_gen) -> list[int]:
    """The rows genanki.Note.write_to_db would insert, one executemany per table; returns
    the new note ids in order."""
    note_rows, card_rows = [], []
    for guid, mid, mod, tags, flds, sfld, did, ords in rows:
        nid = next(id_gen)
        note_rows.append((nid, guid, mid, mod, -1, tags, flds, sfld, 0, 0, ""))
        card_rows.extend((next(id_gen), nid, did, o, mod, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                          0, "") for o in ords)
    cursor.executemany("INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)", note_rows)
    cursor.executemany("INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       card_rows)
    return [r[0] for r in note_rows]


def vacuum_if_sparse(cursor) -> None:
    pages, free = (cursor.execute(f"PRAGMA {p}").fetchone()[0]
                   for p in ("page_count", "freelist_count"))
    if free * 4 > pages:        # many notes went away: do not ship the empty pages
        cursor.connection.commit()
        cursor.execute("VACUUM")


class NoteWriter:
    """Writes a package's notes into its collection: all of them, or, on the previous
    package's collection (``base``), only those whose row would differ (the others keep
    their row ids; the stale and vanished ones are deleted). ``row(entry)`` makes a note's
    row, ``row_key(entry)`` the key of what it is made of (None: always write it)."""

    def __init__(self, items, row, row_key, base: Base | None):
        self.items, self.row, self.row_key, self.base = items, row, row_key, base
        self.notes = Notes.empty(len(items))      # the package's notes, as written
        self.written = self.top = 0               # notes written; the largest row id

    def write(self, cursor, id_gen) -> None:
        items, row, row_key, base = self.items, self.row, self.row_key, self.base
        # (position, entry, row key, row or None) of the notes to insert; without a
        # previous package, every entry (made a chunk at a time, below)
        todo: list = []
        if base is not None:
            old, stale = base.notes, []
            for i, entry in enumerate(items):
                gid, key = guid_id(entry.card.guid), row_key(entry)
                at, new = old.find(gid), None
                if at is not None and base.by_key:
                    same = key is not None and old.key(at) == key
                elif at is not None:
                    new = row(entry)
                    same = old.rows[at] == new
                else:
                    same = False
                if same:
                    self.notes.put(i, gid, old.nids[at], key)
                else:
                    todo.append((i, entry, key, new))
                    if at is not None:
                        stale.append(old.nids[at])
            delete_notes(cursor, stale + old.not_found())
            base.notes = None
        # Rendered and inserted a few thousand at a time: a whole deck's rows at once were
        # the largest thing a cold build held in memory.
        count = len(todo) if base is not None else len(items)
        for start in range(0, count, 4096):
            if base is not None:
                chunk = todo[start:start + 4096]
            else:
                chunk = [(i, entry, row_key(entry), None) for i, entry in
                         enumerate(items[start:start + 4096], start)]
            rows = [new or row(entry) for _, entry, _, new in chunk]
            for (i, entry, key, _), nid in zip(chunk, insert_rows(cursor, rows, id_gen)):
                self.notes.put(i, guid_id(entry.card.guid), nid, key)
        self.written, self.top = count, next(id_gen) - 1
        self.items = self.row = None        # (the entries are not needed any more)
