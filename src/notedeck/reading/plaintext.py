"""Plain text -> Markdown source, so both note shapes share one parser and one model.

Plain notes (saved web pages, research notes typed without markup) mark structure by
layout only: bare short lines are headings, ``•``/``-``/``*`` lines are bullets at any
indentation, ``1.`` lines are items or numbered sub-headings, ``|`` lines are tables and
every other line is a paragraph. We rewrite each line as the Markdown it means, escaping
everything else, and return a map from output line to source line so every card still
knows the line of the file it came from.
"""
from __future__ import annotations

import re

from .obsidian import link_words

# Bullets, and the "o" and "□" that PDF and text-browser exports make of sub-bullets.
_BULLET = re.compile(r"^(\s*)(?:[•·▪◦●‣∙*+\-–□]|o(?=\s+[A-Z(“\"]))"
                     r"(?:\s+)(\S.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(\S.*)$")
_TABLE = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SECTION_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})+\.?\s+\S")     # "2.1.3. Title"
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.I)
_RULE = re.compile(r"^\s*(?:([━─═_=~*·•-])(?:\s*\1){2,}|[•·▪◦●‣∙□])\s*$")
# The link a wiki puts after each section heading, saved with the page's text (MediaWiki's
# "[edit]" / "[edit source]"; every Wikipedia page saved or copied as text has them).
_EDIT_LINK = re.compile(r"\s*\[edit(?: source)?\]$")
_TITLE_LINE = re.compile(r"^(={1,6})[ \t]+([^\W\d][^=+*/^]{0,80}?)(?:[ \t]+=+)?[ \t]*$")
# A line that is only an attribute in braces ("{parent=Optics}", "{c}", "{toc}"): the markup
# of a docs tool (OurBigBook, AsciiDoc-like sources, Liquid), never text to study.
_ATTRIBUTE_LINE = re.compile(r"^\{[A-Za-z][\w-]*(?:=[^{}\n]*)?\}\s*$")
# The number of a question in an FAQ ("A8)", "Q3.", "2.1)"), as old plain-text FAQs (Usenet,
# GNU programs) number theirs
_QUESTION_NUMBER = re.compile(r"^\s*(?:Q|[A-Z]?\d{1,3}(?:\.\d{1,3})*)[.)]\s+\S")
_QA = re.compile(r"^(Q|A|Question|Answer)\s*[:.]\s", re.I)
_ESCAPE = re.compile(r"([\\`*_\[\]<>&~|#!=$])")
_TERMINAL = ".,;:!…"
# Shared with markdown.py: notedeck's skip markers and the Obsidian syntax both shapes meet.
SKIP_MARKER = re.compile(r"^\s*<!--\s*notedeck:(skip|skip-start|skip-end)\s*-->\s*$", re.I)
HIGHLIGHT = re.compile(r"==(?=\S)([^=\n]+?)(?<=\S)==")
WIKILINK = re.compile(r"\[\[([^\]|\n]+?)(?:\|([^\]\n]+))?\]\]")


def escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _text(line: str) -> str:
    """A plain line as Markdown text: highlights and wikilinks (common in notes pasted from
    Obsidian) read as their words, everything else escaped."""
    line = HIGHLIGHT.sub(r"\1", line)
    line = WIKILINK.sub(wikilink_words, line)
    return escape(line)


def wikilink_words(m: re.Match[str]) -> str:
    """What a reader sees of ``[[target|alias]]``: the alias, else the note's name (and
    heading: ``Note > Heading``), as in Obsidian (obsidian.link_words)."""
    return link_words(m.group(0)[2:-2])


_GLOSSARY_LINE = re.compile(r"^\S.{0,60}?\s[—–]\s\S")
_LABEL_LINE = re.compile(r"^[^:]{1,60}:\s+[a-z“\"(]")
_CITED_END = re.compile(r"[.!?”\"]\s+(?:\d{1,2}|LLM)$")


_ABBR_TITLE = re.compile(r"^([A-Z][A-Za-z]{1,5}):\s+([a-z][\w /-]{2,60})$")


def abbreviates(abbr: str, name: str) -> bool:
    """``Nom`` / ``nominative``, ``Cnd`` / ``conditional``: the letters of ``abbr`` are in
    ``name`` in order, the first one first (a truncation or contraction of it)."""
    abbr, name = abbr.lower(), name.lower()
    if not abbr or not name.startswith(abbr[0]):
        return False
    pos = 1
    for ch in abbr[1:]:
        pos = name.find(ch, pos) + 1
        if not pos:
            return False
    return True


def abbreviation_title(text: str) -> tuple[str, str] | None:
    """``Nom: nominative / direct``: a value's abbreviation and its name, as reference
    pages title each entry; None for any other line."""
    m = _ABBR_TITLE.match(text.strip())
    if m and abbreviates(m.group(1), m.group(2)):
        return m.group(1), m.group(2).strip()
    return None


def is_heading_line(line: str, max_words: int = 12) -> bool:
    text = line.strip()
    if text[-1:] == "?" and len(text) <= 160 and _QUESTION_NUMBER.match(text):
        return True         # "A8) I changed my shell, and now ...  Why not?": an FAQ's question
    if not text or len(text) > 100 or text[-1] in _TERMINAL or _QA.match(text):
        return False
    if abbreviation_title(text):
        return True
    if text[-1] != "?" and re.search(r"[.!?]\s+[A-Z]", re.sub(r"^[\d.]+\s+", "", text)):
        return False        # two sentences ("Liability is well-named. Who is liable?")
    if _GLOSSARY_LINE.match(text) or _LABEL_LINE.match(text) or _CITED_END.search(text):
        return False        # "Term — definition" / "Term: definition" / "... end. 2" are text
    if text.startswith(("“", '"', "(", "©", "—", "-")) or text[0].islower():
        return False
    return len(text.split()) <= max_words


def _next_nonblank(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            return j
    return None


def wrap_width(pairs: list[tuple[str, str]]) -> int:
    """The width a note was hard-wrapped at, from its lines that run on into another line
    (pairs of a line and the next); 0 when it was not: too few such lines, short ones (a
    list of lines), or lines that mostly end where a sentence ends (one item a line)."""
    if len(pairs) < 5:
        return 0
    lengths = sorted(len(a.rstrip()) for a, _ in pairs)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 55 <= width <= 140:
        return 0        # wrap widths are a screen's or a page's; longer lines were not wrapped
    mid_sentence = sum(1 for a, b in pairs if b.lstrip()[:1].islower()
                       or a.rstrip()[-1:] not in ".!?:;\"”")
    near_width = sum(1 for n in lengths if n >= 0.6 * width)
    return width if mid_sentence * 2 >= len(pairs) and near_width * 2 >= len(pairs) else 0


def wraps(before: str, after: str, width: int) -> bool:
    """Whether the break between two lines is a hard wrap: the first word of ``after``
    would not have fitted at the end of ``before``."""
    before = before.rstrip()
    if not width or not before or before[-1] in ":" or not after.strip() \
            or len(before) > width + 2:
        return False        # a line longer than the wrap width was never wrapped
    word = after.split(None, 1)[0]
    if before[-1] == "?" and _QUESTION_NUMBER.match(after):
        return False        # a question ends, the next one starts: an FAQ's list of questions
    if before[-1] in ".!?" and (_GLOSSARY_LINE.match(after.strip())
                                or _LABEL_LINE.match(after.strip())):
        return False        # a sentence ends, a "Term — definition" line starts: a list
    if len(before) + 1 + len(word) > width:
        return True
    # Proportional fonts (PDF exports) wrap short: a long line cut mid-clause goes on.
    return len(before) >= 0.6 * width and before[-1] not in ".!?”\"" \
        and not _BULLET.match(after) and not _NUMBERED.match(after)


def plain_to_markdown(text: str) -> tuple[str, list[int]]:
    """(markdown source, line_map) where line_map[k] is the 0-based input line of output k."""
    lines = text.split("\n")
    width = wrap_width([(a, b) for a, b in zip(lines, lines[1:])
                        if a.strip() and b.strip() and not _BULLET.match(a)
                        and not _TABLE.match(a)])
    out: list[str] = []
    line_map: list[int] = []
    state = "blank"          # what the previous emitted block was: blank/para/list/table/heading
    level = base = 1
    indents: list[int] = []  # bullet indentation stack
    last_item: int | None = None   # number of the last numbered list item
    titled = False

    def emit(s: str, src: int) -> None:
        out.append(s)
        line_map.append(src)

    def blank(src: int) -> None:
        if out and out[-1] != "":
            emit("", src)

    def_indent, skip = 0, -1
    furniture = running_heads(lines)
    narrow = narrow_wraps(lines)
    for i, raw in enumerate(lines):
        if i == skip:
            continue            # written already (a definition's first line)
        line = raw.rstrip().replace("\f", "")
        if line.endswith("]") and "[edit" in line:
            line = _EDIT_LINK.sub("", line)     # "Applications[edit]": a wiki's heading
        if _RULE.match(line) or _PAGE_NUMBER.match(line) or line.strip() in furniture \
                or line[:1] == "{" and _ATTRIBUTE_LINE.match(line):
            line = ""           # a rule of ━━━ or ----, a page number or running head
        titled_as = _TITLE_LINE.match(line) if line[:1] == "=" else None
        if titled_as and (i == 0 or not lines[i - 1].strip()):
            # "== Title" after a blank line: a section title of AsciiDoc (or of a wiki,
            # "== Title =="), whatever it ends with ("= Et al."); not "= 2x + 1" going on
            # the line of a formula above it
            level = min(len(titled_as.group(1)), 4)
            blank(i)
            emit("#" * level + " " + _text(titled_as.group(2)), i)
            state, base, titled = "heading", level, True
            continue
        if not line.strip():
            emit("", i)
            if state in ("para", "heading", "definition"):
                state = "blank"
            continue
        if SKIP_MARKER.match(line):     # notedeck skip markers pass through as HTML comments
            blank(i)
            emit(line.strip(), i)
            emit("", i)
            state = "blank"
            continue
        nxt = _next_nonblank(lines, i)
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        indent = _indent(line)
        if state == "definition":
            if indent >= def_indent and not bullet:
                out[-1] += " " + _text(line.strip())     # the definition goes on
                continue
            state = "blank"
        if state in ("para", "list") and (not bullet or line.lstrip()[:1] in "–—") \
                and not (numbered and state == "list") and not _SECTION_NUMBER.match(line) \
                and _same_block(lines[i - 1], line) and wraps(lines[i - 1], line, width):
            out[-1] += " " + _text(line.strip())     # a hard-wrapped sentence goes on
            continue
        if not bullet and not numbered and _defined_below(line, lines[i + 1:i + 2]):
            # "changeset" over its indented definition: a glossary of a text browser or
            # a man page, written as a Markdown definition list
            blank(i)
            emit(_text(line.strip()), i)
            emit(": " + _text(lines[i + 1].strip()), i + 1)
            def_indent = _indent(lines[i + 1])
            state, skip = "definition", i + 1
            continue

        if not titled and not bullet and not numbered:
            titled = True
            # A title stands apart; a first line with prose right under it is a heading.
            apart = nxt is not None and nxt > i + 1
            if apart and (is_heading_line(line, max_words=20)
                          or len(line) <= 120 and line[-1] in "?)"):
                emit("# " + _text(line.strip()), i)
                state, level, base = "heading", 1, 1
                continue
        titled = True

        if _TABLE.match(line):
            if state != "table":
                blank(i)
                emit(line.strip(), i)
                if nxt is None or not _TABLE_SEP.match(lines[nxt]):
                    cells = line.strip().strip("|").count("|") + 1
                    emit("|" + "---|" * cells, i)
            else:
                emit(line.strip(), i)
            state = "table"
            continue

        # A numbered line that continues a numbered list is an item, whatever follows it.
        in_list = state in ("list", "blank") and last_item is not None \
            and numbered is not None and int(numbered.group(2)) == last_item + 1
        if bullet or (numbered and (in_list or not _numbered_heading(lines, i, nxt))):
            m = bullet or numbered
            indent = len(m.group(1))
            if state != "list":
                blank(i)
                indents = [indent]
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            depth = min(len(indents) - 1, 8)      # deeper nesting reads as level 8
            body = _text(m.group(m.lastindex))
            marker = f"{numbered.group(2)}." if numbered and not bullet else "-"
            emit("    " * depth + f"{marker} {body}", i)
            state = "list"
            last_item = int(numbered.group(2)) if numbered and not bullet else None
            continue

        if line[-1] != "?" and i + 1 < len(lines) and lines[i + 1].rstrip().endswith("?") \
                and _indent(lines[i + 1]) > _indent(line) and _QUESTION_NUMBER.match(line):
            # "A8) I changed my shell, and now I can't FTP into my" / "   machine.  Why
            # not?": an FAQ's question wrapped under its number, one line of it
            line, skip = line + " " + lines[i + 1].strip(), i + 1
            nxt = _next_nonblank(lines, i + 1)
        last = next((x for x in reversed(out[-3:]) if x.strip()), "")
        # the line under "1. What is X?" (a quiz's question; "- Neural plasticity?", a
        # bullet's doubt, leaves the line after it free to be a heading)
        answers = state == "list" and "?" in last[-40:] and last.lstrip()[:1].isdigit()
        continues = answers or nxt is not None and nxt == i + 1 and (
            lines[nxt].strip()[:1].islower() and not _entry_line(lines[nxt])
            or width and len(line) >= 0.85 * width      # a wrapped paragraph's first line
            and not (line[-1] == "?" and _QUESTION_NUMBER.match(line)))
        if numbered or is_heading_line(line) and nxt is not None and not continues \
                and not (state == "para" and out and out[-1][-1:] in ",;"):
            if numbered:   # numbered sub-headings sit one level under the last heading
                level = min(base + 1, 4)
                state = "numhead"
            else:          # a heading right under a heading is its sub-heading
                level = min(level + 1, 4) if state == "heading" else 2
                base, state = level, "heading"
            blank(i)
            emit("#" * level + " " + _text(line.strip()), i)
            continue

        # A paragraph line: joins the previous one only when that one was cut mid-sentence.
        prev = out[-1] if out else ""
        joins = state in ("para", "list") and prev and prev[-1] not in ".!?:”\"" \
            and line.strip()[:1].islower() \
            and not (_entry_line(line) and _entry_line(lines[i - 1]))
        if joins and (width and state == "para" or len(lines[i - 1].strip()) >= 50
                      or i in narrow or len(lines[i - 1].split()) >= 4):
            # (a list item's line cut mid-sentence goes on too: "1. Extraversion – how
            # talkative ... and" / "seek it out actively.")
            # wrapped text (or a long line cut mid-sentence): the sentence goes on; short
            # lowercase lines stay lines ("beans" / "peas" / "clover")
            out[-1] += " " + _text(line.strip())
            continue
        if not joins:
            blank(i)
        emit(_text(line.strip()), i)
        state = "para"
    return "\n".join(out), line_map


def narrow_wraps(lines: list[str]) -> set[int]:
    """Lines that go on the line before them in a block wrapped narrow (a slide's text box,
    a column: "Like a museum has" / "many rooms and" / "artifacts, there are a"): in a
    block of three or more lines, most of them cut mid-sentence and a few words long each.
    The whole note's wrap width misses them, being set by its longer lines."""
    out: set[int] = set()
    start = 0
    for end in range(len(lines) + 1):
        if end < len(lines) and lines[end].strip():
            continue
        block = range(start, end)
        if len(block) >= 3:
            cuts = [i for i in block[1:] if lines[i].lstrip()[:1].islower()
                    and lines[i - 1].rstrip()[-1:] not in ".!?:;\"”"]
            words = sum(len(lines[i].split()) for i in block) / len(block)
            if len(cuts) * 2 >= len(block) - 1 and words >= 2.5:
                out.update(cuts)
        start = end + 1
    return out


def running_heads(lines: list[str]) -> set[str]:
    """Short lines repeated on every page of an exported document ("BU 231 Course Notes"):
    a page's head or foot, not the text. Only in documents with pages (form feeds)."""
    if sum(1 for x in lines if "\f" in x) < 2:
        return set()
    counts: dict[str, int] = {}
    for x in lines:
        text = x.replace("\f", "").strip()
        if text and len(text.split()) <= 8:
            counts[text] = counts.get(text, 0) + 1
    return {text for text, n in counts.items() if n >= 3}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _same_block(before: str, after: str) -> bool:
    """A wrapped line keeps its paragraph's indentation; a deeper one goes on only a
    sentence cut mid-way ("... then docker will" / "    treat that as ...")."""
    if _indent(after) == _indent(before):
        return True
    item = _BULLET.match(before) or _NUMBERED.match(before)
    if item and _indent(after) == item.start(item.lastindex):
        return True         # a list item's hanging indent: "1. Blood is ... the red" / "& white"
    return _indent(after) > _indent(before) and after.strip()[:1].islower() \
        and before.rstrip()[-1:].isalnum()


_ENTRY = re.compile(r"^\s*[^\s=][^=]{0,40}?\s=\s+\S")


def _entry_line(line: str) -> bool:
    """``ĝardeno = Ita. giardino, Eng. garden``: a word list's entry, one a line (word lists
    and vocabularies in plain text write ``word = gloss`` lines under each other, the
    headwords in lowercase: none of them goes on the line before)."""
    return " =" in line and _ENTRY.match(line) is not None


def _defined_below(line: str, following: list[str]) -> bool:
    """A short name alone on its line with its definition indented under it."""
    if not following or not following[0].strip() or _BULLET.match(following[0]):
        return False
    text = line.strip()
    words = text.split()
    # (deeper by two columns, or by one under an indented name: a reST glossary's tab
    # reads as four spaces under a name indented by three)
    if not words or len(words) > 5 or text[-1] in ".:;,!?" \
            or _indent(following[0]) < _indent(line) + (1 if _indent(line) >= 2 else 2):
        return False
    if re.search(r"[(){};=<>]", text) or re.search(r"\S {2,}\S", text):
        return False        # code ("CREATE TABLE person ("), a table's row ("AB   A & B")
    starts = {m.start() for m in re.finditer(r"(?<=\s)\S", line)}
    if _indent(following[0]) in starts:
        return False        # "Component   Properties" over its column: a table's rows
    return not re.search(r"\b(?:is|are|was|were|has|have)\b", text)


def _numbered_heading(lines: list[str], i: int, nxt: int | None) -> bool:
    """``1. The Mind`` on its own, then a blank line and prose: a numbered sub-heading."""
    m = _NUMBERED.match(lines[i])
    if m is None or nxt is None or nxt == i + 1 or m.group(1):
        return False
    if not is_heading_line(m.group(3), max_words=8):
        return False
    return not (_NUMBERED.match(lines[nxt]) or _BULLET.match(lines[nxt]))
