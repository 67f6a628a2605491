"""The command line: a thin layer over the library (the only module that imports click).

Exit codes: 0 ok; 1 build errors (or warnings with --strict); 2 usage errors.
"""
from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click

from .model import __version__

EXIT_HELP = """\b
Exit codes:
  0  ok
  1  build errors (with --strict: warnings too)
  2  usage errors (bad options, bad notedeck.toml)"""
EXAMPLES_DECK = "notedeck examples"

notes_argument = click.argument("notes", nargs=-1, type=click.Path())
config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False),
                             help="notedeck.toml to use (default: ./notedeck.toml).")
deck_option = click.option("--deck", "root_deck", help="Deck name for a notes folder.")
strict_option = click.option("--strict", is_flag=True, default=None,
                             help="Exit 1 when there are warnings.")


def _setup(notes, config_path, root_deck):
    """(paths, Options, Config) from the arguments: config, then the example notes."""
    from .config import ConfigError, find_config
    from .reading.sources import Options
    paths = [Path(n) for n in notes]
    try:
        config = find_config(Path(config_path) if config_path else None, paths)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if not paths and not config.decks:
        from .reading.sources import example_notes
        paths = [example_notes()]
        root_deck = root_deck or EXAMPLES_DECK
    return paths, Options(root_deck=root_deck, deck=config.options, config=config), config


def _with_progress(paths, options, run, label="reading notes"):
    """Call ``run(progress)`` with a progress bar on a terminal for long runs (quiet when
    piped or for a few notes)."""
    from .reading.sources import plan_sources
    if not sys.stderr.isatty():
        return run(None)
    count = len(plan_sources(paths, options)[0])
    if count < 200:
        return run(None)
    with click.progressbar(length=count, label=label, file=sys.stderr) as bar:
        return run(lambda _: bar.update(1))


def _extract(paths, options, jobs=1):
    from .pipeline import extract_cards
    return _with_progress(paths, options,
                          lambda progress: extract_cards(paths, options, progress, jobs=jobs))


jobs_option = click.option("-j", "--jobs", type=click.IntRange(0), default=None,
                           help="Processes to read notes with; 0 = all cores [default: 0].")


def _report(diagnostics, strict: bool) -> int:
    for d in diagnostics:
        click.echo(str(d), err=True)
    errors = [d for d in diagnostics if d.level == "error"]
    return 1 if errors or (strict and any(d.level != "info" for d in diagnostics)) else 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_HELP)
@click.version_option(__version__, prog_name="notedeck")
def main() -> None:
    """Turn study notes (Markdown or plain text) into versioned Anki decks.

    No card markup: key terms, myths and reframes, acronyms, Q/A pairs and lists to know
    are found in the notes as people write them. With no NOTES, commands use the decks of
    ./notedeck.toml, or else the example notes that ship with notedeck.
    """


@main.command(epilog=EXIT_HELP)
@notes_argument
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]),
              default="table", show_default=True, help="Output format.")
@click.option("--kind", "kinds", multiple=True, help="Only cards of this kind (repeatable).")
@click.option("--note", "note_glob", help="Only cards from notes whose path matches this glob.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0,
              help="Only cards at least this confident.")
@click.option("--rules", is_flag=True, help="Show the rule and confidence of each card.")
@jobs_option
@deck_option
@config_option
@strict_option
def cards(notes, fmt, kinds, note_glob, min_confidence, rules, jobs, root_deck, config_path,
          strict):
    """Print the cards found in NOTES (files or folders) without building."""
    import fnmatch

    from .report import render_cards
    paths, options, config = _setup(notes, config_path, root_deck)
    result = _extract(paths, options, config.jobs if jobs is None else jobs)
    found = [c for c in result.cards
             if (not kinds or c.kind in kinds) and c.confidence >= min_confidence
             and (not note_glob or fnmatch.fnmatch(c.source, note_glob))]
    sys.stdout.write(render_cards(found, fmt, show_rule=rules))
    sys.exit(_report(list(config.warnings) + result.all_diagnostics(),
                     config.strict if strict is None else strict))


@main.command(epilog=EXIT_HELP)
@notes_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Text for people, JSON for tools.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Also write a readable HTML report with every card drawn.")
@deck_option
@config_option
@strict_option
def check(notes, fmt, html_path, root_deck, config_path, strict):
    """Dry run for people: per note, the cards it would make and what was rejected, why."""
    from .fsutil import atomic_write
    from .report import check_notes, render_html, render_text
    paths, options, config = _setup(notes, config_path, root_deck)
    result = _extract(paths, options)
    report = check_notes(result)
    sys.stdout.write(report.to_json() if fmt == "json" else render_text(report))
    if html_path:
        atomic_write(Path(html_path), render_html(report))
        click.echo(f"wrote {html_path}", err=True)
    sys.exit(_report(list(config.warnings) + result.all_diagnostics(),
                     config.strict if strict is None else strict))


def _build_dirs(config, out_dir, cards_dir):
    root = config.root if config.path else Path.cwd()
    return (Path(out_dir) if out_dir else root / config.output,
            Path(cards_dir) if cards_dir else root / config.cards)


@main.command(epilog=EXIT_HELP)
@notes_argument
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False),
              help="Folder for the versioned .apkg packages [default: decks].")
@click.option("--cards-dir", type=click.Path(file_okay=False),
              help="Folder for the card lock; commit it with your notes [default: cards].")
@click.option("--no-cache", is_flag=True,
              help="Re-read every note (the cache in .notedeck-cache/ is safe to delete).")
@click.option("--retire", metavar="DECK", multiple=True,
              help="Retire every card of DECK although none of its notes is in this build "
                   "(its notes are gone for good). Repeatable.")
@jobs_option
@deck_option
@config_option
@strict_option
def build(notes, out_dir, cards_dir, no_cache, retire, jobs, root_deck, config_path, strict):
    """Build versioned Anki packages from NOTES (files or folders).

    Writes decks/<deck>/<deck>-X.Y.Z.apkg and its CHANGELOG.md when a deck changed, and
    keeps the card lock under cards/. Import the newest .apkg into Anki or AnkiDroid.
    """
    from .build import build_decks
    from .versioning.workspace import default_cache_dir
    paths, options, config = _setup(notes, config_path, root_deck)
    out, lock_dir = _build_dirs(config, out_dir, cards_dir)
    cache = None if no_cache else default_cache_dir(lock_dir)
    report = _with_progress(paths, options, lambda progress: build_decks(
        paths, out, lock_dir, options, echo=click.echo, progress=progress,
        jobs=config.jobs if jobs is None else jobs, cache_dir=cache, retire=retire))
    _keep(report)
    sys.exit(_report(list(config.warnings) + report.diagnostics,
                     config.strict if strict is None else strict))


@main.command(epilog=EXIT_HELP)
@notes_argument
@click.option("--cards-dir", type=click.Path(file_okay=False),
              help="Folder of the card lock [default: cards].")
@deck_option
@config_option
def diff(notes, cards_dir, root_deck, config_path):
    """Show what the next build would change, card by card, without writing anything."""
    from .build import build_decks
    from .report import plain
    from .versioning.changelog import summary
    paths, options, config = _setup(notes, config_path, root_deck)
    out, lock_dir = _build_dirs(config, None, cards_dir)
    report = build_decks(paths, out, lock_dir, options, write=False)
    _keep(report)
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
    sys.exit(_report(list(config.warnings) + report.diagnostics, False))


@main.command(epilog=EXIT_HELP)
@click.argument("folder", type=click.Path(file_okay=False), default=".")
@click.option("--force", is_flag=True, help="Overwrite an existing notedeck.toml.")
def init(folder, force):
    """Write a commented notedeck.toml (every key optional, defaults shown) in FOLDER."""
    from .config import CONFIG_NAME, TEMPLATE
    from .fsutil import atomic_write
    target = Path(folder) / CONFIG_NAME
    if target.exists() and not force:
        raise click.UsageError(f"{target} exists; use --force to overwrite it")
    atomic_write(target, TEMPLATE)
    click.echo(f"wrote {target}")


# A build's report holds every card of the build: under run(), it is kept to the end of
# the process, which then exits without freeing them one by one (seconds for a big vault).
_KEPT: list | None = None


def _keep(report) -> None:
    if _KEPT is not None:
        _KEPT.append(report)


def run() -> None:
    """The ``notedeck`` program: main(), then exit without tearing the heap down.

    A build holds millions of small objects until its end; freeing them one by one at
    interpreter exit took a quarter of a second after the work was done. Everything the
    command writes is closed (and synced) by then, so only the output streams are flushed.
    """
    # A build makes millions of small objects that live to its end and form no cycles
    # (reference counting frees everything else): the cycle collector only re-walks them,
    # 8-10 % of a rebuild. It is off in this process; the workers that parse notes turn it
    # back on (pipeline._run), since parsing does leave cycles behind.
    global _KEPT
    gc.disable()
    _KEPT = []
    try:
        main()
        code = 0
    except SystemExit as exc:       # click ends every command with one
        if isinstance(exc.code, int) or exc.code is None:
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()



