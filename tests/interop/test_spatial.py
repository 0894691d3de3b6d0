"""KTAB SMP CSV and DEU III files converted to scenarios keep positions, saliences and powers."""

from __future__ import annotations

import numpy as np
import pytest

import redline
from redline.forecast import load_space
from redline.interop.convert import convert, read_any

KTAB = """Toy,Two dimensions,3,2
Actor,Description,Influence,Tax Position,Tax Salience,Rail Position,Rail Salience
A,Alpha,100,20,60,70,30
B,Beta,50,45.4,50,10,50
C,Gamma,25,90,20,55,80
"""


@pytest.fixture
def ktab(tmp_path):
    path = tmp_path / "toy.csv"
    path.write_text(KTAB)
    return path


def test_ktab_csv_becomes_a_scenario_with_the_same_positions(ktab):
    scenario = read_any([ktab])
    assert scenario.parties == ("A", "B", "C")
    assert [len(i.options) for i in scenario.issues] == [101, 101]
    space = load_space(ktab)
    for a, actor in enumerate(scenario.parties):
        utility = scenario.utilities[actor]
        for k, issue in enumerate(scenario.issue_ids):
            best = int(np.argmax(utility.values[issue]))
            assert best == round(space.positions[a, k])  # 45.4 rounds to 45
            assert utility.values[issue][best] == 1.0
        weights = [utility.weights[i] for i in scenario.issue_ids]
        expected = space.saliences[a] / space.saliences[a].sum()
        np.testing.assert_allclose(weights, expected)
        assert redline.scenario.point(scenario.actor(actor).power) == space.capabilities[a]


def test_converted_file_reads_back_with_the_rounded_positions(ktab, tmp_path):
    out = tmp_path / "toy.yaml"
    written, _ = convert([ktab], out)
    assert written == [out]
    back = load_space(out)
    direct = load_space(ktab)
    np.testing.assert_allclose(back.positions, np.round(direct.positions))
    np.testing.assert_allclose(back.capabilities, direct.capabilities)


def test_deu_file_converts(shared_data, tmp_path):
    path = shared_data / "deu3" / "deu3-dev.tsv"
    scenario = read_any([path])
    space = load_space(path)
    assert len(scenario.issues) == len(space.issues) > 200
    with_rp = [k for k in range(len(space.issues)) if np.isfinite(space.status_quo[k])]
    assert with_rp
    for k in with_rp:
        assert scenario.issues[k].status_quo == str(round(space.status_quo[k]))


def test_two_spatial_inputs_are_refused(ktab):
    with pytest.raises(redline.RedlineError, match="read alone"):
        read_any([ktab, ktab])
