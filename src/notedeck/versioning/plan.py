"""A deck's next version: its cards compared with its lock.

Rules measured on Anki's importer, designed around here:
- a note updates only if its ``mod`` is strictly newer: unchanged cards keep their previous
  mod (so a re-import never overwrites edits made on the phone); changed ones get
  ``max(now, previous + 1)`` (so two builds in one second still update);
- nothing is deleted by an import: a card whose source is gone ships as a tombstone
  (same GUID, a visible marker, tag ``notedeck::retired``) for the retiring version and
  the next three;
- a card's deck is fixed at its first import: a move is tagged and reported, not faked;
- a renamed note keeps its GUIDs (identity.py), and its cards stay as they are in Anki
  while only their source and link changed (compare.py); a renamed key keeps its GUID
  (matching.py); a list item keeps its cloze number (clozes.py);
- a note that could not be read keeps its cards as they were (``unread``).

plan_deck classifies every GUID once, then makes each new lock entry once, with its final
values; the old lock is never written to (entries are frozen).
"""
from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

from ..cards import Card, card_digest
from ..jsontext import FieldsJSON
from .clozes import Numbers, renumber
from .compare import MOVED_TAG, RETIRED_TAG, difference, relocated, version_tag
from .identity import assign_identities
from .lockfile import Lock, LockedCard
from .matching import renamed_keys, shipped_guids

TOMBSTONE_VERSIONS = 4      # the retiring version and the next three


@dataclass(frozen=True, slots=True)
class Change:
    # added / changed / retired / revived / moved; retagged (only its tags changed: Anki
    # replaces the note for them), relocated (only its source and link, sent at once
    # with refresh_sources), renamed (changed, its key too: a typo fixed)
    what: str
    card: LockedCard           # the card's new lock entry (retired, moved out: its last one)
    guid: str
    before: FieldsJSON | None = None    # changed, revived: the fields it had


# The order changes are listed in (CHANGELOG, `notedeck diff`); the GUID settles ties.
CHANGE_ORDER = attrgetter("card.source", "card.kind", "card.key", "what", "guid")


@dataclass(frozen=True, slots=True)
class DeckEntry:
    """One Anki note as it goes into a package: the card plus what the build decided.

    ``mod`` is the note's modification time in seconds (kept while the content is
    unchanged, so re-importing never overwrites a user's edits). ``status`` is empty for a
    live card, else the retirement text shown on a tombstone.
    """

    card: Card
    mod: int
    tags: tuple[str, ...]
    status: str = ""
    link: str = ""              # e.g. obsidian://open?vault=...&file=... (empty: no link)
    reverse: bool = True        # terms: also make the definition -> term card
    shown_source: str = ""      # the source Anki shows, when it is not the card's (a rename)
    numbers: Numbers = ()       # lists: each item's cloze number (clozes.py); (): in order


class DeckEntries(Sequence[DeckEntry]):
    """A package's notes, each GUID once: the live cards, each with the mod and tags of its
    lock entry (the DeckEntry is made when read: a first build of a big vault ships a
    million), then ``extra`` entries as they are (tombstones)."""

    def __init__(self, live: Sequence[Card], locked: Mapping[str, LockedCard],
                 extra: Sequence[DeckEntry] = ()):
        self._live, self._locked, self._extra = live, locked, tuple(extra)

    @classmethod
    def of(cls, entries: Iterable[DeckEntry]) -> "DeckEntries":
        """Entries made elsewhere; ValueError names a GUID given twice."""
        entries, seen = tuple(entries), set()
        for e in entries:
            if e.card.guid in seen:
                raise ValueError(f"{e.card.source}:{e.card.line}: duplicate GUID {e.card.guid}")
            seen.add(e.card.guid)
        return cls((), {}, entries)

    def __len__(self) -> int:
        return len(self._live) + len(self._extra)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self._live)
        i = i + len(self) if i < 0 else i
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._entry(self._live[i]) if i < n else self._extra[i - n]

    def __iter__(self):
        yield from map(self._entry, self._live)
        yield from self._extra

    def _entry(self, card: Card) -> DeckEntry:
        locked = self._locked[card.guid]
        if locked.shown or locked.numbers:
            source, link = locked.shown or ("", card.link)
            return DeckEntry(card, locked.mod, locked.tags, "", link, card.reverse, source,
                             locked.numbers)
        return DeckEntry(card, locked.mod, locked.tags, "", card.link, card.reverse)


@dataclass(frozen=True)
class Plan:
    deck: str
    previous: str                          # the lock's version ("" before the first build)
    version: str | None                    # None: the deck is up to date
    bump: str = ""
    changes: tuple[Change, ...] = ()       # in CHANGE_ORDER
    entries: DeckEntries = DeckEntries((), {})
    lock: Lock | None = None               # the new lock (None: nothing to write)
    actions: tuple[str, ...] = ()          # what the user must do in Anki
    renames: tuple[tuple[str, str], ...] = ()
    errors: tuple[str, ...] = ()
    style_changed: bool = False
    # (source Anki shows, the note's source now, cards): renamed notes whose unchanged
    # cards keep showing their old source and link in Anki (see compare.py)
    lagging: tuple[tuple[str, str, int], ...] = ()
    kept: tuple[tuple[str, int], ...] = ()     # (unread note, its cards kept as they were)

    @functools.cached_property
    def _counts(self) -> Counter:
        return Counter(c.what for c in self.changes)

    def count(self, what: str) -> int:
        """How many changes of this kind (added, changed, ...) the plan makes."""
        return self._counts[what]


def bump_version(version: str, bump: str) -> str:
    if not version:
        return "1.0.0"
    major, minor, patch = (int(x) for x in version.split("."))
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def _notetype_changes(kinds: set[str], lock: Lock, notetypes: Mapping[str, Mapping]):
    """(errors, actions, bump) for note types whose published schema changed."""
    errors, actions, bump = [], [], ""
    for kind in sorted(kinds | set(lock.notetypes)):
        sig, old = notetypes.get(kind), lock.notetypes.get(kind)
        if sig is None or old is None or old == sig:
            continue
        if old.get("id") == sig.get("id"):
            errors.append(
                f"the fields of the published '{kind}' note type changed; Anki would copy "
                "the note type and stop updating these notes. Give the changed note type a "
                "new model id (a major version)")
        else:
            bump = "major"
            actions.append(
                f"The '{kind}' note type was replaced: import this version once with "
                "\"Merge note types\" ticked in Anki's import options.")
    return errors, actions, bump


def plan_deck(deck: str, cards: list[Card], lock: Lock, now: int,
              notetypes: Mapping[str, Mapping], style: str, date: str,
              others: Mapping[str, LockedCard] | None = None,
              live_elsewhere: frozenset[str] = frozenset(), *,
              unread: frozenset[str] = frozenset(), refresh_sources: bool = False) -> Plan:
    """``others``: cards locked by the build's other decks (a card may move in from one);
    ``live_elsewhere``: GUIDs another deck ships live in this build (never retire them);
    ``unread``: notes this build could not read (their cards stay as they were);
    ``refresh_sources``: send the cards of renamed notes now (see compare.py)."""
    others = others or {}
    cards, renames = assign_identities(cards, lock, unread)
    cards, aliases = shipped_guids(cards, lock)
    current: dict[str, Card] = {}
    errors = []
    for card in cards:
        other = current.get(card.guid)
        if other is not None:
            errors.append(f"duplicate GUID {card.guid}: {card.source}:{card.line} and "
                          f"{other.source}:{other.line}")
            continue
        current[card.guid] = card if card.digest else _with_digest(card)
    nt_errors, actions, bump = _notetype_changes({c.kind for c in cards}, lock, notetypes)
    errors += nt_errors
    if errors:
        return Plan(deck, lock.version, None, renames=tuple(renames), errors=tuple(errors))
    vanished = lock.cards.keys() - current.keys()
    renamed = set(renamed_keys(current, lock, aliases, vanished)) if any(
        lock.cards[g].status == "live" for g in vanished) else set()

    # Classify every GUID, in the cards' order (the order they were made and sit in
    # memory: a big vault's cards visited in GUID order cost a cache miss each).
    pending: list[tuple[Card, LockedCard | None, tuple[str, ...]]] = []
    lagging: list[tuple[Card, LockedCard]] = []
    for guid, card in current.items():
        prev = lock.cards.get(guid)
        if prev is not None and prev.status == "live" and prev.hash == card.digest \
                and prev.deck == card.deck and not (refresh_sources and prev.shown):
            continue            # most cards: as they were (the new lock keeps the entry)
        if prev is None:
            prev = others.get(guid)             # moved in from another deck's lock
        whats = _whats(card, prev, refresh_sources)
        if guid in renamed:         # (its key is its front: its content changed)
            whats = tuple("renamed" if w == "changed" else w for w in whats)
        # (also back to its first deck; a file moved to another folder, its card otherwise
        # unchanged, is not sent: Anki keeps a card in its first deck anyway)
        if prev is not None and prev.deck != card.deck and (whats or prev.source == card.source):
            whats += ("moved",)
        if whats:
            pending.append((card, prev, whats))
        else:
            lagging.append((card, prev))
    gone, leaving, kept = [], [], Counter()
    for guid in sorted(vanished):
        prev = lock.cards[guid]
        if guid in live_elsewhere:
            # The card now lives in another deck of this build (a renamed deck): it moves
            # out of this lock; a tombstone here would fight the live card in Anki.
            gone.append(guid)
            if prev.status == "live":
                leaving.append(Change("moved", prev, guid))
        elif prev.status == "live" and prev.source in unread:
            kept[prev.source] += 1              # its note could not be read: as it was
        elif prev.status == "live":
            leaving.append(Change("retired", prev, guid))

    counts = Counter(what for _, _, whats in pending for what in whats)
    counts.update(c.what for c in leaving)
    if counts["retired"]:
        bump = "major"
    elif not bump and (pending or leaving):
        bump = "minor"
    style_changed = bool(lock.style) and lock.style != style
    if not bump and (style_changed or lagging):
        bump = "patch"
    if not bump and lock.version:
        return Plan(deck, lock.version, None, renames=tuple(renames),   # up to date
                    kept=tuple(sorted(kept.items())))
    bump = bump or "major"
    version = bump_version(lock.version, bump)

    entries = dict(lock.cards)
    for guid in gone:
        del entries[guid]
    changes = list(leaving)
    for card, prev in lagging:
        entries[card.guid] = relocated(card, prev)
    shared_tags: dict[tuple, tuple] = {}    # one tuple per set of tags, not one per card
    for card, prev, whats in pending:
        touched = bool({"added", "changed", "renamed", "revived", "moved"} & set(whats))
        entry = entries[card.guid] = _entry(card, prev, version, touched, now, shared_tags)
        changes += [Change(what, entry, card.guid, prev.fields if what in
                           ("changed", "revived", "renamed") else None) for what in whats]
    changes.sort(key=CHANGE_ORDER)
    for c in leaving:
        if c.what == "retired":             # a tombstone from this version on
            entries[c.guid] = c.card.retire(version, max(now, c.card.mod + 1), tuple(
                sorted(set(c.card.tags) | {RETIRED_TAG})))
    versions = lock.versions + ({
        "version": version, "date": date, "added": counts["added"],
        "changed": counts["changed"] + counts["revived"] + counts["renamed"],
        "retired": counts["retired"]},)
    recent = {v["version"] for v in versions[-TOMBSTONE_VERSIONS:]}
    extra = [shipped(guid, entries[guid]) for guid in sorted(vanished) if guid in entries
             and entries[guid].status == "live"]
    extra += [tombstone(guid, entries[guid]) for guid in sorted(
        g for g, e in entries.items() if e.status == "retired" and e.retired in recent)]
    kinds = {c.kind for c in current.values()}
    notes = {s: lock.notes[s] for s in unread if s in lock.notes}
    notes.update((c.source, c.note_id) for c in current.values())
    new = Lock(lock.deck, version, versions,
               {k: v for k, v in notetypes.items() if k in lock.notetypes or k in kinds},
               style, notes, entries, lock.text, aliases)
    if counts["retired"]:
        actions.append("Cards whose notes are gone are marked retired: in Anki's browser "
                       f"search `tag:{RETIRED_TAG}` and delete those notes.")
    if any(prev is not None and prev.reverse and not card.reverse for card, prev, _ in pending):
        actions.append("Some notes no longer ask the other way round (a definition → term "
                       "card whose definition does not name its term): Anki keeps that card, "
                       "empty; Tools → Empty Cards removes it.")
    if any(MOVED_TAG in entries[c.guid].tags for c in changes
           if c.what == "moved" and c.guid in current):             # (not moved back)
        actions.append("Some cards moved to another deck in your notes, but Anki keeps a "
                       f"card in the deck it was first imported into: search "
                       f"`tag:{MOVED_TAG}` and move them with Change Deck if you wish.")
    late = Counter((entries[c.guid].shown[0], c.source) for c, _ in lagging
                   if entries[c.guid].shown)
    return Plan(deck, lock.version, version, bump, tuple(changes),
                DeckEntries(list(current.values()), entries, extra), new, tuple(actions),
                tuple(renames), (), style_changed,
                tuple((old, now_, n) for (old, now_), n in sorted(late.items())),
                tuple(sorted(kept.items())))


def _whats(card: Card, prev: LockedCard | None, refresh_sources: bool) -> tuple[str, ...]:
    """What happened to a card that is not as its lock entry says (moves aside)."""
    if prev is None:
        return ("added",)
    if prev.status == "retired":
        return ("revived",)
    if prev.hash == card.digest:            # the same; only its shown source lags behind
        return ("relocated",) if refresh_sources and prev.shown else ()
    how = difference(card, prev)
    if how == "place":
        return ("relocated",) if refresh_sources else ()
    return ("retagged",) if how == "tags" else ("changed",)


def _with_digest(card: Card) -> Card:
    return dataclasses.replace(card, digest=card_digest(card))


def _entry(card: Card, prev: LockedCard | None, version: str, touched: bool, now: int,
           shared_tags: dict | None = None) -> LockedCard:
    """A card's new lock entry. Its mod stays while what Anki shows (content and tags) is
    unchanged, else moves past both the old mod and now."""
    added = prev.added if prev is not None else version
    changed = version if prev is None or touched else prev.changed
    first_deck = prev.first_deck if prev is not None else card.deck
    tags = set(card.tags)
    if changed != added:
        tags.add(version_tag(changed))
    if first_deck != card.deck:
        tags.add(MOVED_TAG)
    tags = tuple(sorted(tags))
    if shared_tags is not None:
        tags = shared_tags.setdefault(tags, tags)
    same = prev is not None and prev.status == "live" and prev.hash == card.digest \
        and prev.tags == tags and not prev.shown
    mod = prev.mod if same else max(now, prev.mod + 1) if prev is not None else now
    fields = card.fields if isinstance(card.fields, FieldsJSON) else \
        FieldsJSON.encode(card.fields)
    numbers = renumber(prev.fields.get("items", ()), prev.numbers, card.fields["items"]) \
        if card.kind == "list" and prev is not None else ()
    return LockedCard(card.kind, card.key, card.note_id, card.source, card.deck, card.digest,
                      mod, added, changed, fields, tags, first_deck=first_deck,
                      reverse=card.reverse, link=card.link, numbers=numbers)


def shipped(guid: str, entry: LockedCard, status: str = "") -> DeckEntry:
    """A lock entry as its Anki note: a card whose note could not be read, as it was last
    shipped, or (with a status) a tombstone."""
    source, link = entry.shown or (entry.source, entry.link)
    card = Card(kind=entry.kind, key=entry.key, guid=guid, fields=entry.fields,
                source=source, line=0, section="", note_id=entry.note_id, note_title="",
                deck=entry.deck, tags=entry.tags, rule="retired" if status else "kept",
                confidence=0.0, reverse=entry.reverse, link=link)
    # the same cards as the live note had: a reverse flag that differs would add a new card
    # to study (or blank an existing one) in every collection that imports the tombstone
    return DeckEntry(card, entry.mod, entry.tags, status, link, entry.reverse,
                     numbers=entry.numbers)


def tombstone(guid: str, entry: LockedCard) -> DeckEntry:
    return shipped(guid, entry, f"Retired in v{entry.retired} — delete me")
