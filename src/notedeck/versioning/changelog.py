"""``decks/<deck>/CHANGELOG.md``: one entry per version, newest first."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

from ..cards import KINDS
from ..model import field_text as plain
from .plan import Change, Plan

HEADER = "# Changelog\n\nEach version of this deck, newest first. Import only the newest .apkg.\n"


def _short(text: str, limit: int = 80) -> str:
    text = plain(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _name(change: Change) -> str:
    front, _ = KINDS.get(change.card.kind, (None, None))
    label = change.card.fields.get(front, change.card.key) if front else change.card.key
    return f"{change.card.kind} **{_short(label, 60)}** ({change.card.source})"


def _diff(change: Change) -> str:
    parts = []
    for key, after in change.card.fields.items():
        before = (change.before or {}).get(key)
        if before != after:
            parts.append(f"{key}: “{_short(before or '', 60)}” → “{_short(after, 60)}”")
    return "; ".join(parts) or "source or tags"


def summary(plan: Plan) -> str:
    bits = [f"{plan.count('added')} added", f"{plan.count('changed') + plan.count('revived')}"
            " changed", f"{plan.count('retired')} retired"]
    if plan.count("moved"):
        bits.append(f"{plan.count('moved')} moved")
    if plan.style_changed:
        bits.append("card styling updated")
    return ", ".join(bits)


# A CHANGELOG is read by a person: a first build of a big vault would otherwise list a
# million added cards (115 MB of text for 100k notes).
LISTED = 200


def entry(plan: Plan, date: str) -> str:
    out = [f"## {plan.version} — {date}", "", summary(plan) + "."]
    sections = [("Added", "added", False), ("Changed", "changed", True),
                ("Revived", "revived", True), ("Retired", "retired", False),
                ("Moved", "moved", False)]
    for title, what, diff in sections:
        total = plan.count(what)
        if not total:
            continue
        out += ["", f"### {title}", ""]
        # the first ones only: a list of them all would be a million Changes at once
        listed = itertools.islice((c for c in plan.changes if c.what == what), LISTED)
        out += [f"- {_name(c)}" + (f" — {_diff(c)}" if diff else "") for c in listed]
        if total > LISTED:
            out.append(f"- … and {total - LISTED:,} more (every card is in the card "
                       "lock, `cards/<deck>.json`)")
    if plan.renames:
        out += ["", "### Renamed notes (cards kept)", ""]
        out += [f"- {old} → {new}" for old, new in plan.renames]
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
