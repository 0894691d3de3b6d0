"""Engines that evaluate chunks of independent work: in this process, in worker processes, or on Dask.

Every engine maps a picklable function over a list of chunks and returns the results in chunk
order, so a computation whose chunks are deterministic gives the same answer on every engine.
This is the only place in redline that fans work out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from redline.errors import RedlineError

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int], None]  # called with the number of items just finished
ENGINES = ("local", "processes", "dask")


class EngineError(RedlineError):
    """An engine that cannot run: unknown name, missing extra, unreachable scheduler."""


def run_chunks(function: Callable[[T], R], chunks: Sequence[T], *, engine: str = "local",
               workers: int | None = None, scheduler: str | None = None,
               sizes: Sequence[int] | None = None, progress: Progress | None = None) -> list[R]:
    """`[function(c) for c in chunks]` on the chosen engine; `sizes` feed the progress callback."""
    counts = list(sizes) if sizes is not None else [1] * len(chunks)

    def tick(index: int) -> None:
        if progress is not None:
            progress(counts[index])

    if engine == "local":
        results = []
        for index, chunk in enumerate(chunks):
            results.append(function(chunk))
            tick(index)
        return results
    if engine == "processes":
        if workers is not None and workers < 1:
            raise EngineError(f"--workers must be at least 1, got {workers}")
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(function, chunk) for chunk in chunks]
            ordered = []
            for index, future in enumerate(futures):
                ordered.append(future.result())
                tick(index)
            return ordered
    if engine == "dask":
        return _dask(function, chunks, workers, scheduler, tick)
    raise EngineError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")


def _dask(function: Callable[[T], R], chunks: Sequence[T], workers: int | None,
          scheduler: str | None, tick: Callable[[int], None]) -> list[R]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("the dask engine needs the 'uncertainty' extra: "
                          "pip install 'redline[uncertainty]'") from None
    cluster: Any = None
    try:
        if scheduler is None:
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers or 2, threads_per_worker=1, processes=True,
                dashboard_address=None)
            client = Client(cluster)  # type: ignore[no-untyped-call]
        else:
            try:
                client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
            except OSError as exc:
                raise EngineError(f"cannot reach the Dask scheduler at {scheduler!r} ({exc}); "
                                  "check the address (e.g. tcp://host:8786) and that it "
                                  "runs") from None
        with client:
            futures = client.map(function, list(chunks), pure=False)
            results = []
            for index, future in enumerate(futures):
                results.append(future.result())
                tick(index)
            return results
    finally:
        if cluster is not None:
            cluster.close()
