"""list: enumerations a student is expected to know, as one card per set.

A list becomes a card only when the note introduces it as a set of things to know: the
sentence or heading names the set with a count that matches its items ("three key
principles", "the 4 styles", "The Six Core Processes") or with a collective noun
("Core components:", "the main stages of grief are:"). Every other bullet list is prose
broken into lines and gives no list card.

Rules (confidence in brackets):
  list-intro    a sentence ending in ':' names the set right before its list; also before
                numbered items each followed by its own paragraph (plain text), before
                numbered sub-headings ``1. Name``, or before as many following headings as
                its count says when each shares a word of the set's name                 [.7]
                A ':' lead naming no set over numbered sub-headings, under a “Quoted
                Model” in the lead or a heading naming a model: "components of" it      [.65]
  list-heading  a heading naming the set directly over its list (or over a ':' lead and the
                list; a count in that lead counts), or over numbered sub-headings (items =
                their names); "Signs of A vs. B" over two introduced lists gives two sets  [.7]
  list-inline   a sentence with a count and the enumeration in line, when the count
                matches exactly: "taught in four modules: a, b, c, and d"               [.65]

Refused: 1 item or more than 12; unlabelled items over 100 characters (sentences, not
members); glossaries (most items ``**Term:** def`` / ``Term — def``: term cards) unless a
count introduces them; references and link lists; questions and Q/A lines; a count that does
not match the items (trailing ``**Label (ABC):**`` cross-references past the count are
dropped first); anything in a section whose heading is a meta label ("Key Terms",
"Summary"). The prompt is "Name the <number of items> <set>"; items are the labels of
labelled items, else the item text cut to its first clause when over 60 characters; the key
is the set's name without the count, so adding an item keeps the card's identity.
"""
from __future__ import annotations

import itertools
import re

from ..model import frozen_fields
from ..reading.document import Document, Inline, ListBlock, Paragraph, Section
from .base import Candidate, Extractor, Rejected, section_label, walk_blocks
from .headings import NOT_A_NAME, heading_name
from .setnames import (
    COUNT,
    MAX_COUNTS,
    MAX_ITEMS,
    MAX_LABEL,
    MIN_ITEMS,
    NUMBERED_TITLE,
    STOP,
    VERSUS,
    SetName,
    count_of,
    cross_refs,
    enumeration,
    item_label,
    is_fragment,
    list_items,
    needs_subject,
    prompt,
    set_name,
    tidy,
)
from .termlabels import attribute_label
from .text import (SECTION_WORDS, as_aliased, clean_name, is_meta_label, normalize_key,
                   sentences, squash)

# ---- the card --------------------------------------------------------------------------

def _card(doc: Document, section: Section, name: SetName, texts: list[Inline], line: int,
          rule: str, confidence: float = 0.7):
    if needs_subject(name.name):
        whose = _subject(doc, section, name.name)
        if whose is None:
            return Rejected("list", name.name, "a set named by generic words only ('the 3 "
                            "features') with nothing above it to say whose", line)
        if whose:
            name = SetName(f"{name.name} of {whose}", name.count)
    texts = cross_refs(texts, name.count)
    if name.count is not None and name.count != len(texts):
        return Rejected("list", name.name, f"says {name.count} but lists {len(texts)} items",
                        line)
    members, why = list_items(texts, name.count is not None)
    if members is None:
        return Rejected("list", name.name, why, line)
    key = normalize_key(name.name)
    if not key:
        return None
    fields = {"prompt": Inline(prompt(name, len(members))).html(),
              "items": tuple(m.html() for m, _ in members)}
    if any(d.text for _, d in members):     # each item's description, next to it
        fields["details"] = tuple(d.html() for _, d in members)
    return Candidate("list", key, frozen_fields(**fields), line, section_label(doc, section),
                     rule, confidence)


_SECTION_HEADINGS = {"anatomy", "physiology", "pathology", "pathophysiology", "epidemiology",
                     "aetiology", "etiology", "investigations", "investigation", "diagnosis",
                     "examination", "classification", "complications", "causes", "features",
                     "signs", "symptoms", "types", "notes", "details", "key points", "others",
                     "other", "format", "syntax", "general", "summary", "examples", "example",
                     "function", "functions", "structure", "and", "&", "flashcards", "cards",
                     "review", "revision", "quiz", "questions", "architecture", "mnemonic",
                     "mnemonics", "topics", "topic", "lecture", "lectures", "module", "modules",
                     "chapter", "unit", "week", "content", "contents"}


def _subject(doc: Document, section: Section, name: str) -> str | None:
    """What a generically named set belongs to: the nearest heading above it that names a
    thing (not "Clinical features", "Anatomy" or the set's own heading), else the note;
    "" when a heading above already names the set's kind ("Colour" over "primary colours").
    """
    stem = doc.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    head = name.split()[-1].lower().rstrip("s")
    # a note of several top headings is named by its file, not by the first of them
    tops = sum(1 for s in doc.sections if s.heading is not None and s.level == 1)
    for place in (*reversed(section.path), stem if tops > 1 else doc.title, stem):
        text = clean_name(place)
        low = text.lower()
        if normalize_key(text) == normalize_key(name) or not text:
            continue            # the set's own heading
        generic = attribute_label(text) is not None or low in _SECTION_HEADINGS \
            or all(w in _SECTION_HEADINGS for w in low.split())
        if (head in low.split() or head + "s" in low.split()) and not generic:
            return ""
        if generic or len(text.split()) > 6 or re.search(r"[?:|.!]|\d{4}|^@", text) \
                or is_meta_label(text) or low in SECTION_WORDS or is_fragment(text) \
                or needs_subject(text, plural=False):
            continue
        return as_aliased(text, doc.meta.get("aliases"))    # "hocm.md": "HOCM"
    return None


def _lead_sentence(inline: Inline) -> str | None:
    """The sentence right before a list, when it ends in ':' (it introduces the list)."""
    text = inline.text.rstrip()
    if not text.endswith(":"):
        return None
    last = text.split("\n")[-1]
    spans = sentences(last)
    return last[spans[-1][0]:] if spans else last


def _lead_name(inline: Inline) -> SetName | None:
    """The set a ':' lead names; a lead in bold (``**The Five Pillars:**``) is a title."""
    lead = _lead_sentence(inline)
    if lead is None:
        return None
    titled = inline.bold_prefix() >= len(inline.text.rstrip(" :*")) > 0
    return set_name(lead, whole=titled)


def _meta(section: Section) -> bool:
    return section.heading is not None and is_meta_label(clean_name(section.title))


def _numbered_run(blocks: list, start: int) -> tuple[list[Inline], int]:
    """Ordered lists from ``blocks[start]`` on, each maybe split from the next by a paragraph
    (plain text numbers items that each have their own explanation): items, blocks used."""
    items, i, end = [], start, start
    while i < len(blocks) and isinstance(blocks[i], ListBlock) and blocks[i].ordered:
        items.extend(it.text for it in blocks[i].items)
        end = i + 1
        if i + 2 < len(blocks) and isinstance(blocks[i + 1], Paragraph) \
                and isinstance(blocks[i + 2], ListBlock) and blocks[i + 2].ordered:
            i += 2
        else:
            break
    return items, end


def _from_intros(doc: Document, section: Section, used: set[int]):
    """list-intro: 'The four attachment styles are:' + the list."""
    blocks = list(walk_blocks(section.blocks))
    for i, block in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        if not isinstance(block, Paragraph) or not isinstance(nxt, ListBlock):
            continue
        name = _lead_name(block.text)
        if name is None:
            continue
        texts = [it.text for it in nxt.items]
        if nxt.ordered and name.count is not None and len(texts) < name.count:
            run, end = _numbered_run(blocks, i + 1)
            if len(run) == name.count:
                texts = run
                used.update(id(b) for b in blocks[i + 1:end])
        used.add(id(nxt))
        yield _card(doc, section, name, texts, block.line, "list-intro")
    for block in blocks:
        if isinstance(block, ListBlock):
            yield from _from_nested(doc, section, block, used)


def _from_nested(doc, section, block: ListBlock, used: set[int]):
    """``- **Three pillars:**`` with the pillars as its sub-list."""
    for item in block.items:
        sub = next((c for c in item.children if isinstance(c, ListBlock)), None)
        if sub is not None:
            name = _lead_name(item.text)
            if name is not None and id(sub) not in used:
                used.add(id(sub))
                yield _card(doc, section, name, [it.text for it in sub.items], item.line,
                            "list-intro")
            yield from _from_nested(doc, section, sub, used)


def _heading_set(section: Section) -> SetName | None:
    title = clean_name(section.title)
    if not title or len(title.split()) > 10 or title.endswith("?") or NOT_A_NAME.match(title):
        return None
    if is_meta_label(title):
        return None
    return set_name(title, whole=True)


def _children(doc: Document, index: int) -> list[Section]:
    subs = doc.subtree(index)[1:]
    if not subs:
        return []
    top = min(s.level for s in subs)
    return [s for s in subs if s.level == top]


def _numbered_children(doc: Document, index: int) -> list[Section]:
    """The sub-sections ``1. Name``, ``2. Name`` ... that open the section's children."""
    out = []
    for n, sub in enumerate(_children(doc, index), 1):
        m = NUMBERED_TITLE.match(sub.title)
        if not m or int(m.group(1)) != n:
            break
        out.append(sub)
    return out


def _sub_names(subs: list[Section]) -> list[Inline] | None:
    names = [clean_name(s.title) for s in subs]
    if any(not n or len(n.split()) > 8 or len(n) > MAX_LABEL or n.endswith((".", "?"))
           for n in names):
        return None
    return [Inline(n) for n in names]


def _quoted_name(text: str) -> str | None:
    m = re.search(r"[“\"]([A-Z][^”\"]{2,60})[”\"]", text)
    return m.group(1).strip() if m else None


_MODEL_WORDS = re.compile(r"\b(model|framework|triangle|pyramid|wheel|circle|cycle|"
                          r"hierarchy|map|theory|triad|quadrant)s?\b", re.I)


def _from_headings(doc: Document, index: int, used: set[int]):
    """list-heading: a heading naming the set over its list or numbered sub-headings; and a
    ':' lead closing the section over sub-headings (numbered, or as many as it says)."""
    section = doc.sections[index]
    if section.heading is None:
        return
    blocks = list(walk_blocks(section.blocks))
    title = clean_name(section.title)
    name = _heading_set(section)
    lead = blocks[-1] if blocks and isinstance(blocks[-1], Paragraph) else None
    lead_text = _lead_sentence(lead.text) if lead is not None else None
    lead_name = set_name(lead_text) if lead_text else None

    numbered = _numbered_children(doc, index)
    names = _sub_names(numbered) if len(numbered) >= MIN_ITEMS else None
    if names is not None and not (blocks and isinstance(blocks[0], ListBlock)):
        if lead_name is not None:
            yield _card(doc, section, lead_name, names, lead.line, "list-intro")
        elif name is not None:
            yield _card(doc, section, name, names, section.line, "list-heading")
        elif lead_text is not None:
            # "Siegel's “Triangle of Well-Being” describes ... the interaction of:" + 1. 2. 3.
            model = _quoted_name(lead_text)
            if model is not None:
                model = "the " + model
            elif _MODEL_WORDS.search(title):
                model = _heading_topic(title)
            if model:
                yield _card(doc, section, SetName(f"components of {model}", None), names,
                            lead.line, "list-intro", 0.65)
        return
    if lead_name is not None and lead_name.count is not None and not numbered:
        found = _sibling_sections(doc, index, lead, lead_name)
        if found is not None:
            yield found
            return

    # the heading over its list: first block, or a ':' lead and then the list
    pairs = _lists_with_leads(blocks)
    if name is None:
        parts = VERSUS.split(title)
        versus = _versus_names(parts) if len(parts) == 2 and len(pairs) == 2 else None
        for set_, (lst, line) in zip(versus or [], pairs):
            if id(lst) not in used:
                used.add(id(lst))
                yield _card(doc, section, set_, [it.text for it in lst.items], line,
                            "list-heading")
        return
    if pairs and any(pairs[0][0] is b for b in blocks[:2]) and id(pairs[0][0]) not in used:
        lst = pairs[0][0]
        used.add(id(lst))
        if name.count is None and lst is not blocks[0]:
            # "Non-Mentalizing Modes" + "... one of three earlier ways of ...:": counted
            said = [count_of(m.group(1)) for m in itertools.islice(
                COUNT.finditer(_lead_sentence(blocks[0].text) or ""), MAX_COUNTS)]
            if len(lst.items) in said:
                name = SetName(name.name, len(lst.items))
        yield _card(doc, section, name, [it.text for it in lst.items], section.line,
                    "list-heading")


def _heading_topic(title: str) -> str | None:
    name, _ = heading_name(title)
    return re.sub(r"^(?:the|a|an)\s+", "the ", name, flags=re.I) if name else None


def _lists_with_leads(blocks: list) -> list[tuple[ListBlock, int]]:
    """Lists that open the section or follow a ':' lead, with the line of what names them."""
    out = []
    for i, b in enumerate(blocks):
        if not isinstance(b, ListBlock):
            continue
        if i == 0:
            out.append((b, b.line))
        elif isinstance(blocks[i - 1], Paragraph) and _lead_sentence(blocks[i - 1].text):
            out.append((b, blocks[i - 1].line))
    return out


def _versus_names(parts: list[str]) -> list[SetName] | None:
    """'Signs of Integration vs. Disintegration' -> signs of integration / of disintegration."""
    left = set_name(parts[0], whole=True)
    if left is None or left.count is not None:
        return None
    right = set_name(parts[1], whole=True)
    if right is None:
        m = re.match(r"^(.+?\bof)\s", left.name)
        if not m:
            return None
        right = SetName(f"{m.group(1)} {tidy(parts[1], True)}", None)
    return [left, right]


def _sibling_sections(doc: Document, index: int, lead: Paragraph, name: SetName):
    """'... describe two types of memory:' closing a section, then the headings 'Explicit
    Memory' and 'Implicit Memory': as many sections as the count, each sharing a word of
    the set's name (plain text has no heading levels to nest them by)."""
    section = doc.sections[index]
    following = []
    for sec in doc.sections[index + 1:index + 1 + 4 * MAX_ITEMS]:
        if sec.level < section.level or len(following) == name.count:
            break
        if sec.level == section.level or sec.level == section.level + 1:
            following.append(sec)
    if len(following) != name.count or len({s.level for s in following}) != 1:
        return None
    names = _sub_names(following)
    if names is None:
        return None
    words = {w for w in re.findall(r"[\w’'-]+", name.name.lower()) if w not in STOP}
    words |= {w.rstrip("s") for w in words}
    if not all(words & {w.lower() for w in re.findall(r"[\w’'-]+", n.text)} for n in names):
        return None
    return _card(doc, section, name, names, lead.line, "list-intro")



def _texts(section: Section):
    """Paragraphs and list items (any depth) with their lines."""
    def items(block):
        for it in block.items:
            yield it.text, it.line
            for child in it.children:
                if isinstance(child, ListBlock):
                    yield from items(child)
    for block in walk_blocks(section.blocks):
        if isinstance(block, Paragraph):
            yield block.text, block.line
        elif isinstance(block, ListBlock):
            yield from items(block)


def _from_sentences(doc: Document, section: Section):
    """list-inline: 'DBT skills are taught in four modules: a, b, c, and d.'"""
    for inline, line in _texts(section):
        text = inline.text
        if not COUNT.search(text):
            continue
        label = item_label(inline)
        label_set = set_name(label.text, whole=True) if label is not None else None
        for a, b in sentences(text):
            found = enumeration(squash(text[a:b]), label_set)
            if found is not None:
                name, members = found
                yield _card(doc, section, name, [Inline(p) for p in members], line,
                            "list-inline", 0.65)


def extract(doc: Document):
    used: set[int] = set()
    for index, section in enumerate(doc.sections):
        if _meta(section):
            continue
        for found in _from_intros(doc, section, used):
            if found is not None:
                yield found
        for found in _from_headings(doc, index, used):
            if found is not None:
                yield found
        yield from _from_sentences(doc, section)


EXTRACTOR = Extractor("list", "list", extract)
__all__ = ["EXTRACTOR", "extract", "set_name"]
