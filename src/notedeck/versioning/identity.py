"""Which note identity a note file's GUIDs derive from, across renames.

A card's GUID is derived from (note identity, kind, key) (cards.guid_for). A note's
identity is its frontmatter ``id``, else its path; the lock remembers which identity each
file's cards were shipped under, so a file keeps its GUIDs when it is renamed or moved: a
new file whose cards mostly match the cards of a vanished one takes its identity, as git
detects a rename.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict

from ..cards import Card, guid_for
from .lockfile import Lock

# A new file takes a vanished file's identity when at least this share of the vanished
# file's cards (kind and key) are among the new file's.
RENAME_OVERLAP = 0.5


def assign_identities(cards: list[Card], lock: Lock) -> tuple[list[Card], list[tuple[str, str]]]:
    """The cards with the identities the lock keeps for their files, and the renames found
    (old source, new source)."""
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
            if overlap >= RENAME_OVERLAP and overlap > score:
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
