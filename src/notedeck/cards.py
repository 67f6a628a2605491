"""Candidates -> Cards: place each in its note and deck, give it a GUID and tags.

The GUID is derived from (note identity, card kind, normalised key) and nothing else:
Anki matches notes on re-import by GUID only, so editing a definition, reordering a note
or fixing a typo in the answer must never change it, while two different cards must never
share one.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Mapping

from .extractors.base import Candidate, Rejected
from .extractors.masking import reverse_question
from .jsontext import RenderedJSON, json_text
from .model import Diagnostic, FieldValue, field_text, plain_fields, readonly
from .reading.document import Document, Note


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
    # The note's Anki fields and card ords, rendered once (anki.fields.rendered_fields).
    rendered: RenderedJSON | None = None

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
            "rendered": self.rendered.value() if self.rendered is not None else None,
            "fields": plain_fields(self.fields),
        }


@dataclass
class NoteResult:
    note: Note | None
    source: str
    cards: list[Card] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped: list[Candidate] = field(default_factory=list)


@dataclass
class Extraction:
    notes: list[NoteResult] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def cards(self) -> list[Card]:
        return [c for n in self.notes for c in n.cards]

    def all_diagnostics(self) -> list[Diagnostic]:
        return [d for n in self.notes for d in n.diagnostics] + self.diagnostics


# Each card kind's front and back fields (what a person reads first, and the answer): the
# changelog, `notedeck diff` and the reports name a card by its front.
KINDS = {"term": ("term", "definition"), "myth": ("myth", "reframe"),
         "acronym": ("acronym", "expansion"), "qa": ("question", "answer"),
         "list": ("prompt", "items"), "basic": ("front", "back"), "cloze": ("text", "extra")}

TAG_PREFIX = "notedeck"
_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def guid_for(note_id: str, kind: str, key: str) -> str:
    # JSON keeps the three parts apart whatever characters they hold (injective).
    payload = json_text(["notedeck", note_id, kind, key])
    digest = hashlib.sha256(payload.encode()).digest()
    n = int.from_bytes(digest[:12], "big")
    out = []
    while n:
        n, r = divmod(n, 62)
        out.append(_B62[r])
    return "nd" + "".join(reversed(out)).rjust(17, "0")


def tag_safe(text: str) -> str:
    return re.sub(r"[\s\"]+", "_", str(text).strip()).strip("_:") or "_"


def anki_tag(tag: str) -> str:
    """An Obsidian tag as an Anki tag under notedeck's own: nested tags (``psych/cbt``) nest
    in Anki too (``notedeck::psych::cbt``)."""
    parts = [tag_safe(p) for p in str(tag).strip().lstrip("#").split("/") if p.strip()]
    return "::".join([TAG_PREFIX, *parts]) if parts else f"{TAG_PREFIX}::_"


def deck_for(note: Note, root_deck: str | None = None) -> str:
    """Frontmatter ``deck:`` wins; else the notes folder (or ``root_deck``) and subfolders."""
    named = note.meta.get("deck")
    if isinstance(named, str) and named.strip():
        return "::".join(p.strip() for p in named.split("::") if p.strip())
    root = root_deck or PurePosixPath(note.root.replace("\\", "/")).name or "notedeck"
    parts = PurePosixPath(note.source).parts[:-1]
    return "::".join([root, *parts])


def note_tags(note: Note, body: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The note's tags: frontmatter ``tags`` and the ones written in its body."""
    raw = note.meta.get("tags") or ()
    if isinstance(raw, str):
        raw = re.split(r"[,\s]+", raw)
    if not isinstance(raw, (list, tuple)):
        raw = ()
    return tuple(anki_tag(str(t)) for t in (*raw, *body) if str(t).strip())


def card_digest(card: Card) -> str:
    """A card's content as Anki would show it: fields, tags, where it comes from (not its
    line number, which moves with every edit above it). Versioning compares these."""
    return _digest(card.kind, card.fields, card.tags, card.note_title, card.section,
                   card.source, card.reverse, card.link)


def _digest(kind: str, fields: Mapping[str, FieldValue], tags: tuple[str, ...],
            note_title: str, section: str, source: str, reverse: bool, link: str) -> str:
    payload = [kind, dict(sorted(plain_fields(fields).items())), sorted(tags), note_title,
               section, source, reverse, link]
    return hashlib.sha256(json_text(payload).encode()).hexdigest()[:16]


def wants_reverse(term_html: str) -> bool:
    """A definition -> term card helps for names of concepts, not for one everyday word
    ("Values", "Repair"), whose definition would have many right answers."""
    words = re.sub(r"<[^>]+>", "", term_html).split()
    return len(words) > 1 or any(ch.isupper() for ch in words[0][1:]) if words else False


def obsidian_link(vault: Path, note_path: Path) -> str:
    """``obsidian://open?vault=<vault folder>&file=<path in the vault, no .md>``."""
    from urllib.parse import quote
    rel = note_path.resolve().relative_to(vault).as_posix()
    target = re.sub(r"\.(md|markdown)$", "", rel)
    return f"obsidian://open?vault={quote(vault.name, safe='')}&file={quote(target, safe='')}"


def make_cards(note: Note, doc: Document, candidates: Iterable[Candidate],
               root_deck: str | None = None, *, deck: str | None = None,
               extra_tags: tuple[str, ...] = (), reverse: bool = True,
               link: str = "", identity: str = "") -> list[Card]:
    """``identity``: the note's identity, when not its own (Note.identity)."""
    identity = identity or note.identity
    named = note.meta.get("deck")
    if not (isinstance(named, str) and named.strip()) and deck:
        deck_name = deck
    else:
        deck_name = deck_for(note, root_deck)
    tags = note_tags(note, doc.tags) + tuple(f"{TAG_PREFIX}::{tag_safe(t)}" for t in extra_tags)
    own = note.meta.get("notedeck-reverse")
    reverse = own if isinstance(own, bool) else reverse
    cards = []
    for c in candidates:
        fields, both = c.fields, c.reverse
        if c.kind == "term":
            fields, both = _reversed_term(c, reverse)
        card_tags = tuple(sorted(set(tags) | {f"{TAG_PREFIX}::kind::{c.kind}"}
                                 | {anki_tag(t) for t in c.tags}))
        # The digest is made before the Card, so each card is built once (a frozen
        # dataclass of 18 fields costs more to copy than its digest to compute).
        cards.append(Card(
            kind=c.kind, key=c.key, guid=guid_for(identity, c.kind, c.key),
            fields=fields, source=note.source, line=c.line, section=c.section,
            note_id=identity, note_title=doc.title, deck=deck_name, tags=card_tags,
            rule=c.rule, confidence=c.confidence, link=link, reverse=both,
            image_file=c.image,
            digest=_digest(c.kind, fields, card_tags, doc.title, c.section, note.source,
                           both, link)))
    return cards


def _reversed_term(c: Candidate, reverse: bool) -> tuple[Mapping[str, FieldValue], bool]:
    """A term's fields and whether it also gets a definition -> term card: only where the
    definition, the term masked in it, still names the term. Its question is a field of its
    own (``reverse``), so what that card shows is part of the card's digest."""
    term = str(c.fields["term"])
    if not (reverse and wants_reverse(term)):
        return c.fields, False
    question = reverse_question(field_text(term), str(c.fields["definition"]))
    if question is None:
        return c.fields, False
    return readonly(dict(c.fields, reverse=question)), True


def check_unique(cards: list[Card]) -> tuple[list[Card], list[Diagnostic]]:
    """Two cards with one GUID in a build are an error naming both; the second is dropped."""
    seen: dict[str, Card] = {}
    kept, errors = [], []
    for card in cards:
        first = seen.get(card.guid)
        if first is None:
            seen[card.guid] = card
            kept.append(card)
            continue
        errors.append(Diagnostic(
            "error", card.source, card.line,
            f"duplicate GUID {card.guid}: this {card.kind} card '{card.key}' has the same "
            f"note id '{card.note_id}', kind and key as {first.source}:{first.line}; "
            "give one of the notes its own frontmatter 'id'", "duplicate-guid"))
    return kept, errors
