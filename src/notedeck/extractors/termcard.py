"""A term card from a name and a definition, and what may be a term's name at all.

Every term rule ends here: the name is cleaned (no bullets, emoji, wrapping quotes, list
labels such as ``a)``, brackets or pipes), and refused when it is a meta label ("Summary"),
a question, or a generic label that only names an attribute of something else ("Purpose",
"Side effects", "Management"). Such a label is a card only with the thing it belongs to:
a definitional label ("Definition:", "Concept:") defines its parent, any other names
both ("Side effects of insulin"). Refused too: a code over a claim ("A1: IF ... THEN ..."),
a place in a sequence ("Step 1"), a page's navigation ("View the source on GitHub"), and a
text that is mostly questions.
"""
from __future__ import annotations

import dataclasses
import re

from ..model import frozen_fields
from ..reading.document import Document, Inline, Section
from .base import Candidate, Rejected, section_label
from .termkinds import BODY_SYSTEMS, INVESTIGATIONS, qualified, qualifier
from .termlabels import (
    DEFINING_LABELS,
    attribute_label,
    entry_name,
    kind_name,
    named_with,
    names_a_kind,
    not_a_name,
    label_owner,
)
from .text import (capitalize_first, clean_name, is_meta_label, normalize_key, sentences,
                   strip_outer_quotes)

_SECOND_PERSON = re.compile(r"^(you|your|we|our|i|my|let’s|let's)\b", re.I)
_LIST_LABEL = re.compile(r"^\(?(?:[a-zA-Z]|[ivxIVX]{1,4}|\d{1,2})[.)]\s+")
# debris, code ("tp33/django:1.0") and manual page names ("gitfaq(7)")
_DEBRIS = re.compile(r"[|\[\]{}<>]|->|=>|<-|\\|\S:\S|\(\d\)$")


def term_name(term: str) -> str:
    """A term as it goes on a card: cleaned, without a list label ("a) ", "B. ")."""
    term = clean_name(term)
    term = _LIST_LABEL.sub("", term).strip()
    term = re.sub(r"\s*\{[^{}]*\}\s*$", "", term)       # a trailing {#anchor}
    return term.strip(" \"'“”‘’")


def term_card(doc: Document, section: Section, term: str, definition: Inline, line: int,
              rule: str, confidence: float, parent: str = "",
              defining_only: bool = False, aspect_ok: bool = False,
              shown: Inline | None = None) -> Candidate | Rejected | None:
    """The term card; a Rejected saying why when the line has a term's shape but ``term``
    cannot name one (`notedeck check` lists them), None when there is nothing to say.
    ``parent``: what a generic label belongs to (the item or heading above it);
    ``defining_only``: the parent takes only a definitional label (a heading over a list
    of its attributes: "Purpose: ..." under "Legislative Branch" is a detail of it,
    "Definition: ..." defines it); ``aspect_ok``: a sentence defines the name outright
    ("Features are additional pieces of information ..."), so a generic word may name it.
    ``shown``: the term as written, when the rule has it (its code and math are kept)."""
    raw = term_name(term)
    term = raw
    label = None if aspect_ok else attribute_label(term)
    if label is not None and label not in DEFINING_LABELS and " of " not in f" {label} " \
            and names_a_kind(term, definition.text):     # "Definition" always defines its owner
        label = None
    kind = qualifier(term) if label is None and not aspect_ok else None
    if kind in INVESTIGATIONS and names_a_kind(term, definition.text):
        kind = None         # "ECG: a recording of the heart's electrical activity"
    if (label is not None or kind is not None) and not parent and not defining_only \
            and clean_name(section.title) != raw and not is_meta_label(raw):
        # "**Rx**: ..." under "Asthma", or at the note's top; "**ECG**:" in its features
        parent = label_owner(doc, section, kind)
    if label is not None:
        named = None if defining_only and label not in DEFINING_LABELS else (
            named_with(label, parent) if parent else None)
        if named is None:
            return _refused(raw, f"'{raw}' names an aspect of something, not a term", line)
        term = named
    elif kind is not None:
        term = qualified(kind, clean_name(parent)) if parent and not attribute_label(parent) \
            and not qualifier(parent) else None
        if term is None:
            return _refused(raw, f"'{raw}' names a kind of something, not a term", line)
    if label is None and kind is None and parent in ("", section.title) \
            and rule in _ENTRY_RULES \
            and not names_a_kind(term, definition.text) and not_a_name(term) is None:
        # "## Steroids" under "# Management" in a note on COPD: "Steroids in COPD"
        term = entry_name(doc, section, term, heading=rule == "heading") or term
        above = [p for p in section.path if p][:-1 if rule == "heading" else None]
        term = kind_name(term, definition.text, above, rule != "heading") or term
    if label is None and kind is None and term.casefold() in BODY_SYSTEMS \
            and _under_an_aspect(section, rule) and not names_a_kind(term, definition.text):
        # "Skin: hyperpigmentation" under "Clinical features" ("Skin: the largest organ of
        # the body" defines it; "## Mouth" in a note on digestion is its topic)
        return _refused(raw, f"'{raw}' says where, not what", line)
    why = not_a_name(term, steps=rule.startswith("heading"))
    if why is not None:
        return _refused(raw, why, line)
    if _CODE.fullmatch(term) and _STATEMENT.search(definition.text[:200]):
        # "A1: IF typists use ... THEN ...", "H2: Sleep loss will ...": a label of a claim
        return _refused(raw, "a code labelling a statement, not a name", line)
    if _asks(definition.text):
        return _refused(raw, "the text asks questions, it defines nothing", line)
    if "://" in definition.text[-100:]:
        definition = _without_closing_link(definition)
    if _only_links(definition) or _URL.search(definition.text.rstrip(" .)")[-80:] + "$") \
            and _URL.fullmatch(definition.text.rstrip(" .)").split()[-1]):
        return _refused(raw, "the definition is only links", line)
    if _repeats(term, definition.text):
        return _refused(raw, "the definition only repeats the name", line)
    dangling = _dangling(definition.text)
    if dangling and dangling.start() > 0:
        definition = definition.slice(0, dangling.start())    # "..., such as:", "..., which"
    kept = definition.text.rstrip(" :")
    # (a cut end is its last word: searched for there, not at every space of the text)
    if "\n" not in definition.text and _CUT_END.search(kept, max(0, len(kept) - 16)) \
            and not definition.literal(len(kept) - 1):
        return _refused(raw, "the definition stops mid-sentence", line)
    definition = capitalize_first(strip_outer_quotes(definition.strip(" \t\n:;—–-")))
    words = term.split()
    if not term or not words:
        return None
    if len(words) > 8 or len(term) > 80:
        return _refused(raw, "too long for a term's name", line)
    if is_meta_label(term):
        return _refused(raw, f"'{raw}' is a label (like Note or Summary), not a term", line)
    if _DEBRIS.search(term) or term[:1] in "(\"'“‘" or not any(ch.isalpha() for ch in term) \
            or re.search(r"[\"“”]", term) \
            or term.count("(") != term.count(")") or "_" in term:
        return _refused(raw, "the name holds code, markup or quotes", line)
    if len(definition.text.split()) < 2:
        return _refused(raw, _ONE_WORD, line)
    if confidence < 0.9 and _SECOND_PERSON.match(definition.text):
        # "You feel met with care": a step addressed to the reader, not a definition
        return _refused(raw, _TO_THE_READER, line)
    if "?" in term:
        return None     # a question ("PostgreSQL? How is it pronounced"): qa.py's
    at = shown.text.find(term) if shown is not None and (shown.code or shown.math) else -1
    term_html = dataclasses.replace(shown.slice(at, at + len(term)), strong=(), emph=()).html() \
        if at >= 0 else Inline(term).html()
    return Candidate("term", normalize_key(term),
                     frozen_fields(term=term_html, definition=definition.html()),
                     line, section_label(doc, section), rule, confidence)


# A definition cut before its end: "A dermatophyte fungus that causes the", "... form of".
_CUT_END = re.compile(r"\s(?:the|an?|of|to|and|or|with|for|by|as|from|that|which|who|this|"
                      r"these|its|their|than|into|at|is|are|was|were)$")
# A lead into what the definition does not hold: "functional groups, such as:".
# (one list for the pattern and for the cheap look at the text's end that guards it)
_DANGLING_WORDS = ("such as", "including", "for example", "for instance", "e.g", "e.g.", "like",
                   "which", "that", "who", "as follows")
_DANGLING = re.compile(r",?\s+(?:" + "|".join(map(re.escape, _DANGLING_WORDS)) + r")\s*:?\s*$")
_URL = re.compile(r"\S*(?:https?://|www\.)\S*")


def _dangling(text: str) -> re.Match | None:
    """_DANGLING's match; searched for only in a text that ends with one of its words
    (then a colon, spaces), as every match does: it opens with an optional comma, which
    re tries at every position of the text."""
    end = text.rstrip()
    end = end[:-1].rstrip() if end.endswith(":") else end
    return _DANGLING.search(text) if end.endswith(_DANGLING_WORDS) else None


# A code of one or two capitals and a number ("A1", "H2", "RQ1"), and the words of a claim.
_CODE = re.compile(r"[A-Z]{1,2}\d{1,2}")
_STATEMENT = re.compile(r"^\s*(?:if|when|unless)\b|\b(?:should|must|will|would|is|are|was|were|"
                        r"does|do)\b", re.I)


def _asks(text: str) -> bool:
    """A text that is mostly questions ("Research questions are about ... For example:" /
    "How do you ...?" / "Why do we ...?") asks; it does not define. (One question may
    define: "Inferences: What can the results tell us?")"""
    lines = [part.strip() for part in text.split("\n") if part.strip()]
    if len(lines) == 1 and text.count("?") >= 3:
        # "Network mapping: What IP addresses are local? What is the subnet? ..."
        lines = [part.strip() for part in re.split(r"(?<=[.?!])\s+", text) if part.strip()]
    return len(lines) >= 3 and sum(part.endswith("?") for part in lines) * 2 > len(lines)


# Rules whose name is an entry of its section (a heading, a labelled line), not a sentence's
_ENTRY_RULES = {"heading", "glossary-line", "bold-lead", "keyed-table", "equals-line"}


def _under_an_aspect(section: Section, rule: str) -> bool:
    """Whether a heading above the name is a generic label ("Side effects", "Clinical
    features"): what is listed under it are entries of that aspect."""
    above = [p for p in section.path if p]
    if rule.startswith("heading"):
        above = above[:-1]      # the heading is the name itself
    return any(attribute_label(clean_name(p)) for p in above)


def _without_closing_link(definition: Inline) -> Inline:
    """"... develops the standards of the Internet. See http://www.ietf.org": the pointer
    closing a glossary's entry (docs glossaries end many so) is no part of the definition."""
    spans = sentences(definition.text)
    if len(spans) >= 2 and _URL.search(definition.text[spans[-1][0]:]):
        return definition.slice(0, spans[-2][1]).strip()
    return definition


def _only_links(definition: Inline) -> bool:
    """"By University of Bristol: [Website](...), [PDF](...)", "https://...": links, not
    a definition."""
    text = _unlinked(definition) if definition.links else definition.text
    if definition.links and not re.search(r"[A-Za-z]{3}", text):
        return True
    if "://" not in text:
        return False
    rest = _URL.sub("", text).strip()
    # (a label over its link, "Derivation from older scripts: https://...", is a link too)
    return len(rest.split()) < 3 or rest.endswith(":")


def _repeats(term: str, definition: str) -> bool:
    """"Signal Modulation: Signal Modulation Schemes": the name again, no definition."""
    name = normalize_key(term)
    # Most definitions are far longer than their name: counted before normalising them.
    # Each word holding an ASCII letter or digit stays a word of the key (NFKC and casefold
    # keep it a word character), and the key drops at most two ("the", a last "(X)").
    limit = len(name.split()) + 4
    head = definition.split(None, limit + 1)[:limit + 1]
    if sum(1 for w in head if _ASCII_WORD.search(w)) > limit:
        return False
    text = normalize_key(definition)
    return text.startswith(name) and len(text.split()) <= len(name.split()) + 2


_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def _unlinked(definition: Inline) -> str:
    text, last = [], 0
    for s, e, _ in definition.links:
        text.append(definition.text[last:s])
        last = e
    text.append(definition.text[last:])
    return "".join(text)


def _refused(term: str, reason: str, line: int) -> Rejected:
    return Rejected("term", term[:60], reason, line)


def is_card(found) -> bool:
    return isinstance(found, Candidate)


_ONE_WORD = "the definition is a single word"
_TO_THE_READER = "the text speaks to the reader, it defines nothing"


def has_term_shape(found) -> bool:
    """A card, or a line refused for its name only ("Purpose: ..."): a line of a glossary.
    One refused for what follows the name ("New step: You feel ...") reads as prose."""
    return is_card(found) or isinstance(found, Rejected) and found.reason not in (
        _ONE_WORD, _TO_THE_READER)
