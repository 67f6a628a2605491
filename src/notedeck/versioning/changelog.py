"""``decks/<deck>/CHANGELOG.md``: one entry per version, newest first."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

from ..cards import KINDS
from ..model import field_text as plain
from ..reading.sources import CHANGELOG_HEAD
from .plan import Change, Plan

# (sources.py knows a CHANGELOG.md notedeck wrote by how it starts: never a note)
HEADER = CHANGELOG_HEAD.decode() + ", newest first. Import only the newest .apkg.\n"


def _short(text: str, limit: int = 80) -> str:
    text = plain(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _name(change: Change) -> str:
    front, _ = KINDS.get(change.card.kind, (None, None))
    label = change.card.fields.get(front, change.card.key) if front else change.card.key
    return f"{change.card.kind} **{_short(label, 60)}** ({change.card.source})"


def front(card, fields=None) -> str:
    """A card's front as plain text (its key when it has none)."""
    name, _ = KINDS.get(card.kind, (None, None))
    fields = card.fields if fields is None else fields
    return plain(str(fields.get(name, card.key))) if name else card.key


def renamed(change: Change) -> str:
    """"renamed 'Cognitve' -> 'Cognitive'" for a card whose key was renamed (and what else
    changed)."""
    name, _ = KINDS.get(change.card.kind, (None, None))
    rest = _diff(change, skip=name)
    return (f"renamed '{_short(front(change.card, change.before or {}), 60)}' -> "
            f"'{_short(front(change.card), 60)}'") + ("" if rest == UNSEEN else f"; {rest}")


UNSEEN = "source or tags"


def _diff(change: Change, skip: str | None = None) -> str:
    parts = []
    for key, after in change.card.fields.items():
        before = (change.before or {}).get(key)
        if before != after and key != skip:
            parts.append(f"{key}: “{_short(before or '', 60)}” → “{_short(after, 60)}”")
    return "; ".join(parts) or UNSEEN


def summary(plan: Plan) -> str:
    changed = plan.count("changed") + plan.count("revived") + plan.count("renamed")
    bits = [f"{plan.count('added')} added", f"{changed} changed",
            f"{plan.count('retired')} retired"]
    if plan.count("moved"):
        bits.append(f"{plan.count('moved')} moved")
    if plan.count("retagged"):
        bits.append(f"{plan.count('retagged')} updated for tags only")
    if plan.count("relocated"):
        bits.append(f"{plan.count('relocated')} updated for their source")
    if plan.lagging:
        bits.append(f"{sum(n for _, _, n in plan.lagging)} kept as they are in Anki "
                    "(note renamed)")
    if plan.style_changed:
        bits.append("card styling updated")
    return ", ".join(bits)


# A CHANGELOG is read by a person: a first build of a big vault would otherwise list a
# million added cards (115 MB of text for 100k notes).
LISTED = 200

REPLACED = ("Anki replaces a whole note on import: edits made to these notes in Anki are "
            "replaced too (their review history is kept).")
# (title, what, how each change is described, a note under the title)
SECTIONS = [("Added", "added", None, ""), ("Changed", "changed", _diff, ""),
            ("Renamed", "renamed", renamed, "The same cards, with their review history, "
             "under a corrected name."),
            ("Revived", "revived", _diff, ""), ("Retired", "retired", None, ""),
            ("Moved", "moved", None, ""),
            ("Updated for tags only", "retagged", None, "Only their tags changed. " + REPLACED),
            ("Source and link updated", "relocated", None, "Their note was renamed or "
             "moved (built with --refresh-sources). " + REPLACED)]
LAGGING = ("Cards of renamed or moved notes that did not change stay as they are in Anki, "
           "edits made there included: they keep showing their old source and link until "
           "their content next changes.")
REFRESH = ("To update them now, build with `--refresh-sources`: Anki then replaces those "
           "notes, with any edits made to them there (their review history is kept).")


def _cards(n: int) -> str:
    return f"{n} card" if n == 1 else f"{n} cards"


def entry(plan: Plan, date: str) -> str:
    out = [f"## {plan.version} — {date}", "", summary(plan) + "."]
    for title, what, diff, note in SECTIONS:
        total = plan.count(what)
        if not total:
            continue
        out += ["", f"### {title}", ""] + ([note, ""] if note else [])
        # the first ones only: a list of them all would be a million Changes at once
        listed = itertools.islice((c for c in plan.changes if c.what == what), LISTED)
        out += [f"- {_name(c)}" + (f" — {diff(c)}" if diff else "") for c in listed]
        if total > LISTED:
            out.append(f"- … and {total - LISTED:,} more (every card is in the card "
                       "lock, `cards/<deck>.json`)")
    if plan.renames or plan.lagging:
        out += ["", "### Renamed notes (cards kept)", ""]
        out += [f"- {old} → {new}" for old, new in plan.renames]
    if plan.lagging:
        out += ["" if plan.renames else None, LAGGING, ""]
        out += [f"- {new}: {_cards(n)} still show {old} as their source"
                for old, new, n in plan.lagging]
        out += ["", REFRESH]
    out = [line for line in out if line is not None]
    if plan.actions:
        out += ["", "### What you need to do", ""] + [f"- {a}" for a in plan.actions]
    return "\n".join(out) + "\n"


def updated_changelog(existing: str, new_entry: str) -> str:
    """The new entry on top. An entry for the same version (left by a build interrupted
    before its lock was saved, so the version is being made again) is replaced."""
    body = existing if existing.startswith("# Changelog") else HEADER
    version = new_entry.split("\n", 1)[0].split(" ")[1]
    same = re.search(rf"^## {re.escape(version)} .*?(?=^## |\Z)", body, re.M | re.S)
    if same:
        body = body[: same.start()] + body[same.end():]
    m = re.search(r"^## ", body, re.M)
    if m is None:
        return body.rstrip("\n") + "\n\n" + new_entry
    return body[: m.start()] + new_entry + "\n" + body[m.start():]


def read_changelog(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""
