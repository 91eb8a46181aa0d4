"""Parsing on a Dask cluster: batches of articles go out to workers, quotes come back.

Only the parsing moves: the inputs are read and the database is written where `quotes ingest`
runs (SQLite wants one writer), so workers need the `quotes` package and the spaCy model, but no
access to the input files or the database. Each worker loads the model once (a worker plugin
warms the same process-wide cache that `quotes.processing.nlp.get_nlp` keeps) and runs exactly
the local code path, `parse_articles`, on each batch, so a Dask ingest stores the same rows as a
local one.

`dask[distributed]` is an optional extra: `pip install 'quotes[dask]'`.
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from ..errors import ArticleFailed, DaskNotInstalled, DaskUnreachable
from ..models import Article, Quote
from .nlp import get_nlp, model_name
from .parse import parse_articles, finish_quotes

INSTALL_HINT = "pip install 'quotes[dask]'"
SCHEDULER_SCHEMES = ("tcp", "tls", "ucx", "inproc", "ws", "wss")
"""The comm schemes Dask schedulers listen on (`http://` is a dashboard, not a scheduler)."""
CONNECT_TIMEOUT = 5.0
"""Seconds `probe` waits for the scheduler to answer."""


def require_distributed():
    """The `distributed` module, or `DaskNotInstalled` saying how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise DaskNotInstalled(
            f"--dask needs Dask's distributed scheduler, which is not installed: {INSTALL_HINT}"
        ) from exc
    return distributed


def parse_address(address: str) -> tuple[str | None, int | None]:
    """`("tcp://host:8786", None)` for a scheduler address; `(None, N)` for `local[:N]`
    (N None: as many workers as cores)."""
    if address == "local":
        return None, None
    if address.startswith("local:"):
        n = address.removeprefix("local:")
        if not n.isdigit() or int(n) < 1:
            raise ValueError(f"--dask local:N needs a positive number of workers, not {n!r}")
        return None, int(n)
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address  # Dask's default: host:port
    if scheme.lower() not in SCHEDULER_SCHEMES or not rest.strip("/"):
        raise ValueError(f"{address!r} is not a Dask scheduler address: use tcp://host:8786 "
                         f"(or {', '.join(s + '://' for s in SCHEDULER_SCHEMES[1:])}), or local[:N]")
    return address, None


def probe(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Raise `DaskUnreachable` (one line, at once) when nothing listens at the scheduler address,
    so a run never waits for Dask's own 30 s timeout or opens its database for nothing. Local
    clusters and schemes other than tcp/tls are left to Dask."""
    import socket
    from urllib.parse import urlsplit

    scheduler, _ = parse_address(address)
    if scheduler is None:
        return
    parts = urlsplit(scheduler if "://" in scheduler else f"tcp://{scheduler}")
    if parts.scheme.lower() not in ("tcp", "tls"):
        return
    try:
        host, port = parts.hostname, parts.port or 8786
    except ValueError as exc:
        raise DaskUnreachable(f"--dask {address}: {exc}") from None
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        raise DaskUnreachable(f"--dask {address}: cannot reach a Dask scheduler there "
                              f"({exc.strerror or exc}); start one or check the address") from None


@contextmanager
def connect(address: str) -> Iterator[Any]:
    """A `distributed.Client` for `address`: a scheduler address, or `local[:N]` to start a
    `LocalCluster` of N single-threaded worker processes for the length of the block."""
    distributed = require_distributed()
    scheduler, n_workers = parse_address(address)
    if scheduler is not None:
        with distributed.Client(scheduler) as client:
            yield client
        return
    with distributed.LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        yield client


def _plugin_class():
    WorkerPlugin = require_distributed().WorkerPlugin

    class LoadModel(WorkerPlugin):
        """Load the spaCy pipeline when a worker starts, once, into `get_nlp`'s cache."""

        name = "quotes-load-model"

        def __init__(self, model: str):
            self.model = model

        def setup(self, worker):
            get_nlp(self.model)

    return LoadModel


_LOCK = threading.Lock()


def process_batch(articles: list[Article], model: str) -> list[list[Quote] | str]:
    """Run on a worker: for each article, its quotes, or the error message if the
    pipeline failed on it. One batch at a time per process (workers with several threads share
    one pipeline)."""
    out: dict[int, list[Quote] | str] = {}
    index = {id(a): i for i, a in enumerate(articles)}

    def failed(article: Article, message: str) -> None:
        out[index[id(article)]] = message

    with _LOCK:
        nlp = get_nlp(model)
        for article, quotes in parse_articles(articles, nlp, on_error=failed):
            out[index[id(article)]] = finish_quotes(article, quotes)
    return [out.get(i, "the worker returned no result") for i in range(len(articles))]


def extract_articles_dask(
    articles: Iterable[Article],
    address: str,
    *,
    model: str | None = None,
    batch_size: int = 16,
    on_error: Callable[[Article, str], None] | None = None,
) -> Iterator[tuple[Article, list[Quote]]]:
    """`quotes.processing.pipeline.extract_articles`, with the parsing done on the Dask cluster at `address` (or
    `local[:N]`). Results come back in input order; a few batches per worker are in flight at a
    time, so memory stays bounded however long the input is."""
    model = model_name(model)

    def fail(article: Article, message: str) -> None:
        if on_error is None:
            raise ArticleFailed(article.id, message)
        on_error(article, message)

    it = iter(articles)
    first = list(islice(it, batch_size))
    if not first:  # nothing to parse (all skipped): no cluster needed
        return
    with connect(address) as client:
        client.register_plugin(_plugin_class()(model))
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window: deque[tuple[list[Article], Any]] = deque()

        def collect() -> Iterator[tuple[Article, list[Quote]]]:
            batch, future = window.popleft()
            try:
                results = future.result()
            except Exception as exc:  # a worker died or the task could not run
                for article in batch:
                    fail(article, f"Dask task failed: {type(exc).__name__}: {exc}")
                return
            finally:
                future.release()
            for article, result in zip(batch, results):
                if isinstance(result, str):
                    fail(article, result)
                else:
                    yield article, result

        batch = first
        while batch:
            window.append((batch, client.submit(process_batch, batch, model, pure=False)))
            if len(window) >= 2 * workers + 1:
                yield from collect()
            batch = list(islice(it, batch_size))
        while window:
            yield from collect()
