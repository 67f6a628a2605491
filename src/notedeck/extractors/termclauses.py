"""Terms defined by the clause around them, anywhere in a sentence.

Rules (confidence in brackets):
  which-clause   ``Benzodiazepines, which are anti-anxiety sedative medications, can ...``
                 opening a sentence; a marked term (bold, italic, highlight) anywhere:
                 ``... in contrast to an **aquitard**, which restricts water flow``         [.7]
  marked-last    a sentence that ends on a marked term says what it is: ``The set of genes
                 that exist in the population is the **gene pool**.``, ``If its alleles are
                 identical, it is *homozygous*.``                                           [.7]
  called-mid     ``... through a process called **infiltration** ...``, ``a related feature
                 called vibhakti``: the sentence that names it                             [.65]
  inline-gloss   three or more ``name (gloss)`` in one sentence: ``availability bias
                 (favour quickly accessible info), confirmation bias (seek info that ...)``  [.65]
  item-gloss     two or more list items that are each ``Name (what it is)``: ``- Graphemes
                 (The smallest functional unit of a writing system)``; no aside (a cause, a
                 time, "especially ...", a run of examples, under four words)              [.65]

A marked term is one the author set apart; unmarked, only the sentence's opening counts.
"""
from __future__ import annotations

import re

from ..reading.document import Inline
from .headings import NOT_A_NAME
from .termcard import term_card
from .text import sentences

_WHICH_LEAD = re.compile(r"^(?:the |an? )?([A-Za-z][\w’'\-]+(?: [\w’'\-]+){0,3}), which (?:is|are)"
                         r" ((?:(?:a|an|the) )?[^,;]{6,140}?)(?:,|$)", re.S)
_RELATIVE_AFTER = re.compile(r", (?:which|who) (?:(?:is|are) )?", re.I)
# What a sentence that ends on its term says before it: "..., it is", "... is the".
_BEFORE_LAST = re.compile(r"^(.{12,240}?),? (?:(?:it|they|this|these) )?(?:is|are)(?: often| also|"
                          r" then| usually| generally)?(?: called| known as| termed| referred to"
                          r" as| named)? (?:(?:the|an?) (?:[\w-]+ ){0,2})?$", re.S)
_CALLED_MID = re.compile(r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,3}[\w-]+,?\s+(?:called|named|termed|"
                         r"known as)\s+(?:the\s+)?$", re.I)
# Kinds of thing a term is ("a process called infiltration", "a feature called vibhakti").
_KINDS = {
    "process", "feature", "phenomenon", "condition", "concept", "technique", "method",
    "procedure", "effect", "principle", "strategy", "mechanism", "compound", "structure",
    "region", "layer", "disorder", "syndrome", "reaction", "hormone", "protein", "enzyme",
    "molecule", "cell", "tissue", "membrane", "organ", "sign", "model", "theory", "law",
    "algorithm", "protocol", "attack", "type", "kind", "form", "stage", "phase", "state",
    "property", "behavior", "behaviour", "bias", "trait", "test", "approach", "pattern",
    "disease", "fallacy", "heuristic", "doctrine", "rule", "policy", "practice", "term",
    "measure", "quantity", "value", "ratio", "relationship",
    "response", "reflex", "interval", "period", "zone", "gland", "bone", "muscle", "nerve",
    "vessel", "substance", "element", "particle", "force", "field", "notation", "construct",
    "pathway", "cycle"}
_GLOSSED = re.compile(r"([A-Za-z][\w’'\-]*(?: [\w’'\-]+){0,2}) \(([^()]{6,120})\)")
_NOT_A_GLOSS = re.compile(r"^(?:(?i:e\.?g|i\.?e|see|cf|also|or|and|aka|n\s?=|such as|the|like|"
                          r"including|for example|first|second|third|last|next|other|b/w|"
                          r"between|vice versa)\b|\d|[A-Z]{2,}\b)|\?$")
_FUNCTION = {"the", "a", "an", "of", "to", "in", "on", "for", "with", "by", "and", "or", "as",
             "over", "per", "about", "under", "through", "via", "than", "between",
             "is", "are", "include", "includes", "including", "such", "like", "can", "be",
             "from", "into", "at", "its", "their", "this", "that", "these", "those"}


def _marked(inline: Inline) -> list[tuple[int, int]]:
    """Spans the author set apart (bold, italic, highlight), merged where they touch."""
    spans = sorted(inline.strong + inline.emph + inline.marked)
    out: list[list[int]] = []
    for s, e in spans:
        if out and s <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out if 2 <= e - s <= 60]


# Words no name is made of: a judgement or a degree ("very fast", "less storage").
_NOT_IN_NAME = {"very", "more", "less", "most", "least", "too", "so", "quite", "really", "also",
                "not", "no", "is", "are", "be", "can", "will", "should", "would", "it", "they",
                "we", "you", "i", "he", "she", "its", "their", "our", "your", "my"}


def _name(text: str) -> str:
    words = text.strip(" ,;:").split()
    low = [w.lower().strip("’'") for w in words]
    if not 1 <= len(words) <= 4 or low[0] in _FUNCTION or NOT_A_NAME.match(text) \
            or not re.match(r"[A-Za-z]", words[0]) or any(w in _NOT_IN_NAME for w in low) \
            or re.search(r"[’'](?:re|m|s|ll|ve|d)\b", text) or low[0].endswith("ly"):
        return ""
    return " ".join(words)


def _says_what(rest: str) -> bool:
    """The words after "is" name a kind of thing ("small projections", "an attribute"), not
    a property ("caused by", "longer and narrower", "especially good")."""
    words = rest.split()
    if words and words[0].lower().endswith("ly"):
        words = words[1:]       # "usually the common ancestor"
    if len(words) < 3:
        return False
    first = words[0].lower().strip(",")
    if first in ("a", "an", "the", "any", "one"):
        return True
    return not (first.endswith(("ed", "ly", "er", "est")) or first in _NOT_IN_NAME
                or first in ("said", "made", "done", "known", "seen", "found", "given", "used"))


def which_clause(doc, section, inline: Inline, a: int, b: int, line: int):
    sent = inline.text[a:b]
    m = _WHICH_LEAD.match(sent) if ", which " in sent[:80] else None
    if m and m.group(1)[:1].isupper() and _name(m.group(1)) and _says_what(m.group(2)):
        yield term_card(doc, section, m.group(1), inline.slice(a + m.start(2), a + m.end(2)),
                        line, "which-clause", 0.7)
        return
    for s, e in _marked(inline):
        if not a <= s < e <= b or s == a:
            continue
        rel = _RELATIVE_AFTER.match(inline.text, e, b)
        name = _name(inline.text[s:e])
        if rel is None or not name:
            continue
        end = inline.text.find(", and ", rel.end(), b)
        definition = inline.slice(rel.end(), end if end > 0 else b).strip(" .,;")
        before = inline.text[a:s].split()[-1:] or [""]
        verb = definition.text.split()[0].lower() if definition.text.split() else ""
        named = before[0].lower() in ("a", "an", "the", "of", "called", "named", "termed",
                                      "as") and verb.endswith("s") and verb != "was"
        if rel.group(0).rstrip().endswith(("is", "are")) and _says_what(definition.text) \
                or named and len(definition.text.split()) >= 3:
            yield term_card(doc, section, name, definition, line, "which-clause", 0.7)


def marked_last(doc, section, inline: Inline, a: int, b: int, line: int):
    """``The set of different genes ... is the **gene pool**.``"""
    end = len(inline.text[a:b].rstrip(" .!;:)”\"’")) + a
    last = next(((s, e) for s, e in _marked(inline) if a < s and e == end), None)
    if last is None:
        return None
    lead = inline.text[a:last[0]]
    m = _BEFORE_LAST.match(lead)
    name = _name(inline.text[last[0]:last[1]])
    if m is None or not name:
        return None
    desc = inline.slice(a, a + m.end(1))
    if re.match(r"(?:this|it|these|they|that)\b", desc.text, re.I):
        return None         # "This is called X": the sentence before says what it is
    naming = re.search(r"\b(?:(?:is|are)\s+(?:the|an?)(?:\s+(?!(?:of|for|in|to|with|from|on|by)\b)"
                       r"[\w-]+){0,2}|called|known as|termed|named)\s+$", lead)
    conditional = re.match(r"(?:if|when)\s", desc.text, re.I) and re.search(
        r",\s+(?:it|they)\s+(?:is|are)\s+$", lead)
    if not naming and not conditional:
        return None         # "... the response times are *very fast*": a property
    return term_card(doc, section, name, desc, line, "marked-last", 0.7)


def called_mid(doc, section, inline: Inline, a: int, b: int, line: int):
    """``... seeps into the ground through a process called **infiltration** ...``"""
    text = inline.text
    for m in re.finditer(r"\b(?:called|named|termed|known as)\s+(?:the\s+)?", text[a:b]):
        at = a + m.end()
        if not _CALLED_MID.search(text[a:at]):
            continue
        kind = re.search(r"([a-z]+),?\s+(?:called|named|termed|known as)\s+(?:the\s+)?$",
                         text[a:at])
        noun = kind.group(1) if kind else ""
        if noun not in _KINDS and not (noun.endswith("s") and noun[:-1] in _KINDS):
            continue        # "a file called targets.txt", "a user named john": an instance
        marked = next(((s, e) for s, e in _marked(inline) + list(inline.code) if s == at), None)
        if marked is not None:
            name = _name(text[marked[0]:marked[1]])
        else:
            words = re.match(r"[A-Za-z][\w’'\-]*(?: [a-z][\w’'\-]*){0,2}(?=[.,;:)]|$)", text[at:b])
            name = _name(words.group(0)) if words else ""
        if name and len(text[a:b].split()) >= 6 and not re.search(r"[./\\\d_]", name):
            return term_card(doc, section, name, inline.slice(a, b).strip(), line,
                             "called-mid", 0.65)
    return None


def inline_glosses(doc, section, inline: Inline, a: int, b: int, line: int):
    """``availability bias (favour quickly accessible info), confirmation bias (seek info
    that confirms), ...``: a sentence that glosses three or more names in brackets."""
    found = []
    for m in _GLOSSED.finditer(inline.text, a, b):
        gloss = m.group(2).strip()
        words = m.group(1).split()
        lead = m.start(1)
        while words and words[0].lower() in _FUNCTION:
            lead = inline.text.index(words[0], lead) + len(words[0])
            words = words[1:]
        if not words or _NOT_A_GLOSS.match(gloss) or not gloss[:1].isalpha() \
                or len(re.findall(r"\b[a-z]{3,}", gloss)) < 2 or re.search(r"\betc\b|[+=…]", gloss) \
                or not re.fullmatch(r"[A-Za-z’'\- ]+", " ".join(words)):
            continue        # "(>3 L/24 hr)", "(B group, C)", "(da + me + lo)": no gloss
        # (what stands before the name itself: "... include evidence-based management (...)")
        before = inline.text[a:lead].rstrip()
        if before and before[-1:] not in ",;:–—-" and not re.search(
                r"\b(?:and|or|include|includes|including|such as|like)$", before):
            words = words[-1:]      # "The Dark Triad comprises narcissism (...)"
        name = _name(" ".join(words))
        if name:
            found.append((name, m.start(2), m.start(2) + len(m.group(2))))
    if len(found) < 3:
        return      # two glossed words are examples as often as they are terms
    for name, s, e in found:
        yield term_card(doc, section, name, inline.slice(s, e), line, "inline-gloss", 0.65)


def clause_rules(doc, section, inline: Inline, a: int, b: int, line: int):
    yield from which_clause(doc, section, inline, a, b, line)
    yield marked_last(doc, section, inline, a, b, line)
    if " called " in inline.text[a:b] or " named " in inline.text[a:b] \
            or " termed " in inline.text[a:b] or " known as " in inline.text[a:b]:
        yield called_mid(doc, section, inline, a, b, line)
    if inline.text.count("(", a, b) >= 2:
        yield from inline_glosses(doc, section, inline, a, b, line)


def glossed_names(doc, section, inline: Inline, line: int):
    """The bracket glosses of a line another rule has read ("Too little info – availability
    bias (...), confirmation bias (...), ...": a glossary line that holds a glossary)."""
    if inline.text.count("(") < 3:
        return
    for a, b in sentences(inline.text):
        yield from inline_glosses(doc, section, inline, a, b, line)


_ITEM_GLOSS = re.compile(r"([A-Za-z][\w’'\-]*(?: [\w’'\-]+){0,3}) \(([^()]{6,400})\)[.;,]?")


# A gloss that ranks or rates its name ("Nausea (most common)") says nothing of what it is.
_RATING = re.compile(r"^(?i:most|major|main|minor|very|more|less|least|rare|rarely|common|"
                     r"commonly|usually|often|mild|severe|best|worst|important|optional)\b")


def _gloss_ok(gloss: str) -> bool:
    # (a whole item's gloss may open with an article: "Graphemes (The smallest unit ...)")
    bare = re.sub(r"^(?i:the|an?)\s+(?=[a-z])", "", gloss)
    return not _NOT_A_GLOSS.match(bare) and not _RATING.match(gloss) and gloss[:1].isalpha() \
        and len(re.findall(r"\b[a-z]{3,}", gloss)) >= 2 and not re.search(r"\betc\b|[+=…]", gloss)


# How an aside in brackets opens when it gives a cause, a circumstance, a time or an example
# ("Preterm labour (due to polyhydramnios)", "HIV p24 antigen (appears early)").
_ASIDE = re.compile(r"^(?i:due|from|via|by|with|without|especially|esp|mainly|mostly|only|"
                    r"also|if|when|where|in|on|at|for|to|after|before|during|within|since|"
                    r"increased|decreased|reduced|raised|low|high|not|no|h/o|upper|lower|late|"
                    r"early|mid|males|females|both|either|it|it’s|it's|they|this|these|can|"
                    r"may|appears?|seen|see|usually|often|typically|commonly|generally|sometimes)\b")


def _says_what_it_is(gloss: str) -> bool:
    """A bracket that defines the item's name: a phrase of four or more words that is no
    aside (a cause, a time, "especially ...", a clause with "may"), no run of examples
    ("Hashimoto's disease, atrophic", "blunted affect, avolition, alogia")."""
    first = gloss.split(". ")[0]
    return _gloss_ok(gloss) and len(first.split()) >= 4 and not _ASIDE.match(gloss) \
        and first.count(",") < 2 and not re.search(
            r"\b(?:may|might|can|could|will|should|must|including|such as|e\.g)\b", first)


def listed_glosses(doc, section, items):
    """``- Graphemes (The smallest functional unit of a writing system)``, ``Autoreceptors
    (detect NTs); transporters (transport NTs across membrane)``: list items that are each
    a name and its gloss in brackets, the whole item (or each of its ``;`` parts). Two or
    more in one list: a glossary; one alone may be an aside."""
    found = []
    for item in items:
        text = item.text.text
        if text.count("(") > 3 or not text.rstrip(" .;,").endswith(")"):
            continue
        offset = 0
        for part in text.split(";"):
            lead = len(part) - len(part.lstrip())
            m = _ITEM_GLOSS.fullmatch(part.strip())
            name = _name(m.group(1)) if m and _says_what_it_is(m.group(2).strip()) \
                and not re.search(r"\d", m.group(1)) else ""
            if name:
                start = offset + lead + m.start(2)
                found.append((item, name, start, start + len(m.group(2))))
            offset += len(part) + 1
    if len(found) < 2:
        return
    for item, name, s, e in found:
        yield term_card(doc, section, name, item.text.slice(s, e), item.line, "item-gloss",
                        0.65)
