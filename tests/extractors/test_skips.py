"""Opting out: frontmatter `notedeck: false` / `notedeck-skip`, and the body markers
`<!-- notedeck:skip -->` (next block; before a heading, its section) and
`<!-- notedeck:skip-start -->` ... `<!-- notedeck:skip-end -->` (a span).

Every test compares a note against the *same* note without the marker (the marker line
replaced by an empty line, so line numbers agree) and asserts that exactly the named
cards went and every other card is identical, field for field. All note text is written
for these tests.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from notedeck.cli import main
from notedeck.pipeline import extract_cards

SKIP = "<!-- notedeck:skip -->"
START = "<!-- notedeck:skip-start -->"
END = "<!-- notedeck:skip-end -->"

# @1 .. @7 mark the lines where a marker may go; each is an empty line otherwise.
NOTE_MD = """# Tides

The moon and the sun both pull on the oceans.

@1
- **Spring tide:** a tide with the greatest range, near new and full moon.
- **Neap tide:** a tide with the smallest range, at the quarter moons.
- **Slack water** — the short still spell when the tide turns.

@2
The Highest Astronomical Tide (HAT) is the top level predicted under average weather.

@3
| Myth | Reframe |
|---|---|
| There is exactly one high tide a day | Most coasts get two high tides a day |
| The tide comes in at the same hour every day | High water is about fifty minutes later each day |

@4
Q: Why are there two bulges of water?
A: The far side of the Earth is pulled less than its centre.

@5
Tidal stream
: the horizontal flow of water as the tide rises and falls.

Tidal range
: the height between high and low water on one tide.

@6
> **Tidal bore:** a wave that runs up a river on a rising tide.

@7
## Currents

- **Rip current:** a narrow seaward flow through the surf.
- **Longshore drift:** sand carried along a beach by waves that arrive at an angle.

@8
### Eddies

- **Eddy:** a circular current that forms behind a headland.

@9
## Waves

- **Swell:** waves that have travelled far from the wind that made them.
- **Fetch length:** the distance of open water over which the wind blows.
"""

NOTE_TXT = """Tides

The moon and the sun both pull on the oceans.

@1
The Highest Astronomical Tide (HAT) is the top level predicted under average weather.

@2
• Spring tide: a tide with the greatest range, near new and full moon.
• Neap tide: a tide with the smallest range, at the quarter moons.

@3
| Myth | Reframe |
| There is exactly one high tide a day | Most coasts get two high tides a day |

Q: Why are there two bulges of water?
A: The far side of the Earth is pulled less than its centre.

@4
Currents

• Rip current: a narrow seaward flow through the surf.
• Longshore drift: sand carried along a beach by waves that arrive at an angle.

@5
Waves

• Swell: waves that have travelled far from the wind that made them.
• Fetch length: the distance of open water over which the wind blows.
"""

MD_BLOCKS = {
    "list": {("term", "spring tide"), ("term", "neap tide"), ("term", "slack water")},
    "paragraph": {("acronym", "HAT"), ("term", "highest astronomical tide")},
    "table": {("myth", "there is exactly one high tide a day"),
              ("myth", "tide comes in at the same hour every day")},
    "qa": {("qa", "why are there two bulges of water")},
    "deflist": {("term", "tidal stream"), ("term", "tidal range")},
    "quote": {("term", "tidal bore")},
    "section": {("term", "rip current"), ("term", "longshore drift"), ("term", "eddy")},
    "leaf section": {("term", "swell"), ("term", "fetch length")},
}
MD_AT = {"list": 1, "paragraph": 2, "table": 3, "qa": 4, "deflist": 5, "quote": 6,
         "section": 7, "subsection": 8, "leaf section": 9}

TXT_BLOCKS = {
    "paragraph": {("acronym", "HAT"), ("term", "highest astronomical tide")},
    "list": {("term", "spring tide"), ("term", "neap tide")},
    "table": {("myth", "there is exactly one high tide a day")},
    # a bare short line is a heading; over a glossary of other terms it is none itself,
    # as in Markdown
    "section": {("term", "rip current"), ("term", "longshore drift")},
    "leaf section": {("term", "swell"), ("term", "fetch length")},
}
TXT_AT = {"paragraph": 1, "list": 2, "table": 3, "section": 4, "leaf section": 5}


def fill(template: str, **markers: str) -> str:
    """The note with the given markers (@n -> marker text); every other @n an empty line."""
    text = template
    for n in range(1, 10):
        text = text.replace(f"@{n}\n", markers.get(f"at{n}", "") + "\n")
    return text


def cards_of(folder: Path, name: str, text: str):
    """(cards as dicts, diagnostics, the note's result) for one note in folder/notes/."""
    notes = folder / "notes"
    notes.mkdir(parents=True)
    (notes / name).write_text(text, encoding="utf-8")
    result = extract_cards([notes])
    (note,) = result.notes
    return [c.to_dict() for c in result.cards], [str(d) for d in result.all_diagnostics()], note


def compare(tmp_path: Path, name: str, template: str, **markers: str):
    """(baseline cards, marked cards, marked diagnostics): one note, without and with markers.
    Both live at notes/<name> (in different folders) so GUIDs and decks agree."""
    base, base_diags, _ = cards_of(tmp_path / "plain", name, fill(template))
    assert not base_diags, base_diags
    marked, diags, _ = cards_of(tmp_path / "marked", name, fill(template, **markers))
    return base, marked, diags


def keys(cards) -> set[tuple[str, str]]:
    return {(c["kind"], c["key"]) for c in cards}


def assert_dropped_exactly(base, marked, dropped):
    assert dropped <= keys(base), f"the baseline lacks {dropped - keys(base)}"
    assert marked == [c for c in base if (c["kind"], c["key"]) not in dropped]


def test_baselines_have_the_cards_the_tests_expect(tmp_path):
    md, diags, _ = cards_of(tmp_path / "md", "tides.md", fill(NOTE_MD))
    assert not diags
    assert keys(md) == set().union(*MD_BLOCKS.values()) | {("term", "eddy")}
    txt, diags, _ = cards_of(tmp_path / "txt", "tides.txt", fill(NOTE_TXT))
    assert not diags
    assert keys(txt) == set().union(*TXT_BLOCKS.values()) | {
        ("qa", "why are there two bulges of water")}


# ---------------------------------------------------------------- <!-- notedeck:skip -->

@pytest.mark.parametrize("block", [
    "list", "paragraph", "table", "qa",
    "deflist", "quote", "leaf section"])
def test_markdown_skip_marker_drops_exactly_the_next_block(tmp_path, block):
    base, marked, diags = compare(tmp_path, "tides.md", NOTE_MD, **{f"at{MD_AT[block]}": SKIP})
    assert not diags
    assert_dropped_exactly(base, marked, MD_BLOCKS[block])


def test_markdown_skip_before_a_quote_drops_all_of_it(tmp_path):
    quote = ("> **Tidal bore:** a wave that runs up a river on a rising tide.\n>\n"
             "> **Seiche:** a standing wave that sloshes to and fro in an enclosed bay.\n")
    template = NOTE_MD.replace("> **Tidal bore:** a wave that runs up a river on a rising "
                               "tide.\n", quote)
    base, marked, _ = compare(tmp_path, "tides.md", template, at6=SKIP)
    assert_dropped_exactly(base, marked, {("term", "tidal bore"), ("term", "seiche")})


def test_markdown_skip_before_a_code_block_leaves_the_next_block(tmp_path):
    template = NOTE_MD.replace("@2\n", "@2\n```\ntide_table.load()\n```\n\n")
    base, marked, _ = compare(tmp_path, "tides.md", template, at2=SKIP)
    assert_dropped_exactly(base, marked, set())


def test_markdown_skip_before_a_heading_drops_its_subsections_too(tmp_path):
    base, marked, diags = compare(tmp_path, "tides.md", NOTE_MD, at7=SKIP)
    assert not diags
    assert_dropped_exactly(base, marked, MD_BLOCKS["section"])


def test_markdown_skip_before_a_heading_drops_its_own_blocks(tmp_path):
    # What already holds today whatever the subsection rule: the heading's own list goes,
    # the next section of the same level stays.
    base, marked, _ = compare(tmp_path, "tides.md", NOTE_MD, at7=SKIP)
    gone = keys(base) - keys(marked)
    assert {("term", "rip current"), ("term", "longshore drift")} <= gone
    assert {("term", "swell"), ("term", "fetch length")} <= keys(marked)


def test_markdown_skip_before_a_subsection_keeps_its_parent(tmp_path):
    base, marked, diags = compare(tmp_path, "tides.md", NOTE_MD, at8=SKIP)
    assert not diags
    assert_dropped_exactly(base, marked, {("term", "eddy")})


@pytest.mark.parametrize("block", [
    "paragraph", "list", "table", "section", "leaf section"])
def test_plain_text_skip_marker_drops_exactly_the_next_block(tmp_path, block):
    base, marked, diags = compare(tmp_path, "tides.txt", NOTE_TXT,
                                  **{f"at{TXT_AT[block]}": SKIP})
    assert not diags
    assert_dropped_exactly(base, marked, TXT_BLOCKS[block])


@pytest.mark.parametrize("marker", ["<!--notedeck:skip-->", "  <!-- NOTEDECK:Skip -->  ",
                                    "<!--   notedeck:skip   -->"])
def test_skip_marker_spelling_is_forgiving(tmp_path, marker):
    # at3 follows a paragraph: an indented line after a list item would belong to the item
    base, marked, _ = compare(tmp_path, "tides.md", NOTE_MD, at3=marker)
    assert_dropped_exactly(base, marked, MD_BLOCKS["table"])


def test_a_skip_marker_inside_a_sentence_does_nothing(tmp_path):
    text = fill(NOTE_MD).replace("both pull on the oceans.",
                                 f"both pull on the oceans {SKIP} every day.")
    marked, _, _ = cards_of(tmp_path / "marked", "tides.md", text)
    base, _, _ = cards_of(tmp_path / "plain", "tides.md", fill(NOTE_MD))
    assert marked == base


def test_skip_marker_at_the_end_of_a_note_is_harmless(tmp_path):
    base, _, _ = cards_of(tmp_path / "plain", "tides.md", fill(NOTE_MD))
    marked, diags, _ = cards_of(tmp_path / "marked", "tides.md", fill(NOTE_MD) + "\n" + SKIP + "\n")
    assert marked == base and not diags


def test_other_html_comments_are_not_markers(tmp_path):
    base, marked, _ = compare(tmp_path, "tides.md", NOTE_MD, at2="<!-- notedeck: keep this -->",
                              at3="<!-- skip -->")
    assert marked == base


# ---------------------------------------------------------------- skip-start / skip-end

def test_markdown_span_drops_exactly_the_cards_inside(tmp_path):
    base, marked, diags = compare(tmp_path, "tides.md", NOTE_MD, at2=START, at4=END)
    assert not diags
    assert_dropped_exactly(base, marked, MD_BLOCKS["paragraph"] | MD_BLOCKS["table"])


def test_markdown_span_across_blocks_of_every_kind(tmp_path):
    base, marked, _ = compare(tmp_path, "tides.md", NOTE_MD, at1=START, at7=END)
    inside = set().union(*(MD_BLOCKS[b] for b in
                           ("list", "paragraph", "table", "qa", "deflist", "quote")))
    assert_dropped_exactly(base, marked, inside)


def test_markdown_span_ending_before_a_heading_keeps_that_section(tmp_path):
    base, marked, _ = compare(tmp_path, "tides.md", NOTE_MD, at6=START, at9=END)
    assert_dropped_exactly(base, marked, MD_BLOCKS["quote"] | MD_BLOCKS["section"])


def test_a_skip_marker_inside_a_span_changes_nothing_after_the_span(tmp_path):
    base, marked, _ = compare(tmp_path, "tides.md", NOTE_MD, at2=START, at3=SKIP, at4=END)
    assert_dropped_exactly(base, marked, MD_BLOCKS["paragraph"] | MD_BLOCKS["table"])


def test_a_span_without_end_runs_to_the_end_of_the_note(tmp_path):
    base, marked, _ = compare(tmp_path, "tides.md", NOTE_MD, at7=START)
    assert_dropped_exactly(base, marked, MD_BLOCKS["section"] | MD_BLOCKS["leaf section"])


def test_a_stray_skip_end_does_nothing(tmp_path):
    base, marked, _ = compare(tmp_path, "tides.md", NOTE_MD, at3=END)
    assert marked == base


def test_plain_text_span_drops_exactly_the_cards_inside(tmp_path):
    base, marked, diags = compare(tmp_path, "tides.txt", NOTE_TXT, at1=START, at3=END)
    assert not diags
    assert_dropped_exactly(base, marked, TXT_BLOCKS["paragraph"] | TXT_BLOCKS["list"])


def test_plain_text_span_over_a_heading(tmp_path):
    base, marked, _ = compare(tmp_path, "tides.txt", NOTE_TXT, at3=START, at5=END)
    dropped = TXT_BLOCKS["table"] | TXT_BLOCKS["section"] | {
        ("qa", "why are there two bulges of water")}
    assert_dropped_exactly(base, marked, dropped)


def test_body_markers_do_not_count_as_skipped_by_config(tmp_path):
    _, _, note = cards_of(tmp_path / "m", "tides.md", fill(NOTE_MD, at2=SKIP))
    assert note.skipped == []


# ---------------------------------------------------------------- frontmatter

FRONT = "---\ntitle: Tides\n{extra}\n---\n"


def with_front(extra: str, body: str = NOTE_MD) -> str:
    return FRONT.format(extra=extra) + fill(body)


def frontmatter_pair(tmp_path, extra, name="tides.md", body=NOTE_MD):
    """Baseline with a neutral key on the same line, so line numbers agree."""
    base, base_diags, _ = cards_of(tmp_path / "plain", name, with_front("source: a tide table",
                                                                      body))
    assert not base_diags
    marked, diags, note = cards_of(tmp_path / "marked", name, with_front(extra, body))
    return base, marked, diags, note


@pytest.mark.parametrize("name, body", [("tides.md", NOTE_MD), ("tides.txt", NOTE_TXT)])
def test_frontmatter_notedeck_false_skips_the_note_without_a_warning(tmp_path, name, body):
    base, marked, diags, note = frontmatter_pair(tmp_path, "notedeck: false", name, body)
    assert base and marked == []
    assert diags == []
    assert not any("gave no card" in d for d in diags)
    assert note.rejected == [] and note.skipped == []


def test_frontmatter_notedeck_true_changes_nothing(tmp_path):
    base, marked, diags, _ = frontmatter_pair(tmp_path, "notedeck: true")
    assert marked == base and not diags


def test_notedeck_false_note_passes_strict_and_other_notes_still_give_cards(tmp_path,
                                                                             monkeypatch):
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "private.md").write_text(with_front("notedeck: false"), encoding="utf-8")
    (notes / "shore.md").write_text("- **Estuary:** where a river meets the tide.\n",
                                    encoding="utf-8")
    result = CliRunner().invoke(main, ["cards", "--strict", "--format", "json", "notes"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert {c["source"] for c in json.loads(result.stdout)} == {"shore.md"}
    assert "private.md" not in result.stderr


def test_frontmatter_notedeck_skip_drops_exactly_a_term_and_an_acronym(tmp_path):
    base, marked, diags, note = frontmatter_pair(tmp_path, "notedeck-skip: [Neap tide, HAT]")
    assert not diags
    dropped = {("term", "neap tide"), ("acronym", "HAT")}
    assert_dropped_exactly(base, marked, dropped)
    assert {(c.kind, c.key) for c in note.skipped} == dropped


@pytest.mark.parametrize("extra, dropped", [
    ("notedeck-skip: [NEAP TIDE, hat]", {("term", "neap tide"), ("acronym", "HAT")}),
    ("notedeck-skip: HAT", {("acronym", "HAT")}),
    ("notedeck-skip:\n  - Slack water\n  - Rip current",
     {("term", "slack water"), ("term", "rip current")}),
    ("notedeck-skip: [Why are there two bulges of water?]",
     {("qa", "why are there two bulges of water")}),
    ("notedeck-skip: [There is exactly one high tide a day]",
     {("myth", "there is exactly one high tide a day")}),
    ("notedeck-skip: [Nothing by this name]", set()),
])
def test_frontmatter_notedeck_skip_forms(tmp_path, extra, dropped):
    base = cards_of(tmp_path / "plain", "tides.md",
                    with_front("source: a tide table" + "\n" * extra.count("\n")))[0]
    marked, diags, _ = cards_of(tmp_path / "marked", "tides.md", with_front(extra))
    assert not diags
    assert_dropped_exactly(base, marked, dropped)


def test_frontmatter_notedeck_skip_in_plain_text(tmp_path):
    base, marked, diags, _ = frontmatter_pair(tmp_path, "notedeck-skip: [Spring tide, HAT]",
                                              "tides.txt", NOTE_TXT)
    assert not diags
    assert_dropped_exactly(base, marked, {("term", "spring tide"), ("acronym", "HAT")})


def test_skipping_every_card_is_not_a_gave_no_card_warning(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "one.md").write_text("---\nnotedeck-skip: [Estuary]\n---\n"
                                  "- **Estuary:** where a river meets the tide.\n",
                                  encoding="utf-8")
    result = extract_cards([notes])
    assert result.cards == [] and result.all_diagnostics() == []


def test_frontmatter_and_body_markers_combine(tmp_path):
    base, marked, diags, _ = frontmatter_pair(tmp_path, "notedeck-skip: [Swell]")
    assert_dropped_exactly(base, marked, {("term", "swell")})
    both = cards_of(tmp_path / "both", "tides.md",
                    FRONT.format(extra="notedeck-skip: [Swell]") + fill(NOTE_MD, at2=SKIP))[0]
    assert both == [c for c in base if (c["kind"], c["key"]) not in
                    {("term", "swell")} | MD_BLOCKS["paragraph"]]


def test_check_lists_frontmatter_skips(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "tides.md").write_text(with_front("notedeck-skip: [Neap tide, HAT]"),
                                    encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-v", "notes"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "  ~ term     neap tide: skipped by config or frontmatter" in result.stdout
    assert "  ~ acronym  HAT: skipped by config or frontmatter" in result.stdout
