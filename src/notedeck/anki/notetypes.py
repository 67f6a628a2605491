"""Anki note types for notedeck's card kinds, and the field values of each note.

A note type, once a user has imported it, is matched by its model id forever after;
Anki keeps a note's cards and review history only while its note type keeps the same
fields and templates. So every id here is a fixed constant, every kind has its fields
reserved up front (Reserved 1..3 can be renamed later, never added), and only the
templates' HTML and the CSS may change between releases.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..extractors.clozes import inert
from .sanitize import sanitize_html

# Model ids: (sha256("notedeck notetype <kind>") first 8 bytes, as big-endian int, mod 2**52)
# + 2**52, computed once and frozen here. The range [2**52, 2**53) keeps them positive and
# exact in JSON/JavaScript doubles (AnkiDroid, Anki's TS UI) and far away from Anki's
# millisecond-timestamp ids (~1.7e12). NEVER CHANGE THEM: a new id is a new note type, and
# every user's existing notes would stop updating (Anki matches note types by this id).
MODEL_IDS = {
    "term": 5085304154250704,
    "myth": 7404271626124086,
    "acronym": 5648352138319956,
    "qa": 8793035752432832,
    "list": 5353266814359916,
    "basic": 8992705923221708,
    "cloze": 7480337225120085,
}

# Shared by every kind, after the kind's own fields. Order is part of the published schema.
COMMON_FIELDS = ("Context", "Source", "Link", "Extra", "Status", "Image",
                 "Reserved 1", "Reserved 2", "Reserved 3")


def stable_id(model_id: int, what: str, ord_: int) -> int:
    """Field/template id from the model id and the *position*, so a later rename keeps it.

    Anki uses these ids to match fields and templates when note types are merged on import;
    the formula is as frozen as MODEL_IDS (48 bits: positive and exact in JSON).
    """
    digest = hashlib.sha256(f"{model_id}:{what}:{ord_}".encode()).digest()
    return int.from_bytes(digest[:6], "big") or 1


@dataclass(frozen=True)
class NoteType:
    kind: str
    model_id: int
    name: str
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str, str], ...]   # (name, front html, back html)
    css: str
    cloze: bool = False


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    text = resources.files("notedeck.anki").joinpath("assets", name).read_text(encoding="utf-8")
    # "{{>part}}" is our own include, resolved here: Anki never sees it
    return re.sub(r"\{\{>(\w+)\}\}", lambda m: _asset(f"_{m.group(1)}.html").strip(), text).strip()


def _templates(*specs: tuple[str, str]) -> tuple[tuple[str, str, str], ...]:
    return tuple((name, _asset(f"{stem}.front.html"), _asset(f"{stem}.back.html"))
                 for name, stem in specs)


def _build() -> dict[str, NoteType]:
    css = _asset("card.css")
    spec = {
        "term": ("notedeck Term", ("Term", "Definition", "Reverse"),
                 _templates(("Term → Definition", "term"), ("Definition → Term", "term-reverse")), False),
        "myth": ("notedeck Myth", ("Myth", "Reframe"), _templates(("Myth → Reframe", "myth")), False),
        "acronym": ("notedeck Acronym", ("Acronym", "Expansion", "Letters"),
                    _templates(("Acronym", "acronym")), True),
        "qa": ("notedeck Q&A", ("Question", "Answer"), _templates(("Question → Answer", "qa")), False),
        "list": ("notedeck List", ("Prompt", "Items"), _templates(("List", "list")), True),
        # Flashcards written in the note (Spaced Repetition plugin, Obsidian_to_Anki)
        "basic": ("notedeck Basic", ("Front", "Back", "Reverse"),
                  _templates(("Front → Back", "basic"), ("Back → Front", "basic-reverse")), False),
        "cloze": ("notedeck Cloze", ("Text",), _templates(("Cloze", "cloze")), True),
    }
    return {kind: NoteType(kind, MODEL_IDS[kind], name, own + COMMON_FIELDS, tmpls, css, cloze)
            for kind, (name, own, tmpls, cloze) in spec.items()}


NOTETYPES: dict[str, NoteType] = _build()


# ---- field values: what a card's content looks like inside each note type ----------------

_INLINE = "b|i|em|strong|span|code|sub|sup"
_TAG = re.compile(r"<[^>]*>")
_BLOCK = re.compile(r"<(ul|ol|table|p|div|br|pre)\b", re.I)
_SENTENCE_END = re.compile(
    rf"[.!?]((?:</(?:{_INLINE})>|[\"'”’)\]])*)\s+(?=[A-Z0-9\"'“‘(\[]|<(?:{_INLINE})\b)")
_SEMICOLON = re.compile(r";\s+")
_ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "cf", "dr", "mr", "mrs", "ms", "prof", "st", "no",
                  "fig", "approx", "al", "ca", "ed", "eds", "vol", "p", "pp"}
LONG_DEFINITION = 220   # characters of visible text; longer reads badly as one block on a phone


def plain_text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment))


def _depth(fragment: str) -> int:
    """Inline tags (and MathJax formulas: a full stop in one ends no sentence) still open."""
    opens = len(re.findall(rf"<(?:{_INLINE})\b", fragment, re.I))
    formulas = fragment.count("\\(") - fragment.count("\\)") + \
        fragment.count("\\[") - fragment.count("\\]")
    return opens - len(re.findall(rf"</(?:{_INLINE})>", fragment, re.I)) + formulas


def _abbreviation(before: str) -> bool:
    word = re.search(r"([\w.]+)$", before)
    return bool(word) and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS
                           or len(word.group(1)) == 1)   # an initial: "J. Smith"


def _split(fragment: str, boundary: re.Pattern[str], sentences: bool) -> list[str]:
    """Split where no inline tag is open (never inside <b>…</b>). A sentence keeps its
    full stop and closing quotes; a semicolon split drops the semicolon."""
    parts, start = [], 0
    for m in boundary.finditer(fragment):
        cut = m.end(1) if sentences else m.start()
        if _depth(fragment[:cut]) or (sentences and _abbreviation(fragment[start:m.start()])):
            continue
        parts.append(fragment[start:cut].strip())
        start = m.end()
    parts.append(fragment[start:].strip())
    return [p for p in parts if p]


def definition_html(fragment: str) -> str:
    """A definition made scannable: more than two sentences, or a long text, becomes bullets."""
    fragment = fragment.strip()
    if _BLOCK.search(fragment):
        return fragment
    long = len(plain_text(fragment)) > LONG_DEFINITION
    parts = _split(fragment, _SENTENCE_END, sentences=True)
    if len(parts) == 1 and long:
        parts = _split(fragment, _SEMICOLON, sentences=False)
    if len(parts) > 2 or (long and len(parts) > 1):
        return "<ul>" + "".join(f"<li>{p}</li>" for p in parts) + "</ul>"
    return fragment


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def list_fields(items, numbers: tuple[int, ...] = (), details=()) -> tuple[str, tuple[int, ...]]:
    """Items field: c1 hides the whole list, item i (1-based) is cloze c(i+1), or the
    cloze number ``numbers`` gives it (an item keeps its number for life:
    versioning/clozes.py); an item's description stays next to it, outside its cloze (a
    cue for the name it hides)."""
    items = [sanitize_html(x).strip() for x in ((items,) if isinstance(items, str) else items)]
    if not any(items):
        raise ValueError("a list card needs at least one item")
    numbers = numbers or tuple(range(2, len(items) + 2))
    details = [sanitize_html(x).strip() for x in details] + [""] * len(items)
    body = "".join(f"<li>{{{{c{n}::{inert(x)}}}}}{_detail(details[i])}</li>"
                   for i, (n, x) in enumerate(zip(numbers, items)))
    field = f'{{{{c1::<ol>{body}</ol>::{_plural(len(items), "item")}}}}}'
    return field, (1,) + tuple(sorted(numbers))


def _detail(fragment: str) -> str:
    if not fragment:
        return ""
    return (" " if fragment.startswith("(") else " — ") + inert(fragment)


_FILLERS = {"and", "of", "the", "for", "to", "in", "on", "a", "an", "or", "with", "&", "&amp;"}


def align_acronym(letters: str, words: tuple[str, ...]) -> list[tuple[int, tuple[int, ...]]] | None:
    """For each word: (index of its first letter in ``letters``, positions of the letters in
    the word), or (index, ()) for a filler word like "of"; None if the words do not spell it.
    A word may cover several letters in order (IPNB: Inter·personal Neuro·biology)."""
    target = letters.lower()

    def match(word: str, need: str) -> tuple[int, ...] | None:
        first = next((i for i, ch in enumerate(word) if ch.isalnum()), None)
        if first is None or word[first].lower() != need[0]:
            return None
        pos = [first]
        for ch in need[1:]:
            cands = [i for i in range(pos[-1] + 1, len(word)) if word[i].lower() == ch]
            if not cands:
                return None
            starts = [i for i in cands if word[i].isupper() or not word[i - 1].isalnum()]
            pos.append((starts or cands)[0])
        return tuple(pos)

    @lru_cache(maxsize=None)
    def go(wi: int, li: int):
        if wi == len(words):
            return () if li == len(target) else None
        for k in range(1, len(target) - li + 1):
            pos = match(words[wi], target[li:li + k])
            if pos is None:
                break
            rest = go(wi + 1, li + k)
            if rest is not None:
                return ((li, pos),) + rest
        if words[wi].lower() in _FILLERS:
            rest = go(wi + 1, li)
            if rest is not None:
                return ((li, ()),) + rest
        return None

    found = go(0, 0)
    return list(found) if found is not None else None


def acronym_fields(acronym: str, expansion) -> tuple[str, str, str, tuple[int, ...]]:
    """(Acronym, Expansion, Letters) field values and the cloze numbers they use.

    c1 hides the whole expansion; the word starting at letter i (1-based) is cloze c(i+1), in
    Expansion (the word) and in Letters (the letters it covers, shown as the question). Nested
    clozes render correctly in Anki >= 2.1.56 (checked with anki 26.9 in the tests).
    """
    words = tuple(filter(None, (plain_text(w).strip() for w in
                                (expansion.split() if isinstance(expansion, str) else expansion))))
    if not words:
        raise ValueError(f"acronym {acronym!r} has no expansion")
    letters = "".join(ch for ch in plain_text(acronym) if ch.isalnum())
    plan = align_acronym(letters, words)
    if plan is None:  # the words do not spell the letters: number them by word instead
        plan = [(i, (0,)) for i in range(len(words))]
        letters = "".join(w[0] for w in words)
    numbers, lines, asks = [1], [], []
    for (li, pos), word in zip(plan, words):
        marked = "".join(f'<span class="ini">{html.escape(ch)}</span>' if i in pos
                         else html.escape(ch) for i, ch in enumerate(word))
        if not pos:  # filler word: stays visible, appended to the previous line
            lines[-1:] = [(lines[-1] if lines else "") + " " + marked]
            continue
        n = li + 2
        numbers.append(n)
        covered = html.escape(letters[li:li + len(pos)])
        asks.append(f"{{{{c{n}::{covered}::{covered}}}}}")
        lines.append(f"{{{{c{n}::{inert(marked)}}}}}")
    body = "".join(f"<li>{line.strip()}</li>" for line in lines)
    expansion_field = f'{{{{c1::<ul>{body}</ul>::{_plural(len(numbers) - 1, "word")}}}}}'
    return html.escape(plain_text(acronym).strip(), quote=False), expansion_field, "".join(asks), tuple(numbers)
