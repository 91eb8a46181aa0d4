"""The bad inputs of `attack.py`: the issue's, then our own. Each builds its files in a folder and
says what a clean run reports (`says`: text in standard error), its exit status and which texts
it stores besides the good article."""
from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GOOD_TEXT = "“We can try,” Ben Wallace said on Tuesday.\n"
A = "“Cooperation is close to zero,” Sergei Shoigu said."
B = "“Talks will go on,” the minister told reporters."
PLAIN = "Talks went on all day said the minister."
PLAIN2 = "Nobody expected a breakthrough in one day."


@dataclass
class Case:
    name: str
    about: str
    build: Callable[[Path], tuple[list, bytes | None]]
    status: int = 1
    says: tuple[str, ...] = ()
    stored: tuple[str, ...] = ()
    options: tuple[str, ...] = ("-p", "1")
    timeout: float = 240
    as_nobody: bool = False
    again: bytes | None = None  # standard input for a second run into the same database
    shell: str | None = None  # a bash line run first, in the folder, before `exec`ing the command (`exec 3< <(cat x)`)

    def prefix(self, folder: Path) -> list[str] | None:
        if self.shell:
            return ["bash", "-c", f'{self.shell}; exec "$@"', "bash"]
        return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if self.as_nobody else None


def put(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def files(*names_and_data):
    def build(folder: Path):
        return [put(folder / n, d) for n, d in names_and_data], None
    return build


def _gz_line(folder: Path):
    path = folder / "huge-line.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write(jsonl({"id": "a", "text": A}).encode())
        f.write(b'{"id": "big", "text": "')
        block = b"x" * (1 << 20)
        for _ in range(1024):  # 1 GB, about 1 MB compressed
            f.write(block)
        f.write(b'"}\n')
        f.write(jsonl({"id": "b", "text": B}).encode())
    return [path], None


def _bomb(folder: Path):
    path = folder / "bomb.txt.gz"
    with gzip.open(path, "wb", compresslevel=9) as f:
        for _ in range(200):
            f.write(b" " * (1 << 20))
    return [path], None


def _warc(records, gz=False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, body, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return out.getvalue()


def _page(text: str) -> bytes:
    return f"<html><body><article><p>{text}</p><p>{'Words of the article, said plainly. ' * 12}</p></article></body></html>".encode()


def _truncated_warc(folder: Path):
    data = _warc([("https://a.example/1", _page(A), "text/html"), ("https://a.example/2", _page(B), "text/html")])
    return [put(folder / "cut.warc", data[:-200])], None


def _locked_dir(folder: Path):
    os.chmod(folder, 0o777)
    (folder / "open").mkdir()
    put(folder / "open" / "a.txt", A)
    (folder / "locked").mkdir()
    put(folder / "locked" / "b.txt", B)
    os.chmod(folder / "locked", 0o000)
    for p in (folder / "open", folder / "open" / "a.txt", folder / "good.txt"):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    return [folder / "open", folder / "locked"], None


def _cut_gzip(folder: Path):
    data = gzip.compress(jsonl(*({"id": f"r{i}", "text": f"{A} Item {i} " + "and more words " * 300}
                                 for i in range(40))).encode())
    return [put(folder / "cut.jsonl.gz", data[: len(data) * 2 // 3])], None


def _two_dumps(folder: Path):
    a = put(folder / "a.jsonl", jsonl({"id": 1, "text": A}, {"id": 2, "text": B}))
    b = put(folder / "b.jsonl", jsonl({"id": 1, "text": A + " Again."}, {"id": 2, "text": B + " Again."}))
    return [a, b], None


def _loop_dir(folder: Path):
    (folder / "d").mkdir()
    put(folder / "d" / "a.txt", A)
    os.symlink(folder / "d", folder / "d" / "loop")
    return [folder / "d"], None


def _dev_zero(folder: Path):
    return ["/dev/zero"], None


def _deep_html(folder: Path):
    return [put(folder / "deep.html", "<html><body>" + "<div>" * 100_000 + A + "</div>" * 100_000 + "</body></html>")], None


def _long_line(folder: Path):
    return [put(folder / "one-line.txt", (A + " ") + "word " * 60_000)], None


FEED = [{"id": str(i), "text": f"Record {i}: the talks went on. " + A} for i in range(120)]
LONG_TEXT = "Talks in Geneva\n\n" + "\n\n".join(f"{i}. " + A + " The talks went on all day in the old hall." * 3
                                              for i in range(60))


def _fifo(name: str, data: bytes | None):
    """A named pipe in the folder, and a writer (`cat`, in the background, given up on after
    5 minutes) when there is `data`."""
    def build(folder: Path):
        fifo = folder / name
        os.mkfifo(fifo)
        if data is not None:
            src = put(folder / (name + ".src"), data)
            subprocess.Popen(["timeout", "300", "sh", "-c", f'cat "{src}" > "{fifo}"'],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        return [fifo], None
    return build


def _fifo_in_dir(folder: Path):
    (folder / "d").mkdir()
    put(folder / "d" / "a.txt", A)
    os.mkfifo(folder / "d" / "feed.jsonl")
    return [folder / "d"], None


def _nul_lines(fmt: str):
    good = [f"{A} Number {i}." for i in range(50)]
    if fmt == "jsonl":
        lines = [json.dumps({"id": i, "text": t}).encode() for i, t in enumerate(good)]
        lines.insert(2, b'{"id": "bad", "text": "He said\x00 so."}')
        data = b"\n".join(lines) + b"\n"
    else:
        lines = [f'{i},"{t}"'.encode() for i, t in enumerate(good)]
        lines.insert(1, b'bad,"He said\x00 so."')
        data = b"id,text\n" + b"\n".join(lines) + b"\n"
    return files((f"nul.{fmt}", data)), tuple(good)


def _sidecar(name: str, meta: dict):
    def build(folder: Path):
        put(folder / f"{name}.json", json.dumps(meta))
        return [put(folder / f"{name}.txt", A)], None
    return build


INPUTS: list[Case] = [
    # --- the inputs ---
    Case("surrogate-p1", "JSONL record with a lone surrogate (\\ud800), one process",
         files(("s.jsonl", jsonl({"id": "a", "text": A}, '{"id": "b", "text": "He said \\ud800 it."}', {"id": "c", "text": B}))),
         status=0, says=("s.jsonl:2", "U+FFFD"), stored=(A, "He said \ufffd it.", B)),
    Case("surrogate-p2", "the same with two processes",
         files(("s.jsonl", jsonl({"id": "a", "text": A}, '{"id": "b", "text": "He said \\ud800 it."}', {"id": "c", "text": B}))),
         status=0, says=("s.jsonl:2",), stored=(A, "He said \ufffd it.", B), options=("-p", "2")),
    Case("csv-10mb-field", "CSV with one 10 MB text field (under --max-size)",
         files(("big.csv", "id,text\n1,\"" + A + "\"\n2,\"" + ("Some words here. " * 620_000) + "\"\n3,\"" + B + "\"\n")),
         says=("big.csv", "took longer than 60 s"), stored=(A, B), options=("-p", "1", "--article-timeout", "60"), timeout=400),
    Case("gz-1gb-line", "a 1 GB line inside a 1 MB .jsonl.gz", _gz_line,
         says=("huge-line.jsonl.gz:2", "larger than the size limit"), stored=(A, B), timeout=400),
    Case("quote-marks", "100,000 consecutive \" marks (a 100 KB file)",
         files(("marks.txt", A + "\n\n" + '"' * 100_000 + "\n\n" + B + "\n")), status=0,
         stored=(A + "\n\n" + '"' * 100_000 + "\n\n" + B + "\n",)),
    Case("json-deep", "a JSON line nested 10,000 deep",
         files(("deep.jsonl", jsonl({"id": "a", "text": A}, "[" * 10_000 + "]" * 10_000, {"id": "c", "text": B}))),
         says=("deep.jsonl:2", "nested too deeply"), stored=(A, B)),
    Case("warc-truncated", "an uncompressed WARC whose last record is cut short", _truncated_warc,
         says=("cut.warc", "https://a.example/2", "truncated"), stored=None),
    Case("dir-unreadable", "a subdirectory that cannot be listed (run as nobody)", _locked_dir,
         says=("locked", "Permission denied"), stored=(A,), as_nobody=True),
    Case("csv-unclosed", "an unclosed quote in a CSV row",
         files(("u.csv", 'id,title,text\n1,First,"He said ""yes"" and left.\n2,Second,' + PLAIN + '\n'
                '3,Third,"We can try," Ben said, "and move on."\n4,Fourth,' + PLAIN2 + "\n")),
         says=("u.csv:2", "u.csv:4"), stored=(PLAIN, PLAIN2)),
    Case("stdin-twice", "two ingests of different texts from standard input",
         lambda folder: (["-"], A.encode()), status=0, stored=(A, B), again=B.encode()),
    Case("two-dumps", "two dumps that number their records 1..N", _two_dumps, status=0,
         stored=(A, B, A + " Again.", B + " Again.")),
    # --- our own ---
    Case("bad-utf8", "a JSONL line with bytes that are not UTF-8",
         files(("b.jsonl", jsonl({"id": "a", "text": A}).encode() + b'{"id": "b", "text": "caf\xe9 said"}\n')),
         status=0, says=("b.jsonl:2", "not valid UTF-8"), stored=(A, "caf\ufffd said")),
    Case("utf16", "UTF-16 text", files(("u16.txt", A.encode("utf-16"))), says=("u16.txt", "UTF-16"), stored=()),
    Case("gzip-cut", "a .jsonl.gz cut two-thirds through", _cut_gzip, says=("cut.jsonl.gz", "decompress"),
         stored=None),
    Case("gzip-garbage", "gzip followed by junk bytes",
         files(("g.jsonl.gz", gzip.compress(jsonl({"id": "a", "text": A}).encode()) + b"JUNK\x00\x01")),
         says=("g.jsonl.gz",), stored=None),
    Case("not-gzip", "plain JSONL named .gz", files(("p.jsonl.gz", jsonl({"id": "a", "text": A}))), status=0,
         stored=(A,)),
    Case("gzip-bomb", "200 MB of spaces in a 200 KB .txt.gz", _bomb, says=("bomb.txt.gz", "size limit"), stored=()),
    Case("empty-file", "an empty file", files(("e.txt", "")), says=("e.txt", "empty"), stored=()),
    Case("empty-records", "JSONL lines {}, [], null, \"\"",
         files(("r.jsonl", jsonl({}, [], None, '""', {"id": "a", "text": A}))),
         says=("r.jsonl:1", "r.jsonl:2", "r.jsonl:3", "r.jsonl:4"), stored=(A,)),
    Case("empty-text", "records whose text is empty, blank, a number, a list",
         files(("t.jsonl", jsonl({"id": 1, "text": ""}, {"id": 2, "text": "   "}, {"id": 3, "text": 42},
                                 {"id": 4, "text": ["a"]}, {"id": 5, "text": A}))),
         says=("t.jsonl:1", "t.jsonl:2", "t.jsonl:3", "t.jsonl:4"), stored=(A,)),
    Case("huge-id", "a record whose id is 1 MB long",
         files(("h.jsonl", jsonl({"id": "x" * (1 << 20), "text": A}))), status=0, stored=(A,)),
    Case("nul-escape", "a record with \\u0000 in its text",
         files(("n.jsonl", jsonl({"id": "a", "text": "He said\u0000 " + A}))), status=0, stored=("He said\u0000 " + A,)),
    Case("nul-bytes", "a .txt with NUL bytes", files(("n.txt", A.encode() + b"\x00" * 50)), says=("n.txt", "binary"),
         stored=()),
    Case("html-no-body", "HTML without a body", files(("n.html", "<html><head><title>T</title></head></html>")),
         says=("n.html",), stored=()),
    Case("html-deep", "HTML nested 100,000 divs deep", _deep_html, says=("deep.html",), stored=None),
    Case("json-not-objects", "a JSON list of non-objects and one article",
         files(("l.json", json.dumps([1, "x", None, {"id": "a", "text": A}]))), says=("l.json",), stored=(A,)),
    Case("csv-header-only", "a CSV with only its header", files(("h.csv", "id,text\n")), says=("h.csv",), stored=()),
    Case("png-as-txt", "a PNG named .txt", files(("p.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))),
         says=("p.txt", "binary"), stored=()),
    Case("warc-images", "a WARC holding only images",
         files(("i.warc", _warc([("https://a.example/i.png", b"\x89PNG\r\n\x1a\n\x00", "image/png")]))),
         says=("i.warc", "no HTML"), stored=()),
    Case("symlink-loop", "a directory holding a symlink to itself", _loop_dir, status=0, stored=(A,)),
    Case("dev-zero", "/dev/zero as a text file", _dev_zero, says=("/dev/zero",), stored=(),
         options=("-p", "1", "--input-format", "txt")),
    Case("sql-id", "ids with quotes, SQL and path characters",
         files(("q.jsonl", jsonl({"id": "'; drop table articles; --", "text": A}, {"id": "../../etc/passwd", "text": B}))),
         status=0, stored=(A, B)),
    Case("cr-only", "old Mac line endings (CR only)", files(("mac.txt", f"Headline\r\r{A}\r{B}\r")), status=0,
         stored=(f"Headline\n\n{A}\n{B}\n",)),
    Case("one-long-line", "300 KB of words without a line break", _long_line, status=0,
         stored=((A + " ") + "word " * 60_000,), timeout=400),
    # --- the second attack's inputs (pipes, links, NUL bytes, dates, sidecars) ---
    Case("pipe-dev-stdin", "a JSON feed of 120 records piped in and named /dev/stdin",
         lambda folder: (["/dev/stdin"], json.dumps(FEED, indent=1).encode()), status=0,
         stored=tuple(r["text"] for r in FEED)),
    Case("pipe-process-substitution", "a 12 KB text named <(cat long.txt)",
         lambda folder: (put(folder / "long.txt", LONG_TEXT) and ["/dev/fd/3"], None), status=0,
         stored=(LONG_TEXT,), shell="exec 3< <(cat long.txt)"),
    Case("fifo-named", "a named FIFO (no extension) holding a JSON feed, a writer behind it",
         _fifo("feed", json.dumps(FEED).encode()), status=0, stored=tuple(r["text"] for r in FEED)),
    Case("fifo-silent", "a named FIFO nothing writes to", _fifo("silent.jsonl", None),
         says=("silent.jsonl", "named pipe"), stored=()),
    Case("fifo-in-dir", "a named FIFO inside a directory", _fifo_in_dir, status=0,
         says=("feed.jsonl", "named pipe"), stored=(A,)),
    Case("script-links", "url javascript:, JaVaScRiPt: and java<TAB>script: in JSONL and CSV",
         files(("u.jsonl", jsonl({"id": 1, "text": A, "url": "javascript:alert(document.cookie)"},
                                 {"id": 2, "text": B, "url": "JaVaScRiPt:alert(1)"})),
               ("u.csv", f'id,url,text\n3,java\tscript:alert(1),"{PLAIN}"\n')),
         status=0, says=("u.jsonl:1", "u.jsonl:2", "u.csv:2", "not an http(s) link"), stored=(A, B, PLAIN)),
    Case("nul-jsonl-head", "one raw NUL byte in the third of 51 JSONL records", _nul_lines("jsonl")[0],
         says=("nul.jsonl:3", "NUL"), stored=_nul_lines("jsonl")[1]),
    Case("nul-csv-head", "one raw NUL byte in the second of 51 CSV rows", _nul_lines("csv")[0],
         says=("nul.csv:3", "NUL"), stored=_nul_lines("csv")[1]),
    Case("dates", "dates 2024-02-30, 06/01/2024, an RSS date, June 1, 2024 and epoch seconds",
         files(("d.jsonl", jsonl({"id": 1, "text": A, "published": "2024-02-30"},
                                 {"id": 2, "text": B, "published": "06/01/2024"},
                                 {"id": 3, "text": PLAIN, "published": "Tue, 10 Jun 2003 04:00:00 GMT"},
                                 {"id": 4, "text": PLAIN2, "published": "June 1, 2024"},
                                 {"id": 5, "text": A + " Again.", "published": 1717200000}))),
         status=0, says=("d.jsonl:1", "d.jsonl:2", "no such day", "ambiguous"),
         stored=(A, B, PLAIN, PLAIN2, A + " Again.")),
    Case("sidecar-body-end", "a sidecar with body_end -5", _sidecar("neg", {"body_end": -5}), status=0,
         says=("neg.json", "body_end"), stored=(A,)),
    Case("sidecar-body-end-true", "a sidecar with body_end true", _sidecar("yes", {"body_end": True}), status=0,
         says=("yes.json", "body_end"), stored=(A,)),
    Case("sidecar-too-large", "a 2 MB sidecar with --max-size 1000000",
         _sidecar("big", {"title": "T", "notes": "x" * 2_000_000}), status=0,
         says=("big.json", "--max-size"), stored=(A,), options=("-p", "1", "--max-size", "1000000")),
]
