"""A per-note cache of extraction results, so a rebuild only re-reads what changed.

Keyed by the note's bytes, the notedeck version and every setting that shapes its cards;
stored as JSON (never pickle: a planted cache must not be able to run code), one row per
note path in one SQLite file (``notes.sqlite``): a file per note cost more to create than
the note took to extract. Safe to delete; a corrupt, foreign or stale entry (or file) is
ignored and rewritten.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from . import __version__
from .model import (Candidate, Card, Diagnostic, Note, Rejected, _readonly, json_text,
                    plain_fields)

CACHE_FORMAT = 3


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version plus the size and mtime of notedeck's own modules, so an edited checkout
    (an editable install) never reads results of the code it replaced."""
    here = Path(__file__).resolve().parent
    parts = [__version__]
    for path in sorted(here.rglob("*.py")):
        st = path.stat()
        parts.append(f"{path.relative_to(here)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def cache_key(data: bytes, settings: str) -> str:
    h = hashlib.sha256()
    h.update(f"notedeck {code_fingerprint()} cache {CACHE_FORMAT}\x1f{settings}\x1f".encode())
    h.update(data)
    return h.hexdigest()


# A card is cached as a list in Card's field order, not a dict: a tenth of a rebuild after
# one edit went on decoding the same key names 14 times per note. Its fields and rendered
# note fields (most of the bytes) go on a second line, decoded only when a build looks at
# them: after one edit that is the edited note's cards, not the thousands of others.
_SLOTS = tuple(f.name for f in dataclasses.fields(Card))
_HEAVY = ("fields", "rendered")


def _card_to(c: Card) -> list:
    return [None if name in _HEAVY else list(c.tags) if name == "tags" else getattr(c, name)
            for name in _SLOTS]


def _heavy_to(c: Card) -> list:
    return [plain_fields(c.fields),
            [list(c.rendered[0]), list(c.rendered[1])] if c.rendered else None]


class _Heavy:
    """The second line of a cache file, decoded on first use, for all the note's cards."""
    __slots__ = ("text", "values")

    def __init__(self, text: bytes):
        self.text, self.values = text, None

    def get(self, i: int) -> list:
        if self.values is None:
            self.values = json.loads(self.text)
            self.text = b""
        return self.values[i]


class _Lazy:
    """One card's part of a _Heavy, turned into its value on first use."""
    __slots__ = ("_heavy", "_i", "_data")

    def __init__(self, heavy: _Heavy, i: int):
        self._heavy, self._i, self._data = heavy, i, None

    def _d(self):
        if self._data is None:
            self._data = self._decode(self._heavy.get(self._i))
        return self._data


class LazyFields(_Lazy, Mapping):
    """A cached card's fields (read-only, like the MappingProxy a fresh card has)."""
    __slots__ = ()

    @staticmethod
    def _decode(values: list) -> dict:
        return {k: tuple(v) if isinstance(v, list) else v for k, v in values[0].items()}

    def __getitem__(self, key):
        return self._d()[key]

    def __iter__(self):
        return iter(self._d())

    def __len__(self):
        return len(self._d())

    def __repr__(self):
        return f"LazyFields({self._d()!r})"

    def __reduce__(self):       # a pickled card carries its fields as a fresh card does
        return (_readonly, (self._d(),))


class LazyRendered(_Lazy, Sequence):
    """A cached card's rendered note fields and card ords: (fields, ords)."""
    __slots__ = ()

    @staticmethod
    def _decode(values: list) -> tuple:
        return tuple(values[1][0]), tuple(values[1][1])

    def __getitem__(self, i):
        return self._d()[i]

    def __len__(self):
        return 2

    def __eq__(self, other):
        return tuple(self) == tuple(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None


def _card_from(values: list, heavy: _Heavy, i: int, has_rendered: bool) -> Card:
    if len(values) != len(_SLOTS):
        raise ValueError("foreign card")
    d = dict(zip(_SLOTS, values))
    d["fields"] = LazyFields(heavy, i)
    d["tags"] = tuple(d["tags"])
    d["rendered"] = LazyRendered(heavy, i) if has_rendered else None
    # Card is frozen: its __init__ sets each of its 18 fields through object.__setattr__,
    # which was most of the cost of reading a cached deck. Every field is set here, from a
    # list of exactly _SLOTS, so filling the instance dict makes the same object.
    card = object.__new__(Card)
    card.__dict__.update(d)
    return card


def _cand_to(c: Candidate) -> dict:
    return {"kind": c.kind, "key": c.key, "line": c.line, "section": c.section,
            "rule": c.rule, "confidence": c.confidence,
            "fields": plain_fields(c.fields)}


def _cand_from(d: dict) -> Candidate:
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in d["fields"].items()}
    return Candidate(d["kind"], d["key"], MappingProxyType(fields), d["line"], d["section"],
                     d["rule"], d["confidence"])


def dump_result(result) -> dict:
    note = result.note
    return {
        "source": result.source,
        "note": None if note is None else {
            "source": note.source, "path": note.path, "root": note.root,
            "body_line": note.body_line, "shape": note.shape,
            "meta": json.loads(json.dumps(dict(note.meta), default=str))},
        "cards": [_card_to(c) for c in result.cards],
        "rendered": [bool(c.rendered) for c in result.cards],
        "rejected": [vars(r) for r in result.rejected],
        "diagnostics": [vars(d) for d in result.diagnostics],
        "skipped": [_cand_to(c) for c in result.skipped],
    }


def load_result(data: dict, heavy_text: bytes):
    from .pipeline import NoteResult
    n = data["note"]
    note = None if n is None else Note(n["source"], n["path"], n["root"], "", n["body_line"],
                                       MappingProxyType(n["meta"]), n["shape"])
    heavy = _Heavy(heavy_text)
    cards = [_card_from(c, heavy, i, has) for i, (c, has) in
             enumerate(zip(data["cards"], data["rendered"]))]
    return NoteResult(note, data["source"], cards,
                      [Rejected(**r) for r in data["rejected"]],
                      [Diagnostic(**d) for d in data["diagnostics"]],
                      [_cand_from(c) for c in data["skipped"]])


def encode_result(key: str, result) -> tuple[bytes, bytes] | None:
    """The two parts of a cache entry: what a build reads for every note, and the cards'
    fields, decoded only when used (with a checksum in the first: damage is found when the
    entry is read, not mid-build). Made in the worker that extracted the note. None: not
    encodable (then not cached)."""
    try:
        heavy = json_text([_heavy_to(c) for c in result.cards]).encode()
        light = json_text({"format": CACHE_FORMAT, "key": key, "heavy": zlib.crc32(heavy),
                         "result": dump_result(result)}).encode()
    except (TypeError, ValueError):
        return None
    return light, heavy


class NoteCache:
    """The cache in ``folder`` (None: no cache). Entries are written in batches; close()
    writes the rest."""
    NAME = "notes.sqlite"

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._broken = folder is None
        self._pending: list[tuple[str, str, bytes, bytes]] = []

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            for attempt in (1, 2):
                try:
                    self.folder.mkdir(parents=True, exist_ok=True)
                    db = sqlite3.connect(self.folder / self.NAME, timeout=10)
                    # A cache needs no fsync: after a power cut a damaged file is replaced.
                    db.execute("PRAGMA synchronous = OFF")
                    if db.execute("PRAGMA user_version").fetchone()[0] != CACHE_FORMAT:
                        db.executescript(
                            "DROP TABLE IF EXISTS notes; CREATE TABLE notes(id TEXT PRIMARY "
                            "KEY, key TEXT NOT NULL, light BLOB NOT NULL, heavy BLOB NOT NULL);"
                            f"PRAGMA user_version = {CACHE_FORMAT};")
                    self._db = db
                    break
                except (OSError, sqlite3.Error):
                    if attempt == 1:        # not a database (or a damaged one): start over
                        self._remove()
            self._broken = self._db is None     # a cache that cannot be opened costs speed
        return self._db

    def get(self, source_id: str, key: str):
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT light, heavy FROM notes WHERE id = ? AND key = ?",
                             (source_id, key)).fetchone()
            if row is None:
                raise ValueError("missing")
            light, heavy = bytes(row[0]), bytes(row[1])
            data = json.loads(light)
            if data.get("format") != CACHE_FORMAT or data.get("key") != key:
                raise ValueError("stale")
            if data.get("heavy") != zlib.crc32(heavy):
                raise ValueError("damaged")
            result = load_result(data["result"], heavy)
        except sqlite3.OperationalError:     # busy (another build): only a miss
            self.misses += 1
            return None
        except sqlite3.DatabaseError:       # damaged: the next build starts a new file
            self._reset()
            self.misses += 1
            return None
        except (ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, source_id: str, key: str, result) -> None:
        entry = None if self._broken else encode_result(key, result)
        if entry is not None:
            self.store(source_id, key, *entry)

    def store(self, source_id: str, key: str, light: bytes, heavy: bytes) -> None:
        self._pending.append((source_id, key, light, heavy))
        if len(self._pending) >= 500:
            self.flush()

    def flush(self) -> None:
        rows, self._pending = self._pending, []
        db = self._connect()
        if db is None or not rows:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?)", rows)
        except sqlite3.OperationalError:
            pass                # busy or read-only: a cache not written only costs speed
        except sqlite3.DatabaseError:
            self._reset()       # damaged: the next build starts a new one

    def _reset(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db, self._broken = None, True
        self._remove()

    def _remove(self) -> None:
        try:
            (self.folder / self.NAME).unlink()
        except OSError:
            pass

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None
