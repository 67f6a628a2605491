"""Foreign note syntaxes rewritten as the Markdown the parser knows, line for line.

Notes come from many tools: MkDocs admonitions (``??? question "Title"`` over an indented
body), AsciiDoc definition lists (``Term::`` over an indented body), MyST glossaries and
roles (a ``{glossary}`` fence, ``{term}`aquifer```), kramdown and Pandoc attribute lists
(``**heat**{: #id}``, ``[term]{#anchor}``), HTML ``<dt>``/``<dd>`` lines and ``<div>``
wrappers (which CommonMark reads as one HTML block, hiding the text inside), inline
MathML. Each is rewritten as its Markdown counterpart (a callout, a definition list, the
plain words) without adding or removing a line, so every card keeps its source line.
"""
from __future__ import annotations

import re

# MkDocs / Material admonitions: "!!! note", "??? question "Title"", "???+ tip 'Title'".
_ADMONITION = re.compile(r"^(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+(?:\"([^\n]*)\"|'([^\n]*)'))?\s*$")
_INDENTED = re.compile(r"^(?:\t| {4})")
# AsciiDoc "Term::" alone on its line (a one-line "Field:: value" is an inline field).
_ASCIIDOC_TERM = re.compile(r"^(\S[^\n]*?)::\s*$")
_ASCIIDOC_ANCHOR = re.compile(r"^\[\[[\w.:-]+\]\]\s*$")
_GLOSSARY_FENCE = re.compile(r"^(`{3,}|~{3,})\s*\{glossary\}\s*$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_MYST_ROLE = re.compile(r"\{[\w:-]+\}`([^`<\n]*?)\s*(?:<[^`>\n]*>)?`")
_MYST_LABEL = re.compile(r"^\(\s*[\w.:-]+\s*\)=\s*$")
_ATTR_LIST = re.compile(r"\{:[^{}\n]*\}|(?<=[\]*_`])\{#[\w:.-]+(?:\s[^{}\n]*)?\}")
_HEADING_ATTR = re.compile(r"^(#{1,6}\s.*?)\s*\{#[\w:.-]+[^{}\n]*\}\s*$")
# An attribute list on a line of its own ("{ #2e4786}", "{ .block-language-dataview}"), as
# site exporters write after the block it marks.
_ATTR_LINE = re.compile(r"^\s*\{\s*[#.][\w:.-]+(?:\s+[#.][\w:.-]+)*\s*\}\s*$")
_DIV_LINE = re.compile(r"^\s*</?(?:div|section|article|aside|figure|figcaption|header|footer|"
                       r"main|nav|center)\b[^>]*>\s*$", re.I)
_DT = re.compile(r"^\s*<dt\b[^>]*>(.*?)(?:</dt>)?\s*$", re.I)
_DD = re.compile(r"^\s*<dd\b[^>]*>(.*?)(?:</dd>)?\s*$", re.I)
_DL = re.compile(r"^\s*</?dl\b[^>]*>\s*$", re.I)
_MATH = re.compile(r"<math\b[^>]*>(.*?)</math>", re.I | re.S)
_MATH_LEAF = re.compile(r"<(m[ino]|mtext)\b[^>]*>([^<]*)</\1>", re.I)
_ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.I | re.S)


def _math_words(m: re.Match[str]) -> str:
    inner = _ANNOTATION.sub("", m.group(1))
    return "".join(leaf.group(2) for leaf in _MATH_LEAF.finditer(inner)).strip()


# Every syntax above holds one of these; a note with none of them (most notes) is as it is.
_TRIGGERS = ("<", "{", "!!!", "???", "::", ")=")


def rewrite_layouts(text: str) -> str:
    """The note with foreign syntax rewritten; the same number of lines."""
    if not any(map(text.__contains__, _TRIGGERS)):
        return text
    if "<math" in text:
        # MathML spans lines; its words are kept on the first line, the rest left empty.
        text = _MATH.sub(lambda m: _math_words(m) + "\n" * m.group(0).count("\n"), text)
    lines = text.split("\n")
    out: list[str] = []
    fence = ""              # the fence of the code block or glossary being passed over
    mode = ""               # "admonition", "deflist" or "glossary" while inside one
    defined = False         # in a glossary: the current term has its definition started
    ahead = 0               # the next line with text, looked up past blank lines
    for i, line in enumerate(lines):
        stripped = line.strip()
        if len(out) > i:
            continue        # written ahead (an AsciiDoc term's first definition line)
        if mode == "glossary":
            if stripped.startswith(fence) and _FENCE.match(stripped):
                out.append("")
                mode = fence = ""
            elif not stripped:
                out.append("")
            elif not line[:1].isspace():
                out.append(_inline_line(stripped))
                defined = False
            else:
                out.append(("  " if defined else ": ") + _inline_line(stripped))
                defined = True
            continue
        if fence:
            if stripped.startswith(fence):
                fence = ""
            out.append(line)
            continue
        if mode == "admonition" and _INDENTED.match(line):
            out.append("> " + _inline_line(stripped))
            continue
        if mode == "admonition" and not stripped:
            # A blank line goes on with the body only when indented lines follow it.
            while ahead <= i or ahead < len(lines) and not lines[ahead].strip():
                ahead += 1
            out.append(">" if ahead < len(lines) and _INDENTED.match(lines[ahead]) else "")
            continue
        if mode == "deflist" and stripped and _INDENTED.match(line):
            out.append(_inline_line(stripped))
            continue
        mode = ""
        glossary = _GLOSSARY_FENCE.match(stripped)
        code = _FENCE.match(stripped)
        adm = _ADMONITION.match(stripped)
        term = _ASCIIDOC_TERM.match(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if glossary:
            out.append("")
            mode, fence, defined = "glossary", glossary.group(1), False
        elif code:
            fence = code.group(1)
            out.append(line)
        elif adm:
            title = adm.group(3) if adm.group(3) is not None else (adm.group(4) or "")
            out.append(f"> [!{adm.group(2).lower()}] {title}".rstrip())
            mode = "admonition"
        elif term and nxt.strip() and _INDENTED.match(nxt):
            # AsciiDoc's term over its indented definition (reST's "text::" has a blank
            # line before its literal block, so it is left alone).
            if out and _ASCIIDOC_ANCHOR.match(out[-1]):
                out[-1] = ""        # its anchor ("[[user-name]]") is no text
            out.append(_inline_line(term.group(1).rstrip()))
            out.append(": " + _inline_line(nxt.strip()))
            mode = "deflist"
        else:
            out.append(_inline_line(line))
    return "\n".join(out)


def _inline_line(line: str) -> str:
    if _DIV_LINE.match(line) or _DL.match(line) or _MYST_LABEL.match(line) \
            or "{" in line and _ATTR_LINE.match(line):
        return ""
    dt = _DT.match(line)
    if dt:
        return dt.group(1).strip()
    dd = _DD.match(line)
    if dd:
        return ": " + dd.group(1).strip()
    if "{" in line:
        line = _MYST_ROLE.sub(r"\1", line)
        heading = _HEADING_ATTR.match(line)
        if heading:
            line = heading.group(1)
        line = _ATTR_LIST.sub("", line)
    return line
