"""`notedeck build` / `notedeck diff` as a library: extract, plan each deck, write it.

    extract_cards -> group by top-level deck -> load_lock -> plan_deck
        -> write_package (decks/<deck>/<deck>-X.Y.Z.apkg) -> CHANGELOG.md -> save_lock

Each file is written to a temporary name and renamed; the lock goes last, so a build
killed at any moment leaves the previous lock, packages and CHANGELOG usable.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from .cards import Card
from .fsutil import BusyError, WriteError, atomic_write, workspace_lock
from .model import Diagnostic
from .pipeline import _settings, extract_cards, note_digest
from .reading.sources import Options, plan_sources
from .versioning.changelog import entry as changelog_entry
from .versioning.changelog import read_changelog, summary, updated_changelog
from .versioning.lock import LockError, load_lock, lock_path, slug
from .versioning.plan import Plan, plan_deck


@dataclass
class BuildReport:
    plans: list[Plan] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes_read: int = 0
    cards: int = 0


def build_time() -> int:
    """Now, unless SOURCE_DATE_EPOCH pins it (reproducible builds, tests)."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    return int(pinned) if pinned and pinned.isdigit() else int(time.time())


def notetype_signatures() -> dict[str, dict]:
    from .anki.notetypes import MODEL_IDS
    from .anki.package import model_signature
    return {kind: {"id": model_id, "fields": model_signature(kind)}
            for kind, model_id in MODEL_IDS.items()}


def top_deck(deck: str) -> str:
    return deck.split("::", 1)[0]


def plan_decks(cards: Sequence[Card], cards_dir: Path, now: int,
               sources: frozenset[str] | None = None, retire: frozenset[str] = frozenset(),
               scratch: Path | None = None) -> tuple[list[Plan], list[str], list[str]]:
    """Plans for every deck with cards in this build, and for every locked deck that this
    build's notes (``sources``) belong to; also the errors, and the decks left alone.

    A locked deck with no card in this build retires its cards only when the build read at
    least one of the notes it records (its notes were emptied or deleted one by one), or
    when its cards moved to another deck of this build (a renamed deck). A build of some
    other folder, or of a mistyped path, leaves it as it is, unless it is in ``retire``
    (its notes are gone for good: its cards ship as tombstones).

    The locks' text waits in a spill file in ``scratch`` (else the system's temporary
    folder) until the new locks are written: see lock.load_lock.
    """
    from .anki.package import style_signature
    from .versioning.spill import Spill
    spill = Spill.open(scratch)
    by_deck: dict[str, list[Card]] = defaultdict(list)
    for card in cards:
        by_deck[top_deck(card.deck)].append(card)
    plans, errors, locks, left = [], [], {}, []
    live = {c.guid: c for c in cards}       # the locks share these cards' strings
    if cards_dir.is_dir():
        for path in sorted(cards_dir.glob("*.json")):
            try:
                lock = load_lock(path, path.stem, spill, live)
            except LockError as exc:
                errors.append(str(exc))
                continue
            if path != lock_path(cards_dir, lock.deck):
                continue
            locks[lock.deck] = lock
            if lock.deck not in by_deck:
                locked = [g for g, c in lock.cards.items() if c.status == "live"]
                if (sources is None or not locked or lock.deck in retire
                        or not sources.isdisjoint(lock.notes)
                        or any(g in live for g in locked)):
                    by_deck[lock.deck] = []
                else:
                    left.append(lock.deck)
    date = datetime.fromtimestamp(now, timezone.utc).strftime("%Y-%m-%d")
    sigs, style = notetype_signatures(), style_signature()
    for deck in sorted(by_deck):
        if deck in locks:
            continue
        try:
            locks[deck] = load_lock(lock_path(cards_dir, deck), deck, spill, live)
        except LockError as exc:
            errors.append(str(exc))
    if len(by_deck) < 2:
        live = None         # no other deck to tell apart: the table can go before planning
    # A card may move between decks of one build (a renamed deck): each deck sees what the
    # others lock and ship, so a moved card is neither duplicated nor retired.
    for deck, lock in locks.items():
        if deck in left:
            continue
        others = {g: c for d, other in locks.items() if d != deck
                  for g, c in other.cards.items() if c.status == "live"}
        elsewhere = frozenset(g for g, c in live.items() if top_deck(c.deck) != deck) \
            if len(by_deck) > 1 else frozenset()        # one deck: nowhere else
        plans.append(plan_deck(deck, by_deck[deck], lock, now, sigs, style, date,
                               others, elsewhere))
    return plans, list(dict.fromkeys(errors)), left


def write_deck(plan: Plan, out_dir: Path, cards_dir: Path, date: str,
               cache_dir: Path | None = None) -> Path:
    from .anki.package import write_package
    from .versioning.lock import save_lock
    folder = out_dir / slug(plan.deck)
    package = folder / f"{slug(plan.deck)}-{plan.version}.apkg"
    description = f"{plan.deck} v{plan.version} — {date} — {summary(plan)}."
    media = {str(e.card.fields["image"]): Path(e.card.image_file) for e in plan.entries
             if e.card.image_file and e.card.fields.get("image")
             and Path(e.card.image_file).is_file()}
    existed = package.exists()
    previous = folder / f"{slug(plan.deck)}-{plan.previous}.apkg" if plan.previous else None
    try:
        write_package(plan.entries, package, descriptions={plan.deck: description}, media=media,
                      previous=previous if previous and previous.is_file() else None,
                      state=cache_dir / "packages" / f"{slug(plan.deck)}.json"
                      if cache_dir else None)
    except (sqlite3.Error, OSError) as exc:   # e.g. the disk filled mid-write
        raise WriteError(f"{package}: cannot write: {exc}") from exc
    log = folder / "CHANGELOG.md"
    before = read_changelog(log)
    try:
        atomic_write(log, updated_changelog(before, changelog_entry(plan, date)))
        save_lock(lock_path(cards_dir, plan.deck), plan.lock)
    except WriteError:
        # The lock is what the next build trusts: without it, this version was not made.
        # Put the package folder back as it was, so nothing half-written stays.
        if not existed:
            package.unlink(missing_ok=True)
        if read_changelog(log) != before:
            atomic_write(log, before) if before else log.unlink(missing_ok=True)
        raise
    return package


def default_cache_dir(cards_dir: Path) -> Path:
    """The workspace cache sits beside the card lock; deleting it only costs time."""
    return cards_dir.resolve().parent / ".notedeck-cache"


def notes_fingerprint(planned, options: Options | None) -> tuple[str, dict[Path, bytes]]:
    """notedeck's code, the options and every note's bytes; and each note's digest, so the
    notes are read once per build (the cache keys are made from the same digests)."""
    from .versioning.cache import code_fingerprint
    options = options or Options()
    sources, problems = planned
    h = hashlib.sha256(f"{code_fingerprint()}\x1f{options.root_deck}\x1f{options.deck}"
                       f"\x1f{options.config}".encode())
    digests: dict[Path, bytes] = {}
    for source in sources:
        h.update(f"\x1f{_settings(source)}\x1f".encode())
        digest = digests[source.file.path] = note_digest(source.file.path) or b""
        h.update(digest or b"unreadable")
    h.update(repr([str(p) for p in problems]).encode())
    return h.hexdigest(), digests


def inputs_fingerprint(notes: str, cards_dir: Path) -> str:
    """Everything a build's result depends on: the notes' fingerprint and the card locks.
    Equal to the last build's: nothing can have changed."""
    h = hashlib.sha256(notes.encode())
    if cards_dir.is_dir():
        for lock in sorted(cards_dir.glob("*.json")):
            with lock.open("rb") as f:     # a big vault's lock is a gigabyte: not at once
                h.update(lock.name.encode() + hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


def _state_path(cache_dir: Path) -> Path:
    return cache_dir / "last-build.json"


def _up_to_date(cache_dir: Path | None, fingerprint: str) -> dict | None:
    if cache_dir is None:
        return None
    try:
        state = json.loads(_state_path(cache_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and state.get("inputs") == fingerprint else None


def build_decks(paths: Sequence[Path], out_dir: Path, cards_dir: Path,
                options: Options | None = None, *, write: bool = True, now: int | None = None,
                echo: Callable[[str], None] = lambda s: None, jobs: int = 0,
                cache_dir: Path | None = None, progress=None,
                retire: Sequence[str] = ()) -> BuildReport:
    report = BuildReport()
    now = build_time() if now is None else now
    date = datetime.fromtimestamp(now, timezone.utc).strftime("%Y-%m-%d")
    planned = plan_sources(paths, options or Options())
    notes, digests = notes_fingerprint(planned, options) if cache_dir else ("", None)
    state = _up_to_date(cache_dir, inputs_fingerprint(notes, cards_dir)) \
        if write and cache_dir and not retire else None
    if state is not None:       # nothing changed since the last build: only checked
        report.notes_read, report.cards = state["notes"], state["cards"]
        echo(f"checked {report.notes_read} notes: nothing changed")
        for deck, version in sorted(state["decks"].items()):
            echo(f"{deck}: up to date (v{version})")
        return report
    extraction = extract_cards(paths, options, progress, jobs=jobs, cache_dir=cache_dir,
                               planned=planned, digests=digests, details=False)
    report.diagnostics.extend(extraction.all_diagnostics())
    cards = extraction.cards
    read = frozenset(n.source for n in extraction.notes if n.note is not None)
    report.notes_read = sum(1 for n in extraction.notes if n.note is not None)
    report.cards = len(cards)
    # From here on only the cards are needed: the notes' metadata, rejected and skipped
    # candidates, the note files and their digests go (a big vault's build peaks while its
    # packages are written).
    del extraction, digests
    planned = ((), planned[1])
    kinds: dict[str, int] = defaultdict(int)
    for card in cards:
        kinds[card.kind] += 1
    echo(f"read {report.notes_read} notes: {report.cards} cards ("
         + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")")
    try:
        with workspace_lock(cards_dir) if write else contextlib.nullcontext():
            if write:
                sweep_temp_files(out_dir, cards_dir, cache_dir)
            plans, errors, left = plan_decks(cards, cards_dir, now, read, frozenset(retire),
                                             cache_dir)
            del cards           # the plans hold the cards they ship
            report.plans = plans
            report.diagnostics += [Diagnostic("error", str(cards_dir), 0, e) for e in errors]
            for deck in left:
                echo(f"{deck}: none of its notes are in this build; left as it is (if they "
                     f"are gone for good, build with --retire '{deck}')")
            missing = [d for d in planned[1] if d.level == "error"]
            if write and missing:
                write = False       # a mistyped path must not retire the cards it held
                echo(f"nothing written: {missing[0].source}: {missing[0].message}")
            for plan in plans:
                for old, new in plan.renames:
                    echo(f"{plan.deck}: {old} was renamed to {new}; its cards keep their GUIDs")
                if plan.errors:
                    report.diagnostics += [Diagnostic("error", plan.deck, 0, e)
                                           for e in plan.errors]
                    continue
                if plan.version is None:
                    echo(f"{plan.deck}: up to date (v{plan.previous})")
                    continue
                if not write:
                    continue
                package = write_deck(plan, out_dir, cards_dir, date, cache_dir)
                report.written.append(package)
                echo(f"{plan.deck}: wrote v{plan.version} ({summary(plan)}) -> {package}")
    except (BusyError, WriteError) as exc:
        report.diagnostics.append(Diagnostic("error", str(cards_dir), 0, str(exc)))
    if write and cache_dir is not None and report.plans and not any(
            d.level == "error" for d in report.diagnostics):
        decks = {p.deck: p.version or p.previous for p in report.plans}
        try:
            state = {"inputs": inputs_fingerprint(notes, cards_dir), "decks": decks,
                     "notes": report.notes_read, "cards": report.cards}
            cache_dir.mkdir(parents=True, exist_ok=True)
            atomic_write(_state_path(cache_dir), json.dumps(state))
        except (OSError, WriteError):
            pass        # a missing state file only costs the next build a full check
    return report


def sweep_temp_files(out_dir: Path, cards_dir: Path, cache_dir: Path | None = None) -> None:
    """Temporary files of builds that were killed (``.name.*.tmp``, ``.notedeck-media-*``),
    beside the outputs and in the cache; called under the workspace lock, so no running
    build owns them."""
    import shutil
    folders = [cards_dir] + ([p for p in out_dir.iterdir() if p.is_dir()]
                             if out_dir.is_dir() else [])
    if cache_dir is not None:
        folders += [cache_dir, cache_dir / "packages"]
    for folder in folders:
        for stale in folder.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
        for stale in folder.glob(".notedeck-media-*"):
            shutil.rmtree(stale, ignore_errors=True)
