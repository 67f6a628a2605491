"""Which note identity a note file's GUIDs derive from, across renames.

A card's GUID is derived from (note identity, kind, key) (cards.guid_for). A note's
identity is its frontmatter ``id``, else its path in its vault (reading.sources.NoteFile);
the lock remembers which identity each file's cards were shipped under (``Lock.notes``), so
a file keeps its GUIDs however its identity would be worked out today: when it is renamed
or moved (a new file whose cards mostly match the cards of a vanished one takes its
identity, as git detects a rename), when it gets a frontmatter ``id``, and for notes first
built before identities were vault paths. A frontmatter ``id`` the lock knows wins over
rename detection. A note that could not be read in this build (``unread``) keeps its
identity, and no other note can take it.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict

from ..cards import Card, guid_for
from .lockfile import Lock

# A new file takes a vanished file's identity when at least this share of the vanished
# file's cards (kind and key) are among the new file's.
RENAME_OVERLAP = 0.5


def path_identity(identity: str, source: str) -> bool:
    """Whether a note's own identity is its path (no frontmatter ``id``): its path in the
    notes folder, or in the vault that folder is in."""
    return identity == source or identity.endswith("/" + source)


def assign_identities(cards: list[Card], lock: Lock, unread: frozenset[str] = frozenset()
                      ) -> tuple[list[Card], list[tuple[str, str]]]:
    """The cards with the identities the lock keeps for their files, and the renames found
    (old source, new source)."""
    by_source: dict[str, list[Card]] = defaultdict(list)
    for card in cards:
        by_source[card.source].append(card)
    notes = lock.notes
    if all(source in notes for source in by_source):    # no new file: the usual rebuild
        identity = {source: notes[source] for source in by_source}
        return _with_identities(cards, identity), []
    claimed = {notes[s] for s in (*by_source, *unread) if s in notes}
    gone: dict[str, set] = defaultdict(set)      # vanished note identity -> its (kind, key)s
    was: dict[str, str] = {}                     # ... and its file
    known = set()
    for c in lock.cards.values():
        known.add(c.note_id)
        if c.status == "live" and c.source not in by_source and c.source not in unread \
                and c.note_id not in claimed:
            gone[c.note_id].add((c.kind, c.key))
            was[c.note_id] = c.source
    identity, renames = {}, []
    for source, group in sorted(by_source.items()):
        if source in notes:
            identity[source] = notes[source]
            continue
        own = group[0].note_id
        if not path_identity(own, source) and own in known:
            identity[source] = own                  # a frontmatter id the lock knows
            continue
        keys = {(c.kind, c.key) for c in group}
        best, score = None, 0.0
        for ident, olds in gone.items():
            if ident in claimed:
                continue
            overlap = len(keys & olds) / len(olds)
            if overlap >= RENAME_OVERLAP and overlap > score:
                best, score = ident, overlap
        if best:
            claimed.add(best)
            renames.append((was[best], source))
            identity[source] = best
        elif path_identity(own, source) and own in claimed:
            # a new file where a renamed one was: its cards are not the renamed one's
            identity[source] = next(f"{own}#{n}" for n in range(2, 1 << 30)
                                    if f"{own}#{n}" not in known | claimed)
        else:
            identity[source] = own
        claimed.add(identity[source])
    return _with_identities(cards, identity), renames


def _with_identities(cards: list[Card], identity: dict[str, str]) -> list[Card]:
    if all(identity[c.source] == c.note_id for c in cards):
        return cards
    out = []
    for card in cards:
        ident = identity[card.source]
        if ident != card.note_id:
            card = dataclasses.replace(card, note_id=ident,
                                       guid=guid_for(ident, card.kind, card.key))
        out.append(card)
    return out
