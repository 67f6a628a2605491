"""``notedeck.toml``: decks, their sources, and options — every key has a default.

A folder of notes with no config still builds (one deck per notes folder). Bad values are
errors naming the file, the key and what is allowed; unknown keys are warned about.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .fsutil import read_file
from .model import Diagnostic

CONFIG_NAME = "notedeck.toml"
EXTRACTOR_NAMES = ("term", "myth", "acronym", "qa", "list", "basic", "cloze")


class ConfigError(Exception):
    """A config that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class DeckOptions:
    reverse: bool = True              # also make definition -> term cards (not for common words)
    obsidian_links: bool = True       # link cards back to the note when the folder is a vault
    extractors: tuple[str, ...] = EXTRACTOR_NAMES
    min_confidence: float = 0.0
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeckConfig:
    name: str
    sources: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    options: DeckOptions = DeckOptions()


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    output: str = "decks"
    cards: str = "cards"
    jobs: int = 0                      # 0: all cores
    strict: bool = False
    options: DeckOptions = DeckOptions()
    decks: tuple[DeckConfig, ...] = ()
    warnings: tuple[Diagnostic, ...] = field(default=())

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


_TOP = {"notedeck", "options", "deck"}
_NOTEDECK = {"output": str, "cards": str, "jobs": int, "strict": bool}
_OPTIONS = {"reverse": bool, "obsidian_links": bool, "extractors": list,
            "min_confidence": (int, float), "tags": list}
_DECK = {"name": str, "sources": list, "exclude": list, "tags": list, "options": dict}


def _check(table: dict, allowed: dict, where: str, path: Path, warnings: list) -> None:
    for key, value in table.items():
        if key not in allowed:
            warnings.append(Diagnostic("warning", str(path), 0,
                                       f"unknown key '{where}{key}' (allowed: "
                                       f"{', '.join(sorted(allowed))}); ignored",
                                       "config-unknown-key"))
            continue
        kind = allowed[key]
        if isinstance(value, bool) and kind in (int, (int, float)) or not isinstance(value, kind):
            name = {str: "a string", int: "a whole number", bool: "true or false",
                    list: "a list", dict: "a table"}.get(kind, "a number")
            raise ConfigError(f"{path}: '{where}{key}' must be {name}, not {value!r}")


def _options(table: dict, base: DeckOptions, where: str, path: Path, warnings) -> DeckOptions:
    _check(table, _OPTIONS, where, path, warnings)
    opts = base
    for key in ("reverse", "obsidian_links"):
        if key in table:
            opts = replace(opts, **{key: table[key]})
    if "extractors" in table:
        bad = [e for e in table["extractors"] if e not in EXTRACTOR_NAMES]
        if bad:
            raise ConfigError(f"{path}: '{where}extractors' has {bad}; allowed: "
                              f"{', '.join(EXTRACTOR_NAMES)}")
        opts = replace(opts, extractors=tuple(table["extractors"]))
    if "min_confidence" in table:
        value = float(table["min_confidence"])
        if not 0 <= value <= 1:
            raise ConfigError(f"{path}: '{where}min_confidence' must be between 0 and 1")
        opts = replace(opts, min_confidence=value)
    if "tags" in table:
        opts = replace(opts, tags=tuple(str(t) for t in table["tags"]))
    return opts


def load_config(path: Path) -> Config:
    try:
        data: dict[str, Any] = tomllib.loads(read_file(path).decode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    warnings: list[Diagnostic] = []
    _check(data, {k: (dict if k != "deck" else list) for k in _TOP}, "", path, warnings)
    top = data.get("notedeck", {})
    _check(top, _NOTEDECK, "notedeck.", path, warnings)
    if top.get("jobs", 0) < 0:
        raise ConfigError(f"{path}: 'notedeck.jobs' must be 0 (all cores) or more")
    options = _options(data.get("options", {}), DeckOptions(), "options.", path, warnings)
    decks = []
    for n, table in enumerate(data.get("deck", [])):
        where = f"deck[{n}]."
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: each [[deck]] must be a table")
        _check(table, _DECK, where, path, warnings)
        if not table.get("name") or not table.get("sources"):
            raise ConfigError(f"{path}: '{where}name' and '{where}sources' are required "
                              "(a deck name and a list of folders or globs)")
        deck_opts = _options(table.get("options", {}), options, where + "options.", path,
                             warnings)
        if "tags" in table:
            deck_opts = replace(deck_opts, tags=deck_opts.tags + tuple(map(str, table["tags"])))
        decks.append(DeckConfig(table["name"], tuple(map(str, table["sources"])),
                                tuple(map(str, table.get("exclude", []))), deck_opts))
    for n, deck in enumerate(decks):
        first = next(i for i, d in enumerate(decks) if d.name == deck.name)
        if first != n:
            raise ConfigError(f"{path}: two [[deck]] tables share a name: 'deck[{n}].name' = "
                              f"{deck.name!r} is also deck[{first}]'s name (deck names are "
                              "identities)")
    return Config(path, top.get("output", "decks"), top.get("cards", "cards"),
                  top.get("jobs", 0), top.get("strict", False), options, tuple(decks),
                  tuple(warnings))


def find_config(explicit: Path | None, notes: list[Path]) -> Config:
    """--config, else notedeck.toml in the working folder, else in the one notes folder."""
    if explicit is not None:
        return load_config(explicit)
    candidates = [Path.cwd() / CONFIG_NAME]
    if len(notes) == 1 and notes[0].is_dir():
        candidates.append(notes[0] / CONFIG_NAME)
    for candidate in candidates:
        if candidate.is_file():
            return load_config(candidate)
    return Config()


TEMPLATE = '''\
# notedeck.toml — every key is optional; these are the defaults.

[notedeck]
output = "decks"        # versioned .apkg packages and their CHANGELOG.md go here
cards = "cards"         # the card lock: commit it with your notes (it keeps GUIDs stable)
jobs = 0                # processes for reading notes; 0 = all cores
strict = false          # true: warnings fail the build (exit 1)

[options]               # for every deck, unless a deck overrides them
reverse = true          # also make "definition -> term" cards (never for one common word)
obsidian_links = true   # a tap on a card opens the note, when the folder is an Obsidian vault
extractors = ["term", "myth", "acronym", "qa", "list", "basic", "cloze"]
min_confidence = 0.0    # drop cards the extractors are less sure of (0..1)
tags = []               # extra Anki tags (under notedeck::) for every card

# Without [[deck]] tables, each notes folder given to `notedeck build` is one deck named after
# it. With them, each deck gathers its notes from folders or globs relative to this file:
#
# [[deck]]
# name = "Psychology::Frameworks"     # a deck name is its identity: do not rename it later
# sources = ["vault/frameworks", "vault/inbox/*.md"]
# exclude = ["**/drafts/**"]
# tags = ["frameworks"]
# [deck.options]
# reverse = false
'''
