"""When does a heading name a concept, and where is its definition?

A heading is a concept when it reads like a name (short, no question, no sentence
punctuation, not a label such as "Overview" or "Key Terms") and what stands right under it
is short: a few short bullets, or one or two sentences (or a lead ending in ':' and the
list or numbered sub-headings it introduces). Long prose under a heading means the
heading titles a topic, not a term.
"""
from __future__ import annotations

import re

from ..reading.document import Document, Inline, ListBlock, Paragraph
from .base import walk_blocks
from .text import NUMBER_WORDS, SECTION_WORDS, clean_name, is_meta_label, normalize_key, sentences

# Words a name never starts with: a heading or label starting so is a sentence or a question.
NOT_A_NAME = re.compile(
    r"^(if|when|why|how|what|who|where|which|while|because|as|although|considering|want|"
    r"did|do|does|can|could|should|would|will|is|are|was|were|has|have|had|you|your|our|my|"
    r"we|i|let|let’s|"
    r"let's|here|this|these|that|those|there|it|its|to|for|from|with|about|in|on|at|"
    r"final|more|some|many|any|all|every|quick|welcome|thanks|thank|please|read|learn|"
    r"ready|get|whereas|though|unlike|since|once|unless|whether|both|either|neither|each|"
    r"such|thus|hence|therefore|however|moreover|also|then|finally|later|now|today|"
    # the connectives that open a sentence of a paragraph ("Lastly, the midbrain ...")
    r"lastly|firstly|secondly|thirdly|additionally|furthermore|similarly|likewise|"
    r"conversely|meanwhile|instead)\b", re.I)
# not "i.e.", nor the US (an acronym)
_FIRST_PERSON = re.compile(r"(?i:\b(?:we|our|my|me)\b)|\b[Uu]s\b|\bI\b(?![.’'])")
_LABEL_START = re.compile(r"^\s*([\w ]{1,20})(?::|\s=)\s")
_WHAT_IS = re.compile(r"^(?:what|who)\s+(?:is|are)\s+(?:an?\s+|the\s+)?(.+?)\s*\??$", re.I)
MAX_SHORT_PARAGRAPH = 300
MAX_ITEM = 160
MAX_SECTION = 700
MAX_OPEN_LIST = 500     # an open sentence and its list: a phone screen's worth
# A paragraph that goes on from the one before it: a connective or a pronoun opens it.
_GOES_ON = re.compile(r"(?:but|however|while|whereas|although|once|so|thus|it|they|this|"
                      r"these|its|their)\b", re.I)


def what_is_name(title: str) -> str | None:
    m = _WHAT_IS.match(clean_name(title))
    if not m or not title.rstrip().endswith("?"):
        return None
    name = m.group(1).strip()
    if len(name.split()) > 6 or re.search(r"[—–,;:]| and why\b", name):
        return None
    return name


_DISEASE = re.compile(r"(?:itis|osis|oma|aemia|emia|pathy|iasis)$", re.I)


def heading_name(title: str) -> tuple[str | None, str]:
    """(concept name, subtitle) when the heading reads like a name, else (None, '')."""
    text = clean_name(title)
    numbered = re.match(r"^\s*\d{1,3}[.)]\s", title) is not None
    name, _, subtitle = text.partition(": ")
    name = name.strip()
    words = name.split()
    # Numbered sub-headings are items of a set ("5. Empowerment, Voice and Choice"): commas
    # are part of their names. Elsewhere a comma or '&' marks a section title.
    punct = r"[;!?.“”\"&]|\s/\s" if numbered else r"[,;!?.“”\"&]|\s/\s"
    if not words or len(words) > 8 or name.endswith("?") or re.search(punct, name):
        return None, ""
    if words[0].lower().endswith("ing") and len(words) > 1 and not numbered \
            and not _DISEASE.search(words[1]):
        return None, ""     # "Keeping Track of Progress": an activity, a section title
        # (not "Necrotising enterocolitis", "Ankylosing spondylitis": a disease's name)
    if len(words) > 2 and re.fullmatch(r"[A-Za-z]+[^s]s", words[0]) \
            and words[1].lower() in ("for", "of", "against", "in", "to", "on"):
        return None, ""     # "Defenses for the Tortfeasor": a topic, the things it lists
    if re.search(r"\b(that|which|who|whom|whose|can|cannot|will|should|must|may|might|could|"
                 r"would|does|did)\b", name, re.I):
        return None, ""     # "Treatment Options That Work", "X can take place ...": a clause
    if NOT_A_NAME.match(name) or is_meta_label(name) or not re.match(r"[A-Z0-9]", name):
        return None, ""
    if re.search(r"\b(?:myths?|misconceptions?|misunderstandings?)\b", name, re.I):
        return None, ""     # "Common Misconceptions": the myths are its cards
    if len(words) == 1 and name.lower() in SECTION_WORDS and not numbered:
        return None, ""
    if subtitle and len(words) > 4:
        return None, ""
    return name, subtitle.strip()


def _items_text(block: ListBlock) -> Inline | None:
    texts = [item.text for item in block.items]
    if not texts or len(texts) > 10 or any(len(t.text) > MAX_ITEM for t in texts):
        return None
    labelled = sum(1 for t in texts if t.bold_prefix()
                   or re.match(r"^[^:—–]{1,40}(?:\s[—–]|:)\s", t.text))
    if labelled * 2 > len(texts):
        return None     # a list of glossary lines: the heading is a container, not a term
    out = texts[0]
    for t in texts[1:]:
        out = out + Inline("\n") + t
    return out


# Finite verbs that, a word or more into a sentence, show it is a full clause about its own
# subject ("Bateman's trials found ...", "Change is happening ..."), not a definition
# fragment ("Keeps you on guard", "A moment of misattunement").
_CLAUSE_VERBS = {
    "is", "are", "was", "were", "has", "have", "had", "will", "can", "could", "should",
    "would", "may", "might", "must", "does", "do", "did", "found", "finds", "shows", "show",
    "showed", "use", "uses", "used", "stop", "stops", "start", "starts", "helps", "help",
    "offers", "offer", "provides", "gives", "makes", "make", "needs", "tends", "seems",
    "becomes", "remains", "includes", "involves", "suggests", "says", "asks", "ask",
    "explains", "focuses", "works", "comes", "goes", "gets", "get", "believe", "believes",
    "think", "thinks", "want", "wants", "learn", "learns", "feel", "feels", "see", "sees"}


_MAIN_VERBS = {"is", "are", "was", "were", "can", "could", "will", "would", "should", "may",
               "might", "must", "has", "have", "had"}


def _names_the_heading(name: str, text: str) -> bool:
    nouns = [w for w in re.findall(r"[\w’'-]+", name.lower()) if len(w) >= 4]
    low = text.lower()
    return any(n in low or n.rstrip("s") in low for n in nouns)


def is_fragment(text: str) -> bool:
    text = re.sub(r"“[^”]*”|\"[^\"]*\"", "", text)    # quoted speech is an example
    words = re.findall(r"[\w’'-]+", text.lower())[:7]
    if len(words) > 2 and words[0].endswith("ly"):
        words = words[1:]       # "Actually committing violence ...": the adverb aside
    if len(words) > 1 and words[0].endswith("s") and words[1] not in _CLAUSE_VERBS:
        return True         # verb first ("Holds pain, fear ..."): the heading is its subject
    if words and words[0].endswith("ing"):
        return True         # "Labeling emotions ... helps": the practice the heading names
    if len(words) > 3 and words[0] in ("the", "a", "an") \
            and words[2] in ("of", "that", "which", "who", "whose", "used", "by") \
            and not any(w in _MAIN_VERBS for w in words[3:]):
        # "The study of how people use ...": a noun phrase, the heading's genus ("The
        # history of India can be divided ...": a sentence about it)
        return True
    return not any(w in _CLAUSE_VERBS for w in words[1:])


_ABOUT_ITSELF = re.compile(r"this (?:section|page|article|chapter|entry|note)\b", re.I)


def reads_as_definition(name: str, definition: Inline, numbered: bool = False) -> bool:
    """The text under a concept heading defines it: it names the heading, or it is a
    fragment whose subject is the heading itself. Numbered sub-headings are members of a
    set the note enumerates ("1. Safety"), concepts whatever their text says."""
    first = definition.text.split("\n")[0]
    if len(first.split()) < 3:
        return False        # "Two types": a lead, not a definition
    if first[:5].lower() == "this " and _ABOUT_ITSELF.match(first):
        return False        # "This section is about ...": what the page does, not the term
    if name.isupper() and len(name) > 1:
        # An ALL-CAPS heading is a term when the text names it ("HABITUATION" /
        # "Habituation is ..."); alone it is a document's part ("NAME", "GIT").
        return numbered or _names_the_heading(name, first)
    return numbered or _names_the_heading(name, first) or is_fragment(first)


def heading_count(title: str) -> int:
    """The number a heading announces: "Five Families of Strategies" -> 5."""
    title = re.sub(r"^\s*\d{1,3}(?:\.\d{1,3})*[.)]?\s+", "", title)    # its section number
    title = re.sub(r"(?<=[A-Za-z])\s+\d{1,3}[a-z]?\s*:?\s*$", "", title)     # "Part 2": a place
    for word in re.findall(r"[\w]+", title.lower()):
        if word.isascii() and word.isdecimal() and 1 < int(word) <= 12:
            return int(word)
        if word in NUMBER_WORDS:
            return NUMBER_WORDS[word]
    return 0


def subject_of(text: str) -> str | None:
    """The noun phrase a sentence opens with, up to its verb: "Situation selection means
    choosing ..." -> "Situation selection". None when there is no clear one."""
    words = text.split()
    for n, word in enumerate(words[:5]):
        w = word.lower().strip(",")
        if n and (w in _CLAUSE_VERBS or w in ("means", "refers") or
                  (w.endswith("s") and not w.endswith("ss") and words[n - 1][-1:].isalpha()
                   and n >= 2)):
            subject = " ".join(words[:n]).strip(",")
            return subject if re.match(r"^[A-Z][\w’'\- ]+$", subject) else None
    return None


def concept_definition(doc: Document, index: int, allow_long: bool = False) -> Inline | None:
    section = doc.sections[index]
    blocks = [b for b in walk_blocks(section.blocks)]
    if not blocks:
        return None
    size = sum(len(b.text.text) if isinstance(b, Paragraph) else
               sum(len(i.text.text) for i in b.items) if isinstance(b, ListBlock) else 1000
               for b in blocks)
    first = blocks[0]
    if size > MAX_SECTION and not allow_long and not isinstance(first, ListBlock):
        return None
    if isinstance(first, ListBlock):   # short bullets right under the heading define it
        return _items_text(first)
    if not isinstance(first, Paragraph):
        return None
    text = first.text
    spans = sentences(text.text)
    label = _LABEL_START.match(text.text)
    if label and (is_meta_label(label.group(1)) or len(blocks) == 1
                  or normalize_key(label.group(1)) != normalize_key(clean_name(section.title))):
        return None       # "Myth: ..." or "Term: ..." / "Term = ...": not the heading's
    lead = text.text[: spans[0][1]] if spans else text.text
    lead = re.sub(r"“[^”]*”|\"[^\"]*\"", "", lead)     # quoted speech is an example, not the author
    if _FIRST_PERSON.search(lead):
        return None       # "At our centre we offer ...": the author speaking, not a definition
    if allow_long and (len(text.text) > MAX_SHORT_PARAGRAPH or len(spans) > 3):
        text = text.slice(0, spans[min(2, len(spans)) - 1][1]).strip() if spans else text
    elif len(text.text) > MAX_SHORT_PARAGRAPH or len(spans) > 3:
        return None
    if not text.text.rstrip().endswith(":"):
        if text.text.rstrip()[-1:] not in ".!?" and len(blocks) > 1 \
                and isinstance(blocks[1], ListBlock):
            # "CMPI usually resolves in most children" and the bullets that say by when:
            # a sentence left open, the list under it finishes it
            items = _items_text(blocks[1])
            if items is not None and len(text.text) + len(items.text) <= MAX_OPEN_LIST:
                return text + Inline("\n") + items
        more = blocks[1] if len(blocks) > 1 and isinstance(blocks[1], Paragraph) else None
        if more is not None and _GOES_ON.match(more.text.text) \
                and len(text.text) + len(more.text.text) <= MAX_OPEN_LIST \
                and not more.text.text.rstrip().endswith((":", "?")):
            # "... calculated from the due date." / "But all vaccinations are based on
            # chronological age ...": a paragraph that goes on from the first (up to a
            # pointer closing it: "See also: ...", which says where to read, not what it is)
            cut = more.text.text.find("See also")
            return text + Inline("\n") + (more.text.slice(0, cut).strip() if cut > 0
                                           else more.text)
        return text
    if len(blocks) > 1 and isinstance(blocks[1], ListBlock):
        items = _items_text(blocks[1])
        return text + Inline("\n") + items if items is not None else None
    subs = [s for s in doc.subtree(index)[1:] if s.level == section.level + 1]
    if subs:
        names = Inline("\n".join(clean_name(s.title) for s in subs))
        return text + Inline("\n") + names
    return None


def subject_sentence(doc: Document, index: int, name: str) -> Inline | None:
    """The first sentence under the heading (or just after it) whose subject is ``name``."""
    pattern = re.compile(r"^(?:the\s+)?" + re.escape(name) + r"\s+[a-z]", re.I)
    seen = 0
    for section in doc.sections[index:]:
        if section is not doc.sections[index] and section.level <= doc.sections[index].level \
                and seen >= 2:
            break
        for block in walk_blocks(section.blocks):
            if not isinstance(block, Paragraph):
                continue
            seen += 1
            for a, b in sentences(block.text.text):
                if pattern.match(block.text.text[a:b]):
                    return block.text.slice(a, b).strip()
            if seen >= 6:
                return None
    return None


# What a thing does, said of it by name: verbs of function, and "can be used to / described
# as / an ..." ("X can cause ...", "X can be tasty": an effect or a judgement, not what X is).
_DOES = re.compile(r"\s+(?:shows|tells|measures|provides|allows|enables|lets|differs from|"
                   r"protects|assesses|determines|indicates|identifies|produces|converts|"
                   r"transports|carries|controls|regulates|prevents|stores|contains|detects|"
                   r"encodes|translates|maps|can be (?:an?|the|used|described|thought of|"
                   r"defined|seen as|viewed as|considered|understood))\s")


def _does(sentence: str, name: str) -> bool:
    """``sentence`` says what ``name`` does, the name its subject (a literal look for the
    name first: the verbs are matched once it opens the sentence)."""
    low, name = sentence.lower(), name.lower()
    for lead in ("", "the ", "a ", "an "):
        if low.startswith(lead + name):
            return _DOES.match(low, len(lead) + len(name)) is not None
    return False


def naming_sentence(doc: Document, index: int, name: str) -> Inline | None:
    """Under a heading over long prose (an encyclopedia section), the first of its opening
    sentences that names the heading in its first words ("Backward conditioning occurs
    when ...", "During forward conditioning, the onset of ...")."""
    section = doc.sections[index]
    first = next((b for b in walk_blocks(section.blocks) if isinstance(b, Paragraph)), None)
    if first is None or _FIRST_PERSON.search(first.text.text[:200]):
        return None
    if re.search(r"\s(?:and|&)\s", name):
        return None     # "Malfeasance and Nonfeasance": two things, no one sentence
    subject = re.compile(r"^(?:during |in )?(?:the |an? )?" + re.escape(name.lower().rstrip("s"))
                         + r"s?,?\s+(?:is|are|occurs?|refers?|means?|describes?|involves?|"
                         r"consists?|represents?|happens?|takes? place|the\s)(?!\s*not\b)", re.I)
    if len(name.split()) < 2 and not re.search(r"(?:ing|tion|sis|ment|ance|ence)$", name):
        framed = re.compile(r"(?!)")   # "In Windows, passwords are ...": a place, no concept
    else:
        framed = re.compile(r"^(?:in|during|with) (?:the |an? |this )?(?:" + re.escape(
            name.lower().rstrip("s")) + r"s?|procedure|method|technique|process),\s", re.I)
    text = first.text.text
    for a, b in sentences(text)[:3]:
        # (or what it does: "The Pedigree graph shows ...", "VRFY can be used to ...")
        if (subject.match(text[a:b]) or framed.match(text[a:b]) or _does(text[a:b], name)) \
                and len(text[a:b].split()) >= 6:
            return first.text.slice(a, b).strip()   # "In temporal conditioning, a US is ..."
    return None


_BACK = re.compile(r"^(?:these|they|this|it)\s+(?:are|is)\s+(?:mostly\s+|usually\s+|generally\s+|"
                   r"simply\s+)?((?:a|an|the)\s.+|\w+s\s+(?:\w+ed|of|that|which|in|for|with|"
                   r"from)\s.+)$",
                   re.I | re.S)


# "This is a doctrine that allows ...": a kind of thing and what makes it one.
_KIND_THAT = re.compile(r"^(?:a|an)\s+(?:[\w-]+\s+){0,2}[\w-]+\s+(?:that|which|who|whose|where|"
                        r"in which|used)\b", re.I)
_BACK_SAYS = re.compile(r"^(?:(this\s+\w+\s+(?:simply\s+|basically\s+)?(?:states|means|refers to|"
                        r"describes|says)[,:]?\s+)|(?:this|it)\s+is\s+(?=(what|when|where|\w+ing)\s))",
                        re.I)


def pointing_back(doc: Document, index: int, name: str) -> Inline | None:
    """"Inflectional Features" / "These are features of word forms rather than lemmas.":
    a first sentence whose subject points back at the heading and names its kind."""
    section = doc.sections[index]
    first = next((b for b in walk_blocks(section.blocks) if isinstance(b, Paragraph)), None)
    if first is None:
        return None
    spans = sentences(first.text.text)
    if not spans:
        return None
    a, b = spans[0]
    sent = first.text.text[a:b]
    m = _BACK.match(sent)
    if m is not None and (_names_the_heading(name, m.group(1)) or _KIND_THAT.match(m.group(1))):
        return first.text.slice(a + m.start(1), b).strip()
    m = _BACK_SAYS.match(sent)    # "This is what defines ...", "This test simply states ..."
    if m is not None and len(sent[m.end():].split()) >= 3:
        return first.text.slice(a + m.end() if m.group(1) else a + m.start(2), b).strip()
    return None
