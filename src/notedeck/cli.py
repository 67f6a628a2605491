"""The command line: a thin layer over the library (the only module that imports click).

Exit codes: 0 ok; 1 build errors (or warnings with --strict); 2 usage errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

EXIT_HELP = """\b
Exit codes:
  0  ok
  1  build errors (with --strict: warnings too)
  2  usage errors (bad options, bad config)"""


def _paths(notes: tuple[str, ...]) -> list[Path]:
    if notes:
        return [Path(n) for n in notes]
    from .examples import example_notes
    return [example_notes()]


def _report(diagnostics, strict: bool) -> int:
    for d in diagnostics:
        click.echo(str(d), err=True)
    errors = [d for d in diagnostics if d.level == "error"]
    return 1 if errors or (strict and diagnostics) else 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_HELP)
@click.version_option(__version__, prog_name="notedeck")
def main() -> None:
    """Turn study notes (Markdown or plain text) into versioned Anki decks.

    No card markup: key terms, myths and reframes, acronyms and Q/A pairs are found in the
    notes as people write them.
    """


@main.command(epilog=EXIT_HELP)
@click.argument("notes", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]),
              default="table", show_default=True, help="Output format.")
@click.option("--kind", "kinds", multiple=True, help="Only cards of this kind (repeatable).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0,
              help="Only cards at least this confident.")
@click.option("--rules", is_flag=True, help="Show the rule and confidence of each card.")
@click.option("--deck", "root_deck", help="Deck name for the notes folder.")
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings.")
def cards(notes, fmt, kinds, min_confidence, rules, root_deck, strict):
    """Print the cards found in NOTES (files or folders) without building.

    With no NOTES, the example notes that ship with notedeck.
    """
    from .output import render_cards
    from .pipeline import Options, extract_cards
    result = extract_cards(_paths(notes), Options(root_deck=root_deck))
    found = [c for c in result.cards
             if (not kinds or c.kind in kinds) and c.confidence >= min_confidence]
    sys.stdout.write(render_cards(found, fmt, show_rule=rules))
    sys.exit(_report(result.all_diagnostics(), strict))


@main.command(epilog=EXIT_HELP)
@click.argument("notes", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default="decks",
              show_default=True, help="Folder for the versioned .apkg packages.")
@click.option("--cards-dir", type=click.Path(file_okay=False), default="cards",
              show_default=True, help="Folder for the card lock (commit it with your notes).")
@click.option("--deck", "root_deck", help="Deck name for the notes folder.")
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings.")
def build(notes, out_dir, cards_dir, root_deck, strict):
    """Build versioned Anki packages from NOTES (files or folders).

    With no NOTES, the example notes that ship with notedeck.
    """
    from .build import build_decks
    from .pipeline import Options
    paths = _paths(notes)
    if not notes and root_deck is None:
        root_deck = "notedeck examples"
    report = build_decks(paths, Path(out_dir), Path(cards_dir), Options(root_deck=root_deck),
                         echo=click.echo)
    sys.exit(_report(report.diagnostics, strict))


@main.command(epilog=EXIT_HELP)
@click.argument("notes", nargs=-1, type=click.Path())
@click.option("--cards-dir", type=click.Path(file_okay=False), default="cards",
              show_default=True, help="Folder of the card lock.")
@click.option("--deck", "root_deck", help="Deck name for the notes folder.")
def diff(notes, cards_dir, root_deck):
    """Show what the next build would change, card by card, without writing anything."""
    from .build import build_decks
    from .changelog import summary
    from .output import plain
    from .pipeline import Options
    if not notes and root_deck is None:
        root_deck = "notedeck examples"
    report = build_decks(_paths(notes), Path("decks"), Path(cards_dir),
                         Options(root_deck=root_deck), write=False)
    for plan in report.plans:
        if plan.version is None:
            click.echo(f"{plan.deck}: up to date (v{plan.previous})")
            continue
        old = f"v{plan.previous}" if plan.previous else "nothing"
        click.echo(f"{plan.deck}: {old} -> v{plan.version} ({plan.bump}): {summary(plan)}")
        for change in plan.changes:
            first = next(iter(change.card.fields.values()), "")
            click.echo(f"  {change.what:8} {change.card.kind:8} {plain(first)[:60]}  "
                       f"({change.card.source})")
        for old_name, new_name in plan.renames:
            click.echo(f"  renamed  {old_name} -> {new_name} (cards keep their GUIDs)")
    sys.exit(_report(report.diagnostics, False))


if __name__ == "__main__":  # pragma: no cover
    main()
