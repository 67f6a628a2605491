"""A term card from a name and a definition, and what may be a term's name at all.

Every term rule ends here: the name is cleaned (no bullets, emoji, wrapping quotes, list
labels such as ``a)``, brackets or pipes), and refused when it is a meta label ("Summary"),
a question, or a generic label that only names an attribute of something else ("Purpose",
"Side effects", "Management"). Such a label is a card only with the thing it belongs to:
a definitional label ("Definition:", "Concept:") defines its parent, any other names
both ("Side effects of insulin").
"""
from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata

from ..model import frozen_fields
from ..reading.document import Document, Inline, Section
from .base import Candidate, Rejected, section_label
from .text import capitalize_first, clean_name, is_meta_label, normalize_key, strip_outer_quotes

_SECOND_PERSON = re.compile(r"^(you|your|we|our|i|my|let’s|let's)\b", re.I)
# Labels that introduce the definition of their parent ("- **Definition:** ...").
DEFINING_LABELS = {"definition", "concept", "meaning", "description", "what it is", "defined",
                   "def", "explanation", "idea", "what"}
# Nouns that, heading a label, name an aspect of something rather than a thing. Alone or
# with "of" they always do ("Purpose", "Nature of Debate"); at the end of a longer name
# only in the plural ("Side effects", but "Placebo effect") or when in _ALWAYS.
ATTRIBUTE_NOUNS = {
    "aim", "advantage", "advice", "application", "argument", "author", "background", "benefit",
    "cause",
    "challenge", "characteristic", "complication", "component", "concept", "concern",
    "consequence", "context", "contraindication", "debate", "definition", "demographic",
    "description", "design", "diagnosis", "difficulty", "disadvantage", "dosage", "dose",
    "drawback", "drug", "effect", "etiology", "example", "feature", "flexibility", "focus",
    "function", "goal", "history", "idea", "impact", "implication", "importance", "include",
    "indication", "influence", "inspiration", "interest", "investigation", "leader", "legacy",
    "limitation", "management", "meaning", "mechanism", "method", "motive", "nature", "note",
    "origin", "outcome", "overview", "pathophysiology", "philosophy", "power", "preparation",
    "presentation", "prevention", "problem", "prognosis", "property", "purpose", "reason",
    "requirement", "result", "risk", "role", "route", "selection", "significance", "sign",
    "site", "source", "specification", "strategy", "strength", "structure", "summary",
    "support", "symptom", "treatment", "type", "use", "usage", "view", "weakness",
    "cheatsheet", "s/e", "c/i", "performance", "price", "cost", "reliability", "speed",
    "compatibility", "maintenance", "licensing",
}
_ALWAYS = {"strategy", "purpose", "context", "inspiration", "difficulty", "challenge",
           "requirement", "specification", "nature", "view", "leader", "legacy", "background",
           "overview", "summary", "significance", "importance", "prognosis", "management",
           "presentation", "usage", "meaning"}
# Words that make a plural attribute noun a label ("Side effects", "Key concerns"), where
# any other would make a name ("Defense mechanisms", "Negative symptoms").
_LABEL_MODIFIERS = {"side", "key", "main", "major", "common", "other", "general", "ongoing",
                    "mixed", "guiding", "notable", "possible", "potential", "important",
                    "specific", "adverse", "additional", "further", "basic", "typical", "usual",
                    "expected", "overall", "economic", "political", "clinical", "its", "their"}
_OF = re.compile(r"\s+(?:of|on|for|in|about|to|behind)\s+", re.I)


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]        # not "focus", "diagnosis"
    return word


@functools.lru_cache(maxsize=8192)
def attribute_label(name: str) -> str | None:
    """The label, lowered, when ``name`` only names an aspect of something ("Side effects",
    "Nature of Debate", "Key Concerns", "Purpose"), else None."""
    text = unicodedata.normalize("NFKC", name).strip(" :*").casefold()
    if not text or len(text.split()) > 4:
        return None
    if text in DEFINING_LABELS:
        return text
    parts = _OF.split(text, maxsplit=1)
    head = parts[0].split()
    if not head or _singular(head[-1]) not in ATTRIBUTE_NOUNS:
        return None
    if len(head) == 1 or len(parts) > 1 and len(head) <= 2:
        return text         # "Effects", "Purpose", "Nature of Debate", "Side effects of X"
    last = head[-1]
    if len(head) <= 3 and (last in _ALWAYS or last != _singular(last)
                           and head[0] in _LABEL_MODIFIERS or head[0].endswith(("'s", "’s"))):
        return text         # "Side effects", "Key Concerns", "Campaign Strategy"
    return None


def names_a_kind(term: str, definition: str) -> bool:
    """"Mixed strategy: A strategy that ..." names a kind of thing, where "Campaign
    Strategy: Used fear of ..." tells an aspect of another: a longer name over a definition
    that opens with an article is a term whatever its last word."""
    opening = definition.lstrip(" :—–-")
    return len(term.split()) > 1 and bool(re.match(r"(?:a|an|the)\s", opening, re.I))


def named_with(label: str, parent: str) -> str | None:
    """A generic label with the thing it belongs to: its name when the label defines it
    ("Definition" under "Federalism"), else both ("Side effects of Insulin")."""
    parent = clean_name(parent)
    if not parent or attribute_label(parent) or is_meta_label(parent) or len(parent.split()) > 6:
        return None
    if label in DEFINING_LABELS:
        return parent
    if _OF.search(label) or len(label.split()) > 2:
        return None         # "Nature of Debate" already says what it is about
    return f"{label[:1].upper()}{label[1:]} of {parent}"


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
    if label is not None and _OF.search(label) is None and names_a_kind(term, definition.text):
        label = None
    if label is not None:
        named = None if defining_only and label not in DEFINING_LABELS else (
            named_with(label, parent) if parent else None)
        if named is None:
            return _refused(raw, f"'{raw}' names an aspect of something, not a term", line)
        term = named
    definition = capitalize_first(strip_outer_quotes(definition.strip(" \t\n:;—–-")))
    words = term.split()
    if not term or not words:
        return None
    if len(words) > 8 or len(term) > 80:
        return _refused(raw, "too long for a term's name", line)
    if is_meta_label(term):
        return _refused(raw, f"'{raw}' is a label (like Note or Summary), not a term", line)
    if _DEBRIS.search(term) or term[:1] in "(\"'“‘" or not any(ch.isalpha() for ch in term) \
            or term.count("(") != term.count(")") or "_" in term:
        return _refused(raw, "the name holds code, markup or quotes", line)
    if len(definition.text.split()) < 2:
        return _refused(raw, _ONE_WORD, line)
    if confidence < 0.9 and _SECOND_PERSON.match(definition.text):
        # "You feel met with care": a step addressed to the reader, not a definition
        return _refused(raw, _TO_THE_READER, line)
    if term.endswith("?"):
        return None
    at = shown.text.find(term) if shown is not None and (shown.code or shown.math) else -1
    term_html = dataclasses.replace(shown.slice(at, at + len(term)), strong=(), emph=()).html() \
        if at >= 0 else Inline(term).html()
    return Candidate("term", normalize_key(term),
                     frozen_fields(term=term_html, definition=definition.html()),
                     line, section_label(doc, section), rule, confidence)


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
