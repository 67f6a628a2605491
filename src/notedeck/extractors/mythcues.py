"""The words of myths in prose, for mythprose.py: how a note marks a belief as held by
others or named a myth, how it opens a correction, and the cheap looks taken first.

Every pattern is linear (no nested quantifiers), because notes can be hostile.
"""
from __future__ import annotations

import re

# ---- named beliefs -----------------------------------------------------------------------

BELIEF_VERBS = (r"(?:think|picture|see|treat|assume|believe|imagine|view|regard|read|confuse|"
                 r"equate)")
NAMED = re.compile(
    r"\b(?:misconception|myth|misunderstanding|misreading|misperception|mistaken belief|"
    r"mistaken view|mistaken idea|false belief|common belief|popular belief|widespread belief|"
    r"common assumption|mistake|fallacy)s?\s+(?:is\s+that\s+|is\s+(?=to\s+" + BELIEF_VERBS
    + r"\b)|holds\s+that\s+|says\s+that\s+|treats\s+|assumes\s+|suggests\s+that\s+|is\s+)",
    re.I)
# "These findings challenge the common view that X and indicate that Y"
CHALLENGED = re.compile(r"\b(?:challenge|contradict|refute|overturn|dispel|debunk|undermine|"
                         r"question)(?:s|d|ed)?\s+the\s+(?:(?:common|popular|widespread|"
                         r"traditional|conventional|prevailing|long-held|old|received|standard)\s+)"
                         r"(?:view|belief|idea|notion|assumption|wisdom|claim|account|picture)\s+"
                         r"that\s+", re.I)
# "This account has been challenged by studies suggesting that X": the account, then X
CHALLENGED_BY = re.compile(r"\b(?:has|have|had)\s+(?:since\s+|also\s+)?been\s+(?:challenged|"
                           r"questioned|disputed|contradicted|refuted|overturned)\s+by\s+"
                           r"[^.;]{0,120}?\b(?:suggesting|showing|indicating|demonstrating|"
                           r"revealing)\s+that\s+", re.I)
SHOWING = re.compile(r",?\s+and\s+(?:\w+\s+)?(?:indicate|show|suggest|demonstrate|reveal|find)s?"
                      r"\s+that,?\s+", re.I)
MYTH_THAT = re.compile(r"^(?:it is|it's|it’s) (?:a )?(?:common |popular )?(?:myth|misconception)"
                        r" that\s+", re.I)
CONTRARY = re.compile(r"^contrary to (?:(?:the )?(?:popular|common|widespread|general) "
                       r"(?:belief|opinion|wisdom|view|perception|assumption)|(?:the|its) name|"
                       r"what (?:many|most|some) (?:people )?(?:think|believe|assume)),?\s+", re.I)
# "often (erroneously) suggested", "wrongly believed", "used (incorrectly) for"
WRONGLY = re.compile(r"\(?\b(?:erroneously|wrongly|mistakenly|incorrectly|falsely)\b\)?", re.I)
SAY_VERB = re.compile(r"\b(?:said|suggested|believed|thought|assumed|claimed|described|called|"
                       r"labell?ed|used|referred|attributed|considered|regarded|seen|viewed|"
                       r"cited|reported|taught|blamed|credited|named|portrayed|equated|treated|"
                       r"interpreted|understood|identified|presented|advised|recommended)\b",
                       re.I)
CONFLATED = re.compile(r"\b(?:is|are)\s+(?:sometimes|often|frequently|commonly|easily)\s+"
                        r"(?:conflated|confused|equated|mistaken|lumped)\s+(?:with|for)\s", re.I)
# Weaker than "conflated": a myth only when the sentence itself says it is wrong.
TREATED = re.compile(r"\b(?:is|are)\s+(?:sometimes|often|frequently|commonly|widely)\s+"
                      r"(?:treated|seen|taken|regarded|viewed|read|described)\s+as\s", re.I)

# ---- held beliefs ------------------------------------------------------------------------

ADVERBS = (r"(?:often|also|commonly|widely|generally|sometimes|frequently|once|long|still|"
            r"traditionally|popularly|usually|typically|previously|historically|mistakenly|"
            r"wrongly|originally|initially)")
# "It is often thought that X": the myth is X
THOUGHT = re.compile(r"\b(?:it|this)\s+(?:is|was|has\s+been|had\s+been|'s|’s)\s+(?:" + ADVERBS
                      + r"\s+){0,2}(?:said|thought|believed|assumed|claimed|held|suggested|"
                      r"supposed|argued|taught|presumed|imagined)\s+that\s+", re.I)
# "Some assume X", "Many people believe that X", "Students often think X": the myth is X
PEOPLE = re.compile(
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
PASSIVE = re.compile(r"\b(?:is|are|was|were)\s+(?:widely|commonly|popularly|often|frequently|"
                      r"still)\s+(?:believed|thought|assumed|said|claimed|blamed|credited|ascribed|attributed|"
                      r"perceived|portrayed)\s+(?:to|as|for|that|with)\b", re.I)
# "The idea that X is a myth": X
IDEA = re.compile(r"^(?:the\s+)?(?:(?:popular|common|widespread|old)\s+)?(?:idea|belief|notion|"
                   r"claim|view|assumption|saying)\s+that\s+(.+?)\s+(?:is|was)\s+(?:(?:simply|"
                   r"just|largely)\s+)?(?:a\s+)?(?:(?:common|popular|persistent)\s+)?(?:myth|"
                   r"misconception|false|wrong|mistaken|untrue|incorrect|fallacy|misleading)\b",
                   re.I)
IT_SEEMS = re.compile(r"^(?:(?:while|although|though|even though),?\s+)?it\s+(?:might|may|could|"
                       r"would)\s+(?:at\s+first\s+)?(?:seem|appear)\s+(?:that|as\s+if|as\s+though)\s+",
                       re.I)
SUBORDINATE = re.compile(r"^(?:while|although|though|even though|whereas)\b", re.I)
# "It's tempting to use X", "It is common to think of X as Y": the whole sentence
# ("It is easy to see that X", "It is common to see patients with X" state facts.)
COMMON = re.compile(r"\bit\s*(?:is|was|'s|’s)\s+(?:(?:very|quite|so|all too|too|fairly)\s+)?"
                     r"(?:(?:common|tempting|natural|popular|usual|customary|intuitive)\s+to\s+"
                     r"(?:(?:try|want)\s+to\s+)?(?:think|assume|believe|try|use|view|imagine|"
                     r"treat|regard|picture|equate|confuse|suppose|conclude|blame)|easy\s+to\s+"
                     r"(?:think|assume|believe|imagine|confuse|mistake))\b", re.I)
# "There are many speed-reading methods that claim to improve reading": the whole sentence
CLAIMS = re.compile(r"\b(?:many|some|most|several)\s+(?:[\w-]+\s+){0,3}?(?:that|which|who)\s+"
                     r"claims?\s+(?:to|that)\b", re.I)
# "X might seem like a bad idea at first, but Y"
SEEMS = re.compile(r"\b(?:might|may|could|would)\s+(?:at\s+first\s+)?(?:seem|appear)\b", re.I)
DONT = re.compile(r"^(?:do\s+not|don't|don’t|never)\s+(?:think\s+of|view|regard|see|treat|"
                   r"picture)\s+(.+?)\s+as\s+(?!well\b|much\b|many\b|soon\b|long\b)(.+)$", re.I)
# "Don't confuse X with Y": study notes warn of a mix-up this way; the warning is the myth
CONFUSE = re.compile(r"^(?:do\s+not|don't|don’t|never)\s+(?:confuse|mix\s+up)\s+\S.{0,200}?\s+"
                     r"(?:with|and)\s+\S", re.I)
# "X is not Y. Instead, it is Z.": the claim denied, then what is so ("Rather, ...")
ISNT = re.compile(r"\b(is|are|was|were)\s+not\b|\b(it's|it’s|that's|that’s)\s+not\b|"
                  r"\b(isn't|aren't|wasn't|weren't|isn’t|aren’t|wasn’t|weren’t)\b", re.I)
INSTEAD = ("instead, ", "rather, ")
NOT_TO_SAY = re.compile(r"^(?:(?:but|however|and|yet),?\s+)?(?:that|this|it)\s+(?:is\s+not|"
                         r"isn't|isn’t|does\s+not|doesn't|doesn’t)\s+(?:to\s+say|mean)\s+"
                         r"(?:that\s+)?", re.I)

# "The capital looks like a P, but it is actually an R", "I was sure it was slang, but it is
# in fact Greek": how a thing looks or what one was sure of, overturned in the same sentence
APPEARS = re.compile(r"\b(?:looks?|sounds?|seems?)\s+(?:\w+\s+)?like\b|\b(?:was|were)\s+"
                     r"(?:so\s+)?(?:certain|sure|convinced)\b", re.I)
BUT_ACTUALLY = re.compile(r", but\s+(?:[^,.;]{0,40},\s+)?(?:it|they|this|that|he|she)?\s*"
                          r"(?:is\s+|are\s+|was\s+|were\s+)?(?:actually|in fact|in reality)\b",
                          re.I)
ACTUALLY = ("actually", "in fact", "in reality")     # BUT_ACTUALLY's cheap look, after ", but"

# ---- corrections -------------------------------------------------------------------------

CONTRAST = re.compile(r",\s+(?:when|whereas|even though|although|but|while in fact|yet|"
                       r"when in fact|when actually)\s+|,?\s+(?:the\s+(?:reality|truth|fact)\s+"
                       r"is|in\s+(?:fact|reality|truth))(?:\s+that)?[,:]?\s+|;\s+")
DENIAL = (r"(?:(?:this|that|it)(?:\s+is|'s|’s)\s+(?:simply\s+|just\s+|absolutely\s+)?(?:not\s+"
           r"(?:\w+\s+)?(?:true|so|the case|correct|accurate)|false|untrue|wrong|incorrect|a myth|"
           r"a misconception|an? oversimplification|misleading|mistaken)\b)")
CORRECTS = re.compile(r"^(?:in fact|actually|in reality|in truth|on the contrary|not so|"
                       r"the (?:reality|truth|fact) is|" + DENIAL + r")\b", re.I)
# "However, ..." may only add to what was said ("However, its other roles are rarely
# studied"): it corrects when it says something is not so.
MAYBE_CORRECTS = re.compile(r"^(?:however|but|yet|unfortunately|rather|instead|in practice)\b",
                             re.I)
IN_FACT = re.compile(r"\b(?:actually|in fact|in reality|misnomer)\b", re.I)
REFERENT = re.compile(r"^(?:this|that|such an?|these|those)\s+(?:\w+\s+)?(?:view|belief|idea|"
                       r"assumption|notion|claim|analogy|approach|thinking|perception|intuition|"
                       r"picture|reasoning|argument|expectation|impression)s?\b", re.I)
FAULT = re.compile(r"n't\b|n’t\b|\b(?:not|no|never|cannot|neither|nor|only|fails?|ignores?|overlooks?|misses|neglects?|wrong|mistaken|"
                    r"misleading|inaccura\w*|false|flawed|oversimplif\w*|untrue|incorrect|"
                    r"myth|misconception)\b", re.I)
DENIES = re.compile(r"^(?:(?:but|and|yet|however),?\s+)?" + DENIAL + r"\s*[.!]", re.I)
CORRECTION_LEAD = re.compile(r"^(?:(?:while|when|but)\s+in\s+fact|in fact|actually|in reality|"
                              r"in truth|rather|instead|however|but|the (?:reality|truth|fact) is"
                              r"(?: that)?)\b[,:]?\s*", re.I)
LEAD = re.compile(r"^(?:(?:while|although|though|whereas|even though|as (?:noted|mentioned|"
                   r"discussed|seen|explained|described) (?:earlier|above|before)|however|also|finally|"
                   r"similarly|likewise|relatedly|moreover|and|but|so|yet|often|of course|"
                   r"note that),?\s+)+", re.I)
# A belief cut to its content that opens with a pronoun keeps who holds it: "Many people
# believe that they can multi-task", not "They can multi-task".
PRONOUN = re.compile(r"^(?:they|we|you|he|she|it|this|these|those|their|our)\b", re.I)
EXAMPLE = re.compile(r"^(?:for example|for instance|e\.g\.|as an example)\b", re.I)
INTRODUCED = re.compile(r"\b(?:a|an|the|one|another|common|popular|frequent|widespread|"
                         r"biggest|big|first|second|third|major|persistent|classic|old)\s+$", re.I)
ABOUT = re.compile(r"(?:the most|at least|one of|associated|related|often|usually|the (?:best|"
                    r"multiple|first|main))\b", re.I)
NEGATION = re.compile(r"\b(is|are|was|were|does|do|can|will)\s+not\b|\b(isn’t|isn't|aren’t|"
                       r"aren't|doesn’t|doesn't|don’t|don't)\b", re.I)
POSITIVE = {"isn't": "is", "aren't": "are", "doesn't": "does", "don't": "do"}
# The words every belief above needs, on lowered text (case-sensitive: an re.I alternation
# is several times slower in CPython): a paragraph, then each sentence, is looked at this
# way before any pattern is tried.
ANY_CUE = re.compile(r"misconception|myth|misunderstand|misread|mispercept|mistake|belief|"
                      r"assum|believ|think|thought|claim|imagin|suppos|worr|fear|insist|argue|"
                      r"fallacy|conflated|confuse|equated|lumped|contrary|erroneous|wrongly|disputed|"
                      r"incorrectly|falsely|said|held that|taught that|presumed that|to mean|"
                      r"(?:treated|seen|taken|regarded|viewed|read|described) as|blamed|credited|"
                      r"ascribed|attributed|"
                      r"perceived|portrayed|tempting|(?:common|natural|popular|usual|customary|"
                      r"intuitive|easy) to|(?:might|may|could|would)(?: at first)? (?:seem|appear"
                      r"|expect|object)|(?:concerned|worried|sure|certain|convinced|afraid) that|"
                      r"(?:idea|notion|view|account|wisdom|saying|picture) that|(?:not|n't|n’t|"
                      r"never) (?:think|view|regard|see|treat|picture)|not to say|(?:not|n't|n’t) "
                      r"mean|challenge|contradict|refute|overturn|dispel|debunk|undermine|"
                      r"question")
DENY_CUE = re.compile(r"not true|not so|not the case|not correct|not accurate|false|untrue|"
                       r"wrong|incorrect|a myth|misconception|oversimplification|misleading|"
                       r"mistaken")
# A paragraph's first look: plain substrings (str.find is several times faster than one
# regex alternation of them), broader than the two patterns above.
STEMS = ("misconception", "myth", "misunderstand", "misread", "mispercept", "mistake", "belief",
          "assum", "believ", "think", "thought", "claim", "imagin", "suppos", "worr", "fear",
          "insist", "argue", "fallacy", "conflated", "confuse", "equated", "lumped", "disputed",
          "contrary", "erroneous", "wrongly", "incorrect", "falsely", "said", "held that",
          "taught that", "presumed that", "to mean", "d as ", "n as ", "blamed", "credited",
          "ascribed", "attributed",
          "perceived", "portrayed", "tempting", "common to", "natural to", "popular to",
          "usual to", "customary to", "intuitive to", "easy to", "seem", "appear", "expect",
          "object", "ed that", "re that", "id that", "ea that", "on that", "ew that", "in that",
          "nt that", "om that", "ng that", "view", "regard", "see", "treat", "picture",
          "not to say", "mean", "not true", "not so", "not the case", "not correct",
          "not accurate", "false", "true", "wrong", "oversimplification", "misleading",
          "challenge", "contradict", "refute", "overturn", "dispel", "debunk", "undermine",
          "question")
MAX_SENTENCE = 600      # a longer "sentence" is a transcript or a list run together
