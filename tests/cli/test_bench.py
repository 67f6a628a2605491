"""The benchmark's tools work (they are not timed here: bench/ measures, tests only check).

The synthetic vault is what every figure in the README is measured on: it must be the same
for the same seed, and notedeck must find in it the cards its manifest counts."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_the_synthetic_vault_is_deterministic_and_its_cards_are_found(tmp_path):
    for out in ("a", "b"):
        subprocess.run([sys.executable, str(BENCH / "gen_vault.py"), str(tmp_path / out),
                        "--notes", "12", "--seed", "3"], check=True, capture_output=True)
    files = {p.relative_to(tmp_path / "a"): p.read_bytes()
             for p in sorted((tmp_path / "a").rglob("*")) if p.is_file()}
    assert files and files == {p.relative_to(tmp_path / "b"): p.read_bytes()
                               for p in sorted((tmp_path / "b").rglob("*")) if p.is_file()}
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text())

    done = subprocess.run([sys.executable, str(BENCH / "stages.py"),
                           str(tmp_path / "a" / "vault"), str(tmp_path / "work"), "-j", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for stage in ("notes_fingerprint", "extract_cards", "plan_decks", "write_package",
                  "write_lock", "write_deck", "total"):
        assert f"\n{stage} " in "\n" + done.stderr, (stage, done.stderr)
    found = next(line for line in done.stderr.splitlines() if line.startswith("read "))
    assert f"read 12 notes: {manifest['cards']} cards" in found, (found, manifest)
    assert list((tmp_path / "work" / "decks").rglob("*.apkg"))
