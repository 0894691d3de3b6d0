"""docs/api.md lists every public name of each package under that package's heading, lists
nothing that does not exist, and shows each signature with the real parameter names."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "api.md"
PACKAGES = ["redline", "redline.limits", "redline.scenario", "redline.space", "redline.forecast",
            "redline.negotiate", "redline.uncertainty", "redline.news", "redline.store",
            "redline.briefing", "redline.report", "redline.interop", "redline.web"]
HEADING = re.compile(r"^## `([\w.]+)`$", re.MULTILINE)
ENTRY = re.compile(r"^- `([^`]+)`", re.MULTILINE)


def sections(text: str) -> dict[str, str]:
    """The text under each `## `package`` heading, up to the next heading of that level."""
    marks = list(HEADING.finditer(text))
    ends = [m.start() for m in marks[1:]] + [len(text)]
    found: dict[str, str] = {}
    for mark, end in zip(marks, ends, strict=True):
        assert mark.group(1) not in found, f"two sections for {mark.group(1)}"
        found[mark.group(1)] = text[mark.end():end]
    return found


def split_entry(code: str) -> tuple[str, list[str] | None]:
    """`name(a, b=(1, 2), *, c=None) -> T` -> ("name", ["a", "b", "c"]); no parentheses: None."""
    name = re.match(r"\w+", code)
    assert name is not None, f"an entry must start with a name: {code!r}"
    rest = code[name.end():]
    if not rest.startswith("("):
        return name.group(), None
    depth, parts, current = 0, [], ""
    for char in rest:
        if char in "([{":
            depth += 1
            if depth == 1:
                continue
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                break
        if char == "," and depth == 1:
            parts.append(current)
            current = ""
        else:
            current += char
    else:
        raise AssertionError(f"unbalanced parentheses in {code!r}")
    parts.append(current)
    params = [re.split(r"[=:]", p)[0].strip().lstrip("*") for p in parts if p.strip()]
    return name.group(), [p for p in params if p not in ("", "/")]


def entries(section: str) -> dict[str, list[str] | None]:
    found: dict[str, list[str] | None] = {}
    for code in ENTRY.findall(section):
        name, params = split_entry(code)
        assert name not in found, f"{name} is listed twice"
        found[name] = params
    return found


DOCUMENTED = sections(REFERENCE.read_text(encoding="utf-8"))


def test_the_entry_parser_reads_names_and_parameters() -> None:
    assert split_entry("split(steps=1000, parties=(\"A\", \"B\")) -> Domain") == (
        "split", ["steps", "parties"])
    assert split_entry("run(f, *, engine=\"local\", **more) -> list[R]") == (
        "run", ["f", "engine", "more"])
    assert split_entry("METHODS") == ("METHODS", None)
    assert entries("- `a(x)`: one.\n- `B`: two\n  - `not an entry`\n") == {"a": ["x"], "B": None}


def test_every_listed_package_has_a_section_and_no_other_section_exists() -> None:
    assert list(DOCUMENTED) == PACKAGES


@pytest.mark.parametrize("package", PACKAGES)
def test_the_section_lists_exactly_the_public_names(package: str) -> None:
    module = importlib.import_module(package)
    public = set(module.__all__)
    listed = entries(DOCUMENTED[package])
    missing = sorted(public - set(listed))
    assert not missing, f"docs/api.md, section {package}: add {missing} (they are in __all__)"
    unknown = sorted(n for n in listed if not hasattr(module, n))
    assert not unknown, f"docs/api.md, section {package}: {unknown} do not exist in {package}"
    private = sorted(set(listed) - public)
    assert not private, f"docs/api.md, section {package}: {private} are not in __all__"


@pytest.mark.parametrize("package", PACKAGES)
def test_shown_signatures_have_the_real_parameter_names(package: str) -> None:
    module = importlib.import_module(package)
    for name, shown in entries(DOCUMENTED[package]).items():
        if shown is None:
            continue
        real = [p.name for p in inspect.signature(getattr(module, name)).parameters.values()]
        assert shown == real, f"docs/api.md, {package}.{name}: shows {shown}, the code has {real}"
