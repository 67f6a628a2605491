"""The command line, through click's CliRunner: help, formats, exit codes."""
from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

from notedeck.cli import main

# What each card kind must carry in its fields (the JSON contract of `notedeck cards`).
CONTRACT = {
    "term": {"term", "definition"},
    "myth": {"myth", "reframe"},
    "acronym": {"acronym", "expansion"},
    "qa": {"question", "answer"},
    "list": {"prompt", "items"},
}

NOTE_MD = """---
title: Shoreline
tags: [coast]
---
# Shoreline

- **Estuary:** where a river meets the tide.
- **Spit:** a ridge of sand that juts out from the shore.

| Myth | Reframe |
|---|---|
| Waves always arrive in sets of seven | Wave sets vary with wind and distance |

The Coastal Bird Survey (CBS) counts waders each winter.

Q: Why do dunes move inland?
A: Wind carries sand off their crests.
"""

NOTE_TXT = """Rock Pools

Rock pools are pockets of sea water left on the shore at low tide.

Limpet
A grazing snail that clamps to rocks under a cone shell.
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An empty working folder (no notedeck.toml) with a small notes folder in it."""
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes"
    (notes / "sub").mkdir(parents=True)
    (notes / "shore.md").write_text(NOTE_MD, encoding="utf-8")
    (notes / "sub" / "pools.txt").write_text(NOTE_TXT, encoding="utf-8")
    return tmp_path


def invoke(runner, *args):
    return runner.invoke(main, list(args), catch_exceptions=False)


# ---------------------------------------------------------------- help

def test_group_help_lists_commands_and_exit_codes(runner):
    for flag in ("--help", "-h"):
        result = invoke(runner, flag)
        assert result.exit_code == 0
        for name in main.commands:
            assert name in result.stdout
        assert "Exit codes" in result.stdout
        for code in ("0", "1", "2"):
            assert f"  {code}  " in result.stdout


def test_version(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0 and "notedeck" in result.stdout


# Iterated from the group itself, so a new command without help (or without the exit codes
# in its help) fails here without anyone adding a test for it.
@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_naming_its_arguments_and_exit_codes(runner, name):
    command = main.commands[name]
    assert (command.help or "").strip(), f"{name} has no help text"
    assert command.get_short_help_str().strip()
    result = invoke(runner, name, "--help")
    assert result.exit_code == 0
    out = result.stdout
    assert f"Usage: main {name}" in out or f"{name} [OPTIONS]" in out
    for param in command.params:
        if isinstance(param, click.Argument):
            assert (param.metavar or param.name.upper()) in out, param.name
        elif isinstance(param, click.Option) and not param.hidden:
            assert any(opt in out for opt in param.opts), param.opts
            assert param.help, f"{name} {param.opts} has no help"
    assert "Exit codes" in out
    for code in ("0", "1", "2"):
        assert f"  {code}  " in out


def test_help_mentions_arguments_in_usage(runner):
    result = invoke(runner, "cards", "--help")
    assert "[NOTES]..." in result.stdout
    assert "--format" in result.stdout and "json" in result.stdout and "csv" in result.stdout


# ---------------------------------------------------------------- cards formats

def _json_cards(runner, *args):
    result = invoke(runner, "cards", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cards_json_has_the_contract(runner, workdir):
    cards = _json_cards(runner, "notes")
    assert isinstance(cards, list) and cards
    kinds = {c["kind"] for c in cards}
    assert {"term", "myth", "acronym", "qa"} <= kinds
    for card in cards:
        for key in ("kind", "source", "guid", "deck", "fields", "line", "key"):
            assert key in card, key
        assert card["source"] in ("shore.md", "sub/pools.txt")
        assert card["guid"].startswith("nd") and len(card["guid"]) > 10
        assert card["deck"].startswith("notes")
        assert isinstance(card["line"], int) and card["line"] >= 1
        assert CONTRACT[card["kind"]] <= set(card["fields"]), card
    terms = {c["fields"]["term"]: c for c in cards if c["kind"] == "term"}
    assert terms["Estuary"]["fields"]["definition"] == "Where a river meets the tide."
    assert terms["Estuary"]["line"] == 7
    assert terms["Limpet"]["source"] == "sub/pools.txt"
    assert terms["Limpet"]["deck"] == "notes::sub"
    assert "notedeck::coast" in terms["Estuary"]["tags"]
    (acr,) = [c for c in cards if c["kind"] == "acronym"]
    assert acr["fields"]["acronym"] == "CBS"
    assert acr["fields"]["expansion"] == ["Coastal", "Bird", "Survey"]
    assert len({c["guid"] for c in cards}) == len(cards)


def test_cards_jsonl_matches_json(runner, workdir):
    as_json = _json_cards(runner, "notes")
    result = invoke(runner, "cards", "--format", "jsonl", "notes")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert lines == as_json


def test_cards_csv(runner, workdir):
    as_json = _json_cards(runner, "notes")
    result = invoke(runner, "cards", "--format", "csv", "notes")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(as_json)
    assert {"kind", "deck", "source", "guid"} <= set(rows[0])
    assert [r["guid"] for r in rows] == [c["guid"] for c in as_json]
    estuary = next(r for r in rows if "Estuary" in r.values())
    assert estuary["kind"] == "term" and estuary["source"] == "shore.md"


def test_cards_table(runner, workdir):
    as_json = _json_cards(runner, "notes")
    result = invoke(runner, "cards", "--format", "table", "notes")
    assert result.exit_code == 0
    out = result.stdout
    assert len(out.strip().splitlines()) == len(as_json)
    assert "Estuary" in out and "shore.md:7" in out and "sub/pools.txt:" in out
    default = invoke(runner, "cards", "notes")
    assert default.stdout == out          # table is the default


def test_cards_kind_filter_and_single_file(runner, workdir):
    cards = _json_cards(runner, "--kind", "myth", "notes")
    assert [c["kind"] for c in cards] == ["myth"]
    one = _json_cards(runner, "notes/sub/pools.txt")
    assert {c["fields"]["term"] for c in one} == {"Limpet", "Rock pools"}


def test_cards_without_notes_uses_the_examples(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "cards", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


# ---------------------------------------------------------------- exit codes

def test_missing_path_exits_1_and_names_it(runner, workdir):
    result = invoke(runner, "cards", "no-such-folder")
    assert result.exit_code == 1
    assert "no-such-folder" in result.stderr
    assert "no such file" in result.stderr.lower()


def test_missing_path_next_to_a_real_one_still_prints_cards(runner, workdir):
    result = invoke(runner, "cards", "--format", "json", "notes", "gone.md")
    assert result.exit_code == 1
    assert json.loads(result.stdout)
    assert "gone.md" in result.stderr


@pytest.mark.parametrize("args", [
    ("cards", "--no-such-option"),
    ("--no-such-option",),
    ("cards", "--format", "yaml", "notes"),
    ("cards", "--min-confidence", "2", "notes"),
    ("no-such-command",),
])
def test_usage_errors_exit_2(runner, workdir, args):
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr or "Error" in result.stderr


def test_strict_turns_a_warning_into_exit_1(runner, workdir):
    broken = workdir / "broken"
    broken.mkdir()
    (broken / "ferns.md").write_text(
        "---\ntitle: [never closed\n---\n# Ferns\n\n- **Frond:** the leaf of a fern.\n",
        encoding="utf-8")
    relaxed = invoke(runner, "cards", "--format", "json", "broken")
    assert relaxed.exit_code == 0
    assert [c["fields"]["term"] for c in json.loads(relaxed.stdout)] == ["Frond"]
    assert "ferns.md" in relaxed.stderr and "warning" in relaxed.stderr
    strict = invoke(runner, "cards", "--format", "json", "--strict", "broken")
    assert strict.exit_code == 1
    assert json.loads(strict.stdout) == json.loads(relaxed.stdout)
    assert "ferns.md:" in strict.stderr


def test_strict_without_warnings_exits_0(runner, workdir):
    clean = workdir / "clean"
    clean.mkdir()
    (clean / "ferns.md").write_text("# Ferns\n\n- **Frond:** the leaf of a fern.\n",
                                    encoding="utf-8")
    result = invoke(runner, "cards", "--strict", "clean")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_a_crashing_note_is_reported_not_a_traceback(runner, workdir):
    """Whatever one note holds, the command ends with an exit code and a message."""
    odd = workdir / "odd"
    odd.mkdir()
    (odd / "bin.md").write_bytes(b"\x00\x01\x02\x03 binary")
    (odd / "ok.md").write_text("# Ferns\n\n- **Frond:** the leaf of a fern.\n", encoding="utf-8")
    result = runner.invoke(main, ["cards", "--format", "json", "odd"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0
    assert [c["fields"]["term"] for c in json.loads(result.stdout)] == ["Frond"]
    assert "bin.md" in result.stderr


def test_a_note_that_breaks_the_reader_costs_only_its_own_cards(runner, workdir):
    odd = workdir / "odd"
    odd.mkdir()
    (odd / "words.md").write_text("# Words\n\n- **R√©√©crire:** to write a text again.\n",
                                  encoding="utf-8")
    (odd / "ok.md").write_text("# Ferns\n\n- **Frond:** the leaf of a fern.\n", encoding="utf-8")
    result = runner.invoke(main, ["cards", "--format", "json", "odd"])
    assert isinstance(result.exception, (SystemExit, type(None))), result.exception
    assert "Frond" in [c["fields"]["term"] for c in json.loads(result.stdout)]


def test_the_program_keeps_a_builds_cards_to_its_exit(tmp_path):
    """`notedeck build` (run()) exits without freeing the build's cards one by one: its
    report, which holds them all, must still be alive when the process exits."""
    import subprocess
    import sys
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "shore.md").write_text(NOTE_MD, encoding="utf-8")
    script = """
import os, sys, weakref
import notedeck.build, notedeck.cli
real, refs = notedeck.build.build_decks, []
def build_decks(*args, **kwargs):
    report = real(*args, **kwargs)
    refs.append(weakref.ref(report))
    return report
notedeck.build.build_decks = build_decks
exit_now = os._exit
def _exit(code):
    print("report", "alive" if refs and refs[0]() is not None else "freed", code, flush=True)
    exit_now(code)
os._exit = _exit
sys.argv = ["notedeck", "build", "notes", "-o", "decks", "--cards-dir", "cards"]
notedeck.cli.run()
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip().endswith("report alive 0"), (done.stdout, done.stderr)
    assert (tmp_path / "cards").is_dir() and list((tmp_path / "decks").rglob("*.apkg"))
