"""The myth cue patterns recompiled as tries (extractors/literals.py) must find a cue in
exactly the texts the patterns do: the tries only make the search faster."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from notedeck.extractors.literals import literal_trie, literals
from notedeck.extractors.mythcues import ANY_CUE, DENY_CUE

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "notes"


def test_literals_lists_every_match_of_a_group_pattern():
    pattern = r"myth|(?:might|may)(?: at first)? (?:seem|appear)"
    assert sorted(literals(pattern)) == sorted([
        "myth", "might seem", "might appear", "might at first seem", "might at first appear",
        "may seem", "may appear", "may at first seem", "may at first appear"])


@pytest.mark.parametrize("pattern", [r"\bmyth", r"myths?", r"belie[fv]", r"think.*that"])
def test_literals_refuses_a_pattern_with_no_finite_list(pattern):
    with pytest.raises(ValueError):
        literals(pattern)


def test_the_tries_find_a_cue_where_the_patterns_do():
    lines = [line.lower() for path in sorted(CORPUS.iterdir()) if path.is_file()
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    # every cue alone, inside a word, and cut short by one letter
    for word in literals(ANY_CUE.pattern) + literals(DENY_CUE.pattern):
        lines += [word, f"x{word}y", word[:-1]]
    either = literal_trie(ANY_CUE, DENY_CUE)
    for pattern, trie in ((ANY_CUE, literal_trie(ANY_CUE)), (DENY_CUE, literal_trie(DENY_CUE))):
        assert [bool(trie.search(s)) for s in lines] == [bool(pattern.search(s)) for s in lines]
    assert [bool(either.search(s)) for s in lines] == \
        [bool(ANY_CUE.search(s) or DENY_CUE.search(s)) for s in lines]
    assert sum(bool(either.search(s)) for s in lines) > 100     # the corpus has cues


def test_patterns_with_different_flags_are_refused():
    with pytest.raises(ValueError):
        literal_trie(re.compile("myth"), re.compile("fact", re.I))
