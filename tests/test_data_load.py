"""pace_qi.data.load: reading, mapping, validation and row conservation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pace_qi.cli import main
from pace_qi.data import load
from pace_qi.errors import InputFileError

AS_OF = "2019-12-01"


def write(tmp_path: Path, text: str, name: str = "extract.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rules_by_row(problems: pd.DataFrame) -> set[tuple[int, str]]:
    return set(zip(problems["source_row"], problems["rule"], strict=True))


def test_clean_rows_parse_uk_and_iso_dates(tmp_path):
    path = write(tmp_path, "child_id,accommodated_date,permanence_recommendation_date\n"
                           "A,03/09/2018,2019-01-02\n")
    result = load(path, as_of=AS_OF)
    row = result.journeys.iloc[0]
    assert row["accommodated_date"] == pd.Timestamp("2018-09-03")  # day first
    assert row["permanence_recommendation_date"] == pd.Timestamp("2019-01-02")
    assert row["source_row"] == 2
    assert row["episode_id"] == "A"
    assert row["error_columns"] == ""
    assert result.problems.empty


def test_each_row_rule_names_the_spreadsheet_row(tmp_path):
    path = write(tmp_path, (
        "child_id,looked_after_start_date,accommodated_date,permanence_recommendation_date,"
        "permanence_route,panel_date,adm_decision_date\n"
        "A,01/01/2018,01/02/2018,01/03/2018,adoption,01/04/2018,30/04/2018\n"  # row 2: ADM late
        ",01/01/2018,,,,,\n"                                                    # row 3: no id
        "A,01/01/2018,01/02/2018,,,,\n"                                         # row 4: duplicate
        "B,,31/02/2019,,,,\n"                                                   # row 5: bad date
        "C,,01/02/2030,,,,\n"                                                   # row 6: future
        "D,,01/02/1980,,,,\n"                                                   # row 7: too early
        "E,,01/06/2019,01/03/2019,,,\n"                                         # row 8: order
        "F,,,,Adopted by aliens,,\n"                                            # row 9: code
        "G,01/03/2019,01/02/2019,,,,\n"                                         # row 10: LA start
    ))
    result = load(path, as_of=AS_OF)
    assert rules_by_row(result.problems) == {
        (2, "adm_late"), (3, "missing_child_id"), (4, "duplicate_episode"),
        (5, "unparseable_date"), (6, "date_after_as_of"), (7, "date_before_1990"),
        (8, "out_of_order"), (9, "unknown_code"), (10, "out_of_order"),
    }
    errors = result.problems[result.problems["severity"] == "error"]
    assert set(errors["source_row"]) == {3, 4, 5, 6, 7, 8, 9, 10}
    message = result.problems.set_index("source_row").loc[5, "message"]
    assert "Row 5" in message and "accommodated_date" in message and "31/02/2019" in message
    # identity errors leave the data; field errors blank the field and name it
    assert sorted(result.journeys["source_row"]) == [2, 5, 6, 7, 8, 9, 10]
    by_row = result.journeys.set_index("source_row")
    assert by_row.loc[5, "error_columns"] == "accommodated_date"
    assert pd.isna(by_row.loc[5, "accommodated_date"])
    assert set(by_row.loc[8, "error_columns"].split(";")) == {
        "accommodated_date", "permanence_recommendation_date"}
    assert by_row.loc[9, "error_columns"] == "permanence_route"
    assert by_row.loc[2, "error_columns"] == ""  # a warning keeps the row and its dates


def test_out_of_order_skips_a_missing_milestone(tmp_path):
    """Recommendation is checked against the ADM when the panel date is missing."""
    path = write(tmp_path, "child_id,permanence_recommendation_date,adm_decision_date\n"
                           "A,01/05/2019,01/04/2019\n")
    result = load(path, as_of=AS_OF)
    assert list(result.problems["rule"]) == ["out_of_order"]
    assert set(result.journeys.loc[0, "error_columns"].split(";")) == {
        "permanence_recommendation_date", "adm_decision_date"}


def test_mapping_renames_columns_maps_codes_and_sets_the_date_format(tmp_path):
    mapping = write(tmp_path, (
        "columns:\n  Ref: child_id\n  Date looked after: looked_after_start_date\n"
        "  Route: permanence_route\n"
        "codes:\n  permanence_route:\n    PO: permanence_order\n    012: adoption\n"
        "    NO: other\n"
        "date_format: '%m/%d/%Y'\n"
    ), "map.yml")
    path = write(tmp_path, "Ref,Date looked after,Route\nA,12/31/2018,PO\nB,2018-01-05,012\n"
                           "C,2018-01-06,NO\n")
    result = load(path, mapping=mapping, as_of=AS_OF)
    assert result.problems.empty
    # unquoted YAML codes are taken as written (012 is not the number 10, NO is not false)
    assert list(result.journeys["permanence_route"]) == [
        "permanence_order", "adoption", "other"]
    assert list(result.journeys["looked_after_start_date"][:2]) == [
        pd.Timestamp("2018-12-31"), pd.Timestamp("2018-01-05")]
    assert list(result.journeys["episode_id"][:2]) == ["A-2018-12-31", "B-2018-01-05"]


def test_extra_date_columns_are_kept_and_other_columns_reported(tmp_path):
    path = write(tmp_path, "child_id,Meeting 72h date,Worker name\nA,05/02/2019,Jo\n")
    result = load(path, as_of=AS_OF)
    assert result.journeys.loc[0, "meeting_72h_date"] == pd.Timestamp("2019-02-05")
    assert result.ignored_columns == ["Worker name"]
    assert "Worker name" not in result.journeys.columns


def test_excel_date_cells_and_text_dates(tmp_path):
    path = tmp_path / "extract.xlsx"
    pd.DataFrame({
        "child_id": ["A", "B"],
        "accommodated_date": [dt.datetime(2019, 2, 1), "03/04/2019"],
        "team": ["North", 7],
    }).to_excel(path, index=False)
    result = load(path, as_of=AS_OF)
    assert result.problems.empty
    assert list(result.journeys["accommodated_date"]) == [
        pd.Timestamp("2019-02-01"), pd.Timestamp("2019-04-03")]
    assert list(result.journeys["team"]) == ["North", "7"]
    assert list(result.journeys["source_row"]) == [2, 3]


def test_long_events_table_is_pivoted_first_event_kept(tmp_path):
    path = write(tmp_path, (
        "child_id,episode_id,event,date\n"
        "A,E1,accommodated,01/02/2019\n"
        "A,E1,panel_date,01/06/2019\n"
        "A,E1,panel_date,01/05/2019\n"
        "B,E1,accommodated,2019-03-01\n"
    ))
    result = load(path, as_of=AS_OF)
    journeys = result.journeys.set_index("child_id")
    assert journeys.loc["A", "accommodated_date"] == pd.Timestamp("2019-02-01")
    assert journeys.loc["A", "panel_date"] == pd.Timestamp("2019-05-01")  # the first by date
    assert journeys.loc["B", "accommodated_date"] == pd.Timestamp("2019-03-01")
    assert rules_by_row(result.problems) == {(3, "later_event_ignored")}


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (None, "missing.csv", "file not found"),
        ("child_id\nA\n", "extract.txt", "reads .csv and .xlsx"),
        ("", "extract.csv", "empty"),
        ("child_id,team\n", "extract.csv", "no data rows"),
        ("1,2\n3,4\n", "extract.csv", "not a header"),
        ("team,panel_date\nN,01/01/2019\n", "extract.csv", "'child_id' is missing"),
        ("child_id,Team,team\nA,N,N\n", "extract.csv", "appears twice"),
    ],
)
def test_whole_file_problems_give_one_clear_message(tmp_path, content, name, expected):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError, match=expected) as info:
        load(path, as_of=AS_OF)
    assert str(path) in str(info.value)
    assert info.value.exit_code == 2


def test_undecodable_text_names_the_fix(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_bytes("child_id,team\nA,Élgin\n".encode("cp1252"))
    with pytest.raises(InputFileError, match="CSV UTF-8"):
        load(path, as_of=AS_OF)


def test_validate_command_exit_codes_and_report(tmp_path, capsys):
    good = write(tmp_path, "child_id,accommodated_date\nA,01/02/2019\n", "good.csv")
    bad = write(tmp_path, "child_id,accommodated_date\nA,not a date\n", "bad.csv")
    report = tmp_path / "problems.csv"
    assert main(["validate", str(good), "--as-of", AS_OF]) == 0
    assert main(["validate", str(bad), "--as-of", AS_OF, "--report", str(report)]) == 1
    assert pd.read_csv(report)["rule"].tolist() == ["unparseable_date"]
    assert main(["validate", str(tmp_path / "nope.csv")]) == 2
    err = capsys.readouterr().err
    assert "file not found" in err and "Traceback" not in err


# --- row conservation on random dirty frames -------------------------------------------

cells = st.one_of(
    st.none(),
    st.sampled_from(["01/02/2019", "2019-03-04", "31/02/2019", "junk", "01/01/1985",
                     "01/01/2030", "15/07/2018", " "]),
)
ids = st.one_of(st.none(), st.sampled_from(["A", "B", "C", "D"]))
codes = st.one_of(st.none(), st.sampled_from(["adoption", "Permanence Order", "bogus", ""]))
rows = st.lists(st.tuples(ids, cells, cells, cells, codes), min_size=1, max_size=25)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows)
def test_every_row_is_used_or_listed_with_an_error(tmp_path, rows):
    frame = pd.DataFrame(rows, columns=["child_id", "accommodated_date",
                                        "permanence_recommendation_date", "panel_date",
                                        "permanence_route"])
    frame["team"] = "T"  # no row is blank throughout
    path = tmp_path / "dirty.csv"
    frame.to_csv(path, index=False)
    result = load(path, as_of=AS_OF)
    used = set(result.journeys["source_row"])
    errors = set(result.problems.loc[result.problems["severity"] == "error", "source_row"])
    read = set(range(2, len(frame) + 2))
    assert used | errors == read
    assert len(result.journeys) + len(read - used) == len(frame)
    assert (read - used) <= errors
    # a field with an error is blank and named; a clean field is never blanked
    for name in ("accommodated_date", "permanence_recommendation_date", "panel_date"):
        named = result.journeys["error_columns"].str.contains(name, regex=False)
        assert result.journeys.loc[named, name].isna().all()
