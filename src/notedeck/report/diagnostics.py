"""How warnings and errors are shown: one line each (``file:line: level: message``), a
kind of warning with many instances summed up in one line (a real vault's 217 "gave no
card" would drown the two warnings that matter), and JSON objects for tools.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..model import Diagnostic

SUMMED_OVER = 3     # a kind of warning with more instances than this gets one line
NAMED = 3           # the files such a line names

# What a kind is, for a summary line whose instances say different things (the ones that
# all say the same thing are summed up with that message).
TITLES = {
    "frontmatter": "frontmatter that cannot be used (ignored)",
    "not-utf8": "notes not in UTF-8 (decoded)",
    "too-large": "files too large (skipped)",
    "special-file": "pipes, sockets or devices (skipped)",
    "image-missing": "images not found",
    "image-url": "images given as URLs (not packaged)",
    "image-outside": "images outside the notes folder (refused)",
    "image-not-image": "image links to files that are not images",
    "no-match": "deck sources that match no note",
    "config-unknown-key": "unknown keys in notedeck.toml (ignored)",
    "unreadable": "notes that cannot be read (their cards kept)",
}


def diagnostic_json(d: Diagnostic) -> dict:
    """A warning or error as tools get it: ``line`` is null where it is not known."""
    return {"file": d.source, "line": d.line or None, "code": d.code, "level": d.level,
            "message": d.message}


def split_levels(diagnostics: Iterable[Diagnostic]) -> dict[str, list[dict]]:
    """{"warnings": [...], "errors": [...]} as JSON objects: what every JSON document of
    the command line carries."""
    out: dict[str, list[dict]] = {"warnings": [], "errors": []}
    for d in diagnostics:
        out["errors" if d.level == "error" else "warnings"].append(diagnostic_json(d))
    return out


def diagnostic_lines(diagnostics: Iterable[Diagnostic], every: bool = False) -> list[str]:
    """Warnings, then errors (the last thing on the screen), one line each; unless
    ``every``, each kind of warning with more than SUMMED_OVER instances is one line
    instead: what it is, how many, the first files."""
    warnings: dict[str, list[Diagnostic]] = defaultdict(list)
    errors = []
    for d in diagnostics:
        if d.level == "error":
            errors.append(str(d))
        else:
            warnings[d.code or d.message].append(d)
    lines = []
    for code, group in warnings.items():
        if every or len(group) <= SUMMED_OVER:
            lines += map(str, group)
        else:
            lines.append(_summed(code, group))
    return lines + errors


def _summed(code: str, group: list[Diagnostic]) -> str:
    said = {d.message for d in group}
    what = group[0].message if len(said) == 1 else TITLES.get(code, code)
    files = list(dict.fromkeys(d.source for d in group))
    named = ", ".join(files[:NAMED]) + (f" and {len(files) - NAMED} more"
                                         if len(files) > NAMED else "")
    count = f"{len(group)} files" if len(files) == len(group) else \
        f"{len(group)} times in {len(files)} files"
    return f"warning: {what} [{code}]: {count} ({named}; -v lists each)"


def kind_counts(diagnostics: Iterable[Diagnostic]) -> str:
    """"217 no-cards, 3 frontmatter": how many of each kind, most first."""
    counts: dict[str, int] = defaultdict(int)
    for d in diagnostics:
        counts[d.code or "other"] += 1
    return ", ".join(f"{n} {code}" for code, n in sorted(counts.items(), key=lambda kv: -kv[1]))
