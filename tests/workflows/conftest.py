"""The ``study`` fixture: a user's Obsidian vault, the notedeck workspace beside it, and
their Anki collection (Anki's own backend, as AnkiDroid runs it).

Every story goes the way a user's week does: build, import into Anki, review every card,
edit a card on the phone, change the vault, build again, import the new version with the
default options, and look at what Anki now holds. Builds run through the command line
(click's runner) in the folder beside the vault, dated two days ago for the first and then
after the phone edit, as real builds would be.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from notedeck.cards import KINDS
from notedeck.cli import main
from notedeck.model import field_text
from notedeck.versioning.lockfile import read_lock
from notedeck.versioning.workspace import lock_path, slug

pytest.importorskip("anki.collection")
from anki_user import answer_every_card, history, notes_by_guid  # noqa: E402

HOUR, DAY = 3600, 86_400


class Study:
    def __init__(self, root: Path, import_apkg):
        self.root = root
        self.vault = root / "vault"
        (self.vault / ".obsidian").mkdir(parents=True)
        self._import = import_apkg
        self.col = None
        self.builds = 0
        self.output = ""

    # ---- the vault ------------------------------------------------------------------
    def write(self, rel: str, text: str) -> Path:
        path = self.vault / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def edit(self, rel: str, old: str, new: str) -> None:
        text = (self.vault / rel).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {rel}"
        self.write(rel, text.replace(old, new))

    def move(self, old: str, new: str) -> None:
        (self.vault / new).parent.mkdir(parents=True, exist_ok=True)
        (self.vault / old).rename(self.vault / new)

    # ---- notedeck -------------------------------------------------------------------
    def notedeck(self, *args: str, ok: bool = True) -> str:
        """Run a notedeck command in the folder beside the vault; its output."""
        # the first build before the phone edits, every later one after them
        when = int(time.time()) - 2 * DAY if not self.builds else \
            int(time.time()) + HOUR * self.builds
        self.builds += args[0] == "build"
        result = CliRunner().invoke(main, list(args), env={"SOURCE_DATE_EPOCH": str(when)})
        self.output = result.output
        if ok:
            assert result.exit_code == 0, result.output
        return result.output

    def build(self, *args: str, notes: str = "vault", ok: bool = True) -> str:
        return self.notedeck("build", notes, *args, ok=ok)

    def lock(self, deck: str = "vault"):
        return read_lock(lock_path(self.root / "cards", deck), deck)

    def newest(self, deck: str = "vault") -> Path:
        return self.root / "decks" / slug(deck) / f"{slug(deck)}-{self.lock(deck).version}.apkg"

    def changelog(self, deck: str = "vault") -> str:
        """The newest CHANGELOG entry."""
        text = (self.root / "decks" / slug(deck) / "CHANGELOG.md").read_text(encoding="utf-8")
        return "## " + text.split("\n## ", 2)[1]

    def guid(self, front: str, deck: str = "vault") -> str:
        """The GUID of the card whose front reads ``front``, live in the lock."""
        found = [g for g, c in self.lock(deck).cards.items() if c.status == "live"
                 and field_text(c.fields.get(KINDS[c.kind][0], "")) == front]
        assert len(found) == 1, (front, found)
        return found[0]

    # ---- Anki -------------------------------------------------------------------------
    def sync(self, deck: str = "vault"):
        """Import the newest package of ``deck`` into the collection, default options."""
        self.col, (log,) = self._import(self.newest(deck), into=self.col)
        return log

    def begin(self) -> dict:
        """The first week: build, import into a fresh collection, review every card; the
        cards' history."""
        self.build()
        self.sync()
        return self.study()

    def study(self, deck: str = "vault") -> dict:
        answer_every_card(self.col, deck)
        return history(self.col)

    def notes(self) -> dict:
        return notes_by_guid(self.col)

    def history(self) -> dict:
        return history(self.col)


@pytest.fixture
def study(tmp_path, import_apkg, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Study(tmp_path, import_apkg)

