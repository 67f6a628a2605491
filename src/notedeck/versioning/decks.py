"""Which decks a build plans, and against which locks.

A build's cards go to their top-level decks; a locked deck all of whose notes this build
read is planned too (its cards may all be gone, or have moved to a renamed deck), and a
card may move between decks of one build without being duplicated or retired. Any other
locked deck is left as it is: a build of some other folder, of a mistyped path, or of a
subfolder of the deck's vault (whose cards have the same GUIDs as the vault deck's) must
not retire it (``retire`` names decks whose notes are gone for good).
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from ..cards import Card
from ..reading.sources import Source
from .identity import path_identity
from .lockfile import Lock, LockError, read_lock, read_lock_notes
from .plan import Plan, plan_deck
from .workspace import Workspace


def top_deck(deck: str) -> str:
    return deck.split("::", 1)[0]


def with_lock_identities(sources: list[Source], workspace: Workspace) -> list[Source]:
    """The sources, each with the identity its deck's lock keeps for it when that is the
    note's path in its folder rather than in its vault (a deck first built before
    identities were vault paths), so its cards are made with their shipped GUIDs from the
    start (identity.py would otherwise remake them on every build). Only the head of each
    lock is read; renamed notes and notes whose frontmatter sends them to another deck are
    left to identity.py (a few cards)."""
    notes: dict[str, dict[str, str]] = {}
    out = []
    for source in sources:
        deck = top_deck(source.deck or source.root_deck or "")
        if deck not in notes:
            notes[deck] = read_lock_notes(workspace.lock_path(deck)) if deck else {}
        kept = notes[deck].get(source.file.source)
        # (a frontmatter id is the note's own: the note says it, the cache key stays)
        if kept is not None and kept != source.file.vault_source \
                and path_identity(kept, source.file.source):
            source = dataclasses.replace(source, identity=kept)
        out.append(source)
    return out


@dataclass(frozen=True)
class DeckPlans:
    plans: list[Plan]
    errors: list[str]           # locks that cannot be read
    left: list[str]             # locked decks this build leaves as they are


def plan_decks(cards: Sequence[Card], workspace: Workspace, now: int,
               notetypes: Mapping[str, Mapping], style: str,
               sources: frozenset[str] | None = None, retire: frozenset[str] = frozenset(),
               spill=None, unread: frozenset[str] = frozenset(),
               refresh_sources: bool = False) -> DeckPlans:
    """Plans for every deck with cards in this build, and for every locked deck all of
    whose notes this build read (``sources``, or ``unread``: could not read; None: all).
    The locks' text waits in ``spill`` (a spill.Spill) until the new locks are written."""
    by_deck: dict[str, list[Card]] = defaultdict(list)
    for card in cards:
        by_deck[top_deck(card.deck)].append(card)
    errors, locks, left = [], {}, []
    live = {c.guid: c for c in cards}       # the locks share these cards' strings
    for path in workspace.lock_files():
        try:
            lock = read_lock(path, path.stem, spill, live)
        except LockError as exc:
            errors.append(str(exc))
            continue
        if path != workspace.lock_path(lock.deck):
            continue
        locks[lock.deck] = lock
        if lock.deck not in by_deck:
            locked = any(c.status == "live" for c in lock.cards.values())
            # Plan it (retire its cards, or move them to the deck they are in now) only if
            # this build read all of its notes: they were emptied, or the deck renamed.
            if (sources is None or not locked or lock.deck in retire
                    or lock.notes and all(s in sources or s in unread for s in lock.notes)):
                by_deck[lock.deck] = []
            else:
                left.append(lock.deck)
    for deck in sorted(by_deck):
        if deck not in locks:
            try:
                locks[deck] = read_lock(workspace.lock_path(deck), deck, spill, live)
            except LockError as exc:
                errors.append(str(exc))
    date = datetime.fromtimestamp(now, timezone.utc).strftime("%Y-%m-%d")
    plans = []
    for deck, lock in locks.items():
        if deck in left:
            continue
        plans.append(plan_deck(deck, by_deck[deck], lock, now, notetypes, style, date,
                               *_neighbours(deck, locks, live, len(by_deck) > 1),
                               unread=unread, refresh_sources=refresh_sources))
    return DeckPlans(plans, list(dict.fromkeys(errors)), left)


def _neighbours(deck: str, locks: Mapping[str, Lock], live: Mapping[str, Card],
                several: bool) -> tuple[dict, frozenset[str]]:
    """What the build's other decks lock and ship live: a card may move in from one (it
    keeps its history) or out to one (it is not retired here)."""
    others = {g: c for d, other in locks.items() if d != deck
              for g, c in other.cards.items() if c.status == "live"}
    elsewhere = frozenset(g for g, c in live.items() if top_deck(c.deck) != deck) \
        if several else frozenset()
    return others, elsewhere
