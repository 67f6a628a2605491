"""Which note files a build reads, and for which deck.

A folder is walked for note files (hidden folders skipped, links not followed); with a
notedeck.toml that has [[deck]] tables, each deck gathers its notes from its sources.
"""
from __future__ import annotations

import contextlib
import fnmatch
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..config import Config, DeckOptions
from ..fsutil import special_kind
from ..model import Diagnostic

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


def find_notes(paths: list[Path], linked: list[Path] | None = None) -> Iterator[NoteFile]:
    """Every note file under ``paths``; hidden folders (.obsidian, .git) are skipped, and
    linked folders are not followed (a loop, or notes outside): they go to ``linked``."""
    for given in paths:
        if given.is_file():
            yield NoteFile(given, given.parent)
            continue
        root = given
        for folder, dirs, files in os.walk(root):   # followlinks=False: no symlink loops
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
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
            found, empty = 0, []
            for pattern in deck.sources:
                base = root / pattern           # an absolute pattern stays absolute
                if base.is_file() or base.is_dir():
                    files = [base] if base.is_file() else [nf.path for nf in find_notes([base])]
                else:
                    files, base = glob_source(root, pattern)
                # Note identities are paths relative to the config's folder, or to the
                # source folder when it lies elsewhere.
                home = root if base.resolve().is_relative_to(root.resolve()) else (
                    base if base.is_dir() else base.parent)
                before = found
                for path in files:
                    rel = NoteFile(path, home).source
                    if any(_excluded(rel, ex) for ex in deck.exclude):
                        continue
                    sources.append(Source(NoteFile(path, home), deck.name, deck.options,
                                          vault_of(path) is not None))
                    found += 1
                if found == before:
                    empty.append(pattern)
            problems += _unmatched(config, deck.name, empty, everything=not found)
        if not sources:
            problems.append(_nothing_found(str(config.path), "the [[deck]] sources of this file"))
        return sources, problems
    for path in paths:
        if not path.exists():
            problems.append(Diagnostic("error", str(path), 0, "no such file or folder",
                                       "not-found"))
    special = _special_paths(paths)
    linked: list[Path] = []
    for nf in find_notes([p for p in paths if p.exists() and p not in special], linked):
        sources.append(Source(nf, None, options.deck, vault_of(nf.path) is not None,
                              options.root_deck))
    problems += [Diagnostic("warning", str(p), 0, "a linked folder; not followed",
                            "linked-folder") for p in linked]
    problems += special.values()
    if not sources and not any(d.level == "error" for d in problems):
        one_folder = len(paths) == 1 and paths[0].is_dir()
        problems.append(_nothing_found(", ".join(map(str, paths)), "this folder and its "
                                       "subfolders" if one_folder else "the paths given"))
    return sources, problems


_GLOB_MAGIC = re.compile(r"[*?[]")


def glob_source(root: Path, pattern: str) -> tuple[list[Path], Path]:
    """The files a glob source of notedeck.toml matches, and the folder its fixed start
    names (``../shared/*.md`` looks in ``../shared``: it may lie outside the config's
    folder). A last ``**`` means every note under the folders before it."""
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if _GLOB_MAGIC.search(part)), len(parts))
    base = root.joinpath(*parts[:fixed])
    if ".." in parts[:fixed]:       # named from where it is, so names are relative to it
        base = Path(os.path.normpath(base))
    rest = parts[fixed:]
    if not rest:                    # no wildcard: a file or folder that is not there
        return [], base
    if rest[-1] == "**":
        folders = [base] if len(rest) == 1 else sorted(
            p for p in base.glob(str(Path(*rest[:-1]))) if p.is_dir())
        return list(dict.fromkeys(nf.path for nf in find_notes(folders))), base
    # Not only regular files: a pipe or a broken link is read as a note, which says why it
    # was skipped, rather than passed over without a word.
    return sorted(p for p in base.glob(str(Path(*rest))) if not p.is_dir()), base


def _unmatched(config: Config, deck: str, patterns: list[str], everything: bool):
    where = f"looked for {_suffixes()} files"
    if everything:
        return [Diagnostic("warning", str(config.path), 0,
                           f"deck '{deck}': its sources match no note ({where} in "
                           + ", ".join(f"'{p}'" for p in patterns) + ")", "no-match")]
    return [Diagnostic("warning", str(config.path), 0, f"deck '{deck}': source '{p}' "
                       f"matches no note ({where})", "no-match") for p in patterns]


def _special_paths(paths: Sequence[Path]) -> dict[Path, Diagnostic]:
    """Named pipes, sockets and devices given as notes: skipped, with a warning (reading
    a pipe waits for a writer that may never come)."""
    out = {}
    for path in paths:
        with contextlib.suppress(OSError):
            kind = special_kind(path.stat().st_mode)
            if kind:
                out[path] = Diagnostic("warning", str(path), 0,
                                       f"skipped: {kind}, not a note file", "special-file")
    return out


def _suffixes() -> str:
    return ", ".join(NOTE_SUFFIXES[:-1]) + " and " + NOTE_SUFFIXES[-1]


def _nothing_found(where: str, looked_in: str) -> Diagnostic:
    return Diagnostic("error", where, 0,
                      f"no notes found: looked for {_suffixes()} files in {looked_in}; "
                      "give the folder (or files) your notes are in",
                      "no-notes")


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
