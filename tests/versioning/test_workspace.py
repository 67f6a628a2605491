"""Workspace hygiene: what killed builds leave behind is swept; links are read once."""
from __future__ import annotations

from notedeck.build import build_decks
from notedeck.pipeline import extract_cards

NOW = 1_800_000_000
NOTE = "# Ferns\n\n- **Frond:** the leaf of a fern.\n- **Sorus:** a cluster of spore cases.\n"


def test_a_build_sweeps_temp_files_left_by_killed_builds(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ferns.md").write_text(NOTE)
    decks, cards, cache = tmp_path / "decks", tmp_path / "cards", tmp_path / "cache"
    build_decks([notes], decks, cards, now=NOW, cache_dir=cache)
    deck_dir = decks / "notes"
    leftovers = [deck_dir / ".notes-1.1.0.apkg.x1y2.tmp", cards / ".notes.json.a1b2.tmp",
                 deck_dir / ".CHANGELOG.md.c3d4.tmp", cache / ".last-build.json.e5f6.tmp",
                 cache / "packages" / ".notes.json.g7h8.tmp"]
    for path in leftovers:
        path.write_bytes(b"half a file")
    scratch = deck_dir / ".notedeck-media-abc"
    scratch.mkdir()
    (scratch / "tmpcollection").write_bytes(b"x")
    (notes / "ferns.md").write_text(NOTE + "- **Rhizome:** an underground stem.\n")
    report = build_decks([notes], decks, cards, now=NOW + 60, cache_dir=cache)
    assert [p.name for p in report.written] == ["notes-1.1.0.apkg"]
    assert not any(p.exists() for p in leftovers) and not scratch.exists()
    assert sorted(p.name for p in deck_dir.iterdir()) == [
        "CHANGELOG.md", "notes-1.0.0.apkg", "notes-1.1.0.apkg"]


def test_a_link_to_a_note_in_the_same_folder_is_read_once(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ferns.md").write_text(NOTE)
    (notes / "ferns-link.md").symlink_to(notes / "ferns.md")
    result = extract_cards([notes])
    assert sorted(c.key for c in result.cards) == ["frond", "sorus"]
    assert {c.source for c in result.cards} == {"ferns.md"}
