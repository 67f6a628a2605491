"""myth: a misconception and its correction (the reframe).

Forms: tables headed Myth | Reframe (and the synonyms people use), the labels of
mythlabels.py (``Myth:`` then ``Truth:`` lines, myth headings, bullets and callouts), and
prose (mythprose.py: a belief the note puts in others' mouths, then its correction).
"""
from __future__ import annotations

from ..reading.document import Document, Inline, ListBlock, Paragraph, Table
from .base import Extractor, walk_blocks
from .mythlabels import (labelled_pairs, myth_bullets, myth_callouts, myth_card, myth_claims,
                         myth_headings)
from .mythprose import prose_pairs
from .text import normalize_key

MYTH_HEADERS = {"myth", "myths", "misconception", "misconceptions", "misunderstanding",
                "misunderstandings", "false belief", "common belief", "belief", "assumption",
                "what people think", "myth or misconception", "common myth", "the myth"}
TRUTH_HEADERS = {"reframe", "reframes", "reality", "fact", "facts", "truth", "correction",
                 "what s true", "actually", "evidence", "the truth", "the reality",
                 "what research shows", "better framing", "reframed"}


def _from_table(doc, section, table: Table):
    header = [normalize_key(h.text) for h in table.header]
    if len(header) < 2:
        return
    mi = next((i for i, h in enumerate(header) if h in MYTH_HEADERS), None)
    ti = next((i for i, h in enumerate(header) if h in TRUTH_HEADERS), None)
    if mi is not None and ti is None and len(header) == 2:
        ti = 1 - mi         # Misconception | Correct understanding: the other column
    if mi is None or ti is None:
        return
    lines = table.row_lines or (table.line,) * len(table.rows)
    for row, line in zip(table.rows, lines):
        if len(row) > max(mi, ti):
            yield myth_card(doc, section, row[mi], row[ti], line, "myth-table", 0.95)


def _prose(doc, section, inline: Inline, line: int, following: Inline | None = None):
    for myth, reframe in prose_pairs(inline, following):
        yield myth_card(doc, section, myth, reframe, line, "myth-prose", 0.8)


def extract(doc: Document):
    for section in doc.sections:
        pieces: list[tuple[Inline, int]] = []
        prose = []
        blocks = list(walk_blocks(section.blocks))
        for n, block in enumerate(blocks):
            if isinstance(block, Table):
                yield from filter(None, _from_table(doc, section, block))
            elif isinstance(block, Paragraph):
                lines = block.text.text.split("\n")
                offset = 0
                for part in lines:
                    # a one-line paragraph is its own line: no copy of it
                    pieces.append((block.text.slice(offset, offset + len(part))
                                   if len(lines) > 1 else block.text, block.line))
                    offset += len(part) + 1
                nxt = blocks[n + 1] if n + 1 < len(blocks) else None
                following = nxt.text if isinstance(nxt, Paragraph) else None
                prose.extend(filter(None, _prose(doc, section, block.text, block.line,
                                                 following)))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    pieces.append((item.text, item.line))
                    prose.extend(filter(None, _prose(doc, section, item.text, item.line)))
        corrections: set[int] = set()
        yield from filter(None, labelled_pairs(doc, section, pieces, corrections))
        # "FICTION: X" over "Many people believe X. In fact, Y.": one myth, as labelled
        yield from (c for c in prose if c.line not in corrections)
    yield from filter(None, myth_headings(doc))
    yield from filter(None, myth_bullets(doc))
    yield from filter(None, myth_callouts(doc))
    yield from filter(None, myth_claims(doc))


EXTRACTOR = Extractor("myth", "myth", extract)
