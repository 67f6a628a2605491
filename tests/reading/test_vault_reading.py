"""Reading what large vaults by other people hold (issue 17, second round): which H1 titles
a note, #tags that are words of their sentence, exporters' attribute lines, callout types
with spaces, a saved page's sidebar, wrapped list items of plain text. Every example note is
written for these tests.
"""
from __future__ import annotations

from pathlib import Path

from notedeck.reading.clean import clean_document
from notedeck.reading.document import ListBlock, Paragraph, Quote
from notedeck.reading.markdown import parse_document
from notedeck.reading.note import read_note
from notedeck.reading.sources import NoteFile


def parse(tmp_path: Path, text: str, name: str = "note.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    note = read_note(NoteFile(path, tmp_path))
    return note, clean_document(parse_document(note))


def test_the_first_h1_titles_the_note_only_when_it_is_its_title(tmp_path):
    _, doc = parse(tmp_path, "Airborne spread.\n\n# Clinical features\n\nrash\n\n# Treatment\n\n"
                             "calamine\n", "chicken pox.md")
    assert doc.title == "Chicken pox"       # H1s that are the note's parts
    _, doc = parse(tmp_path, "# Uses\n\nhypertension\n\n# Cautions\n\nrenal artery stenosis\n",
                   "ace inhibitors.md")
    assert doc.title == "Ace inhibitors"
    _, doc = parse(tmp_path, "# Fascia\n\nConnective tissue.\n\n# Reference\n\n- a book\n",
                   "Fascia.md")
    assert doc.title == "Fascia"            # back matter does not count
    _, doc = parse(tmp_path, "# Groundwater Systems\n\nWater under ground.\n", "lecture_4.md")
    assert doc.title == "Groundwater Systems"


def test_a_tag_that_is_a_word_of_its_sentence_keeps_its_word(tmp_path):
    _, doc = parse(tmp_path, "# Protocols\n#UDP is a protocol without a connection.\n\n"
                             "- faster than #TCP\n- up to the #session-layer\n- Bronze skin "
                             "#named\n")
    blocks = doc.sections[-1].blocks
    assert blocks[0].text.text == "UDP is a protocol without a connection."
    assert [i.text.text for i in blocks[1].items] == ["faster than TCP",
                                                      "up to the session layer", "Bronze skin"]
    assert doc.tags == ("UDP", "TCP", "session-layer", "named")


def test_attribute_lines_of_site_exports_are_dropped(tmp_path):
    _, doc = parse(tmp_path, "> [!Definition] Definition\n> A movement away from the midline.\n"
                             "{ #5d3552}\n\n| Incoming Links |\n| --- |\n\n"
                             "{ .block-language-dataview}\n")
    text = " ".join(b.text.text for s in doc.sections for b in s.blocks
                    if isinstance(b, Paragraph))
    assert "{" not in text and "#5d3552" not in text


def test_callout_types_may_hold_spaces(tmp_path):
    _, doc = parse(tmp_path, ">[!Reference Links]-\n> 1. [PDF: Meningitis](https://a.org/m.pdf)\n")
    quote = doc.sections[0].blocks[0]
    assert isinstance(quote, Quote) and quote.callout == "reference links"


def test_a_closed_bold_pair_makes_markdown_a_lone_double_star_does_not(tmp_path):
    note, _ = parse(tmp_path, "Formats\n\nNIfTI   .nii (**)   Neuroimaging\n\n(**) compressed\n",
                    "formats.txt")
    assert note.shape == "text"
    note, _ = parse(tmp_path, "Formats\n\nThe **NIfTI** format.\n", "formats.txt")
    assert note.shape == "markdown"


def test_a_sidebar_heading_near_the_top_of_a_saved_page_keeps_the_lesson(tmp_path):
    page = ("Skip to main content\n\nRESOURCES\n\nKey Points\n\nGlossary\n\n"
            "Types of MR scans\n\nAnatomical\n\n  • 3D image of anatomy\n  • can "
            "differentiate tissue types\n\n" + "The lesson goes on with long text. " * 40
            + "\n")
    _, doc = parse(tmp_path, page, "page.txt")
    titles = [s.title for s in doc.sections]
    assert "Types of MR scans" in titles and "Anatomical" in titles


def test_a_numbered_item_cut_mid_sentence_goes_on_in_plain_text(tmp_path):
    text = ("Traits\n\n1. Extraversion – how talkative and sociable you are. More likely to "
            "enjoy social interaction and\nseek it out actively.\n2. Neuroticism – how "
            "anxious you are.\n")
    _, doc = parse(tmp_path, text, "traits.txt")
    items = next(b for s in doc.sections for b in s.blocks if isinstance(b, ListBlock)).items
    assert items[0].text.text.endswith("social interaction and seek it out actively.")
    assert len(items) == 2


def test_a_slide_wrapped_narrow_reads_as_its_sentence(tmp_path):
    text = ("Cognition\n\nMuseum Metaphor\nLike a museum has\nmany rooms and\nartifacts, there "
            "are a\ngreat diversity of ideas,\napproaches in cognition.\n\nFoods\n\nbeans\npeas\n"
            "clover\n")
    _, doc = parse(tmp_path, text, "slides.txt")
    texts = [b.text.text for s in doc.sections for b in s.blocks if isinstance(b, Paragraph)]
    assert "Like a museum has many rooms and artifacts, there are a great diversity of ideas, " \
           "approaches in cognition." in texts
    assert not any("beans peas" in t for t in texts)       # a list of words stays a list


def test_a_restructuredtext_glossary_in_plain_text_reads_as_definitions(tmp_path):
    text = (".. glossary::\n   :sorted:\n\n   anycast\n\ta transmission mode where information "
            "goes to one receiver of a group\n\n   multicast\n\ta transmission mode where "
            "information goes to all the receivers of a group\n\n  Donor   Recipient\n"
            "           A  B\n")
    _, doc = parse(tmp_path, text, "glossary.txt")
    items = [d for s in doc.sections for b in s.blocks if type(b).__name__ == "DefList"
             for d in b.items]
    assert [d.term.text for d in items] == ["anycast", "multicast"]
