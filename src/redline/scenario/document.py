"""Reading scenario text (YAML or JSON) into plain data, keeping where each value stands."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from redline.errors import Problem, ScenarioError
from redline.limits import active, limit_fix
from redline.scenario.budget import measure_yaml

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
    """A document path written as the user reads it, e.g. ``red_lines[2].rule``;
    ``(document)`` for the root."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


class _Loader(yaml.SafeLoader):
    """Safe YAML loading (no object construction from tags)."""


def read_text(text: str, source: str) -> Located:
    """Parse YAML or JSON text; a syntax error becomes a ScenarioError with its line.

    The document's budgets (:class:`redline.limits.Limits`: size, nesting, values after alias
    expansion, list lengths) are checked on the event stream before anything is built.
    """
    limits = active()
    if len(text) > limits.document_bytes:
        raise ScenarioError(source, [Problem(
            "(document)", f"the document is larger than the limit document-bytes "
            f"({limits.document_bytes:,} characters)",
            f"split it or remove embedded material, or {limit_fix('document_bytes')}")])
    measure_yaml(text, _Loader, source, limits)
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
    except ValueError:  # Python reads integers of at most 4,300 digits
        raise ScenarioError(source, [Problem(
            "(document)", "a number has more digits than can be read (at most 4,300)",
            "write numbers with at most a few dozen digits")]) from None
    return Located(data, lines)


def _walk(node: yaml.Node, path: Path) -> Iterator[tuple[Path, yaml.Node]]:
    """Every path of the composed document with the node that marks its line: the key of a
    mapping entry, else the node itself. Iterative, in document order; a node reached again
    through an alias is not walked again (its lines are those of its first use)."""
    pending: list[tuple[yaml.Node, Path, yaml.Node]] = [(node, path, node)]
    seen: set[int] = set()
    while pending:
        current, where, mark = pending.pop()
        yield where, mark
        if id(current) in seen:
            continue
        seen.add(id(current))
        children: list[tuple[yaml.Node, Path, yaml.Node]] = []
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line)
                children.append((value, (*where, name), key))
        elif isinstance(current, yaml.SequenceNode):
            children = [(item, (*where, index), item) for index, item in enumerate(current.value)]
        pending.extend(reversed(children))
