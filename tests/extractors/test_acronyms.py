"""Acronyms written in the plural or with an edition: the letters they spell. Examples
written for these tests."""
from __future__ import annotations

import pytest

from notedeck.pipeline import extract_cards


@pytest.mark.parametrize("sentence, acronym, expansion", [
    ("Naloxone is one of the opioid overdose reversal medications (OORMs) kept in clinics.",
     "OORMs", ["opioid", "overdose", "reversal", "medications"]),
    ("Routers read access control lists (ACLs) before they forward a packet.",
     "ACLs", ["access", "control", "lists"]),
])
def test_a_plural_acronym_spells_its_letters_without_the_s(tmp_path, sentence, acronym,
                                                           expansion):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "note.md").write_text(f"# Notes\n\n{sentence}\n", encoding="utf-8")
    found = extract_cards([folder])
    assert [(c.fields["acronym"], list(c.fields["expansion"])) for c in found.cards
            if c.kind == "acronym"] == [(acronym, expansion)]
