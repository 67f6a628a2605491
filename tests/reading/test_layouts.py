"""Other tools' note syntax (reading/layouts.py) and hard-wrapped text (plaintext.py,
clean.py), through the real pipeline: what a note written that way gives. Every example
is written for these tests.
"""
from __future__ import annotations

from pathlib import Path

from notedeck.pipeline import extract_cards
from notedeck.reading.layouts import rewrite_layouts


def cards(tmp_path: Path, text: str, name: str = "note.md"):
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return extract_cards([folder]).cards


def terms(found) -> dict[str, str]:
    return {c.fields["term"]: c.fields["definition"] for c in found if c.kind == "term"}


def qas(found) -> dict[str, str]:
    return {c.fields["question"]: c.fields["answer"] for c in found if c.kind == "qa"}


# ---------------------------------------------------------------- foreign syntax, line for line

def test_rewriting_keeps_every_line_where_it_was():
    text = ('??? question "Which gas do plants take in?"\n\n\tCarbon dioxide.\n\nNext\n'
            "Stoma::\n\tA pore in a leaf.\n```{glossary}\nXylem\n    Water-carrying tissue.\n```\n"
            "<div class=\"box\">\n<dt>Phloem</dt>\n<dd>Sugar-carrying tissue.</dd>\n</div>\n")
    assert rewrite_layouts(text).count("\n") == text.count("\n")


def test_mkdocs_admonitions_become_question_callouts(tmp_path):
    found = cards(tmp_path, "# Plants\n\n"
                            '???+ question "Which gas do leaves take in for photosynthesis?"\n\n'
                            "\tCarbon dioxide, through the stomata.\n\n"
                            '!!! question "Where does the light reaction happen"\n'
                            "    In the thylakoid membranes.\n")
    assert qas(found) == {
        "Which gas do leaves take in for photosynthesis?": "Carbon dioxide, through the stomata.",
        "Where does the light reaction happen": "In the thylakoid membranes."}
    assert [c.line for c in found] == [3, 7]


def test_asciidoc_terms_over_indented_definitions(tmp_path):
    found = cards(tmp_path, "= Leaf FAQ\n\n[[stoma]]\nWhat is a stoma for?::\n"
                            "\tIt lets gases in and out\n\tof the leaf.\n\nCuticle::\n"
                            "\tThe waxy layer that keeps a leaf from drying out.\n",
                  name="leaf.txt")
    assert qas(found) == {"What is a stoma for?": "It lets gases in and out of the leaf."}
    assert terms(found) == {"Cuticle": "The waxy layer that keeps a leaf from drying out."}


def test_myst_glossary_and_roles(tmp_path):
    found = cards(tmp_path, "# Glossary\n\n```{glossary}\nPhloem\n"
                            "    Tissue that carries sugars from the {term}`leaves<leaf>`\n"
                            "    to the rest of the plant.\n\nXylem\n"
                            "    Tissue that carries water up from the roots.\n```\n")
    assert terms(found) == {
        "Phloem": "Tissue that carries sugars from the leaves to the rest of the plant.",
        "Xylem": "Tissue that carries water up from the roots."}


def test_kramdown_attributes_and_div_lines_leave_no_debris(tmp_path):
    found = cards(tmp_path, "# Light\n\n<div data-type=\"note\">\n<div data-type=\"title\">\n"
                            "Box\n</div>\nA **photon**{: data-type=\"term\" #id42} is a packet "
                            "of light energy.\n\n</div>\n")
    assert terms(found) == {"photon": "A packet of light energy."}


def test_html_definition_lines(tmp_path):
    found = cards(tmp_path, "# Cells\n\n<dl>\n<dt>Vacuole</dt>\n"
                            "<dd>A sac that stores water in a plant cell.</dd>\n</dl>\n")
    assert terms(found) == {"Vacuole": "A sac that stores water in a plant cell."}


def test_mathml_reads_as_its_symbols(tmp_path):
    found = cards(tmp_path, '# Units\n\n- **Kelvin:** the unit where <math xmlns="x"><mrow>'
                            "<mn>0</mn><mtext>K</mtext></mrow></math> is absolute zero.\n")
    assert terms(found) == {"Kelvin": "The unit where 0K is absolute zero."}


# ---------------------------------------------------------------- hard-wrapped text

WRAPPED = """Soil Notes

Loam is a soil made of sand, silt and clay in roughly equal parts, which is why
gardeners prize it. Humus is the dark organic part of a soil that forms when
leaves and roots rot down over many seasons in the upper layers of the ground.

Clay holds water well but drains slowly, so roots in a clay soil can drown when
it rains for many days in a row and the pores between the tiny grains fill up.
Sand drains fast because its grains are large and the spaces between them too.
"""


def test_hard_wrapped_plain_text_reads_as_sentences(tmp_path):
    found = terms(cards(tmp_path, WRAPPED, name="soil.txt"))
    assert found["Loam"] == ("A soil made of sand, silt and clay in roughly equal parts, "
                             "which is why gardeners prize it.")
    assert found["Humus"] == ("The dark organic part of a soil that forms when leaves and "
                              "roots rot down over many seasons in the upper layers of the ground.")


def test_hard_wrapped_markdown_reads_as_sentences(tmp_path):
    found = terms(cards(tmp_path, "# " + WRAPPED, name="soil.md"))
    assert "<br>" not in found["Humus"]
    assert found["Humus"].endswith("in the upper layers of the ground.")


def test_a_list_of_short_lines_is_not_joined(tmp_path):
    found = cards(tmp_path, "Crop Quiz\n\n1. Which crops fix nitrogen?\n\nbeans\npeas\n"
                            "clover\n", name="quiz.txt")
    assert qas(found) == {"Which crops fix nitrogen?": "Beans; peas; clover"}


def test_pdf_lines_wrapped_short_still_join(tmp_path):
    text = ("Field Notes\n\n" + "\n".join([
        "Erosion is the wearing away of the land surface by water, wind and ice, which carry",
        "soil and rock fragments from one place to another over long periods of time and",
        "leave valleys where the rock was soft. Weathering is the breaking down of rock in",
        "place by frost, heat, plants and water without the pieces being carried anywhere",
        "else by any agent at all. Deposition is the laying down of the carried material",
        "when the water, wind or ice slows and can no longer hold it, building deltas and",
    ]) + "\nbeaches.\n")
    found = terms(cards(tmp_path, text, name="land.txt"))
    assert found["Weathering"].startswith("The breaking down of rock in place by frost")
    assert "<br>" not in found["Weathering"]


def test_indented_definitions_under_names(tmp_path):
    found = cards(tmp_path, "Pond Words\n\nplankton\n    Tiny drifting plants and animals"
                            " that\n    feed the pond.\nbenthos\n    The creatures living on "
                            "the bottom of a pond.\n", name="pond.txt")
    assert terms(found) == {
        "plankton": "Tiny drifting plants and animals that feed the pond.",
        "benthos": "The creatures living on the bottom of a pond."}


def test_pdf_bullets_page_numbers_and_running_heads(tmp_path):
    page = "BIO 101 Course Notes\n"
    text = (page + "Cells\no Mitochondria are organelles that release energy from food.\n"
            "o Ribosomes are organelles that build proteins.\n7\n\f" + page + page
            + "2.1.3. Membranes\nA membrane is a thin layer of lipids around a cell.\n\f"
            + page)
    found = terms(cards(tmp_path, text, name="bio.txt"))
    assert set(found) == {"Mitochondria", "Ribosomes", "Membranes"}
    assert not any("BIO 101" in d or d.endswith(" 7") for d in found.values())


def test_abbreviated_value_titles(tmp_path):
    found = terms(cards(tmp_path, "Feature: Tense\n\nPst: past\n\nThe past tense places an "
                                  "event before the moment of speaking.\n\nFut: future\n\n"
                                  "The future tense places an event after the moment of "
                                  "speaking.\n", name="tense.txt"))
    assert found == {
        "Past": "The past tense places an event before the moment of speaking.",
        "Future": "The future tense places an event after the moment of speaking."}
