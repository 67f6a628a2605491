"""Terms in the layouts of plain-text notes (issue 17, third round): names glossed in
brackets item by item, ``Name (ABBR): definition`` lines, a glossary entry opening a
paragraph of an exported document. Through the real pipeline; every example is written for
these tests, in the layouts slides, PDF exports and own notes use.
"""
from __future__ import annotations

from pathlib import Path

from test_term_rules import run as run_note
from test_term_rules import terms


def run(tmp_path: Path, text: str, name: str = "note.txt"):
    return run_note(tmp_path, text, name)


def test_list_items_that_are_each_a_name_and_its_gloss(tmp_path):
    note = ("Axons\n\n"
            "  • Extend farther than dendrites\n"
            "  • Parts\n"
            "      □ Initial segment (closest to soma, unmyelinated)\n"
            "      □ Nodes of Ranvier (unmyelinated segments along the axon)\n"
            "      □ Terminals, axon terminals, terminal buttons\n")
    found = terms(run(tmp_path, note))
    assert found["Initial segment"] == "Closest to soma, unmyelinated"
    assert found["Nodes of Ranvier"] == "Unmyelinated segments along the axon"


def test_glossed_items_in_markdown_with_an_article_and_parts_after_semicolons(tmp_path):
    note = ("# Writing\n\n- Graphemes (The smallest functional unit of a writing system)\n"
            "- Morphemes (the smallest unit of a word that carries meaning)\n"
            "- Autoreceptors (detect released transmitter); transporters (carry transmitter "
            "back across the membrane)\n")
    found = terms(run(tmp_path, note, "writing.md"))
    assert found["Graphemes"] == "The smallest functional unit of a writing system"
    assert found["Morphemes"] == "The smallest unit of a word that carries meaning"
    assert found["transporters"] == "Carry transmitter back across the membrane"


def test_a_lone_glossed_item_or_a_rating_in_brackets_is_no_term(tmp_path):
    note = ("# Exenatide\n\n- Side effects\n    - Acute pancreatitis (major side effect)\n"
            "    - Nausea (most common)\n    - Weight loss\n\n# Reading\n\n"
            "- Zotero (free software to manage your papers)\n- Read the abstract first\n")
    found = terms(run(tmp_path, note, "drugs.md"))
    assert not {"Acute pancreatitis", "Nausea", "Zotero"} & set(found)
    assert found["Side effects of Exenatide"].startswith("Acute pancreatitis (major side effect)")


def test_a_sentence_listing_glossed_names_after_include(tmp_path):
    note = ("Approaches\n\nContemporary approaches to decision making include evidence-based "
            "practice (use the best available evidence), crowdsourcing (ask a large group)\n"
            "and big data (unstructured data, real time from many sources).\n")
    found = terms(run(tmp_path, note))
    assert found["evidence-based practice"] == "Use the best available evidence"
    assert found["big data"] == "Unstructured data, real time from many sources"


def test_name_with_its_abbreviation_before_a_colon(tmp_path):
    note = ("Experiment\nThe purpose of an experiment is to create a controlled\n"
            "situation to test the hypothesis.\n"
            "Independent variable (IV): A manipulation (at least two\nconditions)\n"
            "Dependent variable (DV): A measurement, taken under each\ncondition\n"
            "Empirical question: Does the manipulation cause differences\n"
            "in the measurement?\n\n"
            "Advice\nAn example (not a guideline): A client who asks twice.\n"
            "A second example (rare): A client who never asks.\n")
    found = terms(run(tmp_path, note))
    assert found["Independent variable (IV)"] == "A manipulation (at least two conditions)"
    assert found["Dependent variable (DV)"] == "A measurement, taken under each condition"
    assert not any(name.startswith(("An example", "A second")) for name in found)


def test_a_glossary_entry_opening_a_paragraph_of_an_exported_document(tmp_path):
    prose = ("People weigh gains and losses differently, as every trader knows\n"
             "from experience, and the field has studied this for decades now.\n\n")
    note = ("Decisions\n\n" + prose +
            "Prospect Theory – a loss of X hurts twice as much as a gain of X. We hate losses a\n"
            "lot more! Traders hold losing positions far too long because of it.\n\n" + prose +
            "Mood also impacts – greatest impact on uncertain, ambiguous decisions. Positive\n"
            "mood leads to positive info remembered and more optimistic estimates.\n\n" + prose)
    found = terms(run(tmp_path, note))
    assert found["Prospect Theory"].startswith("A loss of X hurts twice as much as a gain of X.")
    assert not any(name.startswith("Mood") for name in found)


def test_is_a_with_a_symbol_in_brackets_or_a_clause_after_a_semicolon(tmp_path):
    note = ("Beer's law\n\nPath length (b) is the amount of solution that the beam passes\n"
            "through, in units of cm.\n\n"
            "Negligence\n\nA neighbour in law is anyone who is closely and directly affected by\n"
            "your actions; such that you should have thought of them when acting.\n\n"
            "A common misconception is that the court weighs intent; in fact it does not.\n")
    found = terms(run(tmp_path, note))
    assert found["Path length"] == ("The amount of solution that the beam passes through, in "
                                    "units of cm.")
    assert found["neighbour in law"].startswith("Anyone who is closely and directly affected")
    assert "common misconception" not in found


def test_a_list_item_wrapped_at_its_hanging_indent_is_one_item(tmp_path):
    # (a text browser's dump: the item's next line starts under its text, with any character)
    note = ("Blood\n\n"
            " 1. Blood is a tissue consisting of a fluid called plasma, in which the red\n"
            "    & white blood cells and platelets are suspended\n"
            " 2. Blood clotting is a series of enzyme-controlled reactions that convert\n"
            "    fibrinogen into fibrin, forming a network of fibres that trap blood\n"
            "    cells, forming a clot\n"
            " 3. Antigens are proteins on the surface of cells that identify the cell\n")
    found = terms(run(tmp_path, note))
    assert found["Blood"] == ("A tissue consisting of a fluid called plasma, in which the red "
                              "&amp; white blood cells and platelets are suspended")


def test_three_glossary_lines_in_a_row_inside_a_longer_list(tmp_path):
    note = ("The membrane includes the following components\n\n"
            "  • Transport proteins\n\n"
            "  • Responsible for moving molecules across cell membranes.\n\n"
            "  • Passive transport: movement of substances down their gradient\n"
            "  • Active transport: pumping substances against their gradient using energy\n"
            "  • Ion transport: regulation of ion flow to keep the charge balanced\n\n"
            "  • Receptor proteins\n\n"
            "  • Detect chemical signals from outside the cell.\n\n"
            "  • Take part in immune response and cell growth.\n\n"
            "  • Anchor proteins\n\n"
            "  • Help keep the cell in shape.\n")
    found = terms(run(tmp_path, note))
    assert found["Passive transport"] == "Movement of substances down their gradient"
    assert found["Ion transport"] == "Regulation of ion flow to keep the charge balanced"


def test_glosses_inside_a_bold_lead_definition_stay_part_of_it(tmp_path):
    note = ("# Integration\n\n- **The Nine Domains of Integration:** IPNB names nine areas where "
            "integration is sought, including consciousness, bilateral (left/right hemisphere), "
            "memory, narrative, vertical (body/brainstem/cortex), temporal (past/present/future), "
            "social, and relational integration.\n")
    found = terms(run(tmp_path, note, "ipnb.md"))
    assert list(found) == ["The Nine Domains of Integration"]


def test_a_bullet_naming_a_kind_then_saying_what_these_are(tmp_path):
    note = ("Misconceptions\n\nIt is useful to consider 3 broad categories of them, each with\n"
            "its own remedy in class, as the chapter explains at length below:\n\n"
            "  • Simple factual errors. These exist in isolation from any deeper\n"
            "    understanding. These are the easiest to correct.\n"
            "  • Broken models. These occur when inaccuracies explain relationships and\n"
            "    generate predictions in an existing mental model.\n"
            "  • Hypoglycemia means low glucose. It happens when blood glucose drops.\n")
    found = terms(run(tmp_path, note))
    assert found["Simple factual errors"] == ("These exist in isolation from any deeper "
                                              "understanding. These are the easiest to correct.")
    assert found["Broken models"].startswith("These occur when inaccuracies explain")
    assert not any(name.startswith("Hypoglycemia means") for name in found)


def test_a_word_list_of_lowercase_word_equals_gloss_lines_under_letter_dividers(tmp_path):
    # A vocabulary typed one entry a line: the lowercase headwords do not continue the line
    # before, and the letter over each run divides the list rather than starting a sentence.
    note = ("Welsh Words I Learnt This Week\n\n"
            "B\n"
            "bara = bread, as in bara brith\n"
            "bore = morning, early in the day\n"
            "bwrdd = table, board\n"
            "C\n"
            "cath = cat, a small cat\n"
            "ci = dog, hound\n")
    found = terms(run(tmp_path, note))
    assert found["bara"] == "Bread, as in bara brith"
    assert found["bore"] == "Morning, early in the day"
    assert found["cath"] == "Cat, a small cat"
    assert found["ci"] == "Dog, hound"
    assert not any(name.startswith(("B ", "C ")) for name in found)


def test_a_wiki_page_saved_as_text_headings_without_edit_links_and_formulas(tmp_path):
    # Every section heading of a wiki page saved as text ends in its "[edit]" link: the
    # heading names the section without it, and the page's tail (References) is dropped.
    # A formula the page's math became ("A ⟺ B = ...") is no "Term = definition" line.
    note = ("Tidal bore\n\nFrom Wikipedia, the free encyclopedia\n\n"
            "A tidal bore is a tidal phenomenon in which the leading edge of the incoming tide"
            " forms a wave of water that travels up a river.\n\n"
            "B  Bore ⟺ h i j = h j i ¯ {\\displaystyle B{\\text{ Bore}}\\quad \\iff \\\n"
            "quad h_{ij}={\\overline {h_{ji}}}} {\\displaystyle B{\\text{ Bore}}\\quad\n"
            "\\iff \\quad h_{ij}={\\overline {h_{ji}}}}\n\n"
            "Undular bore[edit]\n\n"
            "A gentle bore whose front is followed by a train of smooth waves.\n\n"
            "References[edit]\n\n"
            "Bore crest\n\nA name used in one old survey for the highest wave of a bore.\n")
    found = terms(run(tmp_path, note))
    assert found["Undular bore"] == "A gentle bore whose front is followed by a train of " \
                                    "smooth waves."
    assert not any("edit" in name or "⟺" in name for name in found)
    assert "Bore crest" not in found


def test_asciidoc_style_titles_and_attribute_lines_in_plain_text(tmp_path):
    # "= Title" after a blank line titles a section (AsciiDoc, a wiki's "== Title =="); a
    # line that is only an attribute in braces is the tool's markup. Text about the page
    # itself, a label over a link and a closing "See also" pointer define nothing.
    note = ("= Optics\n{wiki}\n\n"
            "= Refraction\n{parent=Optics}\n{wiki}\n\n"
            "The bending of light as it passes from one medium into another.\n\n"
            "= Optical\n{synonym}\n\n"
            "This section is more about <optics> in general.\n\n"
            "== Snell's law ==\n\n"
            "The rule relating the angles of incidence and refraction to the two media.\n\n"
            "It holds for every wavelength, with an index that depends on it. See also: "
            "<Hecht, Optics (1987)> page 101.\n\n"
            "= History of the Greek alphabet\n{parent=Optics}\n\n"
            "Descent from older alphabets: https://en.wikipedia.org/w/index.php?title="
            "History_of_the_Greek_script&oldid=1042752124#Descent_from_Egyptian_hieroglyphs\n")
    found = terms(run(tmp_path, note))
    assert found["Refraction"] == "The bending of light as it passes from one medium into " \
                                  "another."
    assert found["Snell's law"].startswith("The rule relating the angles")
    assert "See also" not in found["Snell's law"]
    assert "Optical" not in found and "History of the Greek alphabet" not in found
    assert not any("{" in name or "=" in name for name in found)


def test_a_quantity_named_over_its_formula_set_apart(tmp_path):
    # A model description or a science note names a quantity ("Heat absorbed is:") and sets
    # its formula apart under it; a clause before the name is no name.
    note = ("Calorimeter model\n\n"
            "Heat absorbed by the water is:\n\n"
            "   heatAbsorbed = waterMass * specificHeat * ( finalTemp - startTemp )\n\n"
            "When the lid is off, the heat lost is:\n\n"
            "   heatLost = 0.1 * heatAbsorbed\n")
    found = terms(run(tmp_path, note))
    assert "waterMass * specificHeat" in found["Heat absorbed by the water"]
    assert not any("lid" in name or "lost" in name.lower() for name in found)


def test_a_glossary_entry_closing_on_a_link_keeps_its_definition_without_it(tmp_path):
    # Docs glossaries end many entries with where to read more: the pointer goes, the
    # definition stays; an entry that is only a pointer gives nothing. "Extra reading" is a
    # page's tail, as "Further reading" is.
    note = ("Glossary\n========\n\n"
            "   WMO\n\tThe World Meteorological Organization is a United Nations agency that"
            " sets the standards for weather observations. See http://www.example.org/wmo\n\n"
            "   METAR\n\tSee http://www.example.org/metar\n\n"
            "Extra reading\n\n"
            "   Synop\n\tA coded surface weather report sent every three hours.\n")
    found = terms(run(tmp_path, note))
    assert found["WMO"] == "The World Meteorological Organization is a United Nations agency " \
                           "that sets the standards for weather observations."
    assert "METAR" not in found and "Synop" not in found
