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


def acronyms(tmp_path, text: str, name: str = "note.md") -> dict[str, list[str]]:
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    found = extract_cards([folder])
    return {c.fields["acronym"]: list(c.fields["expansion"]) for c in found.cards
            if c.kind == "acronym"}


def test_an_abbreviation_alone_over_its_expansion(tmp_path):
    found = acronyms(tmp_path, "# Abbreviations\n\n##ACTH\nAdrenocorticotropic Hormone\n\n"
                               "##ACh\nAcetylcholine\n\n##CT\nCollecting Duct\n\n"
                               "## ISO\n\nThe International Standardization Organisation is an "
                               "agency based in Geneva.\n")
    assert found == {"ACTH": ["Adrenocorticotropic", "Hormone"], "ACh": ["Acetylcholine"],
                     "ISO": ["International", "Standardization", "Organisation"]}


def test_an_abbreviation_is_its_long_form(tmp_path):
    found = acronyms(tmp_path, "# Nucleic acids\n\nRNA is ribonucleic acid, which contains "
                               "ribose. AC > BC is because the bones conduct less.\n")
    assert found == {"RNA": ["ribonucleic", "acid"]}


def test_plain_lines_under_the_acronym_they_spell(tmp_path):
    found = acronyms(tmp_path, "Reading papers\n\nQALMRI is an acronym for the parts of a "
                               "research article.\n\nQuestion\nAlternatives\nLogic\nMethods\n"
                               "Results\nInference\n", name="note.txt")
    assert found == {"QALMRI": ["Question", "Alternatives", "Logic", "Methods", "Results",
                                "Inference"]}


def test_an_abbreviation_table_gives_the_rows_whose_letters_are_spelt(tmp_path):
    found = acronyms(tmp_path, "# Scores\n\n| Score | What it is |\n|---|---|\n"
                               "| MMSE | Mini-mental state examination - cognitive impairment |\n"
                               "| **IPSS** | International prostate symptom score |\n"
                               "| CT | Collecting Duct |\n| HR | 90 beats per minute |\n"
                               "| Wells | DVT probability |\n")
    assert found == {"MMSE": ["Mini", "mental", "state", "examination"],
                     "IPSS": ["International", "prostate", "symptom", "score"]}


def test_an_abbreviation_list_in_columns_in_plain_text(tmp_path):
    found = acronyms(tmp_path, "Abbreviations\n\nAPI\tApplication Programming Interface\n"
                               "CPU     Central Processing Unit\n"
                               "RAM     Random Access Memory (volatile)\n"
                               "CT      Collecting Duct\n"
                               "NOTE    see the appendix for the rest\n", name="abbr.txt")
    assert found == {"API": ["Application", "Programming", "Interface"],
                     "CPU": ["Central", "Processing", "Unit"],
                     "RAM": ["Random", "Access", "Memory"]}


def test_letters_joined_by_and_give_the_words_without_the_joiner(tmp_path):
    found = acronyms(tmp_path, "# Melanoma\n\nThink of nodular melanoma if a lesion has all "
                               "of EFG:\n\n- **E = Elevation,** AND\n- **F = Firmness** to "
                               "touch, AND\n- **G = Growth**. Sustained for a month\n")
    assert found == {"EFG": ["Elevation", "Firmness to touch", "Growth"]}


def test_letters_inside_a_word_are_no_reading_when_the_name_goes_on(tmp_path):
    found = acronyms(tmp_path, "# Kidney\n\nCT - Collecting Duct, part of the nephron.\n\n"
                               "EEG - Electroencephalogram, a test of brain waves.\n")
    assert found == {"EEG": ["Electroencephalogram"]}
