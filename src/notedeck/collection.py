"""Reuse the previous package's collection: only notes that changed are written again.

A rebuild after one edit used to insert every note and card of the deck again. The last
package of a deck already holds almost every note exactly as it must be, so its
``collection.anki2`` is taken as the start and only the difference is applied: notes whose
row would differ, or that are gone, are deleted with their cards; new and changed ones are
inserted. The result holds the same rows as a fresh write (tests/test_package.py compares
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

import itertools
import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

STATE_FORMAT = 2

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


@dataclass
class Base:
    """The previous collection, extracted to ``db`` (a scratch copy, changed in place)."""
    db: Path
    notes: dict[str, tuple[int, object]]    # GUID -> (note id, row key or the full Row)
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
    try:
        data = json.loads(state.read_text(encoding="utf-8"))
        if data["format"] != STATE_FORMAT or data["code"] != code or \
                data["package"] != [previous.name, *_stamp(previous)]:
            return None
        guids, nids, keys = data["guids"], data["nids"], data["keys"]
        if not len(guids) == len(nids) == len(keys):
            return None
        return dict(zip(guids, zip(nids, keys))), int(data["top"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_state(state: Path, package: Path, code: str, notes: dict[str, tuple[int, object]],
               top: int) -> None:
    """Record the package just written; a state that cannot be written only costs speed."""
    from .fsutil import WriteError, atomic_write
    head = {"format": STATE_FORMAT, "code": code, "package": [package.name, *_stamp(package)],
            "top": top}
    try:
        state.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(state, _state_pieces(head, notes))
    except (OSError, WriteError):
        pass


def _state_pieces(head: dict, notes: dict[str, tuple[int, object]]):
    """``head`` plus the GUIDs, note ids and row keys of ``notes`` as three JSON lists,
    a few thousand at a time (a big deck's state is a hundred megabytes of text)."""
    yield json.dumps(head, separators=(",", ":"))[:-1]
    for name, at in (("guids", None), ("nids", 0), ("keys", 1)):
        yield f',"{name}":['
        items, sep = iter(notes.items()), ""
        while chunk := list(itertools.islice(items, 8192)):
            values = [g if at is None else v[at] for g, v in chunk]
            yield sep + json.dumps(values, separators=(",", ":"))[1:-1]
            sep = ","
        yield "]"
    yield "}"


def _read_rows(db: Path):
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if any(con.execute(q).fetchone()[0] for q in _CLEAN):
            return None
        rows: dict[str, tuple[int, Row]] = {}
        for nid, guid, mid, mod, tags, flds, sfld, did, dids, ords, lo, hi in con.execute(
                "SELECT n.id, n.guid, n.mid, n.mod, n.tags, n.flds, n.sfld, c.did, c.dids, "
                "c.ords, c.lo, c.hi FROM notes n LEFT JOIN (SELECT nid, min(did) AS did, "
                "count(DISTINCT did) AS dids, group_concat(ord) AS ords, min(mod) AS lo, "
                "max(mod) AS hi FROM cards GROUP BY nid) c ON c.nid = n.id"):
            if guid in rows or dids != 1 or lo != mod or hi != mod:
                return None     # a GUID twice, a note in two decks or without cards: rewrite
            rows[guid] = (nid, (guid, mid, mod, tags, flds, sfld, did,
                                tuple(sorted(int(o) for o in ords.split(",")))))
        top = con.execute("SELECT max(m) FROM (SELECT max(id) AS m FROM notes "
                          "UNION ALL SELECT max(id) FROM cards)").fetchone()[0] or 0
        return rows, top
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
