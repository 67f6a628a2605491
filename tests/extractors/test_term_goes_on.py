"""A definition found in a paragraph goes on through the sentences after it that are still
about its term (issue 17, third round): a pronoun or the term as their subject, a few
sentences at most, never into another term's definition, a myth, a question or a list's
lead. Through the real pipeline, with notes written as people write them.
"""
from __future__ import annotations

from test_term_rules import run, terms


def test_the_subject_sentence_takes_the_sentences_that_go_on_about_it(tmp_path):
    found = run(tmp_path, "# Port Knocking\n\nPort knocking is a method of opening a closed "
                          "port from outside. It works by sending connection attempts to a "
                          "set of ports in order. Port knocking hides services from scans. "
                          "Firewalls log every attempt.\n", "port knocking.md")
    assert terms(found)["Port knocking"] == (
        "A method of opening a closed port from outside. It works by sending connection "
        "attempts to a set of ports in order. Port knocking hides services from scans.")


def test_a_sentence_defining_another_name_ends_the_definition(tmp_path):
    found = run(tmp_path, "## Notes\n\nGlycolysis is a pathway that splits glucose into "
                          "pyruvate. It yields a net gain of two ATP. This step is followed "
                          "by a process called **fermentation** when oxygen is missing.\n")
    found = terms(found)
    assert found["Glycolysis"] == ("A pathway that splits glucose into pyruvate. It yields a "
                                   "net gain of two ATP.")


def test_a_question_a_myth_or_a_list_lead_ends_the_definition(tmp_path):
    for after in ("It is not a tsunami, is it?", "It is a myth that waves grow inland.",
                  "Its three causes are:"):
        found = run(tmp_path, f"## Waves\n\nWaves come in many kinds.\n\nA seiche is a standing wave in an enclosed body "
                              f"of water. {after}\n")
        assert terms(found)["seiche"] == "A standing wave in an enclosed body of water."


def test_the_definition_stays_short_enough_for_a_phone(tmp_path):
    long = "It " + "also moves heat and salt across the basins of the ocean " * 9 + "."
    found = run(tmp_path, "## Currents\n\nThermohaline circulation is a global ocean current "
                          f"driven by density. {long}\n")
    assert terms(found)["Thermohaline circulation"] == ("A global ocean current driven by "
                                                       "density.")


def test_a_definition_callout_keeps_its_third_sentence_about_the_term(tmp_path):
    found = run(tmp_path, "# Atoms\n\n> [!definition] Definition\n> An atom is the basic unit "
                          "of matter. It is the smallest particle of an element that keeps "
                          "its properties. Atoms are made of protons, neutrons and electrons. "
                          "Chemists weigh them in daltons.\n", "Atoms.md")
    assert terms(found)["Atoms"].endswith("Atoms are made of protons, neutrons and electrons.")
    assert "daltons" not in terms(found)["Atoms"]


# ------------------------------------------------- a heading's body and the list finishing it

def test_a_heading_body_left_open_keeps_the_list_that_finishes_it(tmp_path):
    found = run(tmp_path, "# Croup\n\nA viral infection of the upper airway.\n\n"
                          "## Prognosis\nCroup usually settles within days\n"
                          "- most children recover in 48 hours\n"
                          "- a few need admission for stridor at rest\n", "croup.md")
    assert terms(found)["Prognosis of Croup"] == (
        "Croup usually settles within days<br>most children recover in 48 hours<br>"
        "a few need admission for stridor at rest")


def test_a_heading_body_that_ends_its_sentence_keeps_its_list_apart(tmp_path):
    found = run(tmp_path, "# Croup\n\nA viral infection of the upper airway.\n\n"
                          "## Prognosis\nCroup usually settles within days.\n"
                          "- most children recover in 48 hours\n"
                          "- a few need admission for stridor at rest\n", "croup.md")
    assert terms(found)["Prognosis of Croup"] == "Croup usually settles within days."


def test_a_callout_and_its_sentence_read_alike_keep_the_callouts_name(tmp_path):
    # the subject sentence now reads as far as the callout: one card, named by the note
    found = run(tmp_path, "# Protein\n\n> [!definition] Definition\n> Proteins are complex "
                          "biomolecules with many roles. They are chains of amino acids.\n",
                "Protein.md")
    assert terms(found) == {"Protein": "Complex biomolecules with many roles. They are chains "
                                       "of amino acids."}


def test_a_heading_body_keeps_the_paragraph_that_goes_on_from_it(tmp_path):
    found = run(tmp_path, "# Firewalls\n\nThey filter traffic.\n\n## Stateless\n"
                          "A stateless firewall checks each packet on its own.\n\n"
                          "This type uses fewer resources, but it only follows its rules.\n",
                "firewalls.md")
    assert terms(found)["Stateless"] == ("A stateless firewall checks each packet on its "
                                         "own.<br>This type uses fewer resources, but it only "
                                         "follows its rules.")


def test_a_heading_body_leaves_a_paragraph_about_something_else(tmp_path):
    found = run(tmp_path, "# Firewalls\n\nThey filter traffic.\n\n## Stateless\n"
                          "A stateless firewall checks each packet on its own.\n\n"
                          "Also see: the vendor's manual.\n", "firewalls.md")
    assert terms(found)["Stateless"] == "A stateless firewall checks each packet on its own."
