"""Everything a build keeps on disk, behind one interface.

    decks/<deck>/<deck>-X.Y.Z.apkg   the packages, one per version      (out_dir)
    decks/<deck>/CHANGELOG.md        what each version changed
    cards/<deck>.json                the card lock: commit it           (cards_dir)
    .notedeck-cache/                 only a speed-up: safe to delete    (cache_dir)
        notes.sqlite                 each note's extracted cards (cache.py)
        packages/<deck>.json         what each deck's last package holds (anki/collection.py)
        last-build.json              the fingerprint of the last build's inputs

Each file is written to a temporary name and renamed (fsutil); one build at a time holds
the workspace (fsutil.workspace_lock).
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from ..fsutil import WriteError, atomic_write, workspace_lock


def slug(deck: str) -> str:
    """A file-safe name for a deck: 'Psych::IPNB notes' -> 'Psych-IPNB-notes'."""
    return re.sub(r"[^\w.-]+", "-", deck.replace("::", "-")).strip("-.") or "deck"


def lock_path(cards_dir: Path, deck: str) -> Path:
    return cards_dir / f"{slug(deck)}.json"


def default_cache_dir(cards_dir: Path) -> Path:
    """The workspace cache sits beside the card lock; deleting it only costs time."""
    return cards_dir.resolve().parent / ".notedeck-cache"


@dataclass(frozen=True)
class Workspace:
    out_dir: Path                   # packages and changelogs
    cards_dir: Path                 # card locks
    cache_dir: Path | None = None   # None: no cache (every note read, every row written)

    def lock_path(self, deck: str) -> Path:
        return lock_path(self.cards_dir, deck)

    def lock_files(self) -> list[Path]:
        return sorted(self.cards_dir.glob("*.json")) if self.cards_dir.is_dir() else []

    def package_path(self, deck: str, version: str) -> Path:
        return self.out_dir / slug(deck) / f"{slug(deck)}-{version}.apkg"

    def changelog_path(self, deck: str) -> Path:
        return self.out_dir / slug(deck) / "CHANGELOG.md"

    def package_state(self, deck: str) -> Path | None:
        """Where the cache says what the deck's last package holds (None: no cache)."""
        return self.cache_dir / "packages" / f"{slug(deck)}.json" if self.cache_dir else None

    def hold(self) -> AbstractContextManager[None]:
        """One build at a time (BusyError for the second)."""
        return workspace_lock(self.cards_dir)

    # ---- "nothing changed since the last build" ----------------------------------------

    def inputs_fingerprint(self, notes: str) -> str:
        """Everything a build's result depends on: the notes' fingerprint and the card
        locks. Equal to the last build's: nothing can have changed."""
        h = hashlib.sha256(notes.encode())
        for lock in self.lock_files():
            with lock.open("rb") as f:     # a big vault's lock is a gigabyte: not at once
                h.update(lock.name.encode() + hashlib.file_digest(f, "sha256").digest())
        return h.hexdigest()

    def last_build(self, fingerprint: str) -> dict | None:
        """What the last build recorded, if its inputs had this fingerprint."""
        if self.cache_dir is None:
            return None
        try:
            state = json.loads((self.cache_dir / "last-build.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return state if isinstance(state, dict) and state.get("inputs") == fingerprint \
            else None

    def record_build(self, state: dict) -> None:
        """Remember this build; a state that cannot be written costs the next build a check."""
        if self.cache_dir is None:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            atomic_write(self.cache_dir / "last-build.json", json.dumps(state))
        except (OSError, WriteError):
            pass

    def sweep(self) -> None:
        """Temporary files of builds that were killed (``.name.*.tmp``,
        ``.notedeck-media-*``), beside the outputs and in the cache; call it holding the
        workspace, so no running build owns them."""
        for folder in self._folders():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)
            for stale in folder.glob(".notedeck-media-*"):
                shutil.rmtree(stale, ignore_errors=True)

    def _folders(self) -> Iterator[Path]:
        yield self.cards_dir
        if self.out_dir.is_dir():
            yield from (p for p in self.out_dir.iterdir() if p.is_dir())
        if self.cache_dir is not None:
            yield from (self.cache_dir, self.cache_dir / "packages")
