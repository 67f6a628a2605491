"""What a plan lists per card, made when read instead of held: a first build of a big
vault plans a million cards, and holding an object per card per list cost about 100
bytes each at the moment the build peaks (while its package is written).

- Entries: a DeckEntry per live card (the card, with the mod and tags of its new lock
  entry): the cards and the lock entries are held anyway.
- Changes: a Change per change; an added card's is made from its GUID and its new lock
  entry when read.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from ..cards import Card

if TYPE_CHECKING:
    from .lock import LockedCard


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

@dataclass(slots=True)
class Change:
    what: str                  # added / changed / retired / revived / moved
    card: LockedCard
    guid: str
    before: dict | None = None


# The order changes are listed in (CHANGELOG, `notedeck diff`); the GUID settles ties.
CHANGE_ORDER = attrgetter("card.source", "card.kind", "card.key", "what", "guid")


class _List(Sequence):
    """Equal to any sequence of the same items, as the list it stands for is."""

    def __eq__(self, other):
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None


class Changes(_List):
    """A plan's changes: Changes, and added cards as their GUIDs (entries of ``cards``,
    the new lock's table), each made a Change("added", ...) when read."""

    def __init__(self, cards: Mapping[str, LockedCard]):
        self._items: list = []
        self._cards = cards

    def append(self, change: Change) -> None:
        self._items.append(change)

    def added(self, guid: str) -> None:
        """Change("added", cards[guid], guid), kept as the GUID alone."""
        self._items.append(guid)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._change(x) for x in self._items[i]]
        return self._change(self._items[i])

    def __iter__(self):
        return map(self._change, self._items)

    def _change(self, item) -> Change:
        return Change("added", self._cards[item], item) if type(item) is str else item

    def held(self) -> list[Change]:
        """The changes other than additions (no Change made for those)."""
        return [x for x in self._items if type(x) is not str]

    def whats(self) -> Counter:
        """How many changes of each kind (none made to count them)."""
        return Counter("added" if type(x) is str else x.what for x in self._items)

    def sort(self) -> None:
        """In CHANGE_ORDER: by source first (each item's own string: no key tuple per
        change, a hundred bytes a card on top of everything else a first build holds),
        then each source's run by the whole order."""
        cards, items, change = self._cards, self._items, self._change

        def source(item) -> str:
            return cards[item].source if type(item) is str else item.card.source
        items.sort(key=source)
        start = 0
        for i in range(1, len(items) + 1):
            if i == len(items) or source(items[i]) != source(items[start]):
                if i - start > 1:
                    items[start:i] = sorted(items[start:i],
                                            key=lambda x: CHANGE_ORDER(change(x)))
                start = i

    def __repr__(self) -> str:
        return f"Changes({list(self)!r})"


_SETTERS = tuple(getattr(DeckEntry, name).__set__
                 for name in ("card", "mod", "tags", "status", "link", "reverse"))


class Entries(_List):
    """``cards`` (live, in order) as DeckEntries with their ``locked`` entry's mod and
    tags (GUID -> lock.LockedCard), then ``extra`` (tombstones) as they are."""

    # Each GUID once: the cards are a plan's (one per GUID) and the tombstones are locked
    # cards no card of the plan has (package.write_package need not check them again).
    unique_guids = True

    def __init__(self, cards: list[Card], locked: Mapping, extra: list[DeckEntry] = ()):
        self._cards, self._locked, self._extra = cards, locked, list(extra)

    def __len__(self) -> int:
        return len(self._cards) + len(self._extra)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self._cards)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._entry(self._cards[i]) if i < n else self._extra[i - n]

    def __iter__(self):
        entry = self._entry
        for card in self._cards:
            yield entry(card)
        yield from self._extra

    def append(self, extra: DeckEntry) -> None:
        self._extra.append(extra)

    def _entry(self, card: Card) -> DeckEntry:
        locked = self._locked[card.guid]
        # DeckEntry is frozen: its __init__ sets each field through object.__setattr__.
        # Every slot is set here, so setting the slots directly makes the same object.
        entry = object.__new__(DeckEntry)
        for put, value in zip(_SETTERS, (card, locked.mod, tuple(locked.tags), "", card.link,
                                         card.reverse)):
            put(entry, value)
        return entry

    def __repr__(self) -> str:
        return f"Entries({len(self)} entries)"
