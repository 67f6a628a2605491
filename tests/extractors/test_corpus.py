"""The bar on notes other people wrote: tests/corpus scored by ../shared/eval/score.py's rules.

Two bars, both run in CI (tests/corpus/README.md has the tables and how to rerun them):

- the floor: what the rules reach today on the dev notes and the held-out quarter. A change
  that scores below it, or adds a forbidden card or a hygiene fault, fails. Raise the floor
  when the rules get better; never lower it to let a change through.
- issue 17's targets: F1 of term + myth + acronym + qa at least 0.85, plain text alone at
  least 0.80, precision at least 0.90, no forbidden card, no hygiene fault, the holdout
  within 0.05 of the dev notes. They are NOT met yet, so that test is a strict xfail: the run
  reports it as expected to fail, and the day they are met it fails with XPASS, saying the
  marker must go.

Skipped where the shared folder is not beside the checkout (it is in CI).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
sys.path.insert(0, str(CORPUS))
import scoring  # noqa: E402

pytestmark = pytest.mark.skipif(not scoring.SHARED_SCORER.exists(), reason="no ../shared")

# issue 17's targets
F1, PLAIN_F1, PRECISION, HOLDOUT_GAP = 0.85, 0.80, 0.90, 0.05
# today's floor, rounded down (tests/corpus/README.md): the 84 dev notes at the end of issue
# 17's eighth round (F1 0.797, plain text 0.793, precision 0.926, no forbidden card or
# hygiene fault) and the second holdout, 36 notes scored once at the end (F1 0.518, ten
# forbidden cards and one hygiene fault).
FLOOR_F1, FLOOR_PLAIN_F1, FLOOR_PRECISION, FLOOR_PROBLEMS = 0.79, 0.79, 0.92, 0
FLOOR_HOLDOUT_F1, FLOOR_HOLDOUT_PROBLEMS = 0.51, 11


@pytest.fixture(scope="module")
def dev():
    return scoring.score_notes(CORPUS / "notes", CORPUS / "gold")


@pytest.fixture(scope="module")
def held():
    if not (CORPUS / "holdout" / "gold").is_dir():
        pytest.skip("no holdout")
    return scoring.score_notes(CORPUS / "holdout" / "notes", CORPUS / "holdout" / "gold")


def _problems(scores) -> list[str]:
    return [f"{n.name}: {p}" for n in scores for p in n.forbidden + n.hygiene]


def test_the_dev_notes_score_no_lower_than_the_floor(dev):
    t = scoring.total(dev)
    assert t.f1 >= FLOOR_F1 and t.precision >= FLOOR_PRECISION, scoring.tables(dev)
    assert scoring.total(scoring.plain_text(dev)).f1 >= FLOOR_PLAIN_F1, scoring.tables(dev)
    assert len(_problems(dev)) <= FLOOR_PROBLEMS, _problems(dev)


def test_the_holdout_scores_no_lower_than_the_floor(held):
    # Only counts, never which note or card: the held-out quarter stays out of sight of
    # whoever reads a failing run while working on rules.
    f1, problems = scoring.total(held).f1, len(_problems(held))
    assert f1 >= FLOOR_HOLDOUT_F1, f"holdout F1 {f1:.3f} < {FLOOR_HOLDOUT_F1}"
    assert problems <= FLOOR_HOLDOUT_PROBLEMS, f"{problems} forbidden cards or hygiene faults"


@pytest.mark.xfail(strict=True, reason="issue 17's targets are not met yet "
                                       "(tests/corpus/README.md has today's figures)")
def test_issue_17s_targets(dev, held):
    t, plain, h = scoring.total(dev), scoring.total(scoring.plain_text(dev)), scoring.total(held)
    assert t.f1 >= F1 and plain.f1 >= PLAIN_F1 and t.precision >= PRECISION
    assert not _problems(dev) and not _problems(held)
    assert h.f1 >= t.f1 - HOLDOUT_GAP and h.precision >= PRECISION
