"""The command line's shared input options, collected into one `ReadOptions`."""
from __future__ import annotations

import re

import click

from ..readers.options import DEFAULT_FIELDS, DEFAULT_MAX_BYTES, ReadOptions

_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


class ByteSize(click.ParamType):
    """A size in bytes: `5000000`, `50MB`, `2G` (binary units); 0 for no limit."""

    name = "SIZE"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*", str(value), re.I)
        if not m:
            self.fail(f"{value!r} is not a size (examples: 500000, 50MB, 1G)", param, ctx)
        return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def _names(field: str) -> str:
    return ", ".join(DEFAULT_FIELDS[field])


_OPTIONS = [
    click.option("--input-format", type=click.Choice(["auto", "txt", "jsonl", "json", "csv", "html", "warc"]),
                 default="auto", show_default=True,
                 help="Read every input as this format; auto chooses by extension (.txt .jsonl .json .csv "
                      ".html/.htm .warc, each also .gz) and by content for standard input and other names."),
    click.option("--glob", metavar="PATTERN", default=None,
                 help="Files to read inside directories, searched recursively (e.g. '*.html'); "
                      "default: every file with a supported extension."),
    click.option("--text-field", metavar="NAME", default=None,
                 help=f"JSON/CSV field holding the article text; default the first of {_names('text')}. "
                      "A dotted name (meta.body) reaches into nested objects."),
    click.option("--id-field", metavar="NAME", default=None,
                 help=f"Field holding the article id; default {_names('id')}, else a hash of the text."),
    click.option("--title-field", metavar="NAME", default=None,
                 help=f"Field holding the title; default {_names('title')}."),
    click.option("--url-field", metavar="NAME", default=None,
                 help=f"Field holding the URL; default {_names('url')}."),
    click.option("--date-field", metavar="NAME", default=None,
                 help=f"Field holding the publication date; default {_names('date')}."),
    click.option("--author-field", "byline_field", metavar="NAME", default=None,
                 help=f"Field holding the author(s)/byline; default {_names('byline')}."),
    click.option("--outlet-field", metavar="NAME", default=None,
                 help=f"Field holding the outlet or site name; default {_names('outlet')}."),
    click.option("--max-size", "max_bytes", type=ByteSize(), default=DEFAULT_MAX_BYTES, show_default="50MB",
                 help="Skip (and report) any document larger than this: a whole .txt/.html/.json file "
                      "after decompression, or one JSONL line, CSV row or WARC record. 0: no limit."),
    click.option("--id", "stdin_id", metavar="ID", default=None,
                 help="The id of the article read from standard input (-); default stdin- and a hash of its text."),
    click.option("--trailing/--no-trailing", "find_trailing", default=True, show_default=True,
                 help="Look for trailing matter (bylines, related-article lists, image captions) after "
                      "the article body in plain text; quotes there are marked as outside the body."),
]
KEYS = tuple(ReadOptions.model_fields)


def input_options(command):
    """Add the input options to a click command. It receives them as keyword arguments named
    like `ReadOptions`' fields (`input_format`, `glob`, `text_field`, ..., `max_bytes`,
    `find_trailing`); `read_options_from(kwargs)` takes them out as one `ReadOptions`."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def read_options_from(kwargs: dict) -> ReadOptions:
    """Pop the input options out of a command's keyword arguments into a `ReadOptions`."""
    given = {key: kwargs.pop(key) for key in KEYS if key in kwargs}
    return ReadOptions(**{key: value for key, value in given.items() if value is not None})
