"""The bar on notes other people wrote: tests/corpus scored by ../shared/eval/score.py's rules.

Targets (issue 17): F1 of term + myth + acronym + qa at least 0.85, plain text alone at
least 0.80, precision at least 0.90, no forbidden card, no hygiene fault; the held-out
quarter within 0.05 of the dev notes. tests/corpus/README.md has the tables and how to
rerun them. Skipped where the shared folder is not beside the checkout (it is in CI).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
sys.path.insert(0, str(CORPUS))
import scoring  # noqa: E402

pytestmark = pytest.mark.skipif(not scoring.SHARED_SCORER.exists(), reason="no ../shared")

F1, PLAIN_F1, PRECISION, HOLDOUT_GAP = 0.85, 0.80, 0.90, 0.05


@pytest.fixture(scope="module")
def dev():
    return scoring.score_notes(CORPUS / "notes", CORPUS / "gold")


def _problems(scores) -> list[str]:
    return [f"{n.name}: {p}" for n in scores for p in n.forbidden + n.hygiene]


def test_the_corpus_has_no_forbidden_card_and_no_hygiene_fault(dev):
    assert not _problems(dev)


def test_the_corpus_meets_the_f1_and_precision_targets(dev):
    t = scoring.total(dev)
    assert t.precision >= PRECISION, scoring.tables(dev)
    assert t.f1 >= F1, scoring.tables(dev)


def test_plain_text_alone_meets_its_target(dev):
    assert scoring.total(scoring.plain_text(dev)).f1 >= PLAIN_F1, scoring.tables(dev)


def test_the_holdout_quarter_scores_within_reach_of_the_dev_notes(dev):
    if not (CORPUS / "holdout" / "gold").is_dir():
        pytest.skip("no holdout")
    held = scoring.score_notes(CORPUS / "holdout" / "notes", CORPUS / "holdout" / "gold")
    # Only counts, never which note or card: the held-out quarter stays out of sight of
    # whoever reads a failing run while working on rules.
    problems = len(_problems(held))
    assert problems == 0, f"{problems} forbidden cards or hygiene faults in the holdout"
    f1, dev_f1 = scoring.total(held).f1, scoring.total(dev).f1
    assert f1 >= dev_f1 - HOLDOUT_GAP, f"holdout F1 {f1:.3f}, dev {dev_f1:.3f}"
