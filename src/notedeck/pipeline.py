"""The whole flow in one screen:

    find_notes -> read_note -> parse_document -> clean_document -> extract -> make_cards
               -> check_unique -> (build.py) lock, version, write_package

Errors are collected as Diagnostics, never raised: one broken note costs its own cards,
never the build.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from .cards import check_unique, make_cards
from .clean import clean_document
from .extractors import extract
from .markdown import parse_document
from .model import Card, Diagnostic, Note, Rejected
from .read import NoteFile, find_notes, read_note


@dataclass
class Options:
    root_deck: str | None = None           # deck name for the notes folder (default: its name)
    extractors: Sequence[str] | None = None  # None: all


@dataclass
class NoteResult:
    note: Note | None
    source: str
    cards: list[Card] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class Extraction:
    notes: list[NoteResult] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def cards(self) -> list[Card]:
        return [c for n in self.notes for c in n.cards]

    def all_diagnostics(self) -> list[Diagnostic]:
        return [d for n in self.notes for d in n.diagnostics] + self.diagnostics


def process_note(note_file: NoteFile, options: Options) -> NoteResult:
    note = read_note(note_file)
    if isinstance(note, Diagnostic):
        return NoteResult(None, note_file.source, diagnostics=[note])
    result = NoteResult(note, note.source, diagnostics=list(note.diagnostics))
    if note.meta.get("notedeck") is False:
        return result
    doc = clean_document(parse_document(note))
    candidates, result.rejected = extract(doc, options.extractors)
    result.cards = make_cards(note, doc, candidates, options.root_deck)
    if not result.cards and note.text.strip():
        result.diagnostics.append(Diagnostic("warning", note.source, note.body_line,
                                             "gave no card"))
    return result


def extract_cards(paths: Sequence[Path], options: Options | None = None,
                  progress: Callable[[NoteResult], None] | None = None) -> Extraction:
    options = options or Options()
    out = Extraction()
    for path in paths:
        if not path.exists():
            out.diagnostics.append(Diagnostic("error", str(path), 0, "no such file or folder"))
    for note_file in find_notes([p for p in paths if p.exists()]):
        result = process_note(note_file, options)
        out.notes.append(result)
        if progress is not None:
            progress(result)
    kept, errors = check_unique(out.cards)
    if errors:
        keep = {id(c) for c in kept}
        for n in out.notes:
            n.cards = [c for c in n.cards if id(c) in keep]
        out.diagnostics.extend(errors)
    return out
