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

The rules of each shape live beside this module: termsubject.py (the note's own subject,
definition callouts), termleads.py (bold leads and glossary lines), termlines.py (other
one-line shapes), termprose.py and termclauses.py
(sentences), termtables.py; termcard.py makes every card and termlabels.py names a generic
label with what it belongs to; termoverlap.py keeps one card per definition.
"""
from __future__ import annotations

import re

from ..reading.document import CodeBlock, DefList, Document, Inline, ListBlock, Paragraph, Table
from ..reading.plaintext import abbreviation_title
from .base import Extractor, Rejected, walk_blocks
from .headings import (
    NOT_A_NAME,
    concept_definition,
    heading_count,
    heading_name,
    naming_sentence,
    pointing_back,
    reads_as_definition,
    subject_of,
    subject_sentence,
    what_is_name,
)
from .myth import MYTH_HEADERS, TRUTH_HEADERS
from .termcard import has_term_shape, is_card, term_card
from .termleads import bold_lead, bold_subject, glossary_line, glossary_run
from .termclauses import glossed_names, listed_glosses
from .termkinds import qualifier
from .termlabels import attribute_label, label_owner, names_a_kind
from .termlines import (
    bare_name,
    categories,
    code_parameter,
    continued,
    formula_lead,
    glossary_runs,
    line_term,
    named_parameter,
    paren_glosses,
    parameter_owner,
    sub_bullet_terms,
    titled_paragraph,
)
from .termoverlap import one_per_definition
from .termscale import scale_entries
from .termprose import later_sentences, sentence_rules
from .termsubject import subject_terms
from .termtables import table_terms
from .text import (
    clean_name,
    is_box_label,
    is_meta_label,
    normalize_key,
    sentences,
)

_OPTION = re.compile(r"^\s*-{1,2}[A-Za-z]")
_STAGE_TITLE = re.compile(r"^(?:stage|level|step|phase|type|tier|grade|class|category)\s+"
                          r"(?:\d{1,2}|[ivx]{1,4}|[a-e])\s*[:.—–-]\s+(\S.{1,60})$", re.I)



def _lines(block: Paragraph):
    offset = 0
    for n, part in enumerate(block.text.text.split("\n")):
        yield block.text.slice(offset, offset + len(part)), block.line + n
        offset += len(part) + 1


# "Possessive classifiers:" (plain, bold or a link) on a line of its own, its definition
# on the lines under it in the same paragraph: how many note-takers set a term over its
# meaning without a blank line. The definition opens as one does ("A system of ..."): under
# "Formula:", "Abbreviations:", "TIP:" a line is the label's content, not a definition.
_LABEL_LINE = re.compile(r"^[\w(“\"][^:.!?]{1,60}:$")
_DEFINITION_OPENS = re.compile(r"^(?:an?|the|one of the|any)\s", re.I)


def _label_over(lines) -> Inline | None:
    """The paragraph as one "Term: definition" line when its first line is a term's label
    and the lines under it are the definition, else None."""
    head, body = lines[0][0], lines[1][0]
    label = head.text.strip()
    if not label.endswith(":") or not _LABEL_LINE.match(label) or len(label.split()) > 5 \
            or not _DEFINITION_OPENS.match(body.text) or is_meta_label(label[:-1]) \
            or label.isupper() and " " in label \
            or attribute_label(label[:-1]) is not None \
            or any(": " in text.text[:40] for text, _ in lines[1:]):
        return None
    joined = head
    for text, _ in lines[1:]:
        joined = joined + Inline(" ") + text
    return joined


def _heading_parent(section) -> str:
    return section.title if section.heading is not None else ""


def _from_blocks(doc, section):
    pieces: list = []
    grouped = None      # the section's named bullets are categories (termlines.categories)
    blocks = list(walk_blocks(section.blocks))
    for at, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            yield from glossary_run(doc, section, pieces)
            pieces = []
        if isinstance(block, Paragraph):
            titled = titled_paragraph(doc, section, block)
            if titled is not None:
                yield titled
            lines = list(_lines(block))
            if len(lines) <= 1:
                lines = [(block.text, block.line)]
            else:
                labelled = _label_over(lines)
                found = labelled and (bold_lead(doc, section, labelled, block.line)
                                      or glossary_line(doc, section, labelled, block.line))
                if is_card(found):
                    yield found
                    continue
            nxt = blocks[at + 1] if at + 1 < len(blocks) else None
            # Lines of one paragraph may each lead with their own bold term or be their own
            # one-line definition ("Nominal GDP = ..."); the others may form a glossary run.
            for text, line in lines:
                whole = continued(text, nxt) if line == lines[-1][1] else text
                found = bold_lead(doc, section, whole, line) or line_term(doc, section, whole,
                                                                         line)
                subject = None if found else bold_subject(doc, section, text, line)
                if not found and not subject and nxt is not None:
                    found = formula_lead(doc, section, text, line, nxt)
                if found:
                    yield found
                elif subject:
                    # a bold name a few words into one sentence leaves the paragraph's
                    # other sentences to define their own names ("RAN is the network ...
                    # The **RNS** consists of ...")
                    yield subject
                    yield from sentence_rules(doc, section, text, line)
                else:
                    pieces.append((text, line))
                    yield from sentence_rules(doc, section, text, line)
        elif isinstance(block, ListBlock):
            if grouped is None:
                grouped = categories(walk_blocks(section.blocks))
            code = blocks[at - 1] if at and isinstance(blocks[at - 1], CodeBlock) else None
            lead = blocks[at - 1].text if at and isinstance(blocks[at - 1], Paragraph) \
                else section.heading if not at else None
            yield from _from_list(doc, section, block, _heading_parent(section), True, grouped,
                                  code, parameter_owner(lead, section.heading))
        elif isinstance(block, DefList):
            for d in block.items:
                yield term_card(doc, section, d.term.text, d.definition, d.line, "deflist", 0.9,
                                shown=d.term)
                # the answer of an FAQ's question defines terms of its own ("A pull is ...")
                yield from sentence_rules(doc, section, d.definition, d.line)
        elif isinstance(block, Table):
            yield from _from_table(doc, section, block)
    yield from glossary_run(doc, section, pieces)


def _from_list(doc, section, block: ListBlock, parent: str = "", under_heading: bool = False,
               grouped: bool | None = None, code: CodeBlock | None = None,
               params: str | None = None):
    """A list's terms; ``parent``: the heading (``under_heading``) or the bullet it hangs
    under, which a generic label ("Definition:", "Side effects") belongs to; ``code``: the
    code block the list explains; ``params``: the program whose parameters the lead above
    the list names ("" when it names none; None: no such lead)."""
    glossary = [glossary_line(doc, section, item.text, item.line) for item in block.items]
    # A glossary is uniform: when most items are not "Term — definition", none is.
    # (a refused line still has the shape: "Purpose: ..." in a glossary is one of its lines)
    uniform = sum(map(has_term_shape, glossary)) * 2 >= len(block.items)
    if not uniform:
        lower = [glossary_line(doc, section, item.text, item.line, lower_ok=True)
                 for item in block.items]
        if sum(map(has_term_shape, lower)) * 2 >= len(block.items) >= 2:
            glossary, uniform = lower, True     # a lowercase glossary ("term - definition")
    if not uniform:
        glossary = glossary_runs(glossary)
    named = dict((id(item), found) for item, found in
                 sub_bullet_terms(doc, section, block, "" if under_heading else parent,
                                  grouped if under_heading else None))
    named.update(paren_glosses(doc, section, block))
    # A list whose labels mostly name aspects ("Leader:", "Roles:", "Key concerns:") lists
    # the aspects of its heading: none of its labels is a term of its own.
    aspects = under_heading and _aspect_list(block)
    yield from listed_glosses(doc, section, block.items)
    for item, gloss in zip(block.items, glossary):
        found = bold_lead(doc, section, item.text, item.line, parent=parent,
                          defining_only=under_heading, aspects=aspects) \
            or line_term(doc, section, item.text, item.line) \
            or (gloss if uniform or is_card(gloss) else None) or named.get(id(item))
        if code is not None:
            found = code_parameter(doc, section, found, item, code)
        elif params is not None:
            found = named_parameter(doc, section, found, item, params)
        if found:
            yield found
            yield from glossed_names(doc, section, item.text, item.line)
            yield from later_sentences(doc, section, item.text, item.line, found)
        else:
            yield from sentence_rules(doc, section, item.text, item.line)
        label = bare_name(item.text) or _label(item.text)
        for child in item.children:
            if isinstance(child, ListBlock):
                yield from _from_list(doc, section, child, label or "",
                                      params=parameter_owner(item.text, section.heading))


def _aspect_list(block: ListBlock) -> bool:
    labelled = [(item.text, _label(item.text)) for item in block.items]
    labelled = [(text, lab) for text, lab in labelled if lab]
    aspects = sum(1 for text, lab in labelled if attribute_label(lab)
                  and not names_a_kind(lab, text.text[text.bold_prefix():]))
    return len(labelled) >= 2 and aspects * 2 > len(labelled)


def _label(inline: Inline) -> str:
    end = inline.bold_prefix()
    return inline.text[:end].strip(" :") if end else ""


def _from_table(doc, section, table: Table):
    header = [normalize_key(h.text) for h in table.header]
    if any(h in MYTH_HEADERS or h in TRUTH_HEADERS for h in header):
        return      # a myth table states misconceptions: never read them as definitions
    found = table_terms(doc, section, table)
    if found:
        yield from found
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
    if name and re.match(r"^\s*\d{1,3}[.)]\s", section.title):
        return None     # "3. What is the capital of Peru?": a quiz's question (qa.py)
    if name:
        first = next((b for b in walk_blocks(section.blocks) if isinstance(b, Paragraph)), None)
        if first is not None and _names_itself(doc, section, first, name):
            return None     # "X (ABBR) is ..." under "What is X?": the sentence rule has it
        definition = concept_definition(doc, index, allow_long=True)
        if definition is None:
            return None
        spans = sentences(definition.text)
        names_it = r"(?:an?\s+|the\s+)?" + re.escape(name) + r"\s+(?:is|are)\s"
        if len(spans) > 1 and re.match(names_it, definition.text, re.I):
            definition = definition.slice(0, spans[0][1]).strip()   # "A docstring is ..."
        return term_card(doc, section, name, definition, section.line, "what-is", 0.85)
    abbr = abbreviation_title(clean_name(section.title))
    if abbr is not None:
        # "Nom: nominative / direct": the value's name, defined by the text under it
        definition = concept_definition(doc, index, allow_long=True)
        if definition is None:
            return None
        return term_card(doc, section, abbr[1][:1].upper() + abbr[1][1:], definition,
                         section.line, "abbreviation-heading", 0.7)
    staged = _STAGE_TITLE.match(clean_name(section.title))
    if staged:
        # "Stage 2: Independence (18 months - 3 years)", "Level 1: pathological": the
        # stage's name, described by the text under it
        definition = concept_definition(doc, index, allow_long=True)
        if definition is None:
            return None
        name = re.sub(r"\s*\([^()]*\)$", "", staged.group(1)).strip()
        return term_card(doc, section, name[:1].upper() + name[1:], definition, section.line,
                         "stage-heading", 0.7, aspect_ok=True)
    name, subtitle = heading_name(section.title)
    if name is None and attribute_label(clean_name(section.title)) is not None \
            and not is_meta_label(section.title):
        name = clean_name(section.title)    # "# Treatment": a part of the note, named below
    if not name or section.level <= 1 and index == 0 or _OPTION.match(section.title):
        return None     # ("### -O OS detection": a program's option, titled as its step)
    if _in_box(doc, index):
        return None     # "Challenge" › "Identify the Misconceptions": an exercise's title
    if attribute_label(name) is not None or qualifier(name) is not None:
        # "### Side effects" under "## Insulin": the side effects of insulin; "# Clinical
        # features" in a note on chickenpox: those of chickenpox
        parent = label_owner(doc, section, qualifier(name), heading=True)
        definition = concept_definition(doc, index) if parent and not subtitle else None
        if definition is None:
            return None
        return term_card(doc, section, name, definition, section.line, "heading", 0.65,
                         parent=parent)
    first = next(iter(walk_blocks(section.blocks)), None)
    if isinstance(first, ListBlock) and _lists_other_things(name, first):
        # a heading over a list of names titles the things listed
        return Rejected("term", name, "a heading over a list of other things, not a term",
                        section.line)
    if isinstance(first, Paragraph) and _defines_another(doc, section, first, name):
        return None     # "Concept of X and Y" over "**Chirality** refers to ...": its card
    if subtitle:
        found = subject_sentence(doc, index, name)
        if found is not None:
            return term_card(doc, section, name, found, section.line, "heading-subject", 0.6)
        return None
    definition = concept_definition(doc, index)
    numbered = re.match(r"^\s*\d{1,3}[.)]\s", section.title) is not None
    parts = re.split(r"\s+(?:and|&)\s+", name)
    if definition is not None and len(parts) == 2 and any(
            normalize_key(definition.text).startswith(normalize_key(p)) for p in parts):
        return None     # "Malfeasance and Nonfeasance" over "Nonfeasance refers to ..."
    if definition is not None and reads_as_definition(name, definition, numbered):
        return term_card(doc, section, name, definition, section.line, "heading", 0.65)
    if len(re.sub(r"\s*\([^()]*\)$", "", name).split()) <= 4:
        found = naming_sentence(doc, index, name)
        if found is not None:
            return term_card(doc, section, name, found, section.line, "heading-sentence", 0.6)
        found = pointing_back(doc, index, name)
        if found is not None:
            return term_card(doc, section, name, found, section.line, "heading-sentence", 0.6)
    return None


def _in_box(doc, index: int) -> bool:
    """Under a box label ("Challenge", "Discussion"), as its sub-heading or right after it
    (plain text has no levels: an empty "Challenge" section, then the exercise's title)."""
    section = doc.sections[index]
    if len(section.path) >= 2 and section.path[-2] and is_box_label(section.path[-2]):
        return True
    before = doc.sections[index - 1] if index else None
    return before is not None and not before.blocks and is_box_label(before.title)


def _lists_other_things(name: str, block: ListBlock) -> bool:
    """A heading's list is of other things (not a description of it) when its items are
    names ("Metformin", "Lispro"), or the heading joins topics one of which is an aspect
    ("Background and Ratification", "Impact and Legacy")."""
    names = sum(1 for item in block.items if bare_name(item.text))
    if names * 2 > len(block.items):
        return True
    return any(attribute_label(word) for word in re.findall(r"[\w’'-]+", name)[:8])


def counted_paragraphs(doc, section):
    """"Five Families of Strategies" over five one-line paragraphs, each opening with the
    name of one ("Situation selection means ..."): each is a term."""
    count = heading_count(section.title) if section.heading is not None else 0
    paras = [b for b in walk_blocks(section.blocks) if isinstance(b, Paragraph)]
    if not count or len(paras) < count:
        return
    paras = paras[:count]
    subjects = [subject_of(p.text.text) for p in paras]
    if any(s is None or len(s.split()) > 4 or len(p.text.text) > 320 or NOT_A_NAME.match(s)
           for s, p in zip(subjects, paras)):
        return
    for subject, p in zip(subjects, paras):
        yield term_card(doc, section, subject, p.text, p.line, "counted", 0.7)


def _names_itself(doc, section, paragraph: Paragraph, name: str) -> bool:
    key = normalize_key(name)
    found = bold_lead(doc, section, paragraph.text, paragraph.line) or next(
        (f for f in sentence_rules(doc, section, paragraph.text, paragraph.line)
         if f is not None), None)
    return is_card(found) and key in found.key and found.key != key


def _defines_another(doc, section, paragraph: Paragraph, name: str) -> bool:
    """The text under a heading opens by defining a bold term of its own, one the heading
    does not name (a topic's title over "**Chirality** in molecules refers to ...")."""
    found = bold_lead(doc, section, paragraph.text, paragraph.line)
    if not is_card(found):
        return False
    key = normalize_key(name)
    return key not in found.key and found.key not in key


def extract(doc: Document):
    found: list = []
    for index, section in enumerate(doc.sections):
        found.extend(_from_blocks(doc, section))
        found.extend(counted_paragraphs(doc, section))
        found.extend(scale_entries(doc, section))
        found.append(_from_heading(doc, index))
    found.extend(subject_terms(doc))
    cards = one_per_definition([f for f in found if is_card(f)])
    made = {c.key for c in cards}
    return cards + [f for f in found if isinstance(f, Rejected)
                    and normalize_key(f.text) not in made]


EXTRACTOR = Extractor("term", "term", extract)
__all__ = ["EXTRACTOR", "extract"]
