"""Which note files a build reads, and for which deck.

A folder is walked for note files (hidden folders and the templates and attachments
folders of a vault's .obsidian/ skipped, and reported; links not followed); with a
notedeck.toml that has [[deck]] tables, each deck gathers its notes from its sources.
"""
from __future__ import annotations

import fnmatch
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..config import Config, DeckOptions
from ..model import Diagnostic
from .vaultconfig import Skips, skipped_folder, vault_skips

NOTE_SUFFIXES = (".md", ".markdown", ".mdown", ".txt", ".text")


@dataclass(frozen=True)
class NoteFile:
    path: Path          # the file
    root: Path          # the notes folder it was found under (for relative names)

    @functools.cached_property      # asked for many times per note; pathlib is slow
    def source(self) -> str:
        try:
            return self.path.relative_to(self.root).as_posix()
        except ValueError:
            return self.path.name


def find_notes(paths: list[Path], linked: list[Path] | None = None,
               skips: Skips | None = None) -> Iterator[NoteFile]:
    """Every note file under ``paths``; hidden folders (.obsidian, .git) and the templates
    and attachments folders a vault's .obsidian/ names are skipped (what was, goes to
    ``skips``), and linked folders are not followed (a loop, or notes outside): they go to
    ``linked``."""
    for given in paths:
        if given.is_file():
            yield NoteFile(given, given.parent)
            continue
        root = given
        vault = _vault_of_folder(root.absolute())
        apart = vault is not None and bool(vault_skips(vault))
        for folder, dirs, files in os.walk(root):   # followlinks=False: no symlink loops
            if skips is not None:
                _count_hidden(Path(folder), dirs, skips)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            if apart:
                dirs[:] = [d for d in dirs if not _set_apart(Path(folder) / d, vault, skips)]
            if linked is not None:
                linked.extend(Path(folder) / d for d in dirs if os.path.islink(Path(folder) / d))
            for name in sorted(files):
                if name.startswith(".") or not name.lower().endswith(NOTE_SUFFIXES):
                    continue
                if name.lower() in ("readme.md", "notedeck.toml"):
                    continue
                path = Path(folder) / name
                if path.is_symlink() and _inside(path, root):
                    continue        # a link to another note of this folder: read it once
                yield NoteFile(path, root)


# Hidden folders of tools, never of notes: skipped without a look inside.
_TOOL_FOLDERS = {".git", ".obsidian", ".hg", ".svn", ".venv", ".cache", ".vscode", ".idea",
                 ".github", ".notedeck-cache", ".stversions", ".DS_Store"}


def _count_notes(folder: Path) -> int:
    return sum(1 for _, _, files in os.walk(folder) for name in files
               if name.lower().endswith(NOTE_SUFFIXES))


def _count_hidden(folder: Path, dirs: list[str], skips: Skips) -> None:
    """Hidden folders that hold notes (.trash, .archive) are named in the build's report."""
    for d in dirs:
        if d.startswith(".") and d not in _TOOL_FOLDERS and _count_notes(folder / d):
            skips.hidden.append(folder / d)


def _set_apart(folder: Path, vault: Path | None, skips: Skips | None) -> bool:
    found = skipped_folder(folder, vault)
    if found is not None and skips is not None:
        skips.set_apart[found] = skips.set_apart.get(found, 0) + _count_notes(folder)
    return found is not None


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False



@dataclass
class Options:
    root_deck: str | None = None          # deck name for a notes folder (default: its name)
    deck: DeckOptions = DeckOptions()
    config: Config | None = None          # with [[deck]] tables: decks come from here


@dataclass(frozen=True)
class Source:
    """A note file and where its cards go."""
    file: NoteFile
    deck: str | None                       # a config deck; None: from frontmatter or folder
    options: DeckOptions
    vault: bool = False                    # the notes root is an Obsidian vault
    root_deck: str | None = None           # folder mode: the name of the notes folder's deck


def plan_sources(paths: Sequence[Path], options: Options) -> tuple[list[Source], list[Diagnostic]]:
    """Which note files to read, and for which deck: the config's decks, else the paths."""
    config, problems, sources = options.config, [], []
    if config is not None and config.decks and not paths:
        root = config.root
        for deck in config.decks:
            found = 0
            for pattern in deck.sources:
                base = root / pattern           # an absolute pattern stays absolute
                if base.is_file() or base.is_dir():
                    files = [base] if base.is_file() else [nf.path for nf in find_notes([base])]
                else:
                    files = sorted(p for p in root.glob(pattern) if p.is_file()) \
                        if not Path(pattern).is_absolute() else []
                # Note identities are paths relative to the config's folder, or to the
                # source folder when it lies elsewhere.
                home = root if base.resolve().is_relative_to(root.resolve()) else (
                    base if base.is_dir() else base.parent)
                for path in files:
                    rel = path.relative_to(home).as_posix()
                    if any(_excluded(rel, ex) for ex in deck.exclude):
                        continue
                    sources.append(Source(NoteFile(path, home), deck.name, deck.options,
                                          vault_of(path) is not None))
                    found += 1
            if not found:
                problems.append(Diagnostic("warning", str(config.path), 0,
                                           f"deck '{deck.name}': its sources match no note"))
        return sources, problems
    for path in paths:
        if not path.exists():
            problems.append(Diagnostic("error", str(path), 0, "no such file or folder"))
    linked: list[Path] = []
    skips = Skips()
    for nf in find_notes([p for p in paths if p.exists()], linked, skips):
        sources.append(Source(nf, None, options.deck, vault_of(nf.path) is not None,
                              options.root_deck))
    problems += [Diagnostic("warning", str(p), 0, "a linked folder; not followed")
                 for p in linked]
    if skips.summary():
        where = ", ".join(str(p) for p in paths if p.is_dir()) or "."
        problems.append(Diagnostic("info", where, 0, skips.summary(), code="not-read"))
    return sources, problems


def _excluded(rel: str, pattern: str) -> bool:
    """fnmatch, where a leading ``**/`` also matches no folder at all."""
    return fnmatch.fnmatch(rel, pattern) or (
        pattern.startswith("**/") and fnmatch.fnmatch(rel, pattern[3:]))


@functools.lru_cache(maxsize=4096)
def _vault_of_folder(folder: Path) -> Path | None:
    try:
        folder = folder.resolve()
    except (OSError, RuntimeError):      # a symlink loop: not in any vault
        return None
    for candidate in (folder, *folder.parents):
        if (candidate / ".obsidian").is_dir():
            return candidate
    return None


def vault_of(path: Path) -> Path | None:
    """The Obsidian vault a note is in: the nearest folder above it with .obsidian/
    (looked up once per folder, not per note)."""
    return _vault_of_folder(path.parent.absolute())



def example_notes() -> Path:
    """The example notes that ship with notedeck (installed, or in a source checkout)."""
    here = Path(__file__).resolve().parent.parent       # the notedeck package
    installed = here / "_examples" / "notes"
    if installed.is_dir():
        return installed
    return here.parent.parent / "examples" / "notes"   # a source checkout (editable install)
