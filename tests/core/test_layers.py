"""Dependencies flow one way (STYLE.md): a package imports only from lower layers."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "redline"

# Lower number = lower layer. Packages of one rank do not import each other.
RANKS = {
    "errors": 0, "version": 0, "limits": 0, "output": 1, "notebook": 1,
    "scenario": 1,
    "space": 2, "forecast": 2, "news": 2,
    "negotiate": 3, "interop": 3,
    "uncertainty": 4,
    "store": 5, "briefing": 5,
    "report": 6,
    "cli": 7, "web": 7, "__main__": 8,
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "redline":
                names.update(f"redline.{alias.name}" for alias in node.names)
            else:
                names.add(node.module)
    return {n.split(".")[1] for n in names if n.startswith("redline.") and n.count(".") >= 1}


def test_every_package_has_a_rank():
    packages = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
                if p.name != "__init__.py" and not p.name.startswith((".", "_")) or
                p.name == "__main__.py"}
    packages.discard("py.typed")
    assert packages <= set(RANKS), f"give these a layer in RANKS: {packages - set(RANKS)}"


def test_imports_only_go_down():
    problems = []
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC)
        if relative == Path("__init__.py"):
            continue  # the public API gathers every layer
        own = relative.parts[0].removesuffix(".py")
        for package in imported_packages(path):
            if package == own:
                continue
            if package not in RANKS:
                problems.append(f"{relative} imports unknown redline.{package}")
            elif RANKS[package] >= RANKS[own]:
                problems.append(f"{relative} ({own}) imports redline.{package}: layers go one way")
    assert not problems, "\n".join(problems)
