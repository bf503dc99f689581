"""`pace-qi new-cycle`: the next number, the copied fields, blanks to fill in, no overwriting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pace_qi.aims import load_aims, load_measures
from pace_qi.cli import main
from pace_qi.errors import UserFacingError
from pace_qi.pdsa import check, load_cycle, load_cycles, new_cycle_command

PARAMS = Path("params")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A parameter folder with the real aims and the shipped cycles of aims 2 and 3."""
    shutil.copytree(PARAMS / "aims", tmp_path / "params" / "aims")
    pdsa = tmp_path / "params" / "pdsa"
    pdsa.mkdir()
    for path in (PARAMS / "pdsa").glob("aim[23]_cycle*.yml"):
        shutil.copy(path, pdsa / path.name)
    return pdsa


def test_writes_the_next_number_after_the_highest(folder, capsys):
    assert new_cycle_command(aim="aim3", from_cycle=None, folder=str(folder)) == 0
    written = folder / "aim3_cycle4.yml"
    assert capsys.readouterr().out.strip() == str(written)
    new = load_cycle(written)
    assert (new.id, new.aim, new.cycle) == ("aim3_cycle4", "aim3", 4)


def test_copies_the_change_idea_and_measures_and_leaves_the_rest_blank(folder):
    new_cycle_command(aim="aim2", from_cycle=None, folder=str(folder))
    source = load_cycle(folder / "aim2_cycle3.yml")
    new = load_cycle(folder / "aim2_cycle4.yml")
    assert new.change_idea == source.change_idea
    assert new.objective == source.objective
    assert new.questions == source.questions
    assert [p.measure for p in new.predictions] == [p.measure for p in source.predictions]
    assert all(p.statement is None for p in new.predictions)
    assert all(p.expected_percent is None and p.expected_weeks is None for p in new.predictions)
    assert (new.plan.start, new.plan.end, new.plan.what) == (None, None, None)
    assert new.plan.who == source.plan.who
    assert new.act.decision == "pending"
    assert new.do.observations is None and new.study.narrative is None


def test_the_new_record_loads_and_check_lists_what_to_fill_in(folder):
    new_cycle_command(aim="aim2", from_cycle=None, folder=str(folder))
    cycles = load_cycles(folder)
    found = check(
        cycles["aim2_cycle4"],
        load_aims(PARAMS / "aims"),
        load_measures(PARAMS / "measures"),
        cycles=cycles,
        as_of="2019-12-01",
    )
    assert [f.code for f in found] == [
        "incomplete_record",
        "no_prediction",
        "no_numeric_expectation",
        "no_prediction",
        "no_numeric_expectation",
        "dates_missing",
    ]


def test_from_a_given_cycle(folder):
    (folder / "aim3_cycle3.yml").unlink()
    new_cycle_command(aim="aim3", from_cycle="aim3_cycle2", folder=str(folder))
    new = load_cycle(folder / "aim3_cycle3.yml")
    assert new.title == load_cycle(PARAMS / "pdsa" / "aim3_cycle2.yml").title


def test_refuses_to_overwrite(folder):
    before = (folder / "aim3_cycle3.yml").read_text(encoding="utf-8")
    with pytest.raises(UserFacingError, match="aim3_cycle3.yml already exists") as caught:
        new_cycle_command(aim="aim3", from_cycle="aim3_cycle2", folder=str(folder))
    assert caught.value.exit_code == 2
    assert (folder / "aim3_cycle3.yml").read_text(encoding="utf-8") == before


def test_first_cycle_of_an_aim_without_a_ramp(folder):
    new_cycle_command(aim="aim1", from_cycle=None, folder=str(folder))
    new = load_cycle(folder / "aim1_cycle1.yml")
    assert new.cycle == 1
    assert [p.measure for p in new.predictions] == ["aim1"]


def test_unknown_aim_and_unknown_or_foreign_source(folder):
    listed = r"unknown aim 'aim9' \(aims: aim1, aim2, aim3, aim4\)"
    with pytest.raises(UserFacingError, match=listed):
        new_cycle_command(aim="aim9", from_cycle=None, folder=str(folder))
    with pytest.raises(UserFacingError, match="no cycle 'aim3_cycle9'"):
        new_cycle_command(aim="aim3", from_cycle="aim3_cycle9", folder=str(folder))
    with pytest.raises(UserFacingError, match="belongs to aim2, not to aim3"):
        new_cycle_command(aim="aim3", from_cycle="aim2_cycle1", folder=str(folder))
    assert sorted(p.name for p in folder.glob("*.yml")) == sorted(
        p.name for p in (PARAMS / "pdsa").glob("aim[23]_cycle*.yml")
    )


def test_the_command_line(folder, capsys):
    assert main(["new-cycle", "--aim", "aim3", "--folder", str(folder)]) == 0
    assert capsys.readouterr().out.strip().endswith("aim3_cycle4.yml")
    code = main(["new-cycle", "--aim", "aim3", "--from", "aim3_cycle3", "--folder", str(folder)])
    assert code == 2
    assert "aim3_cycle4.yml already exists" in capsys.readouterr().err
