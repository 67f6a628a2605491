"""The command line behaves like the tools people already use (git, ruff, pytest):
special files never make it wait, every error is one line with exit 1 or 2 and no
traceback, no notes is a failure, -q/-v on every command with warnings summed up by kind,
one JSON document on stdout, progress only on a terminal. Through click's runner, and
through the real program (a subprocess) where a terminal, a pipe or a crash is involved.
All note text is written for these tests.
"""
from __future__ import annotations

import ast
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import notedeck
from notedeck.cli import main

PROGRAM = Path(sys.executable).with_name("notedeck")     # the installed console script
SRC = Path(notedeck.__file__).resolve().parent

# Named pipes, sockets and pseudo-terminals as POSIX systems have them.
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX special files and terminals")

FERNS = "# Ferns\n\n- **Frond:** the leaf of a fern.\n- **Sorus:** a cluster of spore cases.\n"
REMINDER = "Water the ferns on the windowsill before the weekend trip.\n"


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def notes_folder(where: Path, notes: dict[str, str | bytes]) -> Path:
    for name, text in notes.items():
        path = where / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return where


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


def program(*args, cwd: Path, timeout: float = 60, **kwargs):
    return subprocess.run([str(PROGRAM), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL, **kwargs)


# ---------------------------------------------------------------- 1. special files

@posix
@pytest.mark.parametrize("command", [("cards",), ("check",), ("build", "-o", "decks")])
def test_a_named_pipe_in_the_notes_folder_is_skipped_within_seconds(cwd, command):
    notes = notes_folder(cwd / "notes", {"ferns.md": FERNS})
    os.mkfifo(notes / "inbox.md")            # nobody ever writes to it
    started = time.monotonic()
    done = program(*command, "notes", cwd=cwd, timeout=60)
    assert time.monotonic() - started < 30
    assert done.returncode == 0, done.stderr
    assert "inbox.md: warning: skipped: a named pipe, not a note file" in done.stderr
    assert "Traceback" not in done.stderr
    if command[0] == "cards":
        assert "Frond" in done.stdout


@posix
def test_a_pipe_socket_given_as_notes_or_config_is_skipped(cwd):
    notes = notes_folder(cwd / "notes", {"ferns.md": FERNS})
    os.mkfifo(cwd / "pipe.md")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(notes / "socket.md"))
        done = program("cards", "--format", "json", "notes", "pipe.md", cwd=cwd, timeout=30)
        assert done.returncode == 0, done.stderr
        assert {c["fields"]["term"] for c in json.loads(done.stdout)} == {"Frond", "Sorus"}
        assert "pipe.md: warning: skipped: a named pipe, not a note file" in done.stderr
        assert "socket.md: warning: skipped: a socket, not a note file" in done.stderr
    os.mkfifo(cwd / "fifo.toml")
    config = program("cards", "--config", "fifo.toml", "notes", cwd=cwd, timeout=30)
    assert config.returncode == 2
    assert config.stderr.strip() == "Error: fifo.toml: cannot read: a named pipe, not a file"


@posix
def test_a_named_pipe_matched_by_a_config_glob_is_named_not_waited_on(cwd):
    notes_folder(cwd / "vault", {"ferns.md": FERNS})
    os.mkfifo(cwd / "vault" / "pipe.md")
    (cwd / "notedeck.toml").write_text('[[deck]]\nname = "Ferns"\nsources = ["vault/*.md"]\n',
                                       encoding="utf-8")
    done = program("build", cwd=cwd, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "vault/pipe.md: warning: skipped: a named pipe" in done.stderr


# ---------------------------------------------------------------- 2. errors: one line

def test_config_globs_that_point_outside_its_folder_find_the_notes(cwd):
    notes_folder(cwd / "shared", {"ferns.md": FERNS, "deep/moss.md": "- **Moss:** a small "
                                  "flowerless plant.\n"})
    (cwd / "vault").mkdir()
    for sources, found in ((["../shared/**/*.md"], {"Frond", "Sorus", "Moss"}),
                           (["../shared/**"], {"Frond", "Sorus", "Moss"}),
                           (["../shared/*.md"], {"Frond", "Sorus"})):
        (cwd / "vault" / "notedeck.toml").write_text(
            f'[[deck]]\nname = "Plants"\nsources = {json.dumps(sources)}\n', encoding="utf-8")
        result = invoke("cards", "--format", "json", "--config", "vault/notedeck.toml")
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code == 0, result.stderr
        cards = json.loads(result.stdout)
        assert {c["fields"]["term"] for c in cards} == found, sources
        # names are relative to the glob's fixed start, as for a folder source
        assert {c["source"] for c in cards} <= {"ferns.md", "deep/moss.md"}


def test_a_source_that_matches_nothing_says_so(cwd):
    notes_folder(cwd / "vault", {"ferns.md": FERNS})
    (cwd / "notedeck.toml").write_text(
        '[[deck]]\nname = "Plants"\nsources = ["vault", "../elsewhere/**"]\n', encoding="utf-8")
    result = invoke("cards")
    assert result.exit_code == 0
    assert "deck 'Plants': source '../elsewhere/**' matches no note (looked for .md" \
        in result.stderr


BAD_INPUTS = [
    ("bad config", lambda cwd: (cwd / "notedeck.toml").write_text("[notedeck]\njobs = -1\n"),
     ("cards", "notes"), 2, r"Error: .*notedeck\.toml: 'notedeck\.jobs' must be 0"),
    ("config not TOML", lambda cwd: (cwd / "notedeck.toml").write_text("[notedeck\n"),
     ("check", "notes"), 2, r"Error: .*notedeck\.toml: not valid TOML"),
    ("init twice", lambda cwd: (cwd / "notedeck.toml").write_text(""),
     ("init",), 2, r"Error: notedeck\.toml exists; use --force to overwrite it"),
    ("missing notes", lambda cwd: None, ("cards", "gone"), 1,
     r"gone: error: no such file or folder"),
    ("html into a file", lambda cwd: (cwd / "taken").write_text("x"),
     ("check", "notes", "--html", "taken/report.html"), 1, r"Error: taken/report\.html: "
     r"cannot write"),
]


@pytest.mark.parametrize("name, prepare, args, code, line", BAD_INPUTS,
                         ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_line_naming_the_file_and_an_exit_status(cwd, name, prepare, args,
                                                                  code, line):
    notes_folder(cwd / "notes", {"ferns.md": FERNS})
    prepare(cwd)
    done = program(*args, cwd=cwd)
    assert done.returncode == code, done.stderr
    errors = [ln for ln in done.stderr.splitlines() if "rror" in ln]
    assert len(errors) == 1 and re.fullmatch(line + ".*", errors[0]), done.stderr
    assert "Traceback" not in done.stderr and "Usage:" not in done.stderr


def test_usage_errors_keep_clicks_convention(cwd):
    done = program("build", "--jobs", "-3", cwd=cwd)
    assert done.returncode == 2 and "Usage:" in done.stderr and "Traceback" not in done.stderr
    both = invoke("cards", "-q", "-v")
    assert both.exit_code == 2 and "-q and -v cannot be used together" in both.stderr


def test_an_unexpected_error_is_one_line_and_its_traceback_is_under_debug(cwd, monkeypatch):
    import notedeck.pipeline

    def broken(*args, **kwargs):        # a bug somewhere in the library
        raise KeyError("lost")
    monkeypatch.setattr(notedeck.pipeline, "extract_cards", broken)
    notes_folder(cwd / "notes", {"ferns.md": FERNS})
    for args in (("cards", "notes"), ("check", "notes")):
        result = invoke(*args)
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        assert result.stderr.strip() == ("Error: unexpected KeyError: 'lost' (a bug in "
                                          "notedeck: run again with --debug and report the "
                                          "traceback)")
    for args in (("cards", "--debug", "notes"), ("--debug", "cards", "notes")):
        debug = invoke(*args)
        assert isinstance(debug.exception, KeyError)


# ---------------------------------------------------------------- 3. no notes

@pytest.mark.parametrize("command", ["cards", "check", "build", "diff"])
def test_no_notes_found_exits_1_saying_where_and_what_was_looked_for(cwd, command):
    notes_folder(cwd / "empty", {"photo.png": b"\x89PNG", "todo.docx": b"PK"})
    result = invoke(command, "empty")
    assert result.exit_code == 1
    assert ("empty: error: no notes found: looked for .md, .markdown, .mdown, .txt and .text "
            "files in this folder and its subfolders") in result.stderr
    assert not (cwd / "decks").exists() and not (cwd / "cards").exists()


def test_no_notes_in_the_config_decks_exits_1(cwd):
    (cwd / "notedeck.toml").write_text('[[deck]]\nname = "Plants"\nsources = ["vault/*.md"]\n',
                                       encoding="utf-8")
    result = invoke("build")
    assert result.exit_code == 1
    assert "notedeck.toml: error: no notes found: looked for .md" in result.stderr
    assert "in the [[deck]] sources of this file" in result.stderr


# ---------------------------------------------------------------- 4. -q, -v, summed warnings

@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_takes_quiet_verbose_and_debug(name):
    opts = {o for p in main.commands[name].params for o in getattr(p, "opts", [])}
    assert {"-q", "--quiet", "-v", "--verbose", "--debug"} <= opts


VAULT = {
    "ferns.md": FERNS,
    "acronyms.md": "# Kits\n\nPack the GPS and the PLB before the hike.\n\n"
                   "- **Cairn:** a pile of stones that marks a path.\n",
    **{f"daily/2024-05-0{n}.md": REMINDER for n in range(1, 7)},
    "broken.md": "---\ntitle: [never closed\n---\n- **Bract:** a leaf under a flower.\n",
}


def test_quiet_leaves_warnings_and_errors_only(cwd):
    notes_folder(cwd / "notes", VAULT)
    loud = invoke("build", "notes")
    assert loud.exit_code == 0 and "read 9 notes" in loud.stdout
    notes_folder(cwd / "more", {"ferns.md": FERNS, "gone.md": REMINDER})
    quiet = invoke("build", "-q", "more")
    assert quiet.exit_code == 0 and quiet.stdout == ""
    assert quiet.stderr == "gone.md:1: warning: gave no card\n"
    for command in ("cards", "check", "diff"):
        result = invoke(command, "-q", "more")
        assert "gone.md:1: warning: gave no card" in result.stderr
        assert "read" not in result.stderr
    assert invoke("check", "-q", "more").stdout == ""
    assert invoke("diff", "-q", "more").stdout == ""
    assert invoke("init", "-q", "vault").stdout == "" and (cwd / "vault/notedeck.toml").exists()


def test_by_default_a_kind_with_many_warnings_is_one_line(cwd):
    notes_folder(cwd / "notes", VAULT)
    result = invoke("cards", "notes")
    lines = result.stderr.splitlines()
    assert ("warning: gave no card [no-cards]: 6 files (daily/2024-05-01.md, "
            "daily/2024-05-02.md, daily/2024-05-03.md and 3 more; -v lists each)") in lines
    assert "broken.md:3: warning: frontmatter is not valid YAML" in result.stderr  # one: as is
    assert len(lines) == 2
    every = invoke("cards", "-v", "notes")
    assert sum("warning: gave no card" in ln for ln in every.stderr.splitlines()) == 6
    data = json.loads(invoke("check", "--format", "json", "notes").stdout)
    assert sum(w["code"] == "no-cards" for w in data["warnings"]) == 6


def test_verbose_says_each_file_read_and_each_candidate_dropped(cwd):
    notes_folder(cwd / "notes", VAULT)
    for command in ("cards", "build", "diff"):
        result = invoke(command, "-v", "notes")
        assert "read ferns.md: 2 cards" in result.stderr, command
        assert "read daily/2024-05-01.md: 0 cards" in result.stderr
        assert re.search(r"acronyms\.md: dropped acronym 'GPS': no expansion in this note",
                         result.stderr), (command, result.stderr)
    check = invoke("check", "-v", "notes")
    assert "  - acronym  GPS: no expansion in this note" in check.stdout


def hiking_vault(folder: Path, notes: int = 300) -> Path:
    """A vault as people keep one: glossaries, daily notes that give no card, a few broken
    notes, images that are not there, acronyms never expanded."""
    for n in range(notes):
        kind = n % 6
        if kind in (0, 1):
            text = f"# Trail {n}\n\n- **Switchback {n}:** a zigzag in trail {n}.\n"
        elif kind == 2:
            text = f"Day {n}: walked to the lake and back, slept well.\n"
        elif kind == 3:
            text = f"# Gear {n}\n\nCarry the PLB{n % 7} always.\n\n![map](maps/m{n}.png)\n" \
                   f"- **Bivvy {n}:** a small waterproof shelter.\n"
        elif kind == 4:
            text = f"---\ntags: [a, b\n---\n- **Scree {n}:** loose rock on a slope.\n"
        else:
            text = f"Q: How far is hut {n}?\nA: About {n} minutes from the car park.\n"
        (folder / f"t{n // 50}").mkdir(parents=True, exist_ok=True)
        (folder / f"t{n // 50}" / f"n{n:03}.md").write_text(text, encoding="utf-8")
    return folder


def test_check_opens_with_a_summary_that_fits_one_screen(cwd):
    vault = hiking_vault(cwd / "vault")
    result = invoke("check", "vault")
    assert result.exit_code == 0, result.stderr
    screen = result.stdout.splitlines() + result.stderr.splitlines()
    assert len(screen) <= 24, "\n".join(screen)
    assert screen[0].startswith("checked 300 notes: ")
    assert "150 warnings: 50 no-cards, 50 image-missing, 50 frontmatter" in screen
    assert "      50 acronym: no expansion in this note" in screen
    assert sum("[image-missing]: 50 files (t0/n003.md, " in ln for ln in screen) == 1
    verbose = invoke("check", "-v", "vault")
    for path in sorted(vault.rglob("*.md")):
        assert f"\n{path.relative_to(vault).as_posix()}: " in verbose.stdout


# ---------------------------------------------------------------- 6. JSON and progress

def test_json_is_one_document_on_stdout_with_warning_objects(cwd):
    notes_folder(cwd / "notes", VAULT)
    for command in ("check", "build", "diff"):
        result = invoke(command, "--format", "json", "notes")
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)        # nothing else on stdout
        assert data["errors"] == []
        broken = [w for w in data["warnings"] if w["file"] == "broken.md"]
        assert broken == [{"file": "broken.md", "line": 3, "code": "frontmatter",
                           "level": "warning", "message": broken[0]["message"]}], command
        assert broken[0]["message"].startswith("frontmatter is not valid YAML")
    built = json.loads(invoke("build", "--format", "json", "notes").stdout)
    assert built["decks"] == [{"deck": "notes", "version": "1.0.0"}]
    assert "read 9 notes" in invoke("build", "--format", "json", "--no-cache",
                                    "notes").stderr          # logs go to stderr
    cards = invoke("cards", "--format", "json", "notes")
    assert isinstance(json.loads(cards.stdout), list)


def test_a_warning_with_no_line_is_null_in_json(cwd):
    notes_folder(cwd / "notes", {"ferns.md": FERNS, "latin1.md": "- **Fougère:** a "
                                 "fern.\n".encode("latin-1")})
    data = json.loads(invoke("check", "--format", "json", "notes").stdout)
    assert {(w["file"], w["line"], w["code"]) for w in data["warnings"]} == \
        {("latin1.md", None, "not-utf8")}


BAR = re.compile(r"reading notes|\[#|#{3,}|\d+%")


def on_a_terminal(args: list[str], cwd: Path) -> tuple[str, str]:
    """Run notedeck with stderr on a pseudo-terminal: (stdout, what the terminal showed)."""
    import pty
    master, slave = pty.openpty()
    with open(cwd / "stdout.txt", "wb") as out:
        proc = subprocess.Popen([str(PROGRAM), *args], cwd=cwd, stdout=out, stderr=slave,
                                stdin=subprocess.DEVNULL)
        os.close(slave)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:         # EIO: the program closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        proc.wait(timeout=120)
    os.close(master)
    return (cwd / "stdout.txt").read_text(encoding="utf-8"), shown.decode("utf-8", "replace")


@posix
def test_progress_is_drawn_on_a_terminal_only_and_never_under_quiet(cwd):
    hiking_vault(cwd / "vault", notes=220)
    stdout, terminal = on_a_terminal(["cards", "-j", "1", "--format", "json", "vault"], cwd)
    assert BAR.search(terminal), terminal[-500:]
    assert isinstance(json.loads(stdout), list)             # the bar is not on stdout
    _, quiet = on_a_terminal(["cards", "-q", "-j", "1", "--format", "json", "vault"], cwd)
    assert not BAR.search(quiet) and "warning" in quiet
    piped = program("cards", "-j", "1", "vault", cwd=cwd)
    assert not BAR.search(piped.stderr)


# ---------------------------------------------------------------- every Diagnostic: a code

def test_every_diagnostic_notedeck_makes_has_a_kebab_case_code():
    missing, codes = [], set()
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Diagnostic":
                code = node.args[4] if len(node.args) > 4 else next(
                    (k.value for k in node.keywords if k.arg == "code"), None)
                if any(k.arg is None for k in node.keywords):
                    continue                    # Diagnostic(**stored): from the cache
                if code is None:
                    missing.append(f"{path.relative_to(SRC)}:{node.lineno}")
                elif isinstance(code, ast.Constant):
                    codes.add(code.value)
    assert not missing, missing
    assert codes and all(re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", c) for c in codes), codes
