"""List cards: sets a note introduces as things to know, and the lists that are not.

Every note here is written for these tests and run through the real pipeline
(``notedeck.pipeline.extract_cards``): Markdown notes as ``.md``, plain-text notes as ``.txt``
(rewritten by ``plaintext.py`` first).
"""
from __future__ import annotations

from pathlib import Path

from notedeck.anki.notetypes import list_fields
from notedeck.pipeline import extract_cards


class Result:
    def __init__(self, extraction):
        self.cards = extraction.cards
        self.rejected = [r for n in extraction.notes for r in n.rejected if r.kind == "list"]

    @property
    def lists(self):
        return [c for c in self.cards if c.kind == "list"]

    def prompts(self) -> list[str]:
        return [c.fields["prompt"] for c in self.lists]

    def one(self):
        assert len(self.lists) == 1, [(c.fields["prompt"], c.fields["items"]) for c in self.lists]
        return self.lists[0]


def run(tmp_path: Path, text: str, name: str = "note.md") -> Result:
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return Result(extract_cards([folder]))


# ---------------------------------------------------------------- accepted forms

def test_count_in_the_sentence_before_the_list(tmp_path):
    card = run(tmp_path, """# Embryology

Every organ traces back to one of 3 germ layers that form in the third week:

- Ectoderm
- Mesoderm
- Endoderm
""").one()
    assert card.fields["prompt"] == "Name the 3 germ layers that form in the third week"
    assert card.fields["items"] == ("Ectoderm", "Mesoderm", "Endoderm")
    assert card.rule == "list-intro"
    assert card.key == "germ layers that form in the third week"
    assert 0.6 <= card.confidence <= 0.8


def test_number_word_and_labelled_items_give_only_the_labels(tmp_path):
    card = run(tmp_path, """# Group Work

Tuckman proposed four stages of team development:

- **Forming:** members are polite and unsure of the task.
- **Storming:** disagreements surface as roles are tested.
- **Norming:** the group settles on shared rules.
- **Performing:** energy goes into the work itself.
""").one()
    assert card.fields["prompt"] == "Name the 4 stages of team development"
    assert card.fields["items"] == ("Forming", "Storming", "Norming", "Performing")


def test_collective_noun_and_colon_right_before_the_list(tmp_path):
    card = run(tmp_path, """# Sleep

Sleep is not one state. The main stages of sleep are:

- Light sleep
- Deep sleep
- REM sleep

Adults cycle through them several times a night.
""").one()
    # no count in the sentence: the count is the number of items
    assert card.fields["prompt"] == "Name the 3 main stages of sleep"
    assert card.fields["items"] == ("Light sleep", "Deep sleep", "REM sleep")
    assert card.key == "main stages of sleep"


def test_heading_naming_the_set_directly_over_the_list(tmp_path):
    card = run(tmp_path, """# Study Skills

## Pillars of Retrieval Practice

- Spacing sessions apart
- Mixing topics within a session
- Checking answers after each attempt

## Notes on Timing

Short daily sessions beat one long weekend session.
""").one()
    assert card.rule == "list-heading"
    assert card.fields["prompt"] == "Name the 3 pillars of retrieval practice"
    assert card.fields["items"] == ("Spacing sessions apart", "Mixing topics within a session",
                                    "Checking answers after each attempt")
    assert card.section == "Pillars of Retrieval Practice"


def test_heading_over_numbered_sub_headings_in_plain_text(tmp_path):
    card = run(tmp_path, """Cell Division Basics

Some notes on how a cell splits its copied chromosomes between two daughter cells.

Phases of Mitosis

Biologists divide mitosis into four phases, each with a visible marker under the microscope.

1. Prophase

Chromosomes condense and the spindle begins to form.

2. Metaphase

Chromosomes line up along the middle of the cell.

3. Anaphase

Sister chromatids are pulled to opposite poles.

4. Telophase

New nuclear envelopes form around each set of chromosomes.
""", name="mitosis.txt").one()
    assert card.rule == "list-heading"
    assert card.fields["prompt"] == "Name the 4 phases of mitosis"
    assert card.fields["items"] == ("Prophase", "Metaphase", "Anaphase", "Telophase")


def test_lead_with_a_count_over_numbered_sub_headings_in_plain_text(tmp_path):
    card = run(tmp_path, """Notes on Soil

Why Soil Matters

Agronomists watch three soil properties that decide what a field can grow:

1. Texture

The mix of sand, silt and clay.

2. Structure

How the particles clump into crumbs and blocks.

3. Organic Matter

Decayed plant and animal material that feeds the soil life.
""", name="soil.txt").one()
    assert card.rule == "list-intro"
    assert card.fields["prompt"] == "Name the 3 soil properties that decide what a field can grow"
    assert card.fields["items"] == ("Texture", "Structure", "Organic Matter")


def test_numbered_items_each_with_its_own_explanation_in_plain_text(tmp_path):
    # plain text turns each numbered line into its own list, with a paragraph in between
    card = run(tmp_path, """Ethics Seminar

The Core Ideas

The report rests on three key principles for research with people:

1. Respect people as able to decide for themselves.

Consent must be informed and freely given.

2. Do good and avoid harm.

Risks are weighed against the expected benefits.

3. Share burdens and benefits fairly.

No group should carry the risks while others reap the results.
""", name="ethics.txt").one()
    assert card.fields["prompt"] == "Name the 3 key principles for research with people"
    assert card.fields["items"] == ("Respect people as able to decide for themselves",
                                    "Do good and avoid harm", "Share burdens and benefits fairly")


def test_lead_with_a_count_over_as_many_following_headings_in_plain_text(tmp_path):
    card = run(tmp_path, """Glaciers

How Ice Moves

Glaciologists distinguish two kinds of glacier flow:

Internal Flow

Ice crystals deform and slide past each other under their own weight.

Basal Flow

The whole glacier slides over a film of meltwater at its bed.

Where Glaciers Form

Snow must outlast the summer for many years in a row.
""", name="glaciers.txt").one()
    assert card.fields["prompt"] == "Name the 2 kinds of glacier flow"
    assert card.fields["items"] == ("Internal Flow", "Basal Flow")


def test_lead_over_numbered_sub_headings_naming_a_model_in_quotes(tmp_path):
    card = run(tmp_path, """# Nutrition

## The Plate Model

The “Balanced Plate” divides a meal between:

### 1. Vegetables

Half the plate, in as many colours as you can.

### 2. Whole Grains

A quarter of the plate.

### 3. Protein

The last quarter.
""").one()
    assert card.fields["prompt"] == "Name the 3 components of the Balanced Plate"
    assert card.fields["items"] == ("Vegetables", "Whole Grains", "Protein")


def test_heading_with_versus_over_two_introduced_lists(tmp_path):
    result = run(tmp_path, """# Training Load

## Signs of Adaptation vs. Overtraining

When training is working, athletes tend to notice:

- Steady resting heart rate
- Better sleep
- Rising performance

When load outpaces recovery, they may notice:

- Persistent fatigue
- Irritability
- Falling performance
""")
    assert result.prompts() == ["Name the 3 signs of adaptation", "Name the 3 signs of overtraining"]
    assert [c.fields["items"][0] for c in result.lists] == ["Steady resting heart rate",
                                                            "Persistent fatigue"]


def test_count_with_its_enumeration_in_one_sentence(tmp_path):
    card = run(tmp_path, """# Colour

Painters work from three primary colours: red, yellow, and blue. Mixing two of them gives a
secondary colour.
""").one()
    assert card.rule == "list-inline"
    assert card.fields["prompt"] == "Name the 3 primary colours"
    assert card.fields["items"] == ("red", "yellow", "blue")


def test_bold_label_names_the_set_of_an_inline_enumeration(tmp_path):
    card = run(tmp_path, """# Geology

- **The Three Rock Types:** geologists sort every rock into three groups by origin, namely igneous, sedimentary and metamorphic.
- **Erosion:** the wearing away of rock by water, wind and ice over long periods of time.
""").one()
    assert card.fields["prompt"] == "Name the 3 rock types"
    assert card.fields["items"] == ("igneous", "sedimentary", "metamorphic")


def test_long_item_is_cut_to_its_first_clause(tmp_path):
    card = run(tmp_path, """# Learning

Three desirable difficulties:

- Spacing, which spreads practice over days instead of cramming it
- Interleaving
- Testing yourself before you feel ready
""").one()
    assert card.fields["items"] == ("Spacing", "Interleaving",
                                    "Testing yourself before you feel ready")


def test_items_keep_their_order_and_html_is_escaped(tmp_path):
    card = run(tmp_path, """# Chemistry

The four steps of the lab check are:

- Weigh < 5 g
- Dissolve in water
- Heat & stir
- Record the colour
""").one()
    assert card.fields["items"] == ("Weigh &lt; 5 g", "Dissolve in water", "Heat &amp; stir",
                                    "Record the colour")
    assert card.fields["prompt"] == "Name the 4 steps of the lab check"


def test_prompt_count_is_the_number_of_items(tmp_path):
    result = run(tmp_path, """# Botany

## Plant Tissues

Key tissue systems:

- Dermal tissue
- Ground tissue

## Leaf Parts

Core leaf components:

- Blade
- Petiole
- Stipules
- Veins
- Midrib
""")
    assert result.prompts() == ["Name the 2 key tissue systems", "Name the 5 core leaf components"]
    for card in result.lists:
        n = int(card.fields["prompt"].split()[2])
        assert n == len(card.fields["items"])


def test_one_card_per_list_when_heading_and_lead_both_name_it(tmp_path):
    card = run(tmp_path, """# Ecology

## Levels of Ecological Organisation

There are four levels of ecological organisation:

- Organism
- Population
- Community
- Ecosystem
""").one()
    assert card.fields["items"] == ("Organism", "Population", "Community", "Ecosystem")


def test_list_card_fields_build_a_cloze_note(tmp_path):
    card = run(tmp_path, """# Sleep

The main stages of sleep are:

- Light sleep
- Deep sleep
- REM sleep
""").one()
    field, numbers = list_fields(card.fields["items"])
    assert numbers == (1, 2, 3, 4)
    assert "{{c2::Light sleep}}" in field and "{{c4::REM sleep}}" in field


# ---------------------------------------------------------------- rejected lists

def test_list_without_a_set_intro_gives_no_card(tmp_path):
    result = run(tmp_path, """# Journal

Things I tried this week:

- Walking after lunch
- Reading before bed

A good friend can:

- Listen without fixing
- Remember small details
- Show up on hard days
""")
    assert result.lists == []


def test_items_that_are_long_sentences_are_refused(tmp_path):
    result = run(tmp_path, """# Memory

Two key principles:

- Retrieval strengthens a memory more than rereading does, because recalling an answer rebuilds the path to it each time.
- Forgetting between sessions is useful, since effortful recall after a delay leaves a more durable trace than easy recall.
""")
    assert result.lists == []
    assert any("long sentences" in r.reason for r in result.rejected)


def test_a_single_item_is_no_set(tmp_path):
    result = run(tmp_path, """# Optics

The key principles:

- Light travels in straight lines
""")
    assert result.lists == []


def test_more_than_twelve_items_is_no_card(tmp_path):
    items = "\n".join(f"- Element {n}" for n in range(1, 15))
    result = run(tmp_path, f"# Chemistry\n\nThe core elements:\n\n{items}\n")
    assert result.lists == []


def test_glossary_without_a_count_gives_term_cards_not_a_list(tmp_path):
    result = run(tmp_path, """# Economics

## Core Concepts

- **Opportunity cost:** the value of the best alternative you give up.
- **Marginal benefit:** the extra gain from one more unit of something.
- **Scarcity:** wanting more than the available resources can supply.
""")
    assert result.lists == []
    assert {c.fields["term"] for c in result.cards if c.kind == "term"} >= {
        "Opportunity cost", "Marginal benefit", "Scarcity"}


def test_dash_glossary_under_a_collective_lead_gives_no_list(tmp_path):
    result = run(tmp_path, """Astronomy Notes

Key Features

Useful features of the night sky:

- Ecliptic — the path the sun appears to take across the sky over a year.
- Zenith — the point directly above the observer.
- Meridian — the line from north to south through the zenith.
""", name="sky.txt")
    assert result.lists == []


def test_count_that_does_not_match_the_items_gives_no_card(tmp_path):
    result = run(tmp_path, """# Climate

The three main greenhouse gases are:

- Carbon dioxide
- Methane
- Nitrous oxide
- Water vapour
""")
    assert result.lists == []
    assert any("says 3" in r.reason for r in result.rejected)


def test_references_and_links_are_no_set(tmp_path):
    result = run(tmp_path, """# Reading

Core texts for the three components:

- Baddeley, A. (2000). The episodic buffer. Trends in Cognitive Sciences.
- Cowan, N. (2001). The magical number 4. Behavioral and Brain Sciences.
- Miller, G. A. (1956). The magical number seven. Psychological Review.

## Related

- Working Memory Model
- Cognitive Load Theory
""")
    assert result.lists == []


def test_questions_are_no_set(tmp_path):
    result = run(tmp_path, """# Reflection

Self-check steps:

- What did I expect to happen?
- What actually happened?
- What will I change next time?
""")
    assert result.lists == []


def test_qa_lines_are_no_set(tmp_path):
    result = run(tmp_path, """# Review

The review steps:

- Q: What is osmosis?
- A: Water moving across a membrane toward the higher solute concentration.
""")
    assert result.lists == []


def test_nothing_under_a_meta_label_heading(tmp_path):
    result = run(tmp_path, """# Biology

## Summary

The four bases of DNA are:

- Adenine
- Thymine
- Guanine
- Cytosine

## Key Terms

- Codon
- Gene
""")
    assert result.lists == []


def test_a_verb_that_looks_like_a_collective_noun_is_no_set(tmp_path):
    result = run(tmp_path, """# Neuroscience

The visual cortex processes:

- Edges
- Motion
- Colour
""")
    assert result.lists == []


def test_inline_enumeration_must_match_its_count(tmp_path):
    result = run(tmp_path, """# Colour

Printers use four inks: cyan, magenta and yellow.
""")
    assert result.lists == []


def test_trailing_cross_reference_item_beyond_the_count_is_dropped(tmp_path):
    card = run(tmp_path, """# Memory Models

The model describes three memory stores:

- **Sensory Memory:** holds raw input for under a second.
- **Short-Term Memory:** holds a few items while we use them.
- **Long-Term Memory:** holds knowledge for years.
- **Working Memory (WMM):** the same idea in Baddeley's model, with more parts.
""").one()
    assert card.fields["items"] == ("Sensory Memory", "Short-Term Memory", "Long-Term Memory")


def test_markdown_and_plain_text_notes_together(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "weather.md").write_text("""# Weather

The three forms of precipitation we study:

- Rain
- Snow
- Hail
""", encoding="utf-8")
    (folder / "tides.txt").write_text("""Tides

Tide Types

Oceanographers name three tide types by how many highs come each day:

• Diurnal
• Semidiurnal
• Mixed
""", encoding="utf-8")
    result = Result(extract_cards([folder]))
    by_source = {c.source: c for c in result.lists}
    assert by_source["weather.md"].fields["prompt"] == "Name the 3 forms of precipitation we study"
    assert by_source["tides.txt"].fields["prompt"] == \
        "Name the 3 tide types by how many highs come each day"
    assert by_source["tides.txt"].fields["items"] == ("Diurnal", "Semidiurnal", "Mixed")


def test_count_in_the_lead_under_a_heading_naming_the_set_admits_a_glossary(tmp_path):
    card = run(tmp_path, """# Teaching

## Feedback Types

Teachers give feedback in one of three ways:

- **Task:** whether the answer is right and what is missing.
- **Process:** how the work was done and which strategy to try next.
- **Self-regulation:** how the learner can check their own work.
""").one()
    assert card.rule == "list-heading"
    assert card.fields["prompt"] == "Name the 3 feedback types"
    assert card.fields["items"] == ("Task", "Process", "Self-regulation")


def test_the_same_note_gives_the_same_cards(tmp_path):
    text = """# Sleep

The main stages of sleep are:

- Light sleep
- Deep sleep
- REM sleep
"""
    first = run(tmp_path, text).one()
    again = run(tmp_path, text).one()
    assert (first.guid, first.fields) == (again.guid, again.fields)


# ---------------------------------------------------------------- what a prompt names

def test_a_generic_set_names_the_thing_it_belongs_to(tmp_path):
    r = run(tmp_path, "# Epilepsy syndromes\n\n## West syndrome\n\n- onset at 4-8 months\n"
                      "- features:\n    - salaam attacks\n    - hypsarrhythmia on EEG\n"
                      "    - developmental regression\n\n## Lennox-Gastaut syndrome\n\n"
                      "- onset 1-5 yrs\n- features:\n    - atypical absences\n"
                      "    - drop attacks\n    - slow spike-wave on EEG\n")
    assert r.prompts() == ["Name the 3 features of West syndrome",
                           "Name the 3 features of Lennox-Gastaut syndrome"]


def test_a_generic_heading_set_names_the_note_above_it(tmp_path):
    r = run(tmp_path, "# Gout\n\n## Clinical features\n\n- hot swollen joint\n- severe pain "
                      "at night\n- red shiny skin\n")
    assert r.prompts() == ["Name the 3 clinical features of Gout"]


def test_a_set_whose_kind_the_heading_names_needs_nothing_more(tmp_path):
    r = run(tmp_path, "# Colour\n\nPainters mix from three primary colours: red, yellow, "
                      "and blue.\n")
    assert r.prompts() == ["Name the 3 primary colours"]


def test_a_generic_set_with_nothing_to_belong_to_is_refused(tmp_path):
    r = run(tmp_path, "The main features are:\n\n- speed\n- safety\n- cost\n", name="note.txt")
    assert r.lists == []
    assert any("generic" in x.reason for x in r.rejected)


def test_list_of_headings_and_fragment_names(tmp_path):
    r = run(tmp_path, "# Minerals\n\n## List of Trace Elements\n\n- Iron\n- Zinc\n- Iodine\n\n"
                      "## Without symptoms\n\n- carriers\n- early cases\n\n"
                      "The three steps of weathering are: freezing, thawing and cracking.\n")
    assert r.prompts() == ["Name the 3 trace elements", "Name the 3 steps of weathering"]


def test_numbered_placeholders_are_no_members(tmp_path):
    r = run(tmp_path, "# EAP\n\nThe handshake has two phases:\n\n- Phase 1: the server shows "
                      "a certificate\n- Phase 2: the client sends a password\n")
    assert r.lists == []
    assert any("placeholders" in x.reason for x in r.rejected)


def test_clauses_in_a_sentence_are_no_members(tmp_path):
    r = run(tmp_path, "# Trusts\n\nTwo domains within the same forest, they grant each other "
                      "trust. The two bits are 1 and 0, parity is 1. Contingency (2 * 2 tables) "
                      "are used to illustrate and calculate test statistics.\n")
    assert r.lists == []
