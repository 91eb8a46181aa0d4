"""Opening inputs: files, `.gz`, standard input; the checks every format shares (size limit,
empty, binary) and UTF-8 decoding with replacement and a warning."""
from __future__ import annotations

import gzip
import io
import os
import select
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

STDIN = "-"
STDIN_NAME = "<stdin>"
Report = Callable[[InputError], None]

SUFFIX_FORMATS = {
    ".txt": "txt", ".text": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc",
}
GZIP_MAGIC = b"\x1f\x8b"
# Magic numbers of binary formats people hand to text tools by mistake.
BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF",
                b"SQLite format 3", b"\xd0\xcf\x11\xe0")
HEAD = 8192
FIFO_WAIT = 10.0
"""Seconds a named pipe given as an input may stay silent (no writer, no data) before it is
refused by name, so a pipe nothing writes to never hangs the run."""


def split_name(name: str) -> tuple[str, str | None, bool]:
    """`(stem, format, gzipped)` of a file name: `a/b.jsonl.gz` -> `("b", "jsonl", True)`."""
    p = Path(name)
    gz = p.suffix.lower() == ".gz"
    if gz:
        p = p.with_suffix("")
    return p.stem, SUFFIX_FORMATS.get(p.suffix.lower()), gz


def display_name(path: str) -> str:
    return STDIN_NAME if path == STDIN else str(path)


class _Prefixed(io.RawIOBase):
    """`head` followed by the rest of `stream`: the start of a stream that was read to sniff
    it, given back without seeking (standard input and gzip streams cannot seek back)."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = memoryview(head)
        self._stream = stream
        self._owns = stream is not getattr(sys.stdin, "buffer", None)  # never close stdin

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        if self._owns:
            self._stream.close()
        super().close()


def _with_head(stream: BinaryIO) -> tuple[BinaryIO, bytes]:
    head = stream.read(HEAD)
    return io.BufferedReader(_Prefixed(head, stream), buffer_size=65536), head


def is_regular(path: str) -> bool:
    """Whether `path` is a regular file (one that can be opened twice and read the same each
    time), not a pipe (`/dev/stdin`, `<(cat x)`, a named FIFO), a device or standard input."""
    if path == STDIN:
        return False
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def is_fifo(path: str | os.PathLike) -> bool:
    """Whether `path` is a named pipe (FIFO)."""
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


def _open_fifo(path: str, name: str, wait: float) -> BinaryIO:
    """A named pipe opened for reading without blocking on a missing writer: refused by name
    when nothing writes to it (no data, no end) within `wait` seconds."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        if not poller.poll(wait * 1000):
            raise InputError(name, None, f"a named pipe that nothing wrote to within {wait:g} s; skipped",
                             kind="unreadable")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def open_binary(path: str) -> tuple[BinaryIO, bytes]:
    """A binary stream of the (decompressed) content of `path`, or of standard input for `-`,
    and its first bytes (`head`, to sniff; the stream still starts at the beginning).

    Compression is recognised by its magic number, so `a.txt` that is really gzipped and
    gzipped standard input both work. Nothing is read whole: dumps stream. A pipe (`-`,
    `/dev/stdin`, `<(cat x)`, a named FIFO) is opened once and read once, from this stream: it
    cannot be opened again to look at it, as that would take data from it.
    """
    name = display_name(path)
    if path == STDIN:
        raw: BinaryIO = sys.stdin.buffer
    else:
        try:
            raw = _open_fifo(path, name, FIFO_WAIT) if is_fifo(path) else open(path, "rb")
        except FileNotFoundError:
            raise InputError(name, None, "no such file", kind="missing") from None
        except OSError as exc:
            raise InputError(name, None, f"cannot open: {exc.strerror or exc}", kind="unreadable") from None
    try:
        stream, head = _with_head(raw)
        if head[:2] == GZIP_MAGIC:
            stream, head = _with_head(gzip.GzipFile(fileobj=stream, mode="rb"))
    except (OSError, EOFError, zlib.error) as exc:
        raw.close()
        raise InputError(name, None, f"cannot decompress: {exc}", kind="unreadable") from None
    return stream, head


def read_all(stream: BinaryIO, name: str, limit: int | None) -> bytes:
    """All of `stream`, refusing more than `limit` bytes (after decompression: no gzip bombs)."""
    try:
        data = stream.read() if limit is None else stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(name, None, f"cannot decompress: {exc}", kind="unreadable") from None
    if limit is not None and len(data) > limit:
        raise InputError(name, None, f"larger than the size limit of {limit:,} bytes (--max-size); skipped",
                         kind="too-large")
    return data


def check_size(path: str, limit: int | None) -> None:
    """Refuse an uncompressed file over the limit before reading any of it. Only a regular
    file is looked at: a pipe would lose what this read (it is judged as it is read instead)."""
    if limit is None or not is_regular(path):
        return
    try:
        size = os.path.getsize(path)
    except OSError:
        return
    with open(path, "rb") as f:
        if f.read(2) == GZIP_MAGIC:
            return  # judged after decompression
    if size > limit:
        raise InputError(path, None, f"{size:,} bytes, larger than the size limit of {limit:,} bytes (--max-size); skipped",
                         kind="too-large")


def check_text(head: bytes, name: str, *, whole: bool, records: bool = False) -> None:
    """Refuse an empty file and a binary one. `head` is the start of the content (all of it
    when `whole`). In a file of `records` (JSONL, CSV) one NUL byte is not a binary file: the
    record holding it is refused by its reader (`nul_error`), the others are read."""
    if not head.strip() and whole:
        raise InputError(name, None, "empty file", kind="empty")
    if not head:
        raise InputError(name, None, "empty file", kind="empty")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, None, "UTF-16 text; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)",
                         kind="encoding")
    if head.startswith(BINARY_MAGIC) or (not records and b"\x00" in head[:HEAD]):
        raise InputError(name, None, "binary file, not text; skipped", kind="binary")
    sample = head[:HEAD]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(sample) * 0.05:
        raise InputError(name, None, "binary file, not text (control bytes); skipped", kind="binary")


def nul_error(name: str, line: int | None) -> InputError:
    """The error for a record holding a raw NUL byte (binary junk in a text dump): that record
    alone is skipped."""
    return InputError(name, line, "a raw NUL byte (binary data) in this record; record skipped", kind="binary")


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and `\\r` as `\\n`, as Python's text mode reads files: offsets then agree
    with anyone who opens the same file with `open()`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes, name: str, report: Report, *, first_line: int = 1, warned: list | None = None) -> str:
    """UTF-8 text of `data` (a BOM dropped). Bytes that are not UTF-8 become U+FFFD and a
    warning names the file and line of the first one (once per file when `warned` is shared)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if warned is None or not warned:
            line = first_line + data.count(b"\n", 0, exc.start)
            bad = data[exc.start:exc.start + 1].hex()
            report(InputError(name, line, f"not valid UTF-8 (byte 0x{bad}); decoded with replacement characters",
                              kind="encoding", level="warning"))
            if warned is not None:
                warned.append(True)
        return data.decode("utf-8-sig", errors="replace")


def decoded_lines(stream: BinaryIO, name: str, report: Report,
                  limit: int | None = None) -> Iterator[tuple[int, str]]:
    """`(line number, text)` for each line of a binary stream, decoded one line at a time so
    huge dumps stream and a bad byte is located. A line longer than `limit` bytes is never held
    in memory: it is reported (`too-large`), read past in bounded pieces, and left out."""
    warned: list = []
    try:
        number = 0
        while True:
            raw = stream.readline() if limit is None else stream.readline(limit + 1)
            if not raw:
                return
            number += 1
            if limit is not None and len(raw) > limit and not raw.endswith(b"\n"):
                size = len(raw) + _skip_line(stream)
                report(InputError(name, number, f"line of {size:,} bytes is larger than the size limit of "
                                                f"{limit:,} bytes (--max-size); skipped", kind="too-large"))
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            yield number, decode(raw, name, report, first_line=number, warned=warned)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(name, None, f"cannot decompress: {exc}", kind="unreadable") from None


def _skip_line(stream: BinaryIO, piece: int = 1 << 20) -> int:
    """Read past the rest of the current line, a megabyte at a time; how many bytes that was."""
    skipped = 0
    while True:
        chunk = stream.readline(piece)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped
