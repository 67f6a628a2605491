"""`notedeck build` / `notedeck diff` as a library: extract, plan each deck, write it.

    plan_sources -> (nothing changed since the last build? stop) -> extract_cards
        -> plan_decks (each top-level deck against its lock) -> for each new version:
           write_package (decks/<deck>/<deck>-X.Y.Z.apkg) -> CHANGELOG.md -> the lock

Each file is written to a temporary name and renamed; the lock goes last, so a build
killed at any moment leaves the previous lock, packages and CHANGELOG usable.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from .anki.notetypes import MODEL_IDS
from .anki.package import model_signature, style_signature, write_package
from .fsutil import BusyError, WriteError, atomic_write
from .model import Diagnostic
from .pipeline import extract_cards
from .reading.sources import Options, Source, plan_sources
from .versioning.cache import code_fingerprint, note_digest, note_settings
from .versioning.changelog import entry as changelog_entry
from .versioning.changelog import read_changelog, summary, updated_changelog
from .versioning.decks import plan_decks, with_lock_identities
from .versioning.lockfile import write_lock
from .versioning.plan import Plan
from .versioning.spill import Spill
from .versioning.workspace import Workspace


@dataclass
class BuildReport:
    plans: list[Plan] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes_read: int = 0
    cards: int = 0
    versions: dict[str, str] = field(default_factory=dict)    # each deck's version now
    packages: dict[str, Path] = field(default_factory=dict)   # the decks written, by name


def build_time() -> int:
    """Now, unless SOURCE_DATE_EPOCH pins it (reproducible builds, tests)."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    return int(pinned) if pinned and pinned.isdigit() else int(time.time())


def notetype_signatures() -> dict[str, dict]:
    """What each published note type is (its id and schema): a change is a new note type."""
    return {kind: {"id": model_id, "fields": model_signature(kind)}
            for kind, model_id in MODEL_IDS.items()}


def build_decks(paths: Sequence[Path], out_dir: Path, cards_dir: Path,
                options: Options | None = None, *, write: bool = True, now: int | None = None,
                echo: Callable[[str], None] = lambda s: None, jobs: int = 0,
                cache_dir: Path | None = None, progress=None,
                retire: Sequence[str] = (), refresh_sources: bool = False,
                details: bool = False) -> BuildReport:
    """``refresh_sources``: send the cards of renamed or moved notes to Anki now, with their
    new source and link (Anki replaces those notes, edits made there included); without
    it they are sent when their content next changes. ``details``: keep each note's
    rejected and skipped candidates in what ``progress`` is given (for `-v`); ``echo`` is
    told what the build does, line by line."""
    report = BuildReport()
    now = build_time() if now is None else now
    date = datetime.fromtimestamp(now, timezone.utc).strftime("%Y-%m-%d")
    workspace = Workspace(out_dir, cards_dir, cache_dir)
    options = options or Options()
    sources, problems = plan_sources(paths, options)
    if retire:      # retiring a deck whose notes are all gone: no notes is what is meant
        problems = [d for d in problems if d.code != "no-notes"]
    missing = [d for d in problems if d.level == "error"]
    if not sources and missing:     # a mistyped path, or no notes: not a folder touched
        report.diagnostics = problems
        echo(f"nothing written: {missing[0].source}: {missing[0].message}")
        return report
    sources = with_lock_identities(sources, workspace)
    notes, digests = notes_fingerprint(sources, problems, options) if cache_dir else ("", None)
    state = workspace.last_build(workspace.inputs_fingerprint(notes)) \
        if write and cache_dir and not retire and not refresh_sources else None
    if state is not None:       # nothing changed since the last build: only checked
        report.notes_read, report.cards = state["notes"], state["cards"]
        report.versions = dict(state["decks"])
        echo(f"checked {report.notes_read} notes: nothing changed")
        for deck, version in sorted(state["decks"].items()):
            echo(f"{deck}: up to date (v{version})")
        return report
    extraction = extract_cards(paths, options, progress, jobs=jobs, cache_dir=cache_dir,
                               planned=(sources, problems), digests=digests, details=details)
    report.diagnostics.extend(extraction.all_diagnostics())
    cards = extraction.cards
    read = frozenset(n.source for n in extraction.notes if n.note is not None)
    # A note that could not be read (permissions, a sync in progress, bad bytes) keeps its
    # cards as they were: nothing is retired because of it.
    unread = frozenset(n.source for n in extraction.notes if n.note is None)
    report.notes_read = sum(1 for n in extraction.notes if n.note is not None)
    report.cards = len(cards)
    # From here on only the cards are needed (a big vault's build peaks while its
    # packages are written).
    del extraction, digests, sources
    kinds = Counter(card.kind for card in cards)
    echo(f"read {report.notes_read} notes: {report.cards} cards" + (" (" + ", ".join(
        f"{n} {k}" for k, n in sorted(kinds.items())) + ")" if kinds else ""))
    try:
        with workspace.hold() if write else contextlib.nullcontext():
            if write:
                workspace.sweep()
            decks = plan_decks(cards, workspace, now, notetype_signatures(), style_signature(),
                               read, frozenset(retire), Spill.open(cache_dir), unread,
                               refresh_sources)
            del cards           # the plans hold the cards they ship
            report.plans = decks.plans
            report.diagnostics += [Diagnostic("error", str(cards_dir), 0, e, "lock-damaged")
                                   for e in decks.errors]
            for deck in decks.left:
                echo(f"{deck}: none of its notes are in this build; left as it is (if they "
                     f"are gone for good, build with --retire '{deck}')")
            missing = [d for d in problems if d.level == "error"]
            if write and missing:
                write = False       # a mistyped path must not retire the cards it held
                echo(f"nothing written: {missing[0].source}: {missing[0].message}")
            for plan in decks.plans:
                for old, new in plan.renames:
                    echo(f"{plan.deck}: {old} was renamed to {new}; its cards keep their GUIDs")
                report.diagnostics += [Diagnostic(
                    "warning", source, 0, f"could not be read; its {n} card"
                    f"{'s are' if n != 1 else ' is'} kept as {'they were' if n != 1 else 'it was'}"
                    " until it can be read again", "unreadable") for source, n in plan.kept]
                if plan.errors:
                    report.diagnostics += [Diagnostic("error", plan.deck, 0, e, "deck-blocked")
                                           for e in plan.errors]
                    continue
                if plan.version is None:
                    report.versions[plan.deck] = plan.previous
                    echo(f"{plan.deck}: up to date (v{plan.previous})")
                    continue
                if not write:
                    continue
                package = write_deck(plan, workspace, date)
                report.written.append(package)
                report.versions[plan.deck], report.packages[plan.deck] = plan.version, package
                echo(f"{plan.deck}: wrote v{plan.version} ({summary(plan)}) -> {package}")
    except (BusyError, WriteError) as exc:
        report.diagnostics.append(Diagnostic("error", str(cards_dir), 0, str(exc),
                                             "busy" if isinstance(exc, BusyError)
                                             else "write-failed"))
    # (not after a note could not be read: the next build says so again, until it can)
    if write and report.plans and not unread and \
            not any(d.level == "error" for d in report.diagnostics):
        workspace.record_build({"inputs": workspace.inputs_fingerprint(notes),
                                "decks": {p.deck: p.version or p.previous for p in report.plans},
                                "notes": report.notes_read, "cards": report.cards})
    return report


def write_deck(plan: Plan, workspace: Workspace, date: str) -> Path:
    """The plan's package, then its CHANGELOG entry, then its lock."""
    package = workspace.package_path(plan.deck, plan.version)
    description = f"{plan.deck} v{plan.version} — {date} — {summary(plan)}."
    media = {str(e.card.fields["image"]): Path(e.card.image_file) for e in plan.entries
             if e.card.image_file and e.card.fields.get("image")
             and Path(e.card.image_file).is_file()}
    existed = package.exists()
    previous = workspace.package_path(plan.deck, plan.previous) if plan.previous else None
    try:
        write_package(plan.entries, package, descriptions={plan.deck: description}, media=media,
                      previous=previous if previous and previous.is_file() else None,
                      state=workspace.package_state(plan.deck))
    except (sqlite3.Error, OSError) as exc:   # e.g. the disk filled mid-write
        raise WriteError(f"{package}: cannot write: {exc}") from exc
    log = workspace.changelog_path(plan.deck)
    before = read_changelog(log)
    try:
        atomic_write(log, updated_changelog(before, changelog_entry(plan, date)))
        write_lock(workspace.lock_path(plan.deck), plan.lock)
    except WriteError:
        # The lock is what the next build trusts: without it, this version was not made.
        # Put the package folder back as it was, so nothing half-written stays.
        if not existed:
            package.unlink(missing_ok=True)
        if read_changelog(log) != before:
            atomic_write(log, before) if before else log.unlink(missing_ok=True)
        raise
    return package


def notes_fingerprint(sources: list[Source], problems: list[Diagnostic],
                      options: Options) -> tuple[str, dict[Path, bytes]]:
    """notedeck's code, the options and every note's bytes; and each note's digest, so the
    notes are read once per build (the cache keys are made from the same digests)."""
    h = hashlib.sha256(f"{code_fingerprint()}\x1f{options.root_deck}\x1f{options.deck}"
                       f"\x1f{options.config}".encode())
    digests: dict[Path, bytes] = {}
    for source in sources:
        h.update(f"\x1f{note_settings(source)}\x1f".encode())
        digest = digests[source.file.path] = note_digest(source.file.path) or b""
        h.update(digest or b"unreadable")
    h.update(repr([str(p) for p in problems]).encode())
    return h.hexdigest(), digests
