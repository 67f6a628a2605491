"""Small text helpers shared by the extractors: sentences, keys, names, cleanup.

Every pattern here is linear (no nested quantifiers), because notes can be hostile.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from ..reading.document import Inline

ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "e.g", "i.e", "fig", "no", "vol",
    "ed", "eds", "al", "approx", "cf", "jr", "sr", "inc", "ltd", "co", "dept", "p", "pp", "drs",
}
# Number words a note counts a set with ("the four styles"), as far as a set goes.
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
SMALL_WORDS = {"of", "and", "the", "for", "in", "on", "to", "a", "an", "with", "by", "&",
               "at", "as", "or", "de", "du", "la", "von", "from"}
# Labels that introduce something but never name a concept.
META_LABELS = {
    "note", "notes", "tip", "tips", "example", "examples", "key idea", "key ideas", "important",
    "summary", "remember", "takeaway", "key takeaway", "bottom line", "warning", "caution",
    "definition", "definitions", "overview", "introduction", "conclusion", "q", "a", "question",
    "answer", "myth", "myths", "reframe", "reframes", "fact", "facts", "truth", "reality",
    "misconception", "misconceptions", "source", "sources", "reference", "references",
    "citation", "citations", "prompt", "exercise", "practice", "goal", "goals", "step",
    "steps", "key terms", "glossary", "faq", "faqs", "frequently asked questions",
    "table of contents", "contents", "tldr", "tl;dr", "related", "see also", "did you know",
    "final thoughts", "final reflection", "in summary", "in short", "why it matters",
    "quote", "update", "edit", "disclaimer", "author", "about the author", "challenges",
    "strengths", "weaknesses", "limitations", "pros", "cons", "resources", "further reading",
    "links", "related links", "related notes", "backlinks", "tags",
    # the parts of a paper or a saved web page that never name a concept
    "abstract", "copyright", "acknowledgements", "acknowledgments", "footnotes", "license",
    "licence", "credits", "changelog", "menu", "search", "previous", "next", "home",
    "skip to main content", "skip to content", "toggle theme", "learner view",
    "instructor view", "key points", "episodes", "footer", "navigation", "table of content",
    "last updated", "current maintainer", "maintainer", "version", "keywords", "objectives",
    "learning objectives", "questions", "discussion", "key point", "pearl", "pearls",
    "exam pearl", "clinical pearl", "date", "dates",
    "show me the solution", "exercises", "homework", "further information",
    "for more information", "more information", "contact us", "share", "synopsis",
    "see also", "exit status", "return value", "bugs",
    # words that sort a list rather than name anything ("Common: ...", "Others: ...")
    "common", "rare", "uncommon", "other", "others", "misc", "miscellaneous", "see", "nb",
    "see here", "more", "flashcards", "flashcard", "embedded files",
    "text elements", "mentions", "incoming links", "outgoing links", "specific",
    "non-specific", "nonspecific", "sensitive", "general", "ex", "eg", "e g",
}
_EDGE_SYMBOLS = re.compile(r"^[^\w“\"'(]+|[\s:—–\-|]+$")
# a sentence ends before a capital, or where its line ends (a line break after a full stop
# is the author's, hard wraps having been joined)
_SENT_END = re.compile(r"[.!?]+[”\"’')\]]*(?=\s+[“\"(\[]?[A-Z0-9]|[ \t]*\n)")
_QUOTES = "“”\"'‘’"
_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; abbreviations (Dr., e.g.) and initials (D. J.) don't end one."""
    return list(_sentence_spans(text))     # a list of its own: a caller may change it


# Several rules split the same paragraph (terms, myths, lists, questions): once per text.
@functools.lru_cache(maxsize=4096)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        before = text[max(start, m.start() - 24):m.start()].rsplit(None, 1)
        word = before[-1].lower().rstrip(".") if before else ""
        if m.group(0).startswith(".") and (word in ABBREVIATIONS or len(word) == 1):
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return tuple(spans)


def first_sentences(inline: Inline, count: int, start: int = 0) -> Inline:
    spans = sentences(inline.text[start:])
    if not spans:
        return inline.slice(start).strip()
    end = spans[min(count, len(spans)) - 1][1]
    return inline.slice(start, start + end).strip()


_LAST_BRACKETS = re.compile(r"\(([^)]*)\)\s*$")
_NOT_A_WORD = re.compile(r"[^\w']+|'(?!\w)|(?<!\w)'")


# The rules ask for the key of the same few names again and again (each candidate, each
# definition it might repeat, each tie between rules): cached, as a pure function of a string.
@functools.lru_cache(maxsize=16384)
def normalize_key(text: str) -> str:
    """The identity of a card front: case, punctuation, 'the' and '(ABBR)' don't count."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _LAST_BRACKETS.sub(lambda m: "" if len(m.group(1).split()) == 1 else m.group(0),
                              text.strip())
    text = text.replace("’", "'")
    text = _NOT_A_WORD.sub(" ", text)
    text = squash(text)
    return text[4:] if text.startswith("the ") else text


@functools.lru_cache(maxsize=8192)
def clean_name(text: str) -> str:
    """A term or heading as a card front: no emoji/bullets at the start, no trailing colon."""
    text = squash(text.replace("**", ""))
    text = re.sub(r"^\d{1,3}(?:\.\d{1,3})*[.)]?\s+(?=\S)", "", text)   # "3. ", "2.1.4 "
    text = _EDGE_SYMBOLS.sub("", text).strip()
    if len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


# One-word headings that title a part of a write-up rather than name a concept.
SECTION_WORDS = {
    "populations", "population", "indications", "contraindications", "evidence", "history",
    "background", "applications", "techniques", "interventions", "outcomes", "criticism",
    "criticisms", "origins", "training", "research", "methods", "method", "results",
    "discussion", "limitations", "benefits", "risks", "cautions", "lineage", "creators",
    "principles", "mechanisms", "efficacy", "effectiveness", "certification", "theory",
    "practice", "practices", "assessment", "treatment", "goals", "objectives", "basics",
    "fundamentals", "context", "scope", "appendix", "notes", "takeaways", "highlights",
    "time", "setup", "usage", "installation", "configuration", "requirements", "synopsis",
    "name", "options", "bugs", "files", "environment", "author", "authors",
}


# Box labels that stay labels with a word before or after them ("ES5 Note", "Tip 3").
_BOX_WORDS = {"note", "notes", "tip", "tips", "warning", "caution", "aside", "reminder", "hint",
              "callout", "exercise", "challenge", "discussion", "quiz", "example", "examples"}


_ASIDE_WORDS = {"note", "notes", "tip", "tips", "warning", "caution", "aside", "reminder",
                "hint", "callout", "continued", "cont", "recap", "example", "examples"}


def is_box_label(text: str) -> bool:
    """"Challenge", "Discussion", "Exercise 2": the label of a box for the reader to do."""
    words = squash(re.sub(r"[^\w']+", " ", text.casefold())).split()
    return 1 <= len(words) <= 2 and words[0] in _BOX_WORDS


@functools.lru_cache(maxsize=8192)
def is_meta_label(text: str) -> bool:
    key = squash(re.sub(r"[^\w']+", " ", unicodedata.normalize("NFKC", text).casefold()))
    key = key[4:] if key.startswith("the ") else key
    if key in META_LABELS or key.rstrip("s") in META_LABELS:
        return True
    words = key.split()
    if words and words[0] in ("example", "examples", "ex", "eg") and len(words) <= 4:
        return True         # "Example summary", "Example methods", "ex (with bitly)"
    return 1 < len(words) <= 3 and (words[-1] in _ASIDE_WORDS or words[0] in _BOX_WORDS
                                    and (words[-1].isdigit() or len(words) == 2
                                         and len(words[-1]) <= 3))


def strip_outer_quotes(inline: Inline) -> Inline:
    text = inline.text
    if len(text) > 2 and text[0] in "“\"" and text.rstrip(".")[-1:] in "”\"":
        inner = inline.slice(1)
        stripped = inner.text.rstrip()
        cut = len(stripped) - 1 if stripped.endswith(("”", '"')) else len(stripped) - 2
        if inner.text[:cut].count("“") == inner.text[:cut].count("”"):
            return inner.slice(0, cut).strip()
    return inline


def capitalize_first(inline: Inline) -> Inline:
    """A sentence starts with a capital, code and math (``git status``, ``x``) as written."""
    text = inline.text
    if text[:1].islower() and not inline.literal(0):
        return inline.with_text(text[0].upper() + text[1:])
    return inline


def as_aliased(name: str, aliases) -> str:
    """A note's name as its ``aliases`` write it: a note filed under its initials in lower
    case ("hocm.md") is named by them as written ("HOCM"), whether an alias is they
    ("HOCM") or what they stand for ("Hypertrophic obstructive cardiomyopathy": its
    initials in order, the name's letters in it). Obsidian vaults often name files so."""
    if not name.isalpha() or len(name) > 6 or not isinstance(aliases, list):
        return name
    low = name.casefold()
    for alias in (a for a in aliases if isinstance(a, str)):
        initials = [w[0] for w in alias.casefold().split()]
        if alias.casefold() == low and alias.isupper():
            return alias
        if len(initials) >= 2 and low[0] == initials[0] and _in_order(initials, low) \
                and _in_order(low, alias.casefold()):
            return name.upper()
    return name


def _in_order(part, whole: str) -> bool:
    rest = iter(whole)
    return all(ch in rest for ch in part)
