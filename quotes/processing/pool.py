"""Parsing in worker processes that send back quotes, not Docs.

spaCy's `nlp.pipe(n_process=N)` makes the calling process tokenize every text given with
`as_tuples` and deserialize every finished Doc (all its annotations) that the workers send
back; with N workers on N cores that work takes a share of a core away from them. Here the
calling process only sends article texts and receives each article's `Quote`s (small
objects): the workers, forked from it with the loaded pipeline, do everything spaCy does, via
`quotes.processing.parse.parse_articles` (the same code as a single-process run, so the same
output).

Batches go to whichever worker is free; results come back in input order, with a bounded
number of batches in flight, so memory stays constant however long the stream. A worker that
dies (killed, out of memory) breaks only its articles: the batches in flight are tried again
in fresh workers, the first one article at a time, so the article that kills a worker is
found and reported.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING

from ..models import Article, Quote
from .parse import one_by_one, parse_articles

if TYPE_CHECKING:
    from spacy.language import Language

_NLP: Language | None = None
"""The pipeline in a worker process (set by `_start_worker`)."""


def available() -> bool:
    """Whether workers can be forked with the pipeline already loaded (Linux and other POSIX
    systems but macOS, where forking a process that has loaded system frameworks is unsafe)."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def _start_worker(nlp: Language, parent: int) -> None:
    """Worker initializer. Ctrl-C reaches the whole process group: only the parent acts on it
    (it stops the workers), so a worker never dies half-way through sending a result. SIGTERM
    ends a worker at once (the parent's handler, inherited by the fork, is not for it). And
    a worker dies with its parent: killed with it, it would wait for work forever."""
    global _NLP
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
    _NLP = nlp


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when `parent` dies (Linux `PR_SET_PDEATHSIG`);
    elsewhere a daemon thread checks every second that the parent is still there."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) != 0:  # 1 = PR_SET_PDEATHSIG
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        import threading
        import time

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="parent-watch").start()
    if os.getppid() != parent:  # the parent died before the watch began
        os._exit(1)


def _parse(texts: list[tuple[str, str | None]], batch_size: int, timeout: float | None = None) -> list[list[Quote] | str]:
    """Run in a worker: for each `(text, byline)`, its quotes, or the message saying why the
    pipeline failed on it. The byline travels with the text: an op-ed's `I` is its author
    whatever the number of processes."""
    out: list[list[Quote] | str | None] = [None] * len(texts)

    def failed(article: Article, message: str) -> None:
        out[int(article.id)] = message

    articles = [Article.model_construct(id=str(i), text=t, byline=b, body_end=None) for i, (t, b) in enumerate(texts)]
    try:
        for article, quotes in parse_articles(articles, _NLP, batch_size=batch_size, on_error=failed, window=None,
                                              timeout=timeout):
            out[int(article.id)] = quotes
    except Exception:  # noqa: BLE001 - a component spaCy's error handler does not reach (the parser)
        with _NLP.memory_zone():  # the rest one at a time, so only the article at fault fails
            for i, result in enumerate(out):
                if result is None:
                    out[i] = one_by_one(_NLP, articles[i], timeout)
    return out


class _Workers:
    """A `ProcessPoolExecutor` of forked workers holding `nlp`, replaced when one dies."""

    def __init__(self, nlp: Language, n_process: int, batch_size: int, timeout: float | None = None):
        self.nlp, self.n_process, self.batch_size, self.timeout = nlp, n_process, batch_size, timeout
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.n_process, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start_worker, initargs=(self.nlp, os.getpid()))

    def submit(self, batch: list[Article]) -> Future:
        """The future of `batch`'s results. A pool that broke (a worker died) before the batch
        could be handed over gives a future holding that error, dealt with like any other when
        its turn comes (`_collect`), not an exception here in the middle of the run."""
        try:
            return self.executor.submit(_parse, [(a.text, a.byline) for a in batch], self.batch_size, self.timeout)
        except BrokenProcessPool as exc:
            broken: Future = Future()
            broken.set_exception(exc)
            return broken

    def restart(self) -> None:
        self.stop()
        self.executor = self._new()

    def stop(self) -> None:
        """Stop now: running batches are abandoned (after an error, Ctrl-C, an early close)."""
        # The executor cannot stop a running task, and a worker left running would wait for work
        # forever once this process is gone. So the workers are terminated, and the executor,
        # finding them dead, cleans up and reaps them as after a crash (one thread waits on them:
        # two would race to reap them).
        for proc in list((getattr(self.executor, "_processes", None) or {}).values()):
            proc.terminate()
        self.executor.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        """Let the workers finish and exit."""
        self.executor.shutdown(wait=True)


def parse_in_workers(
    articles: Iterable[Article],
    nlp: Language,
    *,
    n_process: int,
    batch_size: int,
    on_error: Callable[[Article, str], None],
    window: int | None = 10_000,
    timeout: float | None = None,
) -> Iterator[tuple[Article, list[Quote]]]:
    """`(article, quotes)` for each article, in order, parsed by `n_process` forked
    workers in batches of `batch_size`; articles the pipeline fails on, or that take longer
    than `timeout` seconds, go to `on_error`. Every `window` articles get fresh workers, which
    bounds what any one worker can accumulate."""
    ahead = 4 * n_process  # batches in flight: enough that a slow batch leaves no worker idle
    stream = iter(articles)
    while True:
        part = islice(stream, window) if window else stream
        if not (batch := list(islice(part, batch_size))):
            return
        workers = _Workers(nlp, n_process, batch_size, timeout)
        finished = False
        try:
            queue: deque[tuple[list[Article], Future]] = deque()
            while batch:
                queue.append((batch, workers.submit(batch)))
                if len(queue) >= ahead:
                    yield from _collect(queue, workers, on_error)
                batch = list(islice(part, batch_size))
            while queue:
                yield from _collect(queue, workers, on_error)
            finished = True
        finally:
            if finished:
                workers.close()
            else:
                workers.stop()


def _collect(queue: deque[tuple[list[Article], Future]], workers: _Workers,
             on_error: Callable[[Article, str], None]) -> Iterator[tuple[Article, list[Quote]]]:
    """The results of the first batch in `queue`, popped. If a worker died, the batches in
    flight are lost: the first is parsed again one article at a time (an article that kills
    a worker again is reported as failed), the others resubmitted whole."""
    batch, future = queue.popleft()
    try:
        results = future.result()
    except BrokenProcessPool:
        workers.restart()
        results = []
        for article in batch:
            try:
                results.append(workers.submit([article]).result()[0])
            except BrokenProcessPool:
                results.append("the worker process parsing it died (killed, perhaps for lack of memory)")
                workers.restart()
        for i, (other, _) in enumerate(queue):
            queue[i] = (other, workers.submit(other))
    for article, result in zip(batch, results):
        if isinstance(result, str):
            on_error(article, result)
        else:
            yield article, result
