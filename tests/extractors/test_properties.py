"""Properties (hypothesis): extraction never raises, GUIDs are stable and unique, output is
deterministic, and ``guid_for`` is a proper function of (note id, kind, key)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from notedeck import pipeline
from notedeck.cards import guid_for
from notedeck.extractors import EXTRACTORS
from notedeck.report import render_cards
from notedeck.reading.sources import Options
from notedeck.pipeline import extract_cards, process_note
from notedeck.reading.sources import NoteFile
from notedeck.reading.note import read_note

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
KINDS = ("term", "myth", "acronym", "qa")
ALL_KINDS = {ex.kind for ex in EXTRACTORS} | set(KINDS)


# ---------------------------------------------------------------- strategies

NOUNS = ["river", "delta", "marsh", "tide", "reef", "fern", "spore", "moss", "heron", "otter",
         "stone", "shell", "pond", "algae", "crab", "bank", "channel", "dune", "root", "leaf"]
ADJS = ["small", "salty", "shallow", "green", "quiet", "rocky", "muddy", "warm", "tidal",
        "slow", "bright", "hidden", "coastal", "soft"]
VERBS = ["holds", "shapes", "feeds", "shelters", "carries", "drains", "covers", "links"]
CAPS = ["Brackish", "Estuary", "Lagoon", "Meander", "Oxbow", "Levee", "Riffle", "Sandbar",
        "Tributary", "Watershed", "Headland", "Spit", "Atoll", "Kelp", "Plankton", "Benthos",
        "Littoral", "Saltmarsh", "Floodplain", "Aquifer"]
ODD = ["‚Äî", "üß†", "it‚Äôs", "cafÃ©", "\u00a0", "\u200b", "\t", "<script>x</script>", "a < b",
       "&amp;", "[[A_Note|alias]]", "[[Bare_Note]]", "==hl==", "%%c%%", "<!-- c -->", "#tag",
       "**", "__", "`code`", "[^1]", "(ABC)", "LLM", " 1", "\\", "|", ":", "—", "•", "> ",
       "![[img.png]]", "[x](http://e.org)", "***", "~~s~~", "$$", "\x00", "\r", "𝔘", "é"]

word = st.sampled_from(NOUNS + ADJS + VERBS)
cap = st.sampled_from(CAPS)
sentence = st.lists(word, min_size=2, max_size=9).map(lambda ws: " ".join(ws) + ".")
term_name = st.lists(cap, min_size=1, max_size=3, unique=True).map(" ".join)
noise = st.one_of(st.text(max_size=30), st.sampled_from(ODD))
fragment = st.one_of(sentence, term_name, noise,
                     st.tuples(sentence, noise, sentence).map(" ".join))


@st.composite
def frontmatter(draw):
    kind = draw(st.sampled_from(["valid", "broken", "list", "unclosed", "empty", "odd"]))
    if kind == "valid":
        return (f"---\ntitle: {draw(term_name)}\ntags: [{draw(word)}, {draw(word)}]\n"
                f"aliases:\n  - {draw(term_name)}\nid: {draw(word)}-{draw(st.integers(0, 9))}\n---")
    if kind == "broken":
        return f"---\ntitle: [{draw(term_name)}\nid: @{draw(word)}\n---"
    if kind == "list":
        return f"---\n- {draw(word)}\n- {draw(word)}\n---"
    if kind == "unclosed":
        return f"---\ntitle: {draw(term_name)}"
    if kind == "empty":
        return "---\n---"
    return f"---\ntitle: {json.dumps(draw(st.text(max_size=20)))}\nid: {draw(st.integers())}\n---"


@st.composite
def block(draw):
    kind = draw(st.sampled_from([
        "heading", "bullets", "bold_lead", "bold_is", "numbered", "table", "qa", "para",
        "glossary", "deflist", "callout", "acronym", "myth_lines", "myth_prose", "html",
        "fence", "bare", "initials", "blank"]))
    f = lambda: draw(fragment)  # noqa: E731
    t = lambda: draw(term_name)  # noqa: E731
    if kind == "heading":
        return "#" * draw(st.integers(1, 7)) + " " + draw(st.sampled_from(
            ["", "What is ", "🧩 ", "1. "])) + draw(st.one_of(term_name, fragment)) + \
            draw(st.sampled_from(["", "?", ":", " (ABC)"]))
    if kind == "bullets":
        items = draw(st.lists(st.tuples(st.integers(0, 6), st.sampled_from("-*+•"), fragment),
                              min_size=1, max_size=5))
        return "\n".join(" " * n + m + " " + x for n, m, x in items)
    if kind == "bold_lead":
        return "\n".join(f"- **{t()}{draw(st.sampled_from([':', '', ' —']))}**"
                         f"{draw(st.sampled_from([' ', ': ', ' — ']))}{f()}"
                         for _ in range(draw(st.integers(1, 4))))
    if kind == "bold_is":
        return f"**{t()}** {draw(st.sampled_from(['is', 'are', 'refers to']))} {f()}"
    if kind == "numbered":
        return "\n".join(f"{n + 1}. {f()}" for n in range(draw(st.integers(1, 4))))
    if kind == "table":
        header = draw(st.sampled_from([("Myth", "Reframe"), ("Misconception", "Reality"),
                                       ("Term", "Definition"), ("A", "B", "C"), ("x",)]))
        rows = draw(st.lists(st.lists(fragment, min_size=len(header), max_size=len(header)),
                             max_size=4))
        out = ["| " + " | ".join(header) + " |"]
        if draw(st.booleans()):
            out.append("|" + "---|" * len(header))
        out += ["| " + " | ".join(c.replace("|", "/").replace("\n", " ") for c in r) + " |"
                for r in rows]
        return "\n".join(out)
    if kind == "qa":
        sep = draw(st.sampled_from(["\n", "\n\n"]))
        return f"Q: {f()}?{sep}A: {f()}"
    if kind == "glossary":
        return "\n".join(f"{t()} {draw(st.sampled_from(['—', '–', '-', ':']))} {f()}"
                         for _ in range(draw(st.integers(1, 4))))
    if kind == "deflist":
        return f"{t()}\n: {f()}"
    if kind == "callout":
        return f"> [!{draw(st.sampled_from(['note', 'tip', 'x']))}] {f()}\n> {f()}"
    if kind == "acronym":
        return draw(st.sampled_from([
            "{a} {b} (AB) {s}", "AB ({a} {b}) {s}", "AB stands for {a}, {b}", "{a} (ZZZ) {s}"
        ])).format(a=draw(cap), b=draw(cap), s=draw(sentence))
    if kind == "myth_lines":
        return f"Myth: {f()}\n{draw(st.sampled_from(['Truth', 'Fact', 'Reframe']))}: {f()}"
    if kind == "myth_prose":
        return draw(st.sampled_from([
            "A common misconception is that {a} In fact {b}",
            "Some assume {a}; in fact {b}", "The {w} is often confused with {b}; {a}",
            "It is a myth that {a} {b}"])).format(a=f(), b=f(), w=draw(word))
    if kind == "html":
        return draw(st.sampled_from(["<!-- {a} -->", "<div>{a}</div>", "<script>{a}</script>",
                                     "%% {a} %%", "{a}[^1]\n\n[^1]: {a}"])).format(a=f())
    if kind == "fence":
        return f"```\n{f()}\n```"
    if kind == "bare":
        return f()
    if kind == "initials":
        return ", ".join(f"**{c[0]}**{c[1:]}" for c in draw(st.lists(cap, min_size=2, max_size=4)))
    return ""


@st.composite
def markdown_note(draw):
    parts = []
    if draw(st.booleans()):
        parts.append(draw(frontmatter()))
    parts += draw(st.lists(block(), max_size=12))
    joiner = draw(st.sampled_from(["\n\n", "\n", "\n\n\n"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return joiner.join(parts).replace("\n", newline)


# ---------------------------------------------------------------- (a) never raises

def _check_result(result, text):
    assert result.note is None or result.note.source == result.source
    n_lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    guids = [c.guid for c in result.cards]
    assert len(guids) == len(set(guids))
    for card in result.cards:
        assert card.kind in ALL_KINDS
        assert 1 <= card.line <= n_lines, (card.line, n_lines)
        assert re.fullmatch(r"nd[0-9A-Za-z]{17}", card.guid)
        for value in card.fields.values():
            values = value if isinstance(value, tuple) else (value,)
            for v in values:
                assert isinstance(v, str)
                assert "<script" not in v.lower()
        json.dumps(card.to_dict(), ensure_ascii=False)
    for d in result.diagnostics:
        assert d.level in ("warning", "error") and d.source == result.source


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("props")


def _process(folder: Path, name: str, data: bytes):
    """process_note on one file, planned the way extract_cards plans it."""
    path = folder / name
    path.write_bytes(data)
    (source,), problems = pipeline.plan_sources([path], Options())
    assert problems == []
    return process_note(source)


@SETTINGS
@given(text=st.text(), suffix=st.sampled_from([".md", ".txt"]))
def test_process_note_never_raises_on_arbitrary_text(scratch, text, suffix):
    result = _process(scratch, "any" + suffix, text.encode("utf-8"))
    _check_result(result, text)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_read_never_raises_on_arbitrary_bytes(scratch, data):
    path = scratch / "bytes.md"
    path.write_bytes(data)
    read_note(NoteFile(path, scratch))      # a Note or a Diagnostic, never an exception
    _process(scratch, "bytes.md", data)


@SETTINGS
@given(text=markdown_note(), suffix=st.sampled_from([".md", ".txt"]))
def test_process_note_never_raises_on_generated_markdown(scratch, text, suffix):
    result = _process(scratch, "gen" + suffix, text.encode("utf-8"))
    _check_result(result, text)


# ---------------------------------------------------------------- (b) GUID stability

def definition(n_min=3):
    return st.lists(word, min_size=n_min, max_size=10).map(lambda ws: " ".join(ws) + ".")


@st.composite
def study_note(draw):
    """Sections of cards of every kind: (sections as (heading, body) pairs)."""
    names = draw(st.lists(term_name, min_size=1, max_size=5,
                          unique_by=lambda s: s.lower()))
    sections = []
    for k, name in enumerate(names):
        sections.append(("term", name, draw(definition())))
    if draw(st.booleans()):
        sections.append(("myth", draw(definition(4)), draw(definition())))
    if draw(st.booleans()):
        sections.append(("qa", draw(definition(3)).rstrip(".") + "?", draw(definition())))
    if draw(st.booleans()):
        sections.append(("acronym", "Coastal River Survey (CRS)", draw(definition())))
    return sections


def render_note(sections, *, order=None, gap="\n\n", pad="", title="Field Notes") -> str:
    order = order if order is not None else list(range(len(sections)))
    out = [f"# {title}"]
    for n, i in enumerate(order):
        kind, a, b = sections[i]
        head = f"## About part {n}"
        if kind == "term":
            body = f"- **{a}:**{pad} {b}{pad}"
        elif kind == "myth":
            body = f"Myth: {a}{pad}\nTruth: {pad}{b}"
        elif kind == "qa":
            body = f"Q: {a}\nA: {pad}{b}"
        else:
            body = f"{a} {pad}counts {b}"
        out.append(head + gap + body)
    return gap.join(out) + "\n"


def guids_by_key(folder: Path, text: str, name="note.md") -> dict[tuple[str, str], str]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    result = extract_cards([folder])
    return {(c.kind, c.key): c.guid for c in result.cards}


def _respace(text: str, extra: str) -> str:
    return text.replace(" ", " " + extra) if extra else text


@SETTINGS
@given(sections=study_note(), data=st.data())
def test_guids_survive_edits_whitespace_and_reordering(scratch, sections, data):
    before = guids_by_key(scratch / "b0", render_note(sections))
    assume(before)
    # new definition/reframe/answer text, more whitespace, sections in another order
    edited = [(kind, a, data.draw(definition())) for kind, a, _ in sections]
    order = data.draw(st.permutations(range(len(sections))))
    gap = data.draw(st.sampled_from(["\n\n", "\n\n\n", "\n   \n\n"]))
    pad = data.draw(st.sampled_from(["", " ", "  ", "\t"]))
    extra = data.draw(st.sampled_from(["", " "]))
    text = render_note(edited, order=order, gap=gap, pad=pad)
    edited_defs = text.split("\n")
    text = "\n".join(_respace(line, extra) if not line.startswith("#") else line
                     for line in edited_defs)
    after = guids_by_key(scratch / "b1", text)
    assert after == before


def test_guids_survive_crlf_and_a_renamed_deck_folder(tmp_path):
    text = render_note([("term", "Estuary", "where the river meets the tide."),
                        ("myth", "rivers always flow toward the south.", "they flow downhill.")])
    a = guids_by_key(tmp_path / "one", text)
    b = guids_by_key(tmp_path / "two", text.replace("\n", "\r\n"))
    assert a == b and len(a) == 2


def test_guid_changes_with_the_note_identity(tmp_path):
    text = render_note([("term", "Estuary", "where the river meets the tide.")])
    a = guids_by_key(tmp_path / "x", text, name="a.md")
    b = guids_by_key(tmp_path / "y", text, name="b.md")
    c = guids_by_key(tmp_path / "z", "---\nid: estuary-notes\n---\n" + text, name="a.md")
    d = guids_by_key(tmp_path / "w", "---\nid: estuary-notes\n---\n" + text, name="renamed.md")
    assert a.keys() == b.keys() == c.keys()
    assert a != b and a != c
    assert c == d      # a frontmatter id keeps GUIDs through a rename


# ---------------------------------------------------------------- (c) unique GUIDs

@SETTINGS
@given(notes=st.lists(study_note(), min_size=1, max_size=4), dup=st.booleans())
def test_guids_are_unique_within_a_build(scratch, notes, dup):
    folder = scratch / "build"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    texts = [render_note(s) for s in notes]
    if dup:
        texts.append(texts[0])      # the same content in two files
    for k, text in enumerate(texts):
        sub = folder / ("sub" if k % 2 else "") / f"note{k}.md"
        sub.parent.mkdir(parents=True, exist_ok=True)
        sub.write_text(text, encoding="utf-8")
    result = extract_cards([folder])
    guids = [c.guid for c in result.cards]
    assert len(guids) == len(set(guids))
    assert not [d for d in result.all_diagnostics() if "duplicate GUID" in d.message]
    per_note = sum(len(n.cards) for n in result.notes)
    assert per_note == len(guids)


def test_same_frontmatter_id_in_two_notes_is_an_error_not_a_duplicate(tmp_path):
    text = "---\nid: shared\n---\n# Notes\n\n- **Estuary:** where a river meets the tide.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "b.md").write_text(text, encoding="utf-8")
    result = extract_cards([tmp_path])
    assert len(result.cards) == 1
    (err,) = [d for d in result.all_diagnostics() if d.level == "error"]
    assert "duplicate GUID" in err.message and "a.md" in err.message and err.source == "b.md"


# ---------------------------------------------------------------- (d) determinism

def _cards_json(folder: Path) -> str:
    return render_cards(extract_cards([folder]).cards, "json")


@SETTINGS
@given(texts=st.lists(markdown_note(), min_size=1, max_size=3))
def test_two_runs_give_identical_output(scratch, texts):
    folder = scratch / "twice"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for k, text in enumerate(texts):
        (folder / f"n{k}.{'md' if k % 2 else 'txt'}").write_text(text, encoding="utf-8")
    first, second = _cards_json(folder), _cards_json(folder)
    assert first == second
    json.loads(first)


def test_output_does_not_depend_on_hash_seed(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mixed.md").write_text(
        "# Coast\n\n- **Estuary:** where a river meets the tide.\n\n"
        "The Coastal River Survey (CRS) counts birds. The NASA and LLM tokens stay. "
        "Goals are **C**lear, **A**ctionable and **T**imed.\n\n"
        "| Myth | Fact |\n|---|---|\n| Rivers all flow south in the end | They flow downhill |\n\n"
        "Q: Why do dunes move?\nA: Wind carries sand.\n", encoding="utf-8")
    (notes / "plain.txt").write_text(
        "Shore Words\n\nSpit\nA ridge of sand that juts out from the shore.\n\n"
        "Myth: Waves come in sevens every time.\nTruth: Wave sets vary with the weather.\n",
        encoding="utf-8")
    outs = []
    for seed in ("1", "2", "random"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-m", "notedeck", "cards", "--format", "json",
                               str(notes)], capture_output=True, text=True, env=env, timeout=60,
                              cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        outs.append(proc.stdout)
    assert outs[0] == outs[1] == outs[2]
    assert len(json.loads(outs[0])) >= 6


# ---------------------------------------------------------------- (e) guid_for

ident = st.text(alphabet=st.characters(blacklist_characters="\x1f", blacklist_categories=("Cs",)),
                max_size=40)


@SETTINGS
@given(note_id=ident, kind=st.sampled_from(KINDS), key=ident)
def test_guid_for_is_deterministic_and_well_formed(note_id, kind, key):
    g = guid_for(note_id, kind, key)
    assert g == guid_for(note_id, kind, key)
    assert re.fullmatch(r"nd[0-9A-Za-z]{17}", g)


@SETTINGS
@given(a=st.tuples(ident, st.sampled_from(KINDS), ident),
       b=st.tuples(ident, st.sampled_from(KINDS), ident))
def test_guid_for_differs_when_any_part_differs(a, b):
    assume(a != b)
    assert guid_for(*a) != guid_for(*b)


@SETTINGS
@given(note_id=ident, key=ident, other=ident, data=st.data())
def test_guid_for_changes_with_each_single_part(note_id, key, other, data):
    kind = data.draw(st.sampled_from(KINDS))
    other_kind = data.draw(st.sampled_from([k for k in KINDS if k != kind]))
    g = guid_for(note_id, kind, key)
    assert guid_for(note_id, other_kind, key) != g
    if other != note_id:
        assert guid_for(other, kind, key) != g
    if other != key:
        assert guid_for(note_id, kind, other) != g


def test_guid_for_known_value_is_stable():
    # Pinned: a change here re-creates every card in every user's collection.
    assert guid_for("reefs.md", "term", "lagoon") == "nd1G06Wydto8wXaTYvi"
    assert guid_for("reefs.md", "term", "lagoon") != guid_for("reefs.md", "term", "lagoon ")
    assert guid_for("a", "term", "b") != guid_for("a", "myth", "b")


def test_guid_for_is_injective_even_with_separator_characters():
    assert guid_for("a\x1fterm", "term", "d") != guid_for("a", "term", "term\x1fd")
