"""What the commands print: cards as a table, JSON, JSON Lines or CSV (`notedeck cards`),
and the dry run for people (`notedeck check`): per note, the cards it would make (with rule
and confidence), the candidates the extractors rejected with their reason, warnings; then
notes that gave no card, cards too long to study on a phone, and the same term in two notes
of one deck. Beside it: `summary` (check's one screen), `changes` (diff and build),
`diagnostics` (warnings and errors, for people and for tools).
"""
from __future__ import annotations

import csv
import html
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Sequence

from ..anki.notetypes import NOTETYPES
from ..anki.sanitize import sanitize_html
from ..cards import KINDS, Card, Extraction
from ..model import Diagnostic, field_text
from .diagnostics import diagnostic_json, split_levels

FORMATS = ("table", "json", "jsonl", "csv")
plain = field_text


def front_back(card: Card) -> tuple[str, str]:
    """A card's front and back as plain text."""
    front, back = KINDS[card.kind]
    return plain(card.fields.get(front, "")), plain(card.fields.get(back, ""))


def public_dict(card: Card) -> dict:
    """A card as printed: the image's place on this disk is the build's business only."""
    data = card.to_dict()
    data.pop("image_file", None)
    data.pop("rendered", None)      # the packaging step's business
    return data


def render_cards(cards: Sequence[Card], fmt: str, width: int = 100, show_rule: bool = False) -> str:
    if fmt == "json":
        return json.dumps([public_dict(c) for c in cards], ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(public_dict(c), ensure_ascii=False) + "\n" for c in cards)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["kind", "front", "back", "deck", "source", "line", "rule",
                         "confidence", "guid"])
        for c in cards:
            writer.writerow([c.kind, *front_back(c), c.deck, c.source, c.line, c.rule,
                             f"{c.confidence:.2f}", c.guid])
        return buf.getvalue()
    lines = []
    for c in cards:
        front, back = front_back(c)
        where = f"{c.source}:{c.line}"
        extra = f"  [{c.rule} {c.confidence:.2f}]" if show_rule else ""
        lines.append(f"{c.kind:8} {front[:40]:40}  {back[: max(20, width - 80)]}  {where}{extra}")
    return "\n".join(lines) + ("\n" if lines else "")


# ---- `notedeck check` -----------------------------------------------------------------

PHONE_FRONT = 160      # visible characters; beyond these a phone screen needs scrolling
PHONE_BACK = 600


@dataclass
class CheckReport:
    notes: list[dict] = field(default_factory=list)
    no_cards: list[str] = field(default_factory=list)
    too_long: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)    # the run's, every one

    def to_json(self) -> str:
        return json.dumps({"notes": self.notes, "no_cards": self.no_cards,
                           "too_long": self.too_long, "duplicates": self.duplicates,
                           **split_levels(self.diagnostics)},
                          ensure_ascii=False, indent=1) + "\n"


def _length_problem(card: Card) -> str:
    front, back = front_back(card)
    if len(front) > PHONE_FRONT:
        return f"front is {len(front)} characters (more than {PHONE_FRONT})"
    if len(back) > PHONE_BACK:
        return f"back is {len(back)} characters (more than {PHONE_BACK})"
    return ""


def check_notes(extraction: Extraction, also: Sequence[Diagnostic] = ()) -> CheckReport:
    """``also``: the run's other warnings (the config's), for the report's totals."""
    report = CheckReport(diagnostics=[*also, *extraction.all_diagnostics()])
    seen: dict[tuple[str, str, str], list[Card]] = defaultdict(list)
    for result in extraction.notes:
        entry = {
            "source": result.source,
            "cards": [dict(c.to_dict(), front=front_back(c)[0], back=front_back(c)[1])
                      for c in result.cards],
            "rejected": [{"kind": r.kind, "text": r.text, "reason": r.reason, "line": r.line}
                         for r in result.rejected],
            "skipped": [{"kind": c.kind, "key": c.key, "line": c.line,
                         "confidence": c.confidence} for c in result.skipped],
            "warnings": [diagnostic_json(d) for d in result.diagnostics],
        }
        report.notes.append(entry)
        if not result.cards and not (result.note is not None
                                     and result.note.meta.get("notedeck") is False):
            report.no_cards.append(result.source)
        for card in result.cards:
            problem = _length_problem(card)
            if problem:
                report.too_long.append({"source": card.source, "line": card.line,
                                        "kind": card.kind, "front": front_back(card)[0][:60],
                                        "problem": problem})
            if card.kind in ("term", "acronym"):
                seen[(card.deck.split("::")[0], card.kind, card.key)].append(card)
    for (deck, kind, key), cards in sorted(seen.items()):
        if len({c.source for c in cards}) > 1:
            report.duplicates.append({"deck": deck, "kind": kind, "key": key,
                                      "places": [f"{c.source}:{c.line}" for c in cards]})
    return report


def render_text(report: CheckReport) -> str:
    out = []
    for note in report.notes:
        kinds = defaultdict(int)
        for c in note["cards"]:
            kinds[c["kind"]] += 1
        counts = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no card"
        out.append(f"{note['source']}: {len(note['cards'])} cards ({counts})")
        for c in note["cards"]:
            out.append(f"  + {c['kind']:8} {c['front'][:50]:50} [{c['rule']} "
                       f"{c['confidence']:.2f}] line {c['line']}")
        for r in note["rejected"]:
            where = f" line {r['line']}" if r["line"] else ""
            out.append(f"  - {r['kind']:8} {r['text']}: {r['reason']}{where}")
        for s in note["skipped"]:
            out.append(f"  ~ {s['kind']:8} {s['key']}: skipped by config or frontmatter")
        for w in note["warnings"]:
            where = f"{w['file']}:{w['line']}" if w["line"] else w["file"]
            out.append(f"  ! {where}: {w['level']}: {w['message']}")
    if any(note["rejected"] for note in report.notes):
        out += ["", "Lines marked '-' looked like cards and were dropped, with the reason; if "
                "one should be a card, please report it with the line."]
    if report.no_cards:
        out += ["", "Notes that gave no card:"] + [f"  {s}" for s in report.no_cards]
    if report.too_long:
        out += ["", "Cards too long to study on a phone:"]
        out += [f"  {t['source']}:{t['line']} {t['kind']} “{t['front']}”: {t['problem']}"
                for t in report.too_long]
    if report.duplicates:
        out += ["", "The same card in more than one note of a deck:"]
        out += [f"  {d['deck']}: {d['kind']} “{d['key']}” in " + ", ".join(d["places"])
                for d in report.duplicates]
    return "\n".join(out) + "\n"


def render_html(report: CheckReport) -> str:
    """A page a person can read: every card drawn as a card. No scripts, no remote files."""
    esc = html.escape
    parts = [f"<!doctype html><html><head><meta charset='utf-8'>"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
             f"<title>notedeck check</title><style>{NOTETYPES['term'].css}\n"
             "body{margin:0 auto;max-width:48rem;padding:1rem;font-family:sans-serif}"
             ".nd-check-card{border:1px solid #888;border-radius:.5rem;margin:.75rem 0;"
             "padding:.75rem}.nd-check-meta{font-size:.85em;color:#444}"
             "h2{font-size:1.2em;margin-top:2rem}</style></head><body>"
             f"<h1>notedeck check</h1><p>{sum(len(n['cards']) for n in report.notes)} cards "
             f"from {len(report.notes)} notes.</p>"]
    for note in report.notes:
        parts.append(f"<section><h2>{esc(note['source'])}</h2>")
        for c in note["cards"]:
            front, back = (sanitize_html(str(v)) for v in list(c["fields"].values())[:2]) \
                if len(c["fields"]) >= 2 else (esc(c["front"]), esc(c["back"]))
            if isinstance(c["fields"].get("expansion") or c["fields"].get("items"), list):
                back = ", ".join(sanitize_html(x) for x in
                                 (c["fields"].get("expansion") or c["fields"]["items"]))
            parts.append(f"<div class='nd-check-card card' data-kind='{esc(c['kind'])}'>"
                         f"<div class='front'>{front}</div><hr><div class='back'>{back}</div>"
                         f"<div class='nd-check-meta'>{esc(c['kind'])} · {esc(c['rule'])} "
                         f"{c['confidence']:.2f} · line {c['line']}</div></div>")
        for r in note["rejected"]:
            parts.append(f"<p class='nd-check-meta'>Rejected {esc(r['kind'])} "
                         f"“{esc(r['text'])}”: {esc(r['reason'])}</p>")
        for w in note["warnings"]:
            where = f" (line {w['line']})" if w["line"] else ""
            parts.append(f"<p class='nd-check-meta'>⚠ {esc(w['level'])}: {esc(w['message'])}"
                         f"{where}</p>")
        parts.append("</section>")
    if report.duplicates:
        parts.append("<h2>Duplicates across notes</h2><ul>" + "".join(
            f"<li>{esc(d['kind'])} “{esc(d['key'])}”: {esc(', '.join(d['places']))}</li>"
            for d in report.duplicates) + "</ul>")
    parts.append("</body></html>\n")
    return "".join(parts)

