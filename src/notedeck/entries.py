"""A deck's DeckEntries, made when asked for instead of held.

A plan ships one DeckEntry per live card: the card, with the mod and tags its entry in
the new lock decided. Both of those are held anyway (the cards by the build, the lock
entries by the new lock), so a plan of a big deck keeps the pairs and makes each entry
as it is read: holding a million DeckEntries cost about 100 bytes per card at the
moment a build peaks (while its package is written).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import Card, DeckEntry

_SETTERS = tuple(getattr(DeckEntry, name).__set__
                 for name in ("card", "mod", "tags", "status", "link", "reverse"))


class Entries(Sequence):
    """``cards`` (live, in order) as DeckEntries with their ``locked`` entry's mod and
    tags (GUID -> lock.LockedCard), then ``extra`` (tombstones) as they are."""

    def __init__(self, cards: list[Card], locked: Mapping, extra: list[DeckEntry] = ()):
        self._cards, self._locked, self._extra = cards, locked, list(extra)
        self._tags: dict[int, tuple[list, tuple]] = {}     # id(tags list) -> (it, tuple)

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
        tags = locked.tags
        # The cards of a note share one tags list: one tuple for them all.
        pair = self._tags.get(id(tags))
        if pair is None or pair[0] is not tags:
            pair = self._tags[id(tags)] = (tags, tuple(tags))
        # DeckEntry is frozen: its __init__ sets each field through object.__setattr__.
        # Every slot is set here, so setting the slots directly makes the same object.
        entry = object.__new__(DeckEntry)
        for put, value in zip(_SETTERS, (card, locked.mod, pair[1], "", card.link,
                                         card.reverse)):
            put(entry, value)
        return entry

    def __eq__(self, other):
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return f"Entries({len(self)} entries)"
