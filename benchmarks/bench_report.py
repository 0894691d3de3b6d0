"""Speed of the presentation layer: report building, the web API's overhead, GENIUS reading.

Run: python benchmarks/bench_report.py   (from the repository root; needs the web extra, and the
peer extra for the NegMAS comparison). Prints medians and ratios measured in the same run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from redline.interop import load_genius, write_genius  # noqa: E402
from redline.report import Options, build_report, gather, render_html  # noqa: E402
from redline.scenario import load  # noqa: E402
from redline.space import analyze  # noqa: E402

EXAMPLE = ROOT / "examples" / "us-iran-2026.yaml"
NUCLEAR = ("enrichment", "inspections", "stockpile", "sanctions")


def median_seconds(work: Callable[[], object], repeats: int = 15) -> float:
    work()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    scenario = load(EXAMPLE)
    document = scenario.to_dict()
    print("redline presentation benchmarks (median of 15 runs)")

    direct = median_seconds(lambda: analyze(scenario, NUCLEAR).to_dict())
    options = Options(agenda=NUCLEAR, runs=1000, sobol=0)
    results = gather(scenario, options)
    render = median_seconds(lambda: render_html(document, results))
    print(f"  analyze (192 outcomes), direct call       {direct * 1e3:8.2f} ms")
    print(f"  render the HTML (all sections, SVG)       {render * 1e3:8.2f} ms"
          f"   ({render / direct:.1f}x the analysis; from: {', '.join(sorted(results))})")
    core = median_seconds(lambda: build_report(scenario, options), repeats=3)
    print(f"  build_report, every engine, 1000 runs     {core * 1e3:8.2f} ms"
          "   (Monte Carlo without Sobol, 1000 simulated sessions)")

    try:
        from fastapi.testclient import TestClient

        from redline.web import create_app
    except ImportError:
        print("  web API: skipped (install the 'web' extra)")
    else:
        client = TestClient(create_app())
        body = {"scenario": document, "agenda": list(NUCLEAR)}
        api = median_seconds(lambda: client.post("/api/analyze", json=body).json())
        print(f"  POST /api/analyze (in-process HTTP)       {api * 1e3:8.2f} ms"
              f"   ({api / direct:.1f}x the direct call: validation + JSON + HTTP)")

    with tempfile.TemporaryDirectory() as folder:
        files = write_genius(scenario, Path(folder) / "us-iran.xml")
        ours = median_seconds(lambda: load_genius(files[0], files[1:]))
        print(f"  GENIUS domain + 2 profiles -> Scenario    {ours * 1e3:8.2f} ms")
        try:
            from negmas.inout import Scenario as NegmasScenario
        except ImportError:
            print("  NegMAS GENIUS reader: skipped (install the 'peer' extra)")
        else:
            theirs = median_seconds(lambda: NegmasScenario.from_genius_files(
                domain=files[0], ufuns=files[1:], ignore_discount=True))
            print(f"  NegMAS from_genius_files (same files)     {theirs * 1e3:8.2f} ms"
                  f"   (redline is {theirs / ours:.1f}x as fast)")


if __name__ == "__main__":
    main()
