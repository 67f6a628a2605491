"""Stories: "I retagged a note", "I fixed a typo in a term", and "I removed a term and put
it back a few versions later". Each keeps the cards and their reviews."""
from __future__ import annotations

import pytest

from anki_user import assert_history_kept, edit_on_phone
from story_notes import GRIEF, vault_of_psychology


def test_new_tags_reach_anki_and_nothing_else_is_replaced(study):
    vault_of_psychology(study)
    before = study.begin()
    eustress, circadian = study.guid("Eustress"), study.guid("Circadian rhythm")
    edit_on_phone(study.col, circadian, "Definition", "My own words about the body clock.")

    study.edit("psychology/stress.md", "tags: [stress]", "tags: [stress, exam-prep]\n"
               "aliases: [Stress response]")
    diff = study.notedeck("diff", "vault")
    assert "4 updated for tags only" in diff
    assert diff.count("retagged") == 5 and "Anki replaces a whole note" in diff
    study.build()
    entry = study.changelog()
    assert "### Updated for tags only" in entry and "Allostasis" in entry.split(
        "### Updated for tags only", 1)[1]
    assert "0 added, 0 changed, 0 retired, 4 updated for tags only" in entry

    log = study.sync()
    assert not log.new and len(log.updated) == 4
    notes = study.notes()
    assert "notedeck::exam-prep" in notes[eustress].tags
    assert "notedeck::exam-prep" not in notes[circadian].tags
    assert notes[circadian]["Definition"] == "My own words about the body clock."
    assert not any(t.startswith("notedeck::changed") for t in notes[eustress].tags)
    assert_history_kept(before, study.history())


@pytest.mark.parametrize("old, new, field", [
    ("Cognitve reappraisal", "Cognitive reappraisal", "Term"),
    ("Grief follows a fixed ordr of stages.", "Grief follows a fixed order of stages.",
     "Myth"),
    ("What is complicated greif?", "What is complicated grief?", "Question"),
    ("Cognitive Behavioral Therapy (CBT)", "Cognitive Behavioural Therapy (CBT)", "Term"),
])
def test_a_typo_fixed_in_a_cards_name_keeps_the_card(study, old, new, field):
    study.write("grief.md", GRIEF.replace(new, old))
    before = study.begin()
    count = len(study.notes())
    front = old.removesuffix(" (CBT)")
    guid = study.guid(front)

    study.edit("grief.md", old, new)
    diff = study.notedeck("diff", "vault")
    renamed = f"renamed '{front}' -> '{new.removesuffix(' (CBT)')}'"
    assert renamed in diff
    study.build()
    assert study.guid(new.removesuffix(" (CBT)")) == guid and study.lock().guids
    entry = study.changelog()
    assert renamed in entry and "0 retired" in entry
    log = study.sync()
    assert not log.new and len(log.updated) == 1 + (field == "Term" and "CBT" in old)
    assert study.notes()[guid][field] == new.removesuffix(" (CBT)")
    assert_history_kept(before, study.history())

    # the old spelling written back: still the same card, never a second one
    study.edit("grief.md", new, old)
    study.build()
    assert study.guid(front) == guid
    study.sync()
    assert len(study.notes()) == count
    assert_history_kept(before, study.history())


def test_a_name_close_to_two_others_is_a_new_card(study):
    study.write("grief.md", GRIEF.replace(
        "- **Anticipatory grief:**", "- **Cognitive reappraisals:** Reappraising often.\n"
        "- **Anticipatory grief:**"))
    study.build()
    old = study.guid("Cognitve reappraisal")
    study.edit("grief.md", "Cognitve reappraisal", "Cognitive reappraisal")
    study.edit("grief.md", "**Cognitive reappraisals:**", "**Cognitive reappraisers:**")
    study.build()
    entry = study.changelog()
    assert "renamed" not in entry and "2 retired" in entry
    assert old not in {g for g, c in study.lock().cards.items() if c.status == "live"}


def test_a_card_removed_and_put_back_later_comes_back_with_its_history(study):
    vault_of_psychology(study)
    before = study.begin()
    eustress = study.guid("Eustress")
    line = "- **Eustress:** Stress that feels positive and motivating.\n"
    study.edit("psychology/stress.md", line, "")
    study.build()
    study.sync()
    assert "tag:notedeck::retired" in study.changelog()
    for n in range(3):                      # a few versions go by
        study.edit("psychology/sleep.md", "waking" if not n else f"waking {n - 1}",
                   f"waking {n}")
        study.build()
        study.sync()
    study.edit("psychology/stress.md", "| Myth |", line + "\n| Myth |")
    study.build()
    assert "### Revived" in study.changelog() and study.guid("Eustress") == eustress
    study.sync()
    note = study.notes()[eustress]
    assert "notedeck::retired" not in note.tags and not note["Status"]
    assert set(study.notes()) == set(study.lock().cards)        # no duplicate
    assert_history_kept(before, study.history())
