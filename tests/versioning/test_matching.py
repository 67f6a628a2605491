"""When a vanished key and a new one are the same card with a typo fixed (matching.py), and
how a list's items keep their cloze numbers (clozes.py)."""
from __future__ import annotations

import pytest

from notedeck.versioning.clozes import item_numbers, renumber
from notedeck.versioning.matching import close, unambiguous_pairs


@pytest.mark.parametrize("a, b, same", [
    ("cognitve reappraisal", "cognitive reappraisal", True),     # a letter left out
    ("allostatic laod", "allostatic load", True),                # two letters swapped
    ("what is complicated greif", "what is complicated grief", True),
    ("eustress", "distress", False),                             # another word
    ("cbt", "dbt", False),                                       # short: two things
    ("ifs", "ifs model", False),
    ("stage 1", "stage 2", False),                               # numbers never a typo
    ("dsm 4 criteria", "dsm 5 criteria", False),
    ("habitat5 addition1", "habitat5 addition2", False),
    ("window of tolerance", "window of tolerance", False),       # the same key: no rename
])
def test_close_keys_are_a_small_typo_apart(a, b, same):
    assert close(a, b) is same and close(b, a) is same


def test_a_match_must_be_unambiguous_both_ways():
    assert unambiguous_pairs(["cognitve"], ["cognitive"]) == [("cognitve", "cognitive")]
    assert unambiguous_pairs(["cognitve"], ["cognitive", "cognitves"]) == []
    assert unambiguous_pairs(["cognitve", "cognitivve"], ["cognitive"]) == []
    assert unambiguous_pairs(["cognitve", "allostasiss"], ["cognitive", "allostasis"]) == [
        ("allostasiss", "allostasis"), ("cognitve", "cognitive")]


def test_list_items_keep_their_numbers_for_life():
    first = ("Denial", "Anger", "Bargaining")
    assert renumber(first, (), first) == () and item_numbers(first, ()) == (2, 3, 4)
    appended = first + ("Depression",)
    assert renumber(first, (), appended) == ()           # still 2, 3, 4, 5 in order
    inserted = ("Denial", "Shock", "Anger", "Bargaining")
    numbers = renumber(first, (), inserted)
    assert item_numbers(inserted, numbers) == (2, 5, 3, 4)
    removed = ("Denial", "Anger", "Bargaining", "Acceptance")     # Shock gone: 5 kept
    numbers = renumber(inserted, numbers, removed)
    assert item_numbers(removed, numbers) == (2, 3, 4, 6)
    typo = ("Denial", "Angr", "Bargaining", "Acceptance")          # a typo keeps 3
    assert item_numbers(typo, renumber(removed, numbers, typo)) == (2, 3, 4, 6)
    twice = ("Anger", "Anger")
    assert item_numbers(twice, renumber(("Anger",), (), twice)) == (2, 3)
