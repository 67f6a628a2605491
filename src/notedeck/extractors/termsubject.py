"""term: the note's own subject, defined where the note opens, and definition callouts.

Rules (confidence in brackets):
  subject-sentence    the note's first sentence (under its title) says what its subject is:
                      "Squint (strabismus) is characterised by ...", "In psychoanalytic
                      theory, defence mechanisms are ...", "UDP is a protocol ..." under
                      "User Datagram Protocol"; the sentences after it that go on about
                      it come too (termprose.goes_on)                                     [.9]
  definition-callout  a ``> [!definition]`` callout: its title names the term; titled
                      "Definition" (or not at all) it defines the heading it stands under,
                      at the note's top the note's subject                                [.9]
  subject-meta        a frontmatter ``description:`` / ``summary:`` that reads as the
                      subject's definition ("A protocol that ...", "X is ...")            [.85]

The subject is the note's title, its file name or one of its ``aliases``; an abbreviation
of the title ("UDP") names it too.
"""
from __future__ import annotations

import re

from ..reading.document import Document, Inline, ListBlock, Paragraph, Quote, Section
from .base import callouts, walk_blocks
from .headings import heading_name
from .termcard import term_card
from .termkinds import qualifier
from .termlabels import DEFINING_LABELS, attribute_label, note_subject
from .termprose import PREDICATIVE, goes_on
from .text import clean_name, normalize_key, sentences

DEFINITION_CALLOUTS = {"definition", "definitions", "def", "defn", "define", "meaning"}
# Callout types that only box a text: their title may say "Definition".
_PLAIN_CALLOUTS = {"note", "info", "abstract", "summary", "tldr", "important", "tip",
                   "quote", "cite", "example"}
_VERB = (r"(?:(?:is|are) defined as|can be defined as|(?:is|are) characteri[sz]ed by|"
         r"(?:is|are) the (?:name|term) for|refers? to|means|describes|denotes|is|are|was|"
         r"were)")
_ADVERB = r"(?:(?:just|simply|basically|essentially|merely|usually|generally|typically) )?"
_APPOSITION = r"(?: \([^()]{1,80}\))?(?:, [^,]{2,80},)?"
# Words after "is" that say something of the subject, not what it is: participles ("is
# provided by", "was created to"), superlatives without their noun ("the most common and").
_SAID_OF = re.compile(r"^(?:\w+ed|done|made|seen|known|found|given|taken|shown|said|"
                      r"thought|held|used|the most \w+ (?:and|in|of|for)|most|not|also)\b",
                      re.I)
_PARTICIPLE_OK = re.compile(r"^(?:characteri[sz]ed|defined|called|named|termed)\b", re.I)
_FRAME = r"(?:(?:in|within|for) (?:the )?[\w’'\- ]{2,40}, )?"
# A definition callout that asks for one ("Define the lungs as an organ"): a task to do.
_PROMPT = re.compile(r"(?:define|describe|explain|list|outline|compare|discuss|state|name|"
                     r"identify|summari[sz]e|give)\s", re.I)
_ABOUT_ITSELF = re.compile(r"\b(?:this|the) (?:note|post|article|page|lesson|guide|tutorial|"
                           r"chapter|video|course|episode|section)\b|\b(?:i|we|my|our|you)\b",
                           re.I)


def _names(doc: Document) -> list[str]:
    """The subject's names: title, file name, aliases (longest first)."""
    stem = doc.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    raw = [doc.title, stem]
    aliases = doc.meta.get("aliases", doc.meta.get("alias"))
    if isinstance(aliases, str):
        aliases = re.split(r"\s*,\s*", aliases)
    if isinstance(aliases, list):
        raw += [a for a in aliases if isinstance(a, str)]
    names = []
    for name in raw:
        name = clean_name(re.sub(r"[_]+", " ", name))
        name = re.sub(r"^#+|\s*\([^()]*\)$", "", name).strip()
        if 1 <= len(name.split()) <= 8 and name not in names:
            names.append(name)
    initials = "".join(w[0] for w in doc.title.replace("_", " ").split() if w[:1].isalpha())
    if 2 <= len(initials) <= 6 and initials.isupper():
        names.append(initials)      # "UDP" for "User Datagram Protocol"
    return sorted(names, key=len, reverse=True)


def _opening(doc: Document) -> list[Section]:
    """The sections before the note's first part: its preface and its title's section."""
    out = []
    for section in doc.sections[:2]:
        if section.heading is None or section.level == 1 and section.title == doc.title:
            out.append(section)
        else:
            break
    return out


def _name_pattern(name: str) -> str:
    """The name, singular or plural, its words joined by spaces, hyphens or underscores."""
    words = [w for w in re.split(r"[\s_-]+", name) if w]
    if len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return r"[\s_-]+".join(map(re.escape, words)) + r"(?:s|es)?"


_LEAD = re.compile(rf"^{_FRAME}(?:the |an? )?", re.I)


def _squashed(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _subject_sentence(doc: Document, names: list[str]):
    if not names:
        return None
    keys = {_squashed(n)[:12] for n in names}
    for section in _opening(doc):
        paragraphs = [b for b in walk_blocks(section.blocks) if isinstance(b, Paragraph)]
        for block in paragraphs[:2]:
            spans = sentences(block.text.text)
            if not spans:
                continue
            a, b = spans[0]
            opening = _squashed(_LEAD.sub("", block.text.text[a:b][:120]))
            if not any(opening.startswith(k) for k in keys):
                continue    # (cheap: a pattern is compiled only for a sentence that may fit)
            either = "|".join(_name_pattern(n) for n in names)
            m = re.match(rf"^{_FRAME}(?:the |an? )?(?P<name>{either}){_APPOSITION} {_VERB} "
                         rf"{_ADVERB}(?P<rest>.+)$", block.text.text[a:b], re.I | re.S)
            if m is None:
                continue
            rest = m.group("rest")
            first = rest.split()[0].lower().strip(",.")
            if first in PREDICATIVE and first != "what" or len(rest.split()) < 3 \
                    or _SAID_OF.match(rest) and not _PARTICIPLE_OK.match(rest):
                return None     # "Thyroid storm is rare.": said of it, not what it is
            b = goes_on(doc, section, block.text, a + m.start("rest"), b, m.group("name"),
                        block.line)
            definition = block.text.slice(a + m.start("rest"), b).strip()
            if definition.text.endswith(":"):
                definition = _with_list(definition, section.blocks, block)
                if definition is None:
                    return None
            return term_card(doc, section, m.group("name"), definition, block.line,
                             "subject-sentence", 0.9, aspect_ok=True)
    return None


def _with_list(lead: Inline, blocks, block) -> Inline | None:
    """"Blepharitis is inflammation of the lid margins causing:" and the list under it."""
    blocks = list(walk_blocks(blocks))
    at = next((i for i, b in enumerate(blocks) if b is block), -1)
    nxt = blocks[at + 1] if 0 <= at < len(blocks) - 1 else None
    if not isinstance(nxt, ListBlock) or len(nxt.items) > 8:
        return None
    out = lead
    for item in nxt.items:
        out = out + Inline("\n") + item.text
    return out


def _callout_body(doc, section, quote: Quote, name: str) -> Inline | None:
    first = next(iter(walk_blocks(quote.blocks)), None)
    if isinstance(first, ListBlock) and len(first.items) <= 8:
        out = first.items[0].text
        for item in first.items[1:]:
            out = out + Inline("\n") + item.text
        return out
    if not isinstance(first, Paragraph):
        return None
    text = first.text
    spans = sentences(text.text)
    if len(spans) > 2:
        # two sentences, and those after them still about the term
        text = text.slice(0, goes_on(doc, section, text, 0, spans[1][1], name, quote.line))
    lead = re.match(rf"^(?:the |an? )?{_name_pattern(name)}{_APPOSITION},? {_VERB} ",
                    text.text, re.I)
    return text.slice(lead.end()) if lead else text


def _defining(quote: Quote) -> bool:
    title = normalize_key(quote.title.text) if quote.title else ""
    return quote.callout in DEFINITION_CALLOUTS or (
        quote.callout in _PLAIN_CALLOUTS and title in DEFINING_LABELS)


def definition_callouts(doc: Document):
    """``> [!definition] Habituation`` / ``> reduced response ...``; ``> [!Definition]``
    under a heading (or the note's title) defines that."""
    opening = _opening(doc)
    for section, quote in callouts(doc):
        if not _defining(quote):
            continue
        title = clean_name(quote.title.text) if quote.title else ""
        if title and normalize_key(title) not in DEFINING_LABELS \
                and normalize_key(title) not in DEFINITION_CALLOUTS:
            name = title
        elif any(section is s for s in opening):
            name = note_subject(doc) or clean_name(doc.title.replace("_", " "))
        else:
            name = heading_name(section.title)[0] or ""
            if attribute_label(name) or qualifier(name):
                name = ""       # "Definition" under "Clinical features": of what?
        body = _callout_body(doc, section, quote, name) if name else None
        if body is not None and not _PROMPT.match(body.text):
            yield term_card(doc, section, name, body, quote.line, "definition-callout", 0.9,
                            aspect_ok=True)


def _described(doc: Document):
    """A frontmatter description that defines the subject."""
    subject = note_subject(doc)
    if not subject:
        return None
    for key in ("description", "summary", "definition"):
        value = doc.meta.get(key)
        if not isinstance(value, str) or len(value.split()) < 4 or _ABOUT_ITSELF.search(value):
            continue
        text = Inline(" ".join(value.split()))
        lead = re.match(rf"^(?:the |an? )?{_name_pattern(subject)},? {_VERB} ", text.text, re.I)
        if lead:
            text = text.slice(lead.end())
        elif not re.match(r"(?:a|an|the|any|one)\s", text.text, re.I):
            continue        # "Notes from week 3", "How the heart pumps": no definition
        spans = sentences(text.text)
        if len(spans) > 2:
            text = text.slice(0, spans[1][1])
        section = doc.sections[0] if doc.sections else Section(None, 0, 1, ())
        return term_card(doc, section, subject, text, 1, "subject-meta", 0.85,
                         aspect_ok=True)
    return None


def subject_terms(doc: Document):
    yield _subject_sentence(doc, _names(doc))
    yield _described(doc)
    yield from definition_callouts(doc)
