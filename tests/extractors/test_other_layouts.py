"""The layouts of notes other people write (issue 17): one test per rule and per trap,
through the real pipeline. Every example is written for these tests.
"""
from __future__ import annotations

from pathlib import Path

from notedeck.pipeline import extract_cards


def run(tmp_path: Path, text: str, name: str = "note.md"):
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return extract_cards([folder])


def terms(found) -> dict[str, str]:
    return {c.fields["term"]: c.fields["definition"] for c in found.cards if c.kind == "term"}


def of(found, kind):
    return [c for c in found.cards if c.kind == kind]


def dropped(found) -> list[tuple[str, str]]:
    return [(r.text, r.reason) for n in found.notes for r in n.rejected if r.kind == "term"]


# ---------------------------------------------------------------- one-line shapes

def test_inline_fields_are_terms(tmp_path):
    found = run(tmp_path, "# Tides\n\nEbb:: the tide going out\nFlood tide:: the tide "
                          "coming in\nStatus:: draft\n")
    assert terms(found) == {"Ebb": "The tide going out", "Flood tide": "The tide coming in"}
    assert {c.rule for c in of(found, "term")} == {"inline-field"}


def test_inline_fields_in_a_flashcards_note_are_left_to_the_flashcards(tmp_path):
    found = run(tmp_path, "---\ntags: [flashcards]\n---\n# Tides\n\nEbb:: the tide going out\n")
    assert terms(found) == {}


def test_equals_lines_but_not_formulas(tmp_path):
    found = run(tmp_path, "# Money\n\nnominal rate = the interest rate before inflation\n\n"
                          "Real rate = nominal rate minus inflation\n\nRate = (a / b) * 100\n")
    assert terms(found) == {"nominal rate": "The interest rate before inflation",
                            "Real rate": "Nominal rate minus inflation"}


def test_dictionary_entries(tmp_path):
    found = run(tmp_path, "# Words\n\nSEDIMENT n. 1. matter that settles to the bottom of a "
                          "liquid. 2. rock particles laid down by water.\n")
    assert terms(found) == {"Sediment": "Matter that settles to the bottom of a liquid. 2. rock "
                                        "particles laid down by water."}


def test_lowercase_glossary_lists(tmp_path):
    found = run(tmp_path, "# Rocks\n\n- igneous rock - rock formed from cooled magma\n"
                          "- sedimentary rock - rock formed from pressed layers\n")
    assert terms(found) == {"igneous rock": "Rock formed from cooled magma",
                            "sedimentary rock": "Rock formed from pressed layers"}


def test_a_name_defined_by_its_sub_bullets(tmp_path):
    found = run(tmp_path, "# Drugs\n\n- Aspirin\n  - blocks cyclo-oxygenase\n"
                          "  - thins the blood\n- Paracetamol\n  - relieves pain and fever\n"
                          "  - hard on the liver in overdose\n")
    assert terms(found) == {"Aspirin": "Blocks cyclo-oxygenase<br>thins the blood",
                            "Paracetamol": "Relieves pain and fever<br>hard on the liver in "
                                           "overdose"}


def test_sub_bullets_that_only_name_members_or_hold_categories_are_no_definition(tmp_path):
    found = run(tmp_path, "# Drugs\n\n- Beta blockers\n  - Atenolol\n  - Propranolol\n\n"
                          "## Uses\n\n- Heart\n  - Angina\n    - chest pain on effort\n"
                          "- Brain\n  - Migraine\n    - a throbbing headache\n")
    assert "Beta blockers" not in terms(found)
    assert "Heart" not in terms(found) and "Brain" not in terms(found)


# ---------------------------------------------------------------- generic labels

def test_a_generic_label_is_named_with_what_it_belongs_to(tmp_path):
    found = run(tmp_path, "# Drugs\n\n## Insulin\n\n### Side effects\n\n- Hypoglycaemia\n"
                          "- Weight gain\n\n## Tablets\n\n- Metformin\n  - Side effects\n"
                          "    - nausea and stomach upset\n")
    assert terms(found)["Side effects of Insulin"] == "Hypoglycaemia<br>Weight gain"
    assert terms(found)["Side effects of Metformin"] == "Nausea and stomach upset"


def test_a_definition_label_defines_its_heading_and_aspects_are_dropped(tmp_path):
    found = run(tmp_path, "# Government\n\n## Bicameralism\n\n- **Definition**: a legislature"
                          " with two chambers.\n- **Purpose**: to slow hasty laws.\n"
                          "- **Example**: the Congress of the United States.\n")
    assert terms(found) == {"Bicameralism": "A legislature with two chambers."}
    assert ("Purpose", "'Purpose' names an aspect of something, not a term") in dropped(found)


def test_a_heading_over_a_list_of_names_is_no_term(tmp_path):
    found = run(tmp_path, "# Birds\n\n## Waders\n\n- Curlew\n- Redshank\n- Dunlin\n\n"
                          "## Raptors\n\n- hunt by sight\n- hooked beak and strong talons\n")
    assert set(terms(found)) == {"Raptors"}


def test_stage_headings_name_the_stage(tmp_path):
    found = run(tmp_path, "# Sleep\n\n## Stage 1: Light sleep (5 - 10 minutes)\n\nThe eyes "
                          "move slowly and the muscles relax.\n\n## Stage 2: Deep sleep\n\n"
                          "Breathing and heartbeat slow down.\n")
    assert terms(found) == {"Light sleep": "The eyes move slowly and the muscles relax.",
                            "Deep sleep": "Breathing and heartbeat slow down."}


# ---------------------------------------------------------------- prose

def test_x_is_a_y_sentences(tmp_path):
    found = run(tmp_path, "# Weather\n\nA front is the boundary between two air masses of "
                          "different density. Cumulus clouds are puffy clouds that form on "
                          "warm days.\n\nIt is a good idea to check the forecast. Rain is "
                          "one of the most common events.\n")
    assert terms(found) == {
        "front": "The boundary between two air masses of different density.",
        "Cumulus clouds": "Puffy clouds that form on warm days."}


def test_called_and_known_as(tmp_path):
    found = run(tmp_path, "# Rivers\n\nThe area of land drained by one river is called its "
                          "catchment. Rivers slow down near the sea. This slowing is known "
                          "as deceleration.\n")
    assert terms(found) == {"catchment": "The area of land drained by one river",
                            "deceleration": "Rivers slow down near the sea."}


def test_appositives(tmp_path):
    found = run(tmp_path, "# Soil\n\nHumus, the dark organic part of soil, holds water well."
                          "\n\nTypes of soil include: loam, a mix of sand and clay; peat, a "
                          "soil made of dead moss.\n\nTillage, or turning the soil over, "
                          "breaks up clods.\n")
    assert terms(found) == {"Humus": "The dark organic part of soil",
                            "loam": "A mix of sand and clay",
                            "peat": "A soil made of dead moss.",
                            "Tillage": "Turning the soil over"}


def test_a_heading_over_long_prose_keeps_the_sentence_that_names_it(tmp_path):
    body = ("Frost wedging occurs when water freezes in cracks and splits the rock apart. "
            + "It is common in mountains where the temperature often drops below zero. " * 12)
    found = run(tmp_path, "# Weathering\n\n## Frost wedging\n\n" + body + "\n")
    assert terms(found) == {"Frost wedging": "Frost wedging occurs when water freezes in "
                                             "cracks and splits the rock apart."}


def test_one_definition_read_by_two_rules_makes_one_card(tmp_path):
    found = run(tmp_path, "# Plants\n\n## Photosynthesis\n\nPhotosynthesis is the process by "
                          "which plants make sugar from light.\n")
    assert list(terms(found)) == ["Photosynthesis"]


# ---------------------------------------------------------------- questions

def test_question_headings_on_a_page_of_questions(tmp_path):
    found = run(tmp_path, "# Volcanoes\n\n## Why do volcanoes erupt?\n\nPressure from gas "
                          "in the magma builds up.\n\n## Where are most volcanoes?\n\nAround "
                          "the Pacific Ring of Fire.\n\n## How is lava different from magma?"
                          "\n\nLava is magma that has reached the surface.\n")
    assert [c.fields["question"] for c in of(found, "qa")] == [
        "Why do volcanoes erupt?", "Where are most volcanoes?",
        "How is lava different from magma?"]


def test_a_lone_question_heading_in_a_blog_is_no_card_but_is_said(tmp_path):
    found = run(tmp_path, "# Volcanoes\n\n## Ready to visit one?\n\nBook early.\n\n"
                          "## Is hiking safe for you?\n\nAsk a guide before you go.\n")
    assert of(found, "qa") == []
    reasons = [r.reason for n in found.notes for r in n.rejected if r.kind == "qa"]
    assert any("no page of questions" in r for r in reasons)


def test_numbered_questions_with_answer_lines(tmp_path):
    found = run(tmp_path, "1. What is the capital of Peru? Audio (12KB)\n\nLima\n\n"
                          "2. Name one river in Peru.\n\nthe Amazon\nthe Urubamba\n",
                name="quiz.txt")
    assert [(c.fields["question"], c.fields["answer"]) for c in of(found, "qa")] == [
        ("What is the capital of Peru?", "Lima"),
        ("Name one river in Peru.", "The Amazon; the Urubamba")]


def test_practice_questions_labelled_by_letter(tmp_path):
    found = run(tmp_path, "Revision\n\na. A farmer sees the river flood every spring. Why "
                          "does the floodplain stay fertile?\nThe flood leaves silt full of "
                          "nutrients on the fields.\n\nb) Explain what a levee is.\nA raised "
                          "bank that stops the river spilling over.\n", name="rev.txt")
    assert [(c.fields["question"], c.fields["answer"]) for c in of(found, "qa")] == [
        ("Why does the floodplain stay fertile?",
         "The flood leaves silt full of nutrients on the fields."),
        ("Explain what a levee is.", "A raised bank that stops the river spilling over.")]


def test_arrow_answers_and_multiple_choice_options(tmp_path):
    found = run(tmp_path, "# Quiz\n\n1. What is the boiling point of water? → 100 °C at sea "
                          "level\n\nQ: Which is a mammal?\na) shark\nb) whale\n")
    assert [(c.fields["question"], c.fields["answer"]) for c in of(found, "qa")] == [
        ("What is the boiling point of water?", "100 °C at sea level")]


# ---------------------------------------------------------------- myths

def test_myth_labels_in_many_words(tmp_path):
    found = run(tmp_path, "# Sharks\n\n- Myth #2: sharks must keep swimming to breathe.\n"
                          "- The truth: many sharks rest on the sea floor.\n\n"
                          "Common belief: sharks have poor eyesight overall.\n"
                          "Reality: sharks see well in dim light.\n\n"
                          "Sharks are fish, not mammals (TRUE)\n")
    assert [(c.fields["myth"], c.fields["reframe"]) for c in of(found, "myth")] == [
        ("Sharks must keep swimming to breathe.", "Many sharks rest on the sea floor."),
        ("Sharks have poor eyesight overall.", "Sharks see well in dim light.")]


def test_wrong_and_true_lines(tmp_path):
    found = run(tmp_path, "# Bats\n\n- Bats are blind (WRONG)\n- Bats see well and also use "
                          "echolocation (TRUE)\n")
    assert [(c.fields["myth"], c.fields["reframe"]) for c in of(found, "myth")] == [
        ("Bats are blind", "Bats see well and also use echolocation")]


def test_myth_headings_bullets_and_callouts(tmp_path):
    found = run(tmp_path, "# Bees\n\n## Myth 1: All bees die after they sting\n\nOnly honey "
                          "bee workers die after stinging mammals.\n\n## Common Myths\n\n"
                          "- Bees make honey from pollen alone\n  - They make it from nectar "
                          "they collect\n\n> [!myth]\n> Every bee lives in a hive.\n\n"
                          "> [!fact]\n> Most bee species live alone in burrows.\n")
    assert sorted(c.fields["myth"] for c in of(found, "myth")) == [
        "All bees die after they sting", "Bees make honey from pollen alone",
        "Every bee lives in a hive."]


# ---------------------------------------------------------------- acronyms

def test_one_letter_a_line(tmp_path):
    found = run(tmp_path, "# Coping\n\nThe STOP skill:\n\n- **S**top\n- **T**ake a breath\n"
                          "- O - Observe your body\n- P: Proceed mindfully\n")
    assert [(c.fields["acronym"], list(c.fields["expansion"])) for c in of(found, "acronym")] \
        == [("STOP", ["Stop", "Take a breath", "Observe your body", "Proceed mindfully"])]


def test_one_heading_a_letter(tmp_path):
    found = run(tmp_path, "# RAIN\n\n## R - Recognize\n\nNotice.\n\n## A - Allow\n\nLet it be."
                          "\n\n## I - Investigate\n\nLook.\n\n## N - Nurture\n\nBe kind.\n")
    assert [list(c.fields["expansion"]) for c in of(found, "acronym")] == [
        ["Recognize", "Allow", "Investigate", "Nurture"]]


def test_dashes_small_words_contractions_and_glossary_entries(tmp_path):
    found = run(tmp_path, "# Terms\n\nKnow your ZOPA – zone of possible agreement – first.\n\n"
                          "The return is the yield to maturity (YTM) of the bond.\n\n"
                          "Energy is given in kilojoules (kJ).\n\nDNS\n: The Domain Name "
                          "System that turns names into addresses.\n\nTreat alcohol use "
                          "disorders (AUD) early.\n")
    assert {c.fields["acronym"]: list(c.fields["expansion"]) for c in of(found, "acronym")} == {
        "ZOPA": ["zone", "of", "possible", "agreement"],
        "YTM": ["yield", "to", "maturity"],
        "kJ": ["kilojoules"],
        "DNS": ["Domain", "Name", "System"],
        "AUD": ["alcohol", "use", "disorder"]}


def test_and_spells_no_letter_when_a_word_can(tmp_path):
    found = run(tmp_path, "# CBT\n\nAcceptance and Commitment Therapy (ACT) uses values.\n")
    assert [list(c.fields["expansion"]) for c in of(found, "acronym")] == [
        ["Acceptance", "Commitment", "Therapy"]]


# ---------------------------------------------------------------- tables and lists of parts

def test_a_table_keyed_by_its_first_column_whatever_the_headers(tmp_path):
    found = run(tmp_path, "# Drugs\n\n| Drug | Action | Side effects |\n|---|---|---|\n"
                          "| Warfarin | Blocks vitamin K recycling | Bleeding |\n"
                          "| Heparin | Boosts antithrombin activity | Low platelets |\n\n"
                          "| Goal | Objective |\n|---|---|\n| Sleep more | Eight hours a night "
                          "for a month |\n| Walk daily | Twenty minutes after lunch |\n")
    assert terms(found) == {
        "Warfarin": "Action: Blocks vitamin K recycling<br>Side effects: Bleeding",
        "Heparin": "Action: Boosts antithrombin activity<br>Side effects: Low platelets"}


def test_one_row_under_headers_that_name_things(tmp_path):
    found = run(tmp_path, "# Gut\n\n| Small intestine | Large intestine |\n|---|---|\n"
                          "| Absorbs most nutrients from digested food | Absorbs water and "
                          "forms the stool |\n")
    assert terms(found) == {"Small intestine": "Absorbs most nutrients from digested food",
                            "Large intestine": "Absorbs water and forms the stool"}


def test_parts_named_with_what_they_represent_and_bracket_glosses(tmp_path):
    found = run(tmp_path, "# Maps\n\nA map has three parts:\n\n- A legend representing what "
                          "each symbol means.\n- A scale showing how distance shrinks.\n\n"
                          "Surveyors place benchmarks (a marker that records a known height) "
                          "on hills.\n")
    assert terms(found) == {"legend": "Representing what each symbol means.",
                            "benchmarks": "A marker that records a known height"}


def test_a_heading_whose_first_sentence_points_back_at_it(tmp_path):
    body = "These are rocks formed from cooled magma or lava. " + "They vary a lot. " * 30
    found = run(tmp_path, "# Rocks\n\n## Igneous Rocks\n\n" + body + "\n")
    assert terms(found) == {"Igneous Rocks": "Rocks formed from cooled magma or lava."}
