"""Readers: text repair, frontmatter, shape detection, plain text and Markdown -> Document.

Every example note here is written for these tests (a field guide to tide pools, ferns,
rivers...); none is copied from real notes.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from notedeck.reading.markdown import parse_document
from notedeck.reading.document import DefList, Document, ListBlock, Note, Paragraph, Quote, Table
from notedeck.model import Diagnostic
from notedeck.pipeline import extract_cards
from notedeck.reading.sources import NoteFile, find_notes
from notedeck.reading.note import read_note, split_frontmatter
from notedeck.reading.decode import decode_bytes, repair_text


# ---------------------------------------------------------------- helpers

def write(tmp_path: Path, text: str | None = None, name: str = "note.md",
          raw: bytes | None = None) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def read(tmp_path: Path, text: str | None = None, name: str = "note.md",
         raw: bytes | None = None) -> Note:
    path = write(tmp_path, text, name, raw)
    note = read_note(NoteFile(path, tmp_path))
    assert isinstance(note, Note), note
    return note


def parse(tmp_path: Path, text: str, name: str = "note.md") -> Document:
    return parse_document(read(tmp_path, text, name))


def cards_of(tmp_path: Path, text: str | None = None, name: str = "note.md",
             raw: bytes | None = None):
    folder = tmp_path / "notes"
    write(folder, text, name, raw)
    result = extract_cards([folder])
    return result.cards, result.all_diagnostics()


def terms(cards) -> dict[str, str]:
    return {c.fields["term"]: c.fields["definition"] for c in cards if c.kind == "term"}


def all_blocks(doc: Document):
    """(block, section) for every block, descending into quotes and list children."""
    def walk(blocks, sec):
        for b in blocks:
            yield b, sec
            if isinstance(b, Quote):
                yield from walk(b.blocks, sec)
            elif isinstance(b, ListBlock):
                for item in b.items:
                    yield from walk(item.children, sec)
    for sec in doc.sections:
        yield from walk(sec.blocks, sec)


def paragraphs(doc: Document) -> list[Paragraph]:
    return [b for b, _ in all_blocks(doc) if isinstance(b, Paragraph)]


def body_text(doc: Document) -> str:
    from notedeck.reading.clean import iter_inlines
    return "\n".join(i.text for i in iter_inlines(doc))


# ---------------------------------------------------------------- text repair

@pytest.mark.parametrize("broken, fixed", [
    ("tides rise ‚Äî and fall", "tides rise — and fall"),          # Mac Roman em dash
    ("it‚Äôs low tide", "it’s low tide"),                           # Mac Roman apostrophe
    ("üß† Memory tricks", "🧠 Memory tricks"),                     # 4-byte emoji
    ("üß© Puzzle pieces", "🧩 Puzzle pieces"),                     # emoji with lost 0xF0 lead
    ("the ‚Äúsplash zone‚Äù", "the “splash zone”"),                # curly quotes
    ("donâ€™t touch", "don’t touch"),                            # cp1252 mojibake
    ("cafÃ© crÃ¨me", "café crème"),                              # cp1252 mojibake, accents
])
def test_repair_fixes_mojibake(broken, fixed):
    assert repair_text(broken) == fixed


@pytest.mark.parametrize("legit", [
    "café naïve Größe",
    "Ångström and São Paulo, résumé",
    "10°C ± 2, π ≈ 3.14, √2",
    "“quoted” and ‘single’ — with… ellipsis",
    "Zoë’s œuvre costs €5 — ¿Qué? ¡Hola!",
])
def test_repair_leaves_legit_text_alone(legit):
    assert repair_text(legit) == legit


@pytest.mark.parametrize("legit", [
    "crêpes—à la carte",
    "she said “Ça suffit” twice",
    "the «École» district",
    "Straße—über alles",
])
def test_repair_leaves_punctuation_before_accents_alone(legit):
    assert repair_text(legit) == legit


@pytest.mark.parametrize("broken, fixed", [
    ("r√©√©crire", "réécrire"),      # Mac Roman mojibake of two adjacent accented letters
    ("√Ñ√ñ", "ÄÖ"),
    ("rÃ©Ã©crire", "réécrire"),      # cp1252 mojibake of the same word
])
def test_repair_never_raises_on_adjacent_mojibake(tmp_path, broken, fixed):
    assert repair_text(broken) == fixed
    cards, _ = cards_of(tmp_path, f"# Words\n\n- **{broken}:** to write a text again.\n")
    assert terms(cards) == {fixed: "To write a text again."}


def test_repair_line_endings_spaces_and_invisibles():
    text = "one\r\ntwo\rthree\u00a0four\u202ffive\u200bsix\ufeff\tseven"
    out = repair_text(text)
    assert out == "one\ntwo\nthree four fivesix    seven"
    assert out.count("\n") == 2   # line count preserved


@pytest.mark.parametrize("text", [
    "# Title\n\n# \x80\u2028\n\n- **Brackish:** river water.",     # found by hypothesis:
    "caf\u00c3\u00a9 one\u2029two\n\x85three",                        # ftfy made a line of it
])
def test_unicode_line_separators_add_no_line(text):
    """A card's line is the line Obsidian shows it on: editors break lines at \\n only, so
    U+2028, U+2029 and NEL are spaces, with or without mojibake to repair around them."""
    out = repair_text(text)
    assert out.count("\n") == text.count("\n")
    assert not set(out) & {"\u2028", "\u2029", "\x85"}


def test_mojibake_repaired_in_file_and_frontmatter(tmp_path):
    note = read(tmp_path, "---\ntitle: üß† Tide Pools\n---\n"
                          "## üß© Zonation\n\nBands of life ‚Äî set by how long each is dry.\n")
    assert note.meta["title"] == "🧠 Tide Pools"
    assert "## 🧩 Zonation" in note.text
    assert "— set by" in note.text
    assert "‚Ä" not in note.text and "üß" not in note.text


def test_crlf_file_reads_like_lf_file_with_same_lines(tmp_path):
    lf = "# Ferns\n\n- **Frond:** the leaf of a fern.\n\n## Rhizome\n\nAn underground stem.\n"
    doc_lf = parse(tmp_path, lf, "a.md")
    doc_crlf = parse_document(read(tmp_path, name="b.md", raw=lf.replace("\n", "\r\n").encode()))
    doc_cr = parse_document(read(tmp_path, name="c.md", raw=lf.replace("\n", "\r").encode()))
    for doc in (doc_crlf, doc_cr):
        assert [(s.title, s.line) for s in doc.sections] == \
            [(s.title, s.line) for s in doc_lf.sections]
        assert "\r" not in body_text(doc)
        assert [b.line for b, _ in all_blocks(doc)] == [b.line for b, _ in all_blocks(doc_lf)]


def test_bom_is_dropped_and_frontmatter_still_found(tmp_path):
    raw = "\ufeff---\ntitle: Ferns\nid: ferns-1\n---\n# Ferns\n\nText.\n".encode("utf-8")
    note = read(tmp_path, raw=raw)
    assert note.meta["title"] == "Ferns"
    assert note.identity == "ferns-1"
    assert "\ufeff" not in note.text
    assert note.diagnostics == ()


def test_nbsp_and_zero_width_do_not_break_structure(tmp_path):
    raw = ("##\u00a0Rhizome\n\nAn underground\u00a0stem that\u200b sends out roots.\n"
           "\n- **Frond:**\u00a0the leaf\u202fof a fern.\n").encode("utf-8")
    cards, _ = cards_of(tmp_path, raw=raw)
    got = terms(cards)
    assert got["Rhizome"] == "An underground stem that sends out roots."
    assert got["Frond"] == "The leaf of a fern."


def test_utf16_with_bom_is_decoded_without_warning(tmp_path):
    note = read(tmp_path, raw="# Ferns\n\n- **Spore:** a tiny cell.\n".encode("utf-16"))
    assert "**Spore:**" in note.text
    assert note.diagnostics == ()


def test_non_utf8_bytes_decode_with_warning_naming_the_file(tmp_path):
    raw = b"# Ferns\n\n- **Sorus:** a \x93cluster\x94 of spore cases \x85 under a leaf.\n"
    note = read(tmp_path, name="sub/ferns.md", raw=raw)
    assert "“cluster”" in note.text and "…" in note.text
    (diag,) = [d for d in note.diagnostics if "UTF-8" in d.message]
    assert diag.level == "warning"
    assert diag.source == "sub/ferns.md"
    assert "sub/ferns.md" in str(diag)
    assert "cp1252" in diag.message


def test_decode_bytes_never_raises():
    assert decode_bytes(b"\x81\x8d\x8f")[1] == "latin-1"   # bytes cp1252 leaves undefined
    assert decode_bytes(b"caf\xc3\xa9") == ("café", "utf-8")
    assert decode_bytes(b"\xef\xbb\xbfhi") == ("hi", "utf-8")
    assert decode_bytes(bytes(range(256)))[0]


def test_binary_and_empty_files_give_diagnostics_not_notes(tmp_path):
    path = write(tmp_path, name="blob.txt", raw=b"\x00\x01\x02binary\x00")
    found = read_note(NoteFile(path, tmp_path))
    assert isinstance(found, Diagnostic) and "binary" in found.message
    note = read(tmp_path, "  \n\n", name="empty.md")
    assert any("empty" in d.message for d in note.diagnostics)


# ---------------------------------------------------------------- frontmatter

FM_NOTE = """---
title: Tide Pools
tags: [ocean, field-guide]
aliases:
  - Rock Pools
  - Intertidal Pools
id: tide-pools-01
---
# Tide Pools

- **Anemone:** a soft animal that stings passing prey.
"""


def test_frontmatter_keys_are_kept(tmp_path):
    note = read(tmp_path, FM_NOTE)
    assert note.meta["title"] == "Tide Pools"
    assert note.meta["tags"] == ["ocean", "field-guide"]
    assert note.meta["aliases"] == ["Rock Pools", "Intertidal Pools"]
    assert note.meta["id"] == "tide-pools-01"
    assert note.identity == "tide-pools-01"
    assert note.body_line == 9
    assert not note.text.startswith("---")
    assert note.diagnostics == ()


def test_frontmatter_flows_into_cards(tmp_path):
    cards, diags = cards_of(tmp_path, FM_NOTE)
    (card,) = cards
    assert card.note_id == "tide-pools-01"
    assert card.note_title == "Tide Pools"
    assert "notedeck::ocean" in card.tags and "notedeck::field-guide" in card.tags
    assert card.line == 11
    assert diags == []


@pytest.mark.parametrize("frontmatter, fm_lines", [
    ("---\ntitle: [never closed\nsource: guide\n---\n", 4),          # flow sequence unclosed
    ("---\ntitle: Ferns\n  bad: indent\n---\n", 4),                  # bad mapping indentation
    ("---\ntitle: Ferns\nsource: @handle\n---\n", 4),                # reserved indicator
    ("---\ntitle: Ferns\ntags: [a, b\nid: x\n---\n", 5),
])
def test_broken_yaml_gives_diagnostic_with_file_and_line_and_body_is_read(
        tmp_path, frontmatter, fm_lines):
    body = "# Ferns\n\n- **Frond:** the leaf of a fern plant.\n"
    note = read(tmp_path, frontmatter + body, name="ferns.md")
    (diag,) = note.diagnostics
    assert diag.level == "warning"
    assert diag.source == "ferns.md"
    assert 1 <= diag.line <= fm_lines
    assert "YAML" in diag.message
    assert str(diag).startswith(f"ferns.md:{diag.line}:")
    assert note.meta == {}
    assert note.body_line == fm_lines + 1
    cards, _ = cards_of(tmp_path, frontmatter + body, name="ferns.md")
    assert terms(cards) == {"Frond": "The leaf of a fern plant."}
    assert cards[0].line == fm_lines + 3


def test_broken_yaml_line_points_at_the_bad_line(tmp_path):
    note = read(tmp_path, "---\ntitle: Ferns\nsource: guide\nnote: @bad\nid: 4\n---\nBody.\n")
    (diag,) = note.diagnostics
    assert diag.line == 4


def test_unterminated_frontmatter_is_reported_and_read_as_body(tmp_path):
    text = "---\ntitle: Ferns\n\n# Ferns\n\n- **Frond:** the leaf of a fern plant.\n"
    note = read(tmp_path, text, name="ferns.md")
    (diag,) = note.diagnostics
    assert (diag.source, diag.line, diag.level) == ("ferns.md", 1, "warning")
    assert "never closed" in diag.message
    assert note.body_line == 1
    cards, _ = cards_of(tmp_path, text, name="ferns.md")
    assert terms(cards) == {"Frond": "The leaf of a fern plant."}
    assert cards[0].line == 6


@pytest.mark.parametrize("inner", ["- ocean\n- ferns\n", "just one string\n", "42\n"])
def test_non_mapping_frontmatter_is_reported_and_body_read(tmp_path, inner):
    text = "---\n" + inner + "---\n# Ferns\n\n- **Frond:** the leaf of a fern plant.\n"
    note = read(tmp_path, text, name="ferns.md")
    (diag,) = note.diagnostics
    assert diag.source == "ferns.md" and diag.line >= 1
    assert "mapping" in diag.message
    assert note.meta == {}
    cards, _ = cards_of(tmp_path, text, name="ferns.md")
    assert terms(cards) == {"Frond": "The leaf of a fern plant."}
    assert cards[0].line == text.split("\n").index("- **Frond:** the leaf of a fern plant.") + 1


def test_empty_frontmatter_and_dot_terminator(tmp_path):
    meta, body, line, diags = split_frontmatter("---\n---\nBody", "n.md")
    assert (meta, body, line, diags) == ({}, "Body", 3, [])
    meta, body, line, diags = split_frontmatter("---\ntitle: X\n...\nBody", "n.md")
    assert (meta, body, line, diags) == ({"title": "X"}, "Body", 4, [])


# ---------------------------------------------------------------- shape from content

def test_txt_with_frontmatter_is_read_as_markdown(tmp_path):
    text = "---\ntitle: Ferns\n---\nFerns\n\n- **Frond:** the leaf of a fern plant.\n"
    note = read(tmp_path, text, name="ferns.txt")
    assert note.shape == "markdown"
    cards, _ = cards_of(tmp_path, text, name="ferns.txt")
    assert terms(cards) == {"Frond": "The leaf of a fern plant."}


def test_txt_with_markdown_signs_is_markdown(tmp_path):
    text = "# Ferns\n\n## Frond\n\nThe leaf of a fern plant.\n"
    assert read(tmp_path, text, name="ferns.txt").shape == "markdown"
    cards, _ = cards_of(tmp_path, text, name="ferns.txt")
    assert terms(cards) == {"Frond": "The leaf of a fern plant."}


def test_txt_saved_from_a_web_page_with_one_stray_link_stays_plain_text(tmp_path):
    # A text export leaves a link half-converted now and then; the page is still plain
    # text: its indented definitions are a glossary, not one paragraph.
    text = ("Glossary of Pond Life\n\nDaphnia\n    A small crustacean that filters algae"
            " from the water.\nHydra\n    A tiny freshwater polyp that stings its prey"
            " (see the photo](img/hydra.png)).\n")
    assert read(tmp_path, text, name="pond.txt").shape == "text"
    cards, _ = cards_of(tmp_path, text, name="pond.txt")
    assert terms(cards)["Daphnia"] == "A small crustacean that filters algae from the water."
    # Two such signs, or a bold term: Markdown saved as .txt
    twice = text + "\nSee [the key](key.md).\n"
    assert read(tmp_path / "a", twice, name="pond.txt").shape == "markdown"
    bold = "**Daphnia:** a small crustacean that filters algae.\n"
    assert read(tmp_path / "b", bold, name="pond.txt").shape == "markdown"
    # a .md file is Markdown on any one sign, as before
    assert read(tmp_path / "c", text, name="pond.md").shape == "markdown"


def test_md_file_with_only_bare_lines_gives_the_same_cards_as_a_txt(tmp_path):
    text = ("Fern Field Guide\n\nFerns are old plants that reproduce by spores.\n\n"
            "Rhizome\nAn underground stem that sends out roots and fronds.\n\n"
            "Sorus\nA cluster of spore cases under a leaf.\n")
    md_cards, _ = cards_of(tmp_path / "a", text, name="ferns.md")
    txt_cards, _ = cards_of(tmp_path / "b", text, name="ferns.txt")
    want = {"Ferns": "Old plants that reproduce by spores.",
            "Rhizome": "An underground stem that sends out roots and fronds.",
            "Sorus": "A cluster of spore cases under a leaf."}
    assert terms(md_cards) == want
    assert terms(txt_cards) == want
    assert [c.line for c in md_cards] == [c.line for c in txt_cards] == [3, 5, 8]


# ---------------------------------------------------------------- plain text -> Document

PLAIN = """Tide Pool Field Notes

Tide pools are pockets of sea water left behind on rocks at low tide.

Zonation
The shore splits into bands by how long each stays dry.

Creatures
Life In The Pools
  • Anemone — a soft animal that stings passing prey
    • Tentacle — an arm lined with stinging cells
      • Nematocyst — the stinging capsule itself
  • Limpet — a grazing snail under a cone shell

1. The High Shore

Only the hardiest snails live up here, wet by spray alone.

Steps to follow
1. Check the tide table
2. Wear shoes that grip
3. Put each rock back.

| Myth | Reframe |
| Pools are empty at low tide | Most animals hide under rocks and weed |

| Term | Definition |
|---|---|
| Splash zone | The highest band, wet only by spray |

Quick Facts
Sea stars can regrow lost arms.
Crabs molt to grow.

Q: When is the best time to visit?
A: At the lowest tide of the month.
"""


@pytest.fixture
def plain_doc(tmp_path):
    note = read(tmp_path, PLAIN, name="pools.txt")
    assert note.shape == "text"
    return parse_document(note)


def section(doc, title):
    (sec,) = [s for s in doc.sections if s.title == title]
    return sec


def test_plain_title_line_and_bare_line_headings(plain_doc):
    assert plain_doc.title == "Tide Pool Field Notes"
    first = plain_doc.sections[0]
    assert (first.title, first.level, first.line) == ("Tide Pool Field Notes", 1, 1)
    zon = section(plain_doc, "Zonation")
    assert zon.level == 2 and zon.line == 5
    (para,) = zon.blocks
    assert para.text.text == "The shore splits into bands by how long each stays dry."
    assert para.line == 6
    # a heading right under a heading is its sub-heading
    creatures, life = section(plain_doc, "Creatures"), section(plain_doc, "Life In The Pools")
    assert (creatures.line, life.line) == (8, 9)
    assert life.level == creatures.level + 1
    assert life.path[-2:] == ("Creatures", "Life In The Pools")


def test_plain_bullets_at_several_indents_nest(plain_doc):
    (lst,) = section(plain_doc, "Life In The Pools").blocks
    assert isinstance(lst, ListBlock) and not lst.ordered
    assert [(i.text.text, i.line) for i in lst.items] == [
        ("Anemone — a soft animal that stings passing prey", 10),
        ("Limpet — a grazing snail under a cone shell", 13)]
    (sub,) = lst.items[0].children
    assert [(i.text.text, i.line) for i in sub.items] == [
        ("Tentacle — an arm lined with stinging cells", 11)]
    (subsub,) = sub.items[0].children
    assert [(i.text.text, i.line) for i in subsub.items] == [
        ("Nematocyst — the stinging capsule itself", 12)]


def test_plain_numbered_sub_heading(plain_doc):
    high = section(plain_doc, "1. The High Shore")
    assert high.line == 15
    (para,) = high.blocks
    assert para.line == 17 and para.text.text.startswith("Only the hardiest snails")


def test_plain_numbered_items_are_a_list(plain_doc):
    steps = section(plain_doc, "Steps to follow")
    lst = steps.blocks[0]
    assert isinstance(lst, ListBlock) and lst.ordered
    assert [(i.text.text, i.line) for i in lst.items] == [
        ("Check the tide table", 20), ("Wear shoes that grip", 21), ("Put each rock back.", 22)]


def test_plain_last_numbered_item_before_prose_stays_an_item(tmp_path):
    text = ("Tide Pool Visits\n\nSteps to follow\n1. Check the tide table\n2. Wear shoes that "
            "grip\n3. Put each rock back\n\nThe animals under them need the shade.\n")
    doc = parse(tmp_path, text, name="visits.txt")
    assert [s.title for s in doc.sections] == ["Tide Pool Visits", "Steps to follow"]
    lst = section(doc, "Steps to follow").blocks[0]
    assert [i.text.text for i in lst.items] == [
        "Check the tide table", "Wear shoes that grip", "Put each rock back"]
    cards, _ = cards_of(tmp_path, text, name="visits.txt")
    assert "Put each rock back" not in terms(cards)


def test_plain_pipe_tables_with_and_without_separator(plain_doc):
    tables = [b for b, _ in all_blocks(plain_doc) if isinstance(b, Table)]
    assert len(tables) == 2
    myth, gloss = tables
    assert [h.text for h in myth.header] == ["Myth", "Reframe"]
    assert [[c.text for c in r] for r in myth.rows] == [
        ["Pools are empty at low tide", "Most animals hide under rocks and weed"]]
    assert (myth.line, myth.row_lines) == (24, (25,))
    assert [h.text for h in gloss.header] == ["Term", "Definition"]
    assert [[c.text for c in r] for r in gloss.rows] == [
        ["Splash zone", "The highest band, wet only by spray"]]
    assert (gloss.line, gloss.row_lines) == (27, (29,))


def test_plain_qa_lines_and_single_line_paragraphs(plain_doc):
    paras = {p.text.text: p.line for p in paragraphs(plain_doc)}
    assert paras["Sea stars can regrow lost arms."] == 32
    assert paras["Crabs molt to grow."] == 33
    assert paras["Q: When is the best time to visit?"] == 35
    assert paras["A: At the lowest tide of the month."] == 36
    assert not any(s.title.startswith(("Q:", "A:")) for s in plain_doc.sections)


def test_plain_line_cut_mid_sentence_joins_a_lowercase_continuation(tmp_path):
    text = ("Tide Pools\n\nPools hold sea water at low tide.\n\n"
            "Sea stars regrow their arms over long,\nslow months in cold water.\n")
    doc = parse(tmp_path, text, name="pools.txt")
    paras = {p.text.text: p.line for p in paragraphs(doc)}
    # a line of several words cut mid-sentence reads on over its break
    assert paras["Sea stars regrow their arms over long, slow months in cold water."] == 5


def test_plain_unpunctuated_line_cut_mid_sentence_is_not_a_heading(tmp_path):
    text = ("Tide Pools\n\nPools hold sea water at low tide.\n\n"
            "Sea stars regrow their arms over many\nmonths in cold water.\n")
    doc = parse(tmp_path, text, name="pools.txt")
    assert [s.title for s in doc.sections] == ["Tide Pools"]
    cards, _ = cards_of(tmp_path, text, name="pools.txt")
    assert terms(cards) == {}


def test_plain_text_cards(tmp_path):
    cards, _ = cards_of(tmp_path, PLAIN, name="pools.txt")
    got = terms(cards)
    assert got["Zonation"] == "The shore splits into bands by how long each stays dry."
    assert got["Anemone"] == "A soft animal that stings passing prey"
    assert got["Nematocyst"] == "The stinging capsule itself"
    assert got["Splash zone"] == "The highest band, wet only by spray"
    myths = [c for c in cards if c.kind == "myth"]
    assert [(c.fields["myth"], c.line) for c in myths] == [("Pools are empty at low tide", 25)]
    assert not any(c.fields.get("term") == "Quick Facts" for c in cards)
    qas = [c for c in cards if c.kind == "qa"]
    assert [(c.fields["question"], c.fields["answer"], c.line) for c in qas] == [
        ("When is the best time to visit?", "At the lowest tide of the month.", 35)]


def test_plain_text_markup_characters_stay_literal(tmp_path):
    text = ("Shell Counting\n\nCounting\nWe note a < b and 2 * 3 = 6 for C# scripts [sic] "
            "with a_b_c.\n")
    doc = parse(tmp_path, text, name="count.txt")
    (para,) = section(doc, "Counting").blocks
    assert para.text.text == "We note a < b and 2 * 3 = 6 for C# scripts [sic] with a_b_c."


# ---------------------------------------------------------------- Markdown -> Document

MD = """---
title: Coral Reefs
tags: [ocean]
---
# Coral Reefs

See [[Ocean_Currents|currents]], [[Some_Note]], [[reefs/Deep Sea.md]] and [[Atolls#Rings]].
A ==bright== fact about #biology and #ocean/reefs here; issue #12 and C# stay.

<!-- a hidden line about Zooxanthellae: never a card -->

> [!note] Polyp Basics
> **Polyp:** a tiny soft animal that builds the reef.

> [!tip]
> A plain tip body.

Lagoon
: The calm water enclosed by a reef.

Bleaching is common in warm years.[^1] %% private aside %%

[^1]: Warm water makes corals expel their algae.

Plain text <!-- inline comment --> continues.
"""


@pytest.fixture
def md_doc(tmp_path):
    return parse(tmp_path, MD, name="reefs.md")


def test_markdown_wikilinks_highlight_and_tags(md_doc):
    first = md_doc.sections[0].blocks[0]
    # as Obsidian's reading view shows them: the alias, the name as written, "Note > Heading"
    assert first.text.text.split("\n")[0] == \
        "See currents, Some_Note, Deep Sea and Atolls > Rings."
    second = first.text.text.split("\n")[1]
    assert "==" not in second and "bright" in second
    assert "#biology" not in second and "#ocean" not in second
    assert "issue #12" in second and "C#" in second
    assert md_doc.title == "Coral Reefs"


def test_markdown_callouts_keep_type_and_title(md_doc):
    quotes = [b for b in md_doc.sections[0].blocks if isinstance(b, Quote)]
    assert [(q.callout, q.title.text, q.line) for q in quotes] == [
        ("note", "Polyp Basics", 12), ("tip", "", 15)]
    assert quotes[0].blocks[0].text.text == "Polyp: a tiny soft animal that builds the reef."
    assert quotes[1].blocks[0].text.text == "A plain tip body."


def test_markdown_comments_and_footnotes_are_not_text(md_doc):
    text = body_text(md_doc)
    assert "Zooxanthellae" not in text and "inline comment" not in text
    assert "private aside" not in text
    assert "expel their algae" not in text and "[^1]" not in text
    assert "Bleaching is common in warm years." in text
    assert "Plain text" in text and "continues." in text


def test_markdown_definition_lists(md_doc):
    (dl,) = [b for b in md_doc.sections[0].blocks if isinstance(b, DefList)]
    (item,) = dl.items
    assert (item.term.text, item.definition.text, item.line) == (
        "Lagoon", "The calm water enclosed by a reef.", 18)


def test_markdown_cards_from_features(tmp_path):
    cards, _ = cards_of(tmp_path, MD, name="reefs.md")
    got = terms(cards)
    assert got["Polyp"] == "A tiny soft animal that builds the reef."
    assert got["Lagoon"] == "The calm water enclosed by a reef."
    assert not any("Zooxanthellae" in str(c.fields) for c in cards)
    assert not any("algae" in str(c.fields) for c in cards)


# ---------------------------------------------------------------- line numbers

def test_every_markdown_block_has_its_file_line(md_doc):
    lines = MD.split("\n")
    for block, _sec in all_blocks(md_doc):
        if isinstance(block, Paragraph) and block.text.text.startswith(("Polyp:", "A plain")):
            continue    # callout bodies: see test_callout_body_has_its_own_line
        src = lines[block.line - 1]
        if isinstance(block, Paragraph):
            first = block.text.text.split("\n")[0]
            assert first.split()[0].strip("*:") in src, (block, src)
        elif isinstance(block, Quote):
            assert src.startswith("> [!")
        elif isinstance(block, DefList):
            assert src == "Lagoon"
    for sec in md_doc.sections:
        assert lines[sec.line - 1].lstrip("#").strip() == sec.title


def test_callout_body_has_its_own_line(tmp_path):
    text = "# Reefs\n\n> [!note] Polyp Basics\n> **Polyp:** a tiny soft animal of the reef.\n"
    doc = parse(tmp_path, text, name="reefs.md")
    (quote,) = doc.sections[0].blocks
    assert quote.line == 3
    assert quote.blocks[0].line == 4
    cards, _ = cards_of(tmp_path, text, name="reefs.md")
    assert [(c.fields["term"], c.line) for c in cards] == [("Polyp", 4)]


def test_markdown_lines_with_frontmatter_lists_and_tables(tmp_path):
    text = ("---\ntitle: Rivers\nid: rivers\nauthor: me\n---\n"      # lines 1-5
            "# Rivers\n\n"                                          # 6
            "## Meander\n\nA loop in a river channel.\n\n"          # 8, 10
            "- **Oxbow:** a lake left by a cut-off meander.\n"       # 12
            "  - **Levee:** a raised bank along a river.\n"          # 13
            "\n| Term | Definition |\n|---|---|\n"                    # 15
            "| Delta | Land built where a river meets the sea |\n"    # 17
            "| Estuary | Where fresh water meets salt water |\n")     # 18
    doc = parse(tmp_path, text, name="rivers.md")
    assert [(s.title, s.line) for s in doc.sections] == [("Rivers", 6), ("Meander", 8)]
    blocks = doc.sections[1].blocks
    assert blocks[0].line == 10
    lst = blocks[1]
    assert lst.line == 12 and lst.items[0].line == 12
    assert lst.items[0].children[0].items[0].line == 13
    table = blocks[2]
    assert table.line == 15 and table.row_lines == (17, 18)
    cards, _ = cards_of(tmp_path, text, name="rivers.md")
    assert {c.fields["term"]: c.line for c in cards if c.kind == "term"} == {
        "Oxbow": 12, "Levee": 13, "Delta": 17, "Estuary": 18}


def test_plain_text_lines_follow_the_file(plain_doc):
    lines = PLAIN.split("\n")
    for sec in plain_doc.sections:
        assert lines[sec.line - 1].strip() == sec.title
    for block, _ in all_blocks(plain_doc):
        if isinstance(block, Paragraph):
            assert lines[block.line - 1].strip() == block.text.text.split("\n")[0]
        if isinstance(block, ListBlock):
            for item in block.items:
                assert item.text.text in lines[item.line - 1]


# ---------------------------------------------------------------- finding notes

def test_find_notes_skips_hidden_folders_and_non_notes(tmp_path):
    for rel in ["a.md", "b.txt", "sub/c.markdown", "sub/deeper/d.md",
                ".obsidian/workspace.md", ".git/COMMIT_EDITMSG.txt", ".git/x/e.md",
                "sub/.trash/f.md", "image.png", "data.json", ".hidden.md"]:
        write(tmp_path, "# x\n", name=rel)
    found = [nf.source for nf in find_notes([tmp_path])]
    assert found == ["a.md", "b.txt", "sub/c.markdown", "sub/deeper/d.md"]


def test_find_notes_single_file_is_relative_to_its_folder(tmp_path):
    path = write(tmp_path, "# x\n", name="sub/one.md")
    (nf,) = find_notes([path])
    assert nf.source == "one.md"


def test_ftfy_is_loaded_only_for_text_that_can_hold_its_mojibake():
    """Start-up stays light: a note with dashes, curly quotes and emoji never imports ftfy;
    one with cp1252 mojibake does, and is repaired."""
    import subprocess
    import sys
    probe = ("import sys; from notedeck.reading.decode import repair_text; "
             "out = repair_text(sys.argv[1]); print(repr(out), 'ftfy' in sys.modules)")
    clean = subprocess.run([sys.executable, "-c", probe, "A dash \u2014 \u201cquoted\u201d \U0001f9e0"],
                           capture_output=True, text=True, check=True).stdout
    assert clean.strip().endswith("False")
    broken = subprocess.run([sys.executable, "-c", probe, "caf\u00c3\u00a9 \u00e2\u20ac\u201d ok"],
                            capture_output=True, text=True, check=True).stdout
    assert broken.strip().endswith("True") and "café" in broken


def test_a_bare_line_after_a_bullet_that_doubts_is_a_heading(tmp_path):
    # "- Seed dispersal?" is a bullet's doubt, not a quiz's question: the short line after
    # it titles the next slide (a numbered "1. What is X?" is answered by the line under it)
    text = ("Ferns\n\n  • Spores\n  • Seed dispersal?\n\nRhizomes\n\n"
            "  • Underground stems\n  • Send out roots and fronds\n")
    doc = parse_document(read(tmp_path, text, name="ferns.txt"))
    assert [s.title for s in doc.sections] == ["Ferns", "Rhizomes"]
