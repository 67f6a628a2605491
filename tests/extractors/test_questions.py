"""Questions and their answers as notes write them without Q:/A: labels: headings that
ask, paragraphs that ask, FAQ definition lists; and the questions that are no card. Every
example is written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from notedeck.pipeline import extract_cards


def run(tmp_path: Path, text: str, name: str = "note.md"):
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return extract_cards([folder])


def qas(tmp_path: Path, text: str, name: str = "note.md") -> list[tuple[str, str]]:
    found = run(tmp_path, text, name)
    return [(c.fields["question"], c.fields["answer"]) for c in found.cards if c.kind == "qa"]


def test_a_heading_asking_about_an_aspect_is_a_question_with_its_listed_answer(tmp_path):
    found = qas(tmp_path, "# Gout\n\n## What are the symptoms of gout?\n\nThe symptoms come on "
                          "at night and may include:\n\n- a hot swollen joint\n- severe pain\n"
                          "- red shiny skin\n\n## Causes\n\nUrate crystals in the joint.\n")
    assert found == [("What are the symptoms of gout?", "The symptoms come on at night and may "
                      "include:<br>a hot swollen joint<br>severe pain<br>red shiny skin")]


def test_what_is_a_term_stays_a_term_and_a_lone_why_heading_is_a_question(tmp_path):
    found = run(tmp_path, "# Gout\n\n## What is gout?\n\nGout is arthritis caused by urate "
                          "crystals.\n\n## Why do urate crystals form in joints?\n\nUrate "
                          "comes out of solution in cool, acidic joint fluid.\n")
    assert [c.fields["term"] for c in found.cards if c.kind == "term"] == ["gout"]
    assert [(c.fields["question"], c.fields["answer"]) for c in found.cards if c.kind == "qa"] \
        == [("Why do urate crystals form in joints?",
             "Urate comes out of solution in cool, acidic joint fluid.")]


@pytest.mark.parametrize("heading", ["How does it work?", "Why is this important?",
                                     "What do you use at home?", "Ready to try one?"])
def test_question_headings_that_name_nothing_or_ask_the_reader_are_no_card(tmp_path, heading):
    found = run(tmp_path, f"# Gout\n\n## {heading}\n\nUrate crystals irritate the joint "
                          "lining.\n")
    assert [c for c in found.cards if c.kind == "qa"] == []
    assert any(r.kind == "qa" for n in found.notes for r in n.rejected)


def test_numbered_outline_question_headings(tmp_path):
    found = qas(tmp_path, "Torts\n\n2.8. Fun Facts\n2.8.1. How long can you wait to sue after "
                          "a tort?\nIn general six years after the tort occurred.\n",
                name="torts.txt")
    assert found == [("How long can you wait to sue after a tort?",
                      "In general six years after the tort occurred.")]


def test_an_answer_item_ending_in_a_colon_brings_its_sub_items(tmp_path):
    found = qas(tmp_path, "Neurons\n\nHow many neurons are in the brain?\n\n  • Old lore: 100 "
                          "billion\n  • New estimate (2009):\n      □ 86 billion neurons\n"
                          "      □ 85 billion glia\n", name="neurons.txt")
    assert found == [("How many neurons are in the brain?", "Old lore: 100 billion<br>New "
                      "estimate (2009):<br>86 billion neurons<br>85 billion glia")]


def test_paragraphs_that_ask_answered_by_the_next(tmp_path):
    found = qas(tmp_path, "# Queries\n\n4.13) In a query, how do I detect if a field is "
                          "NULL?\n\nYou test the column with IS NULL and IS NOT NULL.\n\n"
                          "What can models of a species' range be used for?\n\n"
                          "- describing where it lives now\n- predicting where it could "
                          "live\n")
    assert found == [
        ("In a query, how do I detect if a field is NULL?",
         "You test the column with IS NULL and IS NOT NULL."),
        ("What can models of a species' range be used for?",
         "Describing where it lives now<br>predicting where it could live")]


@pytest.mark.parametrize("text", [
    # an exercise for the reader, answered by instructions
    "What is something you are an expert in?\n\nThis discussion should take about 5 minutes.",
    # multiple-choice options are no answer
    "What is 27 + 15?\n\na) 42\nb) 32\nc) 312",
    # a subtitle cue
    "54\n00:04:14,480 --> 00:04:17,480 what if Cdc7 is turned off all the time?\n\n"
    "55\n00:04:17,480 --> 00:04:22,480 well, if it was turned off we could never grow",
    # a question answered by another question
    "Describe heat transfer. What forms of energy result?\n\nIs the energy stored as heat? "
    "Explain briefly.",
    # "Answers will vary" answers nothing
    "Who is your state's governor now?\n\nAnswers will vary.",
    # a book's blurb that ends asking, over the note's metadata fields
    "For two years the author shadowed the founder, attended his meetings and walked his "
    "factories with him, interviewing family, friends, coworkers and adversaries. The result "
    "is the inside story of triumphs and turmoil that addresses the question: are the demons "
    "that drive him also what it takes to build companies?\n\nTitle:: The Founder\ntype:: Book",
])
def test_paragraphs_that_ask_but_are_not_answered(tmp_path, text):
    assert qas(tmp_path, f"# Notes\n\n{text}\n") == []


def test_a_list_label_before_a_question_is_no_part_of_it(tmp_path):
    assert qas(tmp_path, "# Food\n\n6] What is pasteurisation?\n\nA heat treatment at a set "
                         "temperature for a set time that kills bacteria.\n") == [
        ("What is pasteurisation?",
         "A heat treatment at a set temperature for a set time that kills bacteria.")]


def test_a_faq_definition_list_takes_its_problem_statements_too(tmp_path):
    found = qas(tmp_path, "# Git questions\n\nHow do I undo a commit?\n: Use git revert to "
                          "add a commit that undoes it.\n\nI ignored some files, yet they are "
                          "still tracked\n: They were tracked before you ignored them; run "
                          "git rm --cached.\n\nCan I use a proxy?\n: Yes, Git honours "
                          "http_proxy.\n")
    assert [q for q, _ in found] == ["How do I undo a commit?",
                                     "I ignored some files, yet they are still tracked",
                                     "Can I use a proxy?"]


def test_a_multiple_choice_with_its_answer_in_bold(tmp_path):
    found = qas(tmp_path, "# Exam review\n\n## The tongue is _____ with respect to the nose.\n\n"
                          "- Superior\n- **Inferior**\n- Medial\n\n## All of the following are "
                          "glia EXCEPT\n\n- Astrocytes\n- Microglia\n- **Purkinje cells**\n\n"
                          "Which lobe holds the primary visual cortex?\n\n- Frontal\n- "
                          "**Occipital**\n- Parietal\n")
    assert found == [("The tongue is … with respect to the nose.", "Inferior"),
                     ("All of the following are glia EXCEPT", "Purkinje cells"),
                     ("Which lobe holds the primary visual cortex?", "Occipital")]


def test_a_bold_item_under_a_statement_is_no_answer(tmp_path):
    assert qas(tmp_path, "# Isomers\n\nThe two classes of isomers are these.\n\n- Constitutional"
                         "\n- **Stereoisomers**\n") == []


def test_questions_answered_by_questions_or_cut_from_a_wrapped_line(tmp_path):
    found = qas(tmp_path, "Ethics\n\nAre the goals useful?\nWhat benefits has society gained "
                          "from the research?\n\nHow are the costs shared?\nWho pays for the "
                          "studies?\n\nminute), but what is reading speed really measuring?\n"
                          "Comprehension is not tested.\n", name="slides.txt")
    assert found == []


def test_a_spoken_opener_before_the_question_word_is_left_off(tmp_path):
    # Notes written as a talk or a blog post ask "So, what ...?": the card asks the question
    got = qas(tmp_path, "# Sick days\n\n## So, what advice is given to patients on metformin?"
                        "\n\nStop it while vomiting and restart once eating again.\n\n"
                        "## Now how should insulin be adjusted?\n\nNever stop it; check the "
                        "glucose every four hours.\n\n## Is it safe to keep taking NSAIDs?\n\n"
                        "No: stop them until the illness has passed.\n")
    questions = [q for q, _ in got]
    assert "What advice is given to patients on metformin?" in questions, got
    assert "How should insulin be adjusted?" in questions, got
    assert "Is it safe to keep taking NSAIDs?" in questions, got


def test_a_bold_question_graded_by_a_mark_after_it_is_still_a_question(tmp_path):
    found = qas(tmp_path, "# Caches\n\n**Why do caches miss? ⭐️**\n\nData is evicted when the "
                          "cache fills up, or was never loaded.\n\n**How is a line chosen for "
                          "eviction? 🚀**\n\nMost caches evict the least recently used line.\n")
    assert found == [("<b>Why do caches miss?</b>",
                      "Data is evicted when the cache fills up, or was never loaded."),
                     ("<b>How is a line chosen for eviction?</b>",
                      "Most caches evict the least recently used line.")]


def test_a_plain_text_faq_with_numbered_questions_some_wrapped(tmp_path):
    # An old FAQ numbers its questions "A1)", "B2)": the contents list them one a line (a
    # question ends, the next starts: no wrapped sentence), a long one wraps under its
    # number, and each question's answer follows it in the body.
    note = ("The Kettle FAQ, for version 2 of the kettle and its lid and its handle.\n\n"
            "Section A:  Basics\n\n"
            "A1) Why does the kettle whistle when the water boils in the morning?\n"
            "A2) I filled the kettle to the brim, and now it spits water from the\n"
            "    spout.  Why?\n"
            "A3) How do I descale the kettle after a year of hard water in it?\n\n"
            "----------\n"
            "Section A:  Basics\n\n"
            "A1) Why does the kettle whistle when the water boils in the morning?\n\n"
            "Steam escapes through a small hole in the lid and makes the whistle sound.\n\n"
            "A2) I filled the kettle to the brim, and now it spits water from the\n"
            "   spout.  Why?\n\n"
            "Boiling water expands and bubbles; fill it only to the line marked MAX.\n\n"
            "A3) How do I descale the kettle after a year of hard water in it?\n\n"
            "Boil a mix of water and vinegar in it, then rinse it twice.\n")
    found = dict(qas(tmp_path, note, "kettle.txt"))
    spits = [q for q in found if q.startswith("I filled the kettle")]
    assert spits and "fill it only to the line" in found[spits[0]]
    assert not any("A2)" in answer or "A3)" in answer for answer in found.values())


def test_a_question_callout_titled_only_question_asks_the_case_in_its_body(tmp_path):
    found = qas(tmp_path, "# Squint\n\nA squint is a misalignment of the eyes.\n\n"
                          "> [!Question]- Question\n> A boy's right eye turns inwards. You cover "
                          "his left eye.\n> Which finding fits a right esotropia?\n>\n"
                          "> > [!Answer]- Answer\n> > The right eye moves laterally to fix.\n\n"
                          "> [!question] Question\n> A woman asks for a repeat prescription.\n>\n"
                          "> Refuse and book a review.\n\n"
                          "> [!Question] During the past month, have you been bothered by\n"
                          "> - feeling down or hopeless?\n> - little interest in doing things?\n")
    assert found == [("A boy's right eye turns inwards. You cover his left eye. Which finding "
                      "fits a right esotropia?", "The right eye moves laterally to fix.")]


def test_a_highlight_that_asks_is_not_answered_by_the_next_highlight(tmp_path):
    found = qas(tmp_path, "# Tutorial 3\n\n> [!quote-blue] (Page 14) blue\n>\n"
                          "> What is binary fission?\n\n"
                          "> [!quote-blue] (Page 20) blue\n>\n> Early microbes made energy "
                          "without oxygen by simple chemical reactions.\n\n"
                          "> [!quote-blue] (Page 21) blue\n>\n> What do plasmids carry?\n>\n"
                          "> ---\n> Genes for antibiotic resistance.\n")
    assert found == [("What do plasmids carry?", "Genes for antibiotic resistance.")]


def test_a_question_heading_asking_two_things_is_answered_by_its_whole_short_section(tmp_path):
    found = qas(tmp_path, "# Statistics\n\n###### What do the terms bimodal and polymodal "
                          "mean?\n\nBimodal describes a distribution with two peaks.\n\n"
                          "> [!cite]-\n> [[Bimodal#^57fa83]]\n\nPolymodal describes a "
                          "distribution with several peaks.\n\n###### Why is the median robust?\n\n"
                          "Outliers move the mean, not the middle value.\n")
    assert found == [("What do the terms bimodal and polymodal mean?", "Bimodal describes a "
                      "distribution with two peaks.<br>Polymodal describes a distribution with "
                      "several peaks."),
                     ("Why is the median robust?", "Outliers move the mean, not the middle value.")]


def test_a_label_line_ending_in_a_colon_runs_on_into_its_line(tmp_path):
    found = qas(tmp_path, "# Statistics\n\n## How is the coefficient of variation worked out?"
                          "\n\nFormula:\nstandard deviation / mean × 100\n")
    assert found == [("How is the coefficient of variation worked out?",
                      "Formula: standard deviation / mean × 100")]
