"""Story: "I added a stage in the middle of a list I study, later dropped one and added
another, then put them in a better order." Each item is its own Anki card (a cloze): it
must keep its own reviews whatever happens to the items around it."""
from __future__ import annotations

import re

from anki_user import assert_history_kept
from story_notes import STAGES

_ITEM = re.compile(r"<li>\{\{c(\d+)::(.*?)\}\}</li>")


def item_cards(study, guid: str) -> dict[str, int]:
    """Each item of the list note -> the id of its card in the collection."""
    note = study.notes()[guid]
    by_ord = {card.ord: card.id for card in note.cards()}
    return {item: by_ord[int(n) - 1] for n, item in _ITEM.findall(note["Items"])}


def test_list_items_keep_their_cards_when_items_are_inserted_removed_or_reordered(study):
    study.write("change.md", STAGES)
    before = study.begin()
    guid = study.guid("Name the 4 main stages of change")
    cards = item_cards(study, guid)
    assert list(cards) == ["Precontemplation", "Contemplation", "Action", "Maintenance"]

    study.edit("change.md", "- Action", "- Preparation\n- Action")           # inserted
    study.build()
    assert study.lock().cards[guid].numbers            # no longer 2, 3, 4 ... in order
    log = study.sync()
    assert not log.new and len(log.updated) == 1
    now = item_cards(study, guid)
    assert list(now) == ["Precontemplation", "Contemplation", "Preparation", "Action",
                         "Maintenance"]
    assert {item: now[item] for item in cards} == cards     # the same cards, same items
    assert now["Preparation"] not in cards.values()
    assert_history_kept(before, study.history())
    studied = study.study()

    study.edit("change.md", "- Contemplation\n", "")                          # removed
    study.edit("change.md", "- Maintenance", "- Maintenance\n- Relapse")      # added
    study.build()
    study.sync()
    numbers = dict((item, int(n)) for n, item in _ITEM.findall(study.notes()[guid]["Items"]))
    assert numbers["Relapse"] == 7, numbers     # not Contemplation's 3, nor Preparation's 6
    again = item_cards(study, guid)
    assert again["Relapse"] not in studied and all(again[i] == now[i] for i in again
                                                   if i != "Relapse")
    assert_history_kept(studied, study.history())

    study.write("change.md", STAGES.replace(                                  # reordered
        "- Precontemplation\n- Contemplation\n- Action\n- Maintenance\n",
        "- Precontemplation\n- Action\n- Preparation\n- Maintenance\n- Relapse\n"))
    study.build()
    study.sync()
    assert item_cards(study, guid) == {i: again[i] for i in (
        "Precontemplation", "Action", "Preparation", "Maintenance", "Relapse")}
    assert_history_kept(studied, study.history())

    # and a list's item put back gets its own number (and card) again
    study.edit("change.md", "- Action\n", "- Contemplation\n- Action\n")
    study.build()
    study.sync()
    assert item_cards(study, guid)["Contemplation"] == cards["Contemplation"]
    assert_history_kept(studied, study.history())
