"""Build a report from a scenario: gather the results, render HTML, optionally print a PDF."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from redline.errors import RedlineError
from redline.output import write_file
from redline.report.document import render_html
from redline.report.gather import Options, gather
from redline.scenario import Scenario


def build_report(scenario: Scenario, options: Options | None = None,
                 given: Sequence[Mapping[str, Any]] = ()) -> str:
    """The HTML report of `scenario`: every installed engine's results plus those `given`."""
    results = gather(scenario, options, given)
    return render_html(scenario.to_dict(), results)


def write_pdf(html: str, path: str | Path) -> None:
    """Print the report to PDF with WeasyPrint (offline: the page references nothing external)."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except ImportError:
        raise RedlineError("PDF output needs WeasyPrint: pip install 'redline[pdf]' "
                           "(it also needs the system's Pango library)") from None
    except OSError as exc:  # WeasyPrint installed but Pango missing
        raise RedlineError(f"WeasyPrint cannot start ({exc}); install the system's Pango "
                           "library (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
                           ) from None

    def no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        raise RedlineError(f"the report refers to {url}; reports must be self-contained")

    write_file(path, weasyprint.HTML(string=html, url_fetcher=no_fetch).write_pdf())
