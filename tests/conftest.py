"""Fixtures for the package/render tests: hand-built DeckEntries and a real Anki import."""
from __future__ import annotations

import pytest

from notedeck.cards import Card
from notedeck.versioning.plan import DeckEntry
from notedeck.model import frozen_fields


@pytest.fixture
def make_entry():
    """Build a DeckEntry directly, without the readers or extractors."""

    def make(kind: str, guid: str, *, deck: str = "Well-Being::Models", mod: int = 1_700_000_000,
             tags: tuple[str, ...] = ("wellbeing",), status: str = "", link: str = "",
             reverse: bool = True, section: str = "The triangle", **fields) -> DeckEntry:
        card = Card(kind=kind, key=guid, guid=guid, fields=frozen_fields(**fields),
                    source="notes/well-being.md", line=12, section=section, note_id="wb",
                    note_title="Well-Being", deck=deck, tags=tags, rule="test", confidence=1.0)
        return DeckEntry(card=card, mod=mod, tags=tags, status=status, link=link, reverse=reverse)

    return make


@pytest.fixture
def sample_entries(make_entry):
    """One note of every kind (two terms: with and without the reverse card)."""
    long_def = ("The range of arousal in which a person can think and feel at the same time. "
                "Above it people become flooded; below it they shut down. "
                "The term comes from Dan Siegel's work on <i>interpersonal neurobiology</i>.")
    return [
        make_entry("term", "nd-term-1", term="Window of tolerance", definition=long_def,
                   tags=("wellbeing", "siegel notes")),
        make_entry("term", "nd-term-2", term="Integration", reverse=False,
                   definition="Linking differentiated parts into a working whole."),
        make_entry("myth", "nd-myth-1", myth="We only use 10% of our brains.",
                   reframe="Imaging shows activity across the <b>whole</b> brain.",
                   status="retired in v1.3.0 — delete me"),
        make_entry("acronym", "nd-acr-1", acronym="FACES",
                   expansion=("Flexible", "Adaptive", "Coherent", "Energized", "Stable")),
        make_entry("acronym", "nd-acr-2", acronym="IPNB", expansion=("Interpersonal", "Neurobiology")),
        make_entry("qa", "nd-qa-1", deck="Well-Being", question="When is a &lt; b a problem?",
                   answer="<table><tr><th>Case</th><th>Meaning</th></tr>"
                          "<tr><td>a &lt; b</td><td>ordinary comparison</td></tr></table>",
                   link="obsidian://open?vault=Study&file=well-being.md"),
        make_entry("list", "nd-list-1",
                   prompt="Name the 3 components of the Triangle of Well-Being",
                   items=("Mind", "Brain", "Relationships")),
    ]


@pytest.fixture
def import_apkg(tmp_path):
    """import_apkg(*paths, into=None) -> (collection, logs): import with Anki's own backend and
    its default options (what a user clicking Import gets), into ``into`` or a fresh collection."""
    collection = pytest.importorskip("anki.collection")
    cols = []

    def do(*paths, into=None):
        if into is None:
            where = tmp_path / f"col{len(cols)}"
            where.mkdir()
            into = collection.Collection(str(where / "collection.anki2"))
            cols.append(into)
        logs = []
        for path in paths:
            req = collection.ImportAnkiPackageRequest(
                package_path=str(path), options=collection.ImportAnkiPackageOptions())
            logs.append(into.import_anki_package(req).log)
        return into, logs

    yield do
    for col in cols:
        col.close()
