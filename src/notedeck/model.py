"""The few types every stage shares: diagnostics and card field values.

Stages pass frozen dataclasses to one another (reading.document, extractors.base, cards,
versioning); what they all need sits here, at the bottom of the import graph.
"""
from __future__ import annotations

import copyreg
import html
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping, Union

__version__ = "0.1.0"


def readonly(data: dict) -> MappingProxyType:
    """A read-only view of ``data`` (card fields are shared, never edited)."""
    return MappingProxyType(data)


# Cards cross process boundaries (parallel builds); a read-only mapping pickles as a dict
# rebuilt by a module-level function (the mappingproxy type itself has no importable name).
copyreg.pickle(MappingProxyType, lambda m: (readonly, (dict(m),)))


@dataclass(frozen=True)
class Diagnostic:
    """A warning or error about one place in one note."""

    level: str                  # "warning" or "error" ("info": what a build left out)
    source: str                 # the note (or config, or lock) it is about
    line: int                   # 1-based; 0: the whole file
    message: str
    code: str = ""              # what kind of problem, for tools: "unreadable", "no-cards"...

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.level}: {self.message}"


FieldValue = Union[str, tuple[str, ...]]


def plain_fields(fields: Mapping[str, FieldValue]) -> dict[str, Any]:
    """Field values as JSON has them (tuples become lists), for output, cache and lock."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()}


def frozen_fields(**values: FieldValue) -> Mapping[str, FieldValue]:
    return MappingProxyType(dict(values))



_TAG = re.compile(r"<[^>]+>")


def field_text(value: FieldValue) -> str:
    """A field value as plain text (tags dropped, entities decoded, list items joined by
    commas): what the changelog, `notedeck diff` and the reports print."""
    if isinstance(value, (list, tuple)):
        return ", ".join(field_text(v) for v in value)
    return html.unescape(_TAG.sub(" ", str(value).replace("<br>", " / "))).replace("  ", " ").strip()
