"""write_package, checked by importing the result with Anki's real backend."""
from __future__ import annotations

import dataclasses
import json
import zipfile

import pytest
from hypothesis import given, settings, strategies as st

from notedeck.anki import notetypes
from notedeck.anki.notetypes import MODEL_IDS, NOTETYPES, align_acronym, definition_html
from notedeck.anki.fields import rendered_fields
from notedeck.anki.package import (deck_id, model_signature, note_fields, style_signature,
                                   write_package)
from notedeck.anki.sanitize import is_safe, safe_link, sanitize_html


def notes_by_guid(col):
    out = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        out[note.guid] = note
    return out


def ords(note):
    return sorted(c.ord for c in note.cards())


@pytest.fixture
def imported(sample_entries, tmp_path, import_apkg):
    path = tmp_path / "deck.apkg"
    write_package(sample_entries, path, descriptions={"Well-Being": "From <b>Siegel</b>"})
    col, (log,) = import_apkg(path)
    return col, log, sample_entries


def test_every_note_lands_with_guid_type_deck_fields_tags_and_mod(imported):
    col, log, entries = imported
    assert len(log.new) == len(entries)
    notes = notes_by_guid(col)
    assert set(notes) == {e.card.guid for e in entries}
    for e in entries:
        note = notes[e.card.guid]
        nt = note.note_type()
        assert nt["id"] == MODEL_IDS[e.card.kind]
        assert [f["name"] for f in nt["flds"]] == list(NOTETYPES[e.card.kind].fields)
        assert note.mod == e.mod
        assert sorted(note.tags) == sorted(t.replace(" ", "_") for t in e.tags)
        assert {col.decks.name(c.did) for c in note.cards()} == {e.card.deck}
        assert note["Source"] == "Well-Being › The triangle · notes/well-being.md"
        assert note["Context"] == "Well-Being › The triangle"
        assert all(is_safe(value) for value in note.fields)
    assert notes["nd-myth-1"]["Myth"] == "We only use 10% of our brains."
    assert notes["nd-myth-1"]["Reframe"] == "Imaging shows activity across the <b>whole</b> brain."
    assert notes["nd-myth-1"]["Status"] == "retired in v1.3.0 — delete me"
    assert notes["nd-qa-1"]["Question"] == "When is a &lt; b a problem?"
    assert notes["nd-qa-1"]["Link"] == "obsidian://open?vault=Study&amp;file=well-being.md"
    assert notes["nd-qa-1"]["Answer"].startswith('<div class="table-wrap"><table>')
    assert notes["nd-acr-1"]["Acronym"] == "FACES"
    assert notes["nd-term-1"]["Definition"].startswith("<ul><li>The range of arousal")
    assert notes["nd-term-2"]["Definition"] == "Linking differentiated parts into a working whole."


def test_subdecks_and_descriptions(imported):
    col, _, _ = imported
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"Well-Being", "Well-Being::Models"} <= names
    assert col.decks.by_name("Well-Being")["desc"] == "From <b>Siegel</b>"
    assert deck_id("Well-Being::Models") == deck_id("Well-Being::Models") != deck_id("Well-Being")
    assert 1 << 52 <= deck_id("x") < 1 << 53


def test_cloze_cards_follow_letter_and_item_positions(imported):
    notes = notes_by_guid(imported[0])
    assert ords(notes["nd-acr-1"]) == [0, 1, 2, 3, 4, 5]   # whole + F A C E S
    assert ords(notes["nd-acr-2"]) == [0, 1, 3]            # whole + I(P) + N(B)
    assert ords(notes["nd-list-1"]) == [0, 1, 2, 3]        # whole + 3 items
    assert notes["nd-acr-2"]["Letters"] == "{{c2::IP::IP}}{{c4::NB::NB}}"


def test_reverse_term_card_only_when_asked(imported):
    notes = notes_by_guid(imported[0])
    assert ords(notes["nd-term-1"]) == [0, 1]
    assert ords(notes["nd-term-2"]) == [0]
    assert notes["nd-term-2"]["Reverse"] == ""


HOSTILE = ('x<script>alert(1)</script><img src="pic.png" onerror="alert(1)">'
           '<img src="javascript:alert(1)"><img src="http://evil.example/t.png">'
           '<a href="javascript:alert(1)">tap</a><iframe src="https://evil.example"></iframe>'
           '<div style="background:url(http://evil.example/x)">d</div><svg onload="alert(1)"></svg>')


def test_hostile_fields_are_defused(make_entry, tmp_path, import_apkg):
    entry = make_entry("qa", "nd-evil", question="Q " + HOSTILE, answer=HOSTILE,
                       extra=HOSTILE, link="javascript:alert(1)")
    write_package([entry], tmp_path / "evil.apkg")
    col, _ = import_apkg(tmp_path / "evil.apkg")
    note = notes_by_guid(col)["nd-evil"]
    for value in note.fields:
        low = value.lower()
        assert "<script" not in low and "onerror" not in low and "javascript:" not in low
        assert "http" not in low and "<iframe" not in low and "url(" not in low and "onload" not in low
        assert is_safe(value)
    assert note["Link"] == ""
    assert '<img src="pic.png">' in note["Answer"]


def test_text_that_looks_like_html_stays_text():
    for text in ("a &lt; b", "&lt;Self&gt;", "x &amp;&amp; y", "2 &gt; 1 &lt; 3"):
        assert sanitize_html(text) == text and is_safe(text)
    assert not is_safe("<script>x</script>") and not is_safe('<img src="../etc/passwd">')
    assert safe_link('obsidian://open?vault=My Vault&file=a"b.md') == \
        "obsidian://open?vault=My%20Vault&file=a%22b.md"
    assert safe_link("javascript:alert(1)") == safe_link("data:text/html,x") == ""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("<>/=\"' abc&;:(){}") + [
    "<script>", "<img src=", "onerror=", "javascript:", "<b>", "</b>", "<span class=", "<table>",
    "<td>", "../", "http://x/", "&lt;", "<!--", "-->", "<style>", "url("])).map("".join) | st.text())
def test_sanitised_output_is_always_safe_and_stable(fragment):
    once = sanitize_html(fragment)
    assert sanitize_html(once) == once
    assert is_safe(once)


def test_cloze_syntax_in_content_cannot_make_cards(make_entry, tmp_path, import_apkg):
    entry = make_entry("list", "nd-inject", prompt="p", items=("{{c9::boom}}", "a::b", "ok"))
    write_package([entry], tmp_path / "inject.apkg")
    col, _ = import_apkg(tmp_path / "inject.apkg")
    assert ords(notes_by_guid(col)["nd-inject"]) == [0, 1, 2, 3]


def test_reimport_updates_in_place_only_when_mod_is_newer(make_entry, tmp_path, import_apkg):
    v1 = [make_entry("qa", "nd-up", question="Q?", answer="old", mod=1_700_000_000)]
    same = [make_entry("qa", "nd-up", question="Q?", answer="same mod", mod=1_700_000_000)]
    v2 = [make_entry("qa", "nd-up", question="Q?", answer="new", mod=1_700_000_001)]
    for name, entries in (("v1", v1), ("same", same), ("v2", v2)):
        write_package(entries, tmp_path / f"{name}.apkg")
    col, (_, log_same, log_v2) = import_apkg(*(tmp_path / f"{n}.apkg" for n in ("v1", "same", "v2")))
    assert len(log_same.updated) == 0 and len(log_v2.updated) == 1
    assert notes_by_guid(col)["nd-up"]["Answer"] == "new"
    assert col.note_count() == 1
    ours = [m.name for m in col.models.all_names_and_ids() if m.name.startswith("notedeck")]
    assert ours == ["notedeck Q&A"]   # updated in place: no "notedeck Q&A+" copy


def test_model_ids_and_field_ids_are_frozen():
    assert MODEL_IDS == {"term": 5085304154250704, "myth": 7404271626124086,
                         "acronym": 5648352138319956, "qa": 8793035752432832,
                         "list": 5353266814359916, "basic": 8992705923221708,
                         "cloze": 7480337225120085}
    assert notetypes.stable_id(MODEL_IDS["acronym"], "field", 0) == 32851045706122
    for nt in NOTETYPES.values():
        assert nt.fields[-9:] == notetypes.COMMON_FIELDS
        assert len(nt.templates) == (2 if nt.kind in ("term", "basic") else 1)


def test_model_signature_tracks_fields_not_css(monkeypatch):
    before, style_before = model_signature("term"), style_signature()
    monkeypatch.setitem(NOTETYPES, "term", dataclasses.replace(NOTETYPES["term"], css="x{}"))
    assert model_signature("term") == before and style_signature() != style_before
    term = NOTETYPES["term"]
    monkeypatch.setitem(NOTETYPES, "term", dataclasses.replace(term, fields=term.fields + ("New",)))
    assert model_signature("term") != before


def test_media_are_stored_under_their_package_names(make_entry, tmp_path, import_apkg):
    src = tmp_path / "drawing-v3.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    entry = make_entry("qa", "nd-img", question="Q", answer="A", image="triangle.png")
    write_package([entry], tmp_path / "m.apkg", media={"triangle.png": src})
    col, _ = import_apkg(tmp_path / "m.apkg")
    assert notes_by_guid(col)["nd-img"]["Image"] == '<img src="triangle.png" alt="">'
    assert col.media.have("triangle.png")
    # a package built on the previous one carries its media the same way
    other = make_entry("qa", "nd-img2", question="Q2", answer="A2", image="triangle.png")
    assert write_package([entry, other], tmp_path / "m2.apkg", media={"triangle.png": src},
                         previous=tmp_path / "m.apkg") == 1        # only the new note
    with zipfile.ZipFile(tmp_path / "m2.apkg") as z:
        assert json.loads(z.read("media")) == {"0": "triangle.png"}
        assert z.read("0") == src.read_bytes()
    col, _ = import_apkg(tmp_path / "m2.apkg")
    assert col.media.have("triangle.png") and len(notes_by_guid(col)) == 2
    with pytest.raises(ValueError):
        write_package([entry], tmp_path / "m2.apkg", media={"../x.png": src})


def test_write_is_atomic(make_entry, tmp_path):
    path = tmp_path / "deck.apkg"
    write_package([make_entry("qa", "nd-a", question="Q", answer="A")], path)
    before = path.read_bytes()
    bad = make_entry("qa", "nd-b", question="Q")   # no answer: fails mid-build
    with pytest.raises(ValueError):
        write_package([make_entry("qa", "nd-c", question="Q", answer="A"), bad], path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]
    assert zipfile.ZipFile(path).namelist()[0] == "collection.anki2"
    with pytest.raises(ValueError, match="duplicate GUID"):
        write_package([make_entry("qa", "nd-a", question="Q", answer="A")] * 2, path)


def test_definitions_become_bullets_only_when_long():
    short = "Linking differentiated parts. It makes a whole."
    assert definition_html(short) == short
    three = "One thing, e.g. this. <b>Two. Still two</b> things. Three."
    assert definition_html(three) == "<ul><li>One thing, e.g. this.</li><li><b>Two. Still two</b> things.</li><li>Three.</li></ul>"
    long = "word " * 50 + "; " + "more " * 10
    assert definition_html(long).startswith("<ul><li>")


def test_acronym_alignment(make_entry):
    assert align_acronym("FACES", ("Flexible", "Adaptive", "Coherent", "Energized", "Stable")) == \
        [(0, (0,)), (1, (0,)), (2, (0,)), (3, (0,)), (4, (0,))]
    assert align_acronym("IPNB", ("Interpersonal", "Neurobiology")) == [(0, (0, 5)), (2, (0, 5))]
    assert align_acronym("DoD", ("Department", "of", "Defense"))[1] == (1, (0,))
    assert align_acronym("ABC", ("Always", "Be", "Closing", "and", "more")) is None
    _, ords = note_fields(make_entry("acronym", "g", acronym="XY", expansion=("Foo", "Bar", "Baz")))
    assert ords == (0, 1, 2, 3)   # the words do not spell XY: numbered by word instead


def test_css_change_updates_the_note_type_in_place(make_entry, tmp_path, import_apkg, monkeypatch):
    import types

    import notedeck.anki.package as package
    entry = make_entry("qa", "nd-style", question="Q", answer="A")
    write_package([entry], tmp_path / "v1.apkg")
    qa = NOTETYPES["qa"]
    monkeypatch.setitem(NOTETYPES, "qa", dataclasses.replace(qa, css=qa.css + "\n.extra { }"))
    later = package.time.time() + 60   # a rebuild a minute later
    monkeypatch.setattr(package, "time", types.SimpleNamespace(time=lambda: later))
    write_package([entry], tmp_path / "v2.apkg")
    col, _ = import_apkg(tmp_path / "v1.apkg", tmp_path / "v2.apkg")
    model = col.models.get(MODEL_IDS["qa"])
    assert model["css"].endswith(".extra { }")
    assert [m.name for m in col.models.all_names_and_ids() if m.name.startswith("notedeck")] == ["notedeck Q&A"]


def test_context_drops_a_heading_that_repeats_the_title(make_entry):
    entry = make_entry("qa", "g", question="Q", answer="A", section="Polyvagal Theory › 🔍 Critical View")
    entry = dataclasses.replace(entry, card=dataclasses.replace(entry.card, note_title="🧭 Polyvagal Theory"))
    fields, _ = note_fields(entry)
    assert fields[NOTETYPES["qa"].fields.index("Context")] == "🧭 Polyvagal Theory › 🔍 Critical View"


def package_rows(path):
    """A package's notes and cards without row ids (which only a fresh write renumbers),
    its decks, and its note types without their mod stamps."""
    import sqlite3
    with zipfile.ZipFile(path) as z:
        db = path.parent / f"{path.stem}.anki2"
        db.write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(db)
    notes = sorted(con.execute("SELECT guid, mid, mod, usn, tags, flds, sfld, csum, flags, data "
                               "FROM notes"))
    cards = sorted(con.execute(
        "SELECT n.guid, c.did, c.ord, c.mod, c.usn, c.type, c.queue, c.due, c.ivl, c.factor, "
        "c.reps, c.lapses, c.left, c.odue, c.odid, c.flags, c.data "
        "FROM cards c JOIN notes n ON n.id = c.nid"))
    decks, models = (json.loads(x) for x in con.execute("SELECT decks, models FROM col").fetchone())
    for m in models.values():
        m.pop("mod")
    tables = sorted(con.execute("SELECT name, sql FROM sqlite_master"))
    con.close()
    return notes, cards, decks, models, tables


@pytest.mark.parametrize("state", ["none", "valid", "stale"])
def test_a_package_built_on_the_previous_one_equals_a_fresh_one(sample_entries, make_entry,
                                                                 tmp_path, import_apkg, state,
                                                                 monkeypatch):
    """Kept notes come from the previous package, known from the cache's state file or by
    reading the package; the result must be the package a fresh write makes: same notes,
    cards, decks and note types, and nothing deleted left in it."""
    import os

    from notedeck.versioning.cache import code_fingerprint
    v1, state_file = tmp_path / "v1.apkg", tmp_path / "cache" / "state.json"
    sample_entries = [dataclasses.replace(e, card=dataclasses.replace(
        e.card, digest=f"d-{e.card.guid}", rendered=rendered_fields(e.card) if not e.status else None))
        for e in sample_entries]                                    # as the pipeline makes them
    assert write_package(sample_entries, v1, state=state_file) == len(sample_entries)
    assert json.loads(state_file.read_text().splitlines()[0])["code"] == code_fingerprint()
    if state == "none":
        state_file.unlink()
    elif state == "stale":      # the package is not the one the state was written for
        os.utime(v1, ns=(1, 1))
    entries = list(sample_entries)
    entries[0] = dataclasses.replace(entries[0], mod=entries[0].mod + 5)         # changed
    entries[1] = dataclasses.replace(entries[1], tags=("wellbeing", "moved"),
                                     mod=entries[1].mod + 1)                     # retagged
    gone = entries.pop(3)                                                        # removed
    entries.append(make_entry("qa", "nd-qa-new", question="New?", answer="Yes."))  # added
    entries.append(make_entry("qa", "nd-qa-deck", deck="Other", question="Q2", answer="A2"))
    v2, fresh = tmp_path / "v2.apkg", tmp_path / "fresh.apkg"
    # 4 = changed, retagged, added, added; the retired myth (a tombstone) is always rewritten
    # when the state is used: its row has no key
    import notedeck.anki.collection
    real_read = notedeck.anki.collection._read_rows
    if state == "valid":        # the state is enough: the previous rows are not read
        monkeypatch.setattr(notedeck.anki.collection, "_read_rows", None)
    assert write_package(entries, v2, previous=v1, state=state_file) == \
        (5 if state == "valid" else 4)
    assert write_package(entries, fresh) == len(entries)
    monkeypatch.setattr(notedeck.anki.collection, "_read_rows", real_read)
    assert package_rows(v2) == package_rows(fresh)
    body = zipfile.ZipFile(v2).read("collection.anki2")
    assert gone.card.guid.encode() not in body    # secure_delete: not left in free space

    col, (_, log2) = import_apkg(v1, v2)
    assert {n.guid for n in notes_by_guid(col).values()} >= {e.card.guid for e in entries}
    assert len(log2.updated) == 2 and len(log2.new) == 2

    # a previous package that is not one of ours (or not a zip) is not reused
    (tmp_path / "junk.apkg").write_bytes(b"not a zip")
    assert write_package(entries, tmp_path / "v3.apkg", previous=tmp_path / "junk.apkg") == \
        len(entries)


@pytest.mark.parametrize("n", [0, 1, 20000])
def test_the_package_state_reads_back_as_it_was_written(n, tmp_path):
    """A deck's state (every note's GUID id, note id and row key) is a line of JSON and a
    line of hex digits per array; it reads back to the same notes, and only for the
    package and code it was written for."""
    from notedeck.anki.collection import Notes, _read_state, _state_pieces, _stamp, guid_id
    package = tmp_path / "p.apkg"
    package.write_bytes(b"x")
    notes = Notes.empty(n)
    for i in range(n):
        notes.put(i, guid_id(f"g{i}"), i + 1_700_000_000_000, f"{i:024x}" if i % 3 else None)
    head = {"format": 4, "code": "c", "package": [package.name, *_stamp(package)], "top": 7}
    text = "".join(_state_pieces(head, notes))
    lines = text.splitlines()
    assert json.loads(lines[0]) == head and len(lines) == 4
    assert lines[2][:16] == ("0000018bcfe56800" if n else "")      # big-endian, any machine
    (tmp_path / "state").write_text(text)
    back, top = _read_state(tmp_path / "state", package, "c")
    assert top == 7 and back.ids == notes.ids and back.nids == notes.nids \
        and back.keys == notes.keys
    assert [back.key(i) for i in range(n)] == [f"{i:024x}" if i % 3 else None
                                               for i in range(n)]
    assert _read_state(tmp_path / "state", package, "other code") is None
    (tmp_path / "state").write_text(text.replace("\n", "\n" + "00" * 12, 1))
    assert _read_state(tmp_path / "state", package, "c") is None     # one key too many
    (tmp_path / "state").write_text(text[:-1] + "00\n")
    assert _read_state(tmp_path / "state", package, "c") is None     # a cut-off id
    (tmp_path / "state").write_text(text.replace("\n", "\nzz", 1))
    assert _read_state(tmp_path / "state", package, "c") is None     # not hex


@pytest.mark.parametrize("state", ["valid", "none"])
def test_notes_far_from_where_they_were_are_written_again_and_the_package_still_equals_a_fresh_one(
        make_entry, tmp_path, state):
    """The previous package's notes are matched in the order they were written, a few
    hundred notes ahead at most (collection.LOOKAHEAD): a note moved further than that is
    written again. Whatever the order, the result is what a fresh write makes."""
    from notedeck.anki.collection import LOOKAHEAD
    n = LOOKAHEAD * 3

    def entry(name):        # as the pipeline makes them: with a digest and rendered fields
        e = make_entry("qa", f"nd-qa-{name}", question=f"Q{name}?", answer=f"A{name}.")
        return dataclasses.replace(e, card=dataclasses.replace(
            e.card, digest=f"d-{e.card.guid}", rendered=rendered_fields(e.card)))
    entries = [entry(i) for i in range(n)]
    v1, state_file = tmp_path / "v1.apkg", tmp_path / "state"
    write_package(entries, v1, state=state_file)
    if state == "none":
        state_file.unlink()
    # the last note first (far from where it was), two neighbours swapped, one note gone,
    # a new one in the middle
    moved = [entries[-1]] + entries[:-1]
    moved[10], moved[11] = moved[11], moved[10]
    del moved[500]
    moved.insert(300, entry("new"))
    v2, fresh = tmp_path / "v2.apkg", tmp_path / "fresh.apkg"
    # written again: the far-moved note, one of the swapped pair, the new note
    assert write_package(moved, v2, previous=v1, state=state_file) == 3
    assert write_package(moved, fresh) == len(moved)
    assert package_rows(v2) == package_rows(fresh)
    # and the state written with v2 says all of v2 is as it must be
    assert write_package(moved, tmp_path / "v3.apkg", previous=v2, state=state_file) == 0


@pytest.mark.parametrize("state", ["valid", "none"])
def test_guids_that_look_alike_to_the_matcher_never_make_a_wrong_package(
        make_entry, tmp_path, state, monkeypatch):
    """Notes are matched by 64 bits of their GUID (collection.guid_id). Even if every GUID
    gave the same bits, a note taken for another is written again, never kept: the
    package still equals a fresh one."""
    import notedeck.anki.collection
    entries = [make_entry("qa", f"nd-qa-{i}", question=f"Q{i}?", answer=f"A{i}.")
               for i in range(40)]
    entries = [dataclasses.replace(e, card=dataclasses.replace(
        e.card, digest=f"d-{e.card.guid}", rendered=rendered_fields(e.card))) for e in entries]
    v1, state_file = tmp_path / "v1.apkg", tmp_path / "state"
    monkeypatch.setattr(notedeck.anki.collection, "guid_id", lambda guid: 7)
    write_package(entries, v1, state=state_file)
    if state == "none":
        state_file.unlink()
    moved = entries[1:20] + [entries[0]] + entries[21:]
    v2, fresh = tmp_path / "v2.apkg", tmp_path / "fresh.apkg"
    assert write_package(moved, v2, previous=v1, state=state_file) > 0
    assert write_package(moved, fresh) == len(moved)
    assert package_rows(v2) == package_rows(fresh)
