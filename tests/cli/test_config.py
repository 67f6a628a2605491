"""notedeck.toml: every key changes what a user gets, defaults, `notedeck init`, and errors.

Each test writes its own small workspace under tmp_path (the working folder is changed to
it) and drives the real command line through click's CliRunner. All note text is written
for these tests.
"""
from __future__ import annotations

import concurrent.futures
import json
import re
from dataclasses import fields as dc_fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from notedeck.cli import main
from notedeck.config import (CONFIG_NAME, EXTRACTOR_NAMES, TEMPLATE, Config, ConfigError,
                             DeckOptions, find_config, load_config)

# Five kinds of card, at different confidences (bold-lead terms 0.95, acronyms 0.90,
# the list 0.70), and multi-word terms (which get a reverse card by default).
TIDES_MD = """---
title: Tides
tags: [coast]
---
# Tides

- **Spring tide:** a tide with the greatest range, near new and full moon.
- **Neap tide:** a tide with the smallest range, at the quarter moons.
- **Slack water** — the short still spell when the tide turns.

The Highest Astronomical Tide (HAT) is the top level predicted under average weather.

| Myth | Reframe |
|---|---|
| There is exactly one high tide a day | Most coasts get two high tides a day |

Q: Why are there two bulges of water?
A: The far side of the Earth is pulled less than its centre.

The three forces that shape tides are:

- gravity of the moon
- gravity of the sun
- rotation of the earth
"""

WAVES_TXT = """Waves

Swell — waves that have travelled far from the wind that made them.
Fetch — the distance of open water over which the wind blows.
"""

PROSE_ONLY = "A short reminder to reread the chapter on harbours before Friday.\n"

# what notes without flashcard syntax give (basic and cloze cards are written out in a note)
ALL_KINDS = set(EXTRACTOR_NAMES) - {"basic", "cloze"}


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def ws(tmp_path, monkeypatch):
    """A working folder (no notedeck.toml yet) holding notes/tides.md and notes/sub/waves.txt."""
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes"
    (notes / "sub").mkdir(parents=True)
    (notes / "tides.md").write_text(TIDES_MD, encoding="utf-8")
    (notes / "sub" / "waves.txt").write_text(WAVES_TXT, encoding="utf-8")
    return tmp_path


def write_config(folder: Path, text: str) -> Path:
    path = folder / CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    return path


def invoke(runner, *args):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def cards_json(runner, *args) -> list[dict]:
    result = invoke(runner, "cards", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def kinds(cards) -> set[str]:
    return {c["kind"] for c in cards}


def by_key(cards) -> dict[tuple[str, str], dict]:
    return {(c["kind"], c["key"]): c for c in cards}


def apkgs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.apkg")) if folder.exists() else []


# ---------------------------------------------------------------- defaults

def test_no_config_gives_the_default_config(ws):
    config = find_config(None, [ws / "notes"])
    assert config == Config()
    assert config.path is None and config.decks == () and config.warnings == ()
    assert (config.output, config.cards, config.jobs, config.strict) == ("decks", "cards", 0, False)
    assert config.options == DeckOptions(reverse=True, obsidian_links=True,
                                         extractors=EXTRACTOR_NAMES, min_confidence=0.0, tags=())


def test_without_config_every_extractor_runs_and_terms_get_reverse_cards(runner, ws):
    cards = cards_json(runner, "notes")
    assert kinds(cards) == ALL_KINDS
    terms = [c for c in cards if c["kind"] == "term"]
    assert terms
    for c in terms:       # a reverse card for names of concepts, never for one common word
        assert c["reverse"] is (len(c["fields"]["term"].split()) > 1), c["fields"]
    assert all(c["link"] == "" for c in cards)                   # not a vault
    custom = {t for c in cards for t in c["tags"]
              if not t.startswith("notedeck::kind::")}
    assert custom <= {"notedeck::coast"}                         # frontmatter tags only
    assert {c["deck"] for c in cards} == {"notes", "notes::sub"}


def test_without_config_build_writes_decks_and_cards_in_the_working_folder(runner, ws):
    result = invoke(runner, "build", "notes")
    assert result.exit_code == 0, result.output
    assert apkgs(ws / "decks")
    assert list((ws / "cards").glob("*.json"))


# ---------------------------------------------------------------- find_config

def test_config_in_the_working_folder_is_found(ws):
    path = write_config(ws, "[options]\nreverse = false\n")
    config = find_config(None, [ws / "notes"])
    assert config.path == path and config.options.reverse is False


def test_config_in_the_one_notes_folder_is_found_and_is_its_root(runner, ws):
    write_config(ws / "notes", '[notedeck]\noutput = "packages"\n')
    config = find_config(None, [ws / "notes"])
    assert config.path == ws / "notes" / CONFIG_NAME
    assert config.root == ws / "notes"
    assert invoke(runner, "build", "notes").exit_code == 0
    assert apkgs(ws / "notes" / "packages") and not apkgs(ws / "decks")


def test_working_folder_config_wins_over_the_notes_folder_one(ws):
    write_config(ws, "[options]\nreverse = false\n")
    write_config(ws / "notes", "[options]\nobsidian_links = false\n")
    config = find_config(None, [ws / "notes"])
    assert config.path == ws / CONFIG_NAME
    assert config.options.reverse is False and config.options.obsidian_links is True


def test_explicit_config_option_is_used(runner, ws):
    other = ws / "elsewhere"
    other.mkdir()
    write_config(ws, "[options]\nreverse = false\n")
    write_config(other, '[options]\nextractors = ["acronym"]\n')
    cards = cards_json(runner, "--config", other / CONFIG_NAME, "notes")
    assert kinds(cards) == {"acronym"}


# ---------------------------------------------------------------- [options]

@pytest.mark.parametrize("chosen", [["term"], ["acronym", "qa"], ["myth", "list"]])
def test_options_extractors_limit_the_kinds(runner, ws, chosen):
    write_config(ws, f"[options]\nextractors = {json.dumps(chosen)}\n")
    cards = cards_json(runner, "notes")
    assert cards and kinds(cards) == set(chosen)


def test_options_extractors_term_gives_exactly_the_default_term_cards(runner, ws):
    write_config(ws, "")        # (a notedeck.toml makes its folder the notes' vault: GUIDs)
    everything = cards_json(runner, "notes")
    write_config(ws, '[options]\nextractors = ["term"]\n')
    only_terms = cards_json(runner, "notes")
    assert only_terms == [c for c in everything if c["kind"] == "term"]


def test_options_min_confidence_drops_exactly_the_less_sure_cards(runner, ws):
    write_config(ws, "")
    everything = cards_json(runner, "notes")
    assert {c["confidence"] for c in everything} >= {0.7, 0.95}
    write_config(ws, "[options]\nmin_confidence = 0.8\n")
    kept = cards_json(runner, "notes")
    assert kept == [c for c in everything if c["confidence"] >= 0.8]
    assert "list" not in kinds(kept) and len(kept) < len(everything)


@pytest.mark.parametrize("threshold, keeps_list", [(0.7, True), (0.71, False), (1, False)])
def test_options_min_confidence_boundary(runner, ws, threshold, keeps_list):
    write_config(ws, f"[options]\nmin_confidence = {threshold}\n")
    assert ("list" in kinds(cards_json(runner, "notes"))) is keeps_list


def test_min_confidence_drops_are_listed_by_check(runner, ws):
    write_config(ws, "[options]\nmin_confidence = 0.8\n")
    result = invoke(runner, "check", "-v", "notes")
    assert result.exit_code == 0, result.output
    assert re.search(r"^  ~ list +forces that shape tides: skipped by config", result.stdout,
                     re.M | re.I), result.stdout
    assert "gave no card" not in result.output


def test_options_tags_are_added_under_notedeck(runner, ws):
    write_config(ws, '[options]\ntags = ["ocean", "sea life"]\n')
    cards = cards_json(runner, "notes")
    assert cards
    for card in cards:
        assert {"notedeck::ocean", "notedeck::sea_life"} <= set(card["tags"]), card["tags"]
        assert f"notedeck::kind::{card['kind']}" in card["tags"]
    # frontmatter tags are kept beside them
    assert all("notedeck::coast" in c["tags"] for c in cards if c["source"] == "tides.md")


def test_options_reverse_false_turns_every_reverse_card_off(runner, ws):
    assert any(c["reverse"] for c in cards_json(runner, "notes"))
    write_config(ws, "[options]\nreverse = false\n")
    cards = cards_json(runner, "notes")
    assert [c for c in cards if c["kind"] == "term"]
    assert not any(c["reverse"] for c in cards)


def test_frontmatter_notedeck_reverse_overrides_the_config(runner, ws):
    write_config(ws, "[options]\nreverse = false\n")
    note = ws / "notes" / "tides.md"
    note.write_text(TIDES_MD.replace("tags: [coast]", "notedeck-reverse: true"), encoding="utf-8")
    cards = cards_json(runner, "notes")
    tides = [c for c in cards if c["source"] == "tides.md" and c["kind"] == "term"]
    waves = [c for c in cards if c["source"] == "sub/waves.txt" and c["kind"] == "term"]
    assert tides and all(c["reverse"] for c in tides)
    assert waves and not any(c["reverse"] for c in waves)


@pytest.mark.parametrize("setting, vault, linked", [
    (None, True, True), ("true", True, True), ("false", True, False),
    (None, False, False), ("true", False, False),
])
def test_options_obsidian_links(runner, ws, setting, vault, linked):
    if vault:
        (ws / "notes" / ".obsidian").mkdir()
    if setting is not None:
        write_config(ws, f"[options]\nobsidian_links = {setting}\n")
    cards = cards_json(runner, "notes")
    assert cards
    links = {c["source"]: c["link"] for c in cards}
    if linked:
        assert links == {"tides.md": "obsidian://open?vault=notes&file=tides",
                         "sub/waves.txt": "obsidian://open?vault=notes&file=sub%2Fwaves.txt"}
    else:
        assert set(links.values()) == {""}


# ---------------------------------------------------------------- [notedeck]

def test_notedeck_output_and_cards_set_where_build_writes(runner, ws):
    write_config(ws, '[notedeck]\noutput = "out/packages"\ncards = "state/lock"\n')
    result = invoke(runner, "build", "notes")
    assert result.exit_code == 0, result.output
    packages = apkgs(ws / "out" / "packages")
    assert packages and all(p.name.startswith("notes") for p in packages)
    assert list((ws / "state" / "lock").glob("*.json"))
    assert not (ws / "decks").exists() and not (ws / "cards").exists()


def test_output_and_cards_are_relative_to_the_config_not_the_working_folder(runner, ws,
                                                                             monkeypatch):
    project = ws / "project"
    project.mkdir()
    config = write_config(project, '[notedeck]\noutput = "pkgs"\ncards = "lock"\n')
    away = ws / "away"
    away.mkdir()
    monkeypatch.chdir(away)
    result = invoke(runner, "build", "--config", config, ws / "notes")
    assert result.exit_code == 0, result.output
    assert apkgs(project / "pkgs") and list((project / "lock").glob("*.json"))
    assert list(away.iterdir()) == []


def test_command_line_folders_win_over_the_config(runner, ws):
    write_config(ws, '[notedeck]\noutput = "pkgs"\ncards = "lock"\n')
    result = invoke(runner, "build", "-o", "cli-out", "--cards-dir", "cli-lock", "notes")
    assert result.exit_code == 0, result.output
    assert apkgs(ws / "cli-out") and list((ws / "cli-lock").glob("*.json"))
    assert not (ws / "pkgs").exists() and not (ws / "lock").exists()


class _RecordingPool:
    """Stands in for ProcessPoolExecutor: records the worker count, runs the work inline."""
    created: list[int] = []

    def __init__(self, max_workers=None, *args, **kwargs):
        _RecordingPool.created.append(max_workers)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, fn, *iterables, chunksize=1):
        return list(map(fn, *iterables))


@pytest.fixture
def pool(monkeypatch):
    _RecordingPool.created = []
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _RecordingPool)
    return _RecordingPool.created


@pytest.fixture
def many_notes(ws):
    folder = ws / "many"
    folder.mkdir()
    for n in range(100):
        (folder / f"n{n:03}.md").write_text(
            f"- **Harbour mark {n}:** a post that shows the edge of channel {n}.\n",
            encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", ["cards", "build"])
@pytest.mark.parametrize("jobs, workers", [(1, []), (2, [2]), (3, [3])])
def test_notedeck_jobs_sets_the_worker_count(runner, ws, many_notes, pool, command, jobs,
                                             workers):
    write_config(ws, f"[notedeck]\njobs = {jobs}\n")
    result = invoke(runner, command, "many")
    assert result.exit_code == 0, result.output
    assert pool == workers


def test_jobs_option_overrides_notedeck_jobs(runner, ws, many_notes, pool):
    write_config(ws, "[notedeck]\njobs = 3\n")
    assert invoke(runner, "cards", "-j", "1", "many").exit_code == 0
    assert pool == []


def _no_card_note(ws):
    (ws / "notes" / "reminder.md").write_text(PROSE_ONLY, encoding="utf-8")


@pytest.mark.parametrize("command", ["cards", "check", "build"])
@pytest.mark.parametrize("strict, code", [("true", 1), ("false", 0), (None, 0)])
def test_notedeck_strict_makes_warnings_exit_1(runner, ws, command, strict, code):
    _no_card_note(ws)
    if strict is not None:
        write_config(ws, f"[notedeck]\nstrict = {strict}\n")
    result = invoke(runner, command, "notes")
    assert "reminder.md" in result.stderr and "gave no card" in result.stderr
    assert result.exit_code == code, result.output


def test_strict_flag_wins_over_strict_false(runner, ws):
    _no_card_note(ws)
    write_config(ws, "[notedeck]\nstrict = false\n")
    assert invoke(runner, "cards", "--strict", "notes").exit_code == 1


def test_strict_true_without_warnings_exits_0(runner, ws):
    write_config(ws, "[notedeck]\nstrict = true\n")
    result = invoke(runner, "build", "notes")
    assert result.exit_code == 0, result.output


def test_strict_counts_unknown_key_warnings(runner, ws):
    write_config(ws, "[notedeck]\nstrict = true\n\n[options]\nmin_confidance = 0.5\n")
    result = invoke(runner, "cards", "notes")
    assert "min_confidance" in result.stderr
    assert result.exit_code == 1


# ---------------------------------------------------------------- [[deck]]

@pytest.fixture
def deck_ws(ws):
    """notes/ (tides.md, sub/waves.txt), extra/ (two .md and one .txt), loose/estuary.md,
    other/ignored.md (in no deck)."""
    for folder, name, text in [
        ("extra", "one.md", "- **Groyne:** a low wall built out from a beach to trap sand.\n"),
        ("extra", "two.md", "- **Harbour wall:** a barrier that shelters a harbour from waves.\n"),
        ("extra", "three.txt", "Shingle — a beach of small rounded pebbles.\n"
                               "Dune — a hill of sand piled up by the wind.\n"),
        ("loose", "estuary.md", "- **Estuary:** where a river meets the tide.\n"),
        ("other", "ignored.md", "- **Lagoon:** shallow water cut off from the sea.\n"),
    ]:
        (ws / folder).mkdir(exist_ok=True)
        (ws / folder / name).write_text(text, encoding="utf-8")
    return ws


def sources_by_deck(cards) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in cards:
        out.setdefault(c["deck"], set()).add(c["source"])
    return out


def test_deck_sources_take_folders_files_and_globs(runner, deck_ws):
    write_config(deck_ws, """
[[deck]]
name = "Coast"
sources = ["notes"]

[[deck]]
name = "Shore::Works"
sources = ["extra/*.md", "loose/estuary.md"]
""")
    cards = cards_json(runner)            # no NOTES: the config's decks
    assert sources_by_deck(cards) == {
        "Coast": {"notes/tides.md", "notes/sub/waves.txt"},
        "Shore::Works": {"extra/one.md", "extra/two.md", "loose/estuary.md"},
    }


def test_notes_on_the_command_line_ignore_the_decks_but_keep_the_options(runner, deck_ws):
    write_config(deck_ws, '[options]\nextractors = ["term"]\n\n'
                          '[[deck]]\nname = "Coast"\nsources = ["notes"]\n')
    cards = cards_json(runner, "other")
    assert sources_by_deck(cards) == {"other": {"ignored.md"}}


@pytest.mark.parametrize("pattern, left", [
    ("notes/sub/*", {"notes/tides.md"}),
    ("*.txt", {"notes/tides.md"}),
    ("**/tides.md", {"notes/sub/waves.txt"}),
    ("nothing-matches", {"notes/tides.md", "notes/sub/waves.txt"}),
])
def test_deck_exclude_globs_drop_files(runner, deck_ws, pattern, left):
    write_config(deck_ws, f'[[deck]]\nname = "Coast"\nsources = ["notes"]\n'
                          f'exclude = ["{pattern}"]\n')
    assert sources_by_deck(cards_json(runner)) == {"Coast": left}


def test_deck_exclude_applies_to_glob_sources(runner, deck_ws):
    write_config(deck_ws, '[[deck]]\nname = "Works"\nsources = ["extra/*"]\n'
                          'exclude = ["extra/two.*"]\n')
    assert sources_by_deck(cards_json(runner)) == {"Works": {"extra/one.md", "extra/three.txt"}}


def test_deck_exclude_double_star_matches_a_top_level_folder(runner, deck_ws):
    vault = deck_ws / "notes"
    (vault / "drafts").mkdir()
    (vault / "drafts" / "wip.md").write_text("- **Sandbar:** a ridge of sand under water.\n",
                                             encoding="utf-8")
    write_config(vault, '[[deck]]\nname = "Coast"\nsources = ["."]\n'
                        'exclude = ["**/drafts/**"]\n')
    cards = cards_json(runner, "--config", vault / CONFIG_NAME)
    assert "drafts/wip.md" not in {c["source"] for c in cards}


def test_deck_tags_add_to_the_option_tags(runner, deck_ws):
    write_config(deck_ws, """
[options]
tags = ["ocean"]

[[deck]]
name = "Coast"
sources = ["notes"]
tags = ["shore"]

[[deck]]
name = "Works"
sources = ["extra"]
""")
    cards = cards_json(runner)
    coast = [c for c in cards if c["deck"] == "Coast"]
    works = [c for c in cards if c["deck"] == "Works"]
    assert coast and works
    assert all({"notedeck::ocean", "notedeck::shore"} <= set(c["tags"]) for c in coast)
    assert all("notedeck::ocean" in c["tags"] and "notedeck::shore" not in c["tags"]
               for c in works)


def test_deck_options_override_and_inherit_the_top_options(runner, deck_ws):
    write_config(deck_ws, """
[options]
extractors = ["term", "acronym"]
reverse = true

[[deck]]
name = "Coast"
sources = ["notes"]
[deck.options]
reverse = false

[[deck]]
name = "Works"
sources = ["extra"]
[deck.options]
extractors = ["term"]
""")
    cards = cards_json(runner)
    coast = [c for c in cards if c["deck"] == "Coast"]
    works = [c for c in cards if c["deck"] == "Works"]
    assert kinds(coast) == {"term", "acronym"}               # inherited extractors
    assert not any(c["reverse"] for c in coast)              # own reverse
    assert kinds(works) == {"term"}
    assert any(c["reverse"] for c in works)                  # inherited reverse


def test_deck_options_min_confidence_and_tags(runner, deck_ws):
    write_config(deck_ws, """
[[deck]]
name = "Coast"
sources = ["notes"]
[deck.options]
min_confidence = 0.8
tags = ["tidal"]
""")
    cards = cards_json(runner)
    assert cards and min(c["confidence"] for c in cards) >= 0.8
    assert all("notedeck::tidal" in c["tags"] for c in cards)


def test_deck_options_obsidian_links_false(runner, deck_ws):
    (deck_ws / ".obsidian").mkdir()
    write_config(deck_ws, '[[deck]]\nname = "Coast"\nsources = ["notes"]\n'
                          '[[deck]]\nname = "Works"\nsources = ["extra"]\n'
                          '[deck.options]\nobsidian_links = false\n')
    cards = cards_json(runner)
    coast = {c["link"] for c in cards if c["deck"] == "Coast"}
    works = {c["link"] for c in cards if c["deck"] == "Works"}
    assert "" not in coast and all(link.startswith("obsidian://open?") for link in coast)
    assert works == {""}


def test_deck_sources_inside_a_vault_folder_get_obsidian_links(runner, deck_ws):
    (deck_ws / "notes" / ".obsidian").mkdir()
    write_config(deck_ws, '[[deck]]\nname = "Coast"\nsources = ["notes"]\n')
    links = {c["source"]: c["link"] for c in cards_json(runner)}
    assert links["notes/tides.md"] == "obsidian://open?vault=notes&file=tides"


def test_deck_build_writes_one_package_per_deck(runner, deck_ws):
    write_config(deck_ws, '[notedeck]\noutput = "out"\n\n'
                          '[[deck]]\nname = "Coast"\nsources = ["notes"]\n'
                          '[[deck]]\nname = "Works"\nsources = ["extra", "loose"]\n')
    result = invoke(runner, "build")
    assert result.exit_code == 0, result.output
    assert {p.parent.name for p in apkgs(deck_ws / "out")} == {"Coast", "Works"}


def test_deck_whose_sources_match_nothing_is_a_warning(runner, deck_ws):
    write_config(deck_ws, '[[deck]]\nname = "Coast"\nsources = ["notes"]\n'
                          '[[deck]]\nname = "Ghost"\nsources = ["missing/*.md"]\n')
    result = invoke(runner, "build")
    assert result.exit_code == 0, result.output
    assert "deck 'Ghost': its sources match no note" in result.stderr
    assert apkgs(deck_ws / "decks")


# ---------------------------------------------------------------- notedeck init

def _options_of(config: Config) -> dict:
    return {f.name: getattr(config, f.name) for f in dc_fields(Config) if f.name != "path"}


def test_init_writes_a_config_equal_to_the_defaults(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "init")
    assert result.exit_code == 0, result.output
    path = tmp_path / CONFIG_NAME
    assert f"wrote {CONFIG_NAME}" in result.stdout
    assert path.read_text(encoding="utf-8") == TEMPLATE
    config = load_config(path)
    assert config.path == path and config.warnings == ()
    assert _options_of(config) == _options_of(Config())
    assert config.options == DeckOptions()


def test_init_into_a_folder(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "vault").mkdir()
    assert invoke(runner, "init", "vault").exit_code == 0
    assert load_config(tmp_path / "vault" / CONFIG_NAME).options == DeckOptions()


def test_init_refuses_to_overwrite_without_force(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mine = '[notedeck]\noutput = "mine"\n'
    write_config(tmp_path, mine)
    result = invoke(runner, "init")
    assert result.exit_code == 2
    assert CONFIG_NAME in result.stderr and "--force" in result.stderr
    assert (tmp_path / CONFIG_NAME).read_text(encoding="utf-8") == mine
    forced = invoke(runner, "init", "--force")
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / CONFIG_NAME).read_text(encoding="utf-8") == TEMPLATE


def test_template_deck_example_is_valid_once_uncommented(tmp_path):
    lines = TEMPLATE.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("# [[deck]]"))
    text = "\n".join(lines[:start] + [line[2:] for line in lines[start:] if line.startswith("# ")])
    config = load_config(write_config(tmp_path, text))
    assert config.warnings == ()
    (deck,) = config.decks
    assert deck.name == "Psychology::Frameworks"
    assert deck.sources == ("vault/frameworks", "vault/inbox/*.md")
    assert deck.exclude == ("**/drafts/**",)
    assert deck.options.reverse is False and deck.options.tags == ("frameworks",)


# ---------------------------------------------------------------- errors

DECK = '[[deck]]\nname = "Coast"\nsources = ["notes"]\n'

BAD_CONFIGS = [
    # (config text, what the message must contain besides the file)
    ("[notedeck\noutput = 'x'\n", ["not valid TOML", "line 1"]),
    ('output = "x"\nnotedeck = = 1\n', ["not valid TOML", "line 2"]),
    ("[notedeck]\noutput = 3\n", ["'notedeck.output'", "a string"]),
    ("[notedeck]\ncards = [\"lock\"]\n", ["'notedeck.cards'", "a string"]),
    ('[notedeck]\njobs = "4"\n', ["'notedeck.jobs'", "a whole number"]),
    ("[notedeck]\njobs = 1.5\n", ["'notedeck.jobs'", "a whole number"]),
    ("[notedeck]\njobs = true\n", ["'notedeck.jobs'", "a whole number"]),
    ("[notedeck]\njobs = -1\n", ["'notedeck.jobs'", "0"]),
    ('[notedeck]\nstrict = "yes"\n', ["'notedeck.strict'", "true or false"]),
    ("[options]\nreverse = 1\n", ["'options.reverse'", "true or false"]),
    ('[options]\nobsidian_links = "no"\n', ["'options.obsidian_links'", "true or false"]),
    ('[options]\nextractors = "term"\n', ["'options.extractors'", "a list"]),
    ('[options]\nextractors = ["term", "glossary"]\n',
     ["'options.extractors'", "glossary", "term, myth, acronym, qa, list"]),
    ("[options]\nmin_confidence = 1.5\n", ["'options.min_confidence'", "between 0 and 1"]),
    ("[options]\nmin_confidence = -0.1\n", ["'options.min_confidence'", "between 0 and 1"]),
    ('[options]\nmin_confidence = "high"\n', ["'options.min_confidence'", "a number"]),
    ("[options]\nmin_confidence = true\n", ["'options.min_confidence'", "a number"]),
    ('[options]\ntags = "coast"\n', ["'options.tags'", "a list"]),
    ("notedeck = 3\n", ["'notedeck'", "a table"]),
    ("options = [1]\n", ["'options'", "a table"]),
    ('[deck]\nname = "Coast"\nsources = ["notes"]\n', ["'deck'", "a list"]),
    ("deck = [1, 2]\n", ["[[deck]]", "a table"]),
    ('[[deck]]\nsources = ["notes"]\n', ["'deck[0].name'"]),
    ('[[deck]]\nname = "Coast"\n', ["'deck[0].sources'"]),
    ('[[deck]]\nname = "Coast"\nsources = []\n', ["'deck[0].sources'"]),
    ('[[deck]]\nname = ""\nsources = ["notes"]\n', ["'deck[0].name'"]),
    (DECK + '[[deck]]\nname = "Works"\n', ["'deck[1].sources'"]),
    ('[[deck]]\nname = 3\nsources = ["notes"]\n', ["'deck[0].name'", "a string"]),
    ('[[deck]]\nname = "Coast"\nsources = "notes"\n', ["'deck[0].sources'", "a list"]),
    (DECK + 'exclude = "drafts"\n', ["'deck[0].exclude'", "a list"]),
    (DECK + 'tags = "shore"\n', ["'deck[0].tags'", "a list"]),
    (DECK + 'options = "fast"\n', ["'deck[0].options'", "a table"]),
    (DECK + "[deck.options]\nmin_confidence = 2\n",
     ["'deck[0].options.min_confidence'", "between 0 and 1"]),
    (DECK + '[deck.options]\nextractors = ["flashcard"]\n',
     ["'deck[0].options.extractors'", "flashcard"]),
    (DECK + "[deck.options]\nreverse = \"no\"\n", ["'deck[0].options.reverse'"]),
    (DECK + DECK, ["[[deck]]", "share a name"]),
]


@pytest.mark.parametrize("text, needles", BAD_CONFIGS,
                         ids=[f"bad{n}" for n in range(len(BAD_CONFIGS))])
def test_bad_config_raises_config_error_naming_file_and_key(tmp_path, text, needles):
    path = write_config(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    for needle in needles:
        assert needle in message, message


@pytest.mark.parametrize("command", ["cards", "check", "build", "diff"])
@pytest.mark.parametrize("text, needles", [
    ("[notedeck\noutput = 'x'\n", ["not valid TOML"]),
    ('[notedeck]\njobs = "4"\n', ["'notedeck.jobs'", "a whole number"]),
    ('[options]\nextractors = ["term", "glossary"]\n', ["'options.extractors'", "glossary"]),
    ("[options]\nmin_confidence = 1.5\n", ["'options.min_confidence'", "between 0 and 1"]),
    ('[[deck]]\nsources = ["notes"]\n', ["'deck[0].name'"]),
    (DECK + DECK, ["[[deck]]", "share a name"]),
], ids=["toml", "type", "extractor", "range", "noname", "dupe"])
def test_bad_config_exits_2_on_every_command(runner, ws, command, text, needles):
    path = write_config(ws, text)
    result = invoke(runner, command, "notes")
    assert result.exit_code == 2, result.output
    assert str(path) in result.stderr
    for needle in needles:
        assert needle in result.stderr
    assert "Traceback" not in result.output
    assert not (ws / "decks").exists() and not (ws / "cards").exists()


def test_explicit_config_that_cannot_be_read_exits_2(runner, ws):
    result = invoke(runner, "cards", "--config", "nope.toml", "notes")
    assert result.exit_code == 2
    assert "nope.toml" in result.stderr and "cannot read" in result.stderr


def test_config_that_is_not_utf8_exits_2(runner, ws):
    (ws / CONFIG_NAME).write_bytes(b'[notedeck]\noutput = "\xff\xfe"\n')
    result = invoke(runner, "cards", "notes")
    assert result.exit_code == 2 and "not valid TOML" in result.stderr


def test_duplicate_deck_error_names_the_deck_and_key(tmp_path):
    path = write_config(tmp_path, DECK + '[[deck]]\nname = "Works"\nsources = ["extra"]\n' + DECK)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "deck[2].name" in str(info.value) and "Coast" in str(info.value)


# ---------------------------------------------------------------- unknown keys

UNKNOWN = [
    ("[notedeck]\nverbose = true\n", "notedeck.verbose", "cards, jobs, output, strict"),
    ("[options]\nreverse_cards = false\n", "options.reverse_cards",
     "extractors, min_confidence, obsidian_links, reverse, tags"),
    ("[extras]\nx = 1\n", "extras", "deck, notedeck, options"),
    (DECK + 'folder = "x"\n', "deck[0].folder", "exclude, name, options, sources, tags"),
    (DECK + "[deck.options]\nminconfidence = 0.5\n", "deck[0].options.minconfidence",
     "extractors, min_confidence, obsidian_links, reverse, tags"),
]


@pytest.mark.parametrize("text, key, allowed", UNKNOWN, ids=[u[1] for u in UNKNOWN])
def test_unknown_key_is_a_warning_naming_it_and_the_allowed_keys(runner, ws, text, key,
                                                                  allowed):
    path = write_config(ws, text)
    config = load_config(path)
    (warning,) = config.warnings
    assert warning.level == "warning" and warning.source == str(path)
    assert f"'{key}'" in warning.message and f"(allowed: {allowed})" in warning.message
    args = ["build"] if text.startswith("[[deck]]") else ["build", "notes"]
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output          # the build goes on
    assert str(path) in result.stderr and f"unknown key '{key}'" in result.stderr
    assert apkgs(ws / "decks")


def test_unknown_key_does_not_hide_the_known_ones(ws):
    config = load_config(write_config(ws, "[options]\ncolour = 'blue'\nreverse = false\n"))
    assert config.options.reverse is False and len(config.warnings) == 1
