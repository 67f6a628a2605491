"""term: a key term and its definition, from every shape people write one in.

Rules, strongest first (confidence in brackets):
  bold-lead      ``**Term:** definition`` / ``**Term** is ...`` in items, paragraphs, cells [.95]
  deflist        Markdown definition lists; ``Term | Definition`` tables                    [.9]
  glossary-line  ``Term — definition`` / ``Term: definition`` list items                   [.85]
  abbr-lead      ``Long Name (ABBR) is ...`` at the start of a sentence                     [.8]
  what-is        heading ``What is X?`` + the answer under it                               [.8]
  defined-as     ``X is defined as ...``, ``X refers to ...``, ``..., X, defined as ...``    [.75]
  heading        a heading that names a concept + the short definition right under it      [.65]
  heading-subject  ``X: subtitle`` heading + the sentence in its section whose subject is X [.6]
"""
from __future__ import annotations

import dataclasses
import re

from ..model import frozen_fields
from ..reading.document import DefList, Document, Inline, ListBlock, Paragraph, Table
from .base import Candidate, Extractor, section_label, walk_blocks
from .headings import (
    NOT_A_NAME,
    concept_definition,
    heading_count,
    heading_name,
    reads_as_definition,
    subject_of,
    subject_sentence,
    what_is_name,
)
from .myth import MYTH_HEADERS, TRUTH_HEADERS
from .text import (
    capitalize_first,
    clean_name,
    first_sentences,
    is_meta_label,
    normalize_key,
    sentences,
    strip_outer_quotes,
)

_SEP = re.compile(r"^\s*(?::|—|–|-{1,2}(?=\s))\s*")
_VERB = re.compile(r"^\s*,?\s*(is|are|refers to|means|describes|denotes|represents)\s+", re.I)
_GLOSS = re.compile(r"^((?:[^:—–\n]|(?<=\w)[—–](?=\w)){1,60}?)\s*(?:\s[—–]\s|\s-{1,2}\s|:\s)(.+)$",
                    re.S)
_BOLD_SUBJECT = re.compile(r"\s*,?\s*(is defined as|is|are|refers to|describes|means|denotes)\s+",
                           re.I)
_DEFINED = re.compile(
    r"^(?:the |an? )?([\w’'()\- ]{2,60}?),? (?:is|are) defined as (.+)"
    r"|^(?:the |an? )?([\w’'()\- ]{2,60}?) (?:refers? to|means) (.+)", re.I | re.S)
# "The process model, proposed by Gross in 1998, is the most widely used framework ..."
_APPOSITIVE = re.compile(
    r"^(?:the |an? )?([a-z][\w’'\- ]{2,40}?), (?:first |originally )?(?:proposed|developed|"
    r"introduced|coined|described|created|put forward|formulated) by [^,]{2,60}, "
    r"((?:is|are) (?:a|an|the) .+|[a-z]+s .+)", re.I | re.S)
_MID_DEFINED = re.compile(r"(?:\bis|\bare|,)\s+(?:the\s+|an?\s+)?([\w’'\- ]{2,40}?), defined as (.+)",
                          re.I | re.S)
_PRONOUN = re.compile(r"\b(it|this|that|these|those|they|he|she|we|you|which|who)\b", re.I)
_ABBR_LEAD = re.compile(r"^([A-Z][\w’'\- ]{2,70}?) \(([A-Z][A-Za-z0-9&.\-]{1,11})\),? "
                        r"(?:is|are|refers to|describes) (.+)", re.S)
_SECOND_PERSON = re.compile(r"^(you|your|we|our|i|my|let’s|let's)\b", re.I)
_TERM_HEADERS = {"term", "terms", "concept", "concepts", "word", "name", "key term"}
_DEF_HEADERS = {"definition", "definitions", "meaning", "description", "what it means"}


def _candidate(doc, section, term: str, definition: Inline, line: int, rule: str,
               confidence: float, shown: Inline | None = None) -> Candidate | None:
    """``shown``: the term as written, when the rule has it (its code and math are kept)."""
    term = clean_name(term)
    definition = capitalize_first(strip_outer_quotes(definition.strip(" \t\n:;—–-")))
    words = term.split()
    if not term or not words or len(words) > 8 or len(term) > 80 or is_meta_label(term):
        return None
    if len(definition.text.split()) < 2:
        return None
    if confidence < 0.9 and _SECOND_PERSON.match(definition.text):
        return None     # "You feel met with care": a step addressed to the reader, not a definition
    if term.endswith("?") or not any(ch.isalpha() for ch in term):
        return None
    at = shown.text.find(term) if shown is not None and (shown.code or shown.math) else -1
    term_html = dataclasses.replace(shown.slice(at, at + len(term)), strong=(), emph=()).html() \
        if at >= 0 else Inline(term).html()
    return Candidate("term", normalize_key(term),
                     frozen_fields(term=term_html, definition=definition.html()),
                     line, section_label(doc, section), rule, confidence)


def _written(inline: Inline, end: int) -> Inline | None:
    """The term as written (its first ``end`` characters), when it has code or math."""
    return inline.slice(0, end) if inline.code or inline.math else None


def _inner_name(term: str) -> str:
    """``Micro-Skill (The Hand Model of the Brain)`` names the thing in the parentheses."""
    m = re.match(r"^([\w’'\- ]{2,25}) \(([^()]{3,60})\)$", term)
    if m and len(m.group(1).split()) <= 2 and not m.group(2).isupper() \
            and (len(m.group(2).split()) >= 2 or is_meta_label(m.group(1))):
        return m.group(2)
    return term


def bold_lead(doc, section, inline: Inline, line: int, confidence: float = 0.95):
    end = inline.bold_prefix()
    if not end:
        return None
    bold = inline.text[:end].strip()
    rest = inline.slice(end)
    if bold.endswith(":") or _SEP.match(rest.text):
        sep = _SEP.match(rest.text)
        definition = rest.slice(sep.end()) if sep else rest
        return _candidate(doc, section, _inner_name(bold.rstrip(":").strip()), definition, line,
                          "bold-lead", confidence, _written(inline, end))
    verb = _VERB.match(rest.text)
    if verb:
        definition = first_sentences(rest, 2, verb.end())
        return _candidate(doc, section, bold, definition, line, "bold-lead", confidence,
                          _written(inline, end))
    return None


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
        if s == start or len(lead.split()) > 4 or re.search(r"[.;:!?]", lead):
            continue
        verb = _BOLD_SUBJECT.match(text, e)
        if verb:
            return _candidate(doc, section, text[s:e], first_sentences(inline, 2, verb.end()),
                              line, "bold-lead", 0.9)
    return None


def glossary_run(doc, section, pieces):
    """``Term: definition`` lines outside a list count when two or more stand together,
    or when one stands alone right under a heading (the heading's section is that line)."""
    if len(pieces) == 1 and section.heading is not None and len(section.blocks) == 1:
        found = glossary_line(doc, section, *pieces[0])
        if found is not None and len(found.key.split()) <= 4:
            yield found
        return
    # Short lines only, heads without asides: prose that happens to hold a colon is not a
    # glossary ("An example (not a guideline): A client who ...").
    found = [glossary_line(doc, section, text, line)
             if len(text.text) <= 220 and "(" not in text.text.split(":")[0] else None
             for text, line in pieces]
    run: list = []
    for cand in found + [None]:
        if cand is not None:
            run.append(cand)
            continue
        if len(run) >= 2:
            yield from run
        run = []


def glossary_line(doc, section, inline: Inline, line: int):
    if inline.bold_prefix():
        return None
    m = _GLOSS.match(inline.text)
    if not m or m.group(1).strip()[:1] in "“\"(" or len(m.group(1).split()) > 6:
        return None
    head = m.group(1).strip()
    if head[:1].islower() or re.search(r"[.!?;,]", head):
        return None
    return _candidate(doc, section, head, inline.slice(m.start(2)), line, "glossary-line", 0.85,
                      _written(inline, m.end(1)))


def sentence_rules(doc, section, inline: Inline, line: int):
    text = inline.text
    for a, b in sentences(text):
        sent = text[a:b]
        m = _ABBR_LEAD.match(sent)
        if m:
            from .acronym import (
                expand,  # the letter check decides if (ABBR) names the term
            )
            if expand(m.group(2), m.group(1).split()) is not None:
                yield _candidate(doc, section, m.group(1),
                                 inline.slice(a + m.start(3), b), line, "abbr-lead", 0.8)
                continue
        m = _DEFINED.match(sent)
        if m:
            name = m.group(1) or m.group(3)
            body = m.start(2) if m.group(1) else m.start(4)
            if len(name.split()) <= 5 and not _PRONOUN.search(name) and not NOT_A_NAME.match(name):
                yield _candidate(doc, section, name, inline.slice(a + body, b), line,
                                 "defined-as", 0.75)
            continue
        m = _APPOSITIVE.match(sent)
        if m and not _PRONOUN.search(m.group(1)):
            yield _candidate(doc, section, m.group(1), inline.slice(a + m.start(2), b), line,
                             "defined-as", 0.75)
            continue
        m = _MID_DEFINED.search(sent)
        if m and len(m.group(1).split()) <= 3 and not _PRONOUN.search(m.group(1)):
            yield _candidate(doc, section, m.group(1), inline.slice(a + m.start(2), b), line,
                             "defined-as", 0.75)


def _lines(block: Paragraph):
    offset = 0
    for n, part in enumerate(block.text.text.split("\n")):
        yield block.text.slice(offset, offset + len(part)), block.line + n
        offset += len(part) + 1


def _from_blocks(doc, section):
    pieces: list = []
    for block in walk_blocks(section.blocks):
        if not isinstance(block, Paragraph):
            yield from glossary_run(doc, section, pieces)
            pieces = []
        if isinstance(block, Paragraph):
            lines = list(_lines(block))
            pieces.extend(lines)
            # Lines of one paragraph may each lead with their own bold term.
            for text, line in lines if len(lines) > 1 else [(block.text, block.line)]:
                found = bold_lead(doc, section, text, line) or \
                    bold_subject(doc, section, text, line)
                if found:
                    yield found
                else:
                    yield from sentence_rules(doc, section, text, line)
        elif isinstance(block, ListBlock):
            yield from _from_list(doc, section, block)
        elif isinstance(block, DefList):
            for d in block.items:
                yield _candidate(doc, section, d.term.text, d.definition, d.line, "deflist", 0.9,
                                 d.term)
        elif isinstance(block, Table):
            yield from _from_table(doc, section, block)
    yield from glossary_run(doc, section, pieces)


def _from_list(doc, section, block: ListBlock):
    glossary = [glossary_line(doc, section, item.text, item.line) for item in block.items]
    # A glossary is uniform: when most items are not "Term — definition", none is.
    uniform = sum(g is not None for g in glossary) * 2 >= len(block.items)
    for item, gloss in zip(block.items, glossary):
        found = bold_lead(doc, section, item.text, item.line) or (gloss if uniform else None)
        if found:
            yield found
        else:
            yield from sentence_rules(doc, section, item.text, item.line)
        for child in item.children:
            if isinstance(child, ListBlock):
                yield from _from_list(doc, section, child)


def _from_table(doc, section, table: Table):
    header = [normalize_key(h.text) for h in table.header]
    if any(h in MYTH_HEADERS or h in TRUTH_HEADERS for h in header):
        return      # a myth table states misconceptions: never read them as definitions
    if len(header) >= 2 and header[0] in _TERM_HEADERS and header[1] in _DEF_HEADERS:
        for row, line in zip(table.rows, table.row_lines or [table.line] * len(table.rows)):
            if len(row) >= 2:
                yield _candidate(doc, section, row[0].text, row[1], line, "deflist", 0.9, row[0])
        return
    for row, line in zip(table.rows, table.row_lines or [table.line] * len(table.rows)):
        for cell in row:   # ``**Label:** text`` cells (Pursuer | Withdrawer) name concepts too
            end = cell.bold_prefix()
            if end and (cell.text[:end].rstrip().endswith(":") or cell.text[end:].lstrip()
                        .startswith(":")):
                yield bold_lead(doc, section, cell, line, confidence=0.7)


def _from_heading(doc, index):
    section = doc.sections[index]
    if section.heading is None:
        return None
    name = what_is_name(section.title)
    if name:
        first = next((b for b in walk_blocks(section.blocks) if isinstance(b, Paragraph)), None)
        if first is not None and _names_itself(doc, section, first, name):
            return None     # "X (ABBR) is ..." under "What is X?": the sentence rule has it
        definition = concept_definition(doc, index, allow_long=True)
        if definition is not None:
            return _candidate(doc, section, name, definition, section.line, "what-is", 0.85)
        return None
    name, subtitle = heading_name(section.title)
    if not name or section.level <= 1 and index == 0:
        return None
    if subtitle:
        found = subject_sentence(doc, index, name)
        if found is not None:
            return _candidate(doc, section, name, found, section.line, "heading-subject", 0.6)
        return None
    definition = concept_definition(doc, index)
    numbered = re.match(r"^\s*\d{1,3}[.)]\s", section.title) is not None
    if definition is not None and reads_as_definition(name, definition, numbered):
        return _candidate(doc, section, name, definition, section.line, "heading", 0.65)
    return None


def counted_paragraphs(doc, section):
    """"Five Families of Strategies" over five one-line paragraphs, each opening with the
    name of one ("Situation selection means ..."): each is a term."""
    count = heading_count(section.title) if section.heading is not None else 0
    paras = [b for b in walk_blocks(section.blocks) if isinstance(b, Paragraph)]
    if not count or len(paras) < count:
        return
    paras = paras[:count]
    subjects = [subject_of(p.text.text) for p in paras]
    if any(s is None or len(s.split()) > 4 or len(p.text.text) > 320
           for s, p in zip(subjects, paras)):
        return
    for subject, p in zip(subjects, paras):
        yield _candidate(doc, section, subject, p.text, p.line, "counted", 0.7)


def _names_itself(doc, section, paragraph: Paragraph, name: str) -> bool:
    key = normalize_key(name)
    found = bold_lead(doc, section, paragraph.text, paragraph.line) or next(
        iter(sentence_rules(doc, section, paragraph.text, paragraph.line)), None)
    return found is not None and key in found.key and found.key != key


def extract(doc: Document):
    for index, section in enumerate(doc.sections):
        for found in _from_blocks(doc, section):
            if found is not None:
                yield found
        for found in counted_paragraphs(doc, section):
            if found is not None:
                yield found
        found = _from_heading(doc, index)
        if found is not None:
            yield found


EXTRACTOR = Extractor("term", "term", extract)
__all__ = ["EXTRACTOR", "extract"]
