"""What a user does in Anki, through Anki's own backend (the ``anki`` package; AnkiDroid
runs the same one): study every card, look at each card's review history, edit a note as
on a phone. Shared by the versioning tests and the workflow stories."""
from __future__ import annotations


def notes_by_guid(col) -> dict:
    return {note.guid: note for note in (col.get_note(n) for n in col.find_notes(""))}


def answer_every_card(col, deck: str) -> int:
    """Study the deck (and its subdecks) like a user: take each queued card and press Easy,
    until none is due. How many answers that took."""
    from anki.scheduler_pb2 import CardAnswer
    did = col.decks.id(deck)
    conf = col.decks.config_dict_for_deck_id(did)
    conf["new"]["perDay"] = 9999               # all new cards today, siblings not buried
    conf["new"]["bury"] = False
    col.decks.update_config(conf)
    col.decks.select(did)
    answered = 0
    while True:
        queued = col.sched.get_queued_cards().cards
        if not queued:
            break
        card = col.get_card(queued[0].card.id)
        card.start_timer()
        col.sched.answer_card(col.sched.build_answer(card=card, states=queued[0].states,
                                                     rating=CardAnswer.EASY))
        answered += 1
    return answered


def history(col) -> dict[int, tuple[int, int, int]]:
    """card id -> (revlog rows, reps, interval)."""
    out = {}
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        rows = col.db.scalar("select count() from revlog where cid = ?", cid)
        out[cid] = (rows, card.reps, card.ivl)
    return out


def edit_on_phone(col, guid: str, field: str, text: str) -> int:
    """Change one field of the note with this GUID, as a user does in the card editor;
    the note's new mod."""
    note = notes_by_guid(col)[guid]
    note[field] = text
    col.update_note(note)
    return col.get_note(note.id).mod


def assert_history_kept(before: dict, after: dict) -> None:
    """Every card studied before is still there with all its reviews and its interval."""
    assert set(before) <= set(after), "cards were lost"
    for cid, (rows, reps, ivl) in before.items():
        assert after[cid][0] >= rows and after[cid][1] >= reps and after[cid][2] == ivl, cid
