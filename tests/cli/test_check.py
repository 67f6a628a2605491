"""`notedeck check`: the text report (golden file), JSON, duplicates, cards too long for a
phone, the HTML report (drawn by headless Chromium when it is installed), and the quiet
progress of `notedeck build` when stderr is not a terminal.

To accept a deliberate change of the text report, regenerate and review the diff:
    NOTEDECK_UPDATE_GOLDEN=1 pytest tests/cli/test_check.py && git diff tests/golden
All note text below is written for these tests.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import notedeck.cli
from notedeck.report import PHONE_BACK, PHONE_FRONT, check_notes, render_html, render_text
from notedeck.cli import main
from notedeck.reading.sources import example_notes
from notedeck.cards import Card
from notedeck.model import frozen_fields
from notedeck.cards import Extraction, NoteResult

GOLDEN = Path(__file__).parent.parent / "golden" / "check-examples.txt"
EXAMPLES = example_notes()


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    """An empty working folder: no notedeck.toml can leak in from the checkout."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(runner, *args):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def write_notes(folder: Path, notes: dict[str, str]) -> Path:
    for name, text in notes.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- golden text report

def test_check_examples_text_matches_golden(runner, cwd):
    # -v: the one-screen summary, then the note-by-note report
    result = invoke(runner, "check", "-v", EXAMPLES)
    assert result.exit_code == 0, result.output
    if os.environ.get("NOTEDECK_UPDATE_GOLDEN"):
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_check_without_arguments_reports_the_examples(runner, cwd):
    result = invoke(runner, "check", "-v")
    assert result.exit_code == 0, result.output
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_golden_covers_every_example_note():
    text = GOLDEN.read_text(encoding="utf-8")
    for note in sorted(p.name for p in EXAMPLES.iterdir() if p.is_file()):
        assert re.search(rf"^{re.escape(note)}: \d+ cards \(", text, re.M), note


# ---------------------------------------------------------------- JSON

@pytest.fixture
def examples_json(runner, cwd):
    result = invoke(runner, "check", "--format", "json", EXAMPLES)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def examples_cards(runner, cwd):
    result = invoke(runner, "cards", "--format", "json", EXAMPLES)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_check_json_has_the_four_parts_and_the_runs_warnings(examples_json):
    assert set(examples_json) == {"notes", "no_cards", "too_long", "duplicates", "warnings",
                                  "errors"}
    assert examples_json["warnings"] == examples_json["errors"] == []
    assert [n["source"] for n in examples_json["notes"]] == sorted(
        p.name for p in EXAMPLES.iterdir() if p.is_file())
    for note in examples_json["notes"]:
        assert set(note) == {"source", "cards", "rejected", "skipped", "warnings"}
        for card in note["cards"]:
            assert card["source"] == note["source"]
            assert card["front"] and isinstance(card["back"], str)
            assert 0 < card["confidence"] <= 1 and card["rule"]
        for rejected in note["rejected"]:
            assert set(rejected) == {"kind", "text", "reason", "line"}
    assert examples_json["no_cards"] == []


def test_check_json_cards_are_the_cards_command_cards(examples_json, examples_cards):
    from_check = [(c["guid"], c["kind"], c["key"], c["line"])
                  for n in examples_json["notes"] for c in n["cards"]]
    assert from_check == [(c["guid"], c["kind"], c["key"], c["line"]) for c in examples_cards]


def test_check_json_gives_rejection_reasons(examples_json):
    rejected = {(n["source"], r["kind"], r["text"]): r
                for n in examples_json["notes"] for r in n["rejected"]}
    reasons = {r["reason"] for r in rejected.values()}
    assert "no expansion in this note" in reasons
    assert any(r.startswith("letters do not match") for r in reasons)
    mindwell = rejected[("acceptance-commitment-therapy.txt", "acronym", "MINDWELL")]
    assert mindwell["reason"] == "no expansion in this note"
    mismatch = rejected[("dialectical-behavior-therapy.txt", "acronym", "DBT-A")]
    assert mismatch["reason"].startswith("letters do not match") and mismatch["line"] == 9


def test_check_json_matches_the_text_report(examples_json):
    text = GOLDEN.read_text(encoding="utf-8")
    for note in examples_json["notes"]:
        assert f"{note['source']}: {len(note['cards'])} cards" in text
        for r in note["rejected"]:
            assert f"{r['text']}: {r['reason']}" in text


# ---------------------------------------------------------------- findings

SHORE = {
    "shore.md": "# Shore\n\n- **Estuary:** where a river meets the tide.\n"
                "- **Groyne:** a low wall built out from a beach to trap sand.\n",
    "sub/more.md": "# More\n\nSome notes.\n\n- **Estuary:** the tidal mouth of a large river.\n",
    "reminder.md": "A short reminder to reread the chapter on harbours before Friday.\n",
}


def test_duplicate_terms_across_notes_of_one_deck_are_reported(runner, cwd):
    notes = write_notes(cwd / "notes", SHORE)
    result = invoke(runner, "check", "--format", "json", notes)
    report = json.loads(result.stdout)
    assert report["duplicates"] == [{"deck": "notes", "kind": "term", "key": "estuary",
                                     "places": ["shore.md:3", "sub/more.md:5"]}]
    text = invoke(runner, "check", "-v", notes).stdout
    assert ("The same card in more than one note of a deck:\n"
            "  notes: term “estuary” in shore.md:3, sub/more.md:5\n") in text


def test_duplicate_acronyms_are_reported_too(runner, cwd):
    line = "The Highest Astronomical Tide (HAT) is the top level predicted in calm weather.\n"
    notes = write_notes(cwd / "notes", {"a.md": line, "b.md": "# B\n\n" + line})
    report = json.loads(invoke(runner, "check", "--format", "json", notes).stdout)
    assert [(d["kind"], d["key"], d["places"]) for d in report["duplicates"]
            if d["kind"] == "acronym"] == [("acronym", "HAT", ["a.md:1", "b.md:3"])]


def test_the_same_term_in_two_decks_is_not_a_duplicate(runner, cwd):
    notes = write_notes(cwd / "notes", {
        "a.md": "- **Estuary:** where a river meets the tide.\n",
        "b.md": "---\ndeck: Rivers\n---\n- **Estuary:** the tidal mouth of a large river.\n",
    })
    report = json.loads(invoke(runner, "check", "--format", "json", notes).stdout)
    assert report["duplicates"] == []
    assert "The same card" not in invoke(runner, "check", "-v", notes).stdout


def test_a_note_without_cards_is_listed(runner, cwd):
    notes = write_notes(cwd / "notes", SHORE)
    result = invoke(runner, "check", "-v", notes)
    assert result.exit_code == 0
    assert "Notes that gave no card:\n  reminder.md\n" in result.stdout
    assert "reminder.md:1: warning: gave no card" in result.stderr
    assert json.loads(invoke(runner, "check", "--format", "json", notes).stdout)[
        "no_cards"] == ["reminder.md"]
    assert invoke(runner, "check", "--strict", notes).exit_code == 1


LONG_DEFINITION = (
    "- **Tidal prism:** the volume of water that leaves an estuary between high and low "
    "tide. It sets how fast the channel is scoured, how far salt water reaches upstream, "
    "and how much sediment settles on the mud flats during slack water. Engineers measure "
    "it before dredging a harbour, because a deeper channel changes the prism and with it "
    "the shape of every sandbank at the mouth. Ecologists follow it too: the prism decides "
    "how often the salt marsh floods, which plants can root there, and which wading birds "
    "find food on the falling tide. A dam or a barrage upstream shrinks it for good, and "
    "the estuary slowly silts up as a result of the weaker ebb currents that follow.\n")
LONG_QUESTION = (
    "Q: Why does the water along this stretch of rocky northern coast rise so much higher "
    "during the equinox spring tides than during the rest of the year, even on calm days?\n"
    "A: Because the sun and the moon line up over the equator.\n")


def test_cards_too_long_for_a_phone_are_reported(runner, cwd):
    notes = write_notes(cwd / "notes", {"prism.md": LONG_DEFINITION, "equinox.md": LONG_QUESTION,
                                        "short.md": "- **Estuary:** where a river meets the tide.\n"})
    report = json.loads(invoke(runner, "check", "--format", "json", notes).stdout)
    problems = {(t["source"], t["kind"]): t for t in report["too_long"]}
    assert set(problems) == {("prism.md", "term"), ("equinox.md", "qa")}
    assert re.fullmatch(rf"back is \d+ characters \(more than {PHONE_BACK}\)",
                        problems[("prism.md", "term")]["problem"])
    assert re.fullmatch(rf"front is \d+ characters \(more than {PHONE_FRONT}\)",
                        problems[("equinox.md", "qa")]["problem"])
    assert problems[("equinox.md", "qa")]["front"] == LONG_QUESTION[3:63]
    text = invoke(runner, "check", "-v", notes).stdout
    assert "Cards too long to study on a phone:\n" in text
    assert re.search(r"^  prism\.md:1 term “Tidal prism”: back is \d+ characters", text, re.M)


def _card(front: str, back: str, kind: str = "term", source: str = "a.md") -> Card:
    names = {"term": ("term", "definition"), "qa": ("question", "answer")}[kind]
    return Card(kind=kind, key=front.lower(), guid="nd" + str(abs(hash((front, source)))),
                fields=frozen_fields(**{names[0]: front, names[1]: back}), source=source,
                line=1, section="", note_id=source, note_title="A", deck="notes", tags=(),
                rule="test", confidence=1.0)


@pytest.mark.parametrize("front_len, back_len, problem", [
    (PHONE_FRONT, PHONE_BACK, None),
    (PHONE_FRONT + 1, 10, f"front is {PHONE_FRONT + 1} characters (more than {PHONE_FRONT})"),
    (10, PHONE_BACK + 1, f"back is {PHONE_BACK + 1} characters (more than {PHONE_BACK})"),
])
def test_too_long_limits_are_exact(front_len, back_len, problem):
    card = _card("F" * front_len, "b" * back_len)
    report = check_notes(Extraction(notes=[NoteResult(None, "a.md", cards=[card])]))
    assert [t["problem"] for t in report.too_long] == ([problem] if problem else [])


def test_length_counts_visible_text_not_markup():
    back = "<b>" + "b" * (PHONE_BACK - 10) + "</b>" + "&amp;" * 8   # 599 visible
    card = _card("Tide", back)
    report = check_notes(Extraction(notes=[NoteResult(None, "a.md", cards=[card])]))
    assert report.too_long == []


def test_check_writes_nothing_but_the_html(runner, cwd):
    notes = write_notes(cwd / "notes", SHORE)
    before = sorted(p.relative_to(cwd) for p in cwd.rglob("*"))
    invoke(runner, "check", notes)
    assert sorted(p.relative_to(cwd) for p in cwd.rglob("*")) == before


# ---------------------------------------------------------------- HTML report

TRICKY = {
    "web.md": (
        "# Web\n\n"
        "- **Beacon:** a light on the shore; see [the chart](https://example.com/chart) "
        "![buoy](https://example.com/buoy.png) before sailing.\n"
        "- **Buoy:** a float <img src=\"https://example.com/x.png\"> that marks a channel "
        "<script>alert(1)</script>.\n"
        "- **Jetty:** a pier <a href=\"http://example.org/\">link</a> built out into the "
        "water, not a </div> wall.\n"
        "- **Mole:** a massive <div class='nd-check-card'>stone</div> breakwater.\n"),
    "dupe.md": "- **Beacon:** a fire lit on a hill to warn of ships.\n",
    "prism.md": LONG_DEFINITION,
    "reminder.md": SHORE["reminder.md"],
}

_REMOTE_URL = re.compile(r"^\s*(?:https?:)?//", re.I)
_CSS_REMOTE = re.compile(r"url\(\s*[\"']?\s*(?:https?:)?//|@import", re.I)


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <style> elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.css: list[str] = []
        self._in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)


def remote_resources(text: str) -> list[str]:
    """What the page would fetch from the network: attributes holding http(s) or
    protocol-relative URLs, and CSS url()/@import. A link (<a href>) fetches nothing
    until it is tapped."""
    parsed = _Tags(text)
    found = [f"<{tag} {name}={value}>" for tag, attrs in parsed.tags
             for name, value in attrs.items()
             if value and not (tag == "a" and name == "href")
             and (name in {"src", "href", "srcset", "poster", "data", "action",
                           "background", "formaction"} and _REMOTE_URL.match(value)
                  or name == "style" and _CSS_REMOTE.search(value))]
    found += [css for css in parsed.css if _CSS_REMOTE.search(css)]
    return found


def tags_named(text: str, *names: str) -> list[str]:
    return [tag for tag, _ in _Tags(text).tags if tag in names]


def card_boxes(text: str) -> int:
    """How many elements have the class nd-check-card."""
    return sum(1 for _, attrs in _Tags(text).tags
               if "nd-check-card" in (attrs.get("class") or "").split())


@pytest.fixture
def report_notes(cwd):
    notes = cwd / "notes"
    shutil.copytree(EXAMPLES, notes)
    return write_notes(notes, TRICKY)


@pytest.fixture
def html_report(runner, cwd, report_notes):
    page = cwd / "report.html"
    result = invoke(runner, "check", "--html", page, report_notes)
    assert result.exit_code == 0, result.output
    assert f"wrote {page}" in result.stderr
    cards = json.loads(invoke(runner, "cards", "--format", "json", report_notes).stdout)
    return page, cards


def test_html_report_draws_every_card(html_report):
    page, cards = html_report
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and text.rstrip().endswith("</html>")
    assert card_boxes(text) == len(cards) > 90
    assert f"<p>{len(cards)} cards from" in text


def test_html_report_has_no_script_and_no_remote_resources(html_report):
    text = html_report[0].read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert remote_resources(text) == []
    assert tags_named(text, "script", "link", "iframe", "img", "object", "embed") == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text     # shown, not run


def test_html_report_lists_rejections_warnings_and_duplicates(html_report):
    text = html.unescape(html_report[0].read_text(encoding="utf-8"))
    assert "Rejected acronym “MINDWELL”: no expansion in this note" in text
    assert "warning: gave no card" in text
    assert "Duplicates across notes" in text
    assert "term “beacon”: dupe.md:1, web.md:3" in text


def _chromium() -> str:
    found = shutil.which("chromium")
    if not found:
        pytest.skip("chromium is not on PATH")
    return found


def test_html_report_in_headless_chromium_shows_one_box_per_card(html_report, tmp_path):
    chromium = _chromium()
    page, cards = html_report
    profile = tmp_path / "chromium-profile"
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    dom = done.stdout
    assert "<body" in dom, done.stderr[-2000:]
    assert card_boxes(dom) == len(cards)
    assert "<script" not in dom.lower()
    assert remote_resources(dom) == []
    assert tags_named(dom, "script", "link", "iframe", "img", "object", "embed") == []


def test_render_html_of_an_empty_report():
    from notedeck.report import CheckReport
    page = render_html(CheckReport())
    assert "0 cards from 0 notes" in page and card_boxes(page) == 0
    assert render_text(CheckReport()) == "\n"


# ---------------------------------------------------------------- progress

class _FakeTTY:
    def __init__(self):
        self.parts: list[str] = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        pass

    def isatty(self):
        return True

    @property
    def text(self):
        return "".join(self.parts)


class _SysWithTTY:
    """notedeck.cli's view of ``sys``: the real module, except stderr is a terminal."""

    def __init__(self, stderr):
        self.stderr = stderr

    def __getattr__(self, name):
        return getattr(sys, name)


BAR = re.compile(r"reading notes|\r|\[#|#{3,}|\d+%|█")


@pytest.fixture
def many_notes(cwd):
    folder = cwd / "many"
    folder.mkdir()
    for n in range(220):               # over the 200 notes a bar waits for
        (folder / f"n{n:03}.md").write_text(
            f"- **Harbour mark {n}:** a post that shows the edge of channel {n}.\n",
            encoding="utf-8")
    return folder


def test_build_on_a_terminal_shows_a_progress_bar(runner, cwd, many_notes, monkeypatch):
    # The control for the test below: the same build with a terminal does draw a bar.
    tty = _FakeTTY()
    monkeypatch.setattr(notedeck.cli, "sys", _SysWithTTY(tty))
    result = invoke(runner, "build", "-j", "1", many_notes)
    assert result.exit_code == 0, result.output
    assert BAR.search(tty.text), tty.text


def test_build_when_not_a_terminal_prints_no_progress_bar(runner, cwd, many_notes):
    result = invoke(runner, "build", "-j", "1", many_notes)
    assert result.exit_code == 0, result.output
    assert not BAR.search(result.stdout), result.stdout
    assert not BAR.search(result.stderr), result.stderr
    assert "read 220 notes: 220 cards (220 term)" in result.output


def test_remote_resource_detector_sees_what_it_must():
    # The control for the HTML checks above: a fetch is caught, escaped text is not.
    assert remote_resources('<img src="https://example.com/a.png">')
    assert remote_resources("<link rel='stylesheet' href='//example.com/'>")
    assert remote_resources("<a href='https://example.com/'>a tap opens it</a>") == []
    assert remote_resources("<style>body{background:url(http://example.com/b.png)}</style>")
    assert remote_resources('<div style="background:url(https://e.com/c.png)"></div>')
    assert remote_resources('<p>&lt;img src="https://example.com/a.png"&gt;</p>') == []
    assert card_boxes("<div class='nd-check-card card'></div><style>.nd-check-card{}</style>"
                      "<p>&lt;div class='nd-check-card'&gt;</p>") == 1


def test_check_lists_the_candidate_lines_it_dropped_and_why(runner, cwd):
    notes = write_notes(cwd / "notes", {"gov.md": (
        "# Government\n\n## Senate\n\n- **Definition:** the upper house of a legislature.\n"
        "- **Purpose:** to review the laws the lower house passes.\n\n"
        "## Parties\n\n- Greens\n- Liberals\n- Labour\n")})
    text = invoke(runner, "check", "-v", notes).stdout
    assert "+ term     Senate" in text
    assert "- term     Purpose: 'Purpose' names an aspect of something, not a term line 6" in text
    assert "- term     Parties: a heading over a list of other things, not a term line 8" in text
    assert "if one should be a card, please report it with the line" in text
    report = json.loads(invoke(runner, "check", "--format", "json", notes).stdout)
    (note,) = report["notes"]
    assert {"kind": "term", "text": "Purpose", "line": 6,
            "reason": "'Purpose' names an aspect of something, not a term"} in note["rejected"]
