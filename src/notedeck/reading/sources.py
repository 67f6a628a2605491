"""Which note files a build reads, and for which deck.

A folder is walked for note files (hidden folders and the templates and attachments
folders of a vault's .obsidian/ skipped, and reported; links not followed); with a
notedeck.toml that has [[deck]] tables, each deck gathers its notes from its sources.
notedeck's own outputs are never notes, wherever they are (a CHANGELOG.md it wrote).

A note's identity (what its cards' GUIDs derive from, unless its frontmatter has an ``id``)
is its path in its vault: the nearest folder at or above the notes folder with
``.obsidian/``, a ``notedeck.toml`` or ``.git``, else the notes folder itself. So building
a subfolder of a vault and building the whole vault give the same cards the same GUIDs.
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

from ..config import CONFIG_NAME, Config, DeckOptions
from ..fsutil import special_kind
from ..model import Diagnostic
from .vaultconfig import Skips, skipped_folder, vault_skips

NOTE_SUFFIXES = (".md", ".markdown", ".mdown", ".txt", ".text")


@dataclass(frozen=True)
class NoteFile:
    path: Path          # the file
    root: Path          # the notes folder it was found under (for relative names)
    home: str = ""      # the notes folder's path in its vault ("": the vault itself)

    @functools.cached_property      # asked for many times per note; pathlib is slow
    def source(self) -> str:
        try:
            return self.path.relative_to(self.root).as_posix()
        except ValueError:
            return self.path.name

    @property
    def vault_source(self) -> str:
        """The note's path in its vault: its identity, unless it has a frontmatter id."""
        return f"{self.home}/{self.source}" if self.home else self.source


VAULT_MARKERS = (".obsidian", CONFIG_NAME, ".git")


def vault_home(folder: Path) -> str:
    """``folder``'s path inside its vault (see the module doc); "" when it is the vault.
    (Once per notes folder a build is given: not cached, the folders may change.)"""
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if any(os.path.exists(candidate / marker) for marker in VAULT_MARKERS):
            rel = here.relative_to(candidate).as_posix()
            return "" if rel == "." else rel
    return ""


def folder_name(folder: Path) -> str:
    """A notes folder's name, the default deck name (``notedeck build .`` too)."""
    return os.path.basename(os.path.abspath(folder))


# A CHANGELOG.md notedeck wrote (versioning/changelog.py) starts so: an output, not a note.
CHANGELOG_HEAD = b"# Changelog\n\nEach version of this deck"


def _own_output(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(CHANGELOG_HEAD)) == CHANGELOG_HEAD
    except OSError:
        return False


def find_notes(paths: list[Path], linked: list[Path] | None = None,
               skips: Skips | None = None) -> Iterator[NoteFile]:
    """Every note file under ``paths``; hidden folders (.obsidian, .git) and the templates
    and attachments folders a vault's .obsidian/ names are skipped (what was, goes to
    ``skips``), and linked folders are not followed (a loop, or notes outside): they go to
    ``linked``."""
    for given in paths:
        if given.is_file():
            yield NoteFile(given, given.parent, vault_home(given.parent))
            continue
        root, home = given, vault_home(given)
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
                if name == "CHANGELOG.md" and _own_output(path):
                    continue
                yield NoteFile(path, root, home)


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
    # the identity the card lock keeps for this file, when it is not the note's own (a
    # renamed note, a deck first built before identities were vault paths): the cards'
    # GUIDs are made with it (versioning/decks.py)
    identity: str = ""


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
                    if any(_excluded(rel, ex) for ex in deck.exclude) or \
                            path.name == "CHANGELOG.md" and _own_output(path):
                        continue
                    sources.append(Source(NoteFile(path, home, vault_home(home)), deck.name,
                                          deck.options, vault_of(path) is not None))
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
    names: dict[Path, str] = {}
    skips = Skips()
    for nf in find_notes([p for p in paths if p.exists() and p not in special], linked, skips):
        name = options.root_deck or names.get(nf.root) or names.setdefault(
            nf.root, folder_name(nf.root))
        sources.append(Source(nf, None, options.deck, vault_of(nf.path) is not None, name))
    problems += [Diagnostic("warning", str(p), 0, "a linked folder; not followed",
                            "linked-folder") for p in linked]
    problems += special.values()
    if skips.summary():
        where = ", ".join(str(p) for p in paths if p.is_dir()) or "."
        problems.append(Diagnostic("info", where, 0, skips.summary(), code="not-read"))
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
