"""One-way layers: report renders results and never reaches up into the CLI or the web app;
the web app never imports the CLI; interop sits beside the scenario loader."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "redline"
FORBIDDEN = {
    "report": ("redline.cli", "redline.web"),
    "web": ("redline.cli",),
    "interop": ("redline.cli", "redline.web", "redline.report"),
}


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_point_one_way(package: str) -> None:
    files = sorted((SRC / package).rglob("*.py"))
    assert files
    for path in files:
        for name in imports(path):
            assert not name.startswith(FORBIDDEN[package]), f"{path.name} imports {name}"
            assert not name.startswith("negmas"), f"{path.name} imports NegMAS (AGPL)"
