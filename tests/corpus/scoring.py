"""Score notedeck on the corpus with the shared scorer's own matching rules, per kind and
per group of notes (shape, layout, subject); print the tables of README.md.

    python tests/corpus/scoring.py              # the dev notes (notes/, gold/)
    python tests/corpus/scoring.py holdout      # the held-out quarter, once, at the end

The matching (what counts as finding a gold card, a forbidden card, a hygiene fault) is
../shared/eval/score.py's, imported from there: this file only adds up its verdicts by group.
"""
from __future__ import annotations

import csv
import importlib.util
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED_SCORER = HERE.parents[2] / "shared" / "eval" / "score.py"
PLAIN = (".txt", ".text")
SUBJECTS = {"cs": "computing", "hum": "history, law, economics", "lang": "languages",
            "med": "medicine", "psy": "psychology", "sci": "natural science",
            "txt": "mixed (plain text)"}


def load_scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    def add(self, other: "Tally") -> None:
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted
        self.correct += other.correct

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class NoteScore:
    name: str
    kinds: dict[str, Tally]
    forbidden: list[str] = field(default_factory=list)
    hygiene: list[str] = field(default_factory=list)

    @property
    def total(self) -> Tally:
        out = Tally()
        for t in self.kinds.values():
            out.add(t)
        return out


def extract(notes: Path) -> list[dict]:
    from notedeck.pipeline import extract_cards
    return [c.to_dict() for c in extract_cards([notes]).cards]


def score_notes(notes: Path, gold: Path, cards: list[dict] | None = None) -> list[NoteScore]:
    """Every gold file's note, scored with the shared scorer's matchers."""
    import yaml
    s = load_scorer()
    s.NOTES_DIRS[:] = [notes]
    cards = extract(notes) if cards is None else cards
    by_file = defaultdict(list)
    for card in cards:
        by_file[s.source_name(card)].append(card)
    out = []
    for path in sorted(gold.glob("*.yaml")):
        g = yaml.safe_load(path.read_text(encoding="utf-8"))
        mine = by_file.get(g["file"], [])
        note = NoteScore(g["file"], {})
        for card in mine:
            note.forbidden += s.forbidden_hits(card, g)
            note.hygiene += s.hygiene_faults(card)
        for kind in s.SCORED:
            items = g.get(s.GOLD_KEYS[kind]) or []
            preds = [c for c in mine if c.get("kind") == kind]
            used: set[int] = set()
            for item in items:
                hit = next((i for i, c in enumerate(preds)
                            if i not in used and s.MATCHERS[kind](c, item)), None)
                if hit is not None:
                    used.add(hit)
            correct = sum(1 for i, c in enumerate(preds)
                          if i in used or s.is_acceptable_extra(c, g))
            note.kinds[kind] = Tally(len(items), len(used), len(preds), correct)
        out.append(note)
    return out


def total(scores: list[NoteScore]) -> Tally:
    out = Tally()
    for note in scores:
        out.add(note.total)
    return out


def plain_text(scores: list[NoteScore]) -> list[NoteScore]:
    return [n for n in scores if n.name.endswith(PLAIN)]


def layouts() -> dict[str, dict[str, str]]:
    """Each dev note's layout family and subject (else the subject its name's prefix says)."""
    with open(HERE / "layouts.csv", encoding="utf-8") as f:
        return {row["note"]: row for row in csv.DictReader(f)}


def _row(label: str, t: Tally, notes: int | None = None) -> str:
    count = f" | {notes}" if notes is not None else ""
    return (f"| {label}{count} | {t.gold} | {t.found} | {t.predicted} | {t.precision:.2f} | "
            f"{t.recall:.2f} | {t.f1:.2f} |")


def tables(scores: list[NoteScore]) -> str:
    out = ["| kind | gold | found | predicted | precision | recall | F1 |",
           "|---|---|---|---|---|---|---|"]
    for kind in ("term", "myth", "acronym", "qa"):
        t = Tally()
        for note in scores:
            t.add(note.kinds[kind])
        out.append(_row(kind, t))
    out.append(_row("**all**", total(scores)))
    groups: dict[str, dict[str, list[NoteScore]]] = {"shape": {}, "layout": {}, "subject": {}}
    names = layouts()
    for note in scores:
        shape = "plain text (.txt)" if note.name.endswith(PLAIN) else "Markdown (.md)"
        groups["shape"].setdefault(shape, []).append(note)
        row = names.get(note.name, {})
        groups["layout"].setdefault(row.get("layout") or "other", []).append(note)
        subject = row.get("subject") or SUBJECTS.get(note.name.split("_")[0], "other")
        groups["subject"].setdefault(subject, []).append(note)
    for title, by in groups.items():
        out += ["", f"| {title} | notes | gold | found | predicted | precision | recall | F1 |",
                "|---|---|---|---|---|---|---|---|"]
        for label, members in sorted(by.items()):
            out.append(_row(label, total(members), len(members)))
    forbidden = sum(len(n.forbidden) for n in scores)
    hygiene = sum(len(n.hygiene) for n in scores)
    out += ["", f"Forbidden cards: {forbidden}. Hygiene faults: {hygiene}."]
    return "\n".join(out)


def main(argv: list[str]) -> None:
    which = argv[1] if len(argv) > 1 else "dev"
    base = HERE / "holdout" if which == "holdout" else HERE
    scores = score_notes(base / "notes", base / "gold")
    print(tables(scores))
    plain = total(plain_text(scores))
    print(f"\nall: F1 {total(scores).f1:.3f} (precision {total(scores).precision:.3f}, "
          f"recall {total(scores).recall:.3f}); plain text alone: F1 {plain.f1:.3f}")
    for note in scores:
        for problem in note.forbidden + note.hygiene:
            print(f"  {note.name}: {problem}")


if __name__ == "__main__":
    main(sys.argv)
