"""Every ```python block in README.md and docs/*.md runs (blocks of one file share a namespace)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def blocks(path: Path) -> list[str]:
    return BLOCK.findall(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [f for f in FILES if blocks(f)], ids=lambda p: p.name)
def test_code_blocks_run(path: Path, monkeypatch):
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": f"doc_{path.stem}"}
    for number, code in enumerate(blocks(path), start=1):
        exec(compile(code, f"{path.name} block {number}", "exec"), namespace)  # noqa: S102


def test_docs_have_code_to_run():
    assert blocks(ROOT / "docs" / "tutorial.md"), "the tutorial shows runnable code"
