"""Story: "I tidied my vault: renamed a note, moved two others into new folders. My cards,
their reviews and the definition I reworded on my phone must all still be there."
"""
from __future__ import annotations

from anki_user import assert_history_kept, edit_on_phone
from story_notes import vault_of_psychology

MINE = "My own words: staying stable by adapting."


def test_renamed_and_moved_notes_leave_their_cards_as_they_are_in_anki(study):
    vault_of_psychology(study)
    before = study.begin()
    allostasis, vigilance, circadian = (study.guid(t) for t in (
        "Allostasis", "Vigilance", "Circadian rhythm"))
    edited_mod = edit_on_phone(study.col, allostasis, "Definition", MINE)
    notes = study.notes()
    old = {g: (n.mod, list(n.fields), n.tags, study.col.get_card(n.card_ids()[0]).did)
           for g, n in notes.items()}
    assert "obsidian://open?vault=vault&amp;file=psychology%2Fstress" in notes[allostasis]["Link"]

    study.move("psychology/stress.md", "psychology/stress-and-coping.md")   # renamed
    study.move("psychology/sleep.md", "body/sleep.md")      # moved to another folder
    study.move("focus.md", "attention/focus.md")            # moved, has a frontmatter id
    out = study.build()
    assert "psychology/stress.md was renamed to psychology/stress-and-coping.md" in out
    lock = study.lock()
    assert {g for g, c in lock.cards.items() if c.status == "live"} == set(old)
    entry = study.changelog()
    assert "0 added, 0 changed, 0 retired" in entry
    assert "- psychology/stress.md → psychology/stress-and-coping.md" in entry
    for new, was in (("psychology/stress-and-coping.md", "psychology/stress.md"),
                     ("body/sleep.md", "psychology/sleep.md"),
                     ("attention/focus.md", "focus.md")):
        assert f"- {new}: " in entry and f"still show {was} as their source" in entry
    assert "--refresh-sources" in entry

    log = study.sync()
    assert not log.new and not log.updated          # nothing in Anki is touched
    notes = study.notes()
    assert len(notes) == len(old)
    for guid, note in notes.items():
        assert (note.mod, list(note.fields), note.tags,
                study.col.get_card(note.card_ids()[0]).did) == old[guid], note["Source"]
    assert notes[allostasis]["Definition"] == MINE and notes[allostasis].mod == edited_mod
    assert notes[vigilance]["Source"].endswith("· focus.md")
    assert_history_kept(before, study.history())

    # A card of the renamed note changes: that card (only) now shows where it comes from,
    # with a link by the note's new path; the moved card is tagged as moved then.
    study.edit("body/sleep.md", "that times sleep and waking", "that times sleep, waking "
               "and hunger")
    study.build()
    study.sync()
    notes = study.notes()
    assert notes[circadian]["Source"].endswith("· body/sleep.md")
    assert "file=body%2Fsleep" in notes[circadian]["Link"]
    assert "notedeck::moved" in notes[circadian].tags
    assert notes[study.guid("Sleep pressure")]["Source"].endswith("· psychology/sleep.md")
    assert notes[allostasis]["Definition"] == MINE
    assert_history_kept(before, study.history())
    assert study.build().endswith("vault: up to date (v1.1.0)\n")


def test_refresh_sources_sends_the_renamed_notes_now_and_says_it_replaces_them(study):
    vault_of_psychology(study)
    before = study.begin()
    allostasis = study.guid("Allostasis")
    edit_on_phone(study.col, allostasis, "Definition", MINE)
    study.move("psychology/stress.md", "psychology/coping.md")

    diff = study.notedeck("diff", "vault")
    assert "psychology/coping.md: 4 cards kept as they are in Anki, still showing " \
           "psychology/stress.md (--refresh-sources sends them now)" in diff
    diff = study.notedeck("diff", "vault", "--refresh-sources")
    assert diff.count("relocated term") == 3 and "replaces a whole note" in diff
    study.build("--refresh-sources")
    entry = study.changelog()
    assert "### Source and link updated" in entry and "edits made to these notes in Anki " \
        "are replaced" in entry
    study.sync()
    notes = study.notes()
    assert notes[allostasis]["Source"].endswith("· psychology/coping.md")
    assert notes[allostasis]["Definition"] != MINE          # as the changelog warned
    assert "file=psychology%2Fcoping" in notes[allostasis]["Link"]
    assert_history_kept(before, study.history())
    assert "up to date" in study.build()


def test_a_note_renamed_and_edited_at_once_keeps_its_cards(study):
    """Renames are detected the way git does: the new file has most of the vanished
    file's cards. The changed card is updated, the others stay as they were."""
    vault_of_psychology(study)
    before = study.begin()
    study.move("psychology/stress.md", "psychology/stress-basics.md")
    study.edit("psychology/stress-basics.md", "that feels positive", "that feels good")
    study.build()
    plan_log = study.sync()
    assert len(plan_log.updated) == 1 and not plan_log.new
    assert_history_kept(before, study.history())
    assert study.notes()[study.guid("Eustress")]["Source"].endswith("· psychology/stress-basics.md")


def test_a_new_note_where_a_renamed_one_was_gets_cards_of_its_own(study):
    vault_of_psychology(study)
    study.build()
    study.move("psychology/sleep.md", "psychology/sleep-basics.md")
    study.write("psychology/sleep.md", "# Sleep\n\n- **Circadian rhythm:** A new note's own "
                "card about the body clock.\n")
    out = study.build()
    assert "duplicate GUID" not in out
    lock = study.lock()
    live = [c for c in lock.cards.values() if c.status == "live"]
    assert sorted(c.key for c in live if c.key == "circadian rhythm") == ["circadian rhythm"] * 2
    assert len({c.note_id for c in live if c.key == "circadian rhythm"}) == 2
