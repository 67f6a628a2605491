"""Generators for the hostile-input tests and the fuzz target: nothing big is committed,
every fixture is written into a temporary folder when a test asks for it.

Used by tests/test_hostile.py, tests/test_crash.py and tests/fuzz_readers.py. Not a test
module itself (pytest only collects ``test_*.py``).
"""
from __future__ import annotations

import base64
import html
from html.parser import HTMLParser
from pathlib import Path

# A real 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")

# A line every note in the corpus can carry so that it makes at least one card.
GOOD_LINE = "**Keystone species:** a species whose loss changes the whole ecosystem around it."


# ---------------------------------------------------------------- small hostile notes

# name -> (file bytes, [(line or None, text the warning must contain)], body must be read)
# ``line`` is the diagnostic's line (0 = the whole file); None = any line.
def small_fixtures() -> dict[str, tuple[bytes, list[tuple[int | None, str]], bool]]:
    utf8 = lambda s: s.encode("utf-8")  # noqa: E731
    return {
        # broken YAML: the parser notices the unclosed flow list on line 4
        "broken-yaml.md": (utf8(
            "---\ntitle: Tide pools\ntags: [shore, rocks\nsource: : field guide\n---\n"
            f"# Tide pools\n\n{GOOD_LINE}\n"),
            [(4, "frontmatter is not valid YAML")], True),
        "bad-yaml-tab.md": (utf8(
            "---\ntitle: ok\n\tindent: tab\n---\n" + GOOD_LINE + "\n"),
            [(None, "frontmatter is not valid YAML")], True),
        "unterminated.md": (utf8("---\ntitle: Never closed\n\n" + GOOD_LINE + "\n"),
                            [(1, "frontmatter starts with '---' but is never closed")], True),
        "fm-list.md": (utf8("---\n- one\n- two\n---\n" + GOOD_LINE + "\n"),
                       [(1, "frontmatter is not a mapping")], True),
        "fm-scalar.md": (utf8("---\njust a sentence\n---\n" + GOOD_LINE + "\n"),
                         [(1, "frontmatter is not a mapping")], True),
        "fm-types.md": (utf8(
            '---\ntitle: [a, b]\ntags: 5\nnotedeck: "no"\ndeck: 5\n---\n' + GOOD_LINE + "\n"),
            [(2, "frontmatter 'title' should be text, not list"),
             (3, "frontmatter 'tags' should be a list or text, not int"),
             (4, "frontmatter 'notedeck' should be true or false, not str"),
             (5, "frontmatter 'deck' should be text, not int")], True),
        "cp1252.md": ("**Café crème:** a coffee — with “cream” and a € price.\n"
                      .encode("cp1252"), [(0, "not valid UTF-8")], True),
        "latin1.txt": ("**Naïveté:** the quality of being ÿ innocent, Ø and Å.\n"
                       .encode("latin-1"), [(0, "not valid UTF-8")], True),
        "png-bytes.md": (PNG, [(0, "binary")], False),
        "nul-bytes.md": (b"# Title\n\nsome text\x00\x00\x00 more text\n", [(0, "binary")], False),
        "empty.md": (b"", [(0, "empty note")], False),
        "only-frontmatter.md": (utf8("---\ntitle: Nothing else\n---\n"),
                                [(0, "empty note")], False),
    }


# ---------------------------------------------------------------- big notes, streamed

def write_repeated(path: Path, line: str, size: int) -> int:
    """Write ``line`` over and over until ``size`` bytes, without holding the file in memory."""
    raw = line.encode("utf-8")
    chunk = raw * max(1, (1 << 20) // len(raw))
    written = 0
    with open(path, "wb") as fh:
        while written < size:
            piece = chunk[: size - written]
            fh.write(piece)
            written += len(piece)
    return written


def nested_list(depth: int) -> str:
    """``depth`` nested bullet lists on one line ("- - - - x"): linear in size, unlike
    indentation, which would make a 10,000-deep list 100 MB."""
    return "- " * depth + "deepest item\n"


def nested_list_indented(depth: int, step: int = 2) -> str:
    return "".join(" " * (step * i) + f"- level {i}\n" for i in range(depth))


def nested_quotes(depth: int) -> str:
    return ">" * depth + " the bottom of the well\n"


def big_table(rows: int, compact: bool = False) -> str:
    """A Term/Definition table; ``compact`` rows (~25 bytes) keep 100,000 of them under
    notedeck's note size limit."""
    out = ["| Term | Definition |", "|---|---|"]
    row = "| Term{i} | meaning {i} |" if compact else "| Term{i} | the meaning of term number {i} |"
    out += [row.format(i=i) for i in range(rows)]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- hostile HTML

# Each snippet and the marker that must never reach a stored field or a rendered card as
# live markup.
HTML_ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example/frame"></iframe>',
    '<object data="https://evil.example/o.swf"></object>',
    "<style>@import url(http://evil.example/x.css)</style>",
    "<svg onload=alert(1)></svg>",
    "<embed src=https://evil.example/e>",
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    '<link rel=stylesheet href="https://evil.example/s.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><input name=x></form>',
    '<div style="background:url(https://evil.example/bg.png)">styled</div>',
    '<span class="x" onclick="alert(1)">click</span>',
    '<b onmouseover=alert(1)>bold</b>',
    '<img src="https://evil.example/track.png">',
    '<img src="../../secret.png">',
    "<!-- <script>alert(1)</script> -->",
    "<scr<script>ipt>alert(1)</script>",
    '<a href="vbscript:msgbox(1)">v</a>',
    "<details open ontoggle=alert(1)>",
]

# Text that only looks like markup: it must stay visible, escaped.
LOOKS_LIKE_HTML = ["a < b", "<Self>", "x<y>z", "Vec<T>", "i <3 u", "1 <= 2 && 3 > 2"]


def hostile_html_note() -> str:
    """One card per attack, inline, in a list, in a table, in a Q/A pair and bare blocks."""
    parts = ["# Hostile markup", ""]
    for n, attack in enumerate(HTML_ATTACKS):
        parts.append(f"**Attack{n} name:** the payload {attack} sits inside this definition.")
        parts.append("")
    for n, text in enumerate(LOOKS_LIKE_HTML):
        parts.append(f"**Looks{n} name:** the text {text} must stay visible.")
        parts.append("")
    parts += ["## Bare blocks", ""]
    for attack in HTML_ATTACKS:
        parts += [attack, ""]
    parts += ["## In a list", ""]
    parts += [f"- **Listed{n} name:** an item with {a} inside it." for n, a in
              enumerate(HTML_ATTACKS)]
    parts += ["", "## In a table", "", "| Myth | Reframe |", "|---|---|"]
    parts += [f"| Myth{n} holds that {a.replace('|', '/')} is fine | In fact it is not fine "
              f"{a.replace('|', '/')} at all |" for n, a in enumerate(HTML_ATTACKS)]
    parts += ["", "## Questions", ""]
    for n, attack in enumerate(HTML_ATTACKS[:6]):
        parts += [f"Q: What does payload {n} {attack} do?", f"A: Nothing {attack} at all.", ""]
    return "\n".join(parts) + "\n"


# Tags and attributes that may appear in a stored field (sanitize.py's allow-list).
ALLOWED_TAGS = {"b", "i", "em", "strong", "br", "ul", "ol", "li", "p", "span", "code", "sub",
                "sup", "table", "thead", "tbody", "tr", "th", "td", "div", "img"}
ALLOWED_ATTRS = {"span": {"class"}, "div": {"class"}, "img": {"src", "alt"}}
_NEVER_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "link", "meta",
               "base", "form", "input", "details", "frame", "frameset", "applet", "audio",
               "video", "source", "template", "textarea", "select", "button"}


class MarkupAudit(HTMLParser):
    """Every live tag/attribute in a fragment, and every script/style body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.raw_bodies: list[str] = []
        self._in_raw: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in ("script", "style"):
            self._in_raw = tag

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == self._in_raw:
            self._in_raw = None

    def handle_data(self, data):
        if self._in_raw:
            self.raw_bodies.append(data)

    def handle_comment(self, data):
        self.raw_bodies.append("<!--" + data)


def markup_problems(fragment: str, *, template: bool = False) -> list[str]:
    """What in ``fragment`` could run, load or link: [] when it is inert.

    ``template``: a rendered card side, which may also carry the note type's own
    markup (the footer's "Open the note" link, whose href is checked instead)."""
    audit = MarkupAudit()
    audit.feed(fragment)
    audit.close()
    problems = []
    for tag, attrs in audit.tags:
        if tag in _NEVER_TAGS or (not template and tag not in ALLOWED_TAGS):
            problems.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip()
            low = value.lower().replace("\x00", "")
            if name.startswith("on") or name in ("style", "xlink:href", "action", "formaction",
                                                 "srcset", "data", "background"):
                problems.append(f"<{tag} {name}=...>")
            elif not template and name not in ALLOWED_ATTRS.get(tag, ()):
                problems.append(f"<{tag} {name}=...>")
            if any(s in low for s in ("javascript:", "vbscript:", "data:", "evil.example",
                                      "alert(")):
                problems.append(f"<{tag} {name}={value!r}>")
            if name == "src" and ("/" in value or ":" in value or value.startswith(".")):
                problems.append(f"<{tag} src={value!r}>")
            if tag == "a" and name == "href" and not low.startswith(("obsidian:", "https:",
                                                                     "http:")):
                problems.append(f"<a href={value!r}>")
    problems += [f"raw body {b[:40]!r}" for b in audit.raw_bodies]
    return problems


def visible_text(fragment: str) -> str:
    """The text a reader sees (tags removed, entities decoded)."""
    class _T(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []

        def handle_data(self, data):
            self.out.append(data)
    t = _T()
    t.feed(fragment)
    t.close()
    return "".join(t.out)


def escaped(text: str) -> str:
    return html.escape(text, quote=False)


# ---------------------------------------------------------------- a study vault

def study_note(i: int, edit: int = 0, terms: int = 12) -> str:
    """A note that makes ~20 cards; ``edit`` changes some definitions and adds a term, so a
    rebuild has real work (changed and added cards)."""
    lines = [f"# Topic {i} of the field guide", "",
             f"Notes on habitat number {i}, written for the hostile-input tests.", "",
             "## Glossary", ""]
    for j in range(terms):
        extra = f" (revision {edit})" if edit and j % 3 == 0 else ""
        lines.append(f"- **Habitat{i} feature{j}:** the {j}th feature of habitat {i}, which "
                     f"shapes how water and light reach the floor{extra}.")
    if edit:
        lines.append(f"- **Habitat{i} addition{edit}:** a feature added in edit {edit} of the "
                     "vault, to make the next version grow.")
    lines += ["", "## Myths", "", "| Myth | Reframe |", "|---|---|"]
    for j in range(3):
        lines.append(f"| Habitat {i} myth {j} says the pools never drain | In fact pool {j} "
                     f"of habitat {i} drains twice a day |")
    lines += ["", "## Questions", ""]
    for j in range(3):
        lines += [f"Q: What lives in pool {j} of habitat {i}?",
                  f"A: Crabs, anemones and snails number {j}{' and more' if edit else ''}.", ""]
    return "\n".join(lines) + "\n"


def write_vault(folder: Path, notes: int, edit: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(notes):
        (folder / f"habitat-{i:03d}.md").write_text(study_note(i, edit), encoding="utf-8")
    return folder


# ---------------------------------------------------------------- generated Markdown

def markdown_strategy():
    """Hypothesis strategy: Markdown notes built from frontmatter, headings, tables,
    bullets, bold, Q/A lines, HTML snippets and arbitrary Unicode."""
    from hypothesis import strategies as st

    words = st.sampled_from(["tide", "pool", "kelp", "crab", "shore", "reef", "anemone",
                             "Estuary", "Lagoon", "Benthos", "Aquifer", "is", "the", "of"])
    text = st.one_of(
        st.lists(words, min_size=1, max_size=8).map(" ".join),
        st.text(max_size=25),
        st.sampled_from(HTML_ATTACKS + LOOKS_LIKE_HTML),
        st.sampled_from(["![[../../x.png]]", "![](/etc/passwd.png)", "![](file:///x.png)",
                         "![](data:image/png;base64,AAAA)", "[x](javascript:alert(1))",
                         "<https://evil.example>", "&lt;script&gt;", "&#60;script&#62;",
                         "\u202e", "\u0000", "\ufeff", "🧠", "**", "`", "|", "\\"]),
    )
    line = st.lists(text, min_size=1, max_size=4).map(" ".join)

    @st.composite
    def block(draw):
        kind = draw(st.sampled_from(["fm", "heading", "bullets", "bold", "table", "qa", "html",
                                     "quote", "fence", "para"]))
        if kind == "fm":
            key = draw(st.sampled_from(["title", "tags", "deck", "notedeck", "id", "aliases",
                                        "notedeck-skip", "notedeck-reverse", "x"]))
            value = draw(st.one_of(line.map(lambda s: s.replace("\n", " ")),
                                   st.sampled_from(["[a, b]", "5", "no", "yes", "~", "{a: 1}",
                                                    "[unclosed", "'q", "!!binary aGk="]),
                                   ))
            return f"---\n{key}: {value}\n---"
        if kind == "heading":
            return "#" * draw(st.integers(1, 6)) + " " + draw(line)
        if kind == "bullets":
            items = draw(st.lists(st.tuples(st.integers(0, 4), line), min_size=1, max_size=4))
            return "\n".join("  " * d + "- " + t for d, t in items)
        if kind == "bold":
            return f"**{draw(line)}:** {draw(line)}"
        if kind == "table":
            cols = draw(st.integers(1, 3))
            rows = draw(st.lists(st.lists(line, min_size=cols, max_size=cols), max_size=3))
            out = ["| " + " | ".join(["Myth", "Reframe", "Note"][:cols]) + " |",
                   "|" + "---|" * cols]
            out += ["| " + " | ".join(c.replace("\n", " ") for c in r) + " |" for r in rows]
            return "\n".join(out)
        if kind == "qa":
            return f"Q: {draw(line)}?\nA: {draw(line)}"
        if kind == "html":
            return draw(st.sampled_from(HTML_ATTACKS)) + draw(line)
        if kind == "quote":
            return ">" * draw(st.integers(1, 5)) + " " + draw(line)
        if kind == "fence":
            return f"```\n{draw(line)}\n```"
        return draw(line)

    return st.lists(block(), min_size=1, max_size=8).map("\n\n".join)
