"""Blocks as HTML, for cards that show a part of the note as it is (a flashcard's answer
with its list, code block or table). Images are left out: a card carries its image in a
field of its own (pipeline.attach_images)."""
from __future__ import annotations

from typing import Callable

from .document import (
    Block,
    CodeBlock,
    DefList,
    Inline,
    ListBlock,
    MathBlock,
    Paragraph,
    Quote,
    Table,
)

InlineHTML = Callable[[Inline], str]


def block_html(block: Block, inline: InlineHTML = Inline.html) -> str:
    """``block`` as HTML; ``inline`` renders its text (Inline.html, or one that marks
    cloze deletions)."""
    if isinstance(block, Paragraph):
        return f"<p>{inline(block.text)}</p>"
    if isinstance(block, (CodeBlock, MathBlock)):
        return block.html()
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{inline(item.text)}"
                        + "".join(block_html(child, inline) for child in item.children)
                        + "</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        head = "".join(f"<th>{inline(cell)}</th>" for cell in block.header)
        rows = "".join("<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>"
                       for row in block.rows)
        return f"<table><tr>{head}</tr>{rows}</table>"
    if isinstance(block, DefList):
        return "".join(f"<p><b>{inline(d.term)}</b><br>{inline(d.definition)}</p>"
                       for d in block.items)
    if isinstance(block, Quote):
        title = f"<p><b>{inline(block.title)}</b></p>" if block.title and block.title.text else ""
        return title + "".join(block_html(child, inline) for child in block.blocks)
    return ""      # an image: the card's Image field shows it
