"""Readers: DEU III TSV, KTAB SMP CSV, actor tables and scenarios, with clear errors."""

from __future__ import annotations

import numpy as np
import pytest

from redline.errors import RedlineError
from redline.forecast import (
    from_scenario,
    load_space,
    read_actor_table,
    read_deu,
    read_ktab_csv,
)

DEU_HEADER = ["prnr", "isnr", "pcom", "pfr", "pde", "scom", "sfr", "sde", "rp", "out"]


def deu_text(rows: list[list[str]], header: list[str] = DEU_HEADER) -> str:
    caps = ["", "", "1", "2", "3", "", "", "", "", ""]
    return "\n".join("\t".join(r) for r in [header, caps[: len(header)], *rows]) + "\n"


def test_deu_development_file_filtering(shared_data):
    space, filtering = read_deu(shared_data / "deu3" / "deu3-dev.tsv")
    assert filtering.rows == 253
    assert filtering.kept == space.n_issues == 246
    assert len(filtering.no_outcome) == 7
    assert filtering.too_few_positions == ()
    assert filtering.positions_without_salience == 52
    assert space.n_actors == 30 and space.actors[:2] == ("com", "ep")
    assert space.capabilities[0] == pytest.approx(4.1)
    assert np.nanmax(space.saliences) <= 1.0
    # a position without a salience is dropped, so both are present or both missing
    assert np.array_equal(np.isnan(space.positions), np.isnan(space.saliences))
    assert len(set(space.issue_groups)) < space.n_issues  # issues grouped by proposal


def test_deu_synthetic_filters_and_scales():
    text = deu_text([
        ["p1", "a", "0", "100", "50", "50", "100", "20", "0", "60"],
        ["p1", "b", "10", "", "", "50", "", "", "0", ""],     # no outcome
        ["p2", "c", "10", "", "", "50", "", "", "0", "5"],    # one position only
        ["p2", "d", "10", "30", "", "50", "", "", "0", "5"],  # pfr has no salience
    ])
    space, filtering = read_deu("mem.tsv", text=text)
    assert space.issues == ("a",)
    assert filtering.no_outcome == ("b",) and filtering.too_few_positions == ("c", "d")
    assert filtering.positions_without_salience == 1
    assert space.saliences[:, 0].tolist() == [0.5, 1.0, 0.2]
    assert space.capabilities.tolist() == [1, 2, 3]


@pytest.mark.parametrize(("text", "expected"), [
    ("a,b,c\n1,2,3\n4,5,6\n", "no 'isnr' column"),
    (deu_text([["p1", "a", "x", "1", "1", "1", "1", "1", "0", "5"]]), "line 3, column pcom"),
    (deu_text([["p1", "a", "0", "1", "1", "1", "1", "1", "0", "500"]]), "outside 0–100"),
    (deu_text([["p1", "a", "0", "1", "1", "1", "1", "1", "0", "5", "7"]]), "line 3): 11 fields"),
    (deu_text([["p1", "a", "0", "1", "1"]]), "no issue has an outcome"),
    (deu_text([]), "needs a header row"),
])
def test_deu_malformed_gives_one_clear_error(text, expected):
    with pytest.raises(RedlineError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        read_deu("bad.tsv", text=text)


def test_deu_short_rows_padded_and_missing_capability_row():
    text = deu_text([["p1", "a", "0", "100", "50", "50", "100", "20", "0", "60"],
                     ["p1", "b", "10", "20", "", "50", "50"]])  # trailing cells dropped
    space, filtering = read_deu("mem.tsv", text=text)
    assert space.issues == ("a",) and filtering.no_outcome == ("b",)
    lines = text.splitlines()
    no_caps = "\n".join([lines[0], *lines[2:]])
    space, filtering = read_deu("nocaps.tsv", text=no_caps)
    assert not filtering.capabilities_given
    assert space.capabilities.tolist() == [1, 1, 1] and space.issues == ("a",)


def test_ktab_soe_files(shared_data):
    space = read_ktab_csv(shared_data / "ktab-soe" / "SOE-Pol-Comp.csv")
    assert space.n_actors == 13 and space.issues == ("Policy", "Competitive")
    assert space.actors[0] == "XJ" and space.capabilities[1] == pytest.approx(60.2)
    assert space.positions[12].tolist() == [15.0, 60.0]
    assert space.saliences[0].tolist() == pytest.approx([0.24, 0.48])
    assert read_ktab_csv(shared_data / "ktab-soe" / "SOE-Policy.csv").n_actors == 26


KTAB_OK = "scen,desc,2,1,\nActor,Description,Influence,Dim Position,Dim Salience,\n" \
          "A,first,10,20,50,\nB,second,5,80,60,\n"


@pytest.mark.parametrize(("text", "expected"), [
    (KTAB_OK.replace("scen,desc,2,1", "scen,desc,3,1"), "announces 3 actors but 2"),
    (KTAB_OK.replace(",20,50,", ",twenty,50,"), "line 3, column 4"),
    (KTAB_OK.replace(",80,60,", ",80,160,"), "out of range"),
    (KTAB_OK.replace("Dim Salience", "Dim Weight"), "should be '<dim> Position'"),
    ("just one line\n", "needs a scenario line"),
])
def test_ktab_malformed_gives_one_clear_error(text, expected):
    read_ktab_csv("ok.csv", text=KTAB_OK)
    with pytest.raises(RedlineError, match=expected):
        read_ktab_csv("bad.csv", text=text)


def test_actor_table_and_errors(shared_data):
    space = read_actor_table(shared_data / "bdm-emission" / "emission_standards.csv")
    assert space.n_actors == 10 and space.positions[:, 0].tolist()[:3] == [4, 7, 4]
    with pytest.raises(RedlineError, match="saliences must lie in"):
        read_actor_table("t.csv", text="Actor,Capability,Position,Salience\nA,1,4,3\n")


def test_scenario_space(examples):
    space = from_scenario(str(examples / "us-iran-2026.yaml"))
    assert space.actors == ("USA", "IRN", "OMN", "ISR")
    # options in order on 0–100, each actor at its best option
    usa, irn = space.positions[0], space.positions[1]
    assert usa.tolist() == [100, 100, 100, 100, 0] and irn.tolist() == [0, 0, 0, 0, 100]
    assert space.positions[2, 0] == pytest.approx(100 / 3)  # Oman prefers cap-20pct
    assert np.nansum(space.saliences, axis=1) == pytest.approx(np.ones(4))
    assert space.status_quo.tolist() == [0, 0, 0, 0, 0]
    assert space.capabilities.tolist() == [1.0, 0.5, 0.1, 0.4]


def test_load_space_picks_the_reader(tmp_path, examples):
    ktab = tmp_path / "s.csv"
    ktab.write_text(KTAB_OK)
    assert load_space(ktab).issues == ("Dim",)
    table = tmp_path / "t.csv"
    table.write_text("Actor,Capability,Position,Salience\nA,1,4,0.5\nB,2,6,1\n")
    assert load_space(table).n_actors == 2
    assert load_space(examples / "us-iran-2026.yaml").n_issues == 5


def test_unreadable_files_give_one_error_of_each_reader(tmp_path):
    from redline.forecast.actor_table import ActorTableError, read_actor_table
    from redline.forecast.deu import DeuFormatError, read_deu
    from redline.forecast.ktab_csv import KtabFormatError, read_ktab_csv

    missing = tmp_path / "missing.csv"
    for reader, error in ((read_ktab_csv, KtabFormatError), (read_actor_table, ActorTableError),
                          (read_deu, DeuFormatError)):
        with pytest.raises(error, match=r"missing\.csv: cannot read the file"):
            reader(missing)
