"""The job board: progress, results, a user's error, the queue limit."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from redline.errors import RedlineError
from redline.web.jobs import JobBoard, JobsBusy


def wait(board: JobBoard, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while (view := board.get(job_id).view())["state"] in ("queued", "running"):  # type: ignore[union-attr]
        assert time.monotonic() < deadline
        time.sleep(0.005)
    return view


def test_progress_result_and_a_users_error() -> None:
    board = JobBoard(workers=1)
    done = board.submit("count", lambda progress: (progress(0.5), {"n": 3})[1])
    failed = board.submit("bad", lambda progress: (_ for _ in ()).throw(
        RedlineError("runs must be at least 1")))
    assert wait(board, done.id) == {"id": done.id, "kind": "count", "state": "done",
                                    "progress": 1.0, "result": {"n": 3}, "error": None}
    view = wait(board, failed.id)
    assert view["state"] == "failed" and view["error"] == "runs must be at least 1"
    board.shutdown()


def test_queue_limit_and_progress_never_goes_back() -> None:
    gate = threading.Event()
    board = JobBoard(workers=1, queue=2)

    def slow(progress: Any) -> dict[str, Any]:
        progress(0.6)
        progress(0.3)  # a late, smaller report does not move the bar back
        gate.wait(5)
        return {}

    first = board.submit("slow", slow)
    board.submit("slow", slow)
    with pytest.raises(JobsBusy, match="already waiting or running"):
        board.submit("slow", slow)
    deadline = time.monotonic() + 5
    while board.get(first.id).view()["progress"] < 0.6:  # type: ignore[union-attr]
        assert time.monotonic() < deadline
        time.sleep(0.005)
    assert board.get(first.id).view()["progress"] == 0.6  # type: ignore[union-attr]
    gate.set()
    assert wait(board, first.id)["state"] == "done"
    board.shutdown()


def test_cancel_stops_a_running_job_at_its_next_progress_report_and_a_queued_one_at_once() -> None:
    started, gate = threading.Event(), threading.Event()
    reports: list[float] = []
    board = JobBoard(workers=1)

    def chunks(progress: Any) -> dict[str, Any]:
        for k in range(1, 101):
            progress(k / 100)
            reports.append(k / 100)
            if k == 3:
                started.set()
                gate.wait(5)
        return {"finished": True}

    running = board.submit("montecarlo", chunks)
    waiting = board.submit("montecarlo", chunks)
    assert started.wait(5)
    board.cancel(running.id)
    board.cancel(waiting.id)
    gate.set()
    view = wait(board, running.id)
    assert view["state"] == "cancelled" and view["result"] is None
    assert "cancelled" in view["error"] and reports == [0.01, 0.02, 0.03]
    assert wait(board, waiting.id)["state"] == "cancelled"
    assert len(reports) == 3  # the queued job never ran
    assert board.cancel("job-999") is None
    board.shutdown()
