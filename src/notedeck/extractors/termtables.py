"""Terms in tables, whatever the headers say.

Rules (confidence in brackets):
  deflist       ``Term | Definition`` (or Concept | Meaning ...) headers                   [.9]
  keyed-table   a table whose first column holds names and whose next column holds prose
                (Drug | Action | Side effects, Nutrient | Function): each row a term, its
                other columns the definition, each after its header when there are more  [.8]
  header-table  one row under headers that are names ("Alimentary Tract | Accessory
                Organs" over a description of each): each header a term                    [.8]

Refused: rows whose first cell is a number, a sentence or empty; columns of one-word values
("Yes", "POST /signup"); a first column of goals, steps or times (Goal | Objective); myth
tables (myth.py reads those).
"""
from __future__ import annotations

import re

from ..reading.document import Inline, Table
from .termcard import term_card
from .termkinds import BODY_SYSTEMS
from .termlabels import DEFINING_LABELS, attribute_label, named_with
from .text import is_meta_label, normalize_key

TERM_HEADERS = {"term", "terms", "concept", "concepts", "word", "name", "key term"}
DEF_HEADERS = {"definition", "definitions", "meaning", "description", "what it means"}
# First-column headers over things to do or times, not names: "Goal | Objective | ...".
_NOT_KEYS = {"step", "steps", "task", "tasks", "action", "actions", "activity", "week", "day",
             "session", "date", "time", "stage", "phase", "objective", "objectives", "goal",
             "goals", "aim", "aims", "target", "targets", "plan"}
_NAME = re.compile(r"^[A-Za-z][\w’'()\-/ ,&]{0,50}$")


def _is_name(cell: Inline) -> bool:
    text = cell.text.strip(" *")
    return bool(_NAME.match(text)) and len(text.split()) <= 5 and not re.search(r"[.!?;:]", text)


def _prose(cell: Inline, words: int = 2) -> bool:
    return len(re.findall(r"[A-Za-z]{2,}", cell.text)) >= words


def _lines(table: Table) -> list[int]:
    return list(table.row_lines) or [table.line] * len(table.rows)


def _definition(table: Table, row: tuple[Inline, ...]) -> Inline:
    if len(row) == 2:
        return row[1]
    parts = []
    for head, cell in zip(table.header[1:], row[1:]):
        if cell.text.strip():
            label = head.text.strip(" *:")
            parts.append(Inline(f"{label}: ") + cell if label else cell)
    out = parts[0]
    for part in parts[1:]:
        out = out + Inline("\n") + part
    return out


# Column headers over other things than an aspect of the row ("Condition | Drugs" lists the
# drugs that cause it, "Notes" remarks on it).
_OTHER_THINGS = {"drug", "drugs", "example", "examples", "type", "types", "tool", "tools",
                 "command", "commands", "option", "options", "component", "components",
                 "part", "parts", "source", "sources", "note", "notes"}


def _row_card(doc, section, table: Table, row: tuple[Inline, ...], line: int):
    """A keyed row's card: its key, or its one column's aspect when that names one ("Organ |
    Location": the location of the pineal gland, not the gland over where it lies)."""
    label = attribute_label(table.header[1].text) if len(table.header) == 2 else None
    name, parent = row[0].text, ""
    if label and label not in DEFINING_LABELS and label not in _OTHER_THINGS \
            and not is_meta_label(label) and name.casefold() not in BODY_SYSTEMS \
            and named_with(label, name):
        name, parent = table.header[1].text, name
    return term_card(doc, section, name, _definition(table, row), line, "keyed-table", 0.8,
                     parent=parent)


def table_terms(doc, section, table: Table) -> list:
    """The table's terms when it has one of the shapes above, else []."""
    header = [normalize_key(h.text) for h in table.header]
    lines = _lines(table)
    if len(header) >= 2 and header[0] in TERM_HEADERS and header[1] in DEF_HEADERS:
        return [term_card(doc, section, row[0].text, row[1], line, "deflist", 0.9)
                for row, line in zip(table.rows, lines) if len(row) >= 2]
    rows = [row for row in table.rows if len(row) >= 2]
    if len(table.rows) == 1 and len(rows) == 1 and len(header) >= 2 \
            and all(_is_name(h) for h in table.header) and all(_prose(c, 4) for c in rows[0]):
        return [term_card(doc, section, head.text, cell, table.line, "header-table", 0.8)
                for head, cell in zip(table.header, rows[0])]
    if len(rows) >= 2 and len(rows) == len(table.rows) and len(header) >= 2 \
            and header[0] not in _NOT_KEYS \
            and all(_is_name(row[0]) for row in rows) \
            and sum(_prose(row[1]) for row in rows) * 4 >= len(rows) * 3:
        return [_row_card(doc, section, table, row, line)
                for row, line in zip(table.rows, lines) if _prose(row[1])]
    return []
