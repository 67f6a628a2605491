"""Versioned builds end to end: real notes in tmp_path -> build_decks -> Anki's own importer.

Every test writes short notes of its own (a Markdown note with ``- **Term:** definition``
bullets and a Myth | Reframe table, a plain-text note with ``• Term — definition`` lines,
and a note with a frontmatter ``id:``), builds with an explicit ``now`` and, where the
promise is about Anki, imports the packages with the real ``anki`` backend and checks
what a user would see: no duplicates, edits shown, review history kept.
"""
from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

import notedeck.build
import notedeck.anki.package
from notedeck.build import BuildReport, build_decks
from notedeck.cli import main
from notedeck.versioning.lockfile import read_lock as load_lock
from notedeck.versioning.workspace import lock_path
from notedeck.reading.sources import Options

pytest.importorskip("anki.collection")
from anki_user import answer_every_card, history, notes_by_guid  # noqa: E402

DECK = "Psych"
T0 = 1_700_000_000          # 2023-11-14 22:13:20 UTC
DAY = 86_400

STRESS_MD = """\
---
title: Stress
deck: Psych::Stress
tags: [stress]
---
# Stress

## Key terms

- **Allostasis:** Achieving stability through change in the body's systems.
- **Allostatic load:** The wear and tear that builds up from chronic stress.
- **Eustress:** Stress that feels positive and motivating.

## Myths

| Myth | Reframe |
| --- | --- |
| All stress is harmful. | Moderate, short stress can sharpen focus and build resilience. |
| Stress only lives in the mind. | Stress changes hormones, sleep and immune function. |
"""

SLEEP_TXT = """\
Sleep Basics

Key terms

• Circadian rhythm — the roughly 24-hour internal clock that times sleep and waking.
• Sleep pressure — the growing need for sleep that builds the longer one stays awake.
• REM sleep — the sleep stage with rapid eye movements and vivid dreams.
"""

FOCUS_MD = """\
---
id: focus
---
# Focus

- **Selective attention:** Attending to one stream of input while ignoring the others.
- **Vigilance:** Keeping attention on a dull task over a long stretch of time.
"""


# --------------------------------------------------------------------------- helpers


class Workspace:
    """A notes folder, its card lock and its output folder, as a user keeps them."""

    def __init__(self, root: Path, notes: str = "notes"):
        self.root = root
        self.notes = root / notes
        self.out = root / "decks"
        self.cards = root / "cards"
        self.notes.mkdir(parents=True, exist_ok=True)
        self.echoed: list[str] = []

    # notes
    def write(self, name: str, text: str) -> None:
        (self.notes / name).write_text(text, encoding="utf-8")

    def read(self, name: str) -> str:
        return (self.notes / name).read_text(encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        text = self.read(name)
        assert text.count(old) == 1, f"{old!r} is not once in {name}"
        self.write(name, text.replace(old, new))

    def rename(self, old: str, new: str) -> None:
        (self.notes / old).rename(self.notes / new)

    def standard_notes(self) -> None:
        self.write("stress.md", STRESS_MD)
        self.write("sleep.txt", SLEEP_TXT)
        self.write("focus.md", FOCUS_MD)

    # building
    def build(self, now: int, *, write: bool = True, deck: str = DECK) -> BuildReport:
        self.echoed.clear()
        report = build_decks([self.notes], self.out, self.cards, Options(root_deck=deck),
                             write=write, now=now, echo=self.echoed.append)
        return report

    def lock(self):
        return load_lock(lock_path(self.cards, DECK), DECK)

    def lock_bytes(self) -> bytes:
        return lock_path(self.cards, DECK).read_bytes()

    def changelog(self) -> str:
        return (self.out / DECK / "CHANGELOG.md").read_text(encoding="utf-8")

    def snapshot(self) -> dict[str, bytes]:
        """Every file under the output and lock folders, with its bytes."""
        files = {}
        for folder in (self.out, self.cards):
            if folder.exists():
                for path in sorted(folder.rglob("*")):
                    if path.is_file():
                        files[str(path.relative_to(self.root))] = path.read_bytes()
        return files


def built(report: BuildReport) -> "notedeck.versioning.Plan":
    """The one deck plan of a build that must have written a package."""
    errors = [d for d in report.diagnostics if d.level == "error"]
    assert not errors, errors
    assert len(report.plans) == 1 and len(report.written) == 1, report
    return report.plans[0]


def vtuple(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def entry_by_key(plan, key: str):
    """The package entry of the card whose normalised key is ``key`` (one, live or retired)."""
    found = [e for e in plan.entries if e.card.key == key]
    assert len(found) == 1, (key, [e.card.key for e in plan.entries])
    return found[0]


def guid_of(lock, key: str) -> str:
    found = [g for g, c in lock.cards.items() if c.key == key]
    assert len(found) == 1, (key, sorted(c.key for c in lock.cards.values()))
    return found[0]


def package_guids(apkg: Path) -> set[str]:
    """The note GUIDs inside an .apkg, read straight from its SQLite collection."""
    with zipfile.ZipFile(apkg) as z, tempfile.TemporaryDirectory() as tmp:
        z.extract("collection.anki2", tmp)
        db = sqlite3.connect(Path(tmp) / "collection.anki2")
        try:
            return {g for (g,) in db.execute("select guid from notes")}
        finally:
            db.close()


def notetypes(col) -> list[tuple[str, int]]:
    return sorted((m.name, m.id) for m in col.models.all_names_and_ids())


# --------------------------------------------------------------------------- 1. round trip


def test_round_trip_keeps_guids_history_and_note_types(tmp_path, import_apkg):
    ws = Workspace(tmp_path)
    ws.standard_notes()
    v1 = built(ws.build(T0))
    assert v1.version == "1.0.0"
    lock1 = ws.lock()
    v1_guids = {e.card.guid for e in v1.entries}
    assert len(v1_guids) == len(v1.entries) == 10     # 3 + 2 myths + 3 + 2

    col, (log,) = import_apkg(ws.out / DECK / "Psych-1.0.0.apkg")
    assert len(log.new) == 10
    n_answered = answer_every_card(col, DECK)
    assert n_answered == col.card_count() >= len(v1.entries)
    before = history(col)
    assert all(rows >= 1 and reps >= 1 and ivl >= 1 for rows, reps, ivl in before.values())
    types_before = notetypes(col)

    # Edit the notes: two definitions, one new term, one removed, two renames.
    ws.edit("stress.md", "The wear and tear that builds up from chronic stress.",
            "The cumulative cost to the body of adapting to stress again and again.")
    ws.edit("stress.md", "- **Eustress:** Stress that feels positive and motivating.\n", "")
    ws.edit("sleep.txt", "the growing need for sleep that builds the longer one stays awake.",
            "the drive to sleep, built up by adenosine during waking hours.")
    ws.edit("sleep.txt", "vivid dreams.\n",
            "vivid dreams.\n• Sleep inertia — the grogginess felt just after waking up.\n")
    ws.rename("stress.md", "stress-and-coping.md")     # no frontmatter id: detection
    ws.rename("focus.md", "attention.md")              # frontmatter id: follows the id

    v2 = built(ws.build(T0 + DAY))
    assert v2.version == "2.0.0" and v2.bump == "major"
    assert ("stress.md", "stress-and-coping.md") in v2.renames
    assert any("renamed to stress-and-coping.md" in line for line in ws.echoed)
    assert (v2.count("added"), v2.count("retired")) == (1, 1)
    changed = {c.card.key for c in v2.changes if c.what == "changed"}
    assert {"allostatic load", "sleep pressure"} <= changed
    # renamed notes keep every GUID; the removed card ships as a tombstone with its GUID
    assert {e.card.guid for e in v2.entries} == v1_guids | {guid_of(ws.lock(), "sleep inertia")}
    for key in ("allostasis", "allostatic load", "selective attention", "vigilance"):
        assert guid_of(ws.lock(), key) == guid_of(lock1, key)

    log_text = ws.changelog()
    newest = log_text.split("## 2.0.0", 1)[1].split("## 1.0.0", 1)[0]
    assert "1 added" in newest and "1 retired" in newest
    for heading, name in (("### Added", "Sleep inertia"), ("### Changed", "Allostatic load"),
                          ("### Changed", "Sleep pressure"), ("### Retired", "Eustress")):
        section = newest.split(heading, 1)[1].split("\n### ", 1)[0]
        assert name in section, (heading, name, newest)
    assert "stress.md → stress-and-coping.md" in newest
    assert "tag:notedeck::retired" in newest
    assert log_text.index("## 2.0.0") < log_text.index("## 1.0.0")

    import_apkg(ws.out / DECK / "Psych-2.0.0.apkg", into=col)

    notes = notes_by_guid(col)
    assert col.note_count() == len(notes) == len(v2.entries) == 11   # 10 live + 1 tombstone
    assert set(notes) == {e.card.guid for e in v2.entries}
    by_key = {e.card.key: notes[e.card.guid] for e in v2.entries}
    assert by_key["allostatic load"]["Definition"] == (
        "The cumulative cost to the body of adapting to stress again and again.")
    assert "adenosine" in by_key["sleep pressure"]["Definition"]
    assert "grogginess" in by_key["sleep inertia"]["Definition"]
    # a renamed note's unchanged cards stay as they were in Anki (old source, same mod);
    # a card that changed shows where it comes from now
    assert by_key["allostasis"]["Source"].endswith("· stress.md")
    assert by_key["vigilance"]["Source"].endswith("· focus.md")
    assert "stress-and-coping.md" in by_key["allostatic load"]["Source"]
    for entry in v2.entries:                  # every note shows what this version ships
        assert notes[entry.card.guid].mod == entry.mod

    after = history(col)
    assert set(before) <= set(after)
    for cid, (rows, reps, ivl) in before.items():
        rows2, reps2, ivl2 = after[cid]
        assert rows2 >= rows and reps2 >= reps and ivl2 == ivl, col.get_card(cid).note().guid
    new_cards = set(after) - set(before)
    assert new_cards == {c.id for c in by_key["sleep inertia"].cards()}, [
        (col.get_card(c).note()["Term"], col.get_card(c).ord) for c in new_cards]

    retired = col.find_notes("tag:notedeck::retired")
    assert len(retired) == 1
    tomb = col.get_note(retired[0])
    assert tomb.guid == guid_of(lock1, "eustress")
    assert tomb["Term"] == "Eustress"
    assert tomb["Status"] == "Retired in v2.0.0 — delete me"
    assert "Retired in v2.0.0" in tomb.cards()[0].question()
    assert all(after[c.id] == before[c.id] for c in tomb.cards())

    assert notetypes(col) == types_before
    names = Counter(name for name, _ in notetypes(col))
    assert all(n == 1 for n in names.values())
    assert not [n for n in names if n.endswith("+") or n.endswith(" copy")]


# --------------------------------------------------------------------------- 2. same second


def test_two_builds_in_one_second_still_update(tmp_path, import_apkg):
    ws = Workspace(tmp_path)
    ws.write("stress.md", STRESS_MD)
    v1 = built(ws.build(T0))
    col, _ = import_apkg(ws.out / DECK / "Psych-1.0.0.apkg")

    ws.edit("stress.md", "Achieving stability through change", "Reaching balance by changing")
    v2 = built(ws.build(T0))                    # the same second
    assert v2.version == "1.1.0"
    assert entry_by_key(v2, "allostasis").mod == T0 + 1
    assert entry_by_key(v2, "eustress").mod == T0

    import_apkg(ws.out / DECK / "Psych-1.1.0.apkg", into=col)
    notes = notes_by_guid(col)
    assert col.note_count() == len(v1.entries)
    note = notes[entry_by_key(v2, "allostasis").card.guid]
    assert note.mod == T0 + 1
    assert note["Definition"].startswith("Reaching balance by changing")

    ws.edit("stress.md", "Reaching balance", "Finding balance")
    v3 = built(ws.build(T0))                    # still the same second: previous + 1 again
    assert entry_by_key(v3, "allostasis").mod == T0 + 2
    import_apkg(ws.out / DECK / "Psych-1.2.0.apkg", into=col)
    assert col.get_note(note.id)["Definition"].startswith("Finding balance")


# --------------------------------------------------------------------------- 3. user's edit


def test_edit_made_in_anki_survives_reimport_of_unchanged_note(tmp_path, import_apkg):
    ws = Workspace(tmp_path)
    ws.write("stress.md", STRESS_MD)
    ws.write("sleep.txt", SLEEP_TXT)
    start = int(time.time()) - DAY              # published yesterday
    v1 = built(ws.build(start))
    col, _ = import_apkg(ws.out / DECK / "Psych-1.0.0.apkg")
    guid = entry_by_key(v1, "allostasis").card.guid
    note = notes_by_guid(col)[guid]
    note["Definition"] = "My own words: staying stable by adapting."
    col.update_note(note)
    edited_mod = col.get_note(note.id).mod
    assert edited_mod > start

    # another note changes; the build is later than the user's edit, so only the kept mod
    # of the unchanged note protects the edit
    ws.edit("sleep.txt", "vivid dreams.", "vivid, story-like dreams.")
    v2 = built(ws.build(int(time.time()) + 3600))
    assert v2.version == "1.1.0"
    assert entry_by_key(v2, "allostasis").mod == start
    assert entry_by_key(v2, "rem sleep").mod > edited_mod

    import_apkg(ws.out / DECK / "Psych-1.1.0.apkg", into=col)
    notes = notes_by_guid(col)
    assert notes[guid]["Definition"] == "My own words: staying stable by adapting."
    assert notes[guid].mod == edited_mod
    assert "story-like" in notes[entry_by_key(v2, "rem sleep").card.guid]["Definition"]


# --------------------------------------------------------------------------- 4. no-op, diff


def test_unchanged_rebuild_writes_nothing(tmp_path):
    ws = Workspace(tmp_path)
    ws.standard_notes()
    built(ws.build(T0))
    snap, lock_bytes, log = ws.snapshot(), ws.lock_bytes(), ws.changelog()

    report = ws.build(T0 + DAY)
    assert report.written == []
    assert [p.version for p in report.plans] == [None]
    assert report.plans[0].previous == "1.0.0"
    assert "Psych: up to date (v1.0.0)" in ws.echoed
    assert ws.snapshot() == snap
    assert ws.lock_bytes() == lock_bytes and ws.changelog() == log
    assert sorted(p.name for p in (ws.out / DECK).glob("*.apkg")) == ["Psych-1.0.0.apkg"]


def test_lock_lines_kept_from_the_last_build_equal_a_fresh_encoding(tmp_path):
    """Untouched cards are written back as the text they were read from: that text must be
    what encoding the card again gives, and a lock laid out differently must still load."""
    import json

    from notedeck.versioning.lockfile import Lock, write_lock as save_lock
    ws = Workspace(tmp_path)
    ws.standard_notes()
    built(ws.build(T0))
    ws.edit("stress.md", "sharpen focus", "sharpen attention")     # one card changes
    ws.write("focus.md", FOCUS_MD + "- **Flow:** Deep absorption in a task.\n")  # one added
    plan = built(ws.build(T0 + DAY))
    assert (plan.count("changed"), plan.count("added")) == (1, 1)
    lock = ws.lock()
    assert lock.kept_lines() == lock.cards and all(lock.kept_lines()[g] is c for g, c in lock.cards.items())
    fresh = Lock(lock.deck, lock.version, lock.versions, lock.notetypes, lock.style,
                 lock.notes, {g: c for g, c in lock.cards.items()})
    assert not fresh.kept_lines()
    assert fresh.to_json() == lock.to_json() == ws.lock_bytes().decode()

    # a lock re-indented by hand (or by a merge tool) is read the slow way, to the same cards
    path = lock_path(ws.cards, DECK)
    path.write_text(json.dumps(json.loads(path.read_text()), indent=4), encoding="utf-8")
    again = ws.lock()
    assert not again.kept_lines() and again.cards == lock.cards and again.notes == lock.notes
    save_lock(path, again)
    assert ws.lock_bytes().decode() == fresh.to_json()


def test_a_build_of_other_notes_or_a_mistyped_path_retires_nothing(tmp_path, import_apkg):
    """Only the notes a build reads can retire cards: building another folder in the same
    workspace, or a path that does not exist, must leave a deck's lock and cards alone;
    --retire retires a deck whose notes are gone for good."""
    ws = Workspace(tmp_path)
    ws.standard_notes()
    built(ws.build(T0))
    lock_before = ws.lock_bytes()
    other = tmp_path / "other"
    other.mkdir()
    (other / "o.md").write_text("# Other\n\n- **Overlearning:** Practice past mastery.\n",
                                encoding="utf-8")
    echoed: list[str] = []
    report = build_decks([other], ws.out, ws.cards, Options(root_deck="Other"), now=T0 + DAY,
                         echo=echoed.append)
    assert [p.deck for p in report.plans] == ["Other"] and report.written
    assert ws.lock_bytes() == lock_before
    assert any(line.startswith(f"{DECK}: none of its notes are in this build") for line in echoed)

    echoed.clear()
    report = build_decks([tmp_path / "notse"], ws.out, ws.cards, Options(root_deck=DECK),
                         now=T0 + 2 * DAY, echo=echoed.append)
    assert report.written == [] and ws.lock_bytes() == lock_before
    assert [d.message for d in report.diagnostics if d.level == "error"] == \
        ["no such file or folder"]
    result = CliRunner().invoke(main, ["build", str(tmp_path / "notse"), "-o", str(ws.out),
                                       "--cards-dir", str(ws.cards)])
    assert result.exit_code == 1 and "nothing written" in result.output
    assert ws.lock_bytes() == lock_before

    report = build_decks([other], ws.out, ws.cards, Options(root_deck="Other"),
                         now=T0 + 3 * DAY, retire=[DECK])
    plan = next(p for p in report.plans if p.deck == DECK)
    assert plan.count("retired") == len(package_guids(report.written[0])) > 0
    assert all(c.status == "retired" for c in ws.lock().cards.values())


def test_diff_prints_planned_changes_and_writes_nothing(tmp_path, monkeypatch):
    ws = Workspace(tmp_path)
    ws.standard_notes()
    built(ws.build(T0))
    ws.edit("stress.md", "The wear and tear", "The slow wear and tear")
    ws.edit("sleep.txt", "• REM sleep — the sleep stage with rapid eye movements and vivid "
            "dreams.\n", "")
    snap = ws.snapshot()
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(main, ["diff", "notes", "--cards-dir", "cards", "--deck", DECK])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Psych: v1.0.0 -> v2.0.0 (major): 0 added, 1 changed, 1 retired"
    assert any(line.split()[:2] == ["changed", "term"] and "Allostatic load" in line
               and "(stress.md)" in line for line in lines)
    assert any(line.split()[:2] == ["retired", "term"] and "REM sleep" in line for line in lines)
    assert ws.snapshot() == snap
    assert sorted(p.name for p in (ws.out / DECK).glob("*.apkg")) == ["Psych-1.0.0.apkg"]

    # after the build the diff has nothing left to say
    built(ws.build(T0 + DAY))
    result = CliRunner().invoke(main, ["diff", "notes", "--cards-dir", "cards", "--deck", DECK])
    assert result.exit_code == 0
    assert result.output.strip() == "Psych: up to date (v2.0.0)"


def test_cli_build_takes_its_time_from_source_date_epoch(tmp_path, monkeypatch):
    ws = Workspace(tmp_path)
    ws.write("stress.md", STRESS_MD)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "notes", "-o", "decks", "--cards-dir", "cards",
                                       "--deck", DECK], env={"SOURCE_DATE_EPOCH": str(T0)})
    assert result.exit_code == 0, result.output
    assert "Psych: wrote v1.0.0" in result.output
    lock = ws.lock()
    assert {c.mod for c in lock.cards.values()} == {T0}
    assert list(lock.versions) == [{"version": "1.0.0", "date": "2023-11-14", "added": 5,
                              "changed": 0, "retired": 0}]
    assert "## 1.0.0 — 2023-11-14" in ws.changelog()


# --------------------------------------------------------------------------- 5. versions


def test_version_bumps_follow_the_kind_of_change(tmp_path, monkeypatch):
    ws = Workspace(tmp_path)
    ws.write("stress.md", STRESS_MD)
    assert built(ws.build(T0)).version == "1.0.0"

    ws.edit("stress.md", "motivating.", "motivating rather than draining.")
    plan = built(ws.build(T0 + 1 * DAY))
    assert (plan.version, plan.bump) == ("1.1.0", "minor")

    # only the templates/CSS change: a patch whose notes keep their mod (Anki takes the
    # new note types from the package time, and leaves the notes and their edits alone)
    mods = {g: c.mod for g, c in ws.lock().cards.items()}
    real_style = notedeck.build.style_signature
    monkeypatch.setattr(notedeck.build, "style_signature",
                        lambda kind=None: "restyled-" + real_style(kind))
    plan = built(ws.build(T0 + 2 * DAY))
    assert (plan.version, plan.bump, plan.changes) == ("1.1.1", "patch", ())
    assert plan.style_changed and "card styling updated" in ws.changelog()
    assert {e.card.guid: e.mod for e in plan.entries} == mods

    ws.edit("stress.md", "- **Eustress:** Stress that feels positive and motivating rather "
            "than draining.\n", "")
    plan = built(ws.build(T0 + 3 * DAY))
    assert (plan.version, plan.bump) == ("2.0.0", "major")

    # the term note type's fields change but it keeps its model id: refused, nothing written
    snap = ws.snapshot()
    real_model = notedeck.build.model_signature
    with monkeypatch.context() as m:
        m.setattr(notedeck.build, "model_signature",
                  lambda kind: real_model(kind) + ("-new-field" if kind == "term" else ""))
        report = ws.build(T0 + 4 * DAY)
    assert report.written == []
    errors = [d for d in report.diagnostics if d.level == "error"]
    assert len(errors) == 1 and "'term' note type changed" in errors[0].message
    assert "new model id" in errors[0].message
    assert ws.snapshot() == snap

    # the same change under a new model id: a major version that asks for "Merge note types"
    real_sigs = notedeck.build.notetype_signatures

    def replaced_term():
        sigs = real_sigs()
        sigs["term"] = {"id": sigs["term"]["id"] + 1, "fields": sigs["term"]["fields"] + "-2"}
        return sigs

    with monkeypatch.context() as m:
        m.setattr(notedeck.build, "notetype_signatures", replaced_term)
        plan = built(ws.build(T0 + 5 * DAY))
    assert (plan.version, plan.bump) == ("3.0.0", "major")
    newest = ws.changelog().split("## 3.0.0", 1)[1].split("## 2.0.0", 1)[0]
    assert "Merge note types" in newest
    assert ws.lock().notetypes["term"]["id"] == real_sigs()["term"]["id"] + 1
    assert [v["version"] for v in ws.lock().versions] == [
        "1.0.0", "1.1.0", "1.1.1", "2.0.0", "3.0.0"]


# --------------------------------------------------------------------------- 6. new machine


def test_rebuild_on_another_machine_continues_guids_and_versions(tmp_path):
    home = Workspace(tmp_path / "laptop")
    home.standard_notes()
    built(home.build(T0))
    home.edit("focus.md", "a dull task", "a boring task")
    built(home.build(T0 + DAY))
    lock = home.lock()
    assert lock.version == "1.1.0"

    away = Workspace(tmp_path / "desktop", notes="study")
    shutil.copytree(home.notes, away.notes, dirs_exist_ok=True)
    away.cards.mkdir()
    shutil.copy2(lock_path(home.cards, DECK), lock_path(away.cards, DECK))

    report = away.build(T0 + 2 * DAY)           # nothing changed: nothing to write
    assert report.written == [] and report.plans[0].previous == "1.1.0"
    assert not away.out.exists()
    assert away.lock_bytes() == home.lock_bytes()

    away.edit("sleep.txt", "vivid dreams.", "vivid, story-like dreams.")
    away.write("memory.md", "# Memory\n\n- **Encoding:** Turning an experience into a "
               "stored memory trace.\n")
    plan = built(away.build(T0 + 3 * DAY))
    assert plan.version == "1.2.0"
    assert (away.out / DECK / "Psych-1.2.0.apkg").exists()
    new_lock = away.lock()
    assert {g: c.key for g, c in new_lock.cards.items() if g in lock.cards} == \
        {g: c.key for g, c in lock.cards.items()}
    assert set(new_lock.cards) - set(lock.cards) == {guid_of(new_lock, "encoding")}
    assert {e.card.guid for e in plan.entries} == set(new_lock.cards)
    assert [v["version"] for v in new_lock.versions] == ["1.0.0", "1.1.0", "1.2.0"]
    assert package_guids(away.out / DECK / "Psych-1.2.0.apkg") == set(new_lock.cards)


# --------------------------------------------------------------------------- 7. tombstones


def test_tombstones_ship_for_four_versions_then_stop(tmp_path, import_apkg):
    ws = Workspace(tmp_path)
    ws.write("stress.md", STRESS_MD)
    built(ws.build(T0))
    tomb_guid = guid_of(ws.lock(), "eustress")
    ws.edit("stress.md", "- **Eustress:** Stress that feels positive and motivating.\n", "")

    shipped = {}
    for i in range(5):
        if i:
            ws.edit("stress.md", "body's systems", f"body's systems (edit {i})")
        plan = built(ws.build(T0 + (i + 1) * DAY))
        tombs = [e for e in plan.entries if e.status]
        shipped[plan.version] = tomb_guid in package_guids(report_path(ws, plan))
        assert [e.card.guid for e in tombs] == ([tomb_guid] if shipped[plan.version] else [])
        if tombs:
            assert tombs[0].status == "Retired in v2.0.0 — delete me"
            assert "notedeck::retired" in tombs[0].tags
    assert shipped == {"2.0.0": True, "2.1.0": True, "2.2.0": True, "2.3.0": True,
                       "2.4.0": False}
    assert ws.lock().cards[tomb_guid].status == "retired"     # remembered after shipping

    # a version without the tombstone deletes nothing: the marked note stays until the
    # user deletes it
    col, _ = import_apkg(ws.out / DECK / "Psych-1.0.0.apkg", ws.out / DECK / "Psych-2.0.0.apkg",
                         ws.out / DECK / "Psych-2.4.0.apkg")
    assert col.find_notes("tag:notedeck::retired") == [notes_by_guid(col)[tomb_guid].id]

    # writing the term again revives it under the same GUID
    ws.edit("stress.md", "## Myths", "- **Eustress:** Stress that feels positive.\n\n## Myths")
    plan = built(ws.build(T0 + 9 * DAY))
    assert plan.version == "2.5.0" and plan.count("revived") == 1
    assert entry_by_key(plan, "eustress").card.guid == tomb_guid
    assert not entry_by_key(plan, "eustress").status


def report_path(ws: Workspace, plan) -> Path:
    return ws.out / DECK / f"{DECK}-{plan.version}.apkg"


# --------------------------------------------------------------------------- 8. moved card


def test_moved_note_is_tagged_and_reported_but_stays_in_its_deck(tmp_path, import_apkg):
    ws = Workspace(tmp_path)
    ws.write("stress.md", STRESS_MD)
    v1 = built(ws.build(T0))
    col, _ = import_apkg(ws.out / DECK / "Psych-1.0.0.apkg")
    first = col.decks.id("Psych::Stress", create=False)
    assert first
    assert {col.get_card(c).did for c in col.find_cards("")} == {first}

    ws.edit("stress.md", "deck: Psych::Stress", "deck: Psych::Coping")
    v2 = built(ws.build(T0 + DAY))
    assert (v2.version, v2.count("moved")) == ("1.1.0", len(v1.entries))
    assert all("notedeck::moved" in e.tags for e in v2.entries)
    newest = ws.changelog().split("## 1.1.0", 1)[1].split("## 1.0.0", 1)[0]
    assert "### Moved" in newest and "Allostasis" in newest.split("### Moved", 1)[1]
    assert "tag:notedeck::moved" in newest

    import_apkg(ws.out / DECK / "Psych-1.1.0.apkg", into=col)
    assert col.note_count() == len(v1.entries)
    moved = col.find_notes("tag:notedeck::moved")
    assert len(moved) == len(v1.entries)
    assert {col.get_card(c).did for c in col.find_cards("")} == {first}

    # the next build keeps the tag but reports no new move
    ws.edit("stress.md", "motivating.", "motivating and energising.")
    v3 = built(ws.build(T0 + 2 * DAY))
    assert v3.count("moved") == 0 and v3.bump == "minor"
    assert all("notedeck::moved" in e.tags for e in v3.entries)
    assert "### Moved" not in ws.changelog().split("## 1.1.0", 1)[0]
    import_apkg(ws.out / DECK / "Psych-1.2.0.apkg", into=col)
    assert len(col.find_notes("tag:notedeck::moved")) == len(v1.entries)
    assert {col.get_card(c).did for c in col.find_cards("")} == {first}


def test_note_moved_back_to_its_first_deck_loses_the_moved_tag(tmp_path, import_apkg):
    ws = Workspace(tmp_path)
    ws.write("stress.md", STRESS_MD)
    v1 = built(ws.build(T0))
    col, _ = import_apkg(ws.out / DECK / "Psych-1.0.0.apkg")
    first = col.decks.id("Psych::Stress", create=False)
    ws.edit("stress.md", "deck: Psych::Stress", "deck: Psych::Coping")
    built(ws.build(T0 + DAY))
    import_apkg(ws.out / DECK / "Psych-1.1.0.apkg", into=col)
    assert len(col.find_notes("tag:notedeck::moved")) == len(v1.entries)

    ws.edit("stress.md", "deck: Psych::Coping", "deck: Psych::Stress")    # moved back
    report = ws.build(T0 + 2 * DAY)
    assert report.written, "moving notes back to their first deck was not written"
    v3 = built(report)
    assert v3.version == "1.2.0" and v3.count("moved") == len(v1.entries)
    assert not [e for e in v3.entries if "notedeck::moved" in e.tags]
    assert {c.deck for c in ws.lock().cards.values()} == {"Psych::Stress"}
    newest = ws.changelog().split("## 1.2.0", 1)[1].split("## 1.1.0", 1)[0]
    assert "### Moved" in newest and "tag:notedeck::moved" not in newest
    import_apkg(ws.out / DECK / "Psych-1.2.0.apkg", into=col)
    assert col.find_notes("tag:notedeck::moved") == []
    assert {col.get_card(c).did for c in col.find_cards("")} == {first}
    assert ws.build(T0 + 3 * DAY).written == []


def test_renaming_the_top_deck_never_marks_live_cards_retired(tmp_path, import_apkg):
    ws = Workspace(tmp_path)
    ws.write("sleep.txt", SLEEP_TXT)
    built(ws.build(T0))
    report = ws.build(T0 + DAY, deck="Sleep")           # the same notes, another deck name
    assert not [d for d in report.diagnostics if d.level == "error"]
    live = {e.card.guid for p in report.plans for e in p.entries if not e.status}
    tombs = {e.card.guid for p in report.plans for e in p.entries if e.status}
    assert len(live) == 3
    assert not live & tombs, "the same notes ship both live and as tombstones"
    for order in (report.written, report.written[::-1]):
        col, _ = import_apkg(ws.out / DECK / "Psych-1.0.0.apkg", *order)
        assert col.note_count() == 3
        assert col.find_notes("tag:notedeck::retired") == [], [p.name for p in order]


# --------------------------------------------------------------------------- 9. property


TERMS = ["Allostasis", "Homeostasis", "Cortisol", "Resilience", "Rumination", "Coping"]
DEFINITIONS = ["A state the body keeps returning to.", "A hormone that rises under stress.",
               "The capacity to recover after setbacks.", "Going over the same worry again.",
               "An effort to manage demands that feel too large."]

edits = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(TERMS), st.sampled_from(DEFINITIONS)),
    st.tuples(st.just("change"), st.integers(0, 10), st.sampled_from(DEFINITIONS)),
    st.tuples(st.just("remove"), st.integers(0, 10)),
    st.tuples(st.just("rename"), st.sampled_from(["a.md", "b.md", "c.md"])),
    st.just(("noop",)),
)


def render(terms: dict[str, str]) -> str:
    return "# Stress\n\n" + "".join(f"- **{t}:** {d}\n" for t, d in terms.items())


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(start=st.dictionaries(st.sampled_from(TERMS), st.sampled_from(DEFINITIONS),
                             min_size=1, max_size=4),
       steps=st.lists(edits, min_size=1, max_size=5))
def test_random_edits_keep_guids_and_raise_versions(start, steps):
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        terms, name = dict(start), "a.md"
        ws.write(name, render(terms))
        built(ws.build(T0))
        previous = {c.key: g for g, c in ws.lock().cards.items()}
        version = vtuple(ws.lock().version)

        for n, step in enumerate(steps, start=1):
            if step[0] == "add" and step[1] not in terms:
                terms[step[1]] = step[2]
            elif step[0] == "change" and terms:
                terms[list(terms)[step[1] % len(terms)]] = step[2]
            elif step[0] == "remove" and terms:
                del terms[list(terms)[step[1] % len(terms)]]
            elif step[0] == "rename" and step[1] != name:
                ws.rename(name, step[1])
                name = step[1]
            (ws.notes / name).write_text(render(terms), encoding="utf-8")

            before = ws.lock_bytes()
            report = ws.build(T0 + n * DAY)
            assert not [d for d in report.diagnostics if d.level == "error"]
            lock = ws.lock()
            live = {c.key: g for g, c in lock.cards.items() if c.status == "live"}
            assert set(live) == {t.lower() for t in terms}
            for key, guid in live.items():           # a surviving card never changes GUID
                if key in previous:
                    assert previous[key] == guid, (key, step)
            if report.written:
                assert vtuple(lock.version) > version
                if set(previous) - set(live):         # a card retired: a major version
                    assert vtuple(lock.version) == (version[0] + 1, 0, 0)
                version = vtuple(lock.version)
            else:
                assert ws.lock_bytes() == before and vtuple(lock.version) == version
            previous = live

            snap = ws.snapshot()                      # the same notes again: nothing to do
            again = ws.build(T0 + n * DAY + 1)
            assert again.written == [] and [p.version for p in again.plans] == [None]
            assert ws.snapshot() == snap


def test_changes_sort_by_source_then_kind_key_what_and_guid(tmp_path):
    """A plan lists its changes by source, kind, key, what and GUID, and counts them."""
    from notedeck.versioning.plan import CHANGE_ORDER
    ws = Workspace(tmp_path)
    ws.standard_notes()
    plan = built(ws.build(T0))
    assert [CHANGE_ORDER(c) for c in plan.changes] == sorted(CHANGE_ORDER(c)
                                                             for c in plan.changes)
    assert plan.count("added") == len(plan.changes) > 1 and plan.count("retired") == 0
