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
from dataclasses import dataclass

from ..model import frozen_fields
from ..reading.document import Document, Inline, ListBlock, Paragraph, Section
from .base import Candidate, Extractor, Rejected, section_label, walk_blocks
from .headings import _NOT_A_NAME, heading_name
from .text import clean_name, is_meta_label, normalize_key, sentences, squash

MIN_ITEMS, MAX_ITEMS = 2, 12
MAX_ITEM = 100          # an unlabelled item longer than this is a sentence, not a member
LONG_ITEM = 60          # longer items are cut to their first clause
MAX_LABEL = 60
MAX_INLINE_WORDS = 7    # words in one member of an in-line enumeration
MAX_COUNTS = 12         # numbers looked at in one sentence (notes can be hostile)

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_COUNT = re.compile(r"(?<![\w’'-])(\d{1,2}|" + "|".join(_NUMBERS) + r")(?=\s)", re.I)
COLLECTIVE = {
    "components", "principles", "pillars", "stages", "phases", "styles", "domains", "types",
    "kinds", "categories", "steps", "signs", "symptoms", "processes", "modules", "skills",
    "systems", "elements", "factors", "dimensions", "levels", "tenets", "functions",
    "features", "characteristics", "traits", "qualities", "states", "strategies",
    "techniques", "mechanisms", "needs", "modes",
}
# Plural nouns a count can go with that never name a set worth a card.
_NOT_A_SET = {"times", "years", "months", "weeks", "days", "hours", "minutes", "seconds",
              "sessions", "people", "patients", "participants", "clients", "percent", "others",
              "ones", "things", "ways", "studies", "trials", "decades", "children", "adults",
              "men", "women", "authors", "researchers", "books", "articles", "pages", "tips",
              "tricks", "examples", "resources", "links", "quotes", "notes",
              "reminders", "takeaways", "highlights", "words", "sentences", "lines", "items"}
# Collective nouns that are also verbs: "The right brain processes:" introduces no set.
_VERBISH = {"processes", "signs", "steps", "stages", "types", "styles", "factors", "needs",
            "functions", "features", "levels", "states", "modes"}
# Words that may stand before a verb-like collective noun and make it a noun.
_MODIFIERS = {"the", "these", "following", "main", "key", "core", "basic", "major", "common",
              "typical", "primary", "essential", "early", "warning", "several", "different",
              "its", "their", "our", "your", "his", "her", "first", "final", "central",
              "important", "various", "specific", "universal", "underlying"}
# Words a set's name may continue with after its head noun: "types of memory".
_TAIL_START = {"of", "in", "for", "from", "that", "which", "where", "who", "based", "used",
               "to", "within", "behind", "underlying", "across", "at", "on", "involved",
               "needed", "required", "associated", "described", "identified", "proposed",
               "outlined", "linked", "by", "we", "you", "i"}
_STOP = {"the", "these", "those", "this", "its", "their", "our", "your", "his", "her", "a",
         "an", "following", "of", "in", "into", "to", "are", "is", "has", "have", "with",
         "for", "on", "several", "some", "many", "and", "or", "there", "were", "was", "be",
         "all", "about", "around", "at", "by", "from", "as", "what", "which", "that"}
_LEAD = re.compile(r"^(?:the|these|those|its|their|our|your|his|her|following)\s+", re.I)
_INTRO_END = re.compile(r"\s+(?:are|is|were|include|includes|including|are as follows|"
                        r"as follows|below|listed below|are listed below|follow)$", re.I)
_PARENS = re.compile(r"\s*\(([^()]*)\)")
_CITES = re.compile(r"\b(?:1[89]|20)\d{2}[a-z]?\b|\bet al\b")
_DASH_LABEL = re.compile(r"^([^:—–]{1,%d}?)\s+(?:[—–]|-{1,2})\s+\S" % MAX_LABEL)
_COLON_LABEL = re.compile(r"^([^:—–]{1,%d}?):\s+\S" % MAX_LABEL)
_QA = re.compile(r"^\s*(?:Q|A|Question|Answer)\s*\d*\s*[:.)]\s", re.I)
_REFERENCE = re.compile(r"https?://|www\.|\(\d{4}[a-z]?\)|\b(?:19|20)\d{2}\)?\.\s|\bdoi\b", re.I)
_NUMBERED_TITLE = re.compile(r"^\s*(\d{1,2})[.)]\s+\S")
_CLAUSE = re.compile(r",\s|;\s|\s[—–]\s|—|:\s|\s\(")
_VERSUS = re.compile(r"\s+(?:vs\.?|versus)\s+", re.I)
_TRIGGER = re.compile(r":\s+|\s+(?:are|include|includes|were)\s+|,?\s+(?:including|such as|"
                      r"namely)\s+")
_ITEM_LEAD = re.compile(r"^(?:(?:and|or|then|plus|a|an)\s+)+", re.I)


@dataclass(frozen=True)
class SetName:
    name: str               # the set as the prompt names it, without its count
    count: int | None       # the count the note gives, if any


# ---- naming the set ------------------------------------------------------------------------

def _uncite(text: str) -> str:
    """Without citations: "(Siegel, 2012)", "(Hazan et al.)"."""
    return _PARENS.sub(lambda m: "" if _CITES.search(m.group(1)) else m.group(0), text)


def _count_of(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _words(text: str) -> list[str]:
    return text.split()


def _bare(word: str) -> str:
    return re.sub(r"[^\w’'-]", "", word).lower()


def _plural(word: str) -> bool:
    w = _bare(word)
    return len(w) > 2 and (w.endswith("s") and not w.endswith("ss") or w.endswith("men")) \
        or w.endswith(("’s", "'s")) or w in ("criteria", "phenomena", "people", "children")


def _cut(text: str) -> str:
    """A phrase up to its first comma, dash, colon or aside: what names the set."""
    text = _uncite(text)
    m = re.search(r",|;|:|\s[—–]\s|—|\(|\.\s|\.$", text)
    return squash(text[:m.start()] if m else text)


def _is_collective(word: str) -> bool:
    return _bare(word) in COLLECTIVE


def _tail_start(word: str) -> bool:
    return re.split(r"[’']", _bare(word))[0] in _TAIL_START     # "of", "that", "you’ll"


def _phrase_after_count(text: str) -> str | None:
    """``major components that shape our wellness`` after a count: the set's name, or None
    when what follows the number is no plural noun phrase (``8 to 16 sessions``)."""
    words = _words(_cut(text))[:12]
    if not words or _bare(words[0]) in _STOP or not re.match(r"[A-Za-z]", words[0]):
        return None
    head = next((i for i, w in enumerate(words[:4]) if _plural(w)), None)
    if head is None or _bare(words[head]) in _NOT_A_SET:
        return None
    if any(_bare(w) in _STOP for w in words[:head]):
        return None
    if head + 1 < len(words) and not _tail_start(words[head + 1]):
        words = words[:head + 1]
    return " ".join(words).rstrip(".")


def _adjective(word: str) -> bool:
    return word in _MODIFIERS or word.endswith(("al", "ive", "ic", "ous", "ful", "ent", "ant",
                                                "ary", "ed", "ing", "ble"))


def _phrase_around(words: list[str], head: int, whole: bool) -> str | None:
    """The noun phrase with the collective noun ``words[head]`` as its head: a heading or
    label from its start, a sentence from up to three modifiers before the head."""
    start = head
    if whole:
        start = 0
        while start < head and _bare(words[start]) in ("the", "a", "an", "these", "our"):
            start += 1
    else:
        while start > 0 and head - start < 3:
            w = words[start - 1]
            bare = _bare(w)
            if bare in _STOP or _plural(w) and bare not in _MODIFIERS \
                    or not re.fullmatch(r"[\w’'-]+", w):
                break
            start -= 1
    tail = words[head + 1:]
    if tail and not _tail_start(tail[0]):
        return None     # "Core Skills Training": the head is not the set
    if not whole and not tail and _bare(words[head]) in _VERBISH and start < head \
            and start > 0 and _bare(words[start - 1]) in ("the", "a", "an", "this") \
            and not _adjective(_bare(words[head - 1])):
        return None     # "The right brain processes:": a verb, not a set
    return " ".join(words[start:head + 1] + tail)


def set_name(text: str, whole: bool = False) -> SetName | None:
    """What set a sentence (ending in ':'), heading or bold label names, if it names one.

    ``whole``: the text is a heading or label, all of it the name ("Signs of Integration");
    otherwise a sentence in which to find the noun phrase ("IPNB highlights three major
    components that shape our wellness").
    """
    text = squash(_uncite(text)).rstrip(" :")
    text = _INTRO_END.sub("", text).strip()
    if not text:
        return None
    for m in itertools.islice(_COUNT.finditer(text), MAX_COUNTS):
        count = _count_of(m.group(1))
        if not MIN_ITEMS <= count <= MAX_ITEMS:
            continue
        phrase = _phrase_after_count(text[m.end():m.end() + 200].strip())
        if phrase:
            return SetName(_tidy(phrase, whole), count)
    if whole and re.search(r"[?!,;]|\.\s|\.$", text):
        return None     # "Strategies, Prompts, and Practices" titles topics, not a set
    words = _words(text)
    heads = [i for i, w in enumerate(words) if _is_collective(w)
             or i > 0 and _bare(words[i - 1]) == "core" and _plural(w)]
    if not heads:
        return None
    phrase = _phrase_around(words, heads[-1], whole)
    if not phrase or len(phrase.split()) > 10:
        return None
    return SetName(_tidy(_cut(phrase), whole), None)


def _tidy(name: str, title_case: bool) -> str:
    name = _LEAD.sub("", squash(name)).strip(" .:")
    name = _LEAD.sub("", name)
    words = name.split()
    if title_case:      # "Core Processes" -> "core processes"; acronyms keep their case
        caps = [w for w in words if w[:1].isupper()]
        if len(caps) * 2 >= len(words):
            name = " ".join(_lower_word(w) for w in words)
    elif words and re.fullmatch(r"[A-Z][a-z]+", words[0]) and \
            (words[0].lower() in _MODIFIERS or words[0].lower() in COLLECTIVE):
        name = words[0].lower() + name[len(words[0]):]     # "Key tissue systems:" opens a sentence
    return name


def _lower_word(word: str) -> str:
    """'Processes' -> 'processes', 'Non-Mentalizing' -> 'non-mentalizing'; 'IFS', 'McGill',
    'C’s' stay as they are."""
    parts = word.split("-")
    if all(re.fullmatch(r"[A-Z][a-z’']+|[a-z’']+", p) for p in parts) and \
            any(len(p) > 1 and p[0].isupper() for p in parts):
        return "-".join(p[0].lower() + p[1:] for p in parts)
    return word


def _prompt(name: SetName, n: int) -> str:
    return f"Name the {n} {name.name}"


# ---- items ---------------------------------------------------------------------------------

def _label(inline: Inline) -> Inline | None:
    """``**Label:** text`` / ``Label — text`` / ``Label: text``: the label, else None."""
    end = inline.bold_prefix()
    if end:
        rest = inline.text[end:]
        bold = inline.text[:end].strip()
        if bold.endswith(":") or re.match(r"^\s*(?::|[—–]|-{1,2}\s)", rest) or not rest.strip():
            return Inline(clean_name(bold))
    text = inline.text.strip()
    m = _DASH_LABEL.match(text) or _COLON_LABEL.match(text)
    if m and len(m.group(1).split()) <= 6 and not re.search(r"[.!?]", m.group(1)):
        return Inline(clean_name(m.group(1)))
    return None


def _member(inline: Inline) -> Inline:
    """An unlabelled item as a list member: cut to its first clause when long."""
    inline = inline.strip()
    cite = list(_PARENS.finditer(inline.text))
    if cite and _CITES.search(cite[-1].group(1)) and not inline.text[cite[-1].end():].strip(" .,;"):
        inline = inline.slice(0, cite[-1].start())
    if len(inline.text) > LONG_ITEM:
        m = _CLAUSE.search(inline.text, 3)
        if m:
            inline = inline.slice(0, m.start())
    return inline.strip(" \t\n.,;:")


def list_items(items: list[Inline], counted: bool) -> tuple[list[Inline] | None, str]:
    """(members, '') or (None, why the list is no set) for a list's item texts."""
    if len(items) < MIN_ITEMS:
        return None, "a list of one item"
    if len(items) > MAX_ITEMS:
        return None, f"more than {MAX_ITEMS} items"
    if any(_QA.match(t.text) for t in items) or \
            sum(t.text.rstrip().endswith("?") for t in items) * 2 > len(items):
        return None, "questions, not a set"
    if sum(bool(_REFERENCE.search(t.text)) for t in items) * 2 >= len(items):
        return None, "references or links, not a set"
    labels = [_label(t) for t in items]
    labelled = sum(lab is not None for lab in labels)
    if labelled * 2 > len(items) and not counted:
        return None, "a glossary: its items are term cards"
    out = []
    for text, lab in zip(items, labels):
        if lab is not None and labelled * 2 > len(items):
            member = lab
        else:
            if len(text.text.strip()) > MAX_ITEM:
                return None, "items are long sentences"
            member = _member(text)
        if not member.text or not re.search(r"\w", member.text):
            return None, "an empty item"
        out.append(member)
    return out, ""


def _cross_refs(items: list[Inline], count: int | None) -> list[Inline]:
    """Drop trailing ``**Label (IFS):**`` items that link another model, when the count says
    the set ends before them ("three autonomic states:" + three states + a PVT aside)."""
    if count is None or len(items) <= count:
        return items
    extra = items[count:]
    if all(re.search(r"\([A-Z]{2,6}\)\s*$", (_label(t) or Inline("")).text) for t in extra):
        return items[:count]
    return items


# ---- the card --------------------------------------------------------------------------

def _card(doc: Document, section: Section, name: SetName, texts: list[Inline], line: int,
          rule: str, confidence: float = 0.7):
    texts = _cross_refs(texts, name.count)
    if name.count is not None and name.count != len(texts):
        return Rejected("list", name.name, f"says {name.count} but lists {len(texts)} items",
                        line)
    members, why = list_items(texts, name.count is not None)
    if members is None:
        return Rejected("list", name.name, why, line)
    key = normalize_key(name.name)
    if not key:
        return None
    return Candidate("list", key,
                     frozen_fields(prompt=Inline(_prompt(name, len(members))).html(),
                                   items=tuple(m.html() for m in members)),
                     line, section_label(doc, section), rule, confidence)


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
    if not title or len(title.split()) > 10 or title.endswith("?") or _NOT_A_NAME.match(title):
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
        m = _NUMBERED_TITLE.match(sub.title)
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
        parts = _VERSUS.split(title)
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
            said = [_count_of(m.group(1)) for m in itertools.islice(
                _COUNT.finditer(_lead_sentence(blocks[0].text) or ""), MAX_COUNTS)]
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
        right = SetName(f"{m.group(1)} {_tidy(parts[1], True)}", None)
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
    words = {w for w in re.findall(r"[\w’'-]+", name.name.lower()) if w not in _STOP}
    words |= {w.rstrip("s") for w in words}
    if not all(words & {w.lower() for w in re.findall(r"[\w’'-]+", n.text)} for n in names):
        return None
    return _card(doc, section, name, names, lead.line, "list-intro")


# ---- enumerations in a sentence ------------------------------------------------------------

def _split_enumeration(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    parts = [p.strip() for p in parts if p.strip()]
    if parts and not re.match(r"^(?:and|or|then)\s", parts[-1]):
        last = parts.pop()
        pieces = re.split(r"\s+(?:and|then)\s+(?![^()]*\))", last)
        parts.extend(pieces if len(pieces) == 2 else [last])
    return parts


def _enumeration(sent: str, label: SetName | None):
    """(SetName, members) for 'N <things> [are|:|including] a, b, ..., and z.', or None."""
    for m in itertools.islice(_COUNT.finditer(sent), MAX_COUNTS):
        count = _count_of(m.group(1))
        if not MIN_ITEMS <= count <= MAX_ITEMS:
            continue
        trigger = _TRIGGER.search(sent, m.end(), m.end() + 100)
        if trigger is None:
            continue
        phrase = _phrase_after_count(sent[m.end():trigger.start()].strip())
        if not phrase:
            continue
        body = re.split(r"\s*[—;]\s*|\s+–\s+", sent[trigger.end():], maxsplit=1)[0]
        body = body.strip().rstrip(".")
        if len(body) > MAX_ITEMS * (MAX_LABEL + 2):
            continue
        members = [_ITEM_LEAD.sub("", p).strip() for p in _split_enumeration(body)]
        if len(members) != count:
            continue
        if any(not p or len(re.sub(r"\([^()]*\)", "", p).split()) > MAX_INLINE_WORDS
               or len(p) > MAX_LABEL or ":" in p or not re.match(r"[\w“\"']", p)
               for p in members):
            continue
        name = label if label is not None and label.count in (None, count) else \
            SetName(_tidy(phrase, False), count)
        return SetName(name.name, count), members
    return None


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
        if not _COUNT.search(text):
            continue
        label = _label(inline)
        label_set = set_name(label.text, whole=True) if label is not None else None
        for a, b in sentences(text):
            found = _enumeration(squash(text[a:b]), label_set)
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
