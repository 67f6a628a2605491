"""Flashcards a note writes out: the Spaced Repetition plugin's syntax (only in notes it
reads as flashcard notes) and Obsidian_to_Anki's START/END blocks (anywhere); and the
other extractors' cards that the same notes and fields now make right (reverse cards,
code under a question, list descriptions)."""
from __future__ import annotations

from pathlib import Path

import pytest

from notedeck.extractors.masking import mask, reverse_question
from notedeck.pipeline import extract_cards
from notedeck.reading.sources import Options


def cards_of(tmp_path: Path, text: str, name: str = "note.md", only=None):
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    options = Options(extractors=tuple(only)) if only else Options()
    result = extract_cards([folder], options)
    return result.cards, [r for n in result.notes for r in n.rejected]


def by_kind(cards, kind):
    return [c for c in cards if c.kind == kind]


def test_question_answer_lines_are_cards_only_in_flashcard_notes(tmp_path):
    body = "# Geography\n\nCapital of France:: Paris\n"
    plain, _ = cards_of(tmp_path, body, "plain.md")
    assert by_kind(plain, "basic") == []                 # a Dataview field: not the plugin's
    for tagged in ("---\ntags: [flashcards]\n---\n" + body, body + "\n#flashcards/geo\n",
                   "---\ntags: flashcards, geo\n---\n" + body):
        cards, _ = cards_of(tmp_path, tagged, "tagged.md")
        [card] = [c for c in cards if c.source == "tagged.md" and c.kind == "basic"]
        assert (dict(card.fields), card.key, card.reverse, card.rule) == (
            {"front": "Capital of France", "back": "Paris"}, "capital of france", False,
            "sr-single")
    cards, _ = cards_of(tmp_path, body + "\n#flashcardsx\n", "tagged.md")
    assert by_kind([c for c in cards if c.source == "tagged.md"], "basic") == []


@pytest.mark.parametrize("text, cloze", [
    ("Use `std::vector` or $a::b$ here\n\nScope {{c1::resolution}} in C++ is `a::b`\n",
     "Scope {{c1::resolution}} in C++ is <code>a::b</code>"),
    ("The ==heart== pumps; write `{{c1::x}}` for a cloze.\n",
     "The {{c1::heart}} pumps; write <code>{\u200b{c1::x}}</code> for a cloze."),
])
def test_separators_and_clozes_inside_code_math_or_a_cloze_are_text(tmp_path, text, cloze):
    cards, _ = cards_of(tmp_path, "#flashcards\n\n" + text)
    assert by_kind(cards, "basic") == []
    assert [c.fields["text"] for c in by_kind(cards, "cloze")] == [cloze]


def test_both_directions_multi_line_cards_and_where_a_card_ends(tmp_path):
    cards, _ = cards_of(tmp_path, (
        "#flashcards\n\nRed planet:::Mars\n\nWhat undoes a commit\nbut keeps the changes?\n?\n"
        "```sh\ngit reset --soft HEAD~1\n```\n- staged again\n\nNot part of the card.\n\n"
        "Water\n??\nH~2~O\n"))
    basic = {c.key: c for c in by_kind(cards, "basic")}
    assert basic["red planet"].reverse and basic["water"].reverse
    undo = basic["what undoes a commit but keeps the changes"]
    # (a line wrapped mid-sentence reads on, as everywhere in a Markdown note: reading/clean.py)
    assert undo.fields["front"] == "What undoes a commit but keeps the changes?"
    assert undo.fields["back"] == ("<pre><code>git reset --soft HEAD~1</code></pre>"
                                   "<ul><li>staged again</li></ul>")
    assert (undo.line, undo.rule, undo.reverse) == (5, "sr-multiline", False)


def test_an_image_in_a_flashcard_answer_goes_on_the_card(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "cell.png").write_bytes(b"\x89PNG\r\n\x1a\n a cell")
    cards, _ = cards_of(tmp_path, "#flashcards\n\nWhat does a cell look like?\n?\nRound, "
                                  "like this:\n![[cell.png]]\n\nA lone line::no image\n")
    images = {c.key: c.fields.get("image", "") for c in cards}
    assert images["what does a cell look like"].startswith("nd-")
    assert images["a lone line"] == ""


def test_cloze_numbers_hints_and_groups(tmp_path):
    cards, _ = cards_of(tmp_path, "#flashcards\n\n"
                                  "==Paris== is on the ==2;;Seine==, in ==France;;a country==.\n")
    [cloze] = by_kind(cards, "cloze")
    assert cloze.fields["text"] == \
        "{{c1::Paris}} is on the {{c2::Seine}}, in {{c3::France::a country}}."
    assert cloze.key == "is on the in"


def test_a_card_keeps_its_identity_when_its_answer_is_corrected(tmp_path):
    note = ("#flashcards\n\nPowerhouse of the cell::the mitochondrium\n\n"
            "Which organelle makes proteins?\n?\nThe lysosome\n\nCells divide by ==meiosis==.\n")
    before, _ = cards_of(tmp_path, note)
    fixed = note.replace("mitochondrium", "mitochondrion").replace("lysosome", "ribosome") \
        .replace("meiosis", "mitosis")
    after, _ = cards_of(tmp_path, fixed)
    assert [c.guid for c in after] == [c.guid for c in before]
    assert [c.digest for c in after] != [c.digest for c in before]


def test_two_clozes_on_the_same_text_are_told_apart_by_their_answers(tmp_path):
    cards, _ = cards_of(tmp_path, "#flashcards\n\n==Oxygen== is ==O==.\n\n==Hydrogen== is ==H==.\n")
    assert len({c.guid for c in by_kind(cards, "cloze")}) == 2


def test_obsidian_to_anki_blocks_anywhere_and_no_other_card_from_them(tmp_path):
    cards, rejected = cards_of(tmp_path, (
        "# Vocabulary\n\nSTART\nBasic\nFront: dog\nBack: der Hund\nTags: german\nEND\n"
        "<!--ID: 1-->\n\nSTART\nBasic (optional reversed card)\nFront: cat\nBack: die Katze\n"
        "Add Reverse: y\nEND\n\nSTART\nFancy type\nFront: x\nEND\n"))
    basic = {c.key: c for c in by_kind(cards, "basic")}
    assert set(basic) == {"dog", "cat"} and len(cards) == 2        # no "Front"/"Back" terms
    assert basic["dog"].fields["back"] == "der Hund" and not basic["dog"].reverse
    assert "notedeck::german" in basic["dog"].tags and basic["cat"].reverse
    assert any(r.text == "Fancy type" and "note type" in r.reason for r in rejected)


def test_a_flashcard_line_is_no_card_of_another_kind(tmp_path):
    cards, _ = cards_of(tmp_path, "#flashcards\n\n- **Osmosis:** water moving across a "
                                  "membrane::towards more solute\n")
    assert [c.kind for c in cards] == ["basic"]


# ---- what the other kinds now carry ------------------------------------------------------

def test_code_under_a_question_is_on_its_card(tmp_path):
    cards, _ = cards_of(tmp_path, (
        "# Git\n\nQ: How do you list every file?\n\n```sh\nls -la\n```\n\n"
        "Q: What does this print?\n\n```python\nprint(1 < 2)\n```\n\nA: True.\n"))
    qa = {c.key: c.fields for c in by_kind(cards, "qa")}
    assert qa["how do you list every file"]["answer"] == "<pre><code>ls -la</code></pre>"
    assert qa["what does this print"] == {
        "question": "What does this print?<pre><code>print(1 &lt; 2)</code></pre>",
        "answer": "True."}


def test_a_definition_that_starts_with_code_is_not_recased(tmp_path):
    cards, _ = cards_of(tmp_path, "# Git\n\n- **Status:** `git status` lists changed files.\n"
                                  "- **`git add`:** stages the changes you pick.\n")
    terms = {c.key: c.fields for c in by_kind(cards, "term")}
    assert terms["status"]["definition"] == "<code>git status</code> lists changed files."
    assert terms["git add"]["term"] == "<code>git add</code>"


def test_list_cards_keep_each_description(tmp_path):
    cards, _ = cards_of(tmp_path, "# Grief\n\nThe three stages are:\n\n- **Shock:** numbness "
                                  "first.\n- Denial — it is not happening.\n- **Acceptance**\n")
    [card] = by_kind(cards, "list")
    assert card.fields["items"] == ("Shock", "Denial", "Acceptance")
    assert card.fields["details"] == ("numbness first.", "it is not happening.", "")


def test_reverse_cards_ask_with_the_term_masked_and_only_where_it_is_named(tmp_path):
    cards, _ = cards_of(tmp_path, (
        "# Regulation\n\n- **Emotion regulation:** how people shape which emotions they have "
        "and how they express them.\n- **Affect labelling:** labelling affect.\n"))
    terms = {c.key: c for c in by_kind(cards, "term")}
    assert terms["emotion regulation"].reverse
    assert terms["emotion regulation"].fields["reverse"] == (
        'How people shape which <span class="cloze">[...]</span> they have and how they '
        'express them.')
    assert not terms["affect labelling"].reverse and "reverse" not in terms["affect labelling"].fields


@pytest.mark.parametrize("fragment, term, masked", [
    ("<b>Window of</b> tolerance is wide.", "Window of Tolerance",
     '<b><span class="cloze">[...]</span></b> is wide.'),
    ("Like CBT (and other cognitive behavioural therapies)", "Cognitive Behavioural Therapy",
     'Like <span class="cloze">[...]</span> (and other <span class="cloze">[...]</span>)'),
    ("The Dual Process Model (DPM) says; DPM is used.", "Dual Process Model of Grief",
     'The <span class="cloze">[...]</span> says; <span class="cloze">[...]</span> is used.'),
    ("A &lt;tag&gt; about the brakes", "Vagal Brake",
     'A &lt;tag&gt; about the <span class="cloze">[...]</span>'),
])
def test_mask_hides_the_term_its_words_inflections_and_abbreviation(fragment, term, masked):
    assert mask(fragment, term) == masked


def test_a_masked_definition_with_too_little_left_is_no_question():
    assert reverse_question("Mindfulness", "Mindfulness, in short.") is None
    assert reverse_question("Mindfulness", "Paying attention to the present moment.") == \
        "Paying attention to the present moment."
