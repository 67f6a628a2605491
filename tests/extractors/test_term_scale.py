"""Roman-numeral entries under a scale's title: each degree a term (termscale.py)."""
from __future__ import annotations

from notedeck.pipeline import extract_cards

_ENTRIES = ("I. Barely noticed by anyone outside the lab.\n\n"
            "II. Noticed by a few people sitting quietly.\n\n"
            "III. Felt indoors by most, outdoors by some.\n")


def _terms(tmp_path, text: str, name: str = "note.txt") -> dict[str, str]:
    folder = tmp_path / "notes"
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    cards = extract_cards([folder]).cards
    return {c.fields["term"]: c.fields["definition"] for c in cards if c.kind == "term"}


def test_entries_under_a_scale_title_are_its_degrees(tmp_path):
    terms = _terms(tmp_path, "Tremors\n\nAbbreviated Garden Tremor Scale\n\n" + _ENTRIES)
    assert terms == {"Garden Tremor I": "Barely noticed by anyone outside the lab.",
                     "Garden Tremor II": "Noticed by a few people sitting quietly.",
                     "Garden Tremor III": "Felt indoors by most, outdoors by some."}


def test_entries_in_a_markdown_list_under_stages(tmp_path):
    text = ("# Tremors\n\n## Garden tremor stages\n\n- I. Barely noticed by anyone at all\n"
            "- II. Noticed by a few people sitting quietly\n- III. Felt indoors by most people\n")
    terms = _terms(tmp_path, text, "note.md")
    assert terms["Garden tremor stage II"] == "Noticed by a few people sitting quietly"


def test_an_outline_or_a_short_run_is_no_scale(tmp_path):
    outline = "Tremors\n\nReport outline\n\n" + _ENTRIES
    assert not any(t.endswith(" I") for t in _terms(tmp_path, outline))
    two = "Tremors\n\nGarden Tremor Scale\n\n" + _ENTRIES.rsplit("\n\n", 1)[0] + "\n"
    assert not any(t.endswith(" I") for t in _terms(tmp_path / "b", two))
