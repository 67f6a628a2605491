"""The data that flows through the pipeline, as frozen dataclasses.

read_note -> Note  (decoded, repaired text + frontmatter, shape decided)
parse_document -> Document  (one model for Markdown and plain text: sections of blocks)
extractors -> Candidate | Rejected  (pure; no ids, no deck, no filesystem)
make_cards -> Card  (a Candidate placed in a note and a deck, with its GUID)

Every block, candidate and card carries the 1-based line of the source file it came from.
"""
from __future__ import annotations

import bisect
import copyreg
import html
import json
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping, Union

Span = tuple[int, int]

def _readonly(data: dict) -> MappingProxyType:
    return MappingProxyType(data)


# Cards cross process boundaries (parallel builds); a read-only mapping pickles as a dict
# rebuilt by a module-level function (the mappingproxy type itself has no importable name).
copyreg.pickle(MappingProxyType, lambda m: (_readonly, (dict(m),)))


def _clip(spans: tuple[Span, ...], a: int, b: int) -> tuple[Span, ...]:
    """The parts of ``spans`` inside [a, b), shifted to start at a. Spans are kept sorted by
    start and never overlap one another, so the ones that matter are found by bisection:
    a paragraph with 50,000 bold words stays linear."""
    if not spans:
        return ()
    first = bisect.bisect_right(spans, (a, a)) - 1 if len(spans) > 16 else 0
    out = []
    for s, e in spans[max(first, 0):]:
        if s >= b:
            break
        s2, e2 = max(s, a), min(e, b)
        if s2 < e2:
            out.append((s2 - a, e2 - a))
    return tuple(out)


def normalize_spans(spans) -> tuple[Span, ...]:
    """Sorted, merged, non-empty spans (the invariant _clip relies on)."""
    out: list[list[int]] = []
    for s, e in sorted(x for x in spans if x[0] < x[1]):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


@dataclass(frozen=True)
class Inline:
    """Inline text with its markup removed; bold and italic kept as character spans.

    Extractors match on ``text`` and ask ``strong`` where a rule needs emphasis
    (``**Term:** definition``, ``**A**ccessible``); ``html()`` renders any slice back
    with <b>/<i> only, every character escaped, so card fields never carry raw Markdown.
    """

    text: str
    strong: tuple[Span, ...] = ()
    emph: tuple[Span, ...] = ()

    def slice(self, a: int, b: int | None = None) -> "Inline":
        b = len(self.text) if b is None else b
        return Inline(self.text[a:b], _clip(self.strong, a, b), _clip(self.emph, a, b))

    def strip(self, chars: str | None = None) -> "Inline":
        lead = len(self.text) - len(self.text.lstrip(chars))
        end = len(self.text.rstrip(chars))
        return self.slice(lead, max(lead, end))

    def bold_prefix(self) -> int:
        """Length of the bold span that starts the text (after spaces), or 0."""
        lead = len(self.text) - len(self.text.lstrip())
        for s, e in self.strong:
            if s == lead:
                return e
        return 0

    def html(self) -> str:
        text = self.text
        # Emphasis inside a word (**A**ccessible) is dropped: tags mid-word split the word
        # for anything that reads the card as text (search, screen readers, TTS).
        def inword(p: int) -> bool:
            return 0 < p < len(text) and text[p - 1].isalnum() and text[p].isalnum()

        events: dict[int, list[int]] = {}
        for kind, spans in ((0, self.strong), (1, self.emph)):
            for s, e in spans:
                if not inword(s) and not inword(e):
                    events.setdefault(s, [0, 0])[kind] += 1
                    events.setdefault(e, [0, 0])[kind] -= 1
        if not events:
            return html.escape(text, quote=False).replace("\n", "<br>")
        out, last, depth = [], 0, [0, 0]
        for p in sorted(events) + [len(text)]:
            chunk = text[last:p]
            if chunk:
                piece = html.escape(chunk, quote=False).replace("\n", "<br>")
                if depth[1] > 0:
                    piece = f"<i>{piece}</i>"
                if depth[0] > 0:
                    piece = f"<b>{piece}</b>"
                out.append(piece)
            delta = events.get(p)
            if delta:
                depth = [depth[0] + delta[0], depth[1] + delta[1]]
            last = max(last, p)
        return "".join(out)

    def __add__(self, other: "Inline") -> "Inline":
        n = len(self.text)
        shift = lambda spans: tuple((s + n, e + n) for s, e in spans)  # noqa: E731
        return Inline(self.text + other.text, self.strong + shift(other.strong),
                      self.emph + shift(other.emph))


@dataclass(frozen=True)
class Paragraph:
    text: Inline
    line: int


@dataclass(frozen=True)
class Item:
    """A list item: its own text plus nested blocks (sub-lists, extra paragraphs)."""

    text: Inline
    line: int
    children: tuple["Block", ...] = ()


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Item, ...]
    ordered: bool
    line: int


@dataclass(frozen=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    line: int
    row_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class DefItem:
    term: Inline
    definition: Inline
    line: int


@dataclass(frozen=True)
class DefList:
    items: tuple[DefItem, ...]
    line: int


@dataclass(frozen=True)
class Quote:
    """A blockquote; an Obsidian callout (``> [!note] Title``) keeps its type and title."""

    blocks: tuple["Block", ...]
    line: int
    callout: str = ""
    title: Inline | None = None


@dataclass(frozen=True)
class Image:
    target: str
    alt: str
    line: int


Block = Union[Paragraph, ListBlock, Table, DefList, Quote, Image]


@dataclass(frozen=True)
class Section:
    """A heading and the blocks up to the next heading (of any level)."""

    heading: Inline | None
    level: int
    line: int
    blocks: tuple[Block, ...]
    path: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.heading.text if self.heading is not None else ""


@dataclass(frozen=True)
class Document:
    source: str                 # path relative to the notes root, POSIX separators
    title: str
    shape: str                  # "markdown" or "text"
    sections: tuple[Section, ...]
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def subtree(self, index: int) -> tuple[Section, ...]:
        """Section ``index`` and every deeper section that follows it."""
        top = self.sections[index]
        out = [top]
        for sec in self.sections[index + 1:]:
            if sec.level <= top.level:
                break
            out.append(sec)
        return tuple(out)


@dataclass(frozen=True)
class Diagnostic:
    """A warning or error about one place in one note."""

    level: str                  # "warning" or "error"
    source: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.level}: {self.message}"


@dataclass(frozen=True)
class Note:
    """A note as read from disk: repaired text, frontmatter, and the shape of its body."""

    source: str                 # relative to the notes root
    path: str                   # as given on the command line / found on disk
    root: str
    text: str                   # body without frontmatter, repaired
    body_line: int              # line number of the first body line in the file
    meta: Mapping[str, Any]
    shape: str
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def identity(self) -> str:
        """Frontmatter ``id`` when present, else the path relative to the notes root."""
        ident = self.meta.get("id")
        if ident in (None, "") or isinstance(ident, (dict, list)):
            return self.source
        # Control characters would blur the GUID's field separator: fold them to spaces.
        return "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in str(ident))


FieldValue = Union[str, tuple[str, ...]]


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


@dataclass(frozen=True)
class Rejected:
    """A candidate an extractor looked at and refused, with the reason (for `check`)."""

    kind: str
    text: str
    reason: str
    line: int


# slots: a vault's build holds every card at once (over a million at 100k notes); an
# instance dict cost 527 bytes per card, the slots 176.
@dataclass(frozen=True, slots=True)
class Card:
    kind: str
    key: str
    guid: str
    fields: Mapping[str, FieldValue]
    source: str
    line: int
    section: str
    note_id: str
    note_title: str
    deck: str
    tags: tuple[str, ...]
    rule: str
    confidence: float
    reverse: bool = False       # terms: also a definition -> term card
    link: str = ""              # obsidian:// URI back to the note, when it is in a vault
    image_file: str = ""        # the image file packaged with it (fields["image"] names it)
    digest: str = ""            # hash of what Anki shows (cards.card_digest); "" = not yet
    # The note's Anki fields and card ords, rendered once (package.rendered_fields).
    rendered: tuple[tuple[str, ...], tuple[int, ...]] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "guid": self.guid,
            "key": self.key,
            "deck": self.deck,
            "source": self.source,
            "line": self.line,
            "section": self.section,
            "note_id": self.note_id,
            "note_title": self.note_title,
            "tags": list(self.tags),
            "rule": self.rule,
            "confidence": self.confidence,
            "reverse": self.reverse,
            "link": self.link,
            "image_file": self.image_file,
            "digest": self.digest,
            "rendered": [list(self.rendered[0]), list(self.rendered[1])] if self.rendered
            else None,
            "fields": plain_fields(self.fields),
        }


def json_encoder(default=None):
    """``json.JSONEncoder(ensure_ascii=False, default=default).encode``, without its cost
    per call: encode() builds a new C encoder every time, and the cache, the card digests
    and the lock encode once per card (a million times for a big vault). The same bytes:
    this is the very encoder encode() would build, made once (without the check for
    circular references, which JSON data made here cannot have)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:            # no C accelerator (another Python): the plain way
        return json.JSONEncoder(ensure_ascii=False, default=default).encode
    encode = make(None, default, json.encoder.encode_basestring, None, ": ", ", ", False,
                  False, True)
    return lambda value: "".join(encode(value, 0))


json_text = json_encoder()
_scan = json.JSONDecoder().scan_once
_space = re.compile(r"[ \t\n\r]*").match          # what JSON allows around a value


def json_value(data: bytes):
    """``json.loads(data)`` for UTF-8 bytes holding one JSON value and nothing else, without
    its cost per call (a build decodes a card's fields a few million times)."""
    text = data.decode("utf-8")
    try:
        value, end = _scan(text, _space(text, 0).end())
    except StopIteration:
        raise ValueError("not JSON") from None
    if _space(text, end).end() != len(text):
        raise ValueError("not one JSON value")
    return value


class JSONSlice:
    """A value kept as JSON text (``text[start:end]``: bytes, or anything sliced to bytes,
    such as a spill.Spill) and decoded each time it is used, never kept: a big vault's
    build would otherwise hold every card's fields as objects from the moment they are
    read to the end of the build (the card cache and the card lock hand out fields so)."""
    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    @staticmethod
    def _decode(value: Any) -> Any:
        return value

    def _d(self):
        return self._decode(json_value(self._text[self._start:self._end]))

    def raw(self) -> bytes:
        """The JSON text (UTF-8)."""
        return self._text[self._start:self._end]


class LazyMapping(Mapping):
    """A read-only mapping decoded (by ``_d()``) each time it is used, never kept."""
    __slots__ = ()

    def __getitem__(self, key):
        return self._d()[key]

    def __iter__(self):
        return iter(self._d())

    def __len__(self):
        return len(self._d())

    # Mapping's own keys/items/values/get would decode once per key.
    def keys(self):
        return self._d().keys()

    def items(self):
        return self._d().items()

    def values(self):
        return self._d().values()

    def get(self, key, default=None):
        return self._d().get(key, default)

    def copy(self) -> dict:
        return dict(self._d())

    def __repr__(self):
        return f"{type(self).__name__}({self._d()!r})"

    def __reduce__(self):
        return (dict, (self._d(),))


class LazyJSON(JSONSlice, LazyMapping):
    """A read-only mapping kept as JSON text (see JSONSlice)."""
    __slots__ = ()
    # raw() is this mapping as JSON: a writer may copy it instead of encoding it again
    exact = True


def plain_fields(fields: Mapping[str, FieldValue]) -> dict[str, Any]:
    """Field values as JSON has them (tuples become lists), for output, cache and lock."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()}


def frozen_fields(**values: FieldValue) -> Mapping[str, FieldValue]:
    return MappingProxyType(dict(values))


@dataclass(frozen=True, slots=True)
class DeckEntry:
    """One Anki note as it goes into a package: the card plus what the build decided.

    ``mod`` is the note's modification time in seconds (kept while the content is
    unchanged, so re-importing never overwrites a user's edits; see versioning).
    ``status`` is empty for a live card, else the retirement text shown on a tombstone.
    """

    card: Card
    mod: int
    tags: tuple[str, ...]
    status: str = ""
    link: str = ""              # e.g. obsidian://open?vault=...&file=... (empty: no link)
    reverse: bool = True        # terms: also make the definition -> term card
