"""What the reader keeps of a note's markup: math, code, links, embeds, highlights and
tags, as Obsidian's reading view shows them, with nothing inside code touched."""
from __future__ import annotations

from types import MappingProxyType

import pytest

from notedeck.anki.sanitize import is_safe, sanitize_html
from notedeck.reading.document import CodeBlock, Image, Inline, MathBlock, Note, Paragraph
from notedeck.reading.markdown import parse_document


def parse(text: str, meta=None):
    note = Note("note.md", "note.md", ".", text, 1, MappingProxyType(meta or {}), "markdown")
    return parse_document(note)


def blocks(text: str) -> list:
    return [b for s in parse(text).sections for b in s.blocks]


def first(text: str) -> Inline:
    return next(b.text for b in blocks(text) if isinstance(b, Paragraph))


@pytest.mark.parametrize("text, html", [
    ("Area is $\\pi r^2$.", "Area is \\(\\pi r^2\\)."),
    ("Energy $$E = mc^2$$ here.", "Energy \\[E = mc^2\\] here."),
    ("It costs $5 and $10.", "It costs $5 and $10."),
    ("From $5 to $x$.", "From $5 to \\(x\\)."),
    ("No $ spaced $ math.", "No $ spaced $ math."),
    ("A $\\frac{1}{x^{2}}$ and $a::b$.", "A \\(\\frac{1}{x^{2} }\\) and \\(a: :b\\)."),
])
def test_math_becomes_mathjax_and_a_price_stays_text(text, html):
    assert first(text).html() == html


def test_a_formula_over_two_lines_is_one_piece_never_cut():
    inline = first("Take $a +\nb$ now\nand more.")
    assert inline.text == "Take a + b now\nand more."        # the line break in it is a space
    assert inline.slice(0, 6).html() == "Take \\(a\\)"        # sliced in it: still a formula
    assert inline.html() == "Take \\(a + b\\) now<br>and more."


def test_display_math_and_code_blocks_are_blocks_with_their_lines():
    found = blocks("Intro\n\n$$\na^2 + b^2\n$$\n\n```python\nif a < b:\n    print('[[x]] ==y==')\n```\n")
    math = next(b for b in found if isinstance(b, MathBlock))
    code = next(b for b in found if isinstance(b, CodeBlock))
    assert (math.tex, math.line, math.end) == ("a^2 + b^2", 3, 5)
    assert math.html() == "\\[a^2 + b^2\\]"
    assert (code.lang, code.line, code.end) == ("python", 7, 10)
    assert code.html() == ("<pre><code>if a &lt; b:\n    print('[[x]] ==y==')</code></pre>")


def test_inline_code_is_kept_as_written():
    inline = first("Run `git status` (not `==hi==` or `[[Link]]` or `%%x%%` or `$x$` or `#tag`).")
    assert inline.html() == ("Run <code>git status</code> (not <code>==hi==</code> or "
                             "<code>[[Link]]</code> or <code>%%x%%</code> or <code>$x$</code> "
                             "or <code>#tag</code>).")
    assert inline.literal(4) and not inline.literal(0)


def test_wikilinks_show_alias_name_or_name_and_heading():
    inline = first("See [[Note|alias]], [[Note]], [[folder/Note.md]], [[Note#Heading]], "
                   "[[Note#Part#Sub]] and [[Note#^block]].")
    assert inline.text == ("See alias, Note, Note, Note > Heading, Note > Part > Sub and "
                           "Note.")


def test_a_wikilink_with_alias_in_a_table_keeps_its_cell():
    table = blocks("| Term | Meaning |\n|---|---|\n| Newt | a [[Tail_Note|tail]] here |\n")[0]
    assert [c.text for c in table.rows[0]] == ["Newt", "a tail here"]


def test_markdown_links_are_clickable_only_where_a_tap_is_safe():
    inline = first("[docs](https://git-scm.com/docs?a=1&b=2), [note](other.md), "
                   "[bad](javascript:alert(1)) and <https://example.org/x>.")
    out = inline.html()
    assert '<a href="https://git-scm.com/docs?a=1&amp;b=2">docs</a>' in out
    assert '<a href="https://example.org/x">https://example.org/x</a>' in out
    assert ", note, bad and" in out
    assert is_safe(out) and sanitize_html(out) == out
    assert sanitize_html('<a href="javascript:alert(1)">x</a>') == "<a>x</a>"


def test_embeds_images_are_images_and_notes_are_their_title():
    found = blocks("A heart ![[heart.png|200]] and ![[Valves]] and ![[Valves#Mitral]].\n"
                   "Then ![](img/x.png) on the next line.")
    assert [(b.target, b.line) for b in found if isinstance(b, Image)] == \
        [("heart.png", 1), ("img/x.png", 2)]
    assert found[0].text.text == "A heart  and Valves and Valves > Mitral.\nThen  on the next line."


def test_highlights_are_marked_as_obsidian_shows_them():
    inline = first("The ==nucleus== holds ==**DNA**==; a == b stays.")
    assert inline.text == "The nucleus holds DNA; a == b stays."
    assert [inline.text[s:e] for s, e in inline.marked] == ["nucleus", "DNA"]
    assert inline.html() == "The <mark>nucleus</mark> holds <mark><b>DNA</b></mark>; a == b stays."


def test_comments_are_dropped():
    assert first("Seen %%hidden%% text.").text == "Seen  text."


def test_body_tags_are_collected_nested_and_dropped_from_the_text():
    doc = parse("# Title\n\nText about coping #skills/coping\n\n#psychology #flashcards/bio\n\n"
                "`#not-a-tag` and issue #12\n")
    assert doc.tags == ("skills/coping", "psychology", "flashcards/bio")
    assert doc.sections[0].blocks[0].text.text == "Text about coping"


def test_a_paragraph_after_a_line_of_tags_starts_on_its_own_line():
    para = blocks("#flashcards\nQuestion::Answer\n")[0]
    assert (para.text.text, para.line) == ("Question::Answer", 2)


def test_a_list_ends_on_its_last_line_not_the_blank_line_after_it():
    lst = blocks("- a\n- b\n\nnext\n")[0]
    assert (lst.line, lst.end) == (1, 2)


def test_inline_slices_and_joins_keep_every_span():
    inline = first("**Bold** `code` $x$ [l](https://a.b/c) ==h==")
    joined = inline.slice(0, 10) + inline.slice(10)
    assert joined == inline
    assert joined.html() == inline.html() == (
        '<b>Bold</b> <code>code</code> \\(x\\) <a href="https://a.b/c">l</a> <mark>h</mark>')
