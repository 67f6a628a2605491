"""JSON as notedeck writes it (the card cache, the card lock, card digests), fast.

json_text and json_value are json's own encoder and scanner without their cost per call.
JSONText keeps one value as its JSON text and decodes it each time it is used: a big
vault's build holds over a million cards, whose fields (most of their bytes) it reads
once, late, when the package and the lock are written. Until then the text waits in
memory or in the build's spill file (versioning/spill.py), anything sliced to bytes.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Iterator

from .model import FieldValue, plain_fields


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


class JSONText:
    """One JSON value: ``source[start:end]`` (bytes, or anything sliced to bytes such as a
    spill.Spill), decoded each time it is used, never kept. The span is one int (start <<
    32 | length): a big vault's build holds two of these per card."""
    __slots__ = ("_source", "_span")

    def __init__(self, source, start: int, end: int):
        if end - start >= 1 << 32:
            raise ValueError("a JSON text of 4 GB or more")
        self._source, self._span = source, start << 32 | (end - start)

    @classmethod
    def encode(cls, value: Any) -> "JSONText":
        """``value`` as JSON text held in memory."""
        data = json_text(value).encode("utf-8")
        return cls(data, 0, len(data))

    @property
    def source(self):
        """What the text is kept in: bytes, or the spill file."""
        return self._source

    def raw(self) -> bytes:
        """The JSON text (UTF-8)."""
        start = self._span >> 32
        return self._source[start:start + (self._span & 0xFFFFFFFF)]

    def value(self) -> Any:
        return json_value(self.raw())

    def __reduce__(self):           # (a spill file cannot cross a process boundary)
        raw = self.raw()
        return (type(self), (raw, 0, len(raw)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.raw().decode('utf-8')})"


class FieldsJSON(JSONText, Mapping):
    """A card's fields as JSON text (lists), read as a card has them (tuples): a read-only
    mapping like the one an extractor makes, decoded each time it is used.

    ``canonical``: the text is exactly what json_text(plain_fields(fields)) writes, so a
    writer may copy it as it is. A lock line's fields may have been edited by hand or by a
    merge tool, with escapes or numbers written otherwise: those are encoded again."""
    __slots__ = ("canonical",)

    def __init__(self, source, start: int, end: int, canonical: bool = True):
        super().__init__(source, start, end)
        self.canonical = canonical

    @classmethod
    def encode(cls, value: Mapping[str, FieldValue]) -> "FieldsJSON":
        data = json_text(plain_fields(value)).encode("utf-8")
        return cls(data, 0, len(data))

    def __reduce__(self):
        raw = self.raw()
        return (FieldsJSON, (raw, 0, len(raw), self.canonical))

    def canonical_raw(self) -> bytes:
        """The text as notedeck writes it."""
        return self.raw() if self.canonical else json_text(self.plain()).encode("utf-8")

    def plain(self) -> dict[str, Any]:
        """The fields as JSON has them (lists)."""
        return self.value()

    def _d(self) -> dict[str, FieldValue]:
        return {k: tuple(v) if isinstance(v, list) else v for k, v in self.value().items()}

    def __getitem__(self, key: str) -> FieldValue:
        return self._d()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.value())

    def __len__(self) -> int:
        return len(self.value())

    # Mapping's own keys/items/values/get would decode once per key.
    def keys(self):
        return self._d().keys()

    def items(self):
        return self._d().items()

    def values(self):
        return self._d().values()

    def get(self, key, default=None):
        return self._d().get(key, default)


class RenderedJSON(JSONText):
    """A card's Anki note fields and card ords, rendered once (anki.fields), as JSON text."""
    __slots__ = ()

    @classmethod
    def of(cls, fields: tuple[str, ...], ords: tuple[int, ...]) -> "RenderedJSON":
        return cls.encode([list(fields), list(ords)])

    def fields_and_ords(self) -> tuple[tuple[str, ...], tuple[int, ...]]:
        fields, ords = self.value()
        return tuple(fields), tuple(ords)
