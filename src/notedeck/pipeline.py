"""The whole flow in one screen:

    plan_sources -> read_note -> parse_document -> clean_document -> extract
                 -> drop skipped -> make_cards -> check_unique
                 -> (build.py) lock, version, write_package

Errors are collected as Diagnostics, never raised: one broken note costs its own cards,
never the build.
"""
from __future__ import annotations

import bisect
import dataclasses
import gc
import os
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Sequence

from .anki.fields import rendered_fields
from .cards import Card, Extraction, NoteResult, check_unique, make_cards, obsidian_link
from .extractors import extract
from .extractors.base import Candidate
from .extractors.text import normalize_key
from .model import Diagnostic, field_text
from .reading.clean import clean_document
from .reading.document import Note
from .reading.markdown import parse_document
from .reading.media import image_refs, media_name, resolve_image
from .reading.note import read_note
from .reading.sources import NoteFile, Options, Source, plan_sources, vault_of
from .versioning.cache import (
    Loader,
    NoteCache,
    decode_entry,
    encode_result,
    note_digest,
)
from .versioning.spill import Spill


def _skip_names(note: Note) -> set[str]:
    raw = note.meta.get("notedeck-skip") or []
    if isinstance(raw, str):
        raw = [raw]
    return {normalize_key(str(x)) for x in raw} if isinstance(raw, list) else set()


def _front(candidate: Candidate) -> str:
    value = next(iter(candidate.fields.values()), "")
    return normalize_key(field_text(value))


def process_note(source: Source) -> NoteResult:
    """One note's cards. Never raises: a failure costs this note's cards, reported with
    its file, and the build goes on."""
    try:
        return _process_note(source)
    except RecursionError:
        return NoteResult(None, source.file.source, diagnostics=[Diagnostic(
            "error", source.file.source, 0, "nested too deeply to read; no cards made",
            "too-deep")])
    except Exception as exc:  # noqa: BLE001 - the rest of the build must go on
        return NoteResult(None, source.file.source, diagnostics=[Diagnostic(
            "error", source.file.source, 0,
            f"could not be read ({type(exc).__name__}: {exc}); no cards made — "
            "please report this with the note", "internal-error")])


def attach_images(candidates: list[Candidate], doc, note: Note, file: NoteFile,
                  diagnostics: list[Diagnostic]) -> list[Candidate]:
    """An image goes on the card it stands under: the last card starting at or above it in
    the same paragraph or list item, or the card whose lines hold it (a flashcard's answer);
    every image that cannot be packaged is reported with its own line."""
    refs = image_refs(doc)
    if not refs:
        return candidates
    found: list[tuple[int, int, str]] = []
    for line, first, target in refs:
        path, problem, code = resolve_image(target, file.path, file.root)
        if path is None:
            diagnostics.append(Diagnostic("warning", note.source, line, problem, code))
        else:
            found.append((line, first, str(path)))
    ends: dict[int, int] = {}           # a card's first line -> the last line of its cards
    for c in candidates:
        ends[c.line] = max(ends.get(c.line, 0), c.lines[-1])
    starts = sorted(ends)
    owner: dict[int, str] = {}
    for line, first, path in found:
        at = bisect.bisect_right(starts, line) - 1
        if at >= 0 and (starts[at] >= first or ends[starts[at]] >= line):
            owner.setdefault(starts[at], path)
    out = []
    for c in candidates:
        path = owner.get(c.line)
        if path:
            fields = dict(c.fields, image=media_name(Path(path)))
            c = dataclasses.replace(c, fields=MappingProxyType(fields), image=path)
        out.append(c)
    return out


def _process_note(source: Source) -> NoteResult:
    note = read_note(source.file)
    if isinstance(note, Diagnostic):
        return NoteResult(None, source.file.source, diagnostics=[note])
    result = NoteResult(note, note.source, diagnostics=list(note.diagnostics))
    if note.meta.get("notedeck") is False:
        return result
    opts = source.options
    doc = clean_document(parse_document(note))
    candidates, result.rejected = extract(doc, opts.extractors)
    skip = _skip_names(note)
    kept = []
    for c in candidates:
        if c.confidence < opts.min_confidence or skip and (c.key in skip or _front(c) in skip):
            result.skipped.append(c)
        else:
            kept.append(c)
    kept = attach_images(kept, doc, note, source.file, result.diagnostics)
    vault = vault_of(source.file.path) if source.vault and opts.obsidian_links else None
    link = obsidian_link(vault, source.file.path) if vault is not None else ""
    cards = make_cards(note, doc, kept, source.root_deck, deck=source.deck,
                       extra_tags=opts.tags, reverse=opts.reverse, link=link,
                       identity=source.identity)
    result.cards = [_rendered(card) for card in cards]
    if not result.cards and note.text.strip() and not result.skipped:
        result.diagnostics.append(Diagnostic("warning", note.source, note.body_line,
                                             "gave no card", "no-cards"))
    return result


def _rendered(card: Card) -> Card:
    """The card with its Anki note fields rendered once, here in the worker (and cached),
    so a rebuild after one edit does not render the whole deck again."""
    try:
        rendered = rendered_fields(card)
    except ValueError:
        rendered = None      # the packaging step reports it with file and line
    return dataclasses.replace(card, rendered=rendered)


def _lightweight(result: NoteResult) -> NoteResult:
    # Workers send results back through a pipe: the note's text is not needed any more.
    if result.note is not None:
        result.note = dataclasses.replace(result.note, text="")
    return result


def _work(job: tuple[Source, str]) -> tuple[NoteResult | None, tuple[bytes, bytes] | None]:
    """In a worker: extract one note and encode its cache entry there, in parallel. Only
    the entry comes back (the main process stores it and reads the result from it, as from
    the cache, so a cold and a warm build hold the very same cards); the result itself
    only when it cannot be encoded."""
    source, key = job
    result = _lightweight(process_note(source))
    entry = encode_result(key, result) if key else None
    return (None, entry) if entry is not None else (result, None)


def _run(sources: list[Source], jobs: int, cache: NoteCache,
         progress: Callable[[NoteResult], None] | None, digests: dict[Path, bytes] | None,
         details: bool = True):
    """Results in source order: cached ones read back, the rest extracted on ``jobs`` cores.
    Both come from cache entries, their cards' fields waiting in a spill file."""
    results: list[NoteResult | None] = [None] * len(sources)
    loader = Loader(Spill.open(cache.folder) if cache.folder is not None else None,
                    details=details)
    todo: list[tuple[int, str]] = []
    for i, source in enumerate(sources):
        key = ""
        if cache.folder is not None:
            digest = digests.get(source.file.path) if digests else None
            key = cache.key(source, digest or note_digest(source.file.path))
            hit = cache.get(source, key, loader) if key else None
            if hit is not None:
                results[i] = hit
                if progress is not None:
                    progress(hit)
                continue
        todo.append((i, key))
    if not cache.usable:        # no cache to store entries in: workers return results
        todo = [(i, "") for i, _ in todo]
    workers = min(jobs or os.cpu_count() or 1, max(1, len(todo) // 25))
    if workers > 1:
        import concurrent.futures as cf
        import multiprocessing
        ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        with cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=gc.enable) as pool:
            done = pool.map(_work, [(sources[i], key) for i, key in todo],
                            chunksize=max(1, min(64, len(todo) // (workers * 8))))
            for (i, key), entry in zip(todo, done):
                results[i] = _store(cache, sources[i], key, entry, progress, loader)
    else:
        collect = not gc.isenabled() and len(todo) > 25     # parsing leaves cycles behind
        if collect:
            gc.enable()
        try:
            for i, key in todo:
                results[i] = _store(cache, sources[i], key, _work((sources[i], key)),
                                    progress, loader)
        finally:
            if collect:
                gc.disable()
    return results


def _store(cache, source, key, done, progress, loader) -> NoteResult:
    result, entry = done
    if entry is not None:
        cache.store(source, key, *entry)
        result = decode_entry(key, *entry, loader)
    elif not loader.details:        # not cached: as a cache entry would have been read
        result.rejected, result.skipped = [], []
        if result.note is not None:
            result.note = dataclasses.replace(result.note, meta=MappingProxyType({}))
    if progress is not None:
        progress(result)
    return result


def extract_cards(paths: Sequence[Path], options: Options | None = None,
                  progress: Callable[[NoteResult], None] | None = None, *, jobs: int = 1,
                  cache_dir: Path | None = None,
                  planned: tuple[list[Source], list[Diagnostic]] | None = None,
                  digests: dict[Path, bytes] | None = None,
                  details: bool = True) -> Extraction:
    """``planned``: the result of plan_sources when the caller has it already; ``digests``:
    note_digest of the notes, when the caller has read them already; ``details``: False
    leaves out each note's frontmatter and its rejected and skipped candidates (see
    cache.Loader)."""
    options = options or Options()
    out = Extraction()
    sources, problems = planned or plan_sources(paths, options)
    out.diagnostics = list(problems)
    cache = NoteCache(cache_dir)
    try:
        out.notes = _run(sources, jobs, cache, progress, digests, details)
    finally:
        cache.close()
    kept, errors = check_unique(out.cards)
    if errors:
        keep = {id(c) for c in kept}
        for n in out.notes:
            n.cards = [c for c in n.cards if id(c) in keep]
        out.diagnostics.extend(errors)
    return out
