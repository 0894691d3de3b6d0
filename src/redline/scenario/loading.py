"""Loading scenarios from a path, YAML/JSON text, or a dict; one clear error for any mistake."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from redline.errors import Problem, ScenarioError
from redline.limits import active, limit_fix
from redline.scenario.budget import measure_data
from redline.scenario.document import Located, format_path, read_text
from redline.scenario.model import Document
from redline.scenario.scenario import Scenario, from_document


def load(source: str | os.PathLike[str] | dict[str, Any] | Scenario) -> Scenario:
    """Load a scenario from a file path, YAML or JSON text, a dict, or pass a Scenario through.

    Raises :class:`redline.errors.ScenarioError` listing every problem with its place and fix.
    """
    if isinstance(source, Scenario):
        return source
    if isinstance(source, dict):
        measure_data(source, "<dict>", active())
        return parse(Located(source), "<dict>")
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and not source.lstrip().startswith("{")
    ):
        path = Path(source)
        return parse(read_text(_read_file(path), str(path)), str(path))
    return parse(read_text(str(source), "<text>"), "<text>")


def _read_file(path: Path) -> str:
    """The text of a scenario file, refused before reading if it passes the size budget."""
    limit = active().document_bytes
    try:
        if not path.is_file():
            raise ScenarioError(str(path), [Problem(
                "(file)", "no such file" if not path.exists() else "not a file",
                "check the path (shipped examples are in examples/)")])
        if path.stat().st_size > limit:
            raise ScenarioError(str(path), [Problem(
                "(file)", f"the file is larger than the limit document-bytes ({limit:,} bytes)",
                f"split it or remove embedded material, or {limit_fix('document_bytes')}")])
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(str(path), [Problem(
            "(file)", "the file is not UTF-8 text", "save it as UTF-8 YAML or JSON")]) from None
    except OSError as exc:
        raise ScenarioError(str(path)[:200], [Problem(
            "(file)", f"cannot read the file ({exc.strerror or exc})",
            "check the path and its permissions")]) from None


def parse(located: Located, origin: str) -> Scenario:
    """Validate plain data (with line numbers if known) into a Scenario."""
    data = located.data
    if not isinstance(data, dict):
        raise ScenarioError(origin, [Problem(
            "(document)", f"the document is a {type(data).__name__}, not a mapping",
            "start the file with 'format: redline/1', 'title:', 'actors:' ...", 1)])
    if "format" not in data:
        raise ScenarioError(origin, [Problem(
            "format", "the document does not say its format",
            "add the line 'format: redline/1' at the top", 1)])
    if data.get("format") != "redline/1":
        raise ScenarioError(origin, [Problem(
            "format", f"unknown format {data.get('format')!r}",
            "this version reads 'format: redline/1'", located.line_of(("format",)))])
    try:
        document = Document.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(origin, [_problem(error, located) for error in exc.errors()]) from None
    return from_document(document, origin, located)


_FIXES = {
    "missing": "add it",
    "extra_forbidden": "remove it, or check its spelling against `redline schema`",
    "float_parsing": "give a number",
    "float_type": "give a number",
    "string_type": "give a text in quotes",
    "list_type": "give a list",
    "dict_type": "give a mapping (key: value lines)",
    "literal_error": "use one of the allowed words",
    "too_short": "give more entries",
    "string_pattern_mismatch": "use letters, digits, '_' or '-', starting with a letter",
    "bool_type": "give true or false",
    "date_from_datetime_parsing": "give a date as YYYY-MM-DD",
    "date_parsing": "give a date as YYYY-MM-DD",
}


def _problem(error: Any, located: Located) -> Problem:
    loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
    path = tuple("from" if part == "from_" else part for part in loc)
    message = error["msg"]
    if error["type"] == "value_error":
        message = message.removeprefix("Value error, ")
    fix = _FIXES.get(error["type"], "see `redline schema` for the allowed form")
    return Problem(format_path(path), message, fix, located.line_of(path))


def _is_union_tag(part: Any) -> bool:
    # pydantic names union members in locations, e.g. 'float' or 'Triangular'.
    return isinstance(part, str) and (
        part in {"float", "Triangular", "str", "list[str]", "list[float]"}
        or part.startswith(("dict[", "list[", "function-"))
    )
