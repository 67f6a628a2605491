"""What `notedeck diff` and `notedeck build` print: each deck's next version, and each
changed card with its text before and after (a word diff), for people or as JSON.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Callable, Iterator, Sequence

from ..build import BuildReport
from ..cards import KINDS
from ..model import Diagnostic, field_text, plain_fields
from ..versioning.changelog import REPLACED, renamed, summary
from ..versioning.plan import Change, Plan
from .diagnostics import split_levels

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
CONTEXT = 40        # unchanged characters kept on each side of a change; more become "…"
SHOWN = 200         # characters of an added or retired card's text


def _marked(text: str, sign: str) -> str:
    return f"[-{text}-]" if sign == "-" else f"{{+{text}+}}"


def word_diff(before: str, after: str, mark: Callable[[str, str], str] = _marked) -> str:
    """``after`` with what changed marked word by word, as git's --word-diff does:
    ``[-removed-]{+added+}``; long unchanged stretches are cut to their ends."""
    if before == after:
        return after
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    out = []
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            same = "".join(a[i1:i2])
            head = same[:CONTEXT] if n else ""
            tail = same[-CONTEXT:] if n < len(ops) - 1 else ""
            out.append(same if len(same) <= len(head) + len(tail) + 1
                       else head + ("…" if head or tail else "") + tail)
            continue
        if i2 > i1:
            out.append(mark("".join(a[i1:i2]), "-"))
        if j2 > j1:
            out.append(mark("".join(b[j1:j2]), "+"))
    return "".join(out)


def _short(text: str, limit: int = SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _front(change: Change) -> str:
    front = KINDS.get(change.card.kind, ("",))[0]
    value = change.card.fields.get(front) or next(iter(change.card.fields.values()), "")
    return field_text(value)


def change_lines(change: Change, mark: Callable[[str, str], str] = _marked) -> Iterator[str]:
    """One change: the card it is about, then its text before and after."""
    card = change.card
    yield f"  {change.what:8} {card.kind:8} {_front(change)[:60]}  ({card.source})"
    pad = " " * 11
    if change.what == "renamed":            # the same card (GUID, history) under a new key
        yield f"{pad}{renamed(change)}"
    elif change.what == "retagged":
        yield f"{pad}tags: {' '.join(card.tags)}"
    elif change.what == "relocated":
        yield f"{pad}source: {card.source}"
    elif change.what in ("added", "retired"):
        sign, front = "+" if change.what == "added" else "-", KINDS.get(card.kind, ("",))[0]
        for name, value in card.fields.items():
            if name != front:       # the line above names the card by its front
                yield f"{pad}{sign} {name}: {_short(field_text(value))}"
    elif change.what == "moved":
        yield f"{pad}to deck {card.deck} (Anki keeps it where it was first imported)"
    else:
        before = change.before or {}
        changed = [(name, field_text(before.get(name, "")), field_text(value))
                   for name, value in card.fields.items()
                   if field_text(before.get(name, "")) != field_text(value)]
        for name, old, new in changed:
            yield f"{pad}{name}: {word_diff(old, new, mark)}"
        if not changed:
            yield f"{pad}(only its source, tags or styling changed)"


def plan_lines(plan: Plan, mark: Callable[[str, str], str] = _marked) -> Iterator[str]:
    if plan.version is None:
        yield f"{plan.deck}: up to date (v{plan.previous})"
        return
    old = f"v{plan.previous}" if plan.previous else "nothing"
    yield f"{plan.deck}: {old} -> v{plan.version} ({plan.bump}): {summary(plan)}"
    for change in plan.changes:
        yield from change_lines(change, mark)
    if plan.count("retagged") or plan.count("relocated"):
        yield f"  (retagged, relocated: {REPLACED})"
    for old_name, new_name in plan.renames:
        yield f"  renamed  {old_name} -> {new_name} (cards keep their GUIDs)"
    for old_name, new_name, n in plan.lagging:
        yield (f"  {new_name}: {n} card{'s' if n != 1 else ''} kept as they are in Anki, "
               f"still showing {old_name} (--refresh-sources sends them now)")


def _fields(fields) -> dict | None:
    return None if fields is None else plain_fields(fields)


def _change_json(change: Change) -> dict:
    card = change.card
    before = card.fields if change.what in ("retired", "moved", "retagged", "relocated") \
        else change.before
    after = None if change.what == "retired" else card.fields
    return {"what": change.what, "kind": card.kind, "key": card.key, "guid": change.guid,
            "source": card.source, "deck": card.deck, "before": _fields(before),
            "after": _fields(after)}


def _deck_json(plan: Plan, changes: bool, written=None) -> dict:
    out = {"deck": plan.deck, "previous": plan.previous or None, "version": plan.version,
           "bump": plan.bump or None,
           **{what: plan.count(what) for what in ("added", "changed", "revived", "retired",
                                                   "moved", "renamed", "retagged",
                                                   "relocated")},
           "renames": [list(r) for r in plan.renames],
           "lagging": [{"from": old, "to": new, "cards": n} for old, new, n in plan.lagging],
           "actions": list(plan.actions),
           "errors": list(plan.errors)}
    if changes:
        out["changes"] = [_change_json(c) for c in plan.changes]
    if written is not None:
        out["written"] = str(written)
    return out


def diff_json(report: BuildReport, also: Sequence[Diagnostic] = ()) -> dict:
    """`notedeck diff --format json`: every deck's next version and every change."""
    return {"changed": any(p.version is not None for p in report.plans),
            "decks": [_deck_json(p, True) for p in report.plans],
            **split_levels([*also, *report.diagnostics])}


def build_json(report: BuildReport, also: Sequence[Diagnostic] = ()) -> dict:
    """`notedeck build --format json`: what was read, and each deck's version now."""
    decks = [dict(_deck_json(p, False, report.packages.get(p.deck)),
                  version=report.versions.get(p.deck)) for p in report.plans]
    planned = {p.deck for p in report.plans}
    decks += [{"deck": deck, "version": version} for deck, version
              in sorted(report.versions.items()) if deck not in planned]
    return {"notes": report.notes_read, "cards": report.cards, "decks": decks,
            "written": [str(p) for p in report.written],
            **split_levels([*also, *report.diagnostics])}
