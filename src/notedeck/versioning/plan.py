"""Compare a deck's cards with its lock: what changed, the next version, and each note's mod.

Rules measured on Anki's importer, designed around here:
- a note updates only if its ``mod`` is strictly newer: unchanged cards keep their previous
  mod (so a re-import never overwrites edits made on the phone); changed ones get
  ``max(now, previous + 1)`` (so two builds in one second still update);
- nothing is deleted by an import: a card whose source is gone ships as a tombstone
  (same GUID, a visible marker, tag ``notedeck::retired``) for the retiring version and
  the next three;
- a card's deck is fixed at its first import: a move is tagged and reported, not faked;
- a renamed note keeps its GUIDs: the lock remembers which identity each file derives
  them from, and a new file whose keys mostly match a vanished one takes its identity.
"""
from __future__ import annotations

import copy
import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..cards import TAG_PREFIX, Card, card_digest, guid_for
from .entries import Change, Changes, DeckEntry, Entries
from .lock import Lock, LockedCard, locked_card

TOMBSTONE_VERSIONS = 4      # the retiring version and the next three
RETIRED_TAG = f"{TAG_PREFIX}::retired"
MOVED_TAG = f"{TAG_PREFIX}::moved"


@dataclass
class Plan:
    deck: str
    previous: str
    version: str | None                   # None: the deck is up to date
    bump: str
    changes: Sequence[Change] = field(default_factory=list)    # entries.Changes
    entries: Sequence[DeckEntry] = field(default_factory=list)     # entries.Entries
    lock: Lock | None = None
    actions: list[str] = field(default_factory=list)
    renames: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    style_changed: bool = False
    _counted: tuple[int, Counter] | None = field(default=None, repr=False, compare=False)

    def count(self, what: str) -> int:
        # Asked a dozen times per build, of up to a million changes: counted once (again
        # only if changes were added since).
        if self._counted is None or self._counted[0] != len(self.changes):
            whats = getattr(self.changes, "whats", None)
            self._counted = (len(self.changes), whats() if whats is not None else
                             Counter(c.what for c in self.changes))
        return self._counted[1][what]


def content_hash(card: Card) -> str:
    """What Anki would show (see cards.card_digest); made once, when the card is made."""
    return card.digest or card_digest(card)


def bump_version(version: str, bump: str) -> str:
    if not version:
        return "1.0.0"
    major, minor, patch = (int(x) for x in version.split("."))
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def version_tag(version: str) -> str:
    return f"{TAG_PREFIX}::changed::v{version.replace('.', '_')}"


def assign_identities(cards: list[Card], lock: Lock) -> tuple[list[Card], list[tuple[str, str]]]:
    """Keep each note file's GUID identity across renames (see module doc)."""
    by_source: dict[str, list[Card]] = defaultdict(list)
    for card in cards:
        by_source[card.source].append(card)
    claimed = {lock.notes[s] for s in by_source if s in lock.notes}
    old_keys: dict[str, set] = defaultdict(set)
    for c in lock.cards.values():
        if c.status == "live" and c.source not in by_source:
            old_keys[c.note_id].add((c.kind, c.key))
    identity, renames = {}, []
    for source, group in sorted(by_source.items()):
        if source in lock.notes:
            identity[source] = lock.notes[source]
            continue
        own = group[0].note_id
        if own != source or own in claimed:     # frontmatter id: GUIDs follow it anyway
            identity[source] = own
            continue
        keys = {(c.kind, c.key) for c in group}
        best, score = None, 0.0
        for ident, olds in old_keys.items():
            if ident in claimed or not olds:
                continue
            overlap = len(keys & olds) / len(olds)
            if overlap >= 0.5 and overlap > score:
                best, score = ident, overlap
        identity[source] = best or own
        if best:
            claimed.add(best)
            renames.append((next(c.source for c in lock.cards.values() if c.note_id == best),
                            source))
    out = []
    for card in cards:
        ident = identity[card.source]
        if ident != card.note_id:
            card = dataclasses.replace(card, note_id=ident,
                                       guid=guid_for(ident, card.kind, card.key))
        out.append(card)
    return out, renames


def plan_deck(deck: str, cards: list[Card], lock: Lock, now: int,
              notetypes: dict[str, dict], style: str, date: str,
              others: dict[str, LockedCard] | None = None,
              live_elsewhere: frozenset[str] = frozenset()) -> Plan:
    """``others``: cards locked by the build's other decks (a card may move in from one);
    ``live_elsewhere``: GUIDs another deck ships live in this build (never retire them)."""
    others = others or {}
    cards, renames = assign_identities(cards, lock)
    plan = Plan(deck, lock.version, None, "", renames=renames)
    # Entries of the new lock are replaced, never edited in place (unchanged cards keep the
    # very same entry), so copying the table is enough: copying 100k entries costs seconds.
    new = Lock(lock.deck, lock.version, list(lock.versions), dict(lock.notetypes), lock.style,
               dict(lock.notes), dict(lock.cards), text=lock.text)
    plan.changes = Changes(new.cards)
    current: dict[str, Card] = {}       # each with its digest (content_hash)
    for card in cards:
        if card.guid in current:
            other = current[card.guid]
            plan.errors.append(f"duplicate GUID {card.guid}: {card.source}:{card.line} and "
                               f"{other.source}:{other.line}")
            continue
        if not card.digest:
            card = dataclasses.replace(card, digest=content_hash(card))
        current[card.guid] = card

    bump = ""
    for kind in sorted({c.kind for c in cards} | set(lock.notetypes)):
        sig, old = notetypes.get(kind), lock.notetypes.get(kind)
        if sig is None or old is None or old == sig:
            continue
        if old.get("id") == sig.get("id"):
            plan.errors.append(
                f"the fields of the published '{kind}' note type changed; Anki would copy "
                "the note type and stop updating these notes. Give the changed note type a "
                "new model id (a major version)")
        else:
            bump = "major"
            plan.actions.append(
                f"The '{kind}' note type was replaced: import this version once with "
                "\"Merge note types\" ticked in Anki's import options.")
    if plan.errors:
        return plan

    # In the cards' order, which is the order they were made and sit in memory: a big
    # vault's cards visited in GUID order cost a cache miss each.
    tag_lists: dict[tuple, list[str]] = {}      # one list per set of tags (set in _finish)
    for guid, card in current.items():
        digest = card.digest
        prev = lock.cards.get(guid)
        if prev is not None and prev.status == "live" and prev.hash == digest \
                and prev.deck == card.deck:
            continue        # most cards: as they were (the new lock keeps the same entry)
        if prev is None and guid in others:     # moved in from another deck's lock
            prev = others[guid]
            lock.cards[guid] = prev
        tags = tag_lists.get(card.tags)
        if tags is None:
            tags = tag_lists[card.tags] = list(card.tags)
        locked = locked_card(card.kind, card.key, card.note_id, card.source, card.deck,
                             digest, 0, "", "", card.fields, tags,
                             first_deck=prev.first_deck if prev else card.deck,
                             reverse=card.reverse, link=card.link)
        new.cards[guid] = locked
        if prev is None:
            plan.changes.added(guid)
        elif prev.status == "retired":
            plan.changes.append(Change("revived", locked, guid, prev.fields))
        elif prev.hash != digest:
            plan.changes.append(Change("changed", locked, guid, prev.fields))
        if prev is not None and prev.deck != card.deck:     # also back to its first deck
            plan.changes.append(Change("moved", locked, guid))
    for guid in sorted(lock.cards.keys() - current.keys()):
        prev = lock.cards[guid]
        if guid in live_elsewhere:
            # The card now lives in another deck of this build (a renamed deck): it moves
            # out of this lock; a tombstone here would fight the live card in Anki.
            del new.cards[guid]
            if prev.status == "live":
                plan.changes.append(Change("moved", prev, guid))
        elif prev.status == "live":
            plan.changes.append(Change("retired", prev, guid))

    plan.changes.sort()
    if plan.count("retired"):
        bump = "major"
    elif not bump and plan.changes:
        bump = "minor"
    plan.style_changed = bool(lock.style) and lock.style != style
    if not bump and plan.style_changed:
        bump = "patch"
    if not bump and lock.version:
        return plan             # up to date: nothing to write
    plan.bump = bump or "major"
    plan.version = bump_version(lock.version, bump)
    _finish(plan, lock, new, current, now, notetypes, style, date)
    return plan


def _finish(plan: Plan, lock: Lock, new: Lock, current, now, notetypes, style,
            date) -> None:
    version = plan.version
    changed = {c.guid for c in plan.changes.held() if c.what in ("changed", "revived", "moved")}
    # The cards of one note mostly carry the same tags: one list for all of them (a big
    # vault's build holds every card's at once).
    shared: dict[tuple, list[str]] = {}
    for guid, card in current.items():      # in the cards' order (see plan_deck)
        entry, prev = new.cards[guid], lock.cards.get(guid)
        if entry is prev:           # same content, tags and deck: same mod, same entry
            continue
        # prev is None: added (a card moved in from another deck's lock has its entry)
        entry.added = prev.added if prev is not None else version
        entry.changed = version if prev is None or guid in changed else prev.changed
        tags = set(card.tags)
        if entry.changed != entry.added:
            tags.add(version_tag(entry.changed))
        if entry.first_deck != card.deck:
            tags.add(MOVED_TAG)
        key = tuple(sorted(tags))
        entry.tags = shared.setdefault(key, list(key))
        same = prev is not None and prev.status == "live" and prev.hash == entry.hash \
            and prev.tags == entry.tags
        entry.mod = prev.mod if same else max(now, prev.mod + 1) if prev else now
    # Each live card ships with its new lock entry's mod and tags (made when read).
    plan.entries = Entries(list(current.values()), new.cards)
    for guid, entry in new.cards.items():
        if entry.status == "live" and guid not in current:     # retired in this version
            entry = new.cards[guid] = copy.copy(entry)
            entry.status, entry.retired = "retired", version
            entry.tags = sorted((set(entry.tags) | {RETIRED_TAG}))
            entry.mod = max(now, entry.mod + 1)
    new.version = version
    new.versions = lock.versions + [{
        "version": version, "date": date, "added": plan.count("added"),
        "changed": plan.count("changed") + plan.count("revived"),
        "retired": plan.count("retired")}]
    order = [v["version"] for v in new.versions]
    recent = set(order[-TOMBSTONE_VERSIONS:])
    for guid in sorted(g for g, e in new.cards.items() if e.status == "retired"):
        entry = new.cards[guid]
        if entry.retired in recent:
            plan.entries.append(tombstone(guid, entry))
    new.notes = {c.source: c.note_id for c in current.values()}
    kinds = {c.kind for c in current.values()}
    new.notetypes = {k: v for k, v in notetypes.items() if k in lock.notetypes or k in kinds}
    new.style = style
    plan.lock = new
    if plan.count("retired"):
        plan.actions.append("Cards whose notes are gone are marked retired: in Anki's browser "
                            f"search `tag:{RETIRED_TAG}` and delete those notes.")
    moved = {c.guid for c in plan.changes if c.what == "moved"}
    if any(MOVED_TAG in new.cards[g].tags for g in moved if g in current):  # not back
        plan.actions.append("Some cards moved to another deck in your notes, but Anki keeps a "
                            f"card in the deck it was first imported into: search "
                            f"`tag:{MOVED_TAG}` and move them with Change Deck if you wish.")


def tombstone(guid: str, entry: LockedCard) -> DeckEntry:
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.fields.items()}
    card = Card(kind=entry.kind, key=entry.key, guid=guid, fields=fields, source=entry.source,
                line=0, section="", note_id=entry.note_id, note_title="", deck=entry.deck,
                tags=tuple(entry.tags), rule="retired", confidence=0.0,
                reverse=entry.reverse, link=entry.link)
    # the same cards as the live note had: a reverse flag that differs would add a new card
    # to study (or blank an existing one) in every collection that imports the tombstone
    return DeckEntry(card, entry.mod, tuple(entry.tags), link=entry.link, reverse=entry.reverse,
                     status=f"Retired in v{entry.retired} — delete me")
