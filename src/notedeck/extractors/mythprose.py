"""Myths told in prose: a belief the note puts in others' mouths, and its correction.

A card needs both halves, and the reframe must be the note's correction of the myth.

The belief (how the note marks it):
  named    the note names it a myth or mistake ("A common misconception is that X", "It is
           a myth that X"), says it is said wrongly ("X is often (erroneously) suggested as
           Y", "wrongly believed"), or that two things get confused ("X is often confused
           with Y")
  held     someone holds it ("It is often thought that X", "Many people believe X", "Some
           assume X", "It is tempting/common to think of X as Y", "You might think X",
           "X may seem Y at first")
The correction: a contrast in the same sentence (", but Y", "; in fact Y", ", whereas Y",
", the reality is that Y"), or the next sentence. After a named belief any next sentence
(but an example) corrects it; after a held one only a sentence that opens as a correction
("In fact", "However", "Unfortunately", "This view fails ...", "This is not true").

Corrections that carry their myth:
  "Contrary to popular belief (or: to its name), X is not Y"   -> myth "X is Y"
  "Do not think of X as Y. Z."                                  -> myth "X is Y"
  "That is not to say that X! Y."                               -> myth "X"
  "X is not Y. Instead (Rather), Z."                            -> myth "X is Y"
  "Do not confuse X with Y. Z."                                 -> myth the warning
  "X. It's not true! Y."                                        -> myth "X"
"""
from __future__ import annotations

import re
from typing import Iterator

from ..reading.document import Inline
from .mythcues import (
    ABOUT,
    ACTUALLY,
    ANY_CUE,
    APPEARS,
    BELIEF_VERBS,
    BUT_ACTUALLY,
    CHALLENGED,
    CHALLENGED_BY,
    CLAIMS,
    COMMON,
    CONFLATED,
    CONFUSE,
    CONTRARY,
    CONTRAST,
    CORRECTION_LEAD,
    CORRECTS,
    DENIES,
    DENY_CUE,
    DONT,
    EXAMPLE,
    FAULT,
    IDEA,
    INTRODUCED,
    IN_FACT,
    INSTEAD,
    ISNT,
    IT_SEEMS,
    LEAD,
    MAX_SENTENCE,
    MAYBE_CORRECTS,
    MYTH_THAT,
    NAMED,
    NEGATION,
    NOT_TO_SAY,
    PASSIVE,
    PEOPLE,
    POSITIVE,
    PRONOUN,
    REFERENT,
    SAY_VERB,
    SEEMS,
    SHOWING,
    STEMS,
    SUBORDINATE,
    THOUGHT,
    TREATED,
    WRONGLY,
)
from .literals import literal_trie
from .text import sentences

Pair = tuple[Inline, Inline]

# The cue patterns as tries: they find a cue exactly where the patterns do, faster.
_ANY = literal_trie(ANY_CUE)
_DENY = literal_trie(DENY_CUE)
# ... with the words of the corrections that carry their myth ("Instead, ", ", but ...
# actually"), so a paragraph with none of them is turned down by one search
_OPENS = re.compile("instead, |rather, |actually|in fact|in reality")
_EITHER = literal_trie(ANY_CUE, DENY_CUE, _OPENS)


def prose_pairs(inline: Inline, following: Inline | None = None) -> Iterator[Pair]:
    """Every (myth, reframe) the sentences of one paragraph or list item give; the
    paragraph ``following`` it may hold the correction of its last sentence."""
    text = inline.text
    low = text.lower()
    # A sentence is tried only when it or the next has a cue, so a paragraph without one
    # anywhere has none to try (the cues are plain words, unchanged by cutting a sentence
    # out of the lowered paragraph); the stems are kept for the texts they alone turn down.
    # "X is not Y. Instead, Z." has no cue word but the opening of its correction.
    if not _EITHER.search(low) or not any(map(low.__contains__, STEMS)) \
            and not any(map(low.__contains__, INSTEAD)) and not _but_actually(low):
        return
    spans = sentences(text)
    # A sentence is cut out as an Inline only once a cue is found in it: most never are.
    lows = [text[a:b].lower() if b - a <= MAX_SENTENCE else "" for a, b in spans]
    extra: list[Inline] | None = None
    for n, (a, b) in enumerate(spans):
        if not lows[n] or not _ANY.search(lows[n]) and not _but_actually(lows[n]) and not (
                n + 1 < len(spans) and (_DENY.search(lows[n + 1])
                                        or lows[n + 1].startswith(INSTEAD))):
            continue
        sent = inline.slice(a, b)
        after = [inline.slice(a2, b2) for a2, b2 in spans[n + 1:n + 3]]
        if len(after) < 2 and following is not None:
            if extra is None:
                extra = [following.slice(a, b) for a, b in sentences(following.text)[:2]]
            after = (after + extra)[:2]
        if len(after) == 2 and EXAMPLE.match(after[0].text):
            after = after[1:]       # "For example, ..." illustrates; the correction follows
        found = _pair(sent, after)
        if found is not None:
            yield found


def _but_actually(low: str) -> bool:
    """The literals every _looks sentence has: ", but" and "actually" or "in fact"."""
    return ", but" in low and any(map(low.__contains__, ACTUALLY))


_STEP = re.compile(r"^\s*(?:\d{1,2}|[a-z])[.)]\s")


def _pair(sent: Inline, after: list[Inline]) -> Pair | None:
    text = sent.text
    if text.rstrip().endswith("?"):
        return None
    if after and _STEP.match(after[0].text):
        after = []      # "A common mistake is to X. 4. Accelerate ...": the next step, no answer
    nxt = after[0] if after else None
    if nxt is not None and DENIES.match(nxt.text):       # "X. It's not true! Y."
        return _lead_off(sent), _join(after)
    for rule in (_contrary, _dont, _confuse, _not_to_say, _named, _held, _instead, _looks):
        found = rule(sent, after)
        if found is not None:
            return found
    return None


def _named(sent: Inline, after: list[Inline]) -> Pair | None:
    """A belief the note calls a myth or a mistake: any next sentence corrects it."""
    text, nxt = sent.text, (after[0] if after else None)
    idea = IDEA.match(text)
    if idea and nxt is not None:        # "The idea that X is a myth. Y."
        return sent.slice(idea.start(1), idea.end(1)), _strip_correction(nxt)
    m = CHALLENGED.search(text)
    if m:
        shown = SHOWING.search(text, m.end())
        if shown:
            return sent.slice(m.end(), shown.start()), sent.slice(shown.end())
        return _split(sent, m.end(), nxt)
    m = CHALLENGED_BY.search(text) if " been " in text else None
    if m:                   # "(In recent years,) the X account has been challenged by ..."
        begin = text.rfind(", ", 0, m.start())
        return sent.slice(begin + 2 if begin >= 0 else 0, m.start()), sent.slice(m.end())
    m = MYTH_THAT.match(text) or NAMED.search(text)
    if m and not _bare_is(text, m):
        return _split(sent, m.end(), nxt)
    wrong = WRONGLY.search(text)
    if wrong and SAY_VERB.search(text, max(0, wrong.start() - 30), wrong.end() + 30):
        return _split(sent, 0, nxt, whole=True)
    m = CONFLATED.search(text)
    if m:
        # "As noted in A, B, and C, heat is often confused with temperature": the clause
        clause = text.rfind(", ", 0, m.start())
        begin = clause + 2 if clause >= 0 else 0
        rest = text[m.end():]
        if "; " in rest:
            cut = m.end() + rest.index("; ")
            return _lead_off(sent.slice(begin, cut)), _strip_correction(sent.slice(cut + 2))
        if nxt is not None:
            return _lead_off(sent.slice(begin)), _strip_correction(nxt)
    m = TREATED.search(text)
    cut = CONTRAST.search(text, m.end()) if m else None
    if cut is not None and cut.group(0).startswith(","):   # "X is often treated as Y, even though Z"
        return _lead_off(sent.slice(0, cut.start())), _strip_correction(sent.slice(cut.end()))
    return None


def _held(sent: Inline, after: list[Inline]) -> Pair | None:
    """A belief someone holds: a correction must follow, in the sentence or the next. A
    belief of people at large ("Many people think X") is corrected by a "However" that
    says something is not so; "It is generally thought that X. However, ..." only by one
    that says so outright ("In fact", "This is not true")."""
    text, nxt = sent.text, (after[0] if after else None)
    m = PEOPLE.search(text)
    lay = m if m is not None and _lay(m.group(0)) else None
    m = m or THOUGHT.search(text)
    whole = m is None
    if m is None:
        lay = PASSIVE.search(text)
        lay = lay or CLAIMS.search(text)
        m = lay or COMMON.search(text) or SEEMS.search(text)
    if m is None:
        return None
    begin = 0 if whole or PRONOUN.match(text[m.end():]) else m.end()
    seems = IT_SEEMS.match(text[begin:]) if whole else None
    begin += seems.end() if seems else 0
    cut = CONTRAST.search(text, m.end())
    if cut is not None:
        return _as_belief(_lead_off(sent.slice(begin, cut.start()))), \
            _strip_correction(sent.slice(cut.end()))
    comma = text.find(", ", m.end()) if SUBORDINATE.match(text) else -1
    if comma > 0:           # "Although it may seem that X, studies found no link."
        return _as_belief(_lead_off(sent.slice(begin, comma))), sent.slice(comma + 2)
    loose = lay is not None and (MAYBE_CORRECTS.match(nxt.text) or _denies_it(nxt.text)) \
        if nxt is not None else False
    if nxt is not None and (_corrects(nxt.text) or loose):
        return _as_belief(_lead_off(sent.slice(begin))), _strip_correction(nxt)
    return None


_LAY = {"many", "some", "most", "a", "lot", "of", "also", "people", "students", "learners", "patients",
        "clients", "parents", "beginners", "novices", "newcomers", "users", "individuals",
        "others", "readers", "often", "still", "commonly", "sometimes", "may", "might", "tend",
        "to", "mistakenly", "wrongly", "you", "one", "could", "would", "be", "tempted"}


def _lay(holder: str) -> bool:
    """"Many people think", "Students often assume": people at large, not "Many
    clinicians believe" (an expert view a "However" qualifies rather than corrects)."""
    words = holder.lower().split()
    return all(w in _LAY for w in words[:-2]) and len(words) >= 2


def _corrects(text: str) -> bool:
    """A sentence that opens as a correction of the one before it."""
    if CORRECTS.match(text) or IN_FACT.search(text):
        return True
    return bool(REFERENT.match(text) or MAYBE_CORRECTS.match(text)) \
        and bool(FAULT.search(text))


def _denies_it(text: str) -> bool:
    """"They have no effect on viruses.": a sentence about the belief's subject that says
    something is not so."""
    return bool(PRONOUN.match(text) or MAYBE_CORRECTS.match(text)) and bool(FAULT.search(text))


def _contrary(sent: Inline, after: list[Inline]) -> Pair | None:
    """"Contrary to popular belief, X is not Y; Z." -> myth "X is Y", reframe the rest.
    Only when the claim is a negation: the belief is then the claim without it."""
    m = CONTRARY.match(sent.text)
    if not m:
        return None
    claim = sent.slice(m.end())
    first = claim.text.split("; ")[0]
    neg = NEGATION.search(first)
    if not neg:
        return None
    if neg.group(1):
        belief = first[:neg.start()] + neg.group(1) + first[neg.end():]
    else:
        word = neg.group(2).replace("’", "'")
        belief = first[:neg.start()] + POSITIVE[word.lower()] + first[neg.end():]
    belief = re.sub(r"\s+necessarily\b", "", belief)
    return Inline(belief.rstrip(".")), _join([claim] + after[:1]) \
        if after and CORRECTION_LEAD.match(after[0].text) else claim


def _dont(sent: Inline, after: list[Inline]) -> Pair | None:
    """"Do not think of GDP as an exact measure. It is better used as ..." -> "GDP is an
    exact measure", corrected by the sentence and the one after it."""
    m = DONT.match(_lead_off(sent).text.rstrip(" .!"))
    if m is None:
        return None
    subject, what = m.group(1), m.group(2)
    verb = "are" if _plural(subject) else "is"
    return Inline(f"{subject} {verb} {what}"), _join([sent] + after[:1])


def _confuse(sent: Inline, after: list[Inline]) -> Pair | None:
    """"Don't confuse X with Y: X is ..." -> the warning, corrected after its colon or by
    the next sentence."""
    if "onfuse" not in sent.text and "ix up" not in sent.text:
        return None         # the literal first: most sentences tried have neither
    lead = _lead_off(sent)
    if CONFUSE.match(lead.text) is None:
        return None
    colon = lead.text.find(": ")
    if colon > 0:
        return lead.slice(0, colon), lead.slice(colon + 2)
    return (lead, _strip_correction(after[0])) if after else None


def _instead(sent: Inline, after: list[Inline]) -> Pair | None:
    """"Stress is not a disease you cure. Instead, it is a condition we all live with." ->
    myth "Stress is a disease you cure": the claim without its "not", the next sentence
    (after its "Instead"/"Rather") the correction. Only a copula ("is not"): "Do not
    rinse. Instead, ..." is advice."""
    if not after or not after[0].text.lower().startswith(INSTEAD):
        return None
    text = _lead_off(sent).text.rstrip(" .!")
    neg = ISNT.search(text)
    if neg is None or re.match(r"\s+only\b", text[neg.end():]):
        return None         # "X is not only A. Rather, ..." adds, it does not correct
    head = text[:neg.start()].lower()
    if "," in head or len(head.split()) > 6 or _CLAUSE.intersection(head.split()):
        return None         # "Since A is not B, we ...": a reason, not the claim denied
    word = (neg.group(1) or neg.group(2) or POSITIVE.get(neg.group(3).replace("’", "'").lower())
            or neg.group(3)[:-3])
    belief = text[:neg.start()] + word + text[neg.end():]
    return Inline(belief), _strip_correction(after[0])


def _looks(sent: Inline, after: list[Inline]) -> Pair | None:
    """"This one is confusing: the capital looks like a P, but it is actually an R." ->
    myth "the capital looks like a P", reframe "it is actually an R" (the sentence's own
    "actually" is what says the look deceives)."""
    text = sent.text
    m = APPEARS.search(text) if ", but" in text else None
    but = BUT_ACTUALLY.search(text, m.end()) if m else None
    if but is None:
        return None
    begin = text.rfind(": ", 0, m.start())
    return _lead_off(sent.slice(begin + 2 if begin >= 0 else 0, but.start())), \
        _strip_correction(sent.slice(text.index("but", but.start()) + 3).strip())


_CLAUSE = {"since", "because", "if", "when", "as", "although", "though", "while", "that",
           "whether", "unless", "so"}


def _not_to_say(sent: Inline, after: list[Inline]) -> Pair | None:
    """"That is not to say that experts cannot be great teachers! Because ..., they ...":
    the myth is what is not to be said, the sentences after it correct it."""
    m = NOT_TO_SAY.match(sent.text)
    if m is None or not after:
        return None
    return sent.slice(m.end()).strip(" .!"), _join(after)


def _bare_is(text: str, m: re.Match) -> bool:
    """"A common misconception is X" names a myth; "misconceptions is the most useful type"
    or "the tool for finding misconceptions is a quiz" only talks about them."""
    if not m.group(0).rstrip().lower().endswith(" is") \
            or re.match(r"to\s+" + BELIEF_VERBS + r"\b", text[m.end():], re.I):
        return False
    word = text[m.start():m.end()].split()[0].lower()
    if word.endswith("s") and not word.endswith("ss"):
        return True
    return not INTRODUCED.search(text[:m.start()]) or bool(ABOUT.match(text, m.end()))


def _split(sent: Inline, start: int, nxt: Inline | None, whole: bool = False) -> Pair | None:
    """The myth from ``start`` (from the sentence's start with ``whole``) to the sentence's
    contrast, the reframe after it; else the next sentence."""
    rest = sent.text[start:]
    cut = CONTRAST.search(rest)
    begin = 0 if whole else start
    if cut is not None:
        myth = sent.slice(begin, start + cut.start())
        reframe = _strip_correction(sent.slice(start + cut.end()))
    elif nxt is not None:
        myth, reframe = sent.slice(begin), _strip_correction(nxt)
    else:
        return None
    return (_lead_off(myth) if whole else _as_belief(_lead_off(myth))), reframe


def _strip_correction(inline: Inline) -> Inline:
    """The correction without its lead ("In fact, "), up to the end of its paragraph line."""
    m = CORRECTION_LEAD.match(inline.text)
    if m:
        inline = inline.slice(m.end())
    end = re.search(r"[.!?][”\"’')]*\n", inline.text)
    return inline.slice(0, end.end() - 1) if end else inline


def _lead_off(inline: Inline) -> Inline:
    m = LEAD.match(inline.text)
    return inline.slice(m.end()) if m else inline


_AS = re.compile(r"(?:^|\bto\s+)(?:think\s+of|view|regard|see|picture|treat|imagine)\s+(.+?)\s+"
                 r"as\s+(?!well\b|much\b|many\b|soon\b|long\b|if\b|though\b)(.+)$", re.I)
_THINK = re.compile(r"^(?:to\s+)?(?:think|assume|believe|imagine|suppose)\s+(?:that\s+)?|^to\s+",
                    re.I)


def _as_belief(inline: Inline) -> Inline:
    """What is believed: "(It is common) to think of a novice as an empty vessel" -> "a
    novice is an empty vessel", "to assume that X" -> "X"; other beliefs as written."""
    m = _AS.search(inline.text)
    if m is not None and (m.start() == 0 or COMMON.search(inline.text)
                          or inline.text.lower().startswith("to ")):
        subject = inline.slice(m.start(1), m.end(1))
        verb = " are " if _plural(subject.text) else " is "
        return subject + Inline(verb) + inline.slice(m.start(2))
    m = _THINK.match(inline.text)
    return inline.slice(m.end()) if m else inline


def _plural(subject: str) -> bool:
    last = subject.split()[-1].lower() if subject.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "'s", "’s")) \
        or " and " in subject


def _join(parts: list[Inline]) -> Inline:
    out = parts[0]
    for part in parts[1:]:
        out = out + Inline(" ") + part
    return out
