"""Stories: "a note could not be read for a moment", "I built one folder of my vault, and
the whole vault", "I ran `notedeck build .` inside my vault", and "I upgraded notedeck and
put my notes folder under git": nothing is retired, duplicated or re-keyed."""
from __future__ import annotations

from pathlib import Path

import pytest

from anki_user import assert_history_kept, notes_by_guid
from notedeck.reading.sources import Options, plan_sources
from notedeck.versioning.decks import with_lock_identities
from notedeck.versioning.workspace import Workspace
from story_notes import vault_of_psychology


@pytest.mark.parametrize("how", ["half-synced bytes", "permission denied"])
def test_a_note_that_cannot_be_read_keeps_its_cards(study, how, monkeypatch):
    vault_of_psychology(study)
    before = study.begin()
    sleep = study.vault / "psychology" / "sleep.md"
    import notedeck.reading.note as note_module
    import notedeck.versioning.cache as cache_module
    readers = (note_module, cache_module)       # (the note, and its digest for the cache)
    text, real = sleep.read_bytes(), note_module.read_file
    if how == "half-synced bytes":
        sleep.write_bytes(b"\x00" * 4096)
        why = "skipped: binary file"
    else:       # (every read of the file: chmod does not stop root, who runs CI)
        def denied(path):
            if path.name == "sleep.md":
                raise PermissionError(13, "Permission denied")
            return real(path)
        for module in readers:
            monkeypatch.setattr(module, "read_file", denied)
        why = "cannot read: Permission denied"
    study.edit("psychology/stress.md", "and motivating", "and energising")   # another edit

    out = study.build()
    assert f"psychology/sleep.md: warning: {why}" in out
    assert "psychology/sleep.md: warning: could not be read; its 2 cards are kept as they " \
           "were until it can be read again" in out
    entry = study.changelog()
    assert "0 added, 1 changed, 0 retired" in entry and "sleep" not in entry.lower()
    lock = study.lock()
    assert all(c.status == "live" for c in lock.cards.values())
    assert "psychology/sleep.md" in lock.notes

    # the new version still holds the unread note's cards, for a fresh collection too
    fresh, _ = study._import(study.newest())
    assert set(notes_by_guid(fresh)) == set(lock.cards)
    study.sync()
    assert not study.col.find_notes("tag:notedeck::retired")
    assert_history_kept(before, study.history())

    assert "could not be read; its 2 cards are kept" in study.build()   # said every time
    for module in readers:
        monkeypatch.setattr(module, "read_file", real)
    sleep.write_bytes(text)                     # readable again: nothing changes
    assert study.build().endswith("vault: up to date (v1.1.0)\n")


def test_a_subfolder_and_the_whole_vault_give_the_same_cards(study):
    vault_of_psychology(study)
    study.build()                                           # deck "vault"
    study.sync()
    before = study.study()
    vault_guids = set(study.lock().cards)

    out = study.build(notes="vault/psychology")             # deck "psychology"
    assert "vault: none of its notes are in this build; left as it is" in out
    sub = study.lock("psychology")
    assert set(sub.cards) < vault_guids                     # the same GUIDs
    assert study.lock().version == "1.0.0"                  # the vault deck untouched
    study.sync("psychology")
    assert len(study.notes()) == len(vault_guids)           # no duplicate in Anki
    assert_history_kept(before, study.history())

    # both keep building side by side, neither retiring the other's cards
    study.edit("psychology/sleep.md", "24-hour", "24 hour")
    study.build()
    study.build(notes="vault/psychology")
    assert all(c.status == "live" for c in study.lock().cards.values())
    assert all(c.status == "live" for c in study.lock("psychology").cards.values())
    study.sync()
    study.sync("psychology")
    assert len(study.notes()) == len(vault_guids)


def test_build_dot_inside_the_vault_names_the_deck_after_it_and_skips_its_outputs(
        study, monkeypatch):
    vault_of_psychology(study)
    monkeypatch.chdir(study.vault)
    study.root = study.vault                    # decks/ and cards/ inside the vault
    out = study.build(notes=".")
    assert "vault: wrote v1.0.0" in out and "notedeck:" not in out
    assert (study.vault / "decks" / "vault" / "CHANGELOG.md").is_file()
    assert study.build(notes=".").endswith("vault: up to date (v1.0.0)\n")
    study.edit("focus.md", "a dull task", "a boring task")
    out = study.build("--no-cache", notes=".")
    assert "read 3 notes" in out and "wrote v1.1.0" in out
    entry = study.changelog()
    assert "0 added, 1 changed, 0 retired" in entry and "CHANGELOG" not in entry


def test_upgrading_notedeck_and_adding_git_re_keys_nothing(study):
    """An existing deck was built from a subfolder before identities were vault paths;
    the lock's identities carry over, and an older lock format reads as it is."""
    (study.vault / ".obsidian").rmdir()
    vault_of_psychology(study)
    study.build(notes="vault/psychology")
    guids = set(study.lock("psychology").cards)
    assert {c.note_id for c in study.lock("psychology").cards.values()} == {
        "stress.md", "sleep.md"}
    lock = study.root / "cards" / "psychology.json"
    lock.write_text(lock.read_text(encoding="utf-8").replace('"format": 2', '"format": 1'),
                    encoding="utf-8")                       # as the previous notedeck wrote it
    (study.vault / ".git").mkdir()                          # the vault is now a repository
    assert study.build(notes="vault/psychology").endswith("up to date (v1.0.0)\n")
    # (the notes are read with the identities the lock keeps: GUIDs made once, right)
    sources, _ = plan_sources([Path("vault/psychology")], Options())
    assert {s.file.source: s.identity for s in with_lock_identities(
        sources, Workspace(study.root / "decks", study.root / "cards"))} == {
        "stress.md": "stress.md", "sleep.md": "sleep.md"}
    study.write("psychology/focus.md", "# Focus\n\n- **Flow:** Deep absorption in a task.\n")
    study.build(notes="vault/psychology")
    now = study.lock("psychology")
    assert guids < set(now.cards)
    assert now.notes["focus.md"] == "psychology/focus.md"   # a new note: its vault path
