"""Results -> a self-contained HTML report and figures. Computes nothing itself: it renders the
JSON results of the engines (`gather` runs whichever engines are installed)."""

from redline.report.build import build_report, write_pdf
from redline.report.document import render_html, sections
from redline.report.gather import Options, available, gather, result_key, space_points
from redline.report.plot import plot_space
from redline.report.workbook import write_workbook

__all__ = [
    "Options",
    "available",
    "build_report",
    "gather",
    "plot_space",
    "render_html",
    "result_key",
    "sections",
    "space_points",
    "write_pdf",
    "write_workbook",
]
