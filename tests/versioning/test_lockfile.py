"""The card lock file (versioning/lockfile.py): read line by line or as JSON, written back
line by line, spilled to disk for big vaults; lock entries are frozen and never carry a
stale line; the plan's lazily made entries and the changelog's length limit."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st


def locked(kind, key, note_id, source, deck, hash, mod, added, changed, fields, tags,
           **rest):
    """A LockedCard from plain values (fields as a dict, tags as a list), as a lock's JSON
    has them."""
    from notedeck.jsontext import FieldsJSON
    from notedeck.versioning.lockfile import LockedCard
    return LockedCard(kind, key, note_id, source, deck, hash, mod, added, changed,
                      FieldsJSON.encode(fields), tuple(tags), **rest)


def read_lock_text(text: str, deck: str, how: str, folder: Path):
    """The lock ``text`` read as a build reads it: from memory, or from its file with the
    text copied into a spill file (in chunks of a few bytes here, so that lines, their
    separators and the head are cut at every possible place)."""
    from notedeck.versioning import lockfile
    from notedeck.versioning.spill import Spill
    if how == "memory":
        return lockfile.read_lock_text(text, deck)
    path = folder / "lock.json"
    path.write_text(text, encoding="utf-8")
    return lockfile.read_lock(path, deck, Spill.open(folder), chunk=97)


@pytest.mark.parametrize("how", ["memory", "spill"])
@pytest.mark.parametrize("n", [0, 1, 4095, 4096, 4097, 8192])
def test_the_lock_is_written_in_pieces_that_make_valid_json(n, how, tmp_path):
    """write_lock streams the lock a few thousand cards at a time: at every piece boundary
    the text must stay the one JSON document the reader reads back, card lines and all."""
    import json

    from notedeck.versioning.lockfile import Lock
    cards = {f"nd{i:017d}": locked("term", f"k{i}", "n", "s.md", "D", "h", 1, "1.0.0",
                                   "1.0.0", {"term": f"x{i}"}, []) for i in range(n)}
    text = Lock("D", cards=cards).to_json()
    assert len(json.loads(text)["cards"]) == n
    again = read_lock_text(text, "D", how, tmp_path)
    assert len(again.kept_lines()) == n and again.cards == cards and again.to_json() == text


@pytest.mark.parametrize("piece", [1, 300, 1 << 23])
def test_a_spilled_lock_writes_unchanged_lines_back_and_changed_ones_anew(piece, tmp_path):
    """A build keeps the lock's text in a spill file, not in memory: the lines of cards it
    did not touch are copied back from there in runs (cut at ``piece`` bytes), the others
    (new entries, dataclasses.replace'd ones) are encoded again, and the result is the lock
    as if written from scratch. An entry cannot be edited in place."""
    import dataclasses

    from notedeck.jsontext import FieldsJSON
    from notedeck.versioning.lockfile import Lock, lock_pieces
    from notedeck.versioning.spill import Spill
    cards = {f"nd{i:017d}": locked("term", f"k{i}", "n", "s.md", "D", "h", i, "1.0.0",
                                   "1.0.0", {"term": TRICKY[i % len(TRICKY)]}, ["t"])
             for i in range(500)}
    text = Lock("D", cards=cards).to_json()
    again = read_lock_text(text, "D", "spill", tmp_path)
    assert isinstance(again.text, Spill) and again.cards == cards

    def written(lock):
        return b"".join(lock_pieces(lock, piece)).decode("utf-8")
    assert written(again) == text
    (tmp_path / "lock.json").write_text("rewritten in place", encoding="utf-8")
    assert written(again) == text           # its own copy, not the file
    for i in (0, 1, 2, 250, 251, 499):      # changed, at the ends and side by side
        g = f"nd{i:017d}"
        cards[g] = again.cards[g] = dataclasses.replace(
            again.cards[g], mod=10 ** 6 + i, fields=FieldsJSON.encode({"term": "new"}))
    del cards["nd00000000000000100"], again.cards["nd00000000000000100"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.cards["nd00000000000000400"].mod = 7
    cards["nd00000000000000401"] = again.cards["nd00000000000000401"] = dataclasses.replace(
        again.cards["nd00000000000000401"], status="retired")
    assert written(again) == Lock("D", cards=cards).to_json()
    assert again.cards["nd00000000000000300"].fields == {"term": TRICKY[300 % len(TRICKY)]}


TRICKY = ['plain', 'a "fields": {} inside', 'then , "tags": [] too', 'a line,\n break',
          'back\\slash "', 'ünï — 🧠', '}, "status": "retired"']


@pytest.mark.parametrize("how", ["memory", "spill"])
@pytest.mark.parametrize("layout", ["to_json", "tags first", "extra key", "indented"])
def test_a_lock_reads_line_by_line_to_the_same_cards_as_json_does(layout, how, tmp_path):
    """The lock is read one card line at a time, its fields kept as text until used.
    Field text that looks like the lock's own keys or separators must not fool it, and
    a lock in any other layout must be read (the slow way) to the very same cards, then
    written in notedeck's layout."""
    import json

    from notedeck.versioning.lockfile import Lock, read_lock_text as load_text
    cards = {f"nd{i:017d}": locked(
        "term", f"k{i}", "n", "s.md", "D", "h", i, "1.0.0", "1.0.0",
        {"term": TRICKY[i % len(TRICKY)], "definition": TRICKY[(i + 3) % len(TRICKY)],
         "letters": [TRICKY[(i + 1) % len(TRICKY)]]}, [TRICKY[(i + 2) % len(TRICKY)]],
        status="live" if i % 3 else "retired") for i in range(40)}
    canonical = text = Lock("D", cards=cards).to_json()
    if layout == "tags first":      # each line's keys in another order
        data = json.loads(text)
        lines = [f" {json.dumps(g)}: " + json.dumps(
            {"tags": c["tags"], **{k: v for k, v in c.items() if k != "tags"}},
            ensure_ascii=False) for g, c in data["cards"].items()]
        text = text[:text.index(' "nd')] + ",\n".join(lines) + "\n }\n}\n"
    elif layout == "extra key":
        text = text.replace(', "tags": ', ', "note": "x", "tags": ', 1)
    elif layout == "indented":
        text = json.dumps(json.loads(text), indent=4, ensure_ascii=False)
    if layout == "extra key":
        with pytest.raises(TypeError):      # the same error a whole-JSON read gives
            load_text(text, "D")
        return
    expected = {g: locked(**c) for g, c in json.loads(text)["cards"].items()}
    again = read_lock_text(text, "D", how, tmp_path)
    assert again.cards == expected == cards
    for g, c in again.cards.items():
        assert dict(c.fields) == cards[g].fields and c.fields.get("term") == cards[g].fields["term"]
    kept = layout == "to_json"
    assert len(again.kept_lines()) == (40 if kept else 0)
    assert all((c.fields.source is again.text) == kept for c in again.cards.values())
    assert again.to_json() == canonical


def test_a_lock_read_line_by_line_shares_its_tags_across_cards(tmp_path):
    """Cards with different lists of tags hold one object per tag (a big vault's lock
    has tens of thousands of lists of the same few hundred tags)."""
    from notedeck.versioning.lockfile import Lock
    cards = {f"nd{i:017d}": locked("qa", f"k{i}", "n", "s.md", "D", "h", i, "1.0.0",
                                   "1.0.0", {"q": "Q"}, ["common", f"own-{i}"])
             for i in range(3)}
    text = Lock("D", cards=cards).to_json()
    for how in ("memory", "spill"):
        first, second, third = read_lock_text(text, "D", how, tmp_path).cards.values()
        assert first.tags[0] == "common" and first.tags[0] is second.tags[0] is third.tags[0]
        assert [c.tags for c in (first, second, third)] == [c.tags for c in cards.values()]


def test_a_lock_line_copies_fields_kept_as_json_text_to_the_same_bytes():
    """Fields that are still the JSON text notedeck wrote (a cached card's) are copied into
    the lock as they are: the line must be the one encoding the decoded fields gives."""
    from notedeck.jsontext import FieldsJSON, json_text
    from notedeck.versioning.lockfile import card_line

    class Undecoded(FieldsJSON):
        __slots__ = ()

        def value(self):
            raise AssertionError("decoded")

    for i, text in enumerate(TRICKY):
        fields = {"term": text, "letters": [text, "b"], "n": i}
        raw = b"xx" + json_text(fields).encode() + b"yy"
        card = locked("term", f"k{i}", "n", "s.md", "D", "h", i, "1.0.0", "1.0.0",
                      fields, [text], reverse=bool(i % 2), link=text)
        kept = dataclasses.replace(card, fields=Undecoded(raw, 2, len(raw) - 2))
        assert card_line("g1", kept) == card_line("g1", card)
        assert FieldsJSON(raw, 2, len(raw) - 2).plain() == fields


def test_a_changelog_entry_lists_a_few_hundred_cards_then_counts_the_rest():
    """A first build of a big vault adds a million cards: the CHANGELOG (read by a person)
    names the first ones and counts the rest, instead of growing by a hundred megabytes."""
    from notedeck.versioning.changelog import LISTED, entry
    from notedeck.versioning.lockfile import LockedCard
    from notedeck.versioning.plan import Change, Plan
    n = LISTED + 57
    changes = [Change("added", LockedCard("term", f"k{i:04d}", "n", "a.md", "D", "h", 1, "",
                                          "", {"term": f"Term {i:04d}"}, []), f"g{i}")
               for i in range(n)] + [
        Change("changed", LockedCard("term", "x", "n", "a.md", "D", "h", 1, "", "",
                                     {"term": "X", "definition": "new"}, []), "gx",
               {"term": "X", "definition": "old"})]
    text = entry(Plan("D", "1.0.0", "1.1.0", "minor", changes=changes), "2026-01-01")
    assert text.count("\n- term **Term ") == LISTED
    assert f"- … and {n - LISTED:,} more" in text
    assert "Term 0000" in text and f"Term {n - 1:04d}" not in text
    assert "definition: “old” → “new”" in text           # short sections stay whole
    assert text.startswith(f"## 1.1.0 — 2026-01-01\n\n{n} added, 1 changed, 0 retired.")


def test_json_helpers_match_the_json_module():
    """The per-card JSON encoder and decoder are shortcuts: same bytes, same values, same
    refusals as json.dumps(ensure_ascii=False) and json.loads."""
    import json

    from notedeck.jsontext import json_encoder, json_text, json_value
    values = [{"a": [1, 2.5, None, True], "ü": "—\n\"x\"\\", "e": {}, "l": []}, "plain", 3,
              ["🧠", {"k": -0.0}], {"big": 10 ** 20, "f": 1e-7}]
    for v in values:
        assert json_text(v) == json.dumps(v, ensure_ascii=False)
        assert json_value(f"  {json_text(v)}\n".encode()) == v
    lazy = json_encoder(lambda o: sorted(o))
    assert lazy({"s": {3, 1, 2}}) == '{"s": [1, 2, 3]}'
    for bad in (b"", b"{", b"[1] [2]", b"{} x", b"nul"):
        with pytest.raises(ValueError):
            json_value(bad)
        with pytest.raises(ValueError):
            json.loads(bad)


def test_an_older_lock_without_the_later_keys_reads_with_their_defaults(tmp_path):
    """Locks written before status, first_deck, reverse and link existed lack those keys:
    read as JSON, the cards get the defaults, as they always did."""
    import json
    import re

    from notedeck.versioning.lockfile import Lock
    cards = {f"nd{i:017d}": locked("term", f"k{i}", "n", "s.md", "D", "h", i, "1.0.0",
                                   "1.0.0", {"term": f"x{i}"}, ["t"]) for i in range(3)}
    text = Lock("D", cards=cards).to_json()
    for key in ("status", "retired", "first_deck", "reverse", "link"):
        text = re.sub(rf', "{key}": [^,}}]*', "", text)
    assert '"link"' not in text and '"status"' not in text
    for layout in (text, json.dumps(json.loads(text), indent=2)):
        for how in ("memory", "spill"):
            again = read_lock_text(layout, "D", how, tmp_path)
            assert again.cards == cards


@pytest.mark.parametrize("how", ["memory", "spill"])
def test_the_keys_a_card_only_sometimes_has_still_read_line_by_line(how, tmp_path):
    """A renamed note's card records the source and link Anki still shows, a list card the
    cloze number of each item, the head the GUIDs renamed keys kept: written only where
    they hold something, read by the same one-line pattern (and as plain JSON), so a lock
    stays one card per line; a lock of the previous format (without them) reads as it is,
    line by line; a newer format is refused with what to do."""
    import json

    from notedeck.versioning.lockfile import Lock, LockError, read_lock_text as load_text
    cards = {
        "nd1": locked("term", "k", "n", "new.md", "D", "h", 1, "1.0.0", "1.0.0",
                      {"term": "x"}, ["t"], link="obsidian://new",
                      shown=("old.md", 'obsidian://"old", "numbers": {}')),
        "nd2": locked("list", "set", "n", "a.md", "D", "h", 2, "1.0.0", "1.1.0",
                      {"prompt": "Name", "items": ["B", "A, \"C\""]}, [],
                      numbers=(("a", 2), ('a, "c"', 5), ("b", 4))),
        "nd3": locked("term", "j", "n", "a.md", "D", "h", 3, "1.0.0", "1.0.0",
                      {"term": "y"}, ["t"]),
    }
    text = Lock("D", cards=cards, guids={"ndNatural": "nd1"}).to_json()
    assert '"format": 2' in text and text.count('"shown"') == 1 and text.count(
        '"numbers"') == 1
    assert len(text.split('"cards": {\n', 1)[1].splitlines()) == 3 + 2     # one per line
    again = read_lock_text(text, "D", how, tmp_path)
    assert again.cards == cards and again.guids == {"ndNatural": "nd1"}
    assert len(again.kept_lines()) == 3 and again.to_json() == text
    plain = load_text(json.dumps(json.loads(text), indent=2), "D")
    assert plain.cards == cards and not plain.kept_lines() and plain.to_json() == text

    # what the previous notedeck wrote: the same lines without the new keys, format 1
    plain_cards = {g: dataclasses.replace(c, shown=(), numbers=()) for g, c in cards.items()}
    before = Lock("D", cards=plain_cards).to_json().replace('"format": 2', '"format": 1')
    old = read_lock_text(before, "D", how, tmp_path)
    assert old.cards == plain_cards and old.guids == {} and len(old.kept_lines()) == 3
    with pytest.raises(LockError, match="upgrade notedeck"):
        load_text(text.replace('"format": 2', '"format": 3'), "D")


@pytest.mark.parametrize("how", ["memory", "spill"])
def test_a_loaded_lock_entry_copied_or_pickled_carries_no_line(how, tmp_path):
    """A card read from a lock is written back as its line; a copy, a deep copy, a pickle
    or a dataclasses.replace of it must not carry that line (a changed copy would be
    written as the old line), nor the lock's text or spill file."""
    import copy
    import pickle

    from notedeck.versioning.lockfile import Lock, LockedCard
    cards = {"nd1": locked("term", "k", "n", "s.md", "D", "h", 1, "1.0.0", "1.0.0",
                           {"term": "x", "letters": ["a"]}, ["t"])}
    lock = read_lock_text(Lock("D", cards=cards).to_json(), "D", how, tmp_path)
    assert lock.kept_lines() == lock.cards
    read = lock.cards["nd1"]
    for copied in (copy.copy(read), copy.deepcopy(read), pickle.loads(pickle.dumps(read)),
                   dataclasses.replace(read, status="retired")):
        assert type(copied) is LockedCard and copied.read_from is None and copied.line == -1
        assert isinstance(copied.fields.source, bytes) or copied.status == "retired"
        lock.cards["nd1"] = copied
        assert not lock.kept_lines()
        assert lock.to_json() == Lock("D", cards={"nd1": copied}).to_json()


def test_fields_edited_by_hand_in_the_lock_are_written_as_notedeck_writes_them(tmp_path):
    """A lock line's fields may have been written by a person or a merge tool (escaped
    letters, other number forms). While the card is untouched its line stays as it is; once
    notedeck writes the card again (retired here), its fields are encoded again too."""
    from notedeck.versioning.lockfile import Lock
    cards = {"nd1": locked("term", "k", "n", "s.md", "D", "h", 1, "1.0.0", "1.0.0",
                           {"term": "café", "n": 1.5}, ["t"])}
    text = Lock("D", cards=cards).to_json()
    edited = text.replace('"café"', '"caf\\u00e9"').replace('"n": 1.5', '"n": 1.50')
    assert edited != text
    for how in ("memory", "spill"):
        lock = read_lock_text(edited, "D", how, tmp_path)
        assert lock.to_json() == edited                 # untouched: as it was
        lock.cards["nd1"] = lock.cards["nd1"].retire("2.0.0", 2, ("t",))
        expected = cards["nd1"].retire("2.0.0", 2, ("t",))
        assert lock.to_json() == Lock("D", cards={"nd1": expected}).to_json()


def test_a_spill_that_fails_while_the_lock_is_written_leaves_the_old_lock(tmp_path):
    """The lock's text is read back from the spill file when the new lock is written: a
    failed read is a write error (no half-written lock, no temporary file left)."""
    from notedeck.fsutil import WriteError
    from notedeck.versioning.lockfile import Lock, read_lock, write_lock
    from notedeck.versioning.spill import Spill
    cards = {f"nd{i}": locked("term", "k", "n", "s.md", "D", "h", i, "1.0.0", "1.0.0",
                              {"term": "x"}, []) for i in range(3)}
    path = tmp_path / "D.json"
    path.write_text(Lock("D", cards=cards).to_json(), encoding="utf-8")
    before = path.read_bytes()
    spill = Spill.open(tmp_path)
    lock = read_lock(path, "D", spill)
    spill._file.truncate(10)            # the spill's disk lost the lock's text
    with pytest.raises(WriteError):
        write_lock(path, lock)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "D.json"]


def test_a_lock_rewritten_while_it_is_read_is_read_again_whole(tmp_path, monkeypatch):
    """The spilled reader checks the end of what it read, not only of the file it opened:
    a lock rewritten in place mid-read (here, by an editor that drops its last newline) is
    read again the plain way, to the new cards, never to half of each or a false alarm."""
    from notedeck.versioning.lockfile import Lock, read_lock
    from notedeck.versioning.spill import Spill
    cards = {f"nd{i:03d}": locked("term", f"k{i}", "n", "s.md", "D", "h", i, "1.0.0",
                                  "1.0.0", {"term": f"x{i}"}, []) for i in range(30)}
    path = tmp_path / "D.json"
    path.write_text(Lock("D", cards=cards).to_json(), encoding="utf-8")
    more = dict(cards, nd999=locked("term", "k999", "n", "s.md", "D", "h", 9, "1.0.0",
                                    "1.0.0", {"term": "x999"}, []))
    real_open = Path.open

    class Rewritten:            # the file, rewritten in place before its first chunk is read
        def __init__(self, handle):
            self.handle, self.done = handle, False

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def read(self, *size):
            if size and not self.done:
                self.done = True
                with real_open(path, "r+b") as again:
                    again.write(Lock("D", cards=more).to_json().rstrip("\n").encode())
            return self.handle.read(*size)

    monkeypatch.setattr(Path, "open", lambda self, *a, **k: Rewritten(real_open(self, *a, **k))
                        if self == path else real_open(self, *a, **k))
    lock = read_lock(path, "D", Spill.open(tmp_path), chunk=64)
    assert lock.cards == more


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", "[]", '"', "\\", "\n\t", "caf\u00e9", "🧠", '", "tags": [', "1.0.0"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT, st.lists(_TEXT, max_size=3),
                          st.integers(0, 2 ** 40), st.booleans(), _TEXT), min_size=1,
                max_size=6))
def test_lock_lines_read_to_the_cards_json_reads(rows):
    """A lock line as write_lock writes it is read by one pattern (every value's text at
    once; the strings cards repeat decoded once): whatever the text, the cards are the ones
    json.loads gives, and every line is kept to be written back."""
    import json

    from notedeck.versioning.lockfile import Lock, read_lock_text as load_text
    cards = {f"nd{i:04d}": locked("term", key, note, source, "D", f"h{i}", mod, "1.0.0",
                                  "", {"term": key, "letters": tags}, tags,
                                  status="live" if i % 2 else "retired", retired=link,
                                  first_deck="D", reverse=rev, link=link)
             for i, (key, note, source, tags, mod, rev, link) in enumerate(rows)}
    text = Lock("D", cards=cards).to_json()
    again = load_text(text, "D")
    expected = {g: locked(**c) for g, c in json.loads(text)["cards"].items()}
    assert again.cards == expected == cards and len(again.kept_lines()) == len(cards)
    assert all(type(c.tags) is tuple and type(c.mod) is int for c in again.cards.values())
    assert again.to_json() == text


def test_a_plans_entries_are_made_when_read_from_its_cards_and_new_lock(make_entry):
    """plan.entries makes each live card's DeckEntry from the card and its new lock entry
    when it is read (DeckEntries); it reads as the list of those, then the tombstones."""
    from notedeck.versioning.plan import DeckEntries, DeckEntry
    live = [make_entry("qa", f"g{i}", question=f"Q{i}", answer="A").card for i in range(3)]
    entries_of = {c.guid: locked(c.kind, c.key, c.note_id, c.source, c.deck, "h", 100 + i,
                                 "1.0.0", "1.0.0", {}, ["a", "b"]) for i, c in enumerate(live)}
    tomb = make_entry("qa", "gone", status="Retired in v2.0.0 — delete me", question="Q",
                      answer="A")
    entries = DeckEntries(live, entries_of, [tomb])
    expected = [DeckEntry(c, 100 + i, ("a", "b"), link=c.link, reverse=c.reverse)
                for i, c in enumerate(live)] + [tomb]
    assert list(entries) == expected and len(entries) == 4
    assert [entries[i] for i in range(-4, 4)] == expected + expected
    assert entries[1:3] == expected[1:3]
    with pytest.raises(IndexError):
        entries[4]
    with pytest.raises(ValueError, match="duplicate GUID"):
        DeckEntries.of(expected + [expected[0]])
    assert list(DeckEntries.of(expected)) == expected


def test_reading_a_lock_keeps_nothing_alive_with_the_garbage_collector_off(tmp_path):
    """A build runs with the garbage collector off: the lock reader must leave no cycle
    behind, or it would keep the build's table of cards (``known``) to the end."""
    import gc
    import weakref

    from notedeck.versioning import lockfile
    from notedeck.versioning.lockfile import Lock
    from notedeck.versioning.spill import Spill
    cards = {f"nd{i:017d}": locked("qa", f"k{i}", "n", "s.md", "D", "h", i, "1.0.0",
                                   "1.0.0", {"q": "Q"}, ["t"]) for i in range(3)}
    text = Lock("D", cards=cards).to_json()

    class Known(dict):
        pass
    for how in ("memory", "spill"):
        known = Known({"nd-elsewhere": None})      # (an empty table is not kept at all)
        gone = weakref.ref(known)
        was = gc.isenabled()
        gc.disable()
        try:
            if how == "memory":
                lock = lockfile.read_lock_text(text, "D", known)
            else:
                path = tmp_path / "lock.json"
                path.write_text(text, encoding="utf-8")
                lock = lockfile.read_lock(path, "D", Spill.open(tmp_path), known)
            assert len(lock.cards) == 3
            del known
            assert gone() is None, how
        finally:
            if was:
                gc.enable()


def test_a_cached_cards_lock_entry_keeps_its_fields_text_and_equals_a_plain_entry():
    """A cached card's lock entry keeps the card's own fields text (the card reads tuples,
    the lock has lists); it equals the entry made from the plain values, and its line
    copies the fields' text as it is."""
    from notedeck.cards import Card, NoteResult
    from notedeck.model import frozen_fields
    from notedeck.versioning.cache import decode_entry, encode_result
    from notedeck.versioning.lockfile import card_line
    from notedeck.versioning.plan import _entry
    card = Card(kind="acronym", key="abc", guid="ndx", source="s.md", line=3, section="S",
                fields=frozen_fields(acronym="ABC", expansion=("A", "B", "C")), note_id="n",
                note_title="N", deck="D", tags=("t",), rule="r", confidence=1.0, digest="h")
    cached = decode_entry("k", *encode_result("k", NoteResult(None, "s.md", [card]))).cards[0]
    assert cached.fields["expansion"] == ("A", "B", "C")
    kept, fresh = (_entry(c, None, "1.0.0", False, 5) for c in (cached, card))
    assert kept.fields is cached.fields and kept.fields.canonical
    plain = locked("acronym", "abc", "n", "s.md", "D", "h", 5, "1.0.0", "1.0.0",
                   {"acronym": "ABC", "expansion": ["A", "B", "C"]}, ["t"], first_deck="D",
                   reverse=False)
    assert kept == fresh == plain and kept.fields.plain()["expansion"] == ["A", "B", "C"]
    assert card_line("g", kept) == card_line("g", fresh) == card_line("g", plain)
