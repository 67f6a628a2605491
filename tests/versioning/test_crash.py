"""Builds killed with SIGKILL at random moments and at each exact step of the write, then
checked: the lock loads, the newest package imports into Anki, no visible partial file is
left, and the next normal build is the next version and consistent with the notes.

Set NOTEDECK_CRASH_SEED to replay another sequence of kill times. Known bugs are strict
xfails whose reason starts with "BUG".
"""
from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

import hostile_corpus as hc
from notedeck.versioning.lockfile import read_lock as load_lock
from notedeck.pipeline import extract_cards
from notedeck.versioning.plan import bump_version

PY = sys.executable
NOTES = 150                                   # a build takes ~1.5-2 s: kills land in it
KILLS = 12
SEED = int(os.environ.get("NOTEDECK_CRASH_SEED", "20261122"))
WRITE_WINDOW = 0.35                           # s from the package's temp file to the lock
BUILD = ["build", "notes", "-o", "decks", "--cards-dir", "cards"]
_VERSION = re.compile(r"-(\d+)\.(\d+)\.(\d+)\.apkg$")


# ---------------------------------------------------------------- helpers

def env_for(ws: Path) -> dict:
    tmp = ws.parent / "tmpdir"
    tmp.mkdir(exist_ok=True)
    return dict(os.environ, SOURCE_DATE_EPOCH="1700000000", TMPDIR=str(tmp),
                PYTHONDONTWRITEBYTECODE="1")


def build(ws: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "notedeck", *BUILD, *extra], cwd=ws, env=env_for(ws),
                          capture_output=True, text=True, timeout=120)


def version_of(path: Path) -> tuple[int, int, int]:
    m = _VERSION.search(path.name)
    assert m, path
    return tuple(int(x) for x in m.groups())


def packages(ws: Path) -> list[Path]:
    return sorted((ws / "decks" / "notes").glob("notes-*.apkg"), key=version_of)


def visible_strays(ws: Path) -> list[str]:
    """Files a user would see in decks/ and cards/ that are not a finished output."""
    ok = re.compile(r"^(notes-\d+\.\d+\.\d+\.apkg|CHANGELOG\.md|notes\.json)$")
    out = []
    for folder in (ws / "decks", ws / "cards"):
        for p in folder.rglob("*"):
            rel = p.relative_to(folder)
            if p.is_file() and not any(part.startswith(".") for part in rel.parts) \
                    and not ok.match(p.name):
                out.append(str(p.relative_to(ws)))
    return out


def hidden_temps(ws: Path) -> dict[str, int]:
    """Leftovers a user does not see: dot-prefixed temp files beside the outputs, the
    cache's temp files, and files left in TMPDIR (genanki's SQLite, media folders)."""
    beside = [p for f in (ws / "decks", ws / "cards") for p in f.rglob(".*.tmp")]
    cache = list((ws / ".notedeck-cache").rglob("*.tmp"))
    tmpdir = list((ws.parent / "tmpdir").iterdir())
    return {"beside outputs": len(beside), "cache": len(cache), "TMPDIR": len(tmpdir)}


def changelog_versions(ws: Path) -> list[str]:
    text = (ws / "decks" / "notes" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog")
    return re.findall(r"^## (\d+\.\d+\.\d+) ", text, re.M)


def check_workspace(ws: Path, import_apkg, v1_guids: set[str]):
    """Everything a user relies on after a crash, whenever it happened."""
    lock = load_lock(ws / "cards" / "notes.json", "notes")         # loads, not damaged
    assert lock.version, "the lock lost its version"
    assert v1_guids <= set(lock.cards), "a crash made the lock forget shipped GUIDs"
    # the lock never points at a package that is not there
    assert (ws / "decks" / "notes" / f"notes-{lock.version}.apkg").is_file()
    assert changelog_versions(ws)[:1] and lock.version in changelog_versions(ws)
    found = packages(ws)
    for package in found:                                          # renamed whole, or absent
        with zipfile.ZipFile(package) as z:
            assert z.testzip() is None, package
    col, _ = import_apkg(found[-1])
    assert col.note_count() > 0
    assert visible_strays(ws) == [], visible_strays(ws)
    return lock


def next_versions(version: str) -> set[str]:
    return {bump_version(version, b) for b in ("major", "minor", "patch")}


def final_build_is_consistent(ws: Path, import_apkg, edit: int):
    before = load_lock(ws / "cards" / "notes.json", "notes")
    hc.write_vault(ws / "notes", NOTES, edit=edit)
    proc = build(ws)
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = load_lock(ws / "cards" / "notes.json", "notes")
    assert after.version in next_versions(before.version), (before.version, after.version)
    newest = packages(ws)[-1]
    assert version_of(newest) == tuple(int(x) for x in after.version.split("."))
    assert changelog_versions(ws)[0] == after.version
    assert after.versions[-1]["version"] == after.version
    # the live cards are exactly the notes' cards: a crash cost no GUID and made no extra
    expected = {c.guid for c in extract_cards([ws / "notes"], jobs=1).cards}
    live = {g for g, c in after.cards.items() if c.status == "live"}
    assert live == expected
    col, _ = import_apkg(newest)
    shipped = set(col.db.list("select guid from notes"))
    # every live card, plus tombstones of recently retired ones: nothing the lock lacks
    assert live <= shipped <= set(after.cards), (len(live), len(shipped), len(after.cards))
    return after


# ---------------------------------------------------------------- SIGKILL at random moments

def test_builds_killed_at_random_moments_leave_a_usable_workspace(tmp_path, import_apkg,
                                                                   capsys):
    rng = random.Random(SEED)
    ws = tmp_path / "ws"
    hc.write_vault(ws / "notes", NOTES)
    start = time.perf_counter()
    first = build(ws)
    duration = time.perf_counter() - start
    assert first.returncode == 0, first.stderr[-2000:]
    v1_guids = set(load_lock(ws / "cards" / "notes.json", "notes").cards)
    tmp_package = ws / "decks" / "notes"
    landed: list[str] = []
    dup_changelog = []
    for k in range(KILLS):
        hc.write_vault(ws / "notes", NOTES, edit=k + 1)        # every run has work to do
        lock_before = (ws / "cards" / "notes.json").read_bytes()
        pkgs_before = {p.name for p in packages(ws)}
        log_before = (ws / "decks" / "notes" / "CHANGELOG.md").read_bytes()
        temps_before = set(tmp_package.glob(".*.tmp"))
        proc = subprocess.Popen([PY, "-m", "notedeck", *BUILD], cwd=ws, env=env_for(ws),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        if k % 2 == 0:
            # anywhere in the run (start-up, reading, planning, writing)
            time.sleep(rng.uniform(0, 1.1 * duration))
        else:
            # while writing: wait for the package's temp file, then a little longer, so the
            # kill falls in the package, CHANGELOG or lock write
            deadline = time.monotonic() + 30
            while proc.poll() is None and time.monotonic() < deadline and not (
                    set(tmp_package.glob(".notes-*.apkg.*.tmp")) - temps_before):
                time.sleep(0.002)
            time.sleep(rng.uniform(0, WRITE_WINDOW))
        finished = proc.poll() is not None
        try:
            os.killpg(proc.pid, signal.SIGKILL)        # the build and any worker it forked
        except ProcessLookupError:
            pass                                        # it had finished and was reaped
        proc.wait()
        if finished:
            where = "after it finished"
        elif (ws / "cards" / "notes.json").read_bytes() != lock_before:
            where = "after the lock"
        elif {p.name for p in packages(ws)} != pkgs_before or \
                (ws / "decks" / "notes" / "CHANGELOG.md").read_bytes() != log_before:
            where = "mid-write (package or CHANGELOG renamed, lock not yet)"
        elif set(tmp_package.glob(".*.tmp")) - temps_before:
            where = "mid-write (package temp file)"
        else:
            where = "before writing"
        landed.append(where)
        check_workspace(ws, import_apkg, v1_guids)
        versions = changelog_versions(ws)
        if len(versions) != len(set(versions)):
            dup_changelog.append(k)
    final_build_is_consistent(ws, import_apkg, edit=KILLS + 1)
    versions = changelog_versions(ws)
    if len(versions) != len(set(versions)):
        dup_changelog.append("final")
    with capsys.disabled():
        counts = {w: landed.count(w) for w in dict.fromkeys(landed)}
        print(f"\n[crash] seed {SEED}, build {duration:.1f}s, kills: {counts}; "
              f"hidden leftovers: {hidden_temps(ws)}; "
              f"duplicate CHANGELOG entries after kill(s): {dup_changelog or 'none'}")
    assert not dup_changelog, f"duplicate CHANGELOG entries after kills {dup_changelog}"
    assert any(w.startswith("mid-write") for w in landed) or any(
        w == "before writing" for w in landed), landed


# ---------------------------------------------------------------- a kill at each exact step

# Runs the CLI, dying at once (os._exit: no cleanup, as SIGKILL) when a chosen rename of
# fsutil's atomic writes is reached: before it ("pre") or just after it ("post").
DIE_AT = textwrap.dedent("""
    import os, sys
    target, when = sys.argv[1], sys.argv[2]
    real = os.replace
    def replace(src, dst, *a, **kw):
        hit = os.path.basename(str(dst)).endswith(target) and ".notedeck-cache" not in str(dst)
        if hit and when == "pre":
            os._exit(137)
        real(src, dst, *a, **kw)
        if hit and when == "post":
            os._exit(137)
    os.replace = replace
    sys.argv = ["notedeck"] + sys.argv[3:]
    from notedeck.cli import main
    main()
""")

# (CHANGELOG.md, post) and (notes.json, pre) were a bug: the next build wrote the same
# version again and CHANGELOG.md got a second '## X.Y.Z' entry.
STEPS = [(".apkg", "pre"), (".apkg", "post"), ("CHANGELOG.md", "pre"),
         ("CHANGELOG.md", "post"), ("notes.json", "pre"), ("notes.json", "post")]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """A small workspace built once; each step test copies it."""
    ws = tmp_path_factory.mktemp("crash-steps") / "ws"
    hc.write_vault(ws / "notes", 20)
    proc = build(ws)
    assert proc.returncode == 0, proc.stderr
    return ws


@pytest.mark.parametrize("target, when", STEPS)
def test_kill_at_each_write_step(built_once, tmp_path, import_apkg, target, when):
    import shutil
    ws = tmp_path / "ws"
    shutil.copytree(built_once, ws, symlinks=True)
    v1_guids = set(load_lock(ws / "cards" / "notes.json", "notes").cards)
    hc.write_vault(ws / "notes", 20, edit=1)
    proc = subprocess.run([PY, "-c", DIE_AT, target, when, *BUILD], cwd=ws, env=env_for(ws),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 137, proc.stderr[-2000:]
    check_workspace(ws, import_apkg, v1_guids)
    lock = load_lock(ws / "cards" / "notes.json", "notes")
    assert lock.version == ("1.1.0" if (target, when) == ("notes.json", "post") else "1.0.0")
    # the next build repairs everything
    proc = build(ws)
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = load_lock(ws / "cards" / "notes.json", "notes")
    assert after.version == "1.1.0"
    assert [p.name for p in packages(ws)] == ["notes-1.0.0.apkg", "notes-1.1.0.apkg"]
    versions = changelog_versions(ws)
    assert versions == ["1.1.0", "1.0.0"], versions


# ---------------------------------------------------------------- what a build leaves behind

def test_a_successful_build_leaves_nothing_in_tmpdir(tmp_path):
    ws = tmp_path / "ws"
    hc.write_vault(ws / "notes", 5)
    proc = build(ws)
    assert proc.returncode == 0, proc.stderr
    assert list((tmp_path / "tmpdir").iterdir()) == []


def test_outputs_are_readable_like_the_package(tmp_path):
    ws = tmp_path / "ws"
    hc.write_vault(ws / "notes", 3)
    old = os.umask(0o022)
    try:
        proc = build(ws)
    finally:
        os.umask(old)
    assert proc.returncode == 0, proc.stderr
    modes = {p.name: p.stat().st_mode & 0o777 for p in (
        *packages(ws), ws / "decks" / "notes" / "CHANGELOG.md", ws / "cards" / "notes.json")}
    assert set(modes.values()) == {0o644}, modes
