"""Engines that evaluate chunks of independent work: in this process, in worker processes, or on Dask.

An `Engine` maps a picklable function over a list of chunks and returns the results in chunk
order, so a computation whose chunks are deterministic gives the same answer on every engine.
Open one engine (a `with` block) to reuse its worker pool or Dask client across several maps.
This is the only place in redline that fans work out.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

from redline.errors import RedlineError

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int], None]  # called with the number of items just finished
ENGINES = ("local", "processes", "dask")


def _call(function: Callable[[T], R], chunk: T) -> R:
    """`function(chunk)` on a Dask worker (the function arrives scattered)."""
    return function(chunk)


class EngineError(RedlineError):
    """An engine that cannot run: unknown name, missing extra, unreachable scheduler."""


class Engine:
    """A named engine: "local", "processes" (`workers` processes) or "dask" (`scheduler` or a
    two-worker LocalCluster)."""

    def __init__(self, name: str = "local", workers: int | None = None,
                 scheduler: str | None = None):
        if name not in ENGINES:
            raise EngineError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")
        if workers is not None and workers < 1:
            raise EngineError(f"--workers must be at least 1, got {workers}")
        self.name = name
        self.workers = workers
        self.scheduler = scheduler
        self._pool: ProcessPoolExecutor | None = None
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> Engine:
        if self.name == "processes":
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
        elif self.name == "dask":
            self._client, self._cluster = _dask_client(self.workers, self.scheduler)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    @property
    def slots(self) -> int:
        """How many chunks run at once: 1 in process, the pool's workers, or the threads of the
        Dask cluster (counted once the engine is open)."""
        if self.name == "local":
            return 1
        if self._client is not None:
            threads: dict[str, int] = self._client.nthreads()
            return max(1, sum(threads.values()))
        if self.name == "processes":
            return self.workers or os.cpu_count() or 1
        return self.workers or 2

    def map(self, function: Callable[[T], R], chunks: Sequence[T],
            sizes: Sequence[int] | None = None, progress: Progress | None = None) -> list[R]:
        """`[function(c) for c in chunks]`, in order; `sizes` feed the progress callback."""
        counts = list(sizes) if sizes is not None else [1] * len(chunks)
        if self.name != "local" and self._pool is None and self._client is None:
            with self:
                return self.map(function, chunks, counts, progress)
        if self._pool is not None:
            futures: list[Any] = [self._pool.submit(function, chunk) for chunk in chunks]
        elif self._client is not None:
            futures = self._client.map(function, list(chunks), pure=False)
        else:
            futures = []
        results: list[R] = []
        for index, chunk in enumerate(chunks):
            results.append(futures[index].result() if futures else function(chunk))
            if progress is not None:
                progress(counts[index])
        return results

    def fold(self, function: Callable[[T], R], chunks: Sequence[T], merge: Callable[[R, R], R],
             sizes: Sequence[int] | None = None, progress: Progress | None = None) -> R:
        """`merge(merge(f(c0), f(c1)), f(c2)) ...` in chunk order, with at most four chunks a
        worker in flight: results are merged as they come, so memory does not grow with the
        number of chunks (workers send summaries, the caller keeps one)."""
        if not chunks:
            raise EngineError("nothing to evaluate: no chunks")  # a bug of the caller
        counts = list(sizes) if sizes is not None else [1] * len(chunks)
        if self.name != "local" and self._pool is None and self._client is None:
            with self:
                return self.fold(function, chunks, merge, counts, progress)
        ahead = 4 * self.slots
        pending: deque[Any] = deque()
        total: R | None = None
        # Dask: the function (with the prepared situation it carries) goes to every worker once,
        # not with every chunk.
        remote = None if self._client is None else self._client.scatter(function, broadcast=True)
        for index in range(len(chunks)):
            while len(pending) < ahead and index + len(pending) < len(chunks):
                chunk = chunks[index + len(pending)]
                if self._pool is not None:
                    pending.append(self._pool.submit(function, chunk))
                elif self._client is not None:
                    pending.append(self._client.submit(_call, remote, chunk, pure=False))
                else:
                    pending.append(chunk)
            item = pending.popleft()
            result = function(item) if self.name == "local" else item.result()
            total = result if total is None else merge(total, result)
            if progress is not None:
                progress(counts[index])
        assert total is not None
        return total


def chunk_size(total: int, slots: int, cap: int, per_slot: int = 4) -> int:
    """Items per chunk for `total` items on `slots` parallel workers: at most `cap` (so progress
    moves), and with several workers small enough that each gets about `per_slot` chunks, so
    that uneven items even out and no worker idles while another finishes a long chunk."""
    if cap < 1:
        raise EngineError(f"the chunk size must be at least 1, got {cap}")
    if slots <= 1:
        return cap
    return max(1, min(cap, -(-total // (slots * per_slot))))


def _dask_client(workers: int | None, scheduler: str | None) -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("the dask engine needs the 'uncertainty' extra: "
                          "pip install 'redline[uncertainty]'") from None
    if scheduler is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or 2, threads_per_worker=1, processes=True,
            dashboard_address=None)
        return Client(cluster), cluster  # type: ignore[no-untyped-call]
    try:
        return Client(scheduler, timeout="10s"), None  # type: ignore[no-untyped-call]
    except (OSError, ValueError, TypeError) as exc:
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler!r} ({exc}); check "
                          "the address (e.g. tcp://host:8786) and that it runs") from None


def run_chunks(function: Callable[[T], R], chunks: Sequence[T], *,
               engine: str | Engine = "local", workers: int | None = None,
               scheduler: str | None = None, sizes: Sequence[int] | None = None,
               progress: Progress | None = None) -> list[R]:
    """`[function(c) for c in chunks]` on an engine (a name, or an open Engine to reuse)."""
    if isinstance(engine, Engine):
        return engine.map(function, chunks, sizes, progress)
    with Engine(engine, workers, scheduler) as opened:
        return opened.map(function, chunks, sizes, progress)
