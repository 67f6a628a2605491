#!/usr/bin/env python3
"""Draw a seeded random sample of a vault's cards for judging by hand (GOOD / MEH / JUNK).

Run by hand, from the repository root; it is not a test (pytest does not collect it) and
needs a vault checked out beside the repository (see ../README.md, "Large vaults judged by
hand"). Standard library only; notedeck is run as a program, so any build can be measured.

    sample.py draw VAULT [--notedeck notedeck] [--seed 17] [-n 60] [--notes 5] [--out DIR]
                   [--carry JUDGED.tsv]
    sample.py export DIR/judgements.tsv > tests/corpus/vaults/<label>/judgements.tsv
    sample.py tally JUDGED.tsv [JUDGED.tsv ...]

draw
    Runs `notedeck cards VAULT --format json` and `notedeck check VAULT --format json` from an
    empty working folder (so no stray notedeck.toml is read), then writes to DIR (default
    ./sample-<vault name>; keep it out of the repository, it holds the notes' text):
      cards.json      every card notedeck made (the input of the draw)
      sample.txt      the drawn cards, numbered, for reading: kind, source:line, front, back
      judgements.tsv  the template: one row per drawn card; fill the `verdict` column with
                      GOOD, MEH or JUNK and `reason` with its rule code (RULES.md) and a few
                      words (required for MEH and JUNK)
      reading.txt     files read, files with no card, files on disk that were not read
      notes.txt       --notes randomly drawn notes (same seed) with the cards made from each,
                      for finding what notedeck missed
    The draw: each card is ranked by sha256("<seed>:<guid>") and the n lowest are taken.
    That is a uniform random sample without replacement for a given card set, and it is
    stable: a card whose GUID (note, kind, key) is unchanged keeps its rank in another build,
    so samples of two notedeck versions with the same seed share every card both still make.
    --carry JUDGED.tsv prefills the verdict of a drawn card whose GUID and digest (what Anki
    shows) are the same as a judged row of JUDGED.tsv; the reason then starts with "(carried)".

export
    Prints a judged judgements.tsv without the `back` column: what the repository keeps (the
    cards' names, verdicts and reasons, never the notes' text). --carry and tally read it.

tally
    Counts GOOD / MEH / JUNK per file (and the total), the MEH and JUNK verdicts per rule
    code, and lists every MEH and JUNK reason. Rows with no verdict are reported and left
    out of the percentages.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import html
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

NOTE_SUFFIXES = (".md", ".markdown", ".mdown", ".txt", ".text")   # what notedeck reads
FRONT_BACK = {"term": ("term", "definition"), "myth": ("myth", "reframe"),
              "acronym": ("acronym", "expansion"), "qa": ("question", "answer"),
              "list": ("prompt", "items")}
VERDICTS = ("GOOD", "MEH", "JUNK")
COLUMNS = ["n", "verdict", "reason", "kind", "source", "line", "front", "back", "guid", "digest"]
RULE_CODE = re.compile(r"\b([JM][1-6])\b")     # the first rule code a reason names


def plain(value, joiner: str) -> str:
    """A card field (safe HTML, or a list of them) as one line of plain text."""
    if isinstance(value, list):
        return joiner.join(plain(v, joiner) for v in value)
    text = re.sub(r"<br\s*/?>", " / ", str(value))
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def front_back(card: dict) -> tuple[str, str]:
    f, b = FRONT_BACK.get(card["kind"], (None, None))
    fields = card.get("fields", {})
    if f is None:                       # a kind this script does not know: show every field
        names = list(fields)
        f, b = names[0], names[1] if len(names) > 1 else names[0]
    joiner = " " if card["kind"] == "acronym" else " • "
    return plain(fields.get(f, ""), joiner), plain(fields.get(b, ""), joiner)


def run_json(cmd: list[str], cwd: str) -> tuple[object, str]:
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-3000:]}")
    return json.loads(r.stdout), r.stderr


def rank(seed: str, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def disk_notes(vault: Path) -> list[str]:
    out = []
    for folder, dirs, files in os.walk(vault):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(NOTE_SUFFIXES):
                out.append((Path(folder) / name).relative_to(vault).as_posix())
    return out


def why_not_read(path: str) -> str:
    parts = path.split("/")
    if any(p.startswith(".") for p in parts[:-1]):
        return "in a hidden folder"
    if any(p.startswith("_") for p in parts[:-1]):
        return "in a folder starting with _"
    if parts[-1].startswith("."):
        return "hidden file"
    if parts[-1].lower() in ("readme.md", "notedeck.toml"):
        return "README"
    return "other"


def load_tsv(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows


def cell(text) -> str:
    return re.sub(r"[\t\r\n]+", " ", str(text))


def draw(args) -> None:
    vault = Path(args.vault).resolve()
    out = Path(args.out or f"sample-{vault.name}").resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as empty:
        cards, cards_err = run_json([args.notedeck, "cards", str(vault), "--format", "json"], empty)
        check, _ = run_json([args.notedeck, "check", str(vault), "--format", "json"], empty)
    (out / "cards.json").write_text(json.dumps(cards, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "cards.stderr").write_text(cards_err, encoding="utf-8")

    seed = str(args.seed)
    ranked = sorted(cards, key=lambda c: (rank(seed, c["guid"]), c["source"], c["line"]))
    drawn = ranked[:args.n]

    carried = {}
    if args.carry:
        for row in load_tsv(Path(args.carry)):
            if row.get("verdict", "").strip().upper() in VERDICTS:
                carried[(row["guid"], row["digest"])] = row

    kinds = collections.Counter(c["kind"] for c in cards)
    lines, rows = [], []
    head = (f"vault {vault}\nnotedeck {args.notedeck}\nseed {seed}; {len(drawn)} of {len(cards)} "
            f"cards drawn; cards by kind: {dict(kinds)}\n")
    lines.append(head)
    for i, c in enumerate(drawn, 1):
        front, back = front_back(c)
        lines.append(f"[{i}] {c['kind']}  {c['source']}:{c['line']}  ({c.get('rule', '')} "
                     f"{c.get('confidence', '')})\n  F: {front}\n  B: {back}\n")
        old = carried.get((c["guid"], c.get("digest", "")))
        reason = "(carried) " + old["reason"].removeprefix("(carried) ") if old else ""
        rows.append([i, old["verdict"] if old else "", reason, c["kind"], c["source"],
                     c["line"], front, back, c["guid"], c.get("digest", "")])
    (out / "sample.txt").write_text("\n".join(lines), encoding="utf-8")
    with open(out / "judgements.tsv", "w", encoding="utf-8") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(cell(x) for x in r) + "\n")

    read = [n["source"] for n in check["notes"]]
    no_cards = check.get("no_cards", [])
    on_disk = disk_notes(vault)
    not_read = [p for p in on_disk if p not in set(read)]
    reasons = collections.Counter(why_not_read(p) for p in not_read)
    rep = [f"note files on disk (by suffix {', '.join(NOTE_SUFFIXES)}): {len(on_disk)}",
           f"read by notedeck: {len(read)}", f"  of which gave no card: {len(no_cards)}",
           f"not read: {len(not_read)} {dict(reasons)}", f"cards: {len(cards)} {dict(kinds)}",
           f"cards per read note: {len(cards) / max(1, len(read)):.2f}", "",
           "not read (why):"] + [f"  {why_not_read(p)}: {p}" for p in not_read] + \
          ["", "gave no card:"] + [f"  {p}" for p in no_cards]
    (out / "reading.txt").write_text("\n".join(rep) + "\n", encoding="utf-8")

    by_note = collections.defaultdict(list)
    for c in cards:
        by_note[c["source"]].append(c)
    picked = random.Random(seed).sample(sorted(read), min(args.notes, len(read)))
    nl = []
    for p in picked:
        nl.append(f"=== {p}  ({len(by_note[p])} cards)")
        for c in sorted(by_note[p], key=lambda c: c["line"]):
            front, back = front_back(c)
            nl.append(f"  {c['line']:>4} {c['kind']:8} {front}  ->  {back[:160]}")
        nl.append("")
    (out / "notes.txt").write_text("\n".join(nl), encoding="utf-8")

    print(head + "\n".join(rep[:6]))
    print(f"wrote {out}/sample.txt, judgements.tsv, reading.txt, notes.txt, cards.json"
          + (f"; {sum(1 for r in rows if r[1])} verdicts carried" if args.carry else ""))


def export(args) -> None:
    rows = load_tsv(Path(args.file))
    columns = [c for c in COLUMNS if c != "back"]
    print("\t".join(columns))
    for r in rows:
        print("\t".join(cell(r.get(c, "")) for c in columns))


def tally(args) -> None:
    total = collections.Counter()
    table = []
    for path in args.files:
        rows = load_tsv(Path(path))
        counts = collections.Counter(r.get("verdict", "").strip().upper() or "?" for r in rows)
        total.update(counts)
        table.append((path, counts, rows))
    print(f"{'file':60} {'GOOD':>5} {'MEH':>5} {'JUNK':>5} {'?':>3}  GOOD%  JUNK%")
    for path, c, _ in table + [("total", total, [])]:
        judged = sum(c[v] for v in VERDICTS)
        pct = (lambda v: f"{100 * c[v] / judged:5.1f}") if judged else (lambda v: "   - ")
        print(f"{path[-60:]:60} {c['GOOD']:>5} {c['MEH']:>5} {c['JUNK']:>5} {c['?']:>3}  "
              f"{pct('GOOD')}  {pct('JUNK')}")
    codes = collections.Counter()
    for _, _, rows in table:
        for r in rows:
            verdict = r.get("verdict", "").strip().upper()
            if verdict in ("MEH", "JUNK"):
                found = RULE_CODE.search(r.get("reason", ""))
                codes[(verdict, found.group(1) if found else "?")] += 1
    print("\nMEH and JUNK by rule code (the first a reason names): " + ", ".join(
        f"{v} {c} {n}" for (v, c), n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))))
    for path, _, rows in table:
        bad = [r for r in rows if r.get("verdict", "").strip().upper() in ("MEH", "JUNK")]
        if bad:
            print(f"\n{path}:")
            for r in bad:
                print(f"  [{r['n']}] {r['verdict'].upper():4} {r['reason']}  ({r['source']}:{r['line']})")


def main() -> None:
    import signal
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)      # `| head` ends quietly
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw", help="build a vault's cards and draw the sample")
    d.add_argument("vault", help="the notes folder")
    d.add_argument("--notedeck", default="notedeck", help="the notedeck program to measure")
    d.add_argument("--seed", default="17")
    d.add_argument("-n", type=int, default=60, help="cards to draw (default 60)")
    d.add_argument("--notes", type=int, default=5, help="notes to draw for the misses review")
    d.add_argument("--out", help="output folder (default ./sample-<vault name>)")
    d.add_argument("--carry", help="a judged judgements.tsv whose verdicts to reuse")
    e = sub.add_parser("export", help="a judged template without the notes' text")
    e.add_argument("file")
    t = sub.add_parser("tally", help="count the verdicts of judged templates")
    t.add_argument("files", nargs="+")
    args = ap.parse_args()
    {"draw": draw, "export": export, "tally": tally}[args.cmd](args)


if __name__ == "__main__":
    main()
