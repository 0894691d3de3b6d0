"""Long computations as jobs: run in a small thread pool, polled for progress and result."""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from redline.errors import RedlineError

Progress = Callable[[float], None]
Work = Callable[[Progress], dict[str, Any]]


@dataclass
class Job:
    """A long computation: its state (queued, running, done, failed, cancelled), progress in [0, 1],
    and its result or error once finished."""
    id: str
    kind: str
    state: str = "queued"  # queued, running, done, failed, cancelled
    progress: float = 0.0
    result: dict[str, Any] | None = None
    error: str | None = None
    cancelled: bool = False  # asked to stop: the work stops at its next progress report
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def view(self) -> dict[str, Any]:
        """The job as the API answers it: id, kind, state, progress, result and error, read under
        its lock."""
        with self.lock:
            return {"id": self.id, "kind": self.kind, "state": self.state,
                    "progress": round(self.progress, 4), "result": self.result,
                    "error": self.error}


class JobBoard:
    """Submits work to a bounded pool and keeps the last `keep` jobs for polling."""

    def __init__(self, workers: int = 2, keep: int = 100, queue: int = 8):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="redline-job")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._keep = keep
        self._queue = queue
        self._numbers = itertools.count(1)

    def submit(self, kind: str, work: Work) -> Job:
        """Queue ``work`` as a new job and return it; :class:`JobsBusy` when the queue is full. Old
        finished jobs are forgotten beyond the number kept."""
        with self._lock:
            waiting = sum(1 for j in self._jobs.values() if j.state in ("queued", "running"))
            if waiting >= self._queue:
                raise JobsBusy(f"{waiting} jobs are already waiting or running; "
                               "try again when one has finished")
            job = Job(f"job-{next(self._numbers)}", kind)
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].state in ("queued", "running"):
                    break
                del self._jobs[oldest]
        self._pool.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job | None:
        """The job with this id, or None (unknown or forgotten)."""
        with self._lock:
            return self._jobs.get(job_id)

    def cancel(self, job_id: str) -> Job | None:
        """Ask a job to stop: a queued job never starts, a running one stops at its next
        progress report (Monte Carlo reports after every chunk of draws)."""
        job = self.get(job_id)
        if job is not None:
            with job.lock:
                if job.state in ("queued", "running"):
                    job.cancelled = True
        return job

    def shutdown(self) -> None:
        """Stop the pool without waiting: queued jobs are cancelled."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _run(job: Job, work: Work) -> None:
        def progress(fraction: float) -> None:
            with job.lock:
                if job.cancelled:
                    raise JobCancelled(f"{job.kind} job {job.id} was cancelled")
                job.progress = min(1.0, max(job.progress, float(fraction)))

        with job.lock:
            if job.cancelled:
                job.state = "cancelled"
                return
            job.state = "running"
        try:
            result = work(progress)
        except JobCancelled as exc:
            with job.lock:
                job.state, job.error = "cancelled", str(exc)
            return
        except RedlineError as exc:
            with job.lock:
                job.state, job.error = "failed", str(exc)
            return
        except Exception as exc:  # our bug: record it loudly on the job, then re-raise
            with job.lock:
                job.state, job.error = "failed", f"internal error: {type(exc).__name__}: {exc}"
            raise
        with job.lock:
            job.state, job.result, job.progress = "done", result, 1.0


class JobsBusy(RedlineError):
    """Too many jobs waiting."""


class JobCancelled(RedlineError):
    """A job stopped because its user cancelled it."""
