"""myth: a misconception and its correction (the reframe).

Forms: tables headed Myth | Reframe (and the synonyms people use), ``Myth:`` lines followed
by ``Reframe:``/``Truth:``/``Fact:``/``Reality:`` lines, and prose: "A frequent
misconception is that X. It is more accurately Y.", "Some assume X; in fact Y.",
"X is sometimes conflated with Y; Z.", "It is a myth that X. Y.".
"""
from __future__ import annotations

import re

from ..reading.document import Document, Inline, ListBlock, Paragraph, Table
from .base import Extractor, walk_blocks
from .mythlabels import labelled_pairs, myth_bullets, myth_callouts, myth_card, myth_headings
from .text import normalize_key, sentences

MYTH_HEADERS = {"myth", "myths", "misconception", "misconceptions", "misunderstanding",
                "misunderstandings", "false belief", "common belief", "belief", "assumption",
                "what people think", "myth or misconception", "common myth", "the myth"}
TRUTH_HEADERS = {"reframe", "reframes", "reality", "fact", "facts", "truth", "correction",
                 "what s true", "actually", "evidence", "the truth", "the reality",
                 "what research shows", "better framing", "reframed"}
_TRIGGER = re.compile(
    r"\b(?:misconception|myth|misunderstanding|misreading|misperception|mistaken belief|"
    r"mistaken view|mistaken idea|false belief|common belief|popular belief|widespread belief|"
    r"common assumption|mistake)s?\s+(?:is\s+(?:that|to\s+(?:think|picture|see|treat|assume|"
    r"believe|imagine|view|regard|read))|holds\s+that|says\s+that|treats|assumes|"
    r"suggests\s+that|is)\s+", re.I)
_ASSUME = re.compile(r"\b(?:some|many|people|others|clients|students|readers|it is often|often)"
                     r"\s+(?:\w+\s+){0,2}?(?:assume|believe|think|claim|imagine)s?\s+(?:that\s+)?"
                     r"|\b(?:some|many|people|others|clients|students|readers)\s+(?:\w+\s+)?"
                     r"(?:take|read|understand)s?\s+.{3,80}?\s+to\s+mean\s+(?:that\s+)?", re.I)
_CONFLATED = re.compile(r"\b(?:is|are)\s+(?:sometimes|often|frequently|commonly|easily)\s+"
                        r"(?:conflated|confused|equated|mistaken|lumped)\s+(?:with|for)\s", re.I)
# Weaker than "conflated": a myth only when the sentence itself says it is wrong.
_TREATED = re.compile(r"\b(?:is|are)\s+(?:sometimes|often|frequently|commonly|widely)\s+"
                      r"(?:treated|seen|taken|regarded|viewed|read|described)\s+as\s", re.I)
_BUT = re.compile(r",\s+(?:when|whereas|even though|although|but|while in fact|yet)\s+")
_SAID = re.compile(r"\b(?:it is|it's|it’s|people|many|some)\s+(?:often|commonly|widely|sometimes)?\s*"
                   r"(?:said|claimed|believed|assumed|thought|say|claim|believe|assume|think)\s+"
                   r"that\s+", re.I)
_MYTH_THAT = re.compile(r"^(?:it is|it's|it’s) (?:a )?(?:myth|misconception) that\s+", re.I)
_CONTRARY = re.compile(r"^contrary to (?:popular|common|widespread) (?:belief|opinion|wisdom),?\s+",
                       re.I)
_NEGATION = re.compile(r"\b(is|are|was|were|does|do|can|will)\s+not\b|\b(isn’t|isn't|aren’t|"
                       r"aren't|doesn’t|doesn't|don’t|don't)\b", re.I)
_CORRECTION = re.compile(r"^(?:in fact|actually|in reality|in truth|rather|instead|however|but)"
                         r"\b[,:]?\s*", re.I)


def _from_table(doc, section, table: Table):
    header = [normalize_key(h.text) for h in table.header]
    if len(header) < 2:
        return
    mi = next((i for i, h in enumerate(header) if h in MYTH_HEADERS), None)
    ti = next((i for i, h in enumerate(header) if h in TRUTH_HEADERS), None)
    if mi is None or ti is None:
        return
    lines = table.row_lines or (table.line,) * len(table.rows)
    for row, line in zip(table.rows, lines):
        if len(row) > max(mi, ti):
            yield myth_card(doc, section, row[mi], row[ti], line, "myth-table", 0.95)


# Case-sensitive on lowered text: an re.I alternation is several times slower in CPython.
_ANY_CUE = re.compile(r"misconception|myth|misunderstand|misread|mispercept|mistake|belief|"
                     r"assum|believe|think|claim|imagine|conflated|confused|equated|lumped|"
                     r"contrary|said that|thought that|to mean|treated as|seen as|taken as|"
                     r"regarded as|viewed as")


def _prose(doc, section, inline: Inline, line: int):
    text = inline.text
    if not _ANY_CUE.search(text.lower()):
        return      # one cheap look before splitting sentences and trying every pattern
    spans = sentences(text)
    for n, (a, b) in enumerate(spans):
        sent = inline.slice(a, b)
        after = [inline.slice(*span) for span in spans[n + 1:n + 3]]
        if len(after) == 2 and _EXAMPLE.match(after[0].text):
            after = after[1:]       # "For example, ..." illustrates; the correction follows
        nxt = after[0] if after else None
        found = _prose_pair(sent, nxt)
        if found:
            yield myth_card(doc, section, found[0], found[1], line, "myth-prose", 0.8)


_EXAMPLE = re.compile(r"^(?:for example|for instance|e\.g\.|as an example)\b", re.I)


def _split_semicolon(sent: Inline, start: int, nxt: Inline | None):
    rest = sent.text[start:]
    but = _BUT.search(rest)
    if but and ("; " not in rest or but.start() < rest.index("; ")):
        return sent.slice(start, start + but.start()), \
            _strip_correction(sent.slice(start + but.end()))
    if "; " in rest:
        cut = start + rest.index("; ")
        return sent.slice(start, cut), _strip_correction(sent.slice(cut + 2))
    if nxt is not None:
        return sent.slice(start), _strip_correction(nxt)
    return None


def _strip_correction(inline: Inline) -> Inline:
    m = _CORRECTION.match(inline.text)
    return inline.slice(m.end()) if m else inline


def _contrary(sent: Inline):
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
        belief = first[:neg.start()] + {"isn't": "is", "aren't": "are", "doesn't": "does",
                                        "don't": "do"}[word.lower()] + first[neg.end():]
    return Inline(belief.rstrip(".")), claim


_INTRODUCED = re.compile(r"\b(?:a|an|the|one|another|common|popular|frequent|widespread|"
                         r"biggest|big|first|second|third|major|persistent|classic|old)\s+$", re.I)
_ABOUT = re.compile(r"(?:the most|at least|one of|associated|related|often|usually|the (?:best|"
                    r"multiple|first|main))\b", re.I)


def _bare_is(text: str, m: re.Match) -> bool:
    """"A common misconception is X" names a myth; "misconceptions is the most useful type"
    or "the tool for finding misconceptions is a quiz" only talks about them."""
    if not m.group(0).rstrip().lower().endswith(" is"):
        return False
    word = text[m.start():m.end()].split()[0].lower()
    if word.endswith("s") and not word.endswith("ss"):
        return True
    return not _INTRODUCED.search(text[:m.start()]) or bool(_ABOUT.match(text, m.end()))


def _prose_pair(sent: Inline, nxt: Inline | None):
    text = sent.text
    found = _contrary(sent)
    if found:
        return found
    m = _MYTH_THAT.match(text) or _TRIGGER.search(text)
    if m and not _bare_is(text, m):
        return _split_semicolon(sent, m.end(), nxt)
    m = _ASSUME.search(text)
    if m and ("; " in text[m.end():] or nxt is not None and _CORRECTION.match(nxt.text)):
        return _split_semicolon(sent, m.end(), nxt)
    m = _SAID.search(text)
    if m and ", but " in text[m.end():]:       # "It is often said that X, but Y."
        cut = m.end() + text[m.end():].index(", but ")
        return sent.slice(m.end(), cut), sent.slice(cut + 6)
    if m and "; " in text[m.end():]:           # "It is often assumed that X; however, Y."
        return _split_semicolon(sent, m.end(), None)
    m = _TREATED.search(text)
    if m and _BUT.search(text, m.end()):     # "X is sometimes treated as Y, even though Z"
        lead = re.match(r"^(?:finally|also|similarly|relatedly|likewise|often),?\s+", text, re.I)
        cut = _BUT.search(text, m.end())
        return sent.slice(lead.end() if lead else 0, cut.start()), \
            _strip_correction(sent.slice(cut.end()))
    m = _CONFLATED.search(text)
    if m:
        lead = re.match(r"^(?:finally|also|similarly|relatedly|likewise|often),?\s+", text, re.I)
        start = lead.end() if lead else 0
        rest = text[m.end():]
        if "; " in rest:
            cut = m.end() + rest.index("; ")
            return sent.slice(start, cut), _strip_correction(sent.slice(cut + 2))
        if nxt is not None:
            return sent.slice(start), _strip_correction(nxt)
    return None


def extract(doc: Document):
    for section in doc.sections:
        pieces: list[tuple[Inline, int]] = []
        for block in walk_blocks(section.blocks):
            if isinstance(block, Table):
                yield from filter(None, _from_table(doc, section, block))
            elif isinstance(block, Paragraph):
                lines = block.text.text.split("\n")
                offset = 0
                for part in lines:
                    pieces.append((block.text.slice(offset, offset + len(part)), block.line))
                    offset += len(part) + 1
                yield from filter(None, _prose(doc, section, block.text, block.line))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    pieces.append((item.text, item.line))
                    yield from filter(None, _prose(doc, section, item.text, item.line))
        yield from filter(None, labelled_pairs(doc, section, pieces))
    yield from filter(None, myth_headings(doc))
    yield from filter(None, myth_bullets(doc))
    yield from filter(None, myth_callouts(doc))


EXTRACTOR = Extractor("myth", "myth", extract)
