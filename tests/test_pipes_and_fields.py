"""Inputs that are not plain files, and fields that must not be stored as read (issue: nothing
lost, nothing stale, nothing runs): a pipe given as a path is read once, whole; a named FIFO
never hangs; one raw NUL byte costs only its record; a link that is not http(s) and a date
that is not one day are kept as text, with a warning naming the file and line; a sidecar's
bad `body_end` or one over --max-size is not used."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from quotes.readers import InputError, ReadOptions, read_inputs, read_path
from quotes.readers import source as source_mod

A = "“Cooperation is close to zero,” Sergei Shoigu said."


def records(n: int) -> list[dict]:
    """`n` records, each its own text: over 8 KB in all, so a second read of the pipe loses some."""
    return [{"id": str(i), "text": f"Record {i}: " + "words of the article " * 10 + A} for i in range(n)]


def read_all(paths, options=None, *, unblock: Path | None = None):
    """The articles and errors of `paths`. `unblock`: a FIFO that, should the reading still wait
    on it after a minute (a hang), is opened for writing so that the reading ends and the test
    fails instead of hanging."""
    errors: list[InputError] = []
    out: list = []

    def read():
        out.extend(read_inputs([str(p) for p in paths], options, on_error=errors.append))

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(60)
    hung = thread.is_alive()
    if hung and unblock is not None:
        fd = os.open(unblock, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(10)
    assert not hung, "the reading hung"
    return out, errors


def writer(fd_or_path, data: bytes) -> threading.Thread:
    def write():
        if isinstance(fd_or_path, int):
            with os.fdopen(fd_or_path, "wb") as f:
                f.write(data)
        else:
            with open(fd_or_path, "wb") as f:
                f.write(data)
    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("name", ["dev-fd", "named-fifo"])
def test_a_pipe_given_as_a_path_is_read_once_whole(tmp_path, name):
    """A JSON feed piped in (`cat feed.json | quotes ingest /dev/stdin`), or in a FIFO: no
    extension, so its format is sniffed and its size checked, from the one read of it."""
    expected = records(120)
    data = json.dumps(expected, indent=1).encode("utf-8")
    if name == "dev-fd":  # what `quotes ingest <(cat feed)` and `/dev/stdin` name
        r, w = os.pipe()
        path = f"/dev/fd/{r}"
        thread = writer(w, data)
    else:
        path = tmp_path / name
        os.mkfifo(path)
        thread = writer(path, data)
    try:
        articles, errors = read_all([path], unblock=None if name == "dev-fd" else path)
    finally:
        if name == "dev-fd":
            os.close(r)
    thread.join(10)
    assert errors == []
    assert [(a.id, a.text) for a in articles] == [(r["id"], r["text"]) for r in expected]


def test_a_named_fifo_of_text_is_read_whole_not_opened_twice(tmp_path):
    text = "Headline\n\n" + ("A sentence of the article. " * 600) + A  # 16 KB: over one read buffer
    path = tmp_path / "story.txt"
    os.mkfifo(path)
    thread = writer(path, text.encode("utf-8"))
    articles, errors = read_all([path], unblock=path)
    thread.join(10)
    assert errors == []
    assert [a.text for a in articles] == [text]


def test_a_fifo_nothing_writes_to_is_refused_by_name(tmp_path, monkeypatch):
    monkeypatch.setattr(source_mod, "FIFO_WAIT", 0.2)
    path = tmp_path / "silent.jsonl"
    os.mkfifo(path)
    articles, errors = read_all([path], unblock=path)
    assert articles == []
    assert [(e.path, e.kind) for e in errors] == [(str(path), "unreadable")]
    assert "named pipe" in errors[0].message


def test_a_fifo_inside_a_directory_is_reported_not_passed_over(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(A, encoding="utf-8")
    os.mkfifo(tmp_path / "d" / "feed.jsonl")
    articles, errors = read_all([tmp_path / "d"])
    assert [a.text for a in articles] == [A]
    assert [(e.path, e.level) for e in errors] == [(str(tmp_path / "d" / "feed.jsonl"), "warning")]
    assert "named pipe" in errors[0].message


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_one_raw_nul_byte_skips_only_its_record(tmp_path, fmt):
    good = [f"{A} Number {i}." for i in range(50)]
    if fmt == "jsonl":
        lines = [json.dumps({"id": i, "text": t}).encode() for i, t in enumerate(good)]
        lines.insert(3, b'{"id": "bad", "text": "He said\x00 so."}')
        data = b"\n".join(lines) + b"\n"
        bad_line = 4
    else:
        lines = [f'{i},"{t}"'.encode() for i, t in enumerate(good)]
        lines.insert(3, b'bad,"He said\x00 so."')
        data = b"id,text\n" + b"\n".join(lines) + b"\n"
        bad_line = 5
    path = tmp_path / f"feed.{fmt}"
    path.write_bytes(data)
    articles, errors = read_all([path])
    assert [a.text for a in articles] == good
    assert [(e.path, e.line, e.kind) for e in errors] == [(str(path), bad_line, "binary")]
    assert "NUL" in errors[0].message


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)",
                                 "java\tscript:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
                                 "vbscript:msgbox(1)", "//evil.example/x"])
def test_a_link_that_is_not_http_is_kept_as_text_with_a_warning(tmp_path, url):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x"}) + "\n" + json.dumps({"id": "b", "text": A, "url": url}) + "\n",
                    encoding="utf-8")
    articles, errors = read_all([path])
    b = articles[1]
    assert b.url is None and b.meta["url_text"] == url.strip()
    assert [(e.path, e.line, e.level, e.kind) for e in errors] == [(str(path), 2, "warning", "url")]


def test_a_link_in_csv_and_in_a_sidecar_is_checked_too(tmp_path):
    csv_path = tmp_path / "f.csv"
    csv_path.write_text(f'id,url,text\n1,https://news.example/a,"{A}"\n2,JaVaScRiPt:alert(1),"{A} Two."\n',
                        encoding="utf-8")
    (tmp_path / "s.txt").write_text(A, encoding="utf-8")
    (tmp_path / "s.json").write_text(json.dumps({"url": "javascript:alert(1)"}), encoding="utf-8")
    articles, errors = read_all([csv_path, tmp_path / "s.txt"])
    assert [a.url for a in articles] == ["https://news.example/a", None, None]
    assert [(e.path, e.line) for e in errors] == [(str(csv_path), 3), (str(tmp_path / "s.txt"), None)]


@pytest.mark.parametrize("value, expected", [
    ("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10"),
    ("June 1, 2024", "2024-06-01"),
    ("1 June 2024", "2024-06-01"),
    ("1717200000", "2024-06-01"),
    (1717200000, "2024-06-01"),
    ("2024-06-01T10:00:00Z", "2024-06-01"),
    ("2024/06/01", "2024-06-01"),
    ("13/01/2024", "2024-01-13"),
])
def test_unambiguous_dates_are_stored_as_iso(value, expected):
    from quotes.readers.fields import parse_published

    assert parse_published(value) == (expected, None)


@pytest.mark.parametrize("value", ["06/01/2024", "2024-02-30", "June 2024", "yesterday", "31/31/2024"])
def test_ambiguous_or_invalid_dates_are_not(value):
    from quotes.readers.fields import parse_published

    iso, problem = parse_published(value)
    assert iso is None and problem


def test_a_date_kept_raw_is_warned_about_by_file_and_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": f"{A} {i}", "published": d}) + "\n"
                            for i, d in enumerate(["Tue, 10 Jun 2003 04:00:00 GMT", "06/01/2024", "2024-02-30"])),
                    encoding="utf-8")
    articles, errors = read_all([path])
    assert [a.published for a in articles] == ["2003-06-10", None, None]
    assert [a.meta.get("published_text") for a in articles] == [None, "06/01/2024", "2024-02-30"]
    assert [(e.line, e.kind, e.level) for e in errors] == [(2, "date", "warning"), (3, "date", "warning")]


def test_safe_link():
    from quotes.readers.fields import safe_link

    assert safe_link("https://a.example/x") == "https://a.example/x"
    assert safe_link("HTTP://A.example") == "HTTP://A.example"
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("https://") is None


@pytest.mark.parametrize("body_end", [-5, True, "12", 10_000])
def test_a_sidecar_body_end_that_is_no_offset_is_ignored_with_a_warning(tmp_path, body_end):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"title": "T", "body_end": body_end}), encoding="utf-8")
    errors: list[InputError] = []
    [article] = read_path(str(tmp_path / "a.txt"), ReadOptions(find_trailing=False), errors.append)
    assert article.body_end is None and article.title == "T"
    assert [(e.path, e.kind, e.level) for e in errors] == [(str(tmp_path / "a.json"), "sidecar", "warning")]


def test_a_jsonl_body_end_of_true_is_not_an_offset(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({"id": "a", "text": A, "body_end": True}) + "\n", encoding="utf-8")
    [article] = read_path(str(path), ReadOptions(find_trailing=False), lambda e: None)
    assert article.body_end is None


def test_a_sidecar_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    side = tmp_path / "a.json"
    side.write_text(json.dumps({"title": "T", "notes": "x" * 5000}), encoding="utf-8")
    opened = []
    original = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: opened.append(self) or original(self, *a, **k))
    errors: list[InputError] = []
    [article] = read_path(str(tmp_path / "a.txt"), ReadOptions(max_bytes=1000), errors.append)
    assert article.title is None and side not in opened
    assert [(e.path, e.kind) for e in errors] == [(str(side), "sidecar")] and "--max-size" in errors[0].message


def test_two_texts_through_the_same_pipe_path_are_two_articles(tmp_path):
    """`quotes ingest <(cat a.txt)` then `<(cat b.txt)` both name /dev/fd/63: like standard
    input, each text gets an id from its own hash, so the second is not taken for an update."""
    ids = []
    for text in ("“We can try,” Ben Wallace said.", A):
        path = tmp_path / "story.txt"
        if path.exists():
            path.unlink()
        os.mkfifo(path)
        thread = writer(path, text.encode("utf-8"))
        articles, errors = read_all([path], unblock=path)
        thread.join(10)
        assert errors == [] and [a.text for a in articles] == [text]
        ids.append(articles[0].id)
    assert ids[0] != ids[1] and all(i.startswith("story-") for i in ids)
