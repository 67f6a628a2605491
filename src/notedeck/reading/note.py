"""Reading one note file into a `Note`: decoded, repaired, frontmatter split, shape decided."""
from __future__ import annotations

import re
from types import MappingProxyType

from ..fsutil import SpecialFileError, read_file, special_kind
from ..model import Diagnostic
from .decode import decode_bytes, repair_text
from .document import Note
from .sources import NoteFile

# A study note is rarely over 100 KB; past 6 MB it is a dump, which the Markdown parser
# would take minutes over (punctuation-heavy text parses at ~100 KB/s). Skipped, reported.
MAX_NOTE_BYTES = 6 * 1024 * 1024

_FENCE = re.compile(r"^---[ \t]*$")
# Signs of Markdown, and of a note written for a flashcard plugin: the Spaced Repetition
# plugin's tag, an Obsidian_to_Anki block (plain text would read its short lines as headings)
_MD_SIGNS = re.compile(
    r"^#{1,6}\s+\S|\*\*[^\s*][^*\n]{0,200}?\*\*|(?<!_)__[A-Za-z]|\[\[[^\]\n]+\]\]"
    r"|\]\([^)\s]+\)|^```|^\s*>\s*\[!|(?<!\S)#flashcards\b|^START[ \t]*$", re.M)
# Signs above that a page saved as text also carries now and then: a link its exporter
# left half-converted ("... 2022](fig/x.jpg))"), a name in underscores ("__values_27A__").
# One of them alone does not make a .txt file Markdown (a bold term does: exporters write
# no "**").
_INLINE_SIGNS = re.compile(r"(?<!_)__[A-Za-z]|\]\([^)\s]+\)")


def split_frontmatter(text: str, source: str) -> tuple[dict, str, int, list[Diagnostic]]:
    """(metadata, body, line of the body's first line, diagnostics)."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return {}, text, 1, []
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])
                or lines[i].strip() == "..."), None)
    if end is None:
        return {}, text, 1, [Diagnostic("warning", source, 1,
                                        "frontmatter starts with '---' but is never closed; "
                                        "read as body text", "frontmatter")]
    import frontmatter  # lazily: yaml is only needed for notes that have frontmatter
    raw = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1:])
    try:
        meta = frontmatter.YAMLHandler().load(raw) if raw.strip() else {}
    except Exception as exc:   # yaml raises many types; all mean the same to the user
        mark = getattr(exc, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, body, end + 2, [Diagnostic(
            "warning", source, line, f"frontmatter is not valid YAML ({problem}); ignored",
            "frontmatter")]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return {}, body, end + 2, [Diagnostic(
            "warning", source, 1, "frontmatter is not a mapping of keys to values; ignored",
            "frontmatter")]
    meta = {str(k): v for k, v in meta.items()}
    return meta, body, end + 2, check_meta_types(meta, lines[1:end], source)


# Known frontmatter keys and the types notedeck can use; a wrong one is warned about and
# ignored (the rest of the note is read as usual).
_KNOWN = {"title": (str,), "aliases": (list, str), "tags": (list, str), "id": (str, int),
          "deck": (str,), "notedeck": (bool,), "notedeck-skip": (list, str),
          "notedeck-reverse": (bool,)}
_TYPE_NAMES = {str: "text", int: "a number", list: "a list", bool: "true or false"}


def check_meta_types(meta: dict, fm_lines: list[str], source: str) -> list[Diagnostic]:
    out = []
    for key, kinds in _KNOWN.items():
        if key not in meta or meta[key] is None:
            continue
        value = meta[key]
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            line = next((n + 2 for n, text in enumerate(fm_lines)
                         if re.match(rf"^{re.escape(key)}\s*:", text)), 1)
            allowed = " or ".join(_TYPE_NAMES[k] for k in kinds)
            out.append(Diagnostic("warning", source, line,
                                  f"frontmatter '{key}' should be {allowed}, not "
                                  f"{type(value).__name__}; ignored", "frontmatter"))
            del meta[key]
    return out


# Every sign above holds one of these: a text with none of them (most plain text) is not
# searched (a search of the whole note tries every sign at every position).
_SIGN_LITERALS = ("#", "**", "__", "[[", "](", "```", "[!", "START")


def detect_shape(body: str, has_frontmatter: bool, plain_file: bool = False) -> str:
    """Markdown or plain text, from the content (files arrive as .txt whatever they hold);
    a ``plain_file`` (.txt) needs more than one stray link or underscore, or another sign."""
    if has_frontmatter:
        return "markdown"
    if not any(map(body.__contains__, _SIGN_LITERALS)):
        return "text"
    sign = _MD_SIGNS.search(body)
    if sign is None:
        return "text"
    if not plain_file or not _INLINE_SIGNS.match(sign.group(0)):
        return "markdown"
    signs = _MD_SIGNS.finditer(body, sign.end())
    return "markdown" if next(signs, None) is not None else "text"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def read_note(note_file: NoteFile) -> Note | Diagnostic:
    """Read one note; a Diagnostic instead when nothing usable can be read."""
    source = note_file.source
    try:
        if note_file.path.is_symlink() and not note_file.path.resolve().is_relative_to(
                note_file.root.resolve()):
            return Diagnostic("warning", source, 0,
                              "skipped: a link to a file outside the notes folder",
                              "link-outside")
        st = note_file.path.stat()
        if special_kind(st.st_mode):
            return Diagnostic("warning", source, 0,
                              f"skipped: {special_kind(st.st_mode)}, not a note file",
                              "special-file")
        if st.st_size > MAX_NOTE_BYTES:
            return Diagnostic("warning", source, 0,
                              f"skipped: {_mb(st.st_size)} MB is larger than the "
                              f"{MAX_NOTE_BYTES // (1024 * 1024)} MB limit for one note",
                              "too-large")
        data = read_file(note_file.path)
    except SpecialFileError as exc:     # became a pipe since the stat: still never waited on
        return Diagnostic("warning", source, 0, f"skipped: {exc.strerror}", "special-file")
    except (OSError, RuntimeError) as exc:       # RuntimeError: a symlink loop
        if note_file.path.is_symlink():
            return Diagnostic("warning", source, 0, "skipped: a broken or looping link",
                              "broken-link")
        return Diagnostic("warning", source, 0,
                          f"cannot read: {getattr(exc, 'strerror', None) or exc}", "unreadable")
    diags: list[Diagnostic] = []
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Diagnostic("warning", source, 0, "skipped: binary file, not a text note",
                          "binary")
    text, encoding = decode_bytes(data)
    if encoding not in ("utf-8", "utf-16"):
        diags.append(Diagnostic("warning", source, 0,
                                f"not valid UTF-8; decoded as {encoding}", "not-utf8"))
    text = repair_text(text)
    meta, body, body_line, fm_diags = split_frontmatter(text, source)
    diags.extend(fm_diags)
    if not body.strip():
        diags.append(Diagnostic("warning", source, 0, "empty note", "empty"))
    return Note(
        source=source, path=str(note_file.path), root=str(note_file.root), text=body,
        body_line=body_line, meta=MappingProxyType(meta),
        shape=detect_shape(body, bool(meta) or body_line > 1,
                           note_file.path.suffix.lower() == ".txt"), diagnostics=tuple(diags),
        vault_source=note_file.vault_source)
