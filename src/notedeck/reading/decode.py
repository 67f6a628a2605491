"""Text repair, the first thing done to every note.

- bytes -> str: UTF-8 (BOM stripped), else cp1252, else Latin-1; never raises.
- mojibake: UTF-8 that was decoded as Mac Roman (``‚Äî`` -> ``—``, ``üß†`` -> ``🧠``) is
  re-decoded run by run, including emoji whose lead byte 0xF0 was lost on the way
  (``üß©`` -> ``🧩``), which ftfy cannot know; ftfy then fixes the cp1252/Latin-1 cases.
- CRLF/CR -> LF, NBSP and other odd spaces -> space, zero-width characters removed.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters Mac Roman gives for the bytes 0x80-0xFF. A run of them is a mojibake
# candidate; we only replace it when it re-encodes to valid multi-byte UTF-8.
_MAC_HIGH = "".join(bytes([b]).decode("mac_roman") for b in range(0x80, 0x100))
_MAC_RUN = re.compile("[" + re.escape(_MAC_HIGH) + "]{2,}")
_SPACES = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Unicode's other line breaks: Obsidian and other editors break lines at \n only, so these
# are spaces where a line is counted.
_OTHER_BREAKS = re.compile("[\u2028\u2029\x85]")
# UTF-8 read as a one-byte code page leaves a Latin-1 character (cp1252, Latin-1: the lead
# bytes become Â-ô) or a box-drawing one (cp437). Text with neither, such as notes with
# only dashes, quotes and emoji, has nothing for ftfy to repair and never imports it.
_SUSPECT = re.compile("[\u0080-\u00ff\u2500-\u259f]")


@lru_cache(maxsize=1)
def _ftfy():
    """ftfy, imported on first need: most notes are ASCII or clean UTF-8, and start-up
    time matters for small builds."""
    import ftfy
    import ftfy.badness
    # (line breaks are ours to keep: a card's line is the line an editor shows it on)
    config = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False,
                                  fix_line_breaks=False, normalization="NFC", explain=False)
    return ftfy, config


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode note bytes; returns (text, encoding used)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_JOINERS = {"\ufe0f", "\u200d", "\u20e3"}


# Lead bytes that real Mac-Roman mojibake starts with: Latin-1 letters (C2-C5), and 3/4-byte
# punctuation, symbols and emoji (E2-EF, F0). Other 2-byte leads (Cyrillic, Greek...) would
# turn correct text such as "—à" (D1 88) into "ш".
_LEADS = {0xC2, 0xC3, 0xC4, 0xC5} | set(range(0xE2, 0xF0)) | {0xF0}


def _plausible(fixed: str, lead: int) -> bool:
    """A re-decoded character we believe: one character, from a typical mojibake lead
    byte, not a lone combining mark or control (``Ã©`` also re-encodes, as U+0329)."""
    if len(fixed) != 1 or lead not in _LEADS:
        return False
    return fixed in _JOINERS or unicodedata.category(fixed)[0] not in "MC"


def _fix_mac_run(match: re.Match[str]) -> str:
    run = match.group(0)
    raw = run.encode("mac_roman")
    # Decode the longest valid UTF-8 prefixes greedily; keep what does not decode.
    out, i = [], 0
    while i < len(raw):
        fixed = None
        for lead in (b"", b"\xf0"):
            for size in (4, 3, 2):
                chunk = lead + raw[i:i + size - len(lead)]
                if len(chunk) != size or chunk[0] < 0xC2:
                    continue
                try:
                    fixed = chunk.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if _plausible(fixed, chunk[0]):
                    step = size - len(lead)
                    break
                fixed = None
            if fixed is not None:
                break
        if fixed is None:
            out.append(run[i])   # mac_roman is one byte per character
            i += 1
        else:
            out.append(fixed)
            i += step
    return "".join(out)


def fix_mojibake(text: str) -> str:
    if text.isascii():
        return text
    text = _MAC_RUN.sub(_fix_mac_run, text)
    if not _SUSPECT.search(text):
        return text
    # ftfy's own detector is cheap; its full repair pass is not, and is needed only where
    # the detector sees cp1252/Latin-1 mojibake.
    ftfy, config = _ftfy()
    if ftfy.badness.is_bad(text):
        text = ftfy.fix_text(text, config=config)
    return text


def repair_text(text: str) -> str:
    """All repairs for a decoded note, line count preserved."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return text.replace("\t", "    ")     # every other repair is of a non-ASCII character
    text = _INVISIBLE.sub("", text)
    text = fix_mojibake(text)
    text = _OTHER_BREAKS.sub(" ", _SPACES.sub(" ", text))
    return text.replace("\t", "    ")
