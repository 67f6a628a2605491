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
from .collection import NoteWriter, load_base, save_state, vacuum_if_sparse
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
    import genanki  # (here, not at the top: `notedeck cards` and `--help` never need it)

    if not isinstance(entries, DeckEntries):
        entries = DeckEntries.of(entries)       # (a plan's have each GUID once already)
    for name in media:
        if not local_media_name(name):
            raise ValueError(f"media name {name!r} must be a bare file name")
    layout = _Layout(genanki, entries, descriptions)
    path, code = Path(path), code_fingerprint()
    # The scratch folder sits beside the package, hidden, so a killed build's leftovers are
    # swept by the next build (Workspace.sweep) instead of piling up in $TMPDIR.
    with atomic_path(path) as tmp, tempfile.TemporaryDirectory(
            prefix=".notedeck-media-", dir=path.parent) as scratch:
        files = []
        os.mkdir(os.path.join(scratch, "media"))
        for name, src in media.items():  # genanki stores each file under its base name
            files.append(os.path.join(scratch, "media", name))
            shutil.copyfile(src, files[-1])
        base = load_base(Path(previous), Path(scratch), state, code) if previous else None
        writer = NoteWriter(layout.items, layout.row, row_key, base)
        db = base.db if base is not None else Path(scratch) / "collection.anki2"
        # The package time becomes the note types' mod: newer than the last import, so
        # Anki takes template/CSS changes ("update note types if newer").
        _write_collection(genanki, db, layout.decks, time.time(), writer)
        del base
        with zipfile.ZipFile(tmp, "w") as out:      # genanki.Package.write_to_file's layout
            out.write(db, "collection.anki2")
            out.writestr("media", json.dumps({i: os.path.basename(f)
                                              for i, f in enumerate(files)}))
            for i, f in enumerate(files):
                out.write(f, str(i))
        # mkstemp's 0600 would make the package private to its writer
        os.chmod(tmp, 0o644)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
    if state is not None:
        save_state(state, path, code, writer.notes, writer.top)
    return writer.written


class _Layout:
    """The package's decks and note types (genanki objects), and its entries deck by deck
    (positions, not entries: a plan makes its entries when they are read, and a big deck's
    would be a million objects held here)."""

    def __init__(self, genanki, entries: DeckEntries, descriptions: Mapping[str, str]):
        self.genanki, self.descriptions = genanki, descriptions
        self.models = {kind: _genanki_model(genanki, nt) for kind, nt in NOTETYPES.items()}
        self.by_name: dict[str, object] = {}
        by_deck: dict[str, array] = defaultdict(lambda: array("I"))    # deck -> positions
        used: set[tuple[str, str]] = set()
        for i, entry in enumerate(entries):
            card = entry.card
            if not card.deck.strip():
                raise ValueError(f"{card.source}:{card.line}: no deck name")
            model = self.models.get(card.kind)
            if model is None:
                raise ValueError(f"{card.source}:{card.line}: unknown card kind {card.kind!r}")
            if (card.deck, card.kind) not in used:
                used.add((card.deck, card.kind))
                self._deck(card.deck).add_model(model)
            by_deck[card.deck].append(i)
        self.decks = list(self.by_name.values())
        self.items = _InOrder(entries, array("I", (i for name in self.by_name
                                                   for i in by_deck.get(name, ()))))

    def _deck(self, name: str):
        if name not in self.by_name:
            if "::" in name:            # parents first, so they carry descriptions too
                self._deck(name.rsplit("::", 1)[0])
            self.by_name[name] = self.genanki.Deck(
                deck_id(name), name, description=sanitize_html(self.descriptions.get(name, "")))
        return self.by_name[name]

    def row(self, entry: DeckEntry) -> tuple:
        """The entry's note row and the ords of its cards (collection.Row)."""
        card = entry.card
        model = self.models[card.kind]
        fields, ords = note_fields(entry)
        if len(fields) != len(model.fields):
            raise ValueError(f"{card.source}:{card.line}: {len(fields)} fields for the "
                             f"{len(model.fields)} of note type {model.name!r}")
        return (card.guid, model.model_id, int(entry.mod), tag_text(tuple(entry.tags)),
                "\x1f".join(fields), fields[0], self.by_name[card.deck].deck_id,
                tuple(sorted(ords)))


def _write_collection(genanki, db: Path, decks: list, timestamp: float,
                      writer: NoteWriter) -> None:
    """genanki.Package.write_to_db, on a new collection or on the previous package's (a
    scratch copy): genanki writes the collection record, its decks and note types; the
    notes and cards are the rows genanki.Note.write_to_db makes, one executemany per table
    (a genanki.Note per note and a statement per row were half of a rebuild after one
    edit), and only where the previous package does not hold them already (NoteWriter).
    genanki's scan for unescaped HTML is not needed: every field went through
    sanitize_html. The note's mod is the entry's, not the package time."""
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA
    base = writer.base
    with closing(sqlite3.connect(db)) as conn:
        cursor = conn.cursor()
        cursor.execute("PRAGMA cache_size=-16384")  # 16 MB: fewer page spills mid-insert
        id_gen = itertools.count(int(timestamp * 1000))
        if base is None:
            cursor.executescript(APKG_SCHEMA)
        else:
            cursor.execute("DELETE FROM col")
        cursor.executescript(APKG_COL)
        for deck in decks:      # (no notes in them: only their deck and model records)
            deck.write_to_db(cursor, timestamp, id_gen)
        if base is None:
            writer.write(cursor, id_gen)
        else:
            writer.write(cursor, itertools.count(max(next(id_gen), base.top + 1)))
            vacuum_if_sparse(cursor)
        conn.commit()
