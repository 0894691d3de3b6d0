"""Reading scenario text (YAML or JSON) into plain data, keeping where each value stands."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from redline.errors import Problem, ScenarioError

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """Plain data read from text, with the line of every mapping key and list item."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest enclosing element that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


def format_path(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


class _Loader(yaml.SafeLoader):
    """Safe YAML loading (no object construction from tags)."""


def read_text(text: str, source: str) -> Located:
    """Parse YAML or JSON text; a syntax error becomes a ScenarioError with its line."""
    if len(text) > 5_000_000:
        raise ScenarioError(source, [Problem("(document)", "the file is larger than 5 MB",
                                             "split it or remove embedded material")])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or str(exc)
        raise ScenarioError(source, [Problem(
            "(document)", f"not valid YAML/JSON: {problem}",
            "check indentation, quotes and brackets near that line", line)]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(source, [Problem("(document)", f"not valid YAML/JSON: {exc}",
                                             "check the file's syntax")]) from None
    if node is None:
        raise ScenarioError(source, [Problem("(document)", "the document is empty",
                                             "start from examples/us-iran-2026.yaml")])
    lines: dict[Path, int] = {}
    problems: list[Problem] = []
    for path, key_node in _walk(node, ()):
        if path in lines:
            problems.append(Problem(format_path(path), "this key is given twice",
                                    "keep one of the two", key_node.start_mark.line + 1))
        lines[path] = key_node.start_mark.line + 1
    if problems:
        raise ScenarioError(source, problems)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:  # pragma: no cover - compose already parsed it
        raise ScenarioError(source, [Problem("(document)", f"not valid YAML/JSON: {exc}",
                                             "check the file's syntax")]) from None
    return Located(data, lines)


def _walk(node: yaml.Node, path: Path) -> Iterator[tuple[Path, yaml.Node]]:
    yield path, node
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line)
            child = (*path, name)
            yield child, key
            for sub_path, sub in _walk(value, child):
                if sub_path != child:
                    yield sub_path, sub
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, (*path, index))
