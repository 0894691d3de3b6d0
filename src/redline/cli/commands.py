"""Imports every command module so that each registers its commands on the app."""

import redline.cli.breakeven  # noqa: F401
import redline.cli.coalitions  # noqa: F401
import redline.cli.forecast  # noqa: F401
import redline.cli.negotiate  # noqa: F401
import redline.cli.news  # noqa: F401
import redline.cli.present  # noqa: F401
import redline.cli.versions  # noqa: F401
import redline.cli.watch  # noqa: F401
import redline.cli.whatif  # noqa: F401
from redline.cli import analysis  # noqa: F401
from redline.cli.app import app

# The order `redline --help` lists them in: the bargaining space first, then what builds on it.
ORDER = ("analyze", "agendas", "explain", "brief", "thresholds", "sweep", "compare", "diff",
         "versions", "coalitions", "power", "montecarlo", "validate", "schema",
         "forecast", "simulate", "tournament", "extract", "code-events", "ingest", "watch",
         "timeline",
         "suggest", "report", "plot", "serve", "convert")


def _rank(info: object) -> int:
    name = getattr(info, "name", None) or getattr(getattr(info, "callback", None), "__name__", "")
    return ORDER.index(name) if name in ORDER else len(ORDER)


app.registered_commands.sort(key=_rank)
