"""`redline convert`: redline scenarios (YAML/JSON), GENIUS XML, KTAB CSV and DEU TSV, by suffix."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import yaml

from redline.errors import RedlineError
from redline.interop.genius import load_genius
from redline.interop.genius_export import to_genius, write_genius
from redline.interop.spatial import read_spatial
from redline.output import write_file
from redline.scenario import Scenario, load

SCENARIO_SUFFIXES = (".yaml", ".yml", ".json")
SPATIAL_SUFFIXES = (".csv", ".tsv")  # KTAB SMP or actor-table CSV, DEU III TSV


def read_any(paths: Sequence[Path], normalise_weights: bool = True) -> Scenario:
    """A scenario from a redline file, or from a GENIUS domain followed by its profiles
    (`normalise_weights`: see :func:`redline.interop.load_genius`)."""
    first = paths[0]
    suffix = first.suffix.lower()
    if suffix == ".xml":
        return load_genius(first, paths[1:], normalise_weights=normalise_weights)
    if suffix in SPATIAL_SUFFIXES:
        if len(paths) > 1:
            raise RedlineError(f"a KTAB or DEU file is read alone; got {len(paths)} inputs")
        return load(read_spatial(first))
    if suffix in SCENARIO_SUFFIXES:
        if len(paths) > 1:
            raise RedlineError(f"a redline scenario is one file; got {len(paths)} inputs "
                               "(only GENIUS input is a domain plus profiles)")
        return load(first)
    raise RedlineError(f"cannot read {first.name!r}: give a scenario (.yaml, .json), a KTAB SMP "
                       ".csv, a DEU III .tsv, or a GENIUS domain .xml followed by its profile "
                       ".xml files")


def convert(inputs: Sequence[Path], output: Path, normalise_weights: bool = True
            ) -> tuple[list[Path], tuple[str, ...]]:
    """Convert `inputs` to `output` (format by suffix): the files written, and notices of what
    was read leniently and what the output format could not carry."""
    scenario = read_any(inputs, normalise_weights)
    suffix = output.suffix.lower()
    if suffix == ".xml":
        return write_genius(scenario, output), (*scenario.notices, *to_genius(scenario).notices)
    data = scenario.to_dict()
    if suffix == ".json":
        write_file(output, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif suffix in (".yaml", ".yml"):
        write_file(output, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    else:
        raise RedlineError(f"cannot write {output.name!r}: give an output ending in .yaml, .json "
                           "or .xml (GENIUS)")
    return [output], scenario.notices
