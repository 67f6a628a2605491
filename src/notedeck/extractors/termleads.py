"""The lines a name leads: ``**Term:** definition`` / ``**Term** is ...`` (bold-lead), a bold
phrase a few words into its sentence (``In CFT, **compassion** is ...``), and glossary lines
``Term — definition`` / ``Term: definition``, alone or in a run. term.py finds the blocks
they stand in; termcard.py makes each card.
"""
from __future__ import annotations

import re

from ..reading.document import Inline
from .termcard import is_card, term_card
from .termlabels import attribute_label, names_a_kind
from .termlines import metadata_field
from .termprose import PREDICATIVE
from .text import first_sentences, is_meta_label, sentences

_SEP = re.compile(r"^\s*(?::|—|–|-{1,2}(?=\s))\s*")
# (a short frame may stand between the bold name and its verb: "**Chirality** in molecules
# refers to ...")
_VERB = re.compile(r"^\s*,?\s*(?:(?:in|of|within|for|among) [\w\- ]{2,30}?,?\s+)?"
                   r"(is|are|refers to|means|describes|denotes|represents|"
                   r"(?:consists|is composed|is made up) of|comprises|includes)\s+", re.I)
# "**Hardware** includes processors, ...", "**RNS** consists of a BTS and a BSC": a name
# defined by its parts, the way course notes break a system down (the verb stays in the
# card: "Consists of a BTS ..." says what the parts are, "A BTS ..." would say what it is).
_PARTS = re.compile(r"(?:consists|is composed|is made up) of|comprises|includes", re.I)
_GLOSS = re.compile(r"^((?:[^:—–\n]|(?<=\w)[—–](?=\w)){1,60}?)\s*(?:\s[—–]\s|\s-{1,2}\s|:\s)(.+)$",
                    re.S)
_BOLD_SUBJECT = re.compile(r"\s*,?\s*(?:(?:in|of|within|for|among) [\w\- ]{2,30}?,?\s+)?"
                           r"(is defined as|is|are|refers to|describes|means|denotes|"
                           r"(?:consists|is composed|is made up) of|comprises|includes)\s+",
                           re.I)
# "**Device controllers.** A device controller is a ...": a run-in heading (the textbook
# layout, kept by many lecture notes) whose next sentence restates the name and defines it;
# where that sentence speaks of something else ("**CPUs.** Most computers ...") it is prose.
_RUN_IN = re.compile(r"^\.?\s+(?:(?:an?|the)\s+)?([\w’'\- ]{2,50}?)\s+(?:is|are|refers to|means|"
                     r"denotes)\s+", re.I)
_WHAT_IT_IS = {"a", "an", "the", "one", "any", "anything", "something", "what", "where", "when"}
_NOUN_GOES_ON = {"that", "which", "who", "of", "used", "where", "whose", "for", "in"}
_NAMED_AFTER_LABEL = re.compile(r"([A-Z][\w’'\- ]{2,60}?)\s+[–—-]\s+(\S.*)$", re.S)
# "Independent variable (IV): ...": an abbreviation in brackets is part of the name.
_HEAD_END = re.compile(r":\s|\s[—–]\s|\s-\s")
_ABBR_HEAD = re.compile(r" \([A-Z][A-Z0-9&]{1,7}s?\)$")


def _written(inline: Inline, end: int) -> Inline | None:
    """The term as written (its first ``end`` characters), when it has code or math."""
    return inline.slice(0, end) if inline.code or inline.math else None


def _defined_from(verb: re.Match) -> int:
    """Where the definition starts: after "is", at "consists of" (see _PARTS)."""
    return verb.start(1) if _PARTS.fullmatch(verb.group(1)) else verb.end()


def _inner_name(term: str) -> str:
    """``Micro-Skill (The Hand Model of the Brain)`` names the thing in the parentheses."""
    m = re.match(r"^([\w’'\- ]{2,25}) \(([^()]{3,60})\)$", term)
    if m and len(m.group(1).split()) <= 2 and not m.group(2).isupper() \
            and not re.search(r"\d", m.group(2)) \
            and (len(m.group(2).split()) >= 2 or is_meta_label(m.group(1))):
        return m.group(2)
    return term


def bold_lead(doc, section, inline: Inline, line: int, confidence: float = 0.95,
              parent: str = "", defining_only: bool = False, aspects: bool = False):
    end = inline.bold_prefix()
    if not end:
        return None
    bold = inline.text[:end].strip()
    rest = inline.slice(end)
    if rest.text.startswith("::") and metadata_field(bold):
        return None     # "**Title**:: ...": the note's metadata
    if aspects and (attribute_label(bold.rstrip(":")) is None
                    or names_a_kind(bold.rstrip(":"), rest.text)):
        return None     # "Support Base:" among "View on X:", "Key Concerns:": an aspect too
    if bold.endswith(":") or _SEP.match(rest.text):
        sep = _SEP.match(rest.text)
        definition = rest.slice(sep.end()) if sep else rest
        return term_card(doc, section, _inner_name(bold.rstrip(":").strip()), definition, line,
                         "bold-lead", confidence, parent, defining_only,
                         shown=_written(inline, end))
    verb = _VERB.match(rest.text)
    if verb:
        definition = first_sentences(rest, 2, _defined_from(verb))
        return term_card(doc, section, bold, definition, line, "bold-lead", confidence,
                         shown=_written(inline, end))
    if bold.endswith(".") or rest.text.startswith("."):
        return _run_in(doc, section, bold.rstrip("."), rest, line, confidence)
    return None


def _run_in(doc, section, name: str, rest: Inline, line: int, confidence: float):
    verb = _RUN_IN.match(rest.text)
    if verb is None:
        return None
    said = verb.group(1).lower().rstrip("s")
    named = name.lower().rstrip("s")
    following = rest.text[verb.end():].lower().split()
    if len(said) < 3 or not (said.startswith(named) or named.startswith(said)) \
            or len(following) < 4 or following[0] in PREDICATIVE:
        return None
    if following[0] not in _WHAT_IT_IS and not _NOUN_GOES_ON.intersection(following[1:6]):
        return None         # "**Disk.** The disk is slow ...": said of it, not what it is
    return term_card(doc, section, name, first_sentences(rest, 2, verb.end()), line,
                     "bold-lead", confidence)


def _clause_opens(lead: str) -> bool:
    """The text before a bold name ends where a clause of its own opens: ", and ", "; "."""
    words = lead.split()
    if words and words[-1].lower() in ("the", "a", "an"):
        words = words[:-1]
    return bool(words) and (words[-1].endswith(";") or len(words) > 1
                            and words[-2].endswith(",") and words[-1] in ("and", "while",
                                                                          "whereas"))


def bold_subject(doc, section, inline: Inline, line: int):
    """``Gilbert's **three-circle model** describes ...``, ``In CFT, **compassion** is ...``:
    a bold phrase a few words into a sentence, followed by a defining verb."""
    text = inline.text
    if not inline.strong:
        return None
    starts = [a for a, _ in sentences(text)]
    for s, e in inline.strong[:50]:
        start = max([a for a in starts if a <= s] or [0])
        lead = text[start:s]
        if s == start or (len(lead.split()) > 4 or re.search(r"[.;:!?]", lead)) \
                and not _clause_opens(lead):
            continue        # (", and **discharge** refers to ...": a clause of its own)
        verb = _BOLD_SUBJECT.match(text, e)
        if verb:
            return term_card(doc, section, text[s:e], first_sentences(inline, 2, _defined_from(verb)),
                              line, "bold-lead", 0.9)
    return None


def glossary_run(doc, section, pieces):
    """``Term: definition`` lines outside a list count when two or more stand together,
    or when one stands alone right under a heading (the heading's section is that line)."""
    if len(pieces) == 1 and section.heading is not None and len(section.blocks) == 1:
        found = glossary_line(doc, section, *pieces[0])
        if not is_card(found) or len(found.key.split()) <= 4:
            yield found
        return
    # Short lines only, heads without asides: prose that happens to hold a colon is not a
    # glossary ("An example (not a guideline): A client who ...").
    shaped = [_GLOSS.match(text.text) is not None and _glossary_sized(text)
              and "(" not in _ABBR_HEAD.sub("", text.text.split(":")[0]) for text, _ in pieces]
    # Only a line with a glossary-shaped neighbour can stand in a run of two: the others
    # are not worth making a card of (most paragraphs are prose).
    found = [glossary_line(doc, section, text, line, lower_ok=True)
             if shaped[n] and (n and shaped[n - 1] or n + 1 < len(pieces) and shaped[n + 1])
             else None
             for n, (text, line) in enumerate(pieces)]
    run: list = []
    for cand in found + [None]:
        if is_card(cand):
            run.append(cand)
            continue
        if len(run) >= 2:
            # a lowercase head is a note-taker's glossary only among capitalised ones or
            # when the whole run is lowercase ("nominal gdp: ..."), never one alone
            yield from run
        run = []


def _glossary_sized(text: Inline) -> bool:
    """A glossary line is short, or opens with a short name ("Denial: Refusal to ...")."""
    head = _HEAD_END.split(text.text, maxsplit=1)[0]
    return len(text.text) <= 220 or len(head.split()) <= 3 and len(text.text) <= 900


def glossary_line(doc, section, inline: Inline, line: int, lower_ok: bool = False,
                  parent: str = "", defining_only: bool = False):
    if inline.bold_prefix():
        return None
    m = _GLOSS.match(inline.text)
    if not m or m.group(1).strip()[:1] in "“\"(" or len(m.group(1).split()) > 6:
        return None
    head = m.group(1).strip()
    if head[:1].isdigit():
        # "0–1 months: Reflex schema stage – Babies learn ...": a time or number label,
        # then the name and its definition
        inner = _NAMED_AFTER_LABEL.match(inline.text, m.start(2))
        if inner is None:
            return None
        return term_card(doc, section, inner.group(1), inline.slice(inner.start(2)), line,
                         "glossary-line", 0.85)
    if head[:1].islower() and not lower_ok or re.search(r"[.!?;,]", head) \
            or re.search(r"\b(?:is|are|was|were|has|have)\b", head):
        return None     # "X are the opposite – ...": a sentence, not a name
    rest = inline.slice(m.start(2))
    if rest.bold_prefix():
        return None     # "very short - **Money market instruments** have ...": a bucket label
    return term_card(doc, section, head, inline.slice(m.start(2)), line, "glossary-line", 0.85,
                     parent, defining_only, shown=_written(inline, m.end(1)))
