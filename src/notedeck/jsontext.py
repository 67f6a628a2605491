"""JSON as notedeck writes it (the card cache, the card lock, card digests), fast.

json_text and json_value are json's own encoder and scanner without their cost per call;
JSONSlice/LazyMapping keep a value as its JSON text and decode it each time it is used.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any


def json_encoder(default=None):
    """``json.JSONEncoder(ensure_ascii=False, default=default).encode``, without its cost
    per call: encode() builds a new C encoder every time, and the cache, the card digests
    and the lock encode once per card (a million times for a big vault). The same bytes:
    this is the very encoder encode() would build, made once (without the check for
    circular references, which JSON data made here cannot have)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:            # no C accelerator (another Python): the plain way
        return json.JSONEncoder(ensure_ascii=False, default=default).encode
    encode = make(None, default, json.encoder.encode_basestring, None, ": ", ", ", False,
                  False, True)
    return lambda value: "".join(encode(value, 0))


json_text = json_encoder()
_scan = json.JSONDecoder().scan_once
_space = re.compile(r"[ \t\n\r]*").match          # what JSON allows around a value


def json_value(data: bytes):
    """``json.loads(data)`` for UTF-8 bytes holding one JSON value and nothing else, without
    its cost per call (a build decodes a card's fields a few million times)."""
    text = data.decode("utf-8")
    try:
        value, end = _scan(text, _space(text, 0).end())
    except StopIteration:
        raise ValueError("not JSON") from None
    if _space(text, end).end() != len(text):
        raise ValueError("not one JSON value")
    return value


class JSONSlice:
    """A value kept as JSON text (``text[start:end]``: bytes, or anything sliced to bytes,
    such as a spill.Spill) and decoded each time it is used, never kept: a big vault's
    build would otherwise hold every card's fields as objects from the moment they are
    read to the end of the build (the card cache and the card lock hand out fields so)."""
    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    @staticmethod
    def _decode(value: Any) -> Any:
        return value

    def _d(self):
        return self._decode(json_value(self._text[self._start:self._end]))

    def raw(self) -> bytes:
        """The JSON text (UTF-8)."""
        return self._text[self._start:self._end]


class LazyMapping(Mapping):
    """A read-only mapping decoded (by ``_d()``) each time it is used, never kept."""
    __slots__ = ()

    def __getitem__(self, key):
        return self._d()[key]

    def __iter__(self):
        return iter(self._d())

    def __len__(self):
        return len(self._d())

    # Mapping's own keys/items/values/get would decode once per key.
    def keys(self):
        return self._d().keys()

    def items(self):
        return self._d().items()

    def values(self):
        return self._d().values()

    def get(self, key, default=None):
        return self._d().get(key, default)

    def copy(self) -> dict:
        return dict(self._d())

    def __repr__(self):
        return f"{type(self).__name__}({self._d()!r})"

    def __reduce__(self):
        return (dict, (self._d(),))


class LazyJSON(JSONSlice, LazyMapping):
    """A read-only mapping kept as JSON text (see JSONSlice)."""
    __slots__ = ()
    # raw() is this mapping as JSON: a writer may copy it instead of encoding it again
    exact = True
