"""The command line is one tool: `-h` is help in every command, no short letter means two things,
`--db` defaults to the same file everywhere, each command's help line says something different,
a bad argument is one line, and the ingest progress bar has a total, a rate and an ETA."""
from __future__ import annotations

import io
import json
import re

import click
from click.testing import CliRunner

from quotes.cli import DEFAULT_DB, cli
from quotes.ingest import progress_bar
from quotes.readers.counting import count_articles


def commands(group: click.Group = cli, prefix: str = "quotes"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix} {name}")


def test_dash_h_is_help_in_every_command():
    runner = CliRunner()
    for path, _ in [("quotes", cli), *commands()]:
        result = runner.invoke(cli, [*path.split()[1:], "-h"], prog_name="quotes")
        assert result.exit_code == 0, (path, result.output)
        assert result.output.startswith(f"Usage: {path}"), (path, result.output[:200])


def test_no_short_letter_means_two_things():
    meanings: dict[str, set[str]] = {}
    for _, command in commands():
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts + param.secondary_opts:
                    if re.fullmatch(r"-[a-zA-Z]", opt):
                        meanings.setdefault(opt, set()).add(max(param.opts, key=len))
    assert {k: v for k, v in meanings.items() if len(v) > 1} == {}
    assert meanings["-p"] == {"--processes"} and "-h" not in meanings


def test_db_defaults_the_same_everywhere():
    defaults = {}
    for path, command in commands():
        for param in command.params:
            if isinstance(param, click.Option) and "--db" in param.opts:
                defaults[path] = (param.default, param.required)
    assert set(defaults) >= {"quotes ingest", "quotes serve", "quotes export", "quotes check",
                             "quotes speakers merge", "quotes speakers rename"}
    assert set(defaults.values()) == {(DEFAULT_DB, False)}, defaults


def test_help_lines_are_distinct_and_whole():
    result = CliRunner().invoke(cli, ["-h"], prog_name="quotes")
    lines = dict(re.findall(r"^  (\w+)\s+(.+)$", result.output.split("Commands:")[1], re.M))
    assert set(lines) == set(cli.commands)
    assert len(set(lines.values())) == len(lines), lines
    assert not any(v.endswith("...") for v in lines.values()), lines


def test_bad_arguments_are_one_line(tmp_path):
    runner = CliRunner()
    db = tmp_path / "q.db"
    db.write_bytes(b"")
    for args in (["serve", "--bogus"], ["export", "--db", str(db), "--since", "soon"], ["ingest"],
                 ["check", "--limit", "0", "x"], ["serve", "--port", "99999"]):
        result = runner.invoke(cli, args, prog_name="quotes")
        assert result.exit_code == 2, (args, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, (args, result.output)
        command = " ".join(["quotes", args[0]])
        assert lines[0].startswith(f"{command}: error: ") and lines[0].endswith(f"({command} -h for help)"), lines


def test_an_empty_claim_is_an_error(tmp_path):
    db = tmp_path / "q.db"
    db.write_bytes(b"")
    for claim in ("", "   "):
        result = CliRunner().invoke(cli, ["check", claim, "--db", str(db)])
        assert result.exit_code == 2, result.output
        assert "the claim is empty" in result.output and "not found" not in result.output


def test_ingest_db_is_optional(tmp_path, monkeypatch):
    """`quotes ingest PATHS` writes quotes.db, as `check` and `export` read it."""
    import quotes.ingest

    seen = {}

    def fake_ingest(paths, db, **kwargs):
        seen["db"] = db
        raise SystemExit(0)

    monkeypatch.setattr(quotes.ingest, "ingest", fake_ingest)
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert seen["db"] == DEFAULT_DB


def test_progress_bar_has_a_total_rate_and_eta(tmp_path, monkeypatch):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": "x"}) + "\n" for i in range(40)) + "\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text("text")
    (folder / "0.json").write_text("{}")  # a sidecar, not an article
    assert count_articles([str(feed), str(folder)]) == 43
    assert count_articles(["-"]) is None
    out = io.StringIO()
    monkeypatch.setattr("sys.stderr", out)
    bar = progress_bar(True, 43)
    bar.update(1)
    bar.refresh()
    text = out.getvalue().replace("\r", "\n").strip().splitlines()[-1]
    assert re.search(r"1/43 articles \[\d\d:\d\d<[\d:?]+, +[\d.?]+ articles/s", text), text
    # not the count "1 articles" (a rate such as "2.1 articles/s" holds those words too)
    assert not re.search(r"(?<![\d.])1 articles(?!/s)", text) and "s/ articles" not in text
    bar.close()
    out = io.StringIO()
    monkeypatch.setattr("sys.stderr", out)
    bar = progress_bar(True, None)
    bar.update(1)
    bar.refresh()
    assert re.search(r"ingest: 1 articles? \[\d\d:\d\d, +[\d.?]+ articles/s", out.getvalue()), out.getvalue()
    bar.close()
