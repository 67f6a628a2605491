"""Write DeckEntries as an Anki package (.apkg). The only module that imports genanki.

Re-importing a newer package must update notes in place: Anki matches a note by its GUID
(``card.guid``) and its note type by model id (notetypes.MODEL_IDS), and overwrites a
note only when the incoming ``notes.mod`` is newer, so ``mod`` is taken from the entry
(kept by the versioning step while the content is unchanged), never from the clock.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
from array import array
from collections import defaultdict
from collections.abc import Mapping, Sequence
from contextlib import closing
from pathlib import Path

from ..fsutil import atomic_path
from ..versioning.cache import code_fingerprint
from ..versioning.plan import DeckEntries, DeckEntry
from .collection import (
    Notes,
    delete_notes,
    guid_id,
    insert_rows,
    load_base,
    save_state,
    vacuum_if_sparse,
)
from .fields import note_fields, rendered_fields, row_key, tag_text
from .notetypes import NOTETYPES, NoteType, stable_id
from .sanitize import local_media_name, sanitize_html

__all__ = ["write_package", "note_fields", "rendered_fields", "deck_id", "model_signature",
           "style_signature"]


def deck_id(name: str) -> int:
    """Deck id from the full deck name ("Parent::Child"): sha256 of the name, 52 bits, + 2**52.

    The same name always gives the same id, in every build on every machine, so a deck keeps
    its id across releases (Anki also matches decks by name on import).
    """
    digest = hashlib.sha256(("notedeck deck " + name).encode()).digest()
    return (int.from_bytes(digest[:8], "big") % (1 << 52)) + (1 << 52)


def _digest(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def model_signature(kind: str) -> str:
    """Hash of what Anki treats as a note type's schema: a change means a new note type."""
    nt = NOTETYPES[kind]
    return _digest({"id": nt.model_id, "cloze": nt.cloze, "fields": list(nt.fields),
                    "templates": len(nt.templates)})


def style_signature(kind: str | None = None) -> str:
    """Hash of the templates and CSS (of one kind, or all): a change is a styling update."""
    kinds = [kind] if kind else sorted(NOTETYPES)
    return _digest([[NOTETYPES[k].templates, NOTETYPES[k].css] for k in kinds])


def _genanki_model(genanki, nt: NoteType):
    return genanki.Model(
        nt.model_id, nt.name,
        fields=[{"name": name, "id": stable_id(nt.model_id, "field", i)}
                for i, name in enumerate(nt.fields)],
        templates=[{"name": name, "qfmt": front, "afmt": back,
                    "id": stable_id(nt.model_id, "template", i)}
                   for i, (name, front, back) in enumerate(nt.templates)],
        css=nt.css, model_type=genanki.Model.CLOZE if nt.cloze else genanki.Model.FRONT_BACK,
        sort_field_index=0)


class _InOrder(Sequence):
    """``entries`` in the order of the positions ``order``."""

    def __init__(self, entries: Sequence[DeckEntry], order: array):
        self._entries, self._order = entries, order

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._entries[i] for i in self._order[k]]
        return self._entries[self._order[k]]


def write_package(entries: DeckEntries | Sequence[DeckEntry], path: Path, *,
                  descriptions: Mapping[str, str] = {}, media: Mapping[str, Path] = {},
                  previous: Path | None = None, state: Path | None = None) -> int:
    """Write ``entries`` to the .apkg at ``path``, atomically (temp file beside it + rename);
    raises ValueError for an entry that cannot become a note, fsutil.WriteError for the disk.
    Returns how many notes were written afresh.

    ``descriptions`` maps a deck name to its description (HTML, sanitised); ``media`` maps
    the file name cards refer to (``<img src="NAME">``) to the file on disk. ``previous``
    is the deck's last package: the notes it holds as they must be are kept, not written
    again; ``state`` is the cache file that says which those are without reading them
    (collection.py). Without either, everything is written.
    """
    import genanki
    from genanki.apkg_col import APKG_COL


    path = Path(path)
    models = {kind: _genanki_model(genanki, nt) for kind, nt in NOTETYPES.items()}
    decks: dict[str, object] = {}

    def deck(name: str):
        if name not in decks:
            if "::" in name:
                deck(name.rsplit("::", 1)[0])  # parents first, so they carry descriptions too
            decks[name] = genanki.Deck(deck_id(name), name,
                                       description=sanitize_html(descriptions.get(name, "")))
        return decks[name]

    if not isinstance(entries, DeckEntries):
        entries = DeckEntries.of(entries)       # (a plan's have each GUID once already)
    by_deck: dict[str, array] = defaultdict(lambda: array("I"))    # deck -> its positions
    used: set[tuple[str, str]] = set()
    for i, entry in enumerate(entries):
        card = entry.card
        if not card.deck.strip():
            raise ValueError(f"{card.source}:{card.line}: no deck name")
        model = models.get(card.kind)
        if model is None:
            raise ValueError(f"{card.source}:{card.line}: unknown card kind {card.kind!r}")
        if (card.deck, card.kind) not in used:
            used.add((card.deck, card.kind))
            deck(card.deck).add_model(model)
        by_deck[card.deck].append(i)
    # Deck by deck; positions, not entries: a plan makes its entries when they are read
    # (DeckEntries), and a big deck's would be a million objects held here.
    items = _InOrder(entries, array("I", (i for name in decks for i in by_deck.get(name, ()))))
    del by_deck
    for name in media:
        if not local_media_name(name):
            raise ValueError(f"media name {name!r} must be a bare file name")

    def row(entry: DeckEntry) -> tuple:
        card = entry.card
        model = models[card.kind]
        fields, ords = note_fields(entry)
        if len(fields) != len(model.fields):
            raise ValueError(f"{card.source}:{card.line}: {len(fields)} fields for the "
                             f"{len(model.fields)} of note type {model.name!r}")
        return (card.guid, model.model_id, int(entry.mod), tag_text(tuple(entry.tags)),
                "\x1f".join(fields), fields[0], decks[card.deck].deck_id, tuple(sorted(ords)))

    after = Notes.empty(len(items))                   # the package's notes, as written
    written = top = 0                                 # notes written; the largest row id

    def write_notes(cursor, id_gen) -> None:
        nonlocal written, top
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
                    after.put(i, gid, old.nids[at], key)
                else:
                    todo.append((i, entry, key, new))
                    if at is not None:
                        stale.append(old.nids[at])
            delete_notes(cursor, stale + old.not_found())
            base.notes = old = None
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
                after.put(i, guid_id(entry.card.guid), nid, key)
        written, top = count, next(id_gen) - 1

    class Package(genanki.Package):
        # genanki writes the collection, its decks and note types; notes and cards are the
        # rows genanki.Note.write_to_db makes, inserted one executemany per table (a
        # genanki.Note per note and a statement per row were half of a rebuild after one
        # edit), and only where the previous package does not hold them already.
        # genanki's scan for unescaped HTML is not needed: every field went through
        # sanitize_html. The note's mod is the entry's, not the package time (see above).
        def write_to_db(self, cursor, timestamp, id_gen):
            cursor.execute("PRAGMA cache_size=-16384")  # 16 MB: fewer page spills mid-insert
            if base is None:
                super().write_to_db(cursor, timestamp, id_gen)
                return write_notes(cursor, id_gen)
            cursor.execute("DELETE FROM col")       # the cursor is on the previous collection
            cursor.executescript(APKG_COL)
            for d in self.decks:        # no notes in them: only their deck and model records
                d.write_to_db(cursor, timestamp, id_gen)
            write_notes(cursor, itertools.count(max(next(id_gen), base.top + 1)))
            vacuum_if_sparse(cursor)

        def write_to_file(self, file, timestamp):
            if base is None:
                return super().write_to_file(file, timestamp=timestamp)
            # genanki.Package.write_to_file, but on the previous collection (already a
            # scratch copy) instead of a new empty one; the same zip layout.
            with closing(sqlite3.connect(base.db)) as conn:
                self.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
                conn.commit()
            with zipfile.ZipFile(file, "w") as out:
                out.write(base.db, "collection.anki2")
                out.writestr("media", json.dumps({i: os.path.basename(f)
                                                  for i, f in enumerate(self.media_files)}))
                for i, f in enumerate(self.media_files):
                    out.write(f, str(i))

    code = code_fingerprint()
    # The scratch folder sits beside the package, hidden, so a killed build's leftovers are
    # swept by the next build (build.sweep_temp_files) instead of piling up in $TMPDIR.
    try:
        with atomic_path(path) as tmp, tempfile.TemporaryDirectory(
                prefix=".notedeck-media-", dir=path.parent) as scratch:
            files = []
            os.mkdir(os.path.join(scratch, "media"))
            for name, src in media.items():  # genanki stores each file under its base name
                files.append(os.path.join(scratch, "media", name))
                shutil.copyfile(src, files[-1])
            base = load_base(Path(previous), Path(scratch), state, code) if previous else None
            # The package time becomes the note types' mod: newer than the last import, so
            # Anki takes template/CSS changes ("update note types if newer").
            # genanki builds its collection in a mkstemp() file it never deletes: point its
            # temporary files into our own folder, which is removed with everything in it.
            saved, tempfile.tempdir = tempfile.tempdir, scratch
            try:
                Package(list(decks.values()), media_files=files).write_to_file(
                    str(tmp), timestamp=time.time())
            finally:
                tempfile.tempdir = saved
            # mkstemp's 0600 would make the package private to its writer
            os.chmod(tmp, 0o644)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        items = None
        if state is not None:
            save_state(state, path, code, after, top)
        return written
    finally:
        # row(), write_notes() and Package are closures over these, and a class and its
        # methods form a reference cycle: with the garbage collector off (as in a build),
        # every row key and note id of the deck would be kept to the end of the build.
        items = after = base = None
