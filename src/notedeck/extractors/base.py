"""The tiny interface every extractor module implements."""
from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Mapping, Union

from ..model import FieldValue
from ..reading.document import Document, Paragraph, Quote, Section


@dataclass(frozen=True)
class Candidate:
    """What an extractor found: a card's content before it is placed in a deck."""

    kind: str
    key: str                    # normalised identity of the card within its note
    fields: Mapping[str, FieldValue]   # safe HTML fragments (escaped text, <b>, <i>)
    line: int
    section: str
    rule: str
    confidence: float
    image: str = ""             # an image file found next to it (set by the pipeline)
    end_line: int = 0           # its last line, when it spans several (0: just ``line``)
    reverse: bool = False       # the note asks for both directions (``Q:::A``)
    tags: tuple[str, ...] = ()  # tags the note gives this card alone

    @property
    def lines(self) -> range:
        return range(self.line, max(self.line, self.end_line) + 1)


@dataclass(frozen=True)
class Rejected:
    """A candidate an extractor looked at and refused, with the reason (for `check`)."""

    kind: str
    text: str
    reason: str
    line: int


Found = Union[Candidate, Rejected]


@dataclass(frozen=True)
class Extractor:
    name: str            # as named in config and `--only`
    kind: str            # the card kind it makes
    extract: Callable[[Document], Iterable[Found]]


def section_label(doc: Document, section: Section) -> str:
    """Where in the note a card came from, for its Source field: 'Heading › Sub-heading'."""
    path = [p for p in section.path if p and p != doc.title]
    return " › ".join(path)


# Callouts that hold a note's furniture, never its content: citations and reference
# managers' metadata boxes, link and resource lists, Breadcrumbs' up/down links, contents.
FURNITURE_CALLOUTS = frozenset({
    "cite", "citation", "citations", "md", "metadata", "meta", "link", "links", "resources",
    "resource", "references", "reference", "reference links", "sources", "source", "ontology",
    "related", "related notes", "backlinks", "toc", "contents", "table of contents",
    "navigation", "nav", "see also", "further reading", "bibliography", "attachments",
    "embedded files", "files", "tags", "properties"})


def is_furniture(quote: Quote) -> bool:
    """A callout of links or metadata (``> [!Resources]``, ``> [!cite]``, ``> [!info]
    References``): nothing in it is a card."""
    if not quote.callout:
        return False
    title = " ".join(re.findall(r"[a-z]+", quote.title.text.lower())) if quote.title else ""
    return quote.callout in FURNITURE_CALLOUTS or title in FURNITURE_CALLOUTS


def walk_blocks(blocks) -> Iterator:
    """Blocks in order, descending into quotes/callouts (not into list items), except
    callouts of links and metadata."""
    for block in blocks:
        if isinstance(block, Quote):
            if not is_furniture(block):
                yield from walk_blocks(block.blocks)
        else:
            yield block


def callouts(doc: Document) -> Iterator[tuple[Section, Quote]]:
    """Every callout (``> [!type] Title``) of the note, nested ones too, with its section."""
    def inner(blocks):
        for block in blocks:
            if isinstance(block, Quote):
                if block.callout:
                    yield block
                yield from inner(block.blocks)
    for section in doc.sections:
        for quote in inner(section.blocks):
            yield section, quote


def paragraphs(section: Section) -> Iterator[Paragraph]:
    for block in walk_blocks(section.blocks):
        if isinstance(block, Paragraph):
            yield block
