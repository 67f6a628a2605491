"""`notedeck diff` shows each changed card before and after (a word diff) and gates
scripts with --exit-code; `notedeck check` gates a commit; the pre-commit hooks run them
as pre-commit would; shell completion is click's, as the README says. All note text is
written for these tests.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from notedeck.cli import main
from notedeck.report.changes import word_diff

PROGRAM = Path(sys.executable).with_name("notedeck")
REPO = Path(__file__).resolve().parents[2]

BEFORE = """# Ferns

- **Frond:** the leaf of a fern, often divided into many small leaflets.
- **Spore:** a single cell that grows into a new fern.
- **Rhizome:** an underground stem that sends up new fronds.
"""
AFTER = """# Ferns

- **Frond:** the leaf of a fern, often split into many small leaflets along its stalk.
- **Spore:** a single cell that grows into a new fern.
- **Sorus:** a cluster of spore cases under a frond.
"""


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


@pytest.fixture
def vault(tmp_path, monkeypatch):
    """A notes folder built once (its lock in cards/), then edited."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "ferns.md").write_text(BEFORE, encoding="utf-8")
    assert invoke("build", "-q", "notes").exit_code == 0
    (tmp_path / "notes" / "ferns.md").write_text(AFTER, encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------- 5. diff

def test_diff_shows_each_card_before_and_after(vault):
    result = invoke("diff", "notes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "notes: v1.0.0 -> v2.0.0 (major): 1 added, 1 changed, 1 retired",
        "  changed  term     Frond  (ferns.md)",
        "           definition: The leaf of a fern, often [-divided-]{+split+} into many small "
        "leaflets{+ along its stalk+}.",
        "  retired  term     Rhizome  (ferns.md)",
        "           - definition: An underground stem that sends up new fronds.",
        "  added    term     Sorus  (ferns.md)",
        "           + definition: A cluster of spore cases under a frond.",
    ]


def test_diff_colours_its_word_diff_on_a_terminal_only(vault):
    coloured = invoke("diff", "notes", color=True).stdout
    assert "\x1b[31m[-divided-]\x1b[0m" in coloured and "\x1b[32m{+split+}\x1b[0m" in coloured
    assert "\x1b[" not in invoke("diff", "notes").stdout


def test_word_diff_cuts_long_unchanged_stretches():
    before = "Start. " + "The same words again and again. " * 6 + "Old end."
    after = "Start. " + "The same words again and again. " * 6 + "New end."
    shown = word_diff(before, after)
    assert shown.endswith("again. [-Old-]{+New+} end.") and "…" in shown
    assert len(shown) < len(after)
    assert word_diff("a b c", "a b c") == "a b c"


def test_diff_exit_code_says_whether_the_next_build_changes_anything(vault):
    changed = invoke("diff", "--exit-code", "notes")
    assert changed.exit_code == 1 and "2.0.0" in changed.stdout
    quiet = invoke("diff", "-q", "--exit-code", "notes")
    assert quiet.exit_code == 1 and quiet.stdout == ""
    assert invoke("diff", "notes").exit_code == 0           # without it: 0, as git diff
    assert invoke("build", "-q", "notes").exit_code == 0
    same = invoke("diff", "--exit-code", "notes")
    assert same.exit_code == 0 and same.stdout == "notes: up to date (v2.0.0)\n"


def test_diff_json_has_every_change_with_its_fields_before_and_after(vault):
    data = json.loads(invoke("diff", "--format", "json", "notes").stdout)
    assert data["changed"] is True and data["warnings"] == data["errors"] == []
    (deck,) = data["decks"]
    assert (deck["deck"], deck["previous"], deck["version"], deck["bump"]) == \
        ("notes", "1.0.0", "2.0.0", "major")
    changes = {c["key"]: c for c in deck["changes"]}
    assert changes["frond"]["what"] == "changed"
    assert changes["frond"]["before"]["definition"].startswith("The leaf of a fern, often div")
    assert changes["frond"]["after"]["definition"].endswith("along its stalk.")
    assert changes["rhizome"]["after"] is None and changes["rhizome"]["before"]["term"] == \
        "Rhizome"
    assert changes["sorus"]["before"] is None and changes["sorus"]["source"] == "ferns.md"


def test_check_gates_a_commit_on_errors_and_with_strict_on_warnings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ferns.md").write_text(BEFORE, encoding="utf-8")
    (notes / "todo.md").write_text("Repot the fern next week.\n", encoding="utf-8")
    assert invoke("check", "-q", "notes").exit_code == 0
    assert invoke("check", "-q", "--strict", "notes").exit_code == 1      # "gave no card"
    # two notes claiming one identity: the same card twice, an error
    for name in ("a.md", "b.md"):
        (notes / name).write_text("---\nid: ferns\n---\n- **Frond:** a fern's leaf.\n",
                                  encoding="utf-8")
    gate = invoke("check", "-q", "notes")
    assert gate.exit_code == 1 and gate.stdout == ""
    assert re.search(r"^b\.md:4: error: duplicate GUID ", gate.stderr, re.M), gate.stderr


# ---------------------------------------------------------------- 8. pre-commit hooks

def hooks() -> dict[str, dict]:
    return {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}


def run_hook(hook: dict, files: list[str], cwd: Path, args: tuple[str, ...] = ()):
    """As pre-commit runs a hook: its entry, its args, then the staged files it matches."""
    matched = [f for f in files if re.search(hook["files"], f)
               and not re.search(hook.get("exclude", "^$"), f)]
    argv = shlex.split(hook["entry"]) + list(args)
    if hook.get("pass_filenames", True):
        argv += matched
    env = dict(os.environ, PATH=f"{PROGRAM.parent}{os.pathsep}{os.environ['PATH']}")
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_hooks_are_defined_for_pre_commit():
    defined = hooks()
    assert set(defined) == {"notedeck-check", "notedeck-diff"}
    for hook in defined.values():
        assert hook["language"] == "python" and hook["entry"].startswith("notedeck ")
        assert hook["name"] and hook["description"]
    check = defined["notedeck-check"]
    for name, matched in (("notes/ferns.md", True), ("notes/sea.txt", True),
                          ("notes/map.png", False), ("decks/Ferns/CHANGELOG.md", False),
                          ("README.md", False)):
        assert bool(re.search(check["files"], name)
                    and not re.search(check["exclude"], name)) is matched, name


def test_the_check_hook_passes_good_notes_and_stops_a_broken_commit(vault):
    hook = hooks()["notedeck-check"]
    assert run_hook(hook, ["notes/ferns.md", "notes/map.png"], vault).returncode == 0
    for name in ("a.md", "b.md"):
        (vault / "notes" / name).write_text("---\nid: ferns\n---\n- **Frond:** a leaf.\n",
                                            encoding="utf-8")
    stopped = run_hook(hook, ["notes/a.md", "notes/b.md"], vault)
    assert stopped.returncode == 1 and "duplicate GUID" in stopped.stderr
    assert "Traceback" not in stopped.stderr


def test_the_diff_hook_stops_a_commit_whose_decks_are_not_rebuilt(vault):
    hook = hooks()["notedeck-diff"]
    stale = run_hook(hook, ["notes/ferns.md"], vault, args=("notes",))
    assert stale.returncode == 1 and stale.stdout == ""
    assert invoke("build", "-q", "notes").exit_code == 0
    assert run_hook(hook, ["notes/ferns.md"], vault, args=("notes",)).returncode == 0


# ---------------------------------------------------------------- 7. shell completion

def completion(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(PROGRAM)], env=dict(os.environ, **env), capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("shell, marker", [
    ("bash", "complete -o nosort -F _notedeck_completion notedeck"),
    ("zsh", "#compdef notedeck"),
    ("fish", "complete --no-files --command notedeck"),
])
def test_the_readmes_completion_lines_work(shell, marker):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (line,) = [ln for ln in readme.splitlines() if f"={shell}_source notedeck" in ln]
    var, value = re.search(r"(_NOTEDECK_COMPLETE)=(\w+)", line).groups()
    script = completion({var: value})
    assert script.returncode == 0 and marker in script.stdout


def test_completion_completes_commands_and_options():
    done = completion({"_NOTEDECK_COMPLETE": "bash_complete", "COMP_WORDS": "notedeck bu",
                       "COMP_CWORD": "1"})
    assert done.stdout.split() == ["plain,build"]
    done = completion({"_NOTEDECK_COMPLETE": "bash_complete",
                       "COMP_WORDS": "notedeck diff --exit", "COMP_CWORD": "2"})
    assert done.stdout.split() == ["plain,--exit-code"]
