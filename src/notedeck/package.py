"""Write DeckEntries as an Anki package (.apkg). The only module that imports genanki.

Re-importing a newer package must update notes in place: Anki matches a note by its GUID
(``card.guid``) and its note type by model id (notetypes.MODEL_IDS), and overwrites a
note only when the incoming ``notes.mod`` is newer, so ``mod`` is taken from the entry
(kept by the versioning step while the content is unchanged), never from the clock.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Mapping, Sequence

from .fsutil import atomic_path
from .model import DeckEntry
from .notetypes import (NOTETYPES, NoteType, acronym_fields, definition_html, list_fields,
                        plain_text, stable_id)
from .sanitize import local_media_name, safe_link, sanitize_html

__all__ = ["write_package", "note_fields", "deck_id", "model_signature", "style_signature"]


def deck_id(name: str) -> int:
    """Deck id from the full deck name ("Parent::Child"): sha256 of the name, 52 bits, + 2**52.

    The same name always gives the same id, in every build on every machine, so a deck keeps
    its id across releases (Anki also matches decks by name on import).
    """
    digest = hashlib.sha256(("notedeck deck " + name).encode()).digest()
    return (int.from_bytes(digest[:8], "big") % (1 << 52)) + (1 << 52)


def _digest(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def model_signature(kind: str) -> str:
    """Hash of what Anki treats as a note type's schema: a change means a new note type."""
    nt = NOTETYPES[kind]
    return _digest({"id": nt.model_id, "cloze": nt.cloze, "fields": list(nt.fields),
                    "templates": len(nt.templates)})


def style_signature(kind: str | None = None) -> str:
    """Hash of the templates and CSS (of one kind, or all): a change is a styling update."""
    kinds = [kind] if kind else sorted(NOTETYPES)
    return _digest([[NOTETYPES[k].templates, NOTETYPES[k].css] for k in kinds])


def _context(entry: DeckEntry) -> str:
    """Note title › section path, without the note's H1 repeating the title ("🧭 X › X › Y")."""
    card = entry.card

    def norm(s: str) -> str:
        return "".join(ch for ch in s.casefold() if ch.isalnum())
    title = card.note_title.strip()
    path = [p.strip() for p in card.section.split("›") if p.strip()]
    return " › ".join([title] * bool(title) + [p for p in path if norm(p) != norm(title)])


def rendered_fields(card) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A live card's note fields, made once when the card is made (in a worker, and
    cached), so a rebuild after one edit does not render the whole deck again."""
    fields, ords = note_fields(DeckEntry(card, 0, (), link=card.link, reverse=card.reverse))
    return tuple(fields), ords


def note_fields(entry: DeckEntry) -> tuple[list[str], tuple[int, ...]]:
    """The note's field values (sanitised, in note-type order) and the card ords it must have."""
    card = entry.card
    if card.rendered and not entry.status:
        return list(card.rendered[0]), tuple(card.rendered[1])
    f = card.fields
    nt = NOTETYPES.get(card.kind)
    where = f"{card.source}:{card.line}"
    if nt is None:
        raise ValueError(f"{where}: unknown card kind {card.kind!r}")
    context = _context(entry)
    image = str(f.get("image", ""))
    values = {
        "Context": html.escape(context, quote=False),
        # The file, not the line: a line number moves with every edit above the card, and a
        # field that changes without the card changing would be stale or churn the note.
        "Source": html.escape(f"{context} · {card.source}" if context else card.source,
                              quote=False),
        "Link": html.escape(safe_link(entry.link), quote=False),
        "Extra": f.get("extra", ""),
        "Status": html.escape(entry.status, quote=False),
        # a bare media file name becomes an <img>; HTML is kept (and sanitised) as it is
        "Image": f'<img src="{html.escape(image)}" alt="">' if image and "<" not in image else image,
    }
    ords: tuple[int, ...] = (0,)
    try:
        if card.kind == "term":
            values.update(Term=f["term"], Definition=definition_html(str(f["definition"])),
                          Reverse="y" if entry.reverse else "")
            ords = (0, 1) if entry.reverse else (0,)
        elif card.kind == "myth":
            values.update(Myth=f["myth"], Reframe=f["reframe"])
        elif card.kind == "qa":
            values.update(Question=f["question"], Answer=f["answer"])
        elif card.kind == "acronym":
            acronym, expansion, letters, numbers = acronym_fields(str(f["acronym"]), f["expansion"])
            values.update(Acronym=acronym, Expansion=expansion, Letters=letters)
            ords = tuple(n - 1 for n in numbers)
        else:
            items, numbers = list_fields(f["items"])
            values.update(Prompt=f["prompt"], Items=items)
            ords = tuple(n - 1 for n in numbers)
    except KeyError as e:
        raise ValueError(f"{where}: {card.kind} card has no field {e.args[0]!r}") from None
    except ValueError as e:
        raise ValueError(f"{where}: {e}") from None
    out = [_wrap_tables(sanitize_html(str(values.get(name, "")))) for name in nt.fields]
    if not plain_text(out[0]).strip():
        raise ValueError(f"{where}: {card.kind} card has an empty {nt.fields[0]} field")
    return out, ords


def _wrap_tables(fragment: str) -> str:
    """A table scrolls sideways inside its own box instead of widening the whole card."""
    if "<table>" not in fragment or 'class="table-wrap"' in fragment:
        return fragment
    return fragment.replace("<table>", '<div class="table-wrap"><table>').replace(
        "</table>", "</table></div>")


def _tags(tags: Sequence[str]) -> list[str]:
    """Anki splits tags on whitespace: a space inside a tag would make two tags."""
    out: list[str] = []
    for tag in tags:
        tag = re.sub(r"\s+", "_", tag.strip())
        if tag and tag not in out:
            out.append(tag)
    return out


def _genanki_model(genanki, nt: NoteType):
    return genanki.Model(
        nt.model_id, nt.name,
        fields=[{"name": name, "id": stable_id(nt.model_id, "field", i)}
                for i, name in enumerate(nt.fields)],
        templates=[{"name": name, "qfmt": front, "afmt": back,
                    "id": stable_id(nt.model_id, "template", i)}
                   for i, (name, front, back) in enumerate(nt.templates)],
        css=nt.css, model_type=genanki.Model.CLOZE if nt.cloze else genanki.Model.FRONT_BACK,
        sort_field_index=0)


def write_package(entries: Sequence[DeckEntry], path: Path, *,
                  descriptions: Mapping[str, str] = {},
                  media: Mapping[str, Path] = {}) -> None:
    """Write ``entries`` to the .apkg at ``path``, atomically (temp file beside it + rename);
    raises ValueError for an entry that cannot become a note, fsutil.WriteError for the disk.

    ``descriptions`` maps a deck name to its description (HTML, sanitised); ``media`` maps
    the file name cards refer to (``<img src="NAME">``) to the file on disk.
    """
    import genanki

    class Note(genanki.Note):
        # genanki stamps every note with the package time and derives cards from the
        # fields; notedeck decides both, so they are set per note here.
        def __init__(self, mod: int, ords: tuple[int, ...], **kw):
            super().__init__(**kw)
            self.mod, self.ords = mod, ords

        @property
        def cards(self):
            return [genanki.Card(o) for o in self.ords]

        def write_to_db(self, cursor, timestamp, deck_id, id_gen):
            super().write_to_db(cursor, self.mod, deck_id, id_gen)

    path = Path(path)
    models = {kind: _genanki_model(genanki, nt) for kind, nt in NOTETYPES.items()}
    decks: dict[str, object] = {}

    def deck(name: str):
        if name not in decks:
            if "::" in name:
                deck(name.rsplit("::", 1)[0])  # parents first, so they carry descriptions too
            decks[name] = genanki.Deck(deck_id(name), name,
                                       description=sanitize_html(descriptions.get(name, "")))
        return decks[name]

    seen: set[str] = set()
    for entry in entries:
        card = entry.card
        if card.guid in seen or not card.deck.strip():
            problem = f"duplicate GUID {card.guid}" if card.guid in seen else "no deck name"
            raise ValueError(f"{card.source}:{card.line}: {problem}")
        seen.add(card.guid)
        fields, ords = note_fields(entry)
        deck(card.deck).add_note(Note(int(entry.mod), ords, model=models[card.kind], fields=fields,
                                      tags=_tags(entry.tags), guid=card.guid))

    for name in media:
        if not local_media_name(name):
            raise ValueError(f"media name {name!r} must be a bare file name")
    # The scratch folder sits beside the package, hidden, so a killed build's leftovers are
    # swept by the next build (build.sweep_temp_files) instead of piling up in $TMPDIR.
    with atomic_path(path) as tmp, tempfile.TemporaryDirectory(
            prefix=".notedeck-media-", dir=path.parent) as media_dir:
        files = []
        for name, src in media.items():  # genanki stores each file under its base name
            files.append(os.path.join(media_dir, name))
            shutil.copyfile(src, files[-1])
        # The package time becomes the note types' mod: newer than the last import, so
        # Anki takes template/CSS changes ("update note types if newer").
        # genanki builds its collection in a mkstemp() file it never deletes: point its
        # temporary files into our own folder, which is removed with everything in it.
        saved, tempfile.tempdir = tempfile.tempdir, media_dir
        try:
            genanki.Package(list(decks.values()), media_files=files).write_to_file(
                str(tmp), timestamp=time.time())
        finally:
            tempfile.tempdir = saved
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would make the package private to its writer
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
