"""Extractors: one focused test per rule and per trap, through the real pipeline.

Notes are written to tmp_path and run through ``notedeck.pipeline.extract_cards`` (read ->
parse -> clean -> extract -> cards), so each test checks what a user would get. All example
text is written for these tests.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from notedeck.pipeline import extract_cards


# ---------------------------------------------------------------- helpers

class Result:
    def __init__(self, extraction):
        self.extraction = extraction
        self.cards = extraction.cards
        self.rejected = [r for n in extraction.notes for r in n.rejected]
        self.diagnostics = extraction.all_diagnostics()

    def of(self, kind):
        return [c for c in self.cards if c.kind == kind]

    @property
    def terms(self) -> dict[str, str]:
        return {c.fields["term"]: c.fields["definition"] for c in self.of("term")}

    @property
    def myths(self) -> list[tuple[str, str]]:
        return [(c.fields["myth"], c.fields["reframe"]) for c in self.of("myth")]

    @property
    def acronyms(self) -> dict[str, list[str]]:
        return {c.fields["acronym"]: list(c.fields["expansion"]) for c in self.of("acronym")}

    @property
    def qas(self) -> list[tuple[str, str]]:
        return [(c.fields["question"], c.fields["answer"]) for c in self.of("qa")]


def run(tmp_path: Path, text: str, name: str = "note.md") -> Result:
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return Result(extract_cards([folder]))


def field_values(card):
    for value in card.fields.values():
        if isinstance(value, tuple):
            yield from value
        else:
            yield value


# ---------------------------------------------------------------- term rules

def test_bold_lead_bullets(tmp_path):
    r = run(tmp_path, "# Birds\n\n"
                      "- **Plumage:** the full coat of feathers on a bird.\n"
                      "- **Molt** — the yearly shedding of worn feathers.\n"
                      "- **Crest**: a tuft of feathers on the head.\n")
    assert r.terms == {"Plumage": "The full coat of feathers on a bird.",
                       "Molt": "The yearly shedding of worn feathers.",
                       "Crest": "A tuft of feathers on the head."}
    assert {c.rule for c in r.of("term")} == {"bold-lead"}
    assert [c.line for c in r.of("term")] == [3, 4, 5]


def test_bold_term_is_sentence(tmp_path):
    r = run(tmp_path, "# Birds\n\n**Crop** is a pouch in the throat that stores food. "
                      "It lets a bird eat fast. Pigeons use it to feed chicks.\n")
    assert r.terms == {"Crop": "A pouch in the throat that stores food. It lets a bird eat fast."}


def test_bold_term_opening_a_clause_after_the_comma(tmp_path):
    r = run(tmp_path, "# Birds\n\nIn the yearly cycle of most songbirds, **breeding** fills "
                      "the spring, and **moult** refers to the shedding of worn feathers.\n")
    assert r.terms == {"moult": "The shedding of worn feathers."}


def test_glossary_lines_in_a_list(tmp_path):
    r = run(tmp_path, "# Birds\n\n"
                      "- Syrinx — the voice organ at the base of the windpipe\n"
                      "- Gizzard – a muscular stomach that grinds food\n"
                      "- Keel - the ridge on the breastbone for flight muscles\n")
    assert r.terms == {"Syrinx": "The voice organ at the base of the windpipe",
                       "Gizzard": "A muscular stomach that grinds food",
                       "Keel": "The ridge on the breastbone for flight muscles"}
    assert {c.rule for c in r.of("term")} == {"glossary-line"}


def test_glossary_lines_as_plain_lines_in_markdown(tmp_path):
    r = run(tmp_path, "# Soil\n\nHumus — dark matter made from rotted plants.\n"
                      "Tilth — the crumbly state of worked soil.\n")
    assert r.terms == {"Humus": "Dark matter made from rotted plants.",
                       "Tilth": "The crumbly state of worked soil."}


def test_glossary_lines_in_plain_text_without_full_stops(tmp_path):
    r = run(tmp_path, "Soil Words\n\nHumus — dark matter made from rotted plants\n"
                      "Tilth — the crumbly state of worked soil\n"
                      "Loess — fine silt laid down by wind\n", name="soil.txt")
    assert r.terms == {"Humus": "Dark matter made from rotted plants",
                       "Tilth": "The crumbly state of worked soil",
                       "Loess": "Fine silt laid down by wind"}


def test_a_lone_dash_line_in_a_prose_list_is_not_a_glossary(tmp_path):
    r = run(tmp_path, "# Walks\n\n"
                      "- we walked to the marsh at dawn and listened for rails\n"
                      "- the path was muddy after a week of rain on the hills\n"
                      "- Herons - two stood still in the shallow water\n"
                      "- we left before the tide came up over the causeway\n")
    assert r.terms == {}


def test_definition_list(tmp_path):
    r = run(tmp_path, "# Birds\n\nPreen gland\n: An oil gland near the tail used in grooming.\n")
    assert r.terms == {"Preen gland": "An oil gland near the tail used in grooming."}
    assert r.of("term")[0].rule == "deflist" and r.of("term")[0].line == 3


def test_term_definition_table(tmp_path):
    r = run(tmp_path, "# Birds\n\n| Term | Definition |\n|---|---|\n"
                      "| Clutch | The set of eggs laid in one nesting |\n"
                      "| Brood patch | Bare skin a parent presses on the eggs |\n")
    assert r.terms == {"Clutch": "The set of eggs laid in one nesting",
                       "Brood patch": "Bare skin a parent presses on the eggs"}
    assert [c.line for c in r.of("term")] == [5, 6]


def test_heading_with_short_paragraph(tmp_path):
    r = run(tmp_path, "# Birds\n\n## Altricial\n\nHatched blind and helpless, needing care.\n")
    assert r.terms == {"Altricial": "Hatched blind and helpless, needing care."}
    (card,) = r.of("term")
    assert (card.rule, card.line, card.section) == ("heading", 3, "Altricial")


def test_heading_with_short_bullets(tmp_path):
    r = run(tmp_path, "# Birds\n\n## Precocial\n\n- hatched with open eyes\n"
                      "- able to leave the nest within hours\n")
    assert r.terms == {"Precocial": "Hatched with open eyes<br>able to leave the nest within hours"}


@pytest.mark.parametrize("heading, bullet, defines", [
    ("Ornithology", "The study of how birds use their wings, feet and voices", True),
    # a sentence about the topic, not its genus
    ("Timeline", "The history of bird keeping can be split into three eras", False),
])
def test_heading_over_a_bullet_naming_its_genus(tmp_path, heading, bullet, defines):
    r = run(tmp_path, f"# Birds\n\n## {heading}\n\n- {bullet}\n")
    assert r.terms.get(heading) == (bullet if defines else None)


def test_what_is_heading(tmp_path):
    r = run(tmp_path, "# Birds\n\n## What is a fledgling?\n\n"
                      "A young bird that has left the nest but cannot yet fly well.\n")
    (card,) = r.of("term")
    assert card.fields["term"].lower() == "fledgling"
    assert card.fields["definition"] == "A young bird that has left the nest but cannot yet fly well."
    assert card.rule == "what-is"


@pytest.mark.parametrize("sentence, term, definition", [
    ("Migration is defined as the seasonal journey of birds between two homes.",
     "Migration", "The seasonal journey of birds between two homes."),
    ("Caching refers to hiding food in many places for later.",
     "Caching", "Hiding food in many places for later."),
    ("The lek refers to a ground where males gather to display.",
     "lek", "A ground where males gather to display."),
])
def test_defined_as_and_refers_to(tmp_path, sentence, term, definition):
    r = run(tmp_path, f"# Birds\n\nSome notes from the field trip.\n\n{sentence}\n")
    assert {k.lower(): v for k, v in r.terms.items()} == {term.lower(): definition}
    assert r.of("term")[0].rule == "defined-as"


def test_long_name_abbr_is(tmp_path):
    r = run(tmp_path, "# Birds\n\nBreeding Bird Survey (BBS) is a yearly roadside count of "
                      "nesting birds.\n")
    assert r.terms == {"Breeding Bird Survey": "A yearly roadside count of nesting birds."}
    assert r.acronyms == {"BBS": ["Breeding", "Bird", "Survey"]}


def test_section_heading_over_long_prose_gives_no_term(tmp_path):
    prose = " ".join([
        "Feathers appeared in small dinosaurs long before flight.",
        "They probably kept the animals warm and helped them court.",
        "Later, longer vanes on the arms made gliding possible.",
        "Several lines of evidence, from fossils to growth studies, point the same way.",
        "Powered flight then evolved with a keeled breastbone and hollow bones.",
        "Each of these steps took millions of years and left traces in the rocks.",
    ] * 2)
    r = run(tmp_path, f"# Birds\n\n## Flight Evolution\n\n{prose}\n")
    assert r.terms == {}
    assert any("gave no card" in d.message for d in r.diagnostics)


_LONG_TAIL = " ".join(["The axes are labelled in the legend below the chart."] * 6)


@pytest.mark.parametrize("heading, sentence", [
    ("Survival graph", "The survival graph shows how many birds live to each age."),
    ("VRFY", "VRFY can be used to ask the mail server whether an address exists."),
    ("Subnet mask", "The subnet mask tells you which bits of an address name the network."),
])
def test_heading_over_long_prose_that_says_what_it_does(tmp_path, heading, sentence):
    r = run(tmp_path, f"# Birds\n\n## {heading}\n\n{sentence} {_LONG_TAIL}\n")
    assert r.terms == {heading: sentence}


@pytest.mark.parametrize("sentence", [
    "Group work can feel uncomfortable at first for many of the learners.",
    "Vitamin deficiency can cause serious problems across the whole body.",
    "In Wireshark, certificates can be filtered by the address of the access point.",
])
def test_heading_over_long_prose_that_judges_or_frames_it_gives_no_term(tmp_path, sentence):
    name = "Wireshark" if "Wireshark" in sentence else " ".join(sentence.split()[:2])
    r = run(tmp_path, f"# Birds\n\n## {name}\n\n{sentence} {_LONG_TAIL}\n")
    assert name not in r.terms


@pytest.mark.parametrize("label", ["Overview", "Key Terms", "Summary", "Examples"])
def test_label_headings_are_not_terms(tmp_path, label):
    r = run(tmp_path, f"# Birds\n\n## {label}\n\nBirds are feathered animals that lay eggs.\n")
    assert label not in r.terms


# ---------------------------------------------------------------- myth rules

@pytest.mark.parametrize("myth_header, truth_header", [
    ("Myth", "Reframe"), ("Misconception", "Reality"), ("Myth", "Fact"),
    ("Common Myth", "The Truth"), ("Misconceptions", "Correction"),
])
def test_myth_tables_and_header_synonyms(tmp_path, myth_header, truth_header):
    r = run(tmp_path, f"# Bees\n\n| {myth_header} | {truth_header} |\n|---|---|\n"
                      "| Bees die after every sting they give | Only honeybee workers die "
                      "after stinging mammals |\n"
                      "| All bees live in big hives | Most bee species nest alone in soil |\n")
    assert r.myths == [
        ("Bees die after every sting they give", "Only honeybee workers die after stinging mammals"),
        ("All bees live in big hives", "Most bee species nest alone in soil")]
    assert [c.line for c in r.of("myth")] == [5, 6]
    assert r.terms == {}


def test_myth_table_without_separator_row_in_plain_text(tmp_path):
    r = run(tmp_path, "Bee Facts\n\n| Myth | Reframe |\n"
                      "| Bees die after every sting they give | Only honeybee workers die "
                      "after stinging mammals |\n", name="bees.txt")
    assert r.myths == [("Bees die after every sting they give",
                        "Only honeybee workers die after stinging mammals")]


def test_other_tables_give_no_myths(tmp_path):
    r = run(tmp_path, "# Bees\n\n| Caste | Job |\n|---|---|\n"
                      "| Worker bees of the hive | Forage for nectar and pollen all day |\n")
    assert r.myths == []


def test_myth_table_cells_never_become_term_definitions(tmp_path):
    r = run(tmp_path, "# Ponds\n\n| Myth | Fact |\n|---|---|\n"
                      "| **Ponds** are just stagnant water | Ponds hold more species per area "
                      "than many lakes |\n")
    assert r.myths == [("<b>Ponds</b> are just stagnant water",
                        "Ponds hold more species per area than many lakes")]
    assert r.terms == {}


@pytest.mark.parametrize("text", [
    "Myth: Honey goes bad on the shelf after a year.\nTruth: Sealed honey keeps for "
    "many years.\n",
    "- Myth: Honey goes bad on the shelf after a year.\n- Fact: Sealed honey keeps for "
    "many years.\n",
    "Myth — Honey goes bad on the shelf after a year.\nReality — Sealed honey keeps for "
    "many years.\n",
])
def test_myth_and_truth_lines(tmp_path, text):
    r = run(tmp_path, "# Honey\n\n" + text)
    assert r.myths == [("Honey goes bad on the shelf after a year.",
                        "Sealed honey keeps for many years.")]
    assert r.of("myth")[0].line == 3


@pytest.mark.parametrize("text, myth, reframe", [
    ("A common misconception is that bees make honey from pollen. In fact they make it "
     "from flower nectar.",
     "Bees make honey from pollen.", "They make it from flower nectar."),
    ("Some assume wasps and bees are one insect; in fact they belong to separate families.",
     "Wasps and bees are one insect", "They belong to separate families."),
    ("The drone is often confused with the worker bee; drones are males that never forage.",
     "The drone is often confused with the worker bee", "Drones are males that never forage."),
    ("It is a myth that the queen rules the hive. The workers make most colony decisions.",
     "The queen rules the hive.", "The workers make most colony decisions."),
])
def test_prose_misconceptions(tmp_path, text, myth, reframe):
    r = run(tmp_path, f"# Bees\n\n{text}\n")
    assert r.myths == [(myth, reframe)]
    assert r.of("myth")[0].rule == "myth-prose"


def test_ordinary_prose_gives_no_myth(tmp_path):
    r = run(tmp_path, "# Bees\n\nMany people think bees are lovely. Bees visit flowers all "
                      "day in summer.\n")
    assert r.myths == []


# ---------------------------------------------------------------- acronym rules

def test_acronym_from_bold_initials(tmp_path):
    r = run(tmp_path, "# Goals\n\nGood goals are **C**lear, **A**ctionable and **T**imed.\n")
    assert r.acronyms == {"CAT": ["Clear", "Actionable", "Timed"]}
    assert r.of("acronym")[0].rule == "bold-initials"


def test_acronym_stands_for_list(tmp_path):
    r = run(tmp_path, "# Goals\n\nGROW stands for Goal, Reality, Options, and Will, a "
                      "coaching sequence.\n")
    assert r.acronyms == {"GROW": ["Goal", "Reality", "Options", "Will"]}
    assert r.of("acronym")[0].rule == "stands-for"


@pytest.mark.parametrize("sentence, abbr, words", [
    ("Work in Interpersonal Neurobiology (IPNB) links mind and brain.",
     "IPNB", ["Interpersonal", "Neurobiology"]),
    ("Studies of Polyvagal Theory (PVT) are growing.", "PVT", ["Polyvagal", "Theory"]),
    ("Counts by the British Trust for Ornithology (BTO) run every year.",
     "BTO", ["British", "Trust", "Ornithology"]),
])
def test_acronym_long_name_then_abbr_incl_compound_words(tmp_path, sentence, abbr, words):
    r = run(tmp_path, f"# Notes\n\n{sentence}\n")
    assert r.acronyms == {abbr: words}
    assert r.of("acronym")[0].rule == "long-name-abbr"


def test_acronym_abbr_then_long_name(tmp_path):
    r = run(tmp_path, "# Therapy\n\nClinicians often start with CBT (Cognitive Behavioral "
                      "Therapy) for worry.\n")
    assert r.acronyms == {"CBT": ["Cognitive", "Behavioral", "Therapy"]}
    assert r.of("acronym")[0].rule == "abbr-long-name"


def test_cross_reference_in_parentheses_is_not_an_expansion(tmp_path):
    r = run(tmp_path, "# Integration\n\n- **Harmonizing Parts (IFS):** bringing inner parts "
                      "into one working whole.\n")
    assert "IFS" not in r.acronyms
    assert not any("Harmonizing" in " ".join(v) for v in r.acronyms.values())
    reasons = [x.reason for x in r.rejected if x.kind == "acronym" and x.text == "IFS"]
    assert reasons and any("Harmonizing" in reason for reason in reasons)


def test_cross_reference_with_real_expansion_elsewhere(tmp_path):
    r = run(tmp_path, "# Integration\n\n- **Harmonizing Parts (IFS):** bringing inner parts "
                      "together echoes **Internal Family Systems (IFS)** and its aims.\n")
    assert r.acronyms == {"IFS": ["Internal", "Family", "Systems"]}


def test_all_caps_token_never_expanded_gives_no_card_but_a_rejection(tmp_path):
    r = run(tmp_path, "# Tools\n\nI asked an LLM about the ZEPHYRA brand of binoculars.\n")
    assert r.acronyms == {}
    rejected = {x.text: x.reason for x in r.rejected if x.kind == "acronym"}
    assert "LLM" in rejected and "ZEPHYRA" in rejected
    assert "no expansion" in rejected["LLM"]


# ---------------------------------------------------------------- Q/A

def test_qa_pairs(tmp_path):
    r = run(tmp_path, "# Rivers\n\nQ: What carves a canyon over time?\n"
                      "A: Running water and the grit it carries.\n\n"
                      "Question: Where does a delta form?\n\n"
                      "Answer: where a river slows as it meets the sea.\n")
    assert r.qas == [("What carves a canyon over time?", "Running water and the grit it carries."),
                     ("Where does a delta form?", "Where a river slows as it meets the sea.")]
    assert [c.line for c in r.of("qa")] == [3, 6]


def test_qa_pairs_in_plain_text(tmp_path):
    r = run(tmp_path, "River Questions\n\nQ: What carves a canyon over time?\n\n"
                      "A: Running water and the grit it carries.\n\n"
                      "Q: Where does a delta form?\n\nA: Where a river slows at the sea.\n",
            name="rivers.txt")
    assert r.qas == [("What carves a canyon over time?", "Running water and the grit it carries."),
                     ("Where does a delta form?", "Where a river slows at the sea.")]
    assert [c.line for c in r.of("qa")] == [3, 7]


def test_last_answer_stops_at_the_end_of_its_block(tmp_path):
    r = run(tmp_path, "# Tides\n\nQ: What causes tides?\nA: Mostly the pull of the moon.\n\n"
                      "Spring tides are the largest of the month and come with new moons.\n\n"
                      "- Neap tides are the smallest.\n")
    assert r.qas == [("What causes tides?", "Mostly the pull of the moon.")]


# ---------------------------------------------------------------- cleaning

RESEARCH = """River Systems

A river basin gathers rain from the land around it. 1 Sediment refers to loose grains \
of sand and silt carried by moving water, often 3 m deep in a flood. 2 Deltas build out \
where a river slows at the sea. LLM The Nile delta is a classic case. 1

Floodplain
The flat ground beside a channel that floods in wet years. 2
"""


def test_citation_markers_stripped_in_a_research_note(tmp_path):
    r = run(tmp_path, RESEARCH, name="rivers.txt")
    assert r.terms == {
        "Sediment": "Loose grains of sand and silt carried by moving water, often 3 m deep "
                    "in a flood.",
        "Floodplain": "The flat ground beside a channel that floods in wet years."}
    assert "LLM" not in r.acronyms


def test_numbers_in_an_ordinary_note_are_kept(tmp_path):
    r = run(tmp_path, "# Levees\n\n## Levee\n\nA raised bank along a river. One failed in "
                      "1927. 12 towns lay under water.\n")
    assert r.terms == {"Levee": "A raised bank along a river. One failed in 1927. "
                                "12 towns lay under water."}


BOILER_MD = """# Wetland Habitats

## Marsh

A wetland full of soft-stemmed grasses and reeds.

This site uses cookies to improve your visit.

## About the Author

### Casey Morgan

Casey writes field guides about ponds and marshes.

## References

- **Lee, R.:** Wet Places, published by River Press.
- **Peat and Moss:** a book by M. Diaz, Fen Books.

## Leave a comment

**Name:** your name goes in this box.

**Copyright** © 2024 Marsh Media. All rights reserved.
"""

BOILER_TXT = """Wetland Habitats

Wetlands are places where water covers the soil for much of the year.

Marsh
A wetland full of soft-stemmed grasses and reeds.

Bog
A spongy wetland where peat builds up from dead moss.

Fen
A peat wetland fed by mineral-rich ground water.

Swamp
A wetland where trees and shrubs grow in standing water.

We use cookies to remember your settings on this site.

About the Author

Casey Morgan
Casey writes field guides about ponds and marshes.

References

  • Lee, R. (2011). Wet Places. River Press.
  • Diaz, M. (2015). Peat and Moss. Fen Books.

© 2024 Marsh Media is a publisher of field guides.

Leave a comment

Name
Your name goes in this box.
"""


def test_boilerplate_gives_no_card_markdown(tmp_path):
    r = run(tmp_path, BOILER_MD)
    assert r.terms == {"Marsh": "A wetland full of soft-stemmed grasses and reeds."}
    assert len(r.cards) == 1


def test_boilerplate_gives_no_card_plain_text(tmp_path):
    r = run(tmp_path, BOILER_TXT, name="wetlands.txt")
    assert set(r.terms) == {"Wetlands", "Marsh", "Bog", "Fen", "Swamp"}
    assert len(r.cards) == 5
    assert not any("cookies" in v or "Casey" in v or "Marsh Media" in v
                   for c in r.cards for v in field_values(c))


def test_boilerplate_on_a_short_plain_page(tmp_path):
    short = BOILER_TXT.replace("Fen\nA peat wetland fed by mineral-rich ground water.\n\n"
                               "Swamp\nA wetland where trees and shrubs grow in standing "
                               "water.\n\n", "")
    r = run(tmp_path, short, name="wetlands.txt")
    assert set(r.terms) == {"Wetlands", "Marsh", "Bog"}


def test_a_numbered_acknowledgement_section_gives_no_card(tmp_path):
    # a report's or a paper's numbered sections end in "3. Acknowledgement": no term
    note = ("1. Peat bogs\n\nA peat bog is a wetland that accumulates peat from dead moss."
            "\n\n2. Fens\n\nA fen is a peat wetland fed by mineral-rich ground water.\n\n"
            "3. Acknowledgement\n\nWarm thanks to the park rangers for the site visits.\n")
    r = run(tmp_path, note, name="peat.txt")
    assert "Acknowledgement" not in r.terms
    assert not any("rangers" in v for c in r.cards for v in field_values(c))


# ---------------------------------------------------------------- de-duplication

def test_same_term_twice_in_a_note_gives_one_card(tmp_path):
    r = run(tmp_path, "# Soil\n\n- **Humus:** dark organic matter in soil.\n\n## More\n\n"
                      "- **The humus:** rotted plant material that enriches topsoil.\n\n"
                      "Humus\n: Organic matter again, as a definition list.\n")
    humus = [c for c in r.of("term") if c.key == "humus"]
    assert len(humus) == 1
    assert humus[0].fields["definition"] == "Dark organic matter in soil."
    assert len({c.guid for c in r.cards}) == len(r.cards)


def test_same_acronym_twice_gives_one_card(tmp_path):
    r = run(tmp_path, "# Birds\n\nThe British Trust for Ornithology (BTO) runs counts. "
                      "Later the BTO (British Trust for Ornithology) also rings birds.\n")
    assert r.acronyms == {"BTO": ["British", "Trust", "Ornithology"]}


# ---------------------------------------------------------------- field hygiene

SINK = """---
title: üß† Pond Life
tags: [ponds]
---
# üß† Pond Life

## üß© Core Terms

- **[[Duckweed_Note|Duckweed]]:** a tiny ==floating== plant that covers still water ‚Äî fast.
- **Pond skater** — an insect that walks on the [[Surface_Tension]] of water.
- __Plankton__: drifting life too small to swim against a current.
- **Algal bloom:** a sudden burst of algae growth when it‚Äôs warm.
  - **Nitrate:** a nutrient from fertiliser that feeds algae.

**Tadpole** is the water-living larva of a frog or toad, it‚Äôs *gilled* at first.

Caddisfly
: An insect whose larva builds a case from **sand** and twigs.

| Term | Definition |
|---|---|
| **Newt** | A small amphibian with a [[Tail_Note|tail]] as an adult |

## Leaf Litter

- fallen leaves that sink to the bottom
- food for ==shredders== like [[Caddisfly]] larvae

Myth: Frogs give you *warts* when touched.
Truth: Warts come from a human virus, not from **frogs**.

Q: Why do ponds turn green in summer?
A: Warm water and ==nutrients== let algae grow ‚Äî fast.

## Survey Groups

The Pond Conservation Trust (PCT) surveys ponds. We count **N**ewts, **E**fts and **T**oads.
"""

# markup a card may carry: emphasis, highlights, line breaks, a reverse card's masked term
_RAW = re.compile(r"\*\*|__|\[\[|\]\]|==|^\s*[-*+] |^#|<script|"
                  r"</?(?!b>|i>|br>|/b>|/i>|mark>|span class=\"cloze\">|span>)\w")
_MOJIBAKE = re.compile(r"‚Ä|Ã|Â|â€|üß|Ã©|Ã¨")


def assert_clean(cards):
    assert cards
    for card in cards:
        for value in field_values(card):
            assert not _RAW.search(value), (card.kind, value)
            assert not _MOJIBAKE.search(value), (card.kind, value)
            assert value == value.strip()


def test_no_field_carries_markdown_or_mojibake(tmp_path):
    r = run(tmp_path, SINK)
    assert_clean(r.cards)
    assert r.terms["Duckweed"] == "A tiny <mark>floating</mark> plant that covers still water — fast."
    assert r.terms["Pond skater"] == "An insect that walks on the Surface_Tension of water."
    assert r.terms["Plankton"] == "Drifting life too small to swim against a current."
    assert r.terms["Algal bloom"] == "A sudden burst of algae growth when it’s warm."
    assert r.terms["Tadpole"].startswith("The water-living larva")
    assert "<i>gilled</i>" in r.terms["Tadpole"]
    assert r.terms["Caddisfly"] == "An insect whose larva builds a case from <b>sand</b> and twigs."
    assert r.terms["Newt"] == "A small amphibian with a tail as an adult"
    assert r.myths == [("Frogs give you <i>warts</i> when touched.",
                        "Warts come from a human virus, not from <b>frogs</b>.")]
    assert r.qas[0][1].startswith("Warm water and <mark>nutrients</mark> let algae grow — fast.")
    assert r.acronyms == {"PCT": ["Pond", "Conservation", "Trust"],
                          "NET": ["Newts", "Efts", "Toads"]}
    assert r.of("term")[0].note_title == "🧠 Pond Life"


def test_no_field_carries_markup_in_plain_text_notes(tmp_path):
    r = run(tmp_path, "Pond Words\n\nDuckweed\nA tiny plant that floats on still water.\n\n"
                      "  • Pond skater — an insect that walks on water\n"
                      "  • Water boatman — an insect that swims on its back\n\n"
                      "Myth: Frogs give you warts when touched.\n"
                      "Truth: Warts come from a human virus, not from frogs.\n",
            name="pond.txt")
    assert_clean(r.cards)
    assert set(r.terms) == {"Duckweed", "Pond skater", "Water boatman"}


def test_highlight_in_an_otherwise_plain_note_is_not_kept(tmp_path):
    r = run(tmp_path, "Estuaries\n\nBrackish water\nWater that is ==partly salty== from "
                      "mixing at the coast.\n", name="estuary.txt")
    assert r.terms == {"Brackish water": "Water that is partly salty from mixing at the coast."}


@pytest.mark.parametrize("name", ["safety.md", "safety.txt"])
def test_script_and_angle_brackets_come_out_escaped(tmp_path, name):
    text = ("Safety Notes\n\n"
            "Comparison\nThe claim a < b holds when a is smaller <script>alert(1)</script> than b.\n\n"
            "Ampersand\nThe sign & joins <b>two</b> words together.\n")
    if name.endswith(".md"):
        text = "# " + text.replace("Comparison\n", "## Comparison\n\n").replace(
            "Ampersand\n", "## Ampersand\n\n")
    r = run(tmp_path, text, name=name)
    comp = r.terms["Comparison"]
    assert "a &lt; b" in comp
    assert "<script" not in comp and "</script" not in comp
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in comp
    amp = r.terms["Ampersand"]
    assert "&amp;" in amp and "<b>" not in amp.replace("&lt;b&gt;", "")
    for card in r.cards:
        for value in field_values(card):
            assert "<script" not in value.lower()


def test_script_block_in_markdown_never_reaches_a_card(tmp_path):
    r = run(tmp_path, "# Safety\n\n<script>alert('x')</script>\n\n"
                      "- **Guard:** a check that <script>alert(2)</script> stays text.\n")
    assert r.terms == {"Guard": "A check that &lt;script&gt;alert(2)&lt;/script&gt; stays text."}
