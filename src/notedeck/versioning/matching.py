"""Which GUID each card ships under, when a key was renamed.

A card's GUID is ``guid_for(note identity, kind, key)`` (cards.py) until its key changes:
fixing a typo in a term ("Cognitve" -> "Cognitive") must keep the card and its review
history. So a card that is new to the lock takes the GUID of a card of the same note and
kind that vanished in the same build, when their keys are close (a small typo, see
``close``) and neither has another close match: the match must be unambiguous. Otherwise it
is a retirement and a new card, as before.

The lock remembers the GUIDs that differ from what the key gives (``Lock.guids``): the
renamed card's, and the one of a card whose own GUID was handed on (the old key written
again later gets a GUID of its own, never its successor's).
"""
from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..cards import Card, guid_for
from .lockfile import Lock


def allowed_edits(a: str, b: str) -> int:
    """How many one-letter edits still make two keys the same one: none for short keys
    (acronyms, single short words: "CBT" and "DBT" are two things), then one per dozen
    letters or so."""
    n = max(len(a), len(b))
    return 0 if n < 5 else 1 if n < 12 else 2 if n < 24 else 3


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (insert, delete, substitute, swap two neighbours),
    or ``limit + 1`` as soon as it must be more than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


def close(a: str, b: str) -> bool:
    """Two different keys that are one small typo apart. Numbers must be the same: "Stage
    1" and "Stage 2", "DSM-4" and "DSM-5" are different things, never a typo."""
    limit = allowed_edits(a, b)
    return a != b and limit > 0 and _digits(a) == _digits(b) \
        and edit_distance(a, b, limit) <= limit


def _digits(key: str) -> list[str]:
    return re.findall(r"\d+", key)


def unambiguous_pairs(olds: Iterable[str], news: Iterable[str]) -> list[tuple[str, str]]:
    """(old, new) for each old key with exactly one close new key that has no other close
    old key."""
    olds, news = sorted(set(olds)), sorted(set(news))
    near = {o: [n for n in news if close(o, n)] for o in olds}
    back: dict[str, list[str]] = defaultdict(list)
    for o, found in near.items():
        for n in found:
            back[n].append(o)
    return [(o, found[0]) for o, found in near.items()
            if len(found) == 1 and len(back[found[0]]) == 1]


def salted_guid(card: Card, taken: Mapping | set, attempt: int = 2) -> str:
    """A GUID of the card's own that no card of the lock has: for a key whose GUID was
    handed to a renamed card."""
    while True:
        guid = guid_for(card.note_id, card.kind, f"{card.key}\x00{attempt}")
        if guid not in taken:
            return guid
        attempt += 1


def shipped_guids(cards: list[Card], lock: Lock) -> tuple[list[Card], dict[str, str]]:
    """Each card under the GUID the lock says its key ships under, and the lock's
    ``guids`` (a copy, for the new lock)."""
    aliases = dict(lock.guids)
    if not aliases:
        return cards, aliases
    handed_on = set(aliases.values())
    out = []
    for card in cards:
        guid = aliases.get(card.guid)
        if guid is None and card.guid in handed_on:
            prev = lock.cards.get(card.guid)
            if prev is not None and prev.key != card.key:
                guid = aliases[card.guid] = salted_guid(card, lock.cards)
        out.append(card if guid is None else dataclasses.replace(card, guid=guid))
    return out, aliases


def renamed_keys(current: dict[str, Card], lock: Lock, aliases: dict[str, str],
                 vanished: set[str]) -> list[str]:
    """Give each card whose key was renamed the GUID of the card it replaces; the GUIDs
    given. ``current``: this build's cards by GUID; ``vanished``: GUIDs of the lock's cards
    it has no card for (live ones are a rename's candidates); ``aliases`` (Lock.guids):
    all three are updated."""
    fresh: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for guid, card in current.items():
        if guid not in lock.cards:
            fresh[card.note_id, card.kind][card.key] = guid
    gone: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for guid in vanished if fresh else ():
        entry = lock.cards[guid]
        if entry.status == "live" and (entry.note_id, entry.kind) in fresh:
            gone[entry.note_id, entry.kind][entry.key] = guid
    renamed: list[str] = []
    for group, keys in sorted(gone.items()):
        for old, new in unambiguous_pairs(keys, fresh[group]):
            guid = keys[old]
            card = current.pop(fresh[group][new])
            for k in [k for k, v in aliases.items() if v == guid]:
                del aliases[k]          # the GUID now belongs to the new key only
            natural = guid_for(card.note_id, card.kind, card.key)
            if natural != guid:
                aliases[natural] = guid
            current[guid] = dataclasses.replace(card, guid=guid)
            vanished.discard(guid)
            renamed.append(guid)
    return renamed
