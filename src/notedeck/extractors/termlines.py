"""Terms written one to a line, in the shapes note-takers use without bold or headings.

Rules (confidence in brackets):
  inline-field  ``Habituation:: reduced response ...`` (an Obsidian/Dataview inline field;
                in notes tagged #flashcards those lines are flashcards, not terms)       [.9]
  equals-line   ``Habituation = reduced response ...``, ``nominal GDP = GDP not ...``   [.85]
  dictionary    ``HABITUATION n. 1. reduced response ... 2. ...`` (a headword in capitals,
                its part of speech, numbered senses)                                    [.85]
  sub-bullets   a bullet that is only a name, defined by its nested bullets
                (``- Metformin`` / ``  - DOC in type 2 diabetes``)                       [.7]
  paren-gloss   a list of names each glossed in brackets (``- Lexemes (basic units of a
                language's vocabulary)`` / ``- Graphemes (the smallest unit of ...)``)    [.75]
  bold-title    ``**Kuru kingdom**`` alone on a line, described on the lines under it in
                the same paragraph, by name (a bold line as a small heading)             [.7]
  code-option   under a code block, ``- `-p`: attack module to use``: the option named
                with the program that takes it (``wifiphisher -p``)                     [.8]
  formula-lead  ``Grams of solute is:`` over its formula set apart (``g = M * n``)       [.7]

A line that leads into the list under it ("... in form of" / "- fixed payments") takes the
list as the rest of its definition.

Refused: field names that are metadata (``Status:: done``, a reference manager's
``**Citekey**:: ...``), formulas (``x = 2y``), a bullet whose sub-bullets are only names (a
set of members or a topic's parts, not a definition; under a heading that classifies, a
criterion over its classes), bullets under a list whose named
bullets mostly hold deeper lists (categories, such as organs under a drug class, rather
than things defined), and the keys of a code block explained under it (``ssid``).
"""
from __future__ import annotations

import re

from ..reading.document import CodeBlock, Document, Inline, ListBlock, Paragraph
from .base import Rejected
from .headings import NOT_A_NAME
from .letters import expand
from .termcard import is_card, term_card
from .termlabels import DEFINING_LABELS, attribute_label
from .text import clean_name, first_sentences

_FIELD = re.compile(r"^\s*([^:\n]{1,60}?)::\s+(\S.*)$", re.S)
_EQUALS = re.compile(r"^\s*([^=\n]{1,60}?)\s+=\s+(\S.*)$", re.S)
_DICTIONARY = re.compile(
    r"^\s*([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,3}),?\s+"
    r"(?:n|v|adj|adv|vb|vt|vi|pl|prep|abbr|noun|verb)\.(?:\s*pl\.)?\s+(?:1\.\s+)?(\S.*)$", re.S)
_METADATA = {"status", "created", "updated", "modified", "date", "author", "authors", "tags",
             "tag", "type", "rating", "source", "url", "link", "links", "aliases", "alias",
             "category", "categories", "topic", "priority", "due", "project", "area",
             "up", "related", "year", "course", "class", "lecture", "week", "id",
             # a reference manager's fields (Zotero's "Citekey:: ..."), Breadcrumbs' links
             "title", "citekey", "itemtype", "firstauthor", "creators", "creator", "director",
             "firstdirector", "publisher", "journal", "doi", "isbn", "pages", "volume",
             "issue", "edition", "accessed", "contribution", "language", "duration",
             "published", "down", "next", "prev", "previous", "jump", "same", "parent",
             "child", "children", "sibling", "siblings", "permalink", "cover", "genre"}
_FORMULA = re.compile(r"[0-9+*/^<>()=%$\\]")
# The operators and double arrows of the formulas a page's math becomes when saved as text
# ("A Hermitian ⟺ A = ...", "x ∈ S = ..."), and math letters ("𝐾𝑒𝑞 = ..."); not the
# plain arrows notes use for "raises" / "leads to" ("↑ mTOR = ↑ hypertrophy").
_MATH = re.compile("[\u21d0-\u21ff\u2200-\u22ff\u27f0-\u27ff\U0001d400-\U0001d7ff]")
# Words that make a short phrase a description rather than a name.
_PREDICATE = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "can", "may",
              "not", "no", "than", "rather", "before", "after", "during", "when", "while",
              "because", "only", "also", "very", "more", "most", "less", "often", "always",
              "never", "usually", "felt", "used", "given", "made", "found", "seen", "taken",
              "will", "should", "must", "does", "do", "did", "it", "its", "their", "your"}
_LABELLED = re.compile(r"^[^:—–]{1,50}(?::|\s[—–-])\s")
_NAME = re.compile(r"^[\w’'\-/&,. ]{2,50}$")
_WITH_ABBR = re.compile(r" \([A-Z][A-Za-z0-9\-]{1,9}\)$")


def _flashcards(doc: Document) -> bool:
    tags = doc.meta.get("tags") or []
    if isinstance(tags, str):
        tags = re.split(r"[\s,]+", tags)
    return isinstance(tags, list) and any(str(t).lstrip("#").lower() == "flashcards" for t in tags)


def metadata_field(name: str) -> bool:
    """``Status:: done``, ``**Citekey**:: ...``: a field of the note's metadata."""
    return name.strip(" *").casefold() in _METADATA


def inline_field(doc, section, inline: Inline, line: int):
    """``Term:: definition``."""
    m = _FIELD.match(inline.text)
    if not m or metadata_field(m.group(1)) or _flashcards(doc):
        return None
    return term_card(doc, section, m.group(1), inline.slice(m.start(2)), line,
                     "inline-field", 0.9)


def equals_line(doc, section, inline: Inline, line: int):
    """``Term = definition`` (a name, not a formula, on the left)."""
    m = _EQUALS.match(inline.text)
    if not m:
        return None
    head = m.group(1).strip()
    if _FORMULA.search(head) or _MATH.search(head) or not re.search(r"[^\W\d_]{2}", head) \
            or len(head.split()) > 6:
        return None
    if _FORMULA.match(m.group(2)):
        return None     # "Rate = (a / b) * 100": a formula
    end = len(inline.text)
    if " = " in m.group(2):
        # "A = x, B = y": the first one's definition ends where the next name starts
        nxt = re.search(r"[,;]\s+[^,;=]{1,60}\s=\s", inline.text[m.start(2):])
        if nxt is None:
            return None
        end = m.start(2) + nxt.start()
    return term_card(doc, section, head, inline.slice(m.start(2), end), line, "equals-line",
                     0.85)


def dictionary_entry(doc, section, inline: Inline, line: int):
    """``HABITUATION n. 1. reduced response ...``: the headword, its senses."""
    m = _DICTIONARY.match(inline.text)
    if not m:
        return None
    name = m.group(1).capitalize() if m.group(1).isupper() else m.group(1)
    return term_card(doc, section, name, inline.slice(m.start(2)), line, "dictionary", 0.85)


def line_term(doc, section, inline: Inline, line: int):
    """The first of the one-line shapes that ``inline`` has, else None."""
    text = inline.text
    if "::" in text:
        return inline_field(doc, section, inline, line)
    if " = " in text:
        return equals_line(doc, section, inline, line)
    if ". " in text and text[:2].isupper():
        return dictionary_entry(doc, section, inline, line)
    return None


def _abbreviated(text: str) -> str:
    """``Selective Serotonin Reuptake Inhibitors (SSRIs)``: a name with its abbreviation, the
    way notes on drug classes, methods and bodies introduce both; the name without it when
    its letters spell the name ("Sulfasalazine (BNF)" cites a source: no name)."""
    m = _WITH_ABBR.search(text)
    if m is None:
        return text
    words = text[:m.start()].split()
    abbr = m.group(0).strip(" ()")
    return text[:m.start()] if expand(abbr, words) is not None \
        or expand(abbr, words, small=True) is not None else text


def bare_name(inline: Inline) -> str | None:
    """The text of a bullet that holds only a name ("Metformin", "Edrophonium test"), else
    None: sentences, labels with colons and questions are not names."""
    text = inline.text.strip()
    bare = _abbreviated(text) if text.endswith(")") else text
    words = bare.lower().split()
    if not _NAME.match(bare) or len(words) > 5 or text[-1:] in ".,":
        return None
    if NOT_A_NAME.match(text) or text[:1].isdigit() or text[:1].islower():
        return None
    if words[0].endswith(("ly", "ed")) or any(w in _PREDICATE for w in words):
        return None     # "Easily verbalized", "Formed before language": a description
    return text


def _sub_items(block: ListBlock) -> Inline | None:
    texts = [it.text for it in block.items if it.text.text.strip()]
    if not texts or len(texts) > 8 or any(len(t.text) > 200 for t in texts):
        return None
    names = [t for t in texts if bare_name(t)]
    if len(names) == len(texts) and (len(texts) >= 3 or all(
            len(t.text.split()) == 1 or t.text.istitle() for t in texts)) \
            or len(texts) >= 4 and len(names) * 4 >= len(texts) * 3:
        # only names ("Semitic Languages"; a contents list, all but one a title): the
        # members of a set or a topic's parts, no definition
        return None
    if sum(1 for t in texts if _LABELLED.match(t.text) or t.bold_prefix()) * 2 > len(texts):
        return None     # "Virginia Plan: ...", "New Jersey Plan: ...": terms of their own
    out = texts[0]
    for t in texts[1:]:
        out = out + Inline("\n") + t
    return out


def _category(item) -> bool:
    sub = next((c for c in item.children if isinstance(c, ListBlock)), None)
    return sub is not None and any(
        isinstance(c, ListBlock) for it in sub.items for c in it.children)


def _named(block: ListBlock) -> list:
    return [it for it in block.items if bare_name(it.text)
            and any(isinstance(c, ListBlock) for c in it.children)]


def categories(blocks) -> bool:
    """Whether the named bullets of a section's lists mostly hold deeper lists: they are
    categories ("Eye", "Bladder" over the drugs for each), not things defined."""
    named = [it for b in blocks if isinstance(b, ListBlock) for it in _named(b)]
    return bool(named) and sum(_category(it) for it in named) * 2 > len(named)


def sub_bullet_terms(doc, section, block: ListBlock, parent: str = "",
                     grouped: bool | None = None):
    """Named bullets defined by their sub-bullets; a generic one ("Side effects") named
    with the bullet it hangs under. Yields (item, candidate) for the items it takes.
    ``grouped``: whether the section's named bullets are categories (else judged from
    this list alone)."""
    named = _named(block)
    if not named or (categories([block]) if grouped is None else grouped):
        return
    if _CLASSIFYING.search(section.title or ""):
        return      # under "Classifying neurons", "Functional role" is a criterion, its
        # nested items the classes
    for item in named:
        name = bare_name(item.text)
        if re.search(r"\s(?:and|&)\s", name):
            continue    # "Individual Rights and Governance": two topics, a section's title
        sub = next(c for c in item.children if isinstance(c, ListBlock))
        definition = _sub_items(sub)
        if definition is None:
            continue
        found = term_card(doc, section, name, definition, item.line, "sub-bullets", 0.7,
                          parent=parent)
        if found is not None:
            yield item, found


_PAREN = re.compile(r"^\s*([^()\n]{2,50}?)\s*\((.+)\)\s*$", re.S)
# What opens an aside that is not what the name is: examples, references, when or where.
_ASIDE = re.compile(r"(?:e\.?\s?g\b|see\b|cf\b|for example|such as|like\b|"
                    r"incl|from\b|by\b|at\b|on\b|since\b|until\b|per\b|via\b|aka\b|"
                    r"also\b|or\b|and\b|used\b|optional|\d|[^\w\s])", re.I)


# "Crohn's disease, Coeliac disease": capitalised names, examples of the name before them
_NAMES = re.compile(r"^[A-Z][^,\s]*(?: [^,\s]+){0,4}(?:, [A-Z][^,\s]*(?: [^,\s]+){0,4})+$")
_SORTS = {"type", "types", "kind", "kinds", "class", "classes", "form", "forms", "category",
          "categories", "part", "parts", "definitions"}


def _instances(title: str) -> bool:
    """A heading over instances of an aspect ("Causes", "Symptoms", "Examples"), not over
    sorts of a thing ("Types of scripts") or definitions."""
    label = attribute_label(clean_name(title))
    return label is not None and label not in DEFINING_LABELS and label.split()[0] not in _SORTS


def _paren_gloss(inline: Inline):
    """(name, gloss) of ``Name (what it is, in four words or more)``, else None."""
    if not inline.text.rstrip().endswith(")"):
        return None     # (most items: no regex)
    m = _PAREN.match(inline.text)
    if m is None or len(m.group(2).split()) < 4 or _ASIDE.match(m.group(2)) \
            or re.search(r"\d", m.group(2)) or _NAMES.match(m.group(2)):
        return None     # dates, doses and formulas ("late 1700s", "H2O lost"), examples
    depth = 0
    for ch in m.group(2):       # the bracket opened after the name closes at the very end
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return None
    name = bare_name(inline.slice(0, m.end(1)))
    return (name, inline.slice(m.start(2), m.end(2))) if name and depth == 0 else None


def paren_glosses(doc, section, block: ListBlock) -> dict:
    """The terms of a list with three or most of its items ``Name (gloss)``: {id(item):
    card}. One such item alone is a name with an aside ("Aspirin (take it with food)")."""
    glossed = [(item, _paren_gloss(item.text)) for item in block.items]
    count = sum(1 for _, g in glossed if g)
    if count < 3 and (count * 2 <= len(block.items) or count < 2):
        return {}
    if any(_instances(title) for title in section.path):
        return {}   # under "Causes": "Poor diet (rare, unless vegan)" is a cause, an aside
    return {id(item): term_card(doc, section, g[0], g[1], item.line, "paren-gloss", 0.75)
            for item, g in glossed if g}


def titled_paragraph(doc, section, block: Paragraph):
    """``**Kuru kingdom**`` on a line of its own, its description on the lines under it (in
    the same paragraph: a bold line used as a small heading) naming it again in its first
    sentence, else None."""
    text = block.text
    first, sep, rest = text.text.partition("\n")
    end = len(first.rstrip())
    if not sep or text.strong[:1] != ((0, end),) or len(rest.split()) < 4:
        return None
    name = bare_name(text.slice(0, end))
    if name is None or len(name.split()) > 4:
        return None
    described = first_sentences(text, 2, len(first) + 1)
    if name.casefold() not in first_sentences(described, 1).text.casefold():
        return None     # "**Correction**" over "If premature, add ...": a label over advice
    return term_card(doc, section, name, described, block.line, "bold-title", 0.7)


_CLASSIFYING = re.compile(r"\bclassif(?:y|ying|ied|ication|ications)\b|\bcategori[sz]", re.I)
_PROMPT = re.compile(r"^\s*(?:[$#>%]\s+)?(?:sudo\s+)?")
_COMMAND = re.compile(r"[A-Za-z][\w.+-]{0,30}$")


_SHELL = {"cd", "echo", "export", "sudo", "env", "cat", "time", "nohup"}


def command_of(code: CodeBlock, option: str = "") -> str:
    """The program a code block runs with ``option`` ("wifiphisher -aI wlan0 -p ..." ->
    "wifiphisher", the program of the piped command that takes the option), "" for a
    file's contents (a config, a script's body)."""
    first = ""
    for raw in code.text.split("\n"):
        line = _PROMPT.sub("", raw).strip()
        if not line or line.startswith(("#", "//", "--", ";")):
            continue
        runs = False
        for part in re.split(r"\|\|?|&&|;", line):
            words = part.split()
            while words and (words[0] in _SHELL or "=" in words[0]):
                words = words[1:]       # "sudo", "cd dir", "VAR=x"
            if len(words) < 2 or not _COMMAND.match(words[0]):
                continue
            runs = True
            if option and any(w == option or w.startswith(option + "=") for w in words):
                return words[0]
            first = first or words[0]
        if not runs and line.split()[0] not in _SHELL:
            return first        # a line that runs nothing: a file's contents
    return first


# An item naming a part before its gloss: "`-p`: attack module to use", "start - launch ..."
_NAMED_ITEM = re.compile(r"\s*(.{1,40}?)\s*(?::\s|\s[—–-]\s)(\S.*)$", re.S)


def code_parameter(doc, section, found, item, code: CodeBlock):
    """A list right under a code block explains its parts: an option ("`-p`: attack module
    to use") is named with its program ("wifiphisher -p"); a key of the code ("`ssid`: the
    name of the network") is no term of its own."""
    text = item.text
    m = _NAMED_ITEM.match(text.text)
    if m is None:
        return found
    name = m.group(1).strip(" `*")
    command = command_of(code, name.split()[0] if name else "")
    if name.startswith("-") and command and len(name.split()) <= 2:
        term = f"{command} {name}"
        return term_card(doc, section, term, text.slice(m.start(2)), item.line, "code-option",
                         0.8, shown=Inline(term, code=((0, len(term)),)))
    literal = any(s == 0 for s, _ in text.code) or name.startswith("-")
    if is_card(found) and (literal or re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])",
                                                 code.text)):
        return Rejected("term", name[:60], "a part of the code above it, not a term",
                        found.line)
    return found


# A lead that names the items of the list under it as parameters: "There are four options
# which can be given to `systemctl`:", "It has the following command line arguments:",
# "Flags used:". Notes on tools and APIs everywhere list a program's options, arguments and
# keys so; an item's name ("start", "args", "/process") is the program's, no term alone.
_PARAMETER_LEAD = re.compile(r"\b(?:param(?:eter)?s|options|arguments|args|flags|switches|"
                             r"keys|settings)\b[^.:]*:$", re.I)
_IDENTIFIER = re.compile(r"[-/]{0,2}[a-z][\w.:\-]*")


def parameter_owner(lead: Inline | None, heading: Inline | None) -> str | None:
    """The program whose parameters a lead introduces: the first code of its last
    sentence, else the heading's ("## `hostapd`"); "" when neither names one; None when
    ``lead`` is no parameter lead."""
    text = lead.text.rstrip() if lead is not None else ""
    if not text.endswith(":"):
        return None         # the cheap test first: a lead ends on a colon
    start = max(text.rfind(end) for end in ("\n", ". ", "? ", "! ")) + 1
    if not _PARAMETER_LEAD.search(text, start):
        return None
    for source, at in ((lead, start), (heading, 0)):
        for s, e, *_ in source.code if source is not None else ():
            name = source.text[s:e].strip()
            if s >= at and 0 < len(name) <= 30 and " " not in name:
                return name
    return ""


def named_parameter(doc, section, found, item, owner: str):
    """A list item under a parameter lead named with its program ("systemctl start"); one
    written as code under a lead that names no program is refused: whose it is, the card
    could not say."""
    text = item.text
    m = _NAMED_ITEM.match(text.text)
    name = m.group(1).strip(" `*") if m else ""
    if not is_card(found) or not _IDENTIFIER.fullmatch(name):
        return found
    if owner:
        term = f"{owner} {name}"
        return term_card(doc, section, term, text.slice(m.start(2)), item.line, "code-option",
                         0.8, shown=Inline(term, code=((0, len(term)),)))
    if any(s == 0 for s, *_ in text.code) or name.startswith(("-", "/")):
        return Rejected("term", name, "a parameter of a program the note does not name",
                        found.line)
    return found


_LEADS_ON = re.compile(r"(?::|\s(?:of|and|or|the|to|with|by|as|in|for|include|includes|"
                       r"including|are|is))$")


_FORMULA_LEAD = re.compile(r"^(?:the\s+)?([A-Za-z][\w’' -]{1,60}?)(?:\s+\([^()]{1,12}\))?\s+is:$",
                           re.I)
_FORMULA_LINE = re.compile(r"^\s*[\w%.]+(?:\s*\([^()]*\))?\s*=\s*\S")


def formula_lead(doc, section, text: Inline, line: int, nxt):
    """``Grams of solute is:`` over the formula that gives it (``gramsOfSolute = ...``), as
    model descriptions and science notes set a quantity's formula apart under its name."""
    if not isinstance(nxt, Paragraph) or not text.text.endswith("is:") \
            or "\n" in nxt.text.text or not _FORMULA_LINE.match(nxt.text.text):
        return None
    m = _FORMULA_LEAD.match(text.text.strip())
    if m is None or len(m.group(1).split()) > 6 or set(m.group(1).lower().split()) & _PREDICATE:
        return None     # "When a solution is saturated, the amount ... is:": a clause
    name = m.group(1).strip()
    return term_card(doc, section, name[:1].upper() + name[1:], nxt.text, line,
                     "formula-lead", 0.7)


def continued(text: Inline, nxt) -> Inline:
    """A line that leads into the list under it ("X = an investment that provides return
    in form of" / "- fixed periodic payments" ...) goes on with the list's items."""
    if not isinstance(nxt, ListBlock) or not _LEADS_ON.search(text.text.rstrip()) \
            or len(nxt.items) > 8 or any(len(i.text.text) > 160 for i in nxt.items):
        return text
    out = text
    for item in nxt.items:
        out = out + Inline("\n") + item.text
    return out


def glossary_runs(glossary: list) -> list:
    """In a list that is no glossary, the lines of three or more glossary lines in a row
    ("- Transport proteins" / "- Passive transport: movement ..." / "- Active transport:
    ..." / "- Ion transport: ..."): a glossary of its own among other bullets."""
    out: list = [None] * len(glossary)
    start = 0
    for end in range(len(glossary) + 1):
        if end < len(glossary) and is_card(glossary[end]):
            continue
        if end - start >= 3:
            out[start:end] = glossary[start:end]
        start = end + 1
    return out
