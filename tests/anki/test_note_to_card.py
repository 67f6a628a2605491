"""What the note says is what the card shows: a small vault written as people write it
(math, code, links, embeds, tags, list descriptions, Spaced Repetition and
Obsidian_to_Anki flashcards) built by the real pipeline, imported into a real Anki
collection and every card rendered by Anki's own template engine, front and back.

The rendered cards are also kept as golden files (tests/golden/rendered/<note>.json), so a
change in what a card shows is seen in review. To accept one on purpose:
    NOTEDECK_UPDATE_GOLDEN=1 pytest tests/anki/test_note_to_card.py && git diff tests/golden
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from notedeck.anki.notetypes import definition_html
from notedeck.build import build_decks
from notedeck.pipeline import extract_cards

GOLDEN = Path(__file__).parent.parent / "golden" / "rendered"
VAULT = GOLDEN / "vault"
NOTES = sorted(p.name for p in VAULT.glob("*.md"))
NOW = 1_700_000_000


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(cards rendered by Anki, grouped by note; the build's diagnostics; the collection's
    media names)."""
    collection = pytest.importorskip("anki.collection")
    root = tmp_path_factory.mktemp("render")
    shutil.copytree(VAULT, root / "vault")
    report = build_decks([root / "vault"], root / "decks", root / "cards", now=NOW, jobs=1)
    source = {c.guid: c.source for c in extract_cards([root / "vault"]).cards}
    col = collection.Collection(str(root / "collection.anki2"))
    try:
        col.import_anki_package(collection.ImportAnkiPackageRequest(
            package_path=str(report.written[0]), options=collection.ImportAnkiPackageOptions()))
        by_note = defaultdict(list)
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            note = card.note()
            shown = card.render_output(reload=True)
            by_note[source[note.guid]].append({
                "guid": note.guid, "type": card.note_type()["name"], "ord": card.ord,
                "tags": sorted(note.tags), "question": shown.question_text,
                "answer": shown.answer_text})
        media = sorted(p.name for p in Path(col.media.dir()).iterdir())
    finally:
        col.close()
    for cards in by_note.values():
        cards.sort(key=lambda c: (c["guid"], c["ord"]))
    return by_note, [str(d) for d in report.diagnostics], media


def visible(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())


def asks(question: str) -> str:
    """What a card's front asks, without the line saying where in the note it is."""
    return visible(re.sub(r'<div class="context">.*?</div>', "", question))


def card(built, note: str, front: str, ord_: int = 0) -> dict:
    """The card of ``note`` whose question asks ``front``, as Anki renders it."""
    found = [c for c in built[0][note] if c["ord"] == ord_ and front in asks(c["question"])]
    assert len(found) == 1, (front, [asks(c["question"]) for c in built[0][note]])
    return found[0]


@pytest.mark.parametrize("name", NOTES)
def test_rendered_cards_match_golden(built, name):
    by_note, diagnostics, _ = built
    got = {"warnings": [d for d in diagnostics if d.startswith(name + ":")],
           "cards": by_note.get(name, [])}
    path = GOLDEN / f"{name}.json"
    if os.environ.get("NOTEDECK_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8")), f"{name} renders differently"
    assert got["cards"], f"{name} gave no card"


# ---- 1. math ---------------------------------------------------------------------------

def test_math_is_mathjax_and_a_price_stays_text(built):
    expected = card(built, "probability.md", "Expected value")["answer"]
    assert r"\(E[X] = \sum_x x\,p(x)\)" in expected and "$" not in expected
    variance = card(built, "probability.md", "Variance")["answer"]
    assert r"\[\operatorname{Var}(X) = E[(X-\mu)^2]\]" in variance and r"\(X\)" in variance
    bayes = card(built, "probability.md", "Bayes")["answer"]
    assert r"\[P(A \mid B) = \frac{P(B \mid A)\,P(A)}{P(B)}\]" in bayes
    matinee = card(built, "probability.md", "Matinee")["answer"]
    assert "costs $5 instead of the usual $12" in matinee and "\\(" not in matinee


def test_a_definition_made_into_bullets_is_never_cut_inside_a_formula():
    bullets = definition_html(r"A ratio \(a. B\) of two things. It is used a lot. It is also "
                              r"written \[x! Y\] at times.")
    assert bullets == (r"<ul><li>A ratio \(a. B\) of two things.</li><li>It is used a lot.</li>"
                       r"<li>It is also written \[x! Y\] at times.</li></ul>")


# ---- 2. code ---------------------------------------------------------------------------

def test_code_keeps_its_case_its_lines_and_is_escaped_once(built):
    staging = card(built, "git.md", "Staging area")["answer"]
    assert "<code>git add -p</code> puts the hunks you choose <mark>before you commit them" \
        "</mark>." in staging                        # a highlight, as Obsidian shows it
    tree = card(built, "git.md", "Working tree")["answer"]
    assert "<code>git status</code> lists" in tree                  # not "Git status"
    assert "<code>a &lt; b</code>" in tree and "&amp;lt;" not in tree
    undo = card(built, "git.md", "undo the last commit")["answer"]
    assert ("<pre><code>git reset --soft HEAD~1\ngit status   # the changes are staged again"
            "</code></pre>") in undo
    count = card(built, "cells.md", "Count the cells")["answer"]
    assert "<pre><code>cells = [c for c in sample if c.alive]\nprint(len(cells))</code></pre>" \
        in count


def test_nothing_inside_code_becomes_a_cloze(built):
    clozes = [c for c in built[0]["cells.md"] if c["type"] == "notedeck Cloze"]
    assert len(clozes) == 3                          # nucleus, DNA, mitosis: not ==this==
    for c in clozes:
        assert "<code>==this==</code>" in c["question"] and "<code>==this==</code>" in c["answer"]


# ---- 3. reverse cards ------------------------------------------------------------------

def test_a_reverse_card_never_shows_its_answer(built):
    reverse = [c for cards in built[0].values() for c in cards
               if c["type"] == "notedeck Term" and c["ord"] == 1]
    assert len(reverse) >= 5
    for c in reverse:
        term = visible(re.search(r'<hr id="answer">\s*<div class="prompt">(.*?)</div>',
                                 c["answer"]).group(1))
        question = visible(c["question"]).lower()
        for word in re.findall(r"\w{3,}", term.lower()):
            assert not re.search(rf"\b{word[:-1]}", question), (term, question)
    reappraisal = card(built, "emotion-regulation.md", "Changing how you interpret", 1)
    assert '<span class="cloze">[...]</span> is the best-studied strategy' in \
        reappraisal["question"]
    assert '<div class="context">Emotion regulation</div>' in reappraisal["question"]
    forward = card(built, "emotion-regulation.md", "Cognitive reappraisal")
    assert "Emotion regulation › Cognitive reappraisal" in forward["answer"]   # its source


def test_a_reverse_card_is_made_only_where_the_definition_names_the_term(built):
    short = [c for c in built[0]["emotion-regulation.md"] if "feelings aloud" in c["answer"]]
    assert [c["ord"] for c in short] == [0]        # "naming feelings aloud": it names no term
    longer = [c for c in built[0]["emotion-regulation.md"] if "outward signs" in c["answer"]]
    assert [c["ord"] for c in longer] == [0, 1]


# ---- 4. lists --------------------------------------------------------------------------

def test_list_items_keep_their_descriptions(built):
    styles = card(built, "attachment.md", "Name the 4 attachment styles", 1)
    assert "[...]</span> — upset at separation, soothed quickly on reunion." in styles["question"]
    assert "Avoidant</span> — shows little distress" in styles["question"]


# ---- 5. tags ---------------------------------------------------------------------------

def test_nested_and_body_tags_are_anki_hierarchical_tags(built):
    tags = set(card(built, "attachment.md", "Avoidant")["tags"])
    assert {"notedeck::psychology::attachment", "notedeck::skills::coping",
            "notedeck::psychology"} <= tags
    assert "notedeck::maths::probability" in card(built, "probability.md", "Variance")["tags"]
    dog = card(built, "anki-blocks.md", "German word for dog")["tags"]
    assert {"notedeck::german", "notedeck::animals"} <= set(dog)


# ---- 6. links --------------------------------------------------------------------------

def test_links_show_what_obsidian_shows(built):
    base = card(built, "attachment.md", "Secure base")["answer"]
    assert "(see the note)" in base and "built on Bowlby and" in base
    assert "Attachment theory &gt; Strange Situation" in base
    assert '<a href="https://dictionary.apa.org/secure-base">the APA dictionary</a>' in base
    assert "and my draft." in base and "drafts/base.md" not in base


# ---- 7. embeds -------------------------------------------------------------------------

def test_embedded_images_travel_and_a_missing_one_is_a_warning(built):
    _, diagnostics, media = built
    atrium = card(built, "heart.md", "Atrium")["answer"]
    name = re.search(r'<img src="(nd-[0-9a-f]+\.png)"', atrium).group(1)
    assert name in media
    assert [d for d in diagnostics if d.startswith("heart.md")] == \
        ["heart.md:4: warning: image 'img/ventricle.png' not found"]
    assert "<img" not in card(built, "heart.md", "Ventricle")["answer"]
    assert f'<img src="{name}"' in card(built, "heart.md", "Aorta")["answer"]   # line under it
    valve = card(built, "heart.md", "Heart valve")["answer"]
    assert "see Valves for the four" in valve          # a note embedded: its title


# ---- 8. flashcards written in the note -------------------------------------------------

def test_spaced_repetition_cards(built):
    cards = built[0]["cells.md"]
    kinds = sorted((c["type"], c["ord"]) for c in cards)
    assert kinds.count(("notedeck Basic", 1)) == 2        # ::: and ??
    assert kinds.count(("notedeck Cloze", 0)) == 1 and len(cards) == 10
    mito = card(built, "cells.md", "The powerhouse of the cell")
    assert '<div class="answer">the mitochondrion</div>' in mito["answer"]
    osmosis = card(built, "cells.md", "the movement of water", 1)
    assert '<div class="answer">Osmosis</div>' in osmosis["answer"]
    atp = card(built, "cells.md", "What does ATP stand for?")
    assert "Adenosine triphosphate" in atp["answer"] and "Adenosine" not in atp["question"]
    cloze = card(built, "cells.md", "Cells divide by")
    assert '<span class="cloze" data-cloze="mitosis" data-ordinal="1">[a process]</span>' in \
        cloze["question"]


def test_obsidian_to_anki_blocks(built):
    cards = built[0]["anki-blocks.md"]
    assert sorted((c["type"], c["ord"]) for c in cards) == [
        ("notedeck Basic", 0), ("notedeck Basic", 0), ("notedeck Basic", 1),
        ("notedeck Cloze", 0), ("notedeck Cloze", 1)]
    cat = card(built, "anki-blocks.md", "die Katze", 1)
    assert '<div class="answer">cat</div>' in cat["answer"]
    heart = card(built, "anki-blocks.md", "chambers", 1)
    assert 'data-ordinal="2">[...]</span> chambers' in heart["question"]
    assert '<div class="extra">Two atria and two ventricles.</div>' in heart["answer"]
    for c in cards:
        assert "START" not in visible(c["answer"]) and "Back:" not in visible(c["answer"])


def test_a_reverse_card_dropped_on_rebuild_is_said_in_the_changelog(tmp_path, import_apkg):
    """A definition edited until it no longer names its term loses its reverse card: the
    note updates in place (history kept) and the changelog says how to clear the card
    Anki keeps, empty."""
    notes = tmp_path / "notes"
    notes.mkdir()
    note = notes / "therapy.md"
    note.write_text("# Therapies\n\n- **Exposure therapy:** facing a feared situation step by "
                    "step until the fear fades.\n", encoding="utf-8")
    first = build_decks([notes], tmp_path / "decks", tmp_path / "cards", now=NOW, jobs=1)
    col, _ = import_apkg(first.written[0])
    assert sorted(col.get_card(c).ord for c in col.find_cards("")) == [0, 1]
    note.write_text("# Therapies\n\n- **Exposure therapy:** gradual fear treatment.\n",
                    encoding="utf-8")
    second = build_decks([notes], tmp_path / "decks", tmp_path / "cards", now=NOW + 60, jobs=1)
    import_apkg(second.written[0], into=col)
    [nid] = col.find_notes("")
    assert col.get_note(nid)["Reverse"] == ""
    changelog = (second.written[0].parent / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Tools → Empty Cards removes it" in changelog.split("\n## ")[1]      # v1.1.0
