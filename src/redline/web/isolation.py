"""Work the server can stop: each computation runs in a child process with a time and a memory
limit, and is killed when it passes either.

A thread cannot be stopped from outside in Python; a process can. So a request (or job) that
passes its time limit leaves nothing running behind its 503: :func:`run_isolated` kills the
child (SIGKILL) and reaps it before it returns. The child's address space is capped with
``RLIMIT_AS``, so a scenario that asks for too much memory fails alone (a clear error), not the
server.

The time limit is CPU time (``RLIMIT_CPU``: the kernel stops the child when it has computed
that long), so the same request gets the same answer on an idle machine and on a busy one: on
two cores shared twelve ways, 5 CPU-seconds of work take over 30 seconds of wall clock, and a
wall-clock limit would stop work that fits its budget. A wall-clock backstop
(``WorkLimits.wall``, by default :data:`WALL_FACTOR` times the CPU limit) still ends a child
that waits instead of computing, or that a saturated machine cannot serve in any useful time.

Children come from a fork server (``multiprocessing``'s "forkserver" start method) that has
already imported redline and numpy, so a child starts in milliseconds, and no thread of the
server is ever forked. What crosses the boundary is pickled: the function (a module-level
name), its arguments, progress fractions, and the result or the user's error.
"""

from __future__ import annotations

import math
import multiprocessing
import pickle
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from redline.errors import RedlineError

PRELOAD = ["numpy", "redline.web.runs", "redline.report", "redline.space"]
"""Modules the fork server imports once, so that children do not import them again."""


class WorkStopped(RedlineError):
    """A computation passed its time or memory limit and was stopped."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason  # "time" or "memory"

    def __reduce__(self) -> tuple[type[WorkStopped], tuple[str, str]]:
        return (WorkStopped, (str(self), self.reason))


WALL_FACTOR = 5.0
"""The wall-clock backstop, as a multiple of the CPU limit, when WorkLimits.wall is not given."""


@dataclass(frozen=True)
class WorkLimits:
    """The budget of one computation: CPU seconds, bytes of address space, and the wall-clock
    backstop (None: WALL_FACTOR times `seconds`)."""

    seconds: float = 30.0
    memory: int = 2 * 1024**3
    wall: float | None = None

    @property
    def wall_seconds(self) -> float:
        """The wall-clock backstop: ``wall`` when given, else ``WALL_FACTOR`` times the CPU-seconds
        limit."""
        return self.wall if self.wall is not None else WALL_FACTOR * self.seconds


_context_lock = threading.Lock()
_context: Any = None
_live: set[Any] = set()  # children running now (killed on shutdown)
_live_lock = threading.Lock()


def _mp_context() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            method = "forkserver" if sys.platform.startswith("linux") else "spawn"
            context = multiprocessing.get_context(method)
            if method == "forkserver":
                context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...],
           memory: int, wants_progress: bool, seconds: float = math.inf) -> None:
    """The child's side: cap memory and CPU time, run, send ("ok", result) or ("error",
    exception). Past the CPU limit the kernel sends SIGXCPU, which ends the child."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if math.isfinite(seconds):
            used = time.process_time()  # a forked child starts near 0; counted all the same
            cpu = max(1, math.ceil(used + seconds))  # the kernel counts whole seconds
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))  # read by refuse_if_late
    except (ImportError, ValueError, OSError):  # pragma: no cover - not Linux, or not allowed
        pass

    def progress(fraction: float) -> None:
        conn.send(("progress", float(fraction)))

    try:
        result = func(*args, progress) if wants_progress else func(*args)
        conn.send(("ok", result))
    except MemoryError:
        conn.send(("memory", None))
    except RedlineError as exc:
        conn.send(("error", _portable(exc)))
    except BaseException:  # our bug: its traceback goes back to the server, which raises it
        conn.send(("bug", traceback.format_exc()))
    finally:
        conn.close()


def _portable(exc: RedlineError) -> RedlineError:
    """The error itself if it survives pickling, else a plain RedlineError with its text."""
    try:
        copy: RedlineError = pickle.loads(pickle.dumps(exc))
        return copy
    except Exception:  # noqa: BLE001 - any pickling failure falls back to the message
        return RedlineError(str(exc))


class ChildFailed(RuntimeError):
    """The child process raised an exception that is not the user's (a bug of ours)."""


def run_isolated(func: Callable[..., Any], args: tuple[Any, ...], limits: WorkLimits,
                 progress: Callable[[float], None] | None = None) -> Any:
    """``func(*args)`` (or ``func(*args, progress)`` when `progress` is given) in a child
    process; its result, or its RedlineError raised here. Past ``limits.seconds`` the child is
    killed and :class:`WorkStopped` raised (past ``limits.wall_seconds`` of wall clock too);
    past ``limits.memory`` it fails the same way."""
    context = _mp_context()
    ours, theirs = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(theirs, func, args, limits.memory,
                                                 progress is not None, limits.seconds),
                            daemon=True)
    deadline = time.monotonic() + limits.wall_seconds
    with _live_lock:
        child.start()
        _live.add(child)
    theirs.close()
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not ours.poll(min(left, 0.5)):
                if left <= 0:
                    raise WorkStopped(f"the computation took longer than "
                                      f"{limits.wall_seconds:g} s of wall clock (the server "
                                      "is busy, or the work waits) and was stopped; try "
                                      "again later, narrow the agenda or lower max_outcomes",
                                      "time")
                if not child.is_alive() and not ours.poll():
                    raise _died(child, limits)
                continue
            try:
                kind, payload = ours.recv()
            except EOFError:
                raise _died(child, limits) from None
            if kind == "progress":
                if progress is not None:
                    progress(payload)
                continue
            if kind == "ok":
                return payload
            if kind == "memory":
                raise _out_of_memory(limits)
            if kind == "error":
                raise payload
            raise ChildFailed(f"the computation failed in its process:\n{payload}")
    finally:
        _stop(child)
        ours.close()


def _died(child: Any, limits: WorkLimits) -> RedlineError:
    child.join(1)
    if child.exitcode == -signal.SIGXCPU:
        return WorkStopped(f"the computation took longer than {limits.seconds:g} s of CPU "
                           "time and was stopped; narrow the agenda or lower max_outcomes",
                           "time")
    return _out_of_memory(limits) if child.exitcode not in (0, None) else RedlineError(
        "the computation ended without an answer")


def _out_of_memory(limits: WorkLimits) -> WorkStopped:
    return WorkStopped(f"the computation needed more than {limits.memory / 1024**3:.3g} GB "
                       "and was stopped; narrow the agenda or lower max_outcomes", "memory")


def _stop(child: Any) -> None:
    """Kill (if still running) and reap a child."""
    if child.is_alive():
        child.kill()
    child.join(5)
    with _live_lock:
        _live.discard(child)


def stop_all() -> None:
    """Kill every child still running (server shutdown)."""
    with _live_lock:
        children = list(_live)
    for child in children:
        _stop(child)
