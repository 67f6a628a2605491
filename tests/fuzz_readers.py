#!/usr/bin/env python
"""Fuzz target for the readers: bytes -> decode_bytes -> repair_text -> split_frontmatter
-> parse_document -> clean_document -> extract -> make_cards, and every card field must pass
notedeck.anki.sanitize.is_safe.

These are the functions process_note wraps in its catch-all; called directly, any
exception is a crash the fuzzer reports (process_note would have turned it into "could not
be read ... please report this"). RecursionError is expected and allowed: process_note
reports it as "nested too deeply".

With atheris (pip install atheris):

    python tests/fuzz_readers.py -max_total_time=60            # CI: ~60 s, exit 0 = no crash
    python tests/fuzz_readers.py -max_total_time=180 -timeout=20 corpus/

libFuzzer flags pass through; with no corpus folder given, a seed corpus (the example
notes and the hostile fixtures of tests/hostile_corpus.py) is written to a temporary
folder first. A crash leaves ``crash-<sha1>`` in the working folder; replay it with
``python tests/fuzz_readers.py crash-<sha1>``.

Without atheris, the same target runs under hypothesis for a bounded time:

    python tests/fuzz_readers.py --seconds 60

Crashes already reported as xfail tests (KNOWN_BUGS) are ignored unless --strict is given.

Not collected by pytest (the name does not match test_*.py, and nothing runs on import).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# Notes that take longer than this are reported as slow (a finding, not a crash) by the
# hypothesis runner; for atheris use libFuzzer's -timeout=N.
SLOW_SECONDS = 5.0


def _import_notedeck():
    global Note, MappingProxyType, decode_bytes, repair_text, split_frontmatter
    global detect_shape, parse_document, clean_document, extract, make_cards, is_safe
    from types import MappingProxyType
    from notedeck.cards import make_cards
    from notedeck.reading.clean import clean_document
    from notedeck.extractors import extract
    from notedeck.reading.markdown import parse_document
    from notedeck.reading.document import Note
    from notedeck.reading.note import detect_shape, split_frontmatter
    from notedeck.reading.decode import decode_bytes, repair_text
    from notedeck.anki.sanitize import is_safe


def one_input(data: bytes) -> None:
    """The target. The first byte picks the file name and whether to force the shape the
    content would not get by itself (so both readers see every input)."""
    if not data:
        return
    flags, data = data[0], data[1:]
    source = "note.txt" if flags & 1 else "note.md"
    text, _encoding = decode_bytes(data)
    text = repair_text(text)
    meta, body, body_line, diags = split_frontmatter(text, source)
    assert isinstance(meta, dict) and isinstance(body, str) and body_line >= 1
    for d in diags:
        assert d.level in ("warning", "error") and d.source == source
    shape = detect_shape(body, bool(meta) or body_line > 1)
    if flags & 2:
        shape = "text" if shape == "markdown" else "markdown"
    note = Note(source=source, path=f"/fuzz/{source}", root="/fuzz", text=body,
                body_line=body_line, meta=MappingProxyType(meta), shape=shape)
    try:
        doc = clean_document(parse_document(note))
        candidates, _rejected = extract(doc)
    except RecursionError:
        return                              # process_note: "nested too deeply to read"
    cards = make_cards(note, doc, candidates)
    for card in cards:
        for name, value in card.fields.items():
            for v in value if isinstance(value, tuple) else (value,):
                if not isinstance(v, str) or not is_safe(v):
                    raise AssertionError(f"unsafe {card.kind} field {name!r}: {v!r}")


# Crashes already reported (each has a strict xfail test). An input that hits one is not a
# new finding; --strict turns them back into crashes. Remove an entry once it is fixed.
KNOWN_BUGS: set[tuple[str, str]] = {
    # (exception type, innermost notedeck function), e.g. ("ValueError", "heading_count")
    # while tests/test_hostile.py::test_heading_with_a_superscript_digit was open.
}
STRICT = False


def _known(exc: BaseException) -> bool:
    import traceback
    frames = [f.name for f in traceback.extract_tb(exc.__traceback__)
              if "notedeck" in f.filename]
    return bool(frames) and (type(exc).__name__, frames[-1]) in KNOWN_BUGS


def target(data: bytes) -> None:
    try:
        one_input(data)
    except Exception as exc:  # noqa: BLE001
        if STRICT or not _known(exc):
            raise


def seed_corpus(folder: Path) -> None:
    import hostile_corpus as hc
    n = 0

    def put(data: bytes) -> None:
        nonlocal n
        for flag in (0, 1):
            (folder / f"seed-{n:04d}").write_bytes(bytes([flag]) + data[:64 * 1024])
            n += 1
    for path in sorted((HERE.parent / "examples" / "notes").glob("*")):
        put(path.read_bytes())
    for data, _, _ in hc.small_fixtures().values():
        put(data)
    put(hc.hostile_html_note().encode())
    put(hc.study_note(1).encode())
    put(hc.nested_list(50).encode())
    put(hc.nested_quotes(50).encode())
    put(hc.big_table(20).encode())


def run_atheris(argv: list[str]) -> None:
    import atheris
    with atheris.instrument_imports(include=["notedeck"]):
        _import_notedeck()
    args = [a for a in argv[1:] if not a.startswith("-")]
    tmp = None
    if not args:                        # no corpus or crash file given: seed one
        tmp = tempfile.TemporaryDirectory(prefix="notedeck-fuzz-")
        seed_corpus(Path(tmp.name))
        argv = argv + [tmp.name]
    if not any(a.startswith("-max_len=") for a in argv):
        argv = argv + ["-max_len=16384"]
    if not any(a.startswith("-rss_limit_mb=") for a in argv):
        argv = argv + ["-rss_limit_mb=4096"]
    if not any(a.startswith("-timeout=") for a in argv):
        argv = argv + ["-timeout=20"]    # one input slower than this is a finding too
    atheris.Setup(argv, target)
    atheris.Fuzz()                      # exits the process: 0 when time runs out, else a crash


def run_hypothesis(seconds: float) -> int:
    import time
    from hypothesis import HealthCheck, given, settings, strategies as st
    import hostile_corpus as hc
    _import_notedeck()
    slow: list[tuple[float, bytes]] = []
    inputs = st.one_of(
        st.binary(max_size=4096),
        st.text(max_size=2000).map(lambda s: s.encode("utf-8", "surrogatepass")),
        hc.markdown_strategy().map(str.encode),
    )

    @settings(max_examples=200, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(flags=st.integers(0, 255), data=inputs)
    def fuzz_once(flags, data):
        started = time.perf_counter()
        target(bytes([flags]) + data)
        took = time.perf_counter() - started
        if took > SLOW_SECONDS:
            slow.append((took, bytes([flags]) + data))

    end = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < end:
        fuzz_once()                     # raises (and prints the shrunk input) on a crash
        rounds += 1
    print(f"fuzz_readers (hypothesis): {rounds * 200} inputs in {seconds:.0f} s, no crash;"
          f" {len(slow)} slower than {SLOW_SECONDS} s")
    return 0


def main(argv: list[str]) -> int:
    global STRICT
    if "--strict" in argv:
        STRICT = True
        argv = [a for a in argv if a != "--strict"]
    if "--seconds" in argv:
        return run_hypothesis(float(argv[argv.index("--seconds") + 1]))
    try:
        import atheris  # noqa: F401
    except ImportError:
        seconds = next((float(a.split("=", 1)[1]) for a in argv
                        if a.startswith("-max_total_time=")), 60.0)
        print("atheris is not installed: running the hypothesis fuzzer", file=sys.stderr)
        return run_hypothesis(seconds)
    run_atheris(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
