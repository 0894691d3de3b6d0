"""`redline watch FEED... --every 15m`: poll feeds, store new statements, stop cleanly."""

from __future__ import annotations

import re
import signal
import threading
from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from redline.cli.app import app, out, user_errors
from redline.cli.news import DbOpt, InputError, ScenarioOpt, TimeoutOpt, _poll_line, _scenario

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}


def interval(text: str) -> float:
    """Seconds in "15m", "30s", "1h", "1.5h" or a plain number of seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text.lower())
    if match is None or float(match.group(1)) <= 0:
        raise InputError(f"--every {text!r}: not a time span. Fix: write e.g. 15m, 30s, 1h")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


@app.command("watch")
@user_errors
def watch_command(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs to poll.")],
    every: Annotated[str, typer.Option("--every", help="Time between polls: 15m, 30s, 1h.")
                     ] = "15m",
    max_polls: Annotated[int | None, typer.Option(
        "--max-polls", min=1, help="Stop after this many polls (default: until stopped).")
        ] = None,
    scenario: ScenarioOpt = None, db: DbOpt = None,
    follow_links: Annotated[bool, typer.Option(
        "--follow/--no-follow", help="Read each new item's linked page (default).")] = True,
    timeout: TimeoutOpt = 20.0,
) -> None:
    """Poll feeds on a schedule and store the statements of new items; Ctrl-C or SIGTERM stops
    after the poll under way (nothing half-written), and a restart reads only new items."""
    from redline.news.fetching import is_url
    from redline.store import open_store
    from redline.store.feeds import PollReport, watch

    seconds = interval(every)
    for feed in feeds:
        if not is_url(feed):
            raise InputError(f"{feed}: not an http(s) feed address. Fix: give the feed's URL")
    loaded = _scenario(scenario)
    stop = threading.Event()

    def _stop(signum: int, _frame: Any) -> None:
        out.print(f"{signal.Signals(signum).name}: stopping after the poll under way")
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}

    def report(number: int, reports: tuple[PollReport, ...]) -> None:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        for item in reports:
            out.print(f"poll {number} ({stamp}) {_poll_line(item)}")

    try:
        with open_store(db) as store:
            polls = watch(store, feeds, seconds, stop, max_polls, loaded, follow_links, timeout,
                          on_poll=report)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    out.print(f"stopped after {polls} poll(s) ({store.url})")
