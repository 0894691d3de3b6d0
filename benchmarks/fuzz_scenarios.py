"""The long fuzz run: >= 10^4 malformed documents, texts and rules, each must end in a clear error.

    .venv/bin/python benchmarks/fuzz_scenarios.py [EXAMPLES]

Runs tests/core/test_fuzz.py with EXAMPLES hypothesis examples per property (default 10000) and
prints how many inputs were checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    env = {**os.environ, "REDLINE_FUZZ_EXAMPLES": str(examples)}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--hypothesis-seed=0", str(ROOT / "tests" / "core" / "test_fuzz.py")],
        cwd=ROOT, env=env, check=False,
    )
    elapsed = time.perf_counter() - start
    print(f"fuzz: 3 properties x {examples} examples = {3 * examples} inputs, "
          f"{'all ended in a clear error or a valid scenario' if result.returncode == 0 else 'FAILED'}"
          f" ({elapsed:.1f} s)")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
