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
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from ..cards import Card, NoteResult
from ..config import DeckOptions
from ..extractors.base import Candidate, Rejected
from ..fsutil import read_file
from ..jsontext import FieldsJSON, RenderedJSON, json_text
from ..model import Diagnostic, __version__, plain_fields
from ..reading.document import Note
from ..reading.sources import Source

CACHE_FORMAT = 6


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version plus the size and mtime of notedeck's own modules, so an edited checkout
    (an editable install) never reads results of the code it replaced."""
    here = Path(__file__).resolve().parent.parent        # the notedeck package
    parts = [__version__]
    for path in sorted(here.rglob("*.py")):
        st = path.stat()
        parts.append(f"{path.relative_to(here)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def note_settings(source: Source) -> str:
    """Everything besides the note's bytes that shapes its cards (the cache key)."""
    return repr((source.file.source, str(source.file.root), source.deck, source.root_deck,
                 _options_repr(source.options), source.vault, source.file.home,
                 source.identity))


@lru_cache(maxsize=64)
def _options_repr(options: DeckOptions) -> str:     # one per deck, not one per note
    return repr(options)


def note_digest(path: Path) -> bytes | None:
    """The note's bytes, hashed: what the cache key and the build fingerprint depend on."""
    try:
        return hashlib.sha256(read_file(path)).digest()
    except OSError:             # unreadable, or a pipe (never read): read_note says which
        return None


def cache_key(data: bytes, settings: str) -> str:
    h = hashlib.sha256()
    h.update(f"notedeck {code_fingerprint()} cache {CACHE_FORMAT}\x1f{settings}\x1f".encode())
    h.update(data)
    return h.hexdigest()


# A card is cached as a list in Card's field order, not a dict: a tenth of a rebuild after
# one edit went on decoding the same key names 14 times per note. Its fields and rendered
# note fields (most of the bytes) go in a second part, decoded only when a build looks at
# them: after one edit that is the edited note's cards, not the thousands of others. Each
# is its own JSON text there, so the card lock can copy a card's fields as they are.
_SLOTS = tuple(f.name for f in dataclasses.fields(Card))
_HEAVY = ("fields", "rendered")


def _card_to(c: Card) -> list:
    return [None if name in _HEAVY else list(c.tags) if name == "tags" else getattr(c, name)
            for name in _SLOTS]


def _heavy_to(c: Card) -> tuple[bytes, bytes]:
    """The card's fields and its rendered note fields (b"": none), as JSON."""
    fields = c.fields.canonical_raw() if isinstance(c.fields, FieldsJSON) else \
        json_text(plain_fields(c.fields)).encode()
    return fields, c.rendered.raw() if c.rendered is not None else b""


# One object per distinct string (and tags tuple) in the build instead of one per card:
# JSON decodes every occurrence as a new object, and a 100k-note vault holds over a
# million cards. Other values are told apart by type too (1 == 1.0 == True).
_SHARED = tuple(_SLOTS.index(name) for name in (
    "kind", "source", "section", "note_id", "note_title", "deck", "rule", "link",
    "image_file", "confidence"))
_TAGS, _FIELDS, _RENDERED = (_SLOTS.index(name) for name in ("tags", "fields", "rendered"))


def _card_from(values: list, text, at: int, sizes: list[int], shared: dict) -> Card:
    """The card of ``values`` (in Card's field order); its fields and rendered fields are
    ``sizes`` bytes of ``text`` from ``at`` (no rendered fields if their size is 0)."""
    if len(values) != len(_SLOTS):
        raise ValueError("foreign card")
    share = shared.setdefault
    for i in _SHARED:
        value = values[i]
        values[i] = share(value, value) if type(value) is str else \
            share((type(value), value), value)
    tags = tuple([share(t, t) if type(t) is str else t for t in values[_TAGS]])
    values[_TAGS] = share(tags, tags)
    size, rendered = sizes
    values[_FIELDS] = FieldsJSON(text, at, at + size)
    values[_RENDERED] = RenderedJSON(text, at + size, at + size + rendered) if rendered \
        else None
    return Card(*values)


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
            "vault_source": note.vault_source,
            "meta": json.loads(json.dumps(dict(note.meta), default=str))},
        "cards": [_card_to(c) for c in result.cards],
        "rejected": [vars(r) for r in result.rejected],
        "diagnostics": [vars(d) for d in result.diagnostics],
        "skipped": [_cand_to(c) for c in result.skipped],
    }


@dataclass
class Loader:
    """How one extraction reads entries back: its cards' texts go to ``spill`` (a
    spill.Spill; None: they stay in memory), equal strings are shared through ``shared``
    (see _card_from), and each note's frontmatter and its rejected and skipped candidates
    are read only with ``details``: `notedeck check` shows them, a build never looks at
    them, and a big vault's would be held to the end of the extraction, scattered among
    the cards (the memory they leave free when they go is not given back)."""
    spill: object = None
    shared: dict = field(default_factory=dict)
    details: bool = True


def load_result(data: dict, heavy_text: bytes, loader: Loader | None = None):
    loader = loader or Loader()
    n, details = data["note"], loader.details
    note = None if n is None else Note(
        n["source"], n["path"], n["root"], "", n["body_line"],
        MappingProxyType(n["meta"] if details else {}), n["shape"],
        vault_source=n.get("vault_source", ""))
    sizes = data["heavy_sizes"]
    if len(sizes) != len(data["cards"]) or sum(f + r for f, r in sizes) != len(heavy_text):
        raise ValueError("foreign entry")
    spill = loader.spill
    base = spill.add(heavy_text) if spill is not None and heavy_text else None
    if base is not None:            # the fields wait on disk, not in memory
        heavy_text = spill
    at, cards = base or 0, []
    for values, size in zip(data["cards"], sizes):
        cards.append(_card_from(values, heavy_text, at, size, loader.shared))
        at += sum(size)
    return NoteResult(note, data["source"], cards,
                      [Rejected(**r) for r in data["rejected"]] if details else [],
                      [Diagnostic(**d) for d in data["diagnostics"]],
                      [_cand_from(c) for c in data["skipped"]] if details else [])


def encode_result(key: str, result) -> tuple[bytes, bytes] | None:
    """The two parts of a cache entry: what a build reads for every note, and the cards'
    fields, decoded only when used (with a checksum in the first: damage is found when the
    entry is read, not mid-build). Made in the worker that extracted the note. None: not
    encodable (then not cached)."""
    try:
        # Two JSON texts per card, one after the other: a card's part is read without the
        # rest of its note's (``heavy_sizes`` says where each one is).
        pieces = [_heavy_to(c) for c in result.cards]
        heavy = b"".join(part for piece in pieces for part in piece)
        light = json_text({"format": CACHE_FORMAT, "key": key, "heavy": zlib.crc32(heavy),
                           "result": dict(dump_result(result), heavy_sizes=[
                               [len(f), len(r)] for f, r in pieces])}).encode()
    except (TypeError, ValueError):
        return None
    return light, heavy


def decode_entry(key: str, light: bytes, heavy: bytes, loader: Loader | None = None):
    """The NoteResult of an entry made by encode_result, read as ``loader`` says.
    ValueError (or KeyError, TypeError, AttributeError): stale, damaged or foreign."""
    data = json.loads(light)
    if data.get("format") != CACHE_FORMAT or data.get("key") != key:
        raise ValueError("stale")
    if data.get("heavy") != zlib.crc32(heavy):
        raise ValueError("damaged")
    return load_result(data["result"], heavy, loader)


def _row_id(source: Source) -> str:
    return source.file.source + "\x1f" + str(source.file.root)


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

    @staticmethod
    def key(source: Source, digest: bytes | None) -> str:
        """The key of ``source``'s entry, its bytes hashed to ``digest`` ("": unreadable)."""
        return cache_key(digest, note_settings(source)) if digest else ""

    def get(self, source: Source, key: str, loader: Loader | None = None):
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT light, heavy FROM notes WHERE id = ? AND key = ?",
                             (_row_id(source), key)).fetchone()
            if row is None:
                raise ValueError("missing")
            result = decode_entry(key, bytes(row[0]), bytes(row[1]), loader)
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

    @property
    def usable(self) -> bool:
        """False: no cache, or one that cannot be opened (entries would be thrown away)."""
        return not self._broken

    def store(self, source: Source, key: str, light: bytes, heavy: bytes) -> None:
        self._pending.append((_row_id(source), key, light, heavy))
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
