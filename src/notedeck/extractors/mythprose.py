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
  "X. It's not true! Y."                                        -> myth "X"
"""
from __future__ import annotations

import re
from typing import Iterator

from ..reading.document import Inline
from .text import sentences

# ---- named beliefs -----------------------------------------------------------------------

_BELIEF_VERBS = (r"(?:think|picture|see|treat|assume|believe|imagine|view|regard|read|confuse|"
                 r"equate)")
_NAMED = re.compile(
    r"\b(?:misconception|myth|misunderstanding|misreading|misperception|mistaken belief|"
    r"mistaken view|mistaken idea|false belief|common belief|popular belief|widespread belief|"
    r"common assumption|mistake|fallacy)s?\s+(?:is\s+that\s+|is\s+(?=to\s+" + _BELIEF_VERBS
    + r"\b)|holds\s+that\s+|says\s+that\s+|treats\s+|assumes\s+|suggests\s+that\s+|is\s+)",
    re.I)
# "These findings challenge the common view that X and indicate that Y"
_CHALLENGED = re.compile(r"\b(?:challenge|contradict|refute|overturn|dispel|debunk|undermine|"
                         r"question)(?:s|d|ed)?\s+the\s+(?:(?:common|popular|widespread|"
                         r"traditional|conventional|prevailing|long-held|old|received|standard)\s+)"
                         r"(?:view|belief|idea|notion|assumption|wisdom|claim|account|picture)\s+"
                         r"that\s+", re.I)
_SHOWING = re.compile(r",?\s+and\s+(?:\w+\s+)?(?:indicate|show|suggest|demonstrate|reveal|find)s?"
                      r"\s+that,?\s+", re.I)
_MYTH_THAT = re.compile(r"^(?:it is|it's|it’s) (?:a )?(?:common |popular )?(?:myth|misconception)"
                        r" that\s+", re.I)
_CONTRARY = re.compile(r"^contrary to (?:(?:the )?(?:popular|common|widespread|general) "
                       r"(?:belief|opinion|wisdom|view|perception|assumption)|(?:the|its) name|"
                       r"what (?:many|most|some) (?:people )?(?:think|believe|assume)),?\s+", re.I)
# "often (erroneously) suggested", "wrongly believed", "used (incorrectly) for"
_WRONGLY = re.compile(r"\(?\b(?:erroneously|wrongly|mistakenly|incorrectly|falsely)\b\)?", re.I)
_SAY_VERB = re.compile(r"\b(?:said|suggested|believed|thought|assumed|claimed|described|called|"
                       r"labell?ed|used|referred|attributed|considered|regarded|seen|viewed|"
                       r"cited|reported|taught|blamed|credited|named|portrayed|equated|treated|"
                       r"interpreted|understood|identified|presented|advised|recommended)\b",
                       re.I)
_CONFLATED = re.compile(r"\b(?:is|are)\s+(?:sometimes|often|frequently|commonly|easily)\s+"
                        r"(?:conflated|confused|equated|mistaken|lumped)\s+(?:with|for)\s", re.I)
# Weaker than "conflated": a myth only when the sentence itself says it is wrong.
_TREATED = re.compile(r"\b(?:is|are)\s+(?:sometimes|often|frequently|commonly|widely)\s+"
                      r"(?:treated|seen|taken|regarded|viewed|read|described)\s+as\s", re.I)

# ---- held beliefs ------------------------------------------------------------------------

_ADVERBS = (r"(?:often|also|commonly|widely|generally|sometimes|frequently|once|long|still|"
            r"traditionally|popularly|usually|typically|previously|historically|mistakenly|"
            r"wrongly|originally|initially)")
# "It is often thought that X": the myth is X
_THOUGHT = re.compile(r"\b(?:it|this)\s+(?:is|was|has\s+been|had\s+been|'s|’s)\s+(?:" + _ADVERBS
                      + r"\s+){0,2}(?:said|thought|believed|assumed|claimed|held|suggested|"
                      r"supposed|argued|taught|presumed|imagined)\s+that\s+", re.I)
# "Some assume X", "Many people believe that X", "Students often think X": the myth is X
_PEOPLE = re.compile(
    r"\b(?:(?:many|some|most|a lot of)\s+(?:\w+\s+){0,2}?|(?:people|students|learners|patients|"
    r"clients|parents|beginners|novices|newcomers|users|critics|skeptics|sceptics|"
    r"individuals|others|readers)\s+(?:(?:often|also|still|commonly|sometimes|may|might|tend\s+to|"
    r"mistakenly|wrongly)\s+){0,2})(?:(?:believe|think|assume|worry|imagine|suppose|claim|"
    r"argue|insist|fear)s?\s+|feels?\s+(?:concerned|worried|sure|certain|convinced|afraid)\s+)"
    r"(?:that\s+)?|\b(?:some|many|people|others|clients|"
    r"students|readers)\s+(?:\w+\s+)?(?:take|read|understand)s?\s+.{3,80}?\s+to\s+mean\s+"
    r"(?:that\s+)?|\b(?:you|one)\s+(?:might|may|could|would)\s+(?:be\s+tempted\s+to\s+)?"
    r"(?:think|assume|believe|expect|imagine|suppose|object|argue)\s+(?:that\s+)?", re.I)
# "Sugar is commonly blamed for hyperactivity": the whole sentence
_PASSIVE = re.compile(r"\b(?:is|are|was|were)\s+(?:widely|commonly|popularly|often|frequently|"
                      r"still)\s+(?:believed|thought|assumed|said|claimed|blamed|credited|"
                      r"perceived|portrayed)\s+(?:to|as|for|that|with)\b", re.I)
# "The idea that X is a myth": X
_IDEA = re.compile(r"^(?:the\s+)?(?:(?:popular|common|widespread|old)\s+)?(?:idea|belief|notion|"
                   r"claim|view|assumption|saying)\s+that\s+(.+?)\s+(?:is|was)\s+(?:(?:simply|"
                   r"just|largely)\s+)?(?:a\s+)?(?:(?:common|popular|persistent)\s+)?(?:myth|"
                   r"misconception|false|wrong|mistaken|untrue|incorrect|fallacy|misleading)\b",
                   re.I)
_IT_SEEMS = re.compile(r"^(?:(?:while|although|though|even though),?\s+)?it\s+(?:might|may|could|"
                       r"would)\s+(?:at\s+first\s+)?(?:seem|appear)\s+(?:that|as\s+if|as\s+though)\s+",
                       re.I)
_SUBORDINATE = re.compile(r"^(?:while|although|though|even though|whereas)\b", re.I)
# "It's tempting to use X", "It is common to think of X as Y": the whole sentence
# ("It is easy to see that X", "It is common to see patients with X" state facts.)
_COMMON = re.compile(r"\bit\s*(?:is|was|'s|’s)\s+(?:(?:very|quite|so|all too|too|fairly)\s+)?"
                     r"(?:(?:common|tempting|natural|popular|usual|customary|intuitive)\s+to\s+"
                     r"(?:(?:try|want)\s+to\s+)?(?:think|assume|believe|try|use|view|imagine|"
                     r"treat|regard|picture|equate|confuse|suppose|conclude|blame)|easy\s+to\s+"
                     r"(?:think|assume|believe|imagine|confuse|mistake))\b", re.I)
# "There are many speed-reading methods that claim to improve reading": the whole sentence
_CLAIMS = re.compile(r"\b(?:many|some|most|several)\s+(?:[\w-]+\s+){0,3}?(?:that|which|who)\s+"
                     r"claims?\s+(?:to|that)\b", re.I)
# "X might seem like a bad idea at first, but Y"
_SEEMS = re.compile(r"\b(?:might|may|could|would)\s+(?:at\s+first\s+)?(?:seem|appear)\b", re.I)
_DONT = re.compile(r"^(?:do\s+not|don't|don’t|never)\s+(?:think\s+of|view|regard|see|treat|"
                   r"picture)\s+(.+?)\s+as\s+(?!well\b|much\b|many\b|soon\b|long\b)(.+)$", re.I)
_NOT_TO_SAY = re.compile(r"^(?:(?:but|however|and|yet),?\s+)?(?:that|this|it)\s+(?:is\s+not|"
                         r"isn't|isn’t|does\s+not|doesn't|doesn’t)\s+(?:to\s+say|mean)\s+"
                         r"(?:that\s+)?", re.I)

# ---- corrections -------------------------------------------------------------------------

_CONTRAST = re.compile(r",\s+(?:when|whereas|even though|although|but|while in fact|yet|"
                       r"when in fact|when actually)\s+|,?\s+(?:the\s+(?:reality|truth|fact)\s+"
                       r"is|in\s+(?:fact|reality|truth))(?:\s+that)?[,:]?\s+|;\s+")
_DENIAL = (r"(?:(?:this|that|it)(?:\s+is|'s|’s)\s+(?:simply\s+|just\s+|absolutely\s+)?(?:not\s+"
           r"(?:\w+\s+)?(?:true|so|the case|correct|accurate)|false|untrue|wrong|incorrect|a myth|"
           r"a misconception|an? oversimplification|misleading|mistaken)\b)")
_CORRECTS = re.compile(r"^(?:in fact|actually|in reality|in truth|on the contrary|not so|"
                       r"the (?:reality|truth|fact) is|" + _DENIAL + r")\b", re.I)
# "However, ..." may only add to what was said ("However, its other roles are rarely
# studied"): it corrects when it says something is not so.
_MAYBE_CORRECTS = re.compile(r"^(?:however|but|yet|unfortunately|rather|instead|in practice)\b",
                             re.I)
_IN_FACT = re.compile(r"\b(?:actually|in fact|in reality|misnomer)\b", re.I)
_REFERENT = re.compile(r"^(?:this|that|such an?|these|those)\s+(?:\w+\s+)?(?:view|belief|idea|"
                       r"assumption|notion|claim|analogy|approach|thinking|perception|intuition|"
                       r"picture|reasoning|argument|expectation|impression)s?\b", re.I)
_FAULT = re.compile(r"n't\b|n’t\b|\b(?:not|no|never|cannot|neither|nor|only|fails?|ignores?|overlooks?|misses|neglects?|wrong|mistaken|"
                    r"misleading|inaccura\w*|false|flawed|oversimplif\w*|untrue|incorrect|"
                    r"myth|misconception)\b", re.I)
_DENIES = re.compile(r"^(?:(?:but|and|yet|however),?\s+)?" + _DENIAL + r"\s*[.!]", re.I)
_CORRECTION_LEAD = re.compile(r"^(?:(?:while|when|but)\s+in\s+fact|in fact|actually|in reality|"
                              r"in truth|rather|instead|however|but|the (?:reality|truth|fact) is"
                              r"(?: that)?)\b[,:]?\s*", re.I)
_LEAD = re.compile(r"^(?:(?:while|although|though|whereas|even though|as (?:noted|mentioned|"
                   r"discussed|seen|explained|described) (?:earlier|above|before)|however|also|finally|"
                   r"similarly|likewise|relatedly|moreover|and|but|so|yet|often|of course|"
                   r"note that),?\s+)+", re.I)
# A belief cut to its content that opens with a pronoun keeps who holds it: "Many people
# believe that they can multi-task", not "They can multi-task".
_PRONOUN = re.compile(r"^(?:they|we|you|he|she|it|this|these|those|their|our)\b", re.I)
_EXAMPLE = re.compile(r"^(?:for example|for instance|e\.g\.|as an example)\b", re.I)
_INTRODUCED = re.compile(r"\b(?:a|an|the|one|another|common|popular|frequent|widespread|"
                         r"biggest|big|first|second|third|major|persistent|classic|old)\s+$", re.I)
_ABOUT = re.compile(r"(?:the most|at least|one of|associated|related|often|usually|the (?:best|"
                    r"multiple|first|main))\b", re.I)
_NEGATION = re.compile(r"\b(is|are|was|were|does|do|can|will)\s+not\b|\b(isn’t|isn't|aren’t|"
                       r"aren't|doesn’t|doesn't|don’t|don't)\b", re.I)
_POSITIVE = {"isn't": "is", "aren't": "are", "doesn't": "does", "don't": "do"}
# The words every belief above needs, on lowered text (case-sensitive: an re.I alternation
# is several times slower in CPython): a paragraph, then each sentence, is looked at this
# way before any pattern is tried.
_ANY_CUE = re.compile(r"misconception|myth|misunderstand|misread|mispercept|mistake|belief|"
                      r"assum|believ|think|thought|claim|imagin|suppos|worr|fear|insist|argue|"
                      r"fallacy|conflated|confused|equated|lumped|contrary|erroneous|wrongly|"
                      r"incorrectly|falsely|said|held that|taught that|presumed that|to mean|"
                      r"(?:treated|seen|taken|regarded|viewed|read|described) as|blamed|credited|"
                      r"perceived|portrayed|tempting|(?:common|natural|popular|usual|customary|"
                      r"intuitive|easy) to|(?:might|may|could|would)(?: at first)? (?:seem|appear"
                      r"|expect|object)|(?:concerned|worried|sure|certain|convinced|afraid) that|"
                      r"(?:idea|notion|view|account|wisdom|saying|picture) that|(?:not|n't|n’t|"
                      r"never) (?:think|view|regard|see|treat|picture)|not to say|(?:not|n't|n’t) "
                      r"mean|challenge|contradict|refute|overturn|dispel|debunk|undermine|"
                      r"question")
_DENY_CUE = re.compile(r"not true|not so|not the case|not correct|not accurate|false|untrue|"
                       r"wrong|incorrect|a myth|misconception|oversimplification|misleading|"
                       r"mistaken")
# A paragraph's first look: plain substrings (str.find is several times faster than one
# regex alternation of them), broader than the two patterns above.
_STEMS = ("misconception", "myth", "misunderstand", "misread", "mispercept", "mistake", "belief",
          "assum", "believ", "think", "thought", "claim", "imagin", "suppos", "worr", "fear",
          "insist", "argue", "fallacy", "conflated", "confused", "equated", "lumped",
          "contrary", "erroneous", "wrongly", "incorrect", "falsely", "said", "held that",
          "taught that", "presumed that", "to mean", "d as ", "n as ", "blamed", "credited",
          "perceived", "portrayed", "tempting", "common to", "natural to", "popular to",
          "usual to", "customary to", "intuitive to", "easy to", "seem", "appear", "expect",
          "object", "ed that", "re that", "id that", "ea that", "on that", "ew that", "in that",
          "nt that", "om that", "ng that", "view", "regard", "see", "treat", "picture",
          "not to say", "mean", "not true", "not so", "not the case", "not correct",
          "not accurate", "false", "true", "wrong", "oversimplification", "misleading",
          "challenge", "contradict", "refute", "overturn", "dispel", "debunk", "undermine",
          "question")
MAX_SENTENCE = 600      # a longer "sentence" is a transcript or a list run together

Pair = tuple[Inline, Inline]


def prose_pairs(inline: Inline, following: Inline | None = None) -> Iterator[Pair]:
    """Every (myth, reframe) the sentences of one paragraph or list item give; the
    paragraph ``following`` it may hold the correction of its last sentence."""
    text = inline.text
    low = text.lower()
    if not any(stem in low for stem in _STEMS):
        return      # one cheap look before splitting sentences and trying every pattern
    sents = [inline.slice(a, b) for a, b in sentences(text)]
    lows = [s.text.lower() if len(s.text) <= MAX_SENTENCE else "" for s in sents]
    extra: list[Inline] | None = None
    for n, sent in enumerate(sents):
        if not lows[n] or not _ANY_CUE.search(lows[n]) and not (
                n + 1 < len(sents) and _DENY_CUE.search(lows[n + 1])):
            continue
        after = sents[n + 1:n + 3]
        if len(after) < 2 and following is not None:
            if extra is None:
                extra = [following.slice(a, b) for a, b in sentences(following.text)[:2]]
            after = (after + extra)[:2]
        if len(after) == 2 and _EXAMPLE.match(after[0].text):
            after = after[1:]       # "For example, ..." illustrates; the correction follows
        found = _pair(sent, after)
        if found is not None:
            yield found


_STEP = re.compile(r"^\s*(?:\d{1,2}|[a-z])[.)]\s")


def _pair(sent: Inline, after: list[Inline]) -> Pair | None:
    text = sent.text
    if text.rstrip().endswith("?"):
        return None
    if after and _STEP.match(after[0].text):
        after = []      # "A common mistake is to X. 4. Accelerate ...": the next step, no answer
    nxt = after[0] if after else None
    if nxt is not None and _DENIES.match(nxt.text):       # "X. It's not true! Y."
        return _lead_off(sent), _join(after)
    for rule in (_contrary, _dont, _not_to_say, _named, _held):
        found = rule(sent, after)
        if found is not None:
            return found
    return None


def _named(sent: Inline, after: list[Inline]) -> Pair | None:
    """A belief the note calls a myth or a mistake: any next sentence corrects it."""
    text, nxt = sent.text, (after[0] if after else None)
    idea = _IDEA.match(text)
    if idea and nxt is not None:        # "The idea that X is a myth. Y."
        return sent.slice(idea.start(1), idea.end(1)), _strip_correction(nxt)
    m = _CHALLENGED.search(text)
    if m:
        shown = _SHOWING.search(text, m.end())
        if shown:
            return sent.slice(m.end(), shown.start()), sent.slice(shown.end())
        return _split(sent, m.end(), nxt)
    m = _MYTH_THAT.match(text) or _NAMED.search(text)
    if m and not _bare_is(text, m):
        return _split(sent, m.end(), nxt)
    wrong = _WRONGLY.search(text)
    if wrong and _SAY_VERB.search(text, max(0, wrong.start() - 30), wrong.end() + 30):
        return _split(sent, 0, nxt, whole=True)
    m = _CONFLATED.search(text)
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
    m = _TREATED.search(text)
    cut = _CONTRAST.search(text, m.end()) if m else None
    if cut is not None and cut.group(0).startswith(","):   # "X is often treated as Y, even though Z"
        return _lead_off(sent.slice(0, cut.start())), _strip_correction(sent.slice(cut.end()))
    return None


def _held(sent: Inline, after: list[Inline]) -> Pair | None:
    """A belief someone holds: a correction must follow, in the sentence or the next. A
    belief of people at large ("Many people think X") is corrected by a "However" that
    says something is not so; "It is generally thought that X. However, ..." only by one
    that says so outright ("In fact", "This is not true")."""
    text, nxt = sent.text, (after[0] if after else None)
    m = _PEOPLE.search(text)
    lay = m if m is not None and _lay(m.group(0)) else None
    m = m or _THOUGHT.search(text)
    whole = m is None
    if m is None:
        lay = _PASSIVE.search(text)
        lay = lay or _CLAIMS.search(text)
        m = lay or _COMMON.search(text) or _SEEMS.search(text)
    if m is None:
        return None
    begin = 0 if whole or _PRONOUN.match(text[m.end():]) else m.end()
    seems = _IT_SEEMS.match(text[begin:]) if whole else None
    begin += seems.end() if seems else 0
    cut = _CONTRAST.search(text, m.end())
    if cut is not None:
        return _as_belief(_lead_off(sent.slice(begin, cut.start()))), \
            _strip_correction(sent.slice(cut.end()))
    comma = text.find(", ", m.end()) if _SUBORDINATE.match(text) else -1
    if comma > 0:           # "Although it may seem that X, studies found no link."
        return _as_belief(_lead_off(sent.slice(begin, comma))), sent.slice(comma + 2)
    loose = lay is not None and (_MAYBE_CORRECTS.match(nxt.text) or _denies_it(nxt.text)) \
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
    if _CORRECTS.match(text) or _IN_FACT.search(text):
        return True
    return bool(_REFERENT.match(text) or _MAYBE_CORRECTS.match(text)) \
        and bool(_FAULT.search(text))


def _denies_it(text: str) -> bool:
    """"They have no effect on viruses.": a sentence about the belief's subject that says
    something is not so."""
    return bool(_PRONOUN.match(text) or _MAYBE_CORRECTS.match(text)) and bool(_FAULT.search(text))


def _contrary(sent: Inline, after: list[Inline]) -> Pair | None:
    """"Contrary to popular belief, X is not Y; Z." -> myth "X is Y", reframe the rest.
    Only when the claim is a negation: the belief is then the claim without it."""
    m = _CONTRARY.match(sent.text)
    if not m:
        return None
    claim = sent.slice(m.end())
    first = claim.text.split("; ")[0]
    neg = _NEGATION.search(first)
    if not neg:
        return None
    if neg.group(1):
        belief = first[:neg.start()] + neg.group(1) + first[neg.end():]
    else:
        word = neg.group(2).replace("’", "'")
        belief = first[:neg.start()] + _POSITIVE[word.lower()] + first[neg.end():]
    belief = re.sub(r"\s+necessarily\b", "", belief)
    return Inline(belief.rstrip(".")), _join([claim] + after[:1]) \
        if after and _CORRECTION_LEAD.match(after[0].text) else claim


def _dont(sent: Inline, after: list[Inline]) -> Pair | None:
    """"Do not think of GDP as an exact measure. It is better used as ..." -> "GDP is an
    exact measure", corrected by the sentence and the one after it."""
    m = _DONT.match(_lead_off(sent).text.rstrip(" .!"))
    if m is None:
        return None
    subject, what = m.group(1), m.group(2)
    verb = "are" if _plural(subject) else "is"
    return Inline(f"{subject} {verb} {what}"), _join([sent] + after[:1])


def _not_to_say(sent: Inline, after: list[Inline]) -> Pair | None:
    """"That is not to say that experts cannot be great teachers! Because ..., they ...":
    the myth is what is not to be said, the sentences after it correct it."""
    m = _NOT_TO_SAY.match(sent.text)
    if m is None or not after:
        return None
    return sent.slice(m.end()).strip(" .!"), _join(after)


def _bare_is(text: str, m: re.Match) -> bool:
    """"A common misconception is X" names a myth; "misconceptions is the most useful type"
    or "the tool for finding misconceptions is a quiz" only talks about them."""
    if not m.group(0).rstrip().lower().endswith(" is") \
            or re.match(r"to\s+" + _BELIEF_VERBS + r"\b", text[m.end():], re.I):
        return False
    word = text[m.start():m.end()].split()[0].lower()
    if word.endswith("s") and not word.endswith("ss"):
        return True
    return not _INTRODUCED.search(text[:m.start()]) or bool(_ABOUT.match(text, m.end()))


def _split(sent: Inline, start: int, nxt: Inline | None, whole: bool = False) -> Pair | None:
    """The myth from ``start`` (from the sentence's start with ``whole``) to the sentence's
    contrast, the reframe after it; else the next sentence."""
    rest = sent.text[start:]
    cut = _CONTRAST.search(rest)
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
    m = _CORRECTION_LEAD.match(inline.text)
    if m:
        inline = inline.slice(m.end())
    end = re.search(r"[.!?][”\"’')]*\n", inline.text)
    return inline.slice(0, end.end() - 1) if end else inline


def _lead_off(inline: Inline) -> Inline:
    m = _LEAD.match(inline.text)
    return inline.slice(m.end()) if m else inline


_AS = re.compile(r"(?:^|\bto\s+)(?:think\s+of|view|regard|see|picture|treat|imagine)\s+(.+?)\s+"
                 r"as\s+(?!well\b|much\b|many\b|soon\b|long\b|if\b|though\b)(.+)$", re.I)
_THINK = re.compile(r"^(?:to\s+)?(?:think|assume|believe|imagine|suppose)\s+(?:that\s+)?|^to\s+",
                    re.I)


def _as_belief(inline: Inline) -> Inline:
    """What is believed: "(It is common) to think of a novice as an empty vessel" -> "a
    novice is an empty vessel", "to assume that X" -> "X"; other beliefs as written."""
    m = _AS.search(inline.text)
    if m is not None and (m.start() == 0 or _COMMON.search(inline.text)
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
