"""Cards as table, JSON, JSON Lines or CSV (what `notedeck cards` prints)."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Sequence

from .model import Card

FORMATS = ("table", "json", "jsonl", "csv")
_TAG = re.compile(r"<[^>]+>")


def plain(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(v) for v in value)
    return html.unescape(_TAG.sub(" ", str(value).replace("<br>", " / "))).replace("  ", " ").strip()


def front_back(card: Card) -> tuple[str, str]:
    values = list(card.fields.values())
    return plain(values[0]) if values else "", plain(values[1]) if len(values) > 1 else ""


def public_dict(card: Card) -> dict:
    """A card as printed: the image's place on this disk is the build's business only."""
    data = card.to_dict()
    data.pop("image_file", None)
    data.pop("rendered", None)      # the packaging step's business
    return data


def render_cards(cards: Sequence[Card], fmt: str, width: int = 100, show_rule: bool = False) -> str:
    if fmt == "json":
        return json.dumps([public_dict(c) for c in cards], ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(public_dict(c), ensure_ascii=False) + "\n" for c in cards)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["kind", "front", "back", "deck", "source", "line", "rule",
                         "confidence", "guid"])
        for c in cards:
            writer.writerow([c.kind, *front_back(c), c.deck, c.source, c.line, c.rule,
                             f"{c.confidence:.2f}", c.guid])
        return buf.getvalue()
    lines = []
    for c in cards:
        front, back = front_back(c)
        where = f"{c.source}:{c.line}"
        extra = f"  [{c.rule} {c.confidence:.2f}]" if show_rule else ""
        lines.append(f"{c.kind:8} {front[:40]:40}  {back[: max(20, width - 80)]}  {where}{extra}")
    return "\n".join(lines) + ("\n" if lines else "")
