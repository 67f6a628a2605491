"""A list card's cloze numbers, for life.

A list card is one Anki cloze note: c1 hides the whole list, and each item is a cloze of
its own, one Anki card (and review history) per number. Numbering items by their place
would hand each later item its neighbour's history when one is inserted above it, so an
item keeps the number it was first shipped with: items are told apart by their key (the
normalised text; a small typo fixed keeps the number, as card keys do in matching.py), a
new item gets the next number never used, and a removed item's number stays its own (it is
not given to another item; the item gets it back if it returns).

The lock stores the numbers (LockedCard.numbers) only once they differ from "2, 3, 4 ...
in order", which is how every list starts and how most stay.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..extractors.text import normalize_key
from ..model import FieldValue, field_text
from .matching import unambiguous_pairs

Numbers = tuple[tuple[str, int], ...]     # (item key, cloze number), as the lock has them


def item_keys(items: FieldValue) -> list[str]:
    """Each item's key: its normalised text, ``#2``, ``#3`` ... on a repeat."""
    keys, seen = [], {}
    for item in (items,) if isinstance(items, str) else items:
        key = normalize_key(field_text(item)) or field_text(item)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def in_order(keys: Sequence[str]) -> dict[str, int]:
    return {key: i + 2 for i, key in enumerate(keys)}


def item_numbers(items: FieldValue, numbers: Numbers) -> tuple[int, ...]:
    """The cloze number of each item (2, 3, 4 ... while ``numbers`` is empty)."""
    keys = item_keys(items)
    if not numbers:
        return tuple(range(2, len(keys) + 2))
    known = dict(numbers)
    following = max(known.values(), default=1) + 1
    out = []
    for key in keys:            # (an item the lock has no number for: a lock edited by hand)
        if key not in known:
            known[key], following = following, following + 1
        out.append(known[key])
    return tuple(out)


def renumber(old_items: FieldValue, old: Numbers, new_items: FieldValue) -> Numbers:
    """The numbers of ``new_items``, given the card's last ``old_items`` and numbers: ()
    when they are the new items in order from 2 (nothing to store)."""
    before = item_keys(old_items)
    known = dict(old) if old else in_order(before)
    keys = item_keys(new_items)
    missing = [k for k in keys if k not in known]
    if missing:
        left = [k for k in before if k not in keys]
        for was, now in unambiguous_pairs(left, missing):
            known[now] = known.pop(was)             # a typo fixed: the item keeps its number
        following = max(known.values(), default=1) + 1
        for key in keys:
            if key not in known:
                known[key] = following
                following += 1
    if known == in_order(keys):
        return ()
    return tuple(sorted(known.items(), key=lambda kv: kv[1]))
