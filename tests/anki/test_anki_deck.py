"""The example deck, built by the real pipeline, read back through Anki's own importer."""
from __future__ import annotations

import pytest

from notedeck.build import build_decks
from notedeck.reading.sources import example_notes
from notedeck.anki.notetypes import NOTETYPES
from notedeck.report import plain
from notedeck.reading.sources import Options
from notedeck.pipeline import extract_cards

NOW = 1_800_000_000
FIRST_FIELD = {"term": "term", "myth": "myth", "acronym": "acronym", "qa": "question",
               "list": "prompt"}


@pytest.fixture(scope="module")
def example_cards():
    return extract_cards([example_notes()], Options(root_deck="notedeck examples")).cards


def test_example_deck_imports_whole(tmp_path, import_apkg, example_cards):
    report = build_decks([example_notes()], tmp_path / "decks", tmp_path / "cards",
                         Options(root_deck="notedeck examples"), now=NOW)
    assert not [d for d in report.diagnostics if d.level == "error"]
    [package] = report.written
    assert package.name == "notedeck-examples-1.0.0.apkg"
    col, _ = import_apkg(package)

    notes = {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}
    assert len(notes) == len(example_cards)
    for card in example_cards:
        note = notes[card.guid]                      # every card present, by its GUID
        notetype = NOTETYPES[card.kind]
        assert note.note_type()["name"] == notetype.name
        assert note.note_type()["id"] == notetype.model_id
        assert [f["name"] for f in note.note_type()["flds"]] == list(notetype.fields)
        front = plain(card.fields[FIRST_FIELD[card.kind]])
        assert front.split()[0] in plain(note.fields[0])
        assert note.mod == NOW
        assert f"notedeck::kind::{card.kind}" in note.tags
        decks = {col.decks.name(c.did) for c in note.cards()}
        assert decks == {card.deck}
        assert note.cards(), f"{card.kind} note {card.key!r} made no card"


def test_acronym_notes_get_one_card_per_expansion_word_plus_whole(tmp_path, import_apkg, example_cards):
    report = build_decks([example_notes()], tmp_path / "decks", tmp_path / "cards",
                         Options(root_deck="notedeck examples"), now=NOW)
    col, _ = import_apkg(*report.written)
    by_guid = {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}
    for card in (c for c in example_cards if c.kind == "acronym"):
        # one card per expansion word (Polyvagal spells both P and V of PVT) + the whole
        words = len(card.fields["expansion"])
        cards = by_guid[card.guid].cards()
        assert len(cards) == words + 1, plain(card.fields["acronym"])
