"""The command line: a thin layer over the library (the only module that imports click).

Conventions, as in git, ruff or pytest: a command's result goes to stdout (text, or one
JSON document with --format json); progress, logs, warnings and errors go to stderr. A
warning or error is one line naming its file (and line); -q leaves only those, -v adds
each file read and each candidate dropped; nothing prints a traceback unless --debug.
Exit codes: 0 ok; 1 a failed run (errors; with --strict warnings too; diff --exit-code:
changes); 2 usage errors. The library never prints: it returns Diagnostics, shown here.
"""
from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from .model import __version__

EXIT_HELP = """\b
Exit codes:
  0  ok
  1  build errors (with --strict: warnings too; diff --exit-code: changes)
  2  usage errors (bad options, bad notedeck.toml)"""
EXAMPLES_DECK = "notedeck examples"


@dataclass
class Output:
    """How much the user wants to hear, from -q/-v/--debug on the group or the command."""
    quiet: bool = False
    verbose: bool = False
    debug: bool = False


def _output() -> Output:
    # ctx.meta is shared by the group's context and the command's.
    return click.get_current_context().meta.setdefault("notedeck.output", Output())


def _set_output(ctx, param, value) -> None:
    if not value:
        return
    out = ctx.meta.setdefault("notedeck.output", Output())
    setattr(out, param.name, True)
    if out.quiet and out.verbose:
        raise click.UsageError("-q and -v cannot be used together", ctx)


def output_options(f):
    for decls, help_text in reversed((
            (("-q", "--quiet"), "Print only warnings and errors (no progress, no logs)."),
            (("-v", "--verbose"), "Also print each file read, each candidate dropped and "
                                  "why, and every warning one by one."),
            (("--debug",), "Show the traceback of an unexpected error."))):
        f = click.option(*decls, is_flag=True, expose_value=False, callback=_set_output,
                         help=help_text)(f)
    return f


class BadInput(click.ClickException):
    """A bad notedeck.toml or argument found after parsing: one line, exit status 2."""
    exit_code = 2


class NotedeckGroup(click.Group):
    """Every error ends as one line (``Error: ...``) and an exit status, never as a
    traceback (unless --debug)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            if ctx.meta.get("notedeck.output", Output()).debug:
                raise
            from .fsutil import WriteError
            if isinstance(exc, OSError) and exc.strerror:       # e.g. a folder not writable
                where = f"{exc.filename}: " if exc.filename else ""
                raise click.ClickException(f"{where}{exc.strerror}") from exc
            if isinstance(exc, (WriteError, OSError)):
                raise click.ClickException(str(exc)) from exc
            first = (str(exc).splitlines() or [""])[0]
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {first} (a bug in notedeck: run again with "
                "--debug and report the traceback)") from exc


notes_argument = click.argument("notes", nargs=-1, type=click.Path())
config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False),
                             help="notedeck.toml to use (default: ./notedeck.toml).")
deck_option = click.option("--deck", "root_deck", help="Deck name for a notes folder.")
strict_option = click.option("--strict", is_flag=True, default=None,
                             help="Exit 1 when there are warnings.")
jobs_option = click.option("-j", "--jobs", type=click.IntRange(0), default=None,
                           help="Processes to read notes with; 0 = all cores [default: 0].")


def _format_option(formats=("text", "json"), help_text="Text for people, JSON for tools."):
    return click.option("--format", "fmt", type=click.Choice(formats), default=formats[0],
                        show_default=True, help=help_text)


def _setup(notes, config_path, root_deck):
    """(paths, Options, Config) from the arguments: config, then the example notes."""
    from .config import ConfigError, find_config
    from .reading.sources import Options
    paths = [Path(n) for n in notes]
    try:
        config = find_config(Path(config_path) if config_path else None, paths)
    except ConfigError as exc:
        raise BadInput(str(exc)) from exc
    if not paths and not config.decks:
        from .reading.sources import example_notes
        paths = [example_notes()]
        root_deck = root_deck or EXAMPLES_DECK
    return paths, Options(root_deck=root_deck, deck=config.options, config=config), config


def _say_note(result) -> None:
    """-v: a note as it is read, and each candidate dropped with why."""
    if result.note is None:
        click.echo(f"skipped {result.source}", err=True)
        return
    click.echo(f"read {result.source}: {len(result.cards)} cards", err=True)
    for r in result.rejected:
        where = f"{result.source}:{r.line}" if r.line else result.source
        click.echo(f"  {where}: dropped {r.kind} '{r.text}': {r.reason}", err=True)
    for c in result.skipped:
        click.echo(f"  {result.source}:{c.line}: skipped {c.kind} '{c.key}' "
                   "(notedeck-skip, min_confidence or the extractors option)", err=True)


def _with_progress(paths, options, run, label="reading notes", each_note=True):
    """Call ``run(progress)``: under -v, each note said as it is read (``each_note``); on
    a terminal, a progress bar for long runs; else (piped, -q, a few notes) nothing."""
    from .reading.sources import plan_sources
    out = _output()
    if out.verbose and each_note:
        return run(_say_note)
    if out.quiet or out.verbose or not sys.stderr.isatty():
        return run(None)
    count = len(plan_sources(paths, options)[0])
    if count < 200:
        return run(None)
    with click.progressbar(length=count, label=label, file=sys.stderr) as bar:
        return run(lambda _: bar.update(1))


def _extract(paths, options, jobs=1, each_note=True):
    from .pipeline import extract_cards
    return _with_progress(paths, options,
                          lambda progress: extract_cards(paths, options, progress, jobs=jobs),
                          each_note=each_note)


def _logger(to_stderr: bool):
    """Where a command's log lines go: nowhere under -q; stderr when stdout carries JSON."""
    if _output().quiet:
        return lambda line: None
    return lambda line: click.echo(line, err=to_stderr)


refresh_option = click.option(
    "--refresh-sources", is_flag=True,
    help="Also send the cards of renamed or moved notes now, with their new source and "
         "obsidian:// link. This replaces those notes in Anki (edits made to them there are "
         "lost; review history is kept). Without it they update when their content next "
         "changes.")


def _finish(diagnostics, strict: bool, failed: bool = False):
    """Show the run's warnings and errors (kinds with many summed up, unless -v) and exit:
    1 for errors, or warnings with ``strict``, or ``failed``."""
    from .report.diagnostics import diagnostic_lines
    for line in diagnostic_lines(diagnostics, every=_output().verbose):
        click.echo(line, err=True)
    errors = any(d.level == "error" for d in diagnostics)
    warned = any(d.level == "warning" for d in diagnostics)     # (not "info": what was read)
    sys.exit(1 if failed or errors or (strict and warned) else 0)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


@click.group(cls=NotedeckGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EXIT_HELP)
@click.version_option(__version__, prog_name="notedeck")
@output_options
def main() -> None:
    """Turn study notes (Markdown or plain text) into versioned Anki decks.

    No card markup: key terms, myths and reframes, acronyms, Q/A pairs and lists to know
    are found in the notes as people write them. With no NOTES, commands use the decks of
    ./notedeck.toml, or else the example notes that ship with notedeck.
    """


@main.command(epilog=EXIT_HELP)
@notes_argument
@_format_option(("table", "json", "jsonl", "csv"), "Output format.")
@click.option("--kind", "kinds", multiple=True, help="Only cards of this kind (repeatable).")
@click.option("--note", "note_glob", help="Only cards from notes whose path matches this glob.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0,
              help="Only cards at least this confident.")
@click.option("--rules", is_flag=True, help="Show the rule and confidence of each card.")
@jobs_option
@deck_option
@config_option
@strict_option
@output_options
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
    _finish(list(config.warnings) + result.all_diagnostics(),
            config.strict if strict is None else strict)


@main.command(epilog=EXIT_HELP)
@notes_argument
@_format_option()
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Also write a readable HTML report with every card drawn.")
@deck_option
@config_option
@strict_option
@output_options
def check(notes, fmt, html_path, root_deck, config_path, strict):
    """Dry run for people: a one-screen summary of what NOTES give; with -v, note by note,
    the cards each would make and what was rejected, why. Exit 1 on errors (with
    --strict, on warnings too): a pre-commit gate."""
    from .fsutil import atomic_write
    from .report import check_notes, render_html, render_text
    from .report.summary import render_summary
    paths, options, config = _setup(notes, config_path, root_deck)
    result = _extract(paths, options, each_note=False)      # -v: the report says it all
    report = check_notes(result, config.warnings)
    if fmt == "json":
        sys.stdout.write(report.to_json())
    elif not _output().quiet:
        sys.stdout.write(render_summary(report, hint=not _output().verbose))
        if _output().verbose:
            sys.stdout.write("\n" + render_text(report))
    if html_path:
        atomic_write(Path(html_path), render_html(report))
        _logger(True)(f"wrote {html_path}")
    _finish(report.diagnostics, config.strict if strict is None else strict)


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
@refresh_option
@_format_option()
@jobs_option
@deck_option
@config_option
@strict_option
@output_options
def build(notes, out_dir, cards_dir, no_cache, retire, refresh_sources, fmt, jobs, root_deck,
          config_path, strict):
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
        paths, out, lock_dir, options, echo=_logger(fmt == "json"), progress=progress,
        jobs=config.jobs if jobs is None else jobs, cache_dir=cache, retire=retire,
        refresh_sources=refresh_sources, details=_output().verbose))
    _keep(report)
    if fmt == "json":
        from .report.changes import build_json
        _print_json(build_json(report, config.warnings))
    _finish(list(config.warnings) + report.diagnostics,
            config.strict if strict is None else strict)


def _mark(text: str, sign: str) -> str:
    """A word diff's change, coloured on a terminal (click drops colours elsewhere)."""
    if sign == "-":
        return click.style(f"[-{text}-]", fg="red")
    return click.style(f"{{+{text}+}}", fg="green")


@main.command(epilog=EXIT_HELP)
@notes_argument
@click.option("--cards-dir", type=click.Path(file_okay=False),
              help="Folder of the card lock [default: cards].")
@click.option("--exit-code", is_flag=True,
              help="Exit 1 when the next build would change anything, 0 when not.")
@refresh_option
@_format_option()
@deck_option
@config_option
@output_options
def diff(notes, cards_dir, exit_code, refresh_sources, fmt, root_deck, config_path):
    """Show what the next build would change, card by card, with each changed card's text
    before and after (a word diff: [-old-]{+new+}), without writing anything."""
    from .build import build_decks
    from .report.changes import diff_json, plan_lines
    paths, options, config = _setup(notes, config_path, root_deck)
    out, lock_dir = _build_dirs(config, None, cards_dir)
    report = _with_progress(paths, options, lambda progress: build_decks(
        paths, out, lock_dir, options, write=False, progress=progress,
        refresh_sources=refresh_sources, details=_output().verbose))
    _keep(report)
    if fmt == "json":
        _print_json(diff_json(report, config.warnings))
    elif not _output().quiet:
        for plan in report.plans:
            for line in plan_lines(plan, _mark):
                click.echo(line)
    changed = any(plan.version is not None for plan in report.plans)
    _finish(list(config.warnings) + report.diagnostics, False, failed=exit_code and changed)


@main.command(epilog=EXIT_HELP)
@click.argument("folder", type=click.Path(file_okay=False), default=".")
@click.option("--force", is_flag=True, help="Overwrite an existing notedeck.toml.")
@output_options
def init(folder, force):
    """Write a commented notedeck.toml (every key optional, defaults shown) in FOLDER."""
    from .config import CONFIG_NAME, TEMPLATE
    from .fsutil import atomic_write
    target = Path(folder) / CONFIG_NAME
    if target.exists() and not force:
        raise BadInput(f"{target} exists; use --force to overwrite it")
    atomic_write(target, TEMPLATE)
    _logger(False)(f"wrote {target}")


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
