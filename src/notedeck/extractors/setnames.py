"""Naming a set and its members, for the list extractor (lists.py).

A set is named by a count ("the four attachment styles") or a collective noun ("Core
components:") in a sentence or heading; its members are the list's items, cut to their
labels or first clauses.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..reading.document import Inline
from .text import NUMBER_WORDS, clean_name, squash

MIN_ITEMS, MAX_ITEMS = 2, 12
MAX_ITEM = 100          # an unlabelled item longer than this is a sentence, not a member
LONG_ITEM = 60          # longer items are cut to their first clause
MAX_LABEL = 60
MAX_INLINE_WORDS = 7    # words in one member of an in-line enumeration
MAX_COUNTS = 12         # numbers looked at in one sentence (notes can be hostile)

COUNT = re.compile(r"(?<![\w’'-])(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")(?=\s)", re.I)
COLLECTIVE = {
    "components", "principles", "pillars", "stages", "phases", "styles", "domains", "types",
    "kinds", "categories", "steps", "signs", "symptoms", "processes", "modules", "skills",
    "systems", "elements", "factors", "dimensions", "levels", "tenets", "functions",
    "features", "characteristics", "traits", "qualities", "states", "strategies",
    "techniques", "mechanisms", "needs", "modes",
}
_COLLECTIVE_ONE = {w.rstrip("s") for w in COLLECTIVE} | {"examination", "event", "factor"}
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
STOP = {"the", "these", "those", "this", "its", "their", "our", "your", "his", "her", "a",
         "an", "following", "of", "in", "into", "to", "are", "is", "has", "have", "with",
         "for", "on", "several", "some", "many", "and", "or", "there", "were", "was", "be",
         "all", "about", "around", "at", "by", "from", "as", "what", "which", "that"}
_LEAD = re.compile(r"^(?:the|these|those|its|their|our|your|his|her|following|(?:a\s+)?(?:list|"
                   r"summary|overview)\s+of(?:\s+the)?)\s+", re.I)
_LIST_OF = re.compile(r"^(?:a\s+)?(?:list|lists|summary|overview)\s+of\s+(?:the\s+)?", re.I)
# "steps of RNA transcription are": the verb that led into the items is no part of the name
_TRAILING_VERB = re.compile(r"\s+(?:are|is|were|include|includes|involve|involves)$", re.I)
# A name that opens with one of these is a fragment ("without psychotic features")
_NOT_AN_OPENING = {"without", "with", "for", "in", "on", "of", "and", "or", "but", "if", "when",
                   "to", "from", "by", "at", "as", "than", "which", "that", "who"}
# Words that qualify a set without saying whose it is: "the 3 (clinical) features" needs
# the thing they are the features of.
GENERIC_WORDS = {
    "main", "key", "core", "basic", "major", "common", "typical", "essential",
    "important", "different", "various", "specific", "several", "other", "general",
    "distinct", "advanced", "more", "true", "classic", "classical", "cardinal", "principal",
    "clinical", "risk", "predisposing", "precipitating", "warning", "presenting",
    "associated", "possible", "potential", "characteristic", "usual", "early", "late",
    "additional", "further", "red", "flag", "simple",
}
_INTRO_END = re.compile(r"\s+(?:are|is|were|include|includes|including|are as follows|"
                        r"as follows|below|listed below|are listed below|follow)$", re.I)
_PARENS = re.compile(r"\s*\(([^()]*)\)")
_CITES = re.compile(r"\b(?:1[89]|20)\d{2}[a-z]?\b|\bet al\b")
_DASH_LABEL = re.compile(r"^([^:—–]{1,%d}?)\s+(?:[—–]|-{1,2})\s+\S" % MAX_LABEL)
_COLON_LABEL = re.compile(r"^([^:—–]{1,%d}?):\s+\S" % MAX_LABEL)
_QA = re.compile(r"^\s*(?:Q|A|Question|Answer)\s*\d*\s*[:.)]\s", re.I)
_REFERENCE = re.compile(r"https?://|www\.|\(\d{4}[a-z]?\)|\b(?:19|20)\d{2}\)?\.\s|\bdoi\b", re.I)
NUMBERED_TITLE = re.compile(r"^\s*(\d{1,2})[.)]\s+\S")
_CLAUSE = re.compile(r",\s|;\s|\s[—–]\s|—|:\s|\s\(")
VERSUS = re.compile(r"\s+(?:vs\.?|versus)\s+", re.I)
_TRIGGER = re.compile(r":\s+|\s+(?:are|include|includes|were)\s+|,?\s+(?:including|such as|"
                      r"namely)\s+")
_DIMENSION = re.compile(r"\d\s*[*x×]\s*\d")
_CLAUSE_MEMBER = re.compile(r"^(?:within|with|without|for|in|on|of|by|from|to|at|as|than|which|"
                            r"that|who|they|it|we|you|he|she|but|if|when)\s|\s(?:is|are|was|"
                            r"were|can|will|would)\s", re.I)
_ITEM_LEAD = re.compile(r"^(?:(?:and|or|then|plus|a|an)\s+)+", re.I)


@dataclass(frozen=True)
class SetName:
    name: str               # the set as the prompt names it, without its count
    count: int | None       # the count the note gives, if any


# ---- naming the set ------------------------------------------------------------------------

def _uncite(text: str) -> str:
    """Without citations: "(Siegel, 2012)", "(Hazan et al.)"."""
    return _PARENS.sub(lambda m: "" if _CITES.search(m.group(1)) else m.group(0), text)


def count_of(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


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
    if not words or _bare(words[0]) in STOP or not re.match(r"[A-Za-z]", words[0]):
        return None
    head = next((i for i, w in enumerate(words[:4]) if _plural(w)), None)
    if head is None or _bare(words[head]) in _NOT_A_SET:
        return None
    if any(_bare(w) in STOP for w in words[:head]):
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
        if any(_bare(w) in _NOT_AN_OPENING for w in words[start:head]):
            return None     # "ATP's use in cellular processes": the set is not "processes"
    else:
        while start > 0 and head - start < 3:
            w = words[start - 1]
            bare = _bare(w)
            if bare in STOP or _plural(w) and bare not in _MODIFIERS \
                    or not re.fullmatch(r"[\w’'-]+", w):
                break
            start -= 1
        if 0 < start and _bare(words[start]).endswith("ing") and _plural(words[start - 1]):
            start -= 1      # "Conditions affecting hormone levels": the conditions are the set
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
    text = _LIST_OF.sub("", text)       # "List of Factors that Increase IGF-1": the factors
    if not text:
        return None
    for m in itertools.islice(COUNT.finditer(text), MAX_COUNTS):
        count = count_of(m.group(1))
        if not MIN_ITEMS <= count <= MAX_ITEMS:
            continue
        phrase = _phrase_after_count(text[m.end():m.end() + 200].strip())
        if phrase:
            return _named(SetName(tidy(phrase, whole), count))
    if whole and re.search(r"[?!,;]|\.\s|\.$", text):
        return None     # "Strategies, Prompts, and Practices" titles topics, not a set
    words = _words(text)
    heads = [i for i, w in enumerate(words) if _is_collective(w)
             or i > 0 and _bare(words[i - 1]) == "core" and _plural(w)]
    if not heads:
        return None
    phrase = _phrase_around(words, heads[-1], whole)
    if phrase is None and whole and heads[0] < heads[-1]:
        phrase = _phrase_around(words, heads[0], whole)     # "Types of Reproductive Strategies"
    if not phrase or len(phrase.split()) > 10:
        return None
    return _named(SetName(tidy(_cut(phrase), whole), None))


def _named(name: SetName) -> SetName | None:
    """None for a fragment: "without psychotic features", "nodes which"."""
    words = name.name.lower().split()
    if not words or words[0] in _NOT_AN_OPENING or words[-1] in _NOT_AN_OPENING:
        return None
    return name


def is_fragment(text: str) -> bool:
    """"In Cybersecurity", "Inspecting a table": a phrase that names no thing."""
    words = text.lower().split()
    return not words or words[0] in _NOT_AN_OPENING or words[0].endswith("ing")


def needs_subject(name: str, plural: bool = True) -> bool:
    """"clinical features", "3 main components", "true joints": a set named only by
    generic words, which says nothing without what it belongs to. With ``plural`` False,
    a heading such as "Risk Factor" or "General examination" too."""
    words = [w.lower() for w in name.split()]
    if not 0 < len(words) <= 3 or not all(w in GENERIC_WORDS for w in words[:-1]):
        return False
    if plural:
        return _plural(words[-1])
    last = words[-1].rstrip("s")
    return len(words) > 1 or last in _COLLECTIVE_ONE


def tidy(name: str, title_case: bool) -> str:
    name = _LEAD.sub("", squash(name)).strip(" .:")
    name = _LEAD.sub("", name)
    name = _TRAILING_VERB.sub("", name)
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


def prompt(name: SetName, n: int) -> str:
    return f"Name the {n} {name.name}"


# ---- items ---------------------------------------------------------------------------------

def item_label(inline: Inline) -> Inline | None:
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


def _member(inline: Inline) -> tuple[Inline, Inline]:
    """An unlabelled item as a list member, cut to its first clause when long, and what
    the cut left (its description)."""
    inline = inline.strip()
    cite = list(_PARENS.finditer(inline.text))
    if cite and _CITES.search(cite[-1].group(1)) and not inline.text[cite[-1].end():].strip(" .,;"):
        inline = inline.slice(0, cite[-1].start())
    rest = Inline("")
    if len(inline.text) > LONG_ITEM:
        m = _CLAUSE.search(inline.text, 3)
        if m:
            inline, rest = inline.slice(0, m.start()), inline.slice(m.start())
    return inline.strip(" \t\n.,;:"), _description(rest)


def _description(rest: Inline) -> Inline:
    return rest.strip().strip(":—–-,; \t\n").strip()


def _labelled_rest(inline: Inline) -> Inline:
    """What follows an item's label (``**Label:** rest``, ``Label — rest``)."""
    end = inline.bold_prefix()
    if not end:
        text = inline.text.strip()
        m = _DASH_LABEL.match(text) or _COLON_LABEL.match(text)
        end = (len(inline.text) - len(inline.text.lstrip())) + m.end(1) if m else 0
    return _description(inline.slice(end)) if end else Inline("")


def list_items(items: list[Inline], counted: bool
               ) -> tuple[list[tuple[Inline, Inline]] | None, str]:
    """(members, '') or (None, why the list is no set) for a list's item texts. A member
    comes with its description: what the item says after its label or first clause."""
    if len(items) < MIN_ITEMS:
        return None, "a list of one item"
    if len(items) > MAX_ITEMS:
        return None, f"more than {MAX_ITEMS} items"
    if any(_QA.match(t.text) for t in items) or \
            sum(t.text.rstrip().endswith("?") for t in items) * 2 > len(items):
        return None, "questions, not a set"
    if sum(bool(_REFERENCE.search(t.text)) for t in items) * 2 >= len(items):
        return None, "references or links, not a set"
    labels = [item_label(t) for t in items]
    labelled = sum(lab is not None for lab in labels)
    if labelled * 2 > len(items) and not counted:
        return None, "a glossary: its items are term cards"
    out = []
    for text, lab in zip(items, labels):
        if lab is not None and labelled * 2 > len(items):
            member = (lab, _labelled_rest(text))
        else:
            if len(text.text.strip()) > MAX_ITEM:
                return None, "items are long sentences"
            member = _member(text)
        if not member[0].text or not re.search(r"\w", member[0].text):
            return None, "an empty item"
        out.append(member)
    if _placeholders([m for m, _ in out]):
        return None, "numbered placeholders ('Phase 1', 'Phase 2'), not members"
    return out, ""


_PLACEHOLDER = re.compile(r"^(?:the\s+)?([A-Za-z]+)\s+(?:\d{1,2}|[A-Z]|one|two|three|four|five|"
                          r"six|first|second|third)$", re.I)


def _placeholders(items: list[Inline]) -> bool:
    """"Phase 1" / "Phase 2", "subnet one" / "subnet two": items that only count."""
    found = [_PLACEHOLDER.match(t.text.strip(" .")) for t in items]
    return all(found) and len({m.group(1).lower() for m in found if m}) == 1


def cross_refs(items: list[Inline], count: int | None) -> list[Inline]:
    """Drop trailing ``**Label (IFS):**`` items that link another model, when the count says
    the set ends before them ("three autonomic states:" + three states + a PVT aside)."""
    if count is None or len(items) <= count:
        return items
    extra = items[count:]
    if all(re.search(r"\([A-Z]{2,6}\)\s*$", (item_label(t) or Inline("")).text) for t in extra):
        return items[:count]
    return items



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


def enumeration(sent: str, label: SetName | None):
    """(SetName, members) for 'N <things> [are|:|including] a, b, ..., and z.', or None."""
    for m in itertools.islice(COUNT.finditer(sent), MAX_COUNTS):
        count = count_of(m.group(1))
        if not MIN_ITEMS <= count <= MAX_ITEMS or _DIMENSION.search(sent[max(0, m.start() - 4):
                                                                         m.end() + 4]):
            continue        # "2 * 2 tables": a size, not a count
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
               or _CLAUSE_MEMBER.search(p) for p in members):
            continue        # "within the same forest", "parity is 1": clauses, not members
        name = label if label is not None and label.count in (None, count) else \
            _named(SetName(tidy(phrase, False), count))
        if name is None:
            continue
        return SetName(name.name, count), members
    return None


