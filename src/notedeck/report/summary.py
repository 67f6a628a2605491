"""`notedeck check`'s opening screen: what a vault gave, in at most about twenty lines
whatever its size (the note-by-note report of a 275-note vault was 15,000 lines; it is
there under -v, and in the JSON).
"""
from __future__ import annotations

import re
from collections import Counter

from . import CheckReport
from .diagnostics import kind_counts

REASONS = 5         # the commonest reasons for rejecting a candidate, one line each
NAMED = 3           # places named on a line


def _named(places: list[str]) -> str:
    more = f" and {len(places) - NAMED} more" if len(places) > NAMED else ""
    return ", ".join(places[:NAMED]) + more


def _reason(kind: str, reason: str) -> str:
    """A rejection's reason without what is particular to one candidate (quoted words,
    numbers), so the same reason is counted once."""
    return f"{kind}: " + re.sub(r"\d+", "N", re.sub(r"'[^']*'", "'…'", reason))


def _count(n: int, word: str, plural: str = "") -> str:
    """"1 note", "2 notes"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def render_summary(report: CheckReport, hint: bool = True) -> str:
    """``hint``: end with where to find more (not when the note-by-note report follows)."""
    notes, cards = len(report.notes), sum(len(n["cards"]) for n in report.notes)
    kinds = Counter(c["kind"] for n in report.notes for c in n["cards"])
    out = [f"checked {_count(notes, 'note')}: {_count(cards, 'card')}"
           + (" (" + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")"
              if kinds else "")]
    reasons = Counter(_reason(r["kind"], r["reason"]) for n in report.notes
                      for r in n["rejected"])
    if reasons:
        out.append(f"rejected {_count(sum(reasons.values()), 'candidate')}; the commonest "
                   "reasons:")
        out += [f"  {n:6} {reason}" for reason, n in reasons.most_common(REASONS)]
        if len(reasons) > REASONS:
            out.append(f"  and {len(reasons) - REASONS} other reasons")
    skipped = sum(len(n["skipped"]) for n in report.notes)
    if skipped:
        out.append(f"skipped {_count(skipped, 'candidate')} (notedeck-skip, min_confidence or "
                   "the extractors option)")
    if report.no_cards:
        out.append(f"{_count(len(report.no_cards), 'note')} gave no card: "
                   f"{_named(report.no_cards)}")
    if report.too_long:
        out.append(f"{_count(len(report.too_long), 'card')} too long for a phone: "
                   + _named([f"{t['source']}:{t['line']}" for t in report.too_long]))
    if report.duplicates:
        out.append(f"{_count(len(report.duplicates), 'card')} in more than one note of a deck: "
                   + _named([f"{d['kind']} “{d['key']}”" for d in report.duplicates]))
    warnings = [d for d in report.diagnostics if d.level != "error"]
    errors = [d for d in report.diagnostics if d.level == "error"]
    for label, found in (("warning", warnings), ("error", errors)):
        if found:
            out.append(f"{_count(len(found), label)}: {kind_counts(found)}")
    if hint:
        out.append("note by note, every card and rejection: -v; the cards drawn: "
                   "--html FILE; for tools: --format json")
    return "\n".join(out) + "\n"
