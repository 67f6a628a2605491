"""Generic labels, and the thing each belongs to.

A generic label names an aspect of something ("Side effects", "Management", "Rx"), a
qualifier one of its kinds ("Severe", "Acute"), a population a setting ("Children",
"Pregnancy"): none is a term alone. With the thing it belongs to it is one: the item or
heading above it, else the note's own subject (its title or file name) where the label
stands at the note's top level ("Clinical features of chickenpox", "Severe asthma",
"Methotrexate in pregnancy"). Names that are clauses or steps ("If recurrent",
"At 3 months", "Configure the AP") are no terms at all, nor are places in a sequence
("Step 1"), a page's navigation, and body systems that sort an aspect's entries ("Skin:"
under "Clinical features").
"""
from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata

from ..reading.document import Document, Section
from ..reading.plaintext import abbreviation_title
from .headings import heading_name
from .termkinds import BODY_SYSTEMS, INVESTIGATIONS, QUALIFIERS, qualifier
from .text import as_aliased, clean_name, is_meta_label, squash

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
    # sections of a clinical or technical note ("Imaging", "Rx", "C/F", "Syntax", "Tools")
    "aetiology", "epidemiology", "imaging", "monitoring", "differential", "screening",
    "examination", "referral", "follow-up", "test", "factor", "classification", "staging",
    "incidence", "prevalence", "interaction", "caution", "counselling", "counseling",
    "pathogenesis", "ix", "rx", "tx", "mx", "dx", "ddx", "hx", "sx", "inv", "c/f", "tool",
    "syntax", "methodology", "technique", "mitigation", "option", "installation",
    "configuration", "setup", "command", "assessment", "grading", "severity", "criterion",
    "score", "scoring", "finding",
    # what a slide lists about the thing above it ("Parts", "Action", "Fun facts about X")
    "part", "action", "fact",
    # aspects a technical or clinical note gives their own section ("## Security" of a
    # protocol, "## Toxicity" of a drug, "## Attachments" of a muscle)
    "security", "privacy", "scalability", "availability", "toxicity", "attachment",
    "consideration",
    # where a thing lies ("Organ | Location" tables, "Location:" lines), how it spreads
    # ("**Spread**:" of a rash or a tumour, "Transmission" of an infection) and how it is
    # given ("# Prescribing" in a note on a drug)
    "location", "spread", "transmission", "prescribing",
}
_ALWAYS = {"strategy", "purpose", "context", "inspiration", "difficulty", "challenge",
           "requirement", "specification", "nature", "view", "leader", "legacy", "background",
           "overview", "summary", "significance", "importance", "prognosis", "management",
           "presentation", "usage", "meaning", "implication", "implications"}
# Words that make a plural attribute noun a label ("Side effects", "Key concerns"), where
# any other would make a name ("Defense mechanisms", "Negative symptoms").
_LABEL_MODIFIERS = {"side", "key", "main", "major", "common", "other", "general", "ongoing",
                    "mixed", "guiding", "notable", "possible", "potential", "important",
                    "specific", "adverse", "additional", "further", "basic", "typical", "usual",
                    "expected", "overall", "economic", "political", "clinical", "its", "their",
                    "first", "earliest", "initial", "early", "late", "final", "last",
                    "examination", "rare", "uncommon"}
_SUPERLATIVES = {"most", "best", "least"}     # "Most accurate test", "Best initial tests"
_LABEL_PHRASES = {"risk factor", "risk factors", "red flag", "red flags"}
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
    if len(head) == 2 and head[0] in _LABEL_MODIFIERS or text in _LABEL_PHRASES \
            or len(head) <= 3 and head[0] in _SUPERLATIVES:
        return text         # "Risk factor", "Side effect", "Clinical feature"
    if len(head) <= 3 and (last in _ALWAYS or last != _singular(last)
                           and head[0] in _LABEL_MODIFIERS or head[0].endswith(("'s", "’s"))):
        return text         # "Side effects", "Key Concerns", "Campaign Strategy"
    return None


def _aspects(name: str) -> bool:
    """A generic label, or a set of aspects ("Essential Features", "Offline Methods"): no
    one thing a label under it can belong to."""
    words = name.casefold().split()
    return bool(attribute_label(name)) or 0 < len(words) <= 3 and not _OF.search(name) \
        and words[-1] != _singular(words[-1]) and _singular(words[-1]) in _ASPECT_PLURALS


# Plurals that gather aspects whatever word stands before them ("Essential Features"; not
# "Extrapyramidal side effects", which names a thing).
_ASPECT_PLURALS = {"feature", "method", "consideration", "characteristic", "property",
                   "advantage", "disadvantage", "benefit", "limitation", "application", "use",
                   "function", "component", "requirement", "option", "tool", "technique"}


def names_a_kind(term: str, definition: str) -> bool:
    """"Mixed strategy: A strategy that ..." names a kind of thing, where "Campaign
    Strategy: Used fear of ..." tells an aspect of another: a longer name over a definition
    that opens with an article is a term whatever its last word."""
    opening = definition.lstrip(" :—–-")
    if len(term.split()) == 1:      # "Anatomy: the study of ...": the word itself defined,
        # not a sentence about the thing ("Investigation: An MRI of the spine is the ...")
        return bool(_DEFINES_WORD.match(opening)) and not re.search(
            r"\b(?:is|are|was|were|has|have|can|will|should|may|must)\b", opening[:120])
    return bool(re.match(r"(?:a|an|the)\s", opening, re.I))


def named_with(label: str, parent: str) -> str | None:
    """A generic label with the thing it belongs to: its name when the label defines it
    ("Definition" under "Federalism"), else both ("Side effects of Insulin")."""
    parent = clean_name(parent)
    if not parent or _aspects(parent) or is_meta_label(parent) or len(parent.split()) > 6:
        return None
    if label in DEFINING_LABELS or label.split()[-1] in DEFINING_LABELS:
        return parent       # "Prototypical meaning:" under "Abl: ablative" defines it
    if _OF.search(label) or len(label.split()) > 2:
        return None         # "Nature of Debate" already says what it is about
    if {_singular(w) for w in label.split()} & {_singular(w) for w in parent.casefold().split()}:
        return None         # "Other factors" under "Factors That Contribute To Wealth"
    return f"{label[:1].upper()}{label[1:]} of {parent}"



_DEFINES_WORD = re.compile(r"(?:a|an|the)\s+\w+(?:\s+\w+)?\s+(?:of|that|which|who|whose|"
                           r"where|used|by which|in which)\b", re.I)


# Words a name never starts with: a condition or a circumstance ("If recurrent", "At 3
# months", "By University of Bristol", "after William Thomson"), not a thing.
_CLAUSE_START = re.compile(
    r"^(?:if|when|whenever|unless|because|although|though|while|whereas|once|after|before|"
    r"during|until|till|at|by|from|to|for|with|without|on|upon|via|per|into|between|but|"
    r"and|or|so|yet|even|now|then|also|however|thus|hence|therefore|"
    # a place: "Near the cardiac is ...", "Behind the ear"
    r"near|beside|behind|beneath|within|inside|outside|around|across|along|against|among|"
    r"through|throughout|towards?|beyond|despite|unlike|compared(?=\s+(?:to|with)\b)|"
    # a negation over a lowered word ("no neurological features:"; not "No Bad Parts")
    r"(?:no|not)(?=(?-i:\s+[a-z]))|"
    r"in(?!\s+(?:vitro|vivo|situ|utero|silico)\b))\s", re.I)
# Words that stand for a thing named elsewhere ("The following is ...").
_DEICTIC = {"following", "above", "below", "former", "latter", "same", "other", "others",
            "rest", "remainder", "next", "previous", "this", "that", "these", "those",
            # when, and how sure: a step of a sequence or a verdict, not a thing
            "initially", "later", "afterwards", "subsequently", "finally", "then", "now",
            "currently", "previously", "always", "never", "sometimes", "often", "usually",
            "correct", "incorrect", "true", "false", "yes", "no", "right", "wrong"}
# Verbs that open a step of a technical procedure ("Configure wpa_sycophant", "Run the
# scan"): ones that are rarely the first word of a name. (Not "Use", "Try", "Build": a
# technique is often titled by what to do, "Use Paced Breathing".)
_STEP_VERBS = {
    "configure", "create", "install", "visit", "click", "download", "navigate", "enable",
    "disable", "edit", "copy", "paste", "enter", "select", "save", "restart", "reboot",
    "connect", "launch", "login", "upload", "generate", "verify", "remove", "delete", "modify",
    "replace", "insert", "append", "mount", "unmount", "kill", "compile", "deploy", "crack",
    "intercept", "run", "clone", "setup", "set", "bring", "spin", "open", "close", "press",
    "log", "sign", "upgrade", "uninstall", "exploit", "capture", "dump", "extract", "execute",
    "start", "stop"}
# Words that, second in a name, show its first is a noun ("Start codon", "Test statistic").
_NOUN_AFTER = re.compile(r"^\S+\s+(?:codon|theory|statistic|case|set|value|size|point|"
                         r"file|system|effect|model|level|rate|time|type|state|mode|method|"
                         r"key|code|signal|line|source|test|cell|zone|phase|hook|request|"
                         r"number|kit|module|room|list|table|pressure|function|variable)s?\b",
                         re.I)
_BACK_IN = re.compile(r"^back\s+(?:in|to|on|at|into)\s", re.I)
# A page's navigation and calls to act ("View the source on GitHub", "Edit this page",
# "Read the docs"), and the course itself ("Course Learning Goal", "Lecture outline").
_NAVIGATION = re.compile(r"^(?:(?:view|see|read|watch|browse|explore|edit|jump|skip|subscribe|"
                         r"contact|email|donate|join|register|fork|contribute|learn)\s+"
                         r"(?:the|this|our|us|more|all|also|on|to|me)\b|(?:course|syllabus|semester|"
                         r"lecture|homework|midterm)\b)", re.I)
# The rest of a list ("Other patients", "Others", "Miscellaneous causes"), a bound ("Under 5
# years", "Over 65", "< 2 cm"): what a list is sorted by, not a thing.
_REMAINDER = re.compile(r"^(?:(?:other|others|remaining|miscellaneous|misc)(?:\s+\S+){0,2}|"
                        r"(?:under|over|below|above|less than|more than|[<>≤≥]=?)\s*\d.*)$",
                        re.I)
# A place in a sequence, not a thing: "Step 1", "Rule 2", "Slide 4", "Question 3b".
_SEQUENCE = re.compile(r"^(?:step|rule|slide|question|q|example|case|exercise|figure|fig|table|"
                       r"task|problem|activity|item|scenario|answer)\.?\s*"
                       r"(?:\d{1,3}[a-z]?|[a-h]|[ivx]{1,4})$", re.I)


# A name cut before its end ("Type 1 DM where"), two joined by a dash ("dyspnoea-
# breathlessness"), a document's part ("Module 09 - Pharmacology"), an option and its value
# ("b 54").
_CUT_NAME = re.compile(r"\s(?:where|when|which|who|that|if|the|an?|of|and|or|with|to|for|in|"
                       r"on|by|as|is|are)$|\w[-–—]\s+\w|^[a-z]\s|^(?i:module|lecture|week|"
                       r"chapter|unit|lesson|part|section|session|day|topic)\s+\d")
_DOC_PART = re.compile(r"^(?:module|lecture|week|chapter|unit|lesson|part|section|session|day|"
                       r"topic)\s+\d{1,3}\s*[-–—:.]?\s+(?=\S)", re.I)
# A time or an age, not a thing ("2 years", "6-12 months", "All ages").
_TIME = re.compile(r"^(?:\d+(?:\s*[-–]\s*\d+)?\s*(?:years?|months?|weeks?|days?|hours?|hrs?|"
                   r"mins?|minutes?|yo|y/o|yrs?)\b|all ages\b)", re.I)


def not_a_name(name: str, steps: bool = True) -> str | None:
    """Why ``name`` is no term's name (a clause, a pointer, a step: ``steps``, for a
    heading or a label, where procedures title their steps), or None."""
    words = name.split()
    if _CLAUSE_START.match(name):
        return "a condition or a circumstance, not a name"
    if _CUT_NAME.search(name) or len(name) == 1:
        return "a piece of a line, not a name"
    if _TIME.match(name):
        return "a time, not a name"
    if _SEQUENCE.match(name):
        return "a place in a sequence, not a name"
    if _REMAINDER.match(name):
        return "the rest of a list, not a name"
    if _NAVIGATION.match(name):
        return "the page's navigation or the course, not a name"
    if len(words) == 1 and name.casefold() in _DEICTIC and not name.isupper() \
            or words and words[0].casefold() in ("above", "below", "following", "preceding",
                                                 "aforementioned") \
            or 0 < len(words) <= 3 and words[-1].casefold() in ("below", "above"):
        return "a word that points elsewhere, not a name"
    if steps and _BACK_IN.match(name) or steps and len(words) >= 2 \
            and words[0].casefold() in _STEP_VERBS \
            and words[0][:1].isupper() and not words[0].isupper() \
            and not _NOUN_AFTER.match(name):
        return "a step to do, not a name"
    return None


# Words of a file or heading name that title a document, not a subject.
_DOC_WORDS = re.compile(
    r"\b(?:lecture|chapter|week|module|unit|notes?|class|session|lesson|day|part|midterm|"
    r"exam|review|summary|guide|untitled|readme|index|home|todo|template|overview|"
    r"introduction|intro|journal|log|draft|course|questions|answers|faq|practice|"
    r"cheat ?sheet|study|homework|assignment|worksheet|quiz|test|reading)\b", re.I)


@functools.lru_cache(maxsize=4096)
def _plausible(name: str) -> str:
    name = squash(clean_name(name.replace("_", " ")))
    if not name or len(name.split()) > 6 or not re.fullmatch(r"[A-Za-z][\w’'\- ]*", name) \
            or re.search(r"\d|\s-|-\s", name) or _DOC_WORDS.search(name):
        return ""
    if attribute_label(name) or qualifier(name) or is_meta_label(name) or not_a_name(name):
        return ""
    return name


def note_subject(doc: Document) -> str:
    """What the note is about, as a card may name it: its title, else its file name;
    "" when neither reads as a name ("Lecture 3 notes", "@2023-LFS112")."""
    stem = doc.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    name = _plausible(doc.title) or _plausible(stem)
    return as_aliased(name, doc.meta.get("aliases"))


# Headings that compare or exemplify: their labels belong to no one thing ("Structure" under
# "Differences between DNA and RNA", "Result" under "Inferences example").
_NO_OWNER = re.compile(r"\b(?:vs\.?|versus|compared|comparison|differences?|similarit(?:y|ies)|"
                       r"examples?|exercises?|questions?|quiz|activity|case)\b", re.I)


def owner(doc: Document, section: Section, heading: bool = False) -> str:
    """The thing a generic label in ``section`` belongs to: the section's heading (for a
    label that is the heading, ``heading``: the one above it), else the note's subject at
    the note's top level; "" when that heading is itself generic ("Dose" under
    "Treatment": whose treatment is not said)."""
    path = [p for p in section.path if p]
    if heading:
        path = path[:-1]
    if not path or path[-1] == doc.title:
        return note_subject(doc)
    name = _DOC_PART.sub("", clean_name(path[-1]))     # "Topic 1 GI Tract": the GI tract
    abbr = abbreviation_title(name)
    if abbr is not None:
        return abbr[1][:1].upper() + abbr[1][1:]     # "Abl: ablative" names the ablative
    if _aspects(name) or qualifier(name) or is_meta_label(name) or not_a_name(name) \
            or heading_name(name)[0] != name or _NO_OWNER.search(name):
        return ""       # generic, or no name at all ("Infectious mastitis should be ...")
    return name



# Aspects whose entries are things used for their owner: a drug under "Management", a test
# under "Investigations" is named with what it treats or tests ("Steroids in COPD").
_USED_FOR = {"management", "treatment", "therapy", "investigation", "ix", "rx", "tx", "mx",
             "medication"}


def label_owner(doc: Document, section: Section, word: str | None,
                heading: bool = False) -> str:
    """The owner of a label or a qualifier (see ``owner``); a test's also above the aspect
    that lists it ("### X-ray" under "## Investigations" of pneumonia)."""
    found = owner(doc, section, heading)
    if not found and word in INVESTIGATIONS:
        found = entry_owner(doc, section, heading, any_aspect=True)
    return found


# Aspects whose entries are facts of their owner, not things of their own: a sign under
# "Clinical features" is the owner's ("Fever in gout"), a part under "Requirements" one of
# its parts; an entry under "Causes" or "Risk factors" causes it ("Drugs as a cause of
# gout"). Clinical and technical notes alike list them as headings or "**Entry**: detail".
_OWNED = {"feature", "symptom", "sign", "presentation", "complication", "c/f", "sx",
          "requirement"}
_CAUSES = {"cause", "aetiology", "etiology", "factor"}


def _entry_aspect(doc: Document, section: Section, heading: bool,
                  any_aspect: bool = False) -> tuple[str, str]:
    """The aspect an entry is listed under (its last noun, singular) and that aspect's
    owner; a kind heading between them is passed over ("#### Acute" under "### Medical"
    under "## Management"). ("", "") when the heading above is no such aspect."""
    path = tuple(p for p in section.path if p)
    if heading:
        path = path[:-1]
    while len(path) > 1 and qualifier(clean_name(path[-1])) in QUALIFIERS:
        path = path[:-1]
    label = _aspect_of(path[-1]) if path else None
    noun = _singular(label.split()[-1]) if label else ""
    while len(path) > 1 and noun and (_aspect_of(path[-2]) or "").endswith(label.split()[-1]):
        path = path[:-1]        # "### Rare causes" under "## Causes": the causes' owner
    if label is None or not any_aspect and (
            _OF.search(label) or noun not in _USED_FOR | _OWNED | _CAUSES):
        return "", ""
    return noun, owner(doc, dataclasses.replace(section, path=path), heading=True)


def _aspect_of(heading: str) -> str | None:
    # "Rare causes (Endocrine)": the aspect, whatever group the brackets name
    return attribute_label(re.sub(r"\s*\([^()]*\)$", "", clean_name(heading)))


def entry_owner(doc: Document, section: Section, heading: bool = False,
                any_aspect: bool = False) -> str:
    """What an entry listed under a treatment or test heading is used for: the owner of
    that heading ("## Steroids" under "# Management" in a note on COPD: COPD); under any
    aspect for a test (``any_aspect``: "**ECG**:" under "Clinical features" of
    hypokalaemia); "" when the heading above is no such aspect, or its owner is not said."""
    noun, found = _entry_aspect(doc, section, heading, any_aspect)
    return found if any_aspect or noun in _USED_FOR else ""


def entry_name(doc: Document, section: Section, entry: str, heading: bool) -> str | None:
    """An entry of an aspect named with the aspect's owner ("Steroids in COPD", "Fever in
    gout", "Drugs as a cause of gout"); None when it is listed under no such aspect, is a
    body system that sorts the aspect's entries ("CNS:"), or the two make too long a name."""
    if entry.casefold() in BODY_SYSTEMS:
        return None
    noun, found = _entry_aspect(doc, section, heading)
    named = used_in(entry, found)
    if named is not None and noun in _CAUSES:
        low = found if found[:2].isupper() else found[:1].lower() + found[1:]
        named = f"{entry} as a cause of {low}"
    return named if named is not None and len(named.split()) <= 8 and len(named) <= 80 \
        else None


_SMALL = {"in", "of", "the", "a", "an", "and", "or", "for", "with", "to"}


def used_in(entry: str, owner_name: str) -> str | None:
    """"Steroids" + "COPD" -> "Steroids in COPD"; None when the entry names its owner or
    a setting already ("Autoimmune encephalitis", "Suspected disease in GP clinic")."""
    words = {w for w in re.findall(r"\w+", entry.casefold())}
    if not owner_name or words & (set(re.findall(r"\w+", owner_name.casefold())) - _SMALL) \
            or words & {"in", "for", "during", "with"} or is_meta_label(entry):
        return None
    return f"{entry} in {owner_name}"


# Endings of adjectives that name a kind of the thing above ("Stateless" under "Firewalls",
# "Indirect" under "Costs", "Bacterial" under "Infections").
_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:less|ful|ous|ect|ible|able|al)$")


# Headings that sort their entries, not name what they are ("Stateless" under "Types").
_SORTS = {"type", "kind", "category", "example", "class", "form", "group", "level", "stage",
          "variant", "variety", "other"}


# Headings over qualities, not kinds ("Scalable" under "Advantages", "Mild" under "Signs").
_QUALITIES = {"strength", "weakness", "drawback", "symptom", "sign", "effect", "finding"}


def kind_name(term: str, definition: str, above: list[str], entry: bool) -> str | None:
    """An adjective alone named with the noun it qualifies: the noun the definition puts
    after it ("Stateless: Stateless firewalls compare ...") or, for an ``entry`` of a list,
    the plural heading above ("- Indirect - those incurred ..." under "Costs": "Indirect
    costs"; a heading "Altricial" under "Birds" is a term of its own); else None."""
    if not _ADJECTIVE.fullmatch(term):
        return None
    m = re.match(re.escape(term) + r"\s+([a-z]{3,})\b", definition, re.I)
    nouns = {_singular(w) for w in re.findall(r"[a-z]+", " ".join(above).casefold())}
    if m and _singular(m.group(1).casefold()) in nouns:
        return f"{term} {m.group(1)}"
    above = clean_name(above[-1]) if above and entry else ""
    if re.fullmatch(r"[A-Z]?[a-z]+s", above) and _singular(above.casefold()) != above.casefold() \
            and _singular(above.casefold()) not in _SORTS | _ASPECT_PLURALS | _QUALITIES \
            and not is_meta_label(above) \
            and not re.match(r"(?:an?|the)\s", definition, re.I):    # "A cell with ...": defined
        return f"{term} {above.casefold()}"
    return None
