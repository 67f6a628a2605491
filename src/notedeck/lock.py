"""The card lock: ``cards/<deck>.json``, the only state kept between builds.

It records every card ever shipped in a deck (GUID, kind, key, content hash, the ``mod``
written to Anki, the version it first appeared and last changed in, live or retired), the
note identity each note file's GUIDs derive from (so a renamed file keeps its GUIDs), the
published note types, and the version history. Sorted and indented, to be committed
beside the notes and read in a diff.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fsutil import atomic_write

LOCK_FORMAT = 1


@dataclass
class LockedCard:
    kind: str
    key: str
    note_id: str
    source: str
    deck: str
    hash: str
    mod: int
    added: str
    changed: str
    fields: dict[str, Any]
    tags: list[str]
    status: str = "live"           # "live" or "retired"
    retired: str = ""              # version it was retired in
    first_deck: str = ""           # the deck it was first imported into
    reverse: bool = True           # terms: the note has the definition -> term card
    link: str = ""                 # the note's link back to its source (tombstones keep it)


@dataclass
class Lock:
    deck: str
    version: str = ""              # the newest version written ("" before the first build)
    versions: list[dict[str, Any]] = field(default_factory=list)
    notetypes: dict[str, dict[str, Any]] = field(default_factory=dict)
    style: str = ""
    notes: dict[str, str] = field(default_factory=dict)     # source path -> note identity
    cards: dict[str, LockedCard] = field(default_factory=dict)

    def to_json(self) -> str:
        """Sorted, one card per line: a diff of the lock reads card by card."""
        head = {
            "format": LOCK_FORMAT,
            "deck": self.deck,
            "version": self.version,
            "versions": self.versions,
            "notetypes": dict(sorted(self.notetypes.items())),
            "style": self.style,
            "notes": dict(sorted(self.notes.items())),
        }
        text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
        cards = [f" {json.dumps(g)}: {json.dumps(vars(c), ensure_ascii=False)}"
                 for g, c in sorted(self.cards.items())]
        return text + ',\n "cards": {\n' + ",\n".join(cards) + "\n }\n}\n"


class LockError(Exception):
    pass


def slug(deck: str) -> str:
    """A file-safe name for a deck: 'Psych::IPNB notes' -> 'Psych-IPNB-notes'."""
    return re.sub(r"[^\w.-]+", "-", deck.replace("::", "-")).strip("-.") or "deck"


def lock_path(cards_dir: Path, deck: str) -> Path:
    return cards_dir / f"{slug(deck)}.json"


def load_lock(path: Path, deck: str) -> Lock:
    if not path.exists():
        return Lock(deck)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != LOCK_FORMAT:
            raise LockError(f"{path}: lock format {data.get('format')!r} is not "
                            f"{LOCK_FORMAT}; upgrade notedeck")
        cards = {g: LockedCard(**c) for g, c in data.get("cards", {}).items()}
        return Lock(deck=data.get("deck", deck), version=data.get("version", ""),
                    versions=list(data.get("versions", [])),
                    notetypes=dict(data.get("notetypes", {})), style=data.get("style", ""),
                    notes=dict(data.get("notes", {})), cards=cards)
    except LockError:
        raise
    except (ValueError, TypeError, AttributeError) as exc:
        raise LockError(f"{path}: the card lock is damaged ({exc}); restore it from version "
                        "control — without it, new GUIDs would duplicate every card") from exc


def save_lock(path: Path, lock: Lock) -> None:
    atomic_write(path, lock.to_json())
