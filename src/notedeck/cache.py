"""A per-note cache of extraction results, so a rebuild only re-reads what changed.

Keyed by the note's bytes, the notedeck version and every setting that shapes its cards;
stored as JSON (never pickle: a planted cache file must not be able to run code), one file
per note path. Safe to delete; a corrupt, foreign or stale file is ignored and rewritten.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from . import __version__
from .model import Candidate, Card, Diagnostic, Note, Rejected, plain_fields

CACHE_FORMAT = 1


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


def _slot(folder: Path, source_id: str) -> Path:
    name = hashlib.sha256(source_id.encode()).hexdigest()[:32]
    return folder / name[:2] / f"{name}.json"


def _card_from(d: dict) -> Card:
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in d["fields"].items()}
    return Card(kind=d["kind"], key=d["key"], guid=d["guid"], fields=MappingProxyType(fields),
                source=d["source"], line=d["line"], section=d["section"],
                note_id=d["note_id"], note_title=d["note_title"], deck=d["deck"],
                tags=tuple(d["tags"]), rule=d["rule"], confidence=d["confidence"],
                reverse=d["reverse"], link=d["link"], image_file=d.get("image_file", ""),
                digest=d.get("digest", ""),
                rendered=(tuple(d["rendered"][0]), tuple(d["rendered"][1]))
                if d.get("rendered") else None)


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
        "cards": [c.to_dict() for c in result.cards],
        "rejected": [vars(r) for r in result.rejected],
        "diagnostics": [vars(d) for d in result.diagnostics],
        "skipped": [_cand_to(c) for c in result.skipped],
    }


def load_result(data: dict):
    from .pipeline import NoteResult
    n = data["note"]
    note = None if n is None else Note(n["source"], n["path"], n["root"], "", n["body_line"],
                                       MappingProxyType(n["meta"]), n["shape"])
    return NoteResult(note, data["source"], [_card_from(c) for c in data["cards"]],
                      [Rejected(**r) for r in data["rejected"]],
                      [Diagnostic(**d) for d in data["diagnostics"]],
                      [_cand_from(c) for c in data["skipped"]])


class NoteCache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0

    def get(self, source_id: str, key: str):
        if self.folder is None:
            return None
        try:
            data = json.loads(_slot(self.folder, source_id).read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT or data.get("key") != key:
                raise ValueError("stale")
            result = load_result(data["result"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, source_id: str, key: str, result) -> None:
        if self.folder is None:
            return
        path = _slot(self.folder, source_id)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"format": CACHE_FORMAT, "key": key,
                                       "result": dump_result(result)}, ensure_ascii=False),
                           encoding="utf-8")
            os.replace(tmp, path)
        except (OSError, TypeError, ValueError):
            pass    # a cache that cannot be written only costs speed
