"""The analyst's desk: the answers of a scenario in one place (a brief), and what changed between
two versions. Gathers space, forecast and uncertainty results; computes nothing of its own."""

from redline.briefing.diff import Change, Diff, diff, input_changes
from redline.briefing.summary import Brief, Point, brief, package_words
from redline.briefing.verdict import Verdict, verdict

__all__ = [
    "Brief",
    "Change",
    "Diff",
    "Point",
    "Verdict",
    "brief",
    "diff",
    "input_changes",
    "package_words",
    "verdict",
]
