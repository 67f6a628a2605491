"""How a card differs from its lock entry, when its digest does.

Anki replaces a whole note on import whenever the note's ``mod`` is newer, edits the user
made in Anki included. So the plan tells apart:

- ``place``: only where the card comes from changed (its note was renamed or moved: the
  source file in the Source field, the obsidian:// link, the subdeck of its folder). The
  note is not sent again: Anki keeps showing the old source and link
  (``LockedCard.shown``), and keeps the card in its deck as it always does, until the
  card's content next changes (then it is tagged as moved), or a build with
  ``refresh_sources`` sends it;
- ``tags``: the tags changed (and maybe the place), nothing else: the note must be sent for
  the tags to reach Anki, which replaces it; the changelog says so;
- ``content``: what the card shows changed.

Only cards whose digest differs are compared, a handful in a rebuild after an edit.
"""
from __future__ import annotations

import dataclasses

from ..cards import TAG_PREFIX, Card, card_digest
from .lockfile import LockedCard

RETIRED_TAG = f"{TAG_PREFIX}::retired"
MOVED_TAG = f"{TAG_PREFIX}::moved"
VERSION_TAG = f"{TAG_PREFIX}::changed::v"       # + the version, dots as underscores


def version_tag(version: str) -> str:
    return VERSION_TAG + version.replace(".", "_")


def note_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """A lock entry's tags without those versioning adds (changed in, moved, retired): the
    card's own, as its digest has them."""
    return tuple(t for t in tags if not t.startswith(VERSION_TAG)
                 and t not in (MOVED_TAG, RETIRED_TAG))


def difference(card: Card, prev: LockedCard) -> str:
    """"place", "tags" or "content" (see the module doc) for a card whose digest is not
    its lock entry's."""
    placed = dataclasses.replace(card, source=prev.source, link=prev.link)
    if card_digest(placed) == prev.hash:
        return "place"
    if card_digest(dataclasses.replace(placed, tags=note_tags(prev.tags))) == prev.hash:
        return "tags"
    return "content"


def relocated(card: Card, prev: LockedCard) -> LockedCard:
    """``prev`` where the card now comes from, Anki still showing where it came from (the
    same mod: the note is not sent again)."""
    shown = prev.shown or (prev.source, prev.link)
    if shown == (card.source, card.link):
        shown = ()                      # back where Anki shows it: nothing lags any more
    return dataclasses.replace(prev, source=card.source, link=card.link, hash=card.digest,
                               deck=card.deck, shown=shown)
