"""Where one `notedeck build` spends its time and memory, stage by stage.

    python bench/stages.py VAULT WORK [-j JOBS]

builds VAULT as `notedeck build VAULT -o WORK/decks --cards-dir WORK/cards` would (the
cache in WORK/.notedeck-cache), and prints, after each stage of build.build_decks, the
seconds it took and the process's resident memory then and at its peak so far:

    notes_fingerprint   2.47 s  (at   3.53 s)  rss    129 MB  peak    129 MB
    extract_cards     187.62 s  (at 191.14 s)  rss   1450 MB  peak   1499 MB
    ...

Run it twice (or after editing a note) to see a rebuild. Linux only (reads /proc).
The garbage collector is off, as in the `notedeck` program.
"""
from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
from pathlib import Path

START = time.perf_counter()


def memory() -> str:
    with open("/proc/self/statm") as f:
        rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"rss {rss:6.0f} MB  peak {peak:6.0f} MB"


def timed(module, name: str) -> None:
    """Replace module.name by a wrapper that prints the stage's time and memory."""
    stage = getattr(module, name)

    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        result = stage(*args, **kwargs)
        now = time.perf_counter()
        print(f"{name:18s} {now - began:7.2f} s  (at {now - START:7.2f} s)  {memory()}",
              file=sys.stderr, flush=True)
        return result
    setattr(module, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vault", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("-j", "--jobs", type=int, default=0, help="worker processes [all]")
    args = parser.parse_args()
    gc.disable()
    import notedeck.build as build
    for name in ("notes_fingerprint", "extract_cards", "plan_decks", "write_deck",
                 "write_package", "write_lock"):
        timed(build, name)
    args.work.mkdir(parents=True, exist_ok=True)
    report = build.build_decks([args.vault], args.work / "decks", args.work / "cards",
                               jobs=args.jobs, cache_dir=args.work / ".notedeck-cache",
                               echo=lambda line: print(line, file=sys.stderr))
    print(f"{'total':18s} {time.perf_counter() - START:7.2f} s  {memory()}", file=sys.stderr)
    sys.stderr.flush()
    os._exit(1 if any(d.level == "error" for d in report.diagnostics) else 0)


if __name__ == "__main__":
    main()
