"""Injected faults: each is real, logged where it is, and found by validation."""

from __future__ import annotations

import pandas as pd
import pytest

from pace_qi import columns as c
from pace_qi.cli import main
from pace_qi.data.mapping import snake
from pace_qi.demo import demo_data_command, generate, inject_faults
from pace_qi.demo.faults import DETECTABLE_FAULTS, FAULT_KINDS, ORDERED_PAIRS
from pace_qi.demo.journeys import as_text
from pace_qi.errors import UserFacingError

#: The validation rule that should report each detectable fault.
RULE_FOR_FAULT = {
    "out_of_order": "out_of_order",
    "duplicate": "duplicate_episode",
    "bad_code": "unknown_code",
    "unparseable_date": "unparseable_date",
}
EARLIER_OF = {second: first for first, second in ORDERED_PAIRS}


@pytest.fixture(scope="module", params=[2019, 5])
def spoiled(request):
    clean = generate(request.param)
    faulty, log = inject_faults(clean, seed=request.param)
    return clean, faulty, log


def test_every_kind_of_fault_is_injected_and_logged(spoiled):
    clean, faulty, log = spoiled
    assert list(log.columns) == ["row", "column", "fault", "value"]
    assert set(log["fault"]) == set(FAULT_KINDS)
    assert log["row"].between(0, len(faulty) - 1).all()
    counts = log["fault"].value_counts()
    assert counts["out_of_order"] == max(2, round(0.01 * len(clean)))
    assert len(faulty) == len(clean) + counts["duplicate"]
    filled = clean[[col for col in clean if c.is_date_column(col)]].notna().sum().sum()
    assert 0.015 < counts["missing_date"] / filled < 0.045


def test_each_logged_value_is_what_the_cell_now_holds(spoiled):
    _, faulty, log = spoiled
    shown = log[log["fault"] != "missing_date"]
    cells = [faulty.at[row, col] for row, col in zip(shown["row"], shown["column"], strict=True)]
    assert cells == shown["value"].tolist()


def test_out_of_order_pairs_really_are_reversed(spoiled):
    _, faulty, log = spoiled
    for row, later in log.loc[log["fault"] == "out_of_order", ["row", "column"]].itertuples(
        index=False
    ):
        assert pd.Timestamp(faulty.at[row, later]) < pd.Timestamp(faulty.at[row, EARLIER_OF[later]])


def test_duplicates_repeat_the_row_above(spoiled):
    _, faulty, log = spoiled
    rows = log.loc[log["fault"] == "duplicate", "row"]
    assert len(rows) >= 2
    for row in rows:
        pd.testing.assert_series_equal(faulty.iloc[row], faulty.iloc[row - 1], check_names=False)


def test_bad_codes_and_unparseable_dates_match_nothing(spoiled):
    _, _, log = spoiled
    for column, value in log.loc[log["fault"] == "bad_code", ["column", "value"]].itertuples(
        index=False
    ):
        assert snake(value) not in c.CODES[column]
    unparseable = log.loc[log["fault"] == "unparseable_date", "value"]
    iso = pd.to_datetime(unparseable, format="%Y-%m-%d", errors="coerce")
    uk = pd.to_datetime(unparseable, format="%d/%m/%Y", errors="coerce")
    assert iso.isna().all() and uk.isna().all()


def test_missing_dates_were_present_and_every_other_cell_is_untouched(spoiled):
    clean, faulty, log = spoiled
    text = as_text(clean).set_index(c.EPISODE_ID)
    not_copies = faulty.drop(index=log.loc[log["fault"] == "duplicate", "row"])
    restored = not_copies.copy()
    for fault, frame in log[log["fault"] != "duplicate"].groupby("fault"):
        for row, column, value in frame[["row", "column", "value"]].itertuples(index=False):
            if fault == "missing_date":
                assert pd.isna(faulty.at[row, column])
                assert text.at[faulty.at[row, c.EPISODE_ID], column] == value
            restored.at[row, column] = text.at[faulty.at[row, c.EPISODE_ID], column]
            if fault == "out_of_order":
                earlier = EARLIER_OF[column]
                restored.at[row, earlier] = text.at[faulty.at[row, c.EPISODE_ID], earlier]
    pd.testing.assert_frame_equal(
        restored.set_index(c.EPISODE_ID), text[restored.columns.drop(c.EPISODE_ID)]
    )


def test_faults_are_deterministic_for_a_seed():
    clean = generate(8)
    first, first_log = inject_faults(clean, seed=1)
    again, again_log = inject_faults(clean, seed=1)
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(first_log, again_log)
    assert not inject_faults(clean, seed=2)[1].equals(first_log)


def test_demo_data_command_writes_the_csv_and_the_fault_log(tmp_path, capsys):
    out = tmp_path / "demo.csv"
    assert (
        demo_data_command(str(out), seed=4, as_of=pd.Timestamp("2019-12-01").date(), faults=True)
        == 0
    )
    said = capsys.readouterr().out
    assert said.count("\n") == 1 and "SYNTHETIC" in said
    written = pd.read_csv(out, dtype=str)
    assert list(written.columns[:2]) == [c.CHILD_ID, c.EPISODE_ID]
    assert written[c.CHILD_ID].str.contains("SYNTHETIC").all()
    faults = pd.read_csv(tmp_path / "demo.faults.csv")
    assert (faults["source_row"] == faults["row"] + 2).all()
    expected_faulty, expected_log = inject_faults(generate(4), seed=4)
    assert len(written) == len(expected_faulty)
    assert faults["fault"].tolist() == expected_log["fault"].tolist()


def test_clean_demo_file_round_trips_to_the_generated_dates(tmp_path):
    out = tmp_path / "clean.csv"
    assert main(["demo-data", str(out), "--seed", "6"]) == 0
    written = pd.read_csv(out, dtype=str)
    assert not (tmp_path / "clean.faults.csv").exists()
    pd.testing.assert_frame_equal(written, as_text(generate(6)), check_dtype=False)


def test_an_unwritable_path_is_a_user_facing_error(tmp_path):
    with pytest.raises(UserFacingError, match="cannot write"):
        demo_data_command(str(tmp_path / "no-such-folder" / "demo.csv"), seed=1, faults=False)


@pytest.mark.parametrize("seed", [2019, 5, 17])
def test_validation_finds_each_injected_fault(tmp_path, seed):
    from pace_qi.data import load

    out = tmp_path / "demo.csv"
    demo_data_command(str(out), seed=seed, as_of=pd.Timestamp("2019-12-01").date(), faults=True)
    log = pd.read_csv(tmp_path / "demo.faults.csv")
    problems = load(out, as_of="2019-12-01").problems
    found = set(zip(problems["source_row"], problems["rule"], strict=True))
    detectable = log[log["fault"].isin(DETECTABLE_FAULTS)]
    assert len(detectable) >= 9
    for source_row, fault in detectable[["source_row", "fault"]].itertuples(index=False):
        rows = {source_row, source_row - 1} if fault == "duplicate" else {source_row}
        assert any((row, RULE_FOR_FAULT[fault]) in found for row in rows), (source_row, fault)


def test_validation_finds_no_errors_in_clean_demo_data(tmp_path):
    from pace_qi.data import load

    out = tmp_path / "clean.csv"
    demo_data_command(str(out), seed=3, as_of=pd.Timestamp("2019-12-01").date(), faults=False)
    problems = load(out, as_of="2019-12-01").problems
    assert problems.loc[problems["severity"] == "error", "rule"].tolist() == []
