"""A cached card's fields and rendered fields: views over its note's JSON texts.

A cached card (cache.load_result) keeps its fields and its rendered note fields as the
JSON texts the cache stored, in the entry's second part or in the build's spill file
(spill.py), and decodes them each time they are used: a big vault's build holds over a
million cards, and reads the fields of most of them once, when the package is written.
A card's views hold its note's texts (NoteText, one per note) and a small index, not
offsets of their own.
"""
from __future__ import annotations

from array import array
from collections.abc import Sequence

from ..cards import Card
from ..jsontext import LazyMapping, json_value
from ..model import readonly


class NoteText:
    """Where a note's cached cards keep their JSON texts: ``text`` (the entry's second
    part, or the spill file it was copied to) and ``bounds``, where each text ends and the
    next begins: card i's fields are texts 2i, its rendered fields 2i + 1."""
    __slots__ = ("text", "bounds")

    def __init__(self, text, bounds: array):
        self.text, self.bounds = text, bounds


class CardText:
    """Text ``j`` of a NoteText, decoded each time it is used, never kept (see
    model.JSONSlice). A note and a small int per card, not three offsets: a big vault's
    build holds two of these for each of over a million cards."""
    __slots__ = ("_note", "_j")

    def __init__(self, note: NoteText, j: int):
        self._note, self._j = note, j

    @staticmethod
    def _decode(value):
        return value

    def raw(self) -> bytes:
        """The JSON text (UTF-8)."""
        note, j = self._note, self._j
        return note.text[note.bounds[j]:note.bounds[j + 1]]

    def _d(self):
        return self._decode(json_value(self.raw()))


class LazyFields(CardText, LazyMapping):
    """A cached card's fields (read-only, like the MappingProxy a fresh card has), kept as
    their JSON text in the second part of the cache entry."""
    __slots__ = ()
    exact = False       # lists become tuples: the text is plain()'s, not this mapping's

    @staticmethod
    def _decode(values: dict) -> dict:
        return {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}

    def plain(self) -> "PlainFields":
        """The fields as JSON has them (lists, not tuples), still decoded only when used."""
        return PlainFields(self._note, self._j)

    def __reduce__(self):       # a pickled card carries its fields as a fresh card does
        return (readonly, (self._d(),))


class PlainFields(CardText, LazyMapping):
    """LazyFields.plain(): what model.plain_fields makes of the fields, read when used."""
    __slots__ = ()
    exact = True        # raw() is this mapping as JSON: the lock copies it


class LazyRendered(CardText, Sequence):
    """A cached card's rendered note fields and card ords: (fields, ords), decoded from
    their JSON text (beside its fields') each time they are used."""
    __slots__ = ()

    def __iter__(self):         # fields, ords = rendered: one decode, not one per item
        return iter(self._d())

    @staticmethod
    def _decode(values: list) -> tuple:
        return tuple(values[0]), tuple(values[1])

    def __getitem__(self, i):
        return self._d()[i]

    def __len__(self):
        return 2

    def __eq__(self, other):
        return tuple(self) == tuple(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None


class CachedCard(Card):
    """A Card read from the cache. Its rendered slot holds its note's NoteText (shared by
    the note's cards), and ``rendered`` makes the view of its text when asked: a view
    object less per card (a big vault's build holds over a million cards at once)."""
    __slots__ = ()

    @property
    def rendered(self):
        value = _RENDERED.__get__(self, CachedCard)
        if type(value) is NoteText:
            return LazyRendered(value, _FIELDS.__get__(self, CachedCard)._j + 1)
        return value

    @rendered.setter
    def rendered(self, value) -> None:      # (frozen: only __init__ sets it, as replace())
        _RENDERED.__set__(self, value)


_RENDERED, _FIELDS = Card.__dict__["rendered"], Card.__dict__["fields"]
