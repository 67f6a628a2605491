"""Golden files: the cards extracted from each example note, compared in full.

To accept a deliberate change, regenerate and review the diff:
    NOTEDECK_UPDATE_GOLDEN=1 pytest tests/test_golden.py && git diff tests/golden
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

from notedeck.reading.sources import example_notes
from notedeck.report import public_dict
from notedeck.reading.sources import Options
from notedeck.pipeline import extract_cards

GOLDEN = Path(__file__).parent.parent / "golden"
NOTES = sorted(p.name for p in example_notes().iterdir() if p.is_file())


@pytest.fixture(scope="module")
def cards_by_note():
    result = extract_cards([example_notes()], Options(root_deck="notedeck examples"))
    assert not [d for d in result.all_diagnostics() if d.level == "error"]
    grouped = defaultdict(list)
    for card in result.cards:
        grouped[card.source].append(public_dict(card))
    return grouped


def test_every_example_note_has_a_golden_file():
    assert NOTES, "no example notes found"
    missing = [n for n in NOTES if not (GOLDEN / f"{n}.json").exists()]
    if os.environ.get("NOTEDECK_UPDATE_GOLDEN"):
        return
    assert not missing, f"no golden file for {missing}"


@pytest.mark.parametrize("name", NOTES)
def test_cards_match_golden(name, cards_by_note):
    got = cards_by_note.get(name, [])
    path = GOLDEN / f"{name}.json"
    if os.environ.get("NOTEDECK_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected, f"cards of {name} differ from {path.name}"
    assert got, f"{name} gave no card"
