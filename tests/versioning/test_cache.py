"""The per-note cache is correct: it changes speed, never results."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from notedeck.versioning import cache as cache_module
from notedeck.build import build_decks
from notedeck.config import DeckOptions
from notedeck.cards import Card
from notedeck.report import public_dict
from notedeck.reading.sources import Options
from notedeck.pipeline import extract_cards

NOW = 1_800_000_000

NOTES = {
    "cells.md": "---\ntags: [biology]\n---\n# Cells\n\n- **Nucleus:** the cell's control centre.\n"
                "- **Ribosome:** where proteins are assembled.\n\n"
                "| Myth | Fact |\n|---|---|\n| Cells are all alike | Cells specialise by tissue |\n",
    "energy.txt": "Energy\n\nAdenosine Triphosphate (ATP) is the cell's energy currency.\n\n"
                  "Glycolysis — the first step of breaking down glucose. 1\n"
                  "Fermentation — energy release without oxygen. 2\n"
                  "Chemiosmosis — ATP made by a proton gradient. LLM\n",
}


@pytest.fixture
def vault(tmp_path):
    root = tmp_path / "bio"
    root.mkdir()
    for name, text in NOTES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def cards_json(result) -> list[dict]:
    return [public_dict(c) for c in result.cards]


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_warm_and_cold_extraction_are_identical(vault, tmp_path):
    cold = extract_cards([vault], cache_dir=tmp_path / "cache")
    assert cache_module.NoteCache(tmp_path / "cache").folder.is_dir()
    warm = extract_cards([vault], cache_dir=tmp_path / "cache")
    none = extract_cards([vault])
    assert cards_json(cold) == cards_json(warm) == cards_json(none)
    assert [str(d) for d in cold.all_diagnostics()] == [str(d) for d in warm.all_diagnostics()]


def test_warm_build_reads_the_cache(vault, tmp_path, monkeypatch):
    extract_cards([vault], cache_dir=tmp_path / "cache")
    calls = []
    import notedeck.pipeline as pipeline
    real = pipeline.process_note
    monkeypatch.setattr(pipeline, "process_note", lambda s: calls.append(s) or real(s))
    extract_cards([vault], cache_dir=tmp_path / "cache")
    assert calls == []                       # nothing re-read
    (vault / "cells.md").write_text(NOTES["cells.md"].replace("control", "command"), "utf-8")
    result = extract_cards([vault], cache_dir=tmp_path / "cache")
    assert [c.file.source for c in calls] == ["cells.md"]     # only the edited note
    assert any("command centre" in str(c.fields.get("definition")) for c in result.cards)


def test_a_rebuild_after_one_edit_reads_only_that_note(vault, tmp_path, monkeypatch):
    """The identities a build takes from the card lock (decks.with_lock_identities) are
    part of the cache key only where they are not the note's own: a note with a
    frontmatter id, or one built before, is read from the cache like any other."""
    (vault / "focus.md").write_text("---\nid: focus\n---\n# Focus\n\n- **Vigilance:** "
                                    "attention kept over time.\n", encoding="utf-8")
    build = dict(cache_dir=tmp_path / "cache", now=NOW)
    assert build_decks([vault], tmp_path / "out", tmp_path / "cards", **build).written
    calls = []
    import notedeck.pipeline as pipeline
    real = pipeline.process_note
    monkeypatch.setattr(pipeline, "process_note", lambda s: calls.append(s) or real(s))
    (vault / "cells.md").write_text(NOTES["cells.md"].replace("control", "command"), "utf-8")
    assert build_decks([vault], tmp_path / "out", tmp_path / "cards", **build).written
    assert [c.file.source for c in calls] == ["cells.md"]


def test_cold_and_warm_builds_write_identical_locks_and_cards(vault, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for ws in (a, b):
        (ws / "cards").mkdir(parents=True)
    build_decks([vault], a / "decks", a / "cards", now=NOW, jobs=1)            # no cache
    build_decks([vault], b / "decks", b / "cards", now=NOW, jobs=1, cache_dir=b / "cache")
    shutil.rmtree(b / "decks")
    shutil.rmtree(b / "cards")
    # b again, now from a warm cache:
    build_decks([vault], b / "decks", b / "cards", now=NOW, jobs=1, cache_dir=b / "cache")
    assert files(a / "cards") == files(b / "cards")
    assert files(a / "decks").keys() == files(b / "decks").keys()


def test_parallel_and_single_process_give_identical_cards(vault, tmp_path):
    for n in range(60):     # enough notes that the build uses worker processes (25 each)
        (vault / f"extra{n}.md").write_text(f"# Extra {n}\n\n- **Term {n}:** meaning {n}.\n")
    one = extract_cards([vault], jobs=1)
    two = extract_cards([vault], jobs=2, cache_dir=tmp_path / "cache")
    warm = extract_cards([vault], jobs=2, cache_dir=tmp_path / "cache")
    assert cards_json(one) == cards_json(two) == cards_json(warm)


def test_a_parallel_cached_build_writes_what_an_uncached_one_does(vault, tmp_path):
    """Workers send only cache entries; the lock is then written from fields that are
    decoded as it is written. Same bytes as a build that never saw a cache."""
    for n in range(60):     # enough notes for two worker processes (25 each)
        (vault / f"extra{n}.md").write_text(
            f"# Extra {n}\n\n- **Term {n}:** meaning *{n}* & more.\n"
            f"- **Other {n}:** a \"quoted\" sense, with ünïcödé.\n")
    a, b = tmp_path / "a", tmp_path / "b"
    build_decks([vault], a / "decks", a / "cards", now=NOW, jobs=1)
    build_decks([vault], b / "decks", b / "cards", now=NOW, jobs=2, cache_dir=b / "cache")
    assert files(a / "cards") == files(b / "cards")
    lock = json.loads((b / "cards" / "bio.json").read_text(encoding="utf-8"))
    assert lock["cards"] and all(isinstance(c["fields"], dict) for c in lock["cards"].values())


def test_a_changed_setting_invalidates(vault, tmp_path):
    extract_cards([vault], cache_dir=tmp_path / "cache")
    only_terms = Options(deck=DeckOptions(extractors=("term",)))
    result = extract_cards([vault], only_terms, cache_dir=tmp_path / "cache")
    assert {c.kind for c in result.cards} == {"term"}
    renamed = extract_cards([vault], Options(root_deck="Biology"), cache_dir=tmp_path / "cache")
    assert {c.deck for c in renamed.cards} == {"Biology"}


def test_a_new_notedeck_version_invalidates(vault, tmp_path, monkeypatch):
    import notedeck.pipeline as pipeline
    extract_cards([vault], cache_dir=tmp_path / "cache")
    data = (vault / "cells.md").read_bytes()
    before = cache_module.cache_key(data, "settings")
    calls = []
    real = pipeline.process_note
    monkeypatch.setattr(pipeline, "process_note", lambda s: calls.append(s) or real(s))
    monkeypatch.setattr(cache_module, "__version__", "999.0.0")
    cache_module.code_fingerprint.cache_clear()
    try:
        assert cache_module.cache_key(data, "settings") != before
        extract_cards([vault], cache_dir=tmp_path / "cache")
        assert len(calls) == len(NOTES)          # every note read again
    finally:
        monkeypatch.undo()
        cache_module.code_fingerprint.cache_clear()
    assert cache_module.cache_key(data, "settings") == before


def cache_rows(folder: Path) -> list[tuple]:
    import sqlite3
    with sqlite3.connect(folder / cache_module.NoteCache.NAME) as db:
        return db.execute("SELECT id, key, light, heavy FROM notes ORDER BY id").fetchall()


def set_rows(folder: Path, rows: list[tuple]) -> None:
    import sqlite3
    with sqlite3.connect(folder / cache_module.NoteCache.NAME) as db:
        db.executemany("UPDATE notes SET light = ?, heavy = ? WHERE id = ?",
                       [(light, heavy, i) for i, _, light, heavy in rows])


GARBAGE = [b"", b"{not json", b"\x00\xff\xfe binary",
           json.dumps({"format": 1, "key": "other", "result": {}}).encode(),
           json.dumps({"format": 1, "key": "K", "result": {"cards": "nonsense"}}).encode(),
           json.dumps(["a", "foreign", "file"]).encode()]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_corrupt_or_foreign_cache_entries_are_ignored_and_rebuilt(vault, tmp_path, garbage):
    folder = tmp_path / "cache"
    good = cards_json(extract_cards([vault], cache_dir=folder))
    rows = cache_rows(folder)
    assert len(rows) == len(NOTES)
    set_rows(folder, [(i, k, garbage, garbage) for i, k, _, _ in rows])
    assert cards_json(extract_cards([vault], cache_dir=folder)) == good
    # ... and the entries were rewritten, so the next run hits the cache again
    assert cache_rows(folder) == rows
    from notedeck.reading.sources import Options, plan_sources
    again = cache_module.NoteCache(folder)
    sources = plan_sources([vault], Options())[0]
    assert all(again.get(s, again.key(s, cache_module.note_digest(s.file.path))) is not None
               for s in sources) and again.hits == len(rows) == len(sources)


@pytest.mark.parametrize("garbage", [b"", b"\x00\xff\xfe not a database" * 100,
                                     b"SQLite format 3\x00" + b"\x01" * 200])
def test_a_cache_file_that_is_not_a_database_is_replaced(vault, tmp_path, garbage):
    folder = tmp_path / "cache"
    good = cards_json(extract_cards([vault], cache_dir=folder))
    rows = cache_rows(folder)
    (folder / cache_module.NoteCache.NAME).write_bytes(garbage)
    assert cards_json(extract_cards([vault], cache_dir=folder)) == good
    assert cache_rows(folder) == rows


def test_an_unwritable_cache_only_costs_speed(vault, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    result = extract_cards([vault], cache_dir=blocker)
    assert cards_json(result) == cards_json(extract_cards([vault]))


def test_a_rebuild_with_nothing_changed_only_checks(vault, tmp_path, monkeypatch):
    import notedeck.pipeline as pipeline
    ws = tmp_path / "ws"
    args = ([vault], ws / "decks", ws / "cards")
    first = build_decks(*args, now=NOW, jobs=1, cache_dir=ws / "cache")
    assert first.written
    lines, calls = [], []
    real = pipeline.process_note
    monkeypatch.setattr(pipeline, "process_note", lambda s: calls.append(s) or real(s))
    again = build_decks(*args, now=NOW + 5, jobs=1, cache_dir=ws / "cache", echo=lines.append)
    assert not again.written and calls == []
    assert lines[0].endswith("nothing changed") and "up to date (v1.0.0)" in lines[1]
    assert again.cards == first.cards and again.notes_read == first.notes_read
    # a changed note, or a changed lock, means a real check again
    (vault / "cells.md").write_text(NOTES["cells.md"] + "\n- **Vacuole:** a storage sac.\n")
    third = build_decks(*args, now=NOW + 10, jobs=1, cache_dir=ws / "cache")
    assert [p.name for p in third.written] == ["bio-1.1.0.apkg"]
    lock = next((ws / "cards").glob("*.json"))
    lock.write_text(lock.read_text().replace('"version": "1.1.0"', '"version": "1.1.0" '))
    lines.clear()
    build_decks(*args, now=NOW + 15, jobs=1, cache_dir=ws / "cache", echo=lines.append)
    assert not any("nothing changed" in line for line in lines)     # a real check ran
    assert lines[-1].endswith("up to date (v1.1.0)")
    state = json.loads((ws / "cache" / "last-build.json").read_text())
    assert state["decks"] == {"bio": "1.1.0"}


@pytest.mark.parametrize("damage", ["truncate", "swap"])
def test_a_damaged_fields_part_is_found_when_the_entry_is_read(vault, tmp_path, damage):
    """Fields are decoded lazily, mid-build: an entry whose fields part was cut short or
    mixed up with another note's must be refused up front, not fail (or lie) later."""
    folder = tmp_path / "cache"
    good = cards_json(extract_cards([vault], cache_dir=folder))
    rows = cache_rows(folder)
    set_rows(folder, [(i, k, light, heavy[:-5] if damage == "truncate"
                       else rows[(n + 1) % len(rows)][3])
                      for n, (i, k, light, heavy) in enumerate(rows)])
    assert cards_json(extract_cards([vault], cache_dir=folder)) == good


def test_cached_cards_keep_their_fields_in_an_unnamed_spill_file(vault, tmp_path):
    """Cached cards' fields wait on disk (a spill file with no name) until read, and read
    back the same as a fresh extraction's."""
    from notedeck.versioning.spill import Spill
    folder = tmp_path / "cache"
    cold = extract_cards([vault], cache_dir=folder)
    warm = extract_cards([vault], cache_dir=folder)
    for result in (cold, warm):
        assert all(isinstance(c.fields.source, Spill) for c in result.cards)
    assert cards_json(cold) == cards_json(warm) == cards_json(extract_cards([vault]))
    assert sorted(p.name for p in folder.iterdir()) == ["notes.sqlite"]     # no spill left


def test_a_spill_file_that_cannot_be_written_keeps_the_fields_in_memory(tmp_path, monkeypatch):
    import os

    from notedeck.versioning.spill import Spill
    spill = Spill.open(tmp_path)
    assert spill.add(b"abc") == 0 and spill.add(b"defg") == 3
    assert spill[3:7] == b"defg" and spill[0:3] == b"abc"

    def full(fd, data):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "write", full)
    assert spill.add(b"xyz") is None
    monkeypatch.undo()
    assert spill.add(b"hij") == 7 and spill[7:10] == b"hij"     # nothing half-written
    with pytest.raises(OSError):       # read past its end: an I/O error for the writers
        spill[8:20]


def test_fields_stay_in_memory_when_no_spill_file_can_be_made(vault, tmp_path, monkeypatch):
    from notedeck.versioning import spill as spill_module
    monkeypatch.setattr(spill_module.tempfile, "TemporaryFile",
                        lambda **kw: (_ for _ in ()).throw(OSError(13, "denied")))
    result = extract_cards([vault], cache_dir=tmp_path / "cache")
    assert all(isinstance(c.fields.source, bytes) for c in result.cards)
    assert cards_json(result) == cards_json(extract_cards([vault]))


def test_cached_cards_of_different_notes_share_equal_strings_but_keep_their_types():
    """A build's cached cards share one object per distinct string (a section, a rule, a
    tag) across notes; a number equal to another of another type (1 and 1.0) stays as it
    was, or the cards' JSON would change."""
    import dataclasses

    from notedeck.versioning.cache import Loader, decode_entry, encode_result
    from notedeck.cards import Card
    from notedeck.model import frozen_fields
    from notedeck.cards import NoteResult

    def entry(name: str, confidence):
        card = Card(kind="qa", key=f"{name} q", guid=f"nd{name}", source=f"{name}.md", line=3,
                    fields=frozen_fields(question="Q?", answer="A."), section="Key Terms",
                    note_id=name, note_title=name, deck="D", tags=("a" + "b", name),
                    rule="qa-pair", confidence=confidence)
        return encode_result("k", NoteResult(None, card.source, [card]))

    loader = Loader()
    one, two = (decode_entry("k", *entry(name, c), loader).cards[0]
                for name, c in (("x", 1), ("y", 1.0)))
    assert one.section is two.section and one.rule is two.rule and one.tags[0] is two.tags[0]
    assert type(one.confidence) is int and type(two.confidence) is float
    assert dataclasses.asdict(one)["fields"] == {"question": "Q?", "answer": "A."}
    alone = decode_entry("k", *entry("z", 1.0)).cards[0]        # without a table: its own
    assert alone.section == one.section and alone.section is not one.section


def test_a_cached_cards_fields_and_rendered_fields_stay_text_and_survive_replace(vault, tmp_path):
    """A cached card keeps its fields and rendered fields as JSON text in the spill file,
    decoded when asked: the same as a fresh card's, also after dataclasses.replace (as a
    renamed note's cards get)."""
    import dataclasses

    from notedeck.jsontext import FieldsJSON, RenderedJSON
    from notedeck.versioning.spill import Spill
    folder = tmp_path / "cache"
    fresh = extract_cards([vault]).cards
    for cached in (extract_cards([vault], cache_dir=folder).cards,
                   extract_cards([vault], cache_dir=folder).cards):
        assert cached and all(type(c.fields) is FieldsJSON and type(c.rendered) is RenderedJSON
                              and isinstance(c.rendered.source, Spill) for c in cached)
        assert [c.rendered.fields_and_ords() for c in cached] == \
            [c.rendered.fields_and_ords() for c in fresh]
        moved = [dataclasses.replace(c, note_id="other") for c in cached]
        assert [c.rendered.fields_and_ords() for c in moved] == \
            [c.rendered.fields_and_ords() for c in fresh]
        assert [c.fields for c in moved] == [c.fields for c in fresh]


def test_an_extraction_without_details_has_the_same_cards_and_no_rejects(vault, tmp_path):
    """A build reads notes without their frontmatter and rejected or skipped candidates
    (extract_cards(details=False)): the same cards and diagnostics, cached or not, cold or
    warm; `check` (details=True) still gets them all."""
    (vault / "skip.md").write_text("---\nnotedeck-skip: [Ribosome]\ntags: [x]\n---\n# S\n\n"
                                   "- **Ribosome:** where proteins are assembled.\n"
                                   "- **Lysosome:** the cell's recycling centre.\n\n"
                                   "The QZX protocol is used in labs.\n")   # no expansion
    full = extract_cards([vault])
    assert any(n.rejected for n in full.notes) and any(n.skipped for n in full.notes)
    assert any(n.note.meta for n in full.notes if n.note)
    for cache_dir in (None, tmp_path / "cache", tmp_path / "cache"):    # none, cold, warm
        lean = extract_cards([vault], cache_dir=cache_dir, details=False)
        assert cards_json(lean) == cards_json(full)
        assert lean.all_diagnostics() == full.all_diagnostics()
        assert [n.source for n in lean.notes if n.note] == [n.source for n in full.notes if n.note]
        assert not any(n.rejected or n.skipped or n.note.meta for n in lean.notes if n.note)
    again = extract_cards([vault], cache_dir=tmp_path / "cache")      # warm, with details
    assert [(n.rejected, n.skipped) for n in again.notes] == \
        [(n.rejected, n.skipped) for n in full.notes]
