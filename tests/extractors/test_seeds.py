"""The bar on the first user's real notes: ../shared/seeds scored by ../shared/eval/score.py.

Skipped where the shared folder is not beside the checkout (it is in CI and for developers).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from notedeck.pipeline import extract_cards

SHARED = Path(__file__).resolve().parents[3] / "shared"
HERE = Path(__file__).parent.parent


def _score(notes: list[Path], gold: Path, tmp_path: Path) -> str:
    cards = extract_cards(notes).cards
    out = tmp_path / "cards.json"
    out.write_text(json.dumps([c.to_dict() for c in cards], ensure_ascii=False), "utf-8")
    run = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold),
                          "--cards", str(out)], capture_output=True, text=True, check=False)
    return run.stdout


def _f1(report: str) -> float:
    return float(report.strip().splitlines()[-1].split("=")[1])


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="no ../shared")
def test_seeds_meet_the_bar(tmp_path):
    report = _score(sorted((SHARED / "seeds").iterdir()), SHARED / "eval" / "gold", tmp_path)
    assert "forbidden cards: 0" in report, report
    assert "hygiene faults: 0" in report, report
    assert _f1(report) >= 0.85, report


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="no ../shared")
@pytest.mark.parametrize("name", ["devset", "devset2", "devset3"])
def test_held_out_sets_meet_the_bar(name, tmp_path):
    folder = HERE / name
    if not (folder / "gold").is_dir():
        pytest.skip(f"no {name}")
    report = _score([folder / "notes"], folder / "gold", tmp_path)
    assert "forbidden cards: 0" in report, report
    assert "hygiene faults: 0" in report, report
    assert _f1(report) >= 0.85, report
