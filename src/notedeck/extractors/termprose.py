"""Terms defined in running prose, one sentence at a time.

Rules (confidence in brackets):
  abbr-lead     ``Long Name (ABBR) is ...`` at the start of a sentence                     [.8]
  defined-as    ``X is defined as ...``, ``X refers to ...``, ``X means ...``,
                ``..., X, defined as ...``, ``X, proposed by Y in 1998, is a ...``          [.75]
  called        ``The process of A and B is called X``, ``... is known as X``; a subject
                that points back ("This problem is known as X") takes the sentence before [.7]
  appositive    ``X, the Y that ..., is ...`` opening a sentence; ``... include: x, the
                y; z, the w`` (a list of names each with its definition)                   [.7]
  glossary-sentence  ``... the reference point! Gain/Loss Frame - People tend to ...``: a
                glossary entry run into a paragraph (lines of an exported document joined),
                or opening a paragraph of several sentences with a dash; a name of at most
                three words                                                                [.7]
  named-described  ``Broken models. These occur when ...``: a short name as a sentence of
                its own, then what "these" are                                             [.65]
  is-a          ``A panic attack is a sudden ...``, ``Carbs are the main source ...``,
                ``Clinical trials are studies that ...``, ``Recession is when ...``: a short
                name, then is/are and an article (or a noun phrase with its relative
                clause or preposition, or what/when/where)                                 [.6]

A definition goes on through the next sentences of its paragraph while they are still
about the term (``goes_on``): "UAC is a system ... It protects the OS by ...".

Clause rules (termclauses.py) run on every sentence first.

A name is a short noun phrase: no pronoun ("It is a ..."), no sentence opener ("When ..."),
no generic label ("The goal is ..."), no number.
"""
from __future__ import annotations

import re

from ..reading.document import Inline
from .base import Candidate
from .headings import NOT_A_NAME
from .letters import expand
from .termcard import term_card
from .termclauses import clause_rules
from .termlabels import attribute_label
from .termlines import bare_name
from .text import sentences

_DEFINED = re.compile(
    r"^(?:the |an? )?(?:(?:term|word|phrase) (?=[“\"]))?[“\"]?([\w’'()\- ]{2,60}?)[”\"]?,? "
    r"(?:is|are) defined as (.+)"
    r"|^(?:the |an? )?(?:(?:term|word|phrase) (?=[“\"]))?[“\"]?([\w’'()\- ]{2,60}?)[”\"]?"
    r"(?:, (?:then|thus|therefore|however|"
    r"in (?:the|its) [\w ]{2,30} sense(?: of the word)?|[\w ]{2,30}speaking))*,? "
    r"(?:refers? to|means) (.+)", re.I | re.S)
# "The process model, proposed by Gross in 1998, is the most widely used framework ..."
_APPOSITIVE = re.compile(
    r"^(?:the |an? )?([a-z][\w’'\- ]{2,40}?), (?:first |originally )?(?:proposed|developed|"
    r"introduced|coined|described|created|put forward|formulated) by [^,]{2,60}, "
    r"((?:is|are) (?:a|an|the) .+|[a-z]+s .+)", re.I | re.S)
_MID_DEFINED = re.compile(r"(?:\bis|\bare|,)\s+(?:the\s+|an?\s+)?([\w’'\- ]{2,40}?), defined as (.+)",
                          re.I | re.S)
# "Psychotherapy (also called talk therapy) refers to ...": the web's way of naming an
# alias in passing (encyclopaedias, health pages); the name is the one outside it.
_ALIAS = re.compile(r"\s*\((?:also |or |aka |a\.k\.a\.? )[^()]*\)", re.I)
_TERM_WORD = re.compile(r"^(?:the\s+)?(?:term|word|concept|phrase|notion|expression)\s+", re.I)
_ADVERB_END = re.compile(r"\s+(?:thus|therefore|also|then|simply|usually|generally|often|"
                         r"typically|commonly|broadly|essentially|basically)$", re.I)
_PRONOUN = re.compile(r"\b(it|this|that|these|those|they|he|she|we|you|which|who|everyone|"
                      r"someone|anyone|nobody|everybody|there|here|what)\b", re.I)
_ABBR_LEAD = re.compile(r"^([A-Z][\w’'\- ]{2,70}?) \(([A-Z][A-Za-z0-9&.\-]{1,11})\),? "
                        r"(?:is|are|refers to|describes) (.+)", re.S)
_ARTICLE = re.compile(r"^(?:the|an?) (?=\w)", re.I)
# "In psychoanalytic theory, ..." / "In economics, ...": where a definition holds.
_FRAME = re.compile(r"^(?:(?:in|within|for)\s+(?:the\s+)?[\w’'\- ]{2,40}|generally|"
                    r"simply put|put simply|in short|basically),\s+", re.I)
# (a name in quotes is the author marking a term: 'A "ping sweep" is a ...')
_IS_A = re.compile(
    r"^(?:the |an? )?[“\"‘]?([\w’'\-]+(?: [\w’'\-]+){0,3}?)[”\"’]?"
    r"(?: \((?![A-Z][A-Za-z0-9&.\-]{1,11}\))"
    r"[^()]{1,80}\))?,? (is|are)"
    r"(?: usually| typically| generally| simply| essentially| basically| broadly)?"
    r" ((?:a|an|the|any|one of the)\s.+|[^;]+?(?:; .+)?)$", re.I | re.S)
_RELATIVE = re.compile(r"^(?:[\w’'\-]+,? ){1,5}(?:that|which|who|whose|where|in which|used|"
                       r"designed|made|found|given|caused)\b", re.I)
_CALLED = re.compile(r"^(.+?),?\s+(?:is|are|was|were)\s+(?:often |also |sometimes |commonly |"
                     r"usually |generally |then )?"
                     r"(?:called|known(?: in [\w ]{2,30})? as|referred to as|termed|named)\s+"
                     r"(?:the |an? )?([\w’'\- ]{2,50}?)\s*(?:\([^()]*\))?[.!]?$", re.I | re.S)
_NOUN_PHRASE = re.compile(r"^(?:[\w’'\-]+ ){1,3}(?:of|btwn|between|for|to|from|with|in|on|at|by|"
                          r"within|inside|around|across|along|into)\s", re.I)
# Adjectives a sentence describes its subject with ("X is important for ..."): no definition.
PREDICATIVE = {
    "important", "necessary", "essential", "common", "rare", "possible", "likely", "unlikely",
    "useful", "difficult", "easy", "hard", "needed", "required", "responsible", "different",
    "similar", "related", "based", "due", "available", "able", "unable", "true", "false",
    "better", "worse", "good", "bad", "crucial", "key", "critical", "known", "used", "more",
    "less", "most", "least", "very", "often", "not", "also", "still", "too", "so", "now",
    "made", "found", "seen", "given", "taken", "thought", "considered", "part", "one", "all",
    "no", "about", "in", "on", "at", "by", "with", "for", "to", "from", "what", "how",
    "when", "where", "why", "just", "only", "always", "never", "usually", "generally", "as",
    "like", "same", "similar", "fewer", "greater", "larger", "smaller", "higher", "lower",
    "bigger", "longer", "shorter", "stronger", "weaker", "faster", "slower", "easier",
    "older", "younger", "cheaper", "safer", "almost", "nearly", "mostly", "mainly",
    "largely", "partly", "entirely", "completely", "fully", "okay", "ok", "fine", "safe",
    "contraindicated", "indicated", "recommended", "preferred", "suitable", "nowadays",
    "today", "currently", "present", "available", "sometimes", "occasionally", "rarely",
    "frequently", "seldom", "advantageous", "disadvantageous", "beneficial", "harmful"}
_PARTICIPLES = {"understood", "written", "known", "seen", "given", "taken", "made", "found",
                "thought", "held", "kept", "built", "left", "told", "shown", "done", "said",
                "brought", "put", "set", "run", "meant", "felt", "heard", "born", "grown",
                "taught", "caught", "bought", "sought", "fought", "spent", "sent", "lost", "paid",
                "laid", "led", "fed", "won", "drawn", "driven", "chosen", "spoken", "broken",
                "hidden", "fallen", "begun", "split", "cut", "hit", "spread", "bound", "wound"}
_PARTICIPIAL = re.compile(r"^(?:an? |the )?([\w’'\-]+(?: [\w’'\-]+){0,3}?) ((?:representing|"
                          r"denoting|describing|indicating|expressing|meaning|referring to|"
                          r"consisting of|used to|used for)\s.{8,})$", re.I | re.S)
_BRACKET_GLOSS = re.compile(r"((?:[A-Za-z][\w’'\-]* ){0,2}[A-Za-z][\w’'\-]*) \((an? "
                            r"[^()]{4,60}?\b(?:that|which|who|whose|where|used|of|for)\b"
                            r"[^()]{4,120})\)")
_STOP = {"the", "a", "an", "to", "of", "in", "on", "at", "for", "with", "by", "and", "or",
         "its", "their", "is", "are", "was", "were", "not", "called", "mark", "use", "place",
         "make", "add", "put", "apply", "give", "get", "take", "see", "call", "find", "keep",
         "form", "have", "need", "include", "contain", "create", "build", "set", "show"}
_VAGUE_SUBJECT = re.compile(r"^(?:others|some|many|most|few|several|all|both)$", re.I)
_ORDINAL_SUBJECT = re.compile(r"^(?:the|our|a|an)\s+(?:\w+\s+)?(?:first|second|third|fourth|"
                              r"other|last|next|final)\b", re.I)
_POINTS_BACK = re.compile(r"^(?:this|these|such|that|those|it|they)\b", re.I)
_LEAD_APPOSITIVE = re.compile(r"^(?:the )?([A-Z][\w’'\-]+(?: [\w’'\-]+){0,3}), ((?:the|an?) "
                              r"[^,;]{8,160}), (?:is|are|was|were|has|have|can|may|refers|"
                              r"describes|includes|[a-z]+s)\b", re.S)
# "Elaboration, or explaining your work, supports ...": a name glossed by "or".
_GLOSS_OR = re.compile(r"^([A-Z][\w’'\-]+(?: [\w’'\-]+){0,2}), or ([^,;]{6,100}), (?:is|are|"
                       r"was|were|has|have|can|may|[a-z]+s)\b", re.S)
_QUOTED_NAME = re.compile(r"^(.{12,200}?)\s*\(\s*[“\"]([^”\"()]{2,40})[”\"]\s*\)[.;]?$",
                          re.S)
# A lowercase name in mid-sentence glossed by its kind: "..., with glucagon, a hormone that
# ...", "the foundation of behaviorism, a school of psychology which ...".
_MID_APPOSITIVE = re.compile(r"\b(?:with|of|by|as|to|into|from|including|like|using|called|"
                             r"the) ([a-z][\w’'\-]+(?: [a-z][\w’'\-]+)?), (an? (?:(?!is |are |was )"
                             r"[\w’'\-]+ ){1,3}(?:that|which|who)\b[^,;()]{8,140}?)[.!]?$")
_APPOSITIVE_ITEM = re.compile(r"^(?:and |or )?([a-z][\w’'\-]+(?: [\w’'\-]+){0,3}), "
                              r"((?:the|an?) .{8,})$", re.S)
_NUMBER = re.compile(r"^\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|first|second|"
                     r"third|fourth|fifth|last|next|final|other|another)\b", re.I)
# "X is a central figure", "X is one of the most common ...": a judgement, not a definition.
_JUDGED = re.compile(r"^(?:(?:a|an|the)\s+(?:central|key|major|important|leading|common|useful|"
                     r"good|great|powerful|popular|famous|prominent|critical|crucial|core|main|"
                     r"primary|significant|helpful|valuable|big|huge|best|worst|perfect|real|"
                     r"true|only|same|opposite|result|case|reason|way|first|last|most|experts?)|"
                     r"one of the)\b", re.I)


def _name_ok(name: str, start: bool, definite: bool = True) -> bool:
    """A sentence subject that can name a term (``start``: it opens its paragraph, where a
    lowercase name is a note-taker's habit, not a clause; ``definite``: "the" came before
    it, and "The goal is ..." speaks of an aspect where "Features are ..." defines them)."""
    words = name.split()
    if not words or len(words) > 4 or _PRONOUN.search(name) or NOT_A_NAME.match(name):
        return False
    if _NUMBER.search(name) or definite and attribute_label(name) is not None \
            or re.search(r"\b[a-z]+\d|\s-?\d+$", name):
        return False        # "tp33 is the user name": an example's value, not a term
    return name[:1].isupper() or start


def _is_a(doc, section, inline: Inline, a: int, b: int, line: int, start: bool):
    sent = inline.text[a:b]
    head = sent[:160].lower()
    if " is " not in head and " are " not in head:
        return None
    frame = _FRAME.match(sent)
    skip = frame.end() if frame else 0
    m = _IS_A.match(sent[skip:])     # (a pattern's ^ holds at a string's start only)
    definite = bool(re.match(r"(?:the|this|its|their|our|my|your)\s", sent[skip:], re.I))
    quoted = m is not None and (m.group(1)[:1] in "'’" or m.start(1)
                                and sent[skip + m.start(1) - 1] in "“\"‘")
    if quoted and m.group(1)[-1:] not in "'’" \
            and sent[skip + m.end(1):skip + m.end(1) + 1] not in ("”", "\"", "’"):
        return None     # '"Aldosterone is a hormone ..."': a quotation, not a quoted name
    if not m or not _name_ok(m.group(1).strip("'’"), start or bool(frame) or quoted,
                             definite):
        return None
    rest = m.group(3)
    if not re.match(r"(?:a|an|the|any|one of the|what|when|where|anything|something|"
                    r"someone|anyone|whatever|whenever|those who|those that)\s", rest, re.I):
        # No article: "Clinical trials are research studies that ...", and in terse notes
        # "Satisfice is adequate level of acceptability ..." (a noun phrase with its "of").
        first = rest.split()[0].lower().strip(",;:")
        if not (_RELATIVE.match(rest) or _NOUN_PHRASE.match(rest)) or first in PREDICATIVE \
                or first.endswith(("ed", "ly", "ing", "est")) and "-" not in first \
                or first in _PARTICIPLES or first == "that" \
                or "; " in rest and not _RELATIVE.match(rest):
            # "X is linked to ...", "X is really ...", "X is vital for ...; ...": said of X,
            # not what X is
            return None
    if len(rest.split()) < 4 or _JUDGED.match(rest):
        return None
    b = goes_on(doc, section, inline, a + skip + m.start(3), b, m.group(1), line)
    return term_card(doc, section, m.group(1).strip("'’"), inline.slice(a + skip + m.start(3), b),
                     line, "is-a", 0.6, aspect_ok=True)


def _called(doc, section, inline: Inline, spans, k: int, line: int):
    a, b = spans[k]
    sent = inline.text[a:b]
    if not any(w in sent for w in (" called ", " known as ", " referred to as ", " termed ",
                                   " named ", " known in ")):
        return None
    if ";" in sent:
        # "The habits to which there is an innate tendency are called instincts; some ..."
        b = a + sent.index(";")
        sent = inline.text[a:b]
    m = _CALLED.match(sent)
    if not m or len(m.group(2).split()) > 4 or _PRONOUN.search(m.group(2)) \
            or _VAGUE_SUBJECT.match(m.group(1)):
        return None
    name = re.sub(r"^(?:its|their|his|her|our|your|my)\s+", "", m.group(2), flags=re.I)
    subject = m.group(1)
    ahead = inline.text[spans[k + 1][0]:spans[k + 1][1]] if k + 1 < len(spans) else ""
    if _ORDINAL_SUBJECT.match(subject):
        # "The first is called long-term. It is where we store ...": the next sentence
        if not re.match(r"(?:it|this|they)\s+(?:is|are)\s", ahead, re.I):
            return None     # "The first published version was called X": said of X
        definition = inline.slice(spans[k + 1][0], spans[k + 1][1])
    elif _POINTS_BACK.match(subject):
        if k == 0:
            return None
        definition = inline.slice(spans[k - 1][0], spans[k - 1][1])
    else:
        clause = re.search(r"^(.+?),? and (?:they|it|these)$", subject, re.S)
        definition = inline.slice(a, a + (clause.end(1) if clause else m.end(1)))
        if len(definition.text.split()) < 3:
            return None
    return term_card(doc, section, name, definition, line, "called", 0.7)


def _appositives(doc, section, inline: Inline, a: int, b: int, line: int):
    sent = inline.text[a:b]
    comma = sent.find(", ", 0, 60)
    m = (_LEAD_APPOSITIVE.match(sent) or _GLOSS_OR.match(sent)) if comma > 0 else None
    if m and _name_ok(m.group(1), True):
        yield term_card(doc, section, m.group(1), inline.slice(a + m.start(2), a + m.end(2)),
                        line, "appositive", 0.7)
    m = _QUOTED_NAME.search(sent) if sent.rstrip(" .;")[-1:] == ")" else None
    if m and len(m.group(2).split()) <= 3 and m.start(1) == 0 \
            and not re.search(r"(?<!\bthere) (?:is|are) ", m.group(1), re.I):
        # "Things they have to think about to perform a task (“intrinsic”)." (where the
        # sentence says "X is ...", the quoted name glosses its last words, not X)
        yield term_card(doc, section, m.group(2), inline.slice(a, a + m.end(1)), line,
                        "appositive", 0.7)
    m = _MID_APPOSITIVE.search(sent) if ", a " in sent or ", an " in sent else None
    if m:
        name = m.group(1)
        if name.split()[0] not in _STOP and _name_ok(name, True):
            # "... treated with glucagon, a hormone that raises blood glucose levels."
            yield term_card(doc, section, name, inline.slice(a + m.start(2), a + m.end(2)),
                            line, "appositive", 0.65)
    colon = sent.find(": ")
    if colon < 0 or sent.count(";") < 1:
        return
    offset = a + colon + 2
    for part in sent[colon + 2:].split(";"):
        m = _APPOSITIVE_ITEM.match(part.strip())
        lead = len(part) - len(part.lstrip())
        if m and _name_ok(m.group(1), True):
            start = offset + lead + m.start(2)
            yield term_card(doc, section, m.group(1),
                            inline.slice(start, start + len(m.group(2))), line, "appositive", 0.7)
        offset += len(part) + 1


# Cheap looks before the patterns (every sentence of every note passes here): a lowered
# sentence holds one of these words, or no rule can match it.
_ANY_VERB = re.compile(r" (?:is|are|was|were|refers?|means|describes|defined|by) |called |"
                       r"known as |termed |named ")


_GLOSSARY_SENTENCE = re.compile(r"^([A-Z][\w’'/\-]*(?: [A-Za-z][\w’'/\-]*){0,3})(?:\s[–—-]\s|:\s)"
                                r"(?=\S.{12,})")


def _glossary_sentence(doc, section, inline: Inline, a: int, b: int, line: int):
    """"... Be aware of the reference point! Gain/Loss Frame - People tend to make riskier
    choices ...": a glossary entry run into the paragraph before it (notes exported from a
    document, their lines joined)."""
    m = _GLOSSARY_SENTENCE.match(inline.text[a:b])
    if m is None or NOT_A_NAME.match(m.group(1)) or _PRONOUN.search(m.group(1)) \
            or re.match(r"(?:an?|the|one|some|any|each|every|another)\s", m.group(1), re.I) \
            or re.search(r"\b(?:is|are|was|were|has|have)\b", m.group(1)) \
            or not _plain_name(m.group(1)):
        return None     # "Mood also impacts – greatest impact on ...": a clause, no name
    return term_card(doc, section, m.group(1), inline.slice(a + m.end(), b), line,
                     "glossary-sentence", 0.7)


_DESCRIBED = re.compile(r"(?:these|they)\s+(?:are|exist|occur|refer|mean|describe|happen|"
                        r"arise)\b", re.I)


def _named_then_described(doc, section, inline: Inline, spans, line: int):
    """"• Broken models. These occur when inaccuracies explain relationships ...": a name
    on its own, then sentences that say what "these" are (a list of kinds, one a bullet)."""
    if len(spans) < 2:
        return None
    a, b = spans[0]
    name = inline.text[a:b].rstrip(" .:")
    nxt = inline.text[spans[1][0]:spans[1][1]]
    if not _DESCRIBED.match(nxt) or _ANY_VERB.search(f" {name.lower()} ") \
            or not _plain_name(name) \
            or bare_name(inline.slice(a, a + len(name))) is None \
            or not _name_ok(name, True, False) or attribute_label(name) is not None:
        return None
    return term_card(doc, section, name, inline.slice(spans[1][0]), line, "named-described",
                     0.65)


def _plain_name(name: str) -> bool:
    """A name of at most three words, none of them a verb's company ("also", "true", "for")."""
    words = name.lower().split()
    return len(words) <= 3 and not any(w in PREDICATIVE or w in _STOP for w in words[1:])


def _participle(doc, section, inline: Inline, line: int):
    """"A lemma representing the semantic content of the word": a name and what it
    represents (a list of the parts of something, item by item)."""
    m = _PARTICIPIAL.match(inline.text)
    if m and _name_ok(m.group(1), True, False) \
            and not re.search(r"\b(?:is|are|was|were|be|can|may)\b", m.group(1), re.I):
        return term_card(doc, section, m.group(1), inline.slice(m.start(2)), line,
                         "participle", 0.65)
    return None


def _gloss(doc, section, inline: Inline, line: int):
    """"... to mark fusion words (a word that is the result of merging two others)": a
    name glossed in brackets by what it is."""
    for m in _BRACKET_GLOSS.finditer(inline.text):
        words = m.group(1).split()
        name = " ".join(words[-2:]) if len(words) > 1 and words[-2].lower() not in _STOP \
            else words[-1]
        if _name_ok(name, True, False):
            start = m.start(2)
            yield term_card(doc, section, name, inline.slice(start, start + len(m.group(2))),
                            line, "gloss", 0.65)


def sentence_rules(doc, section, inline: Inline, line: int):
    text = inline.text
    low = text.lower()
    if " (a" in text:
        yield from _gloss(doc, section, inline, line)
    if re.search(r"ing |ed |ting |ning ", text[:60]):
        found = _participle(doc, section, inline, line)
        if found is not None:
            yield found
            return
    if re.match(r"[^.]{3,50}\. (?:These|They) ", text):
        found = _named_then_described(doc, section, inline, sentences(text), line)
        if found is not None:
            yield found
            return
    if not _ANY_VERB.search(low) and ", " not in text and "(" not in text \
            and " – " not in text[:50] and " — " not in text[:50]:
        return
    spans = sentences(text)
    for k, (a, b) in enumerate(spans):
        sent = text[a:b]
        yield from clause_rules(doc, section, inline, a, b, line)
        # (opening a paragraph of several sentences, only the dash form: "Prospect Theory –
        # a loss of X hurts ... We hate losses ..."; "Note: ..." opens many a paragraph)
        if k and (" – " in sent[:60] or " - " in sent[:60] or ": " in sent[:60]) \
                or not k and len(spans) > 1 and (" – " in sent[:50] or " — " in sent[:50]):
            found = _glossary_sentence(doc, section, inline, a, b, line)
            if found is not None:
                yield found
                continue
        verb = _ANY_VERB.search(low, a, b)
        if verb is None:
            yield from _appositives(doc, section, inline, a, b, line)
            continue
        m = _ABBR_LEAD.match(sent) if "(" in sent else None
        if m:
            # the letter check decides if (ABBR) names the term; a small word may spell
            # its letter ("Yield to maturity (YTM)", as acronym.py reads them) and an
            # article is no part of it ("The conditioned response (CR) is ...")
            name = _ARTICLE.sub("", m.group(1))
            words = name.split()
            if expand(m.group(2), words) is not None \
                    or expand(m.group(2), words, small=True) is not None:
                end = goes_on(doc, section, inline, a + m.start(3), b, m.group(2), line)
                yield term_card(doc, section, name,
                                inline.slice(a + m.start(3), end), line, "abbr-lead", 0.8)
                continue
        frame = _FRAME.match(sent)
        skip = frame.end() if frame and verb.start() - a > frame.end() else 0
        m = _DEFINED.match(sent[skip:]) if verb.group(0).strip() not in ("is", "are", "was",
                                                                          "were") \
            or " defined as " in low[a:b] else None
        if m:
            # "The term X refers to", "X thus refers to": the name is X
            name = _TERM_WORD.sub("", m.group(1) or m.group(3))
            name = _ADVERB_END.sub("", name)
            if "(" in name:
                name = _ALIAS.sub("", name)
            body = skip + (m.start(2) if m.group(1) else m.start(4))
            if len(name.split()) <= 5 and not _PRONOUN.search(name) and not NOT_A_NAME.match(name):
                end = goes_on(doc, section, inline, a + body, b, name, line)
                yield term_card(doc, section, name, inline.slice(a + body, end), line,
                                "defined-as", 0.75, aspect_ok=True)
            continue
        m = _APPOSITIVE.match(sent) if " by " in sent else None
        if m and not _PRONOUN.search(m.group(1)):
            yield term_card(doc, section, m.group(1), inline.slice(a + m.start(2), b), line,
                            "defined-as", 0.75)
            continue
        m = _MID_DEFINED.search(sent) if "defined as" in sent else None
        if m and len(m.group(1).split()) <= 3 and not _PRONOUN.search(m.group(1)):
            yield term_card(doc, section, m.group(1), inline.slice(a + m.start(2), b), line,
                            "defined-as", 0.75)
            continue
        found = _called(doc, section, inline, spans, k, line)
        if found is not None:
            yield found
            continue
        yield from _appositives(doc, section, inline, a, b, line)
        yield _is_a(doc, section, inline, a, b, line, k == 0)


# A sentence that goes on about the term: it opens on a pronoun ("It protects ...", "This
# process relies ...") or names the term early ("Maltego gathers ...", "When the client
# calls RPC, it ...").
_GOES_ON = re.compile(r"(?:it|they|this|these|its|their|such)\b", re.I)
# What no definition goes on into: a myth or its correction, a question, a list's lead.
_NOT_GOING_ON = re.compile(r"\b(?:myths?|misconceptions?|contrary to|common belief|the truth)\b|"
                           r"^(?:in fact|actually|in reality|but|however)\b|[?:]$", re.I)
_MORE_CHARS = 420       # the whole definition, a few sentences: well inside a phone screen
_MORE_SENTENCES = 4


def goes_on(doc, section, inline: Inline, start: int, end: int, name: str, line: int) -> int:
    """Where a definition that starts at ``start`` and whose sentence ends at ``end`` ends:
    after the following sentences of its line that go on about ``name`` (a pronoun or
    the term as their subject), up to a few sentences and a few hundred characters; never
    through a sentence that defines a name of its own, a myth, a question or a list lead."""
    text = inline.text
    if end >= len(text.rstrip()) or not text[end:].strip():
        return end
    stem = re.sub(r"[\W_]+", "", name).casefold()
    stem = stem[:-1] if len(stem) > 4 and stem.endswith("s") else stem
    taken, base = 1, end
    for a, b in sentences(text[base:]):
        a, b = a + base, b + base
        sent = text[a:b].strip()
        if taken >= _MORE_SENTENCES or b - start > _MORE_CHARS or "\n" in text[end:b] \
                or _NOT_GOING_ON.search(sent) \
                or not (_GOES_ON.match(sent) or len(stem) >= 3 and stem in
                        re.sub(r"[\W_]+", "", sent[:60]).casefold()):
            break
        if any(isinstance(f, Candidate) for f in sentence_rules(doc, section,
                                                                 inline.slice(a, b), line)):
            break       # "Transforms are pieces of code ...": another term's definition
        end, taken = b, taken + 1
    return end


def later_sentences(doc, section, text: Inline, line: int, found):
    """The sentences of an item after the definition a rule took from it: notes exported
    from documents run several entries into one item ("Satisfice is ... Gain/Loss Frame -
    People tend to ...")."""
    if not isinstance(found, Candidate) or text.text.count(". ") < 2:
        return
    spans = sentences(text.text)
    taken = len(str(found.fields.get("definition", "")))
    later = next((a for a, _ in spans[1:] if a >= min(taken, len(text.text))), None)
    if later is not None:
        yield from sentence_rules(doc, section, text.slice(later), line)
