"""Cards as Anki renders them (its own template engine), and the rules their HTML/CSS must keep."""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import pytest

from notedeck.anki.notetypes import NOTETYPES
from notedeck.anki.package import write_package

PHONE = 390
WIDE = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3


@pytest.fixture
def cards(sample_entries, make_entry, tmp_path, import_apkg):
    """Every card of the sample deck plus a stress note, rendered by the anki backend."""
    stress = make_entry(
        "qa", "nd-stress", question=f"Does {WIDE} wrap?",
        answer="<table><tr>" + "".join(f"<th>Column {i}</th>" for i in range(12)) + "</tr><tr>"
               + "".join(f"<td>value {i} with words</td>" for i in range(12)) + "</tr></table>"
               + "<p>Use <code>x &lt; y</code> here.</p>",
        extra="See also <i>the notes</i>.", image="triangle.png", status="retired — delete me",
        link="obsidian://open?vault=Study&file=" + "very-long-note-name-" * 8 + ".md")
    # flashcards written in a note, with a code block whose long line must scroll in its box
    code = "<pre><code>" + "x = compute(" + ", ".join(f"arg{i}" for i in range(30)) + \
        ")\nprint(x)</code></pre>"
    written = [make_entry("basic", "nd-basic", front="What does this print?" + code,
                          back="The value of <code>x</code>, \\(x^2\\) less.", reverse=True),
               make_entry("cloze", "nd-cloze", text="The {{c1::heart}} has {{c2::four}} chambers.",
                          extra="Two atria, two ventricles.")]
    path = tmp_path / "render.apkg"
    write_package([*sample_entries, stress, *written], path)
    col, _ = import_apkg(path)
    out = []
    for cid in sorted(col.find_cards("")):
        card = col.get_card(cid)
        rendered = card.render_output(reload=True)
        out.append({"guid": card.note().guid, "kind": card.note_type()["name"], "ord": card.ord,
                    "question": rendered.question_text, "answer": rendered.answer_text,
                    "css": rendered.css})
    return out


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", fragment))


def find(cards, guid, ord_):
    return next(c for c in cards if c["guid"] == guid and c["ord"] == ord_)


def test_cards_render_without_scripts_remote_resources_or_errors(cards):
    assert len(cards) == 2 + 1 + 1 + 6 + 3 + 1 + 4 + 1 + 2 + 2
    for c in cards:
        for side in (c["question"], c["answer"]):
            low = side.lower()
            assert "<script" not in low and not re.search(r"\son\w+\s*=", low)
            assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", low)
            assert "http://" not in low and "https://" not in low and "url(" not in low
            assert "{{" not in visible(side) and "}}" not in visible(side)
            assert "unknown field" not in low and "not found" not in low
        assert 'id="answer"' in c["answer"]


def test_nested_clozes_hide_the_right_parts(cards):
    whole = find(cards, "nd-acr-1", 0)
    assert "[5 words]" in visible(whole["question"]) and "Flexible" not in visible(whole["question"])
    assert "What does" in whole["question"] and "FACES" in whole["question"]
    a_card = find(cards, "nd-acr-1", 2)                       # letter 2 (A) -> c3
    q = visible(a_card["question"])
    assert "[A]" in q and "[...]" in q and "lexible" in q and "Adaptive" not in q.replace(" ", "")
    assert '<span class="cloze" data-ordinal="3"><span class="ini">A</span>daptive</span>' \
        in a_card["answer"]
    assert "[IP]" in visible(find(cards, "nd-acr-2", 1)["question"])
    assert "[NB]" in visible(find(cards, "nd-acr-2", 3)["question"])
    lst = find(cards, "nd-list-1", 0)
    assert "[3 items]" in visible(lst["question"]) and "Brain" in visible(lst["answer"])
    second = visible(find(cards, "nd-list-1", 2)["question"])
    assert "Mind" in second and "Brain" not in second and "Relationships" in second


def test_link_status_and_reverse_render_only_when_present(cards):
    qa = find(cards, "nd-qa-1", 0)
    assert '<a href="obsidian://open?vault=Study&amp;file=well-being.md">' in qa["answer"]
    assert "<a " not in find(cards, "nd-myth-1", 0)["answer"]
    assert 'class="status"' in find(cards, "nd-myth-1", 0)["question"]
    assert 'class="status"' not in find(cards, "nd-term-1", 0)["question"]
    reverse = find(cards, "nd-term-1", 1)
    assert "Which term" in reverse["question"] and "Window of tolerance" not in reverse["question"]
    assert "Window of tolerance" in reverse["answer"]


# ---- the CSS rules -------------------------------------------------------------------

def css_rules(css: str) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        decls = dict((k.strip().lower(), v.strip()) for k, v in
                     (d.split(":", 1) for d in body.split(";") if ":" in d))
        for sel in selectors.split(","):
            rules.setdefault(" ".join(sel.split()), {}).update(decls)
    return rules


def contrast(fg: str, bg: str) -> float:
    def lum(hex_: str) -> float:
        hex_ = hex_.lstrip("#")
        if len(hex_) == 3:
            hex_ = "".join(ch * 2 for ch in hex_)
        chans = [int(hex_[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


CSS = NOTETYPES["term"].css
RULES = css_rules(CSS)
COLOUR = re.compile(r"^(color|background(-color)?|border(-\w+)*)$")


def test_every_note_type_shares_the_css_and_has_no_js_or_remote_resources(cards):
    assert {c["css"] for c in cards} == {CSS}
    assert all(nt.css == CSS for nt in NOTETYPES.values())
    text = CSS + "".join(f + b for nt in NOTETYPES.values() for _, f, b in nt.templates)
    assert "<script" not in text and "http" not in text and "@import" not in text
    assert "url(" not in text and not re.search(r"\son\w+\s*=", text)


def test_font_sizes_are_relative_and_never_below_14px():
    base = RULES[".card"]["font-size"]
    assert base.endswith("px") and float(base[:-2]) >= 14
    sizes = re.findall(r"font-size\s*:\s*([\d.]+)(px|em|rem|%)", CSS)
    assert sum(unit == "px" for _, unit in sizes) == 1  # only the base
    for value, unit in sizes:
        scale = {"px": 1 / float(base[:-2]), "em": 1, "rem": 1, "%": 0.01}[unit]
        assert float(value) * scale * float(base[:-2]) >= 14, (value, unit)


def test_no_fixed_widths_and_wide_content_is_contained():
    for _, f, b in (t for nt in NOTETYPES.values() for t in nt.templates):
        assert "width" not in f + b and "style=" not in f + b
    for m in re.finditer(r"(?<![-\w])(min-|max-)?width\s*:\s*([^;}]+)", CSS):
        assert not re.search(r"\d+px", m.group(2)), m.group(0)
    assert RULES["img"]["max-width"] == "100%"
    assert RULES[".table-wrap"]["overflow-x"] == "auto"


def test_night_mode_rules_exist_for_both_class_names():
    for name in (".card.nightMode", ".card.night_mode"):
        assert {"color", "background-color"} <= set(RULES[name])
    assert RULES[".card.nightMode"] == RULES[".card.night_mode"]
    for sel, decls in RULES.items():
        if sel.startswith(".card") or not any(COLOUR.match(p) and "#" in v for p, v in decls.items()):
            continue
        for night in (f".card.nightMode {sel}", f".card.night_mode {sel}"):
            assert night in RULES, f"{sel} sets a colour but has no {night} rule"


def test_contrast_is_at_least_4_5_in_light_and_night():
    light_fg, light_bg = RULES[".card"]["color"], RULES[".card"]["background-color"]
    night_fg, night_bg = RULES[".card.nightMode"]["color"], RULES[".card.nightMode"]["background-color"]
    pairs = [("light .card", light_fg, light_bg), ("night .card", night_fg, night_bg)]
    for sel, decls in RULES.items():
        if sel.startswith(".card") or not ({"color", "background-color"} & set(decls)):
            continue
        pairs.append((f"light {sel}", decls.get("color", light_fg), decls.get("background-color", light_bg)))
        night = RULES.get(f".card.nightMode {sel}", {})
        pairs.append((f"night {sel}", night.get("color", decls.get("color", night_fg)),
                      night.get("background-color", decls.get("background-color", night_bg))))
    assert len(pairs) > 10
    for what, fg, bg in pairs:
        assert contrast(fg, bg) >= 4.5, f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"


# ---- real layout in headless Chromium -------------------------------------------------

MEASURE = """
addEventListener("load", () => {
  const out = [];
  for (const f of document.querySelectorAll("iframe")) {
    const d = f.contentDocument, de = d.documentElement, w = d.createTreeWalker(d.body, 4);
    let min = 99;
    for (let n = w.nextNode(); n; n = w.nextNode())
      if (n.textContent.trim()) min = Math.min(min, parseFloat(getComputedStyle(n.parentElement).fontSize));
    out.push({id: f.id, width: de.clientWidth, scroll: de.scrollWidth, minFont: min});
  }
  document.body.dataset.measure = JSON.stringify(out);
});
"""


def test_cards_fit_a_390px_phone_and_200_percent_zoom(cards, tmp_path):
    """One card of each note type, both sides, light and night, at 390 and 195 (=200% zoom) px."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium is not installed")
    picked = {}
    for c in cards:
        picked.setdefault(c["kind"], c)
    picked["stress"] = find(cards, "nd-stress", 0)
    frames = []
    for label, c in picked.items():
        for side in ("question", "answer"):
            for night in ("", " nightMode night_mode"):
                for width in (PHONE, PHONE // 2):
                    doc = (f'<!doctype html><html><head><meta charset="utf-8"><style>{c["css"]}</style>'
                           f'</head><body class="card card{c["ord"] + 1}{night}">{c[side]}</body></html>')
                    frames.append(f'<iframe id="{html.escape(label)}/{side}/{night.strip() or "light"}/{width}" '
                                  f'style="width:{width}px;height:600px;border:0" srcdoc="{html.escape(doc)}"></iframe>')
    page = tmp_path / "page.html"
    page.write_text(f'<!doctype html><html><body>{"".join(frames)}<script>{MEASURE}</script></body></html>')
    profile = tmp_path / "profile"
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    found = re.search(r'data-measure="([^"]*)"', done.stdout)
    assert found, done.stderr[-2000:]
    results = json.loads(html.unescape(found.group(1)))
    assert len(results) == len(frames)
    for r in results:
        assert r["scroll"] <= r["width"], f"{r['id']}: {r['scroll']}px wide in a {r['width']}px screen"
        assert r["minFont"] >= 14, f"{r['id']}: text at {r['minFont']}px"
