"""Interval aims (Aims 2-4): every status boundary, computed by hand with a calendar.

Deadlines (start + 7N days) worked out by hand:
- Aim 2, 30 weeks = 210 days: 2019-03-01 + 210 = 2019-09-27
  (Mar 31, Apr 30, May 31, Jun 30, Jul 31, Aug 31 = 184 days to 1 Sep, + 26).
- Aim 3, 15 weeks = 105 days: 2019-01-07 + 105 = 2019-04-22 (31 + 28 + 31 = 90 to 7 Apr, + 15).
- Aim 4, 16 weeks = 112 days: 2018-06-04 + 112 = 2018-09-24 (30 + 31 + 31 = 92 to 4 Sep, + 20).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from _aims_journeys import journeys, status_of

from pace_qi.aims import evaluate, excluded, load_aims
from pace_qi.errors import UserFacingError

AIMS = load_aims(Path(__file__).resolve().parents[1] / "params" / "aims")
AS_OF = "2019-12-01"

CASES = {
    # aim: (start column, end column, qualifying extra fields, start, deadline, 7N)
    "aim2": ("accommodated_date", "permanence_recommendation_date", {}, "2019-03-01",
             "2019-09-27", 210),
    "aim3": ("permanence_recommendation_date", "panel_date",
             {"permanence_recommendation": "away_from_home"}, "2019-01-07", "2019-04-22", 105),
    "aim4": ("adm_decision_date", "application_lodged_date",
             {"permanence_route": "permanence_order"}, "2018-06-04", "2018-09-24", 112),
}


def _day(text: str, plus: int = 0) -> str:
    return (dt.date.fromisoformat(text) + dt.timedelta(days=plus)).isoformat()


@pytest.fixture(params=list(CASES))
def case(request):
    aim_id = request.param
    start_col, end_col, extra, start, deadline, limit = CASES[aim_id]

    def row(**fields):
        return {start_col: start, **extra, **fields}

    return AIMS[aim_id], start_col, end_col, row, start, deadline, limit


def test_end_on_the_deadline_day_is_met_and_the_day_after_is_not(case):
    aim, _, end_col, row, start, deadline, limit = case
    frame = journeys(row(**{end_col: deadline}), row(**{end_col: _day(deadline, 1)}))
    result = evaluate(frame, aim, AS_OF)
    assert list(result["status"]) == ["met", "not_met"]
    assert list(result["days"]) == [limit, limit + 1]
    assert list(result["weeks"]) == [limit / 7, (limit + 1) / 7]
    assert list(result["due_date"]) == [pd.Timestamp(deadline)] * 2
    assert list(result["outcome_date"]) == [pd.Timestamp(deadline)] * 2


def test_the_deadline_is_start_plus_7n_days(case):
    aim, _, _, row, start, deadline, limit = case
    result = evaluate(journeys(row()), aim, AS_OF)
    assert result.loc[0, "due_date"] - result.loc[0, "start_date"] == pd.Timedelta(days=limit)
    assert result.loc[0, "due_date"] == pd.Timestamp(deadline)


def test_no_end_is_pending_up_to_the_deadline_and_not_met_the_day_after(case):
    aim, _, _, row, start, deadline, limit = case
    frame = journeys(row())
    assert status_of(evaluate(frame, aim, deadline), "C001") == "pending"
    late = evaluate(frame, aim, _day(deadline, 1))
    assert status_of(late, "C001") == "not_met"
    assert late.loc[0, "outcome_date"] == pd.Timestamp(deadline)
    assert pd.isna(late.loc[0, "days"])
    assert late.loc[0, "elapsed_days"] == limit + 1


def test_end_on_as_of_counts_and_end_after_as_of_has_not_happened(case):
    aim, _, end_col, row, start, deadline, limit = case
    as_of = _day(start, 20)
    frame = journeys(row(**{end_col: as_of}), row(**{end_col: _day(as_of, 1)}))
    result = evaluate(frame, aim, as_of)
    assert status_of(result, "C001") == "met"
    assert status_of(result, "C002") == "pending"
    assert pd.isna(result.loc[1, "end_date"])
    # once the deadline has passed, an end recorded after as_of still has not happened
    frame = journeys(row(**{end_col: _day(deadline, 30)}))
    assert status_of(evaluate(frame, aim, _day(deadline, 10)), "C001") == "not_met"


@pytest.mark.parametrize("exit_col", ["looked_after_end_date", "plan_changed_date"])
def test_exit_on_the_deadline_day_is_exited_and_the_day_after_is_not_met(case, exit_col):
    aim, _, _, row, start, deadline, limit = case
    frame = journeys(row(**{exit_col: deadline}), row(**{exit_col: _day(deadline, 1)}))
    result = evaluate(frame, aim, AS_OF)
    assert list(result["status"]) == ["exited", "not_met"]
    assert result.loc[0, "exit_date"] == pd.Timestamp(deadline)
    assert result.loc[0, "outcome_date"] == pd.Timestamp(deadline)


def test_an_end_date_wins_over_an_earlier_exit(case):
    aim, _, end_col, row, start, deadline, limit = case
    frame = journeys(row(**{end_col: _day(deadline, 3), "plan_changed_date": _day(start, 5)}))
    assert status_of(evaluate(frame, aim, AS_OF), "C001") == "not_met"


def test_exits_before_start_or_after_as_of_are_ignored(case):
    aim, _, _, row, start, deadline, limit = case
    before = row(looked_after_end_date=_day(start, -1))
    after = row(plan_changed_date=_day(start, 10))
    result = evaluate(journeys(before, after), aim, _day(start, 5))
    assert list(result["status"]) == ["pending", "pending"]
    assert result["exit_date"].isna().all()
    # an exit on the start day itself counts
    same_day = row(looked_after_end_date=start)
    assert status_of(evaluate(journeys(same_day), aim, AS_OF), "C001") == "exited"


def test_exit_is_the_earliest_of_the_exit_columns(case):
    aim, _, _, row, start, deadline, limit = case
    frame = journeys(row(looked_after_end_date=_day(start, 40), plan_changed_date=_day(start, 9)))
    result = evaluate(frame, aim, AS_OF)
    assert result.loc[0, "exit_date"] == pd.Timestamp(_day(start, 9))


def test_missing_start_is_not_in_the_cohort(case):
    aim, start_col, end_col, row, start, deadline, limit = case
    frame = journeys(row(**{start_col: None, end_col: deadline}), row())
    result = evaluate(frame, aim, AS_OF)
    assert list(result["child_id"]) == ["C002"]
    assert excluded(frame, aim).empty


def test_cohort_start_date_is_inclusive_and_start_after_as_of_is_out(case):
    aim, start_col, _, row, start, deadline, limit = case
    first = aim.cohort.start_on_or_after.isoformat()
    frame = journeys(
        row(**{start_col: first}), row(**{start_col: _day(first, -1)}),
        row(**{start_col: _day(AS_OF, 1)}), row(**{start_col: AS_OF}),
    )
    result = evaluate(frame, aim, AS_OF)
    assert list(result["child_id"]) == ["C001", "C004"]


def test_rows_with_errors_in_used_columns_are_left_out_and_listed(case):
    aim, start_col, end_col, row, start, deadline, limit = case
    frame = journeys(
        row(error_columns=end_col),
        row(error_columns=f"date_of_birth;{start_col}"),
        row(error_columns="plan_changed_date"),
        row(error_columns="date_of_birth"),
        row(**{end_col: _day(start, -3)}),
    )
    result = evaluate(frame, aim, AS_OF)
    assert list(result["child_id"]) == ["C004"]
    listed = excluded(frame, aim)
    assert list(listed["child_id"]) == ["C001", "C002", "C003", "C005"]
    assert list(listed["source_row"]) == [2, 3, 4, 6]
    assert list(listed["reason"]) == [
        f"validation error in {end_col}",
        f"validation error in {start_col}",
        "validation error in plan_changed_date",
        f"{end_col} is before {start_col}",
    ]


def test_where_filters_the_cohort():
    frame = journeys(
        {"permanence_recommendation_date": "2019-01-07",
         "permanence_recommendation": "return_home"},
        {"permanence_recommendation_date": "2019-01-07",
         "permanence_recommendation": "away_from_home"},
        {"adm_decision_date": "2018-06-04", "permanence_route": "adoption"},
        {"adm_decision_date": "2018-06-04",
         "permanence_route": "permanence_order_authority_to_adopt"},
        {"adm_decision_date": "2018-06-04", "permanence_route": None},
    )
    assert list(evaluate(frame, AIMS["aim3"], AS_OF)["child_id"]) == ["C002"]
    assert list(evaluate(frame, AIMS["aim4"], AS_OF)["child_id"]) == ["C004"]


def test_output_columns_dates_and_guidance():
    frame = journeys({"accommodated_date": "2019-03-01", "team": "North"})
    result = evaluate(frame, AIMS["aim2"], dt.date(2019, 12, 1))
    for name in ("child_id", "episode_id", "start_date", "end_date", "due_date", "days",
                 "weeks", "status", "guidance_date", "reminder_date", "team", "exit_date",
                 "entry_date", "outcome_date", "elapsed_days", "pending", "aim"):
        assert name in result.columns
    # 24 weeks = 168 days: 2019-03-01 + 168 = 2019-08-16; 15 weeks = 105 days: 2019-06-14
    assert result.loc[0, "guidance_date"] == pd.Timestamp("2019-08-16")
    assert result.loc[0, "reminder_date"] == pd.Timestamp("2019-06-14")
    assert result.loc[0, "team"] == "North"
    assert result.attrs["as_of"] == pd.Timestamp("2019-12-01")
    assert "reminder_date" not in evaluate(frame, AIMS["aim3"], AS_OF).columns


@pytest.mark.parametrize(
    "as_of", ["2019-12-01", dt.date(2019, 12, 1), pd.Timestamp("2019-12-01 15:30"),
              dt.datetime(2019, 12, 1, 9)]
)
def test_as_of_forms_agree(as_of):
    frame = journeys({"accommodated_date": "2019-05-05", "permanence_recommendation_date":
                      "2019-12-01"}, {"accommodated_date": "2019-12-01"})
    result = evaluate(frame, AIMS["aim2"], as_of)
    assert list(result["status"]) == ["met", "pending"]
    assert result.attrs["as_of"] == pd.Timestamp("2019-12-01")


def test_bad_as_of_and_missing_columns_are_user_errors():
    frame = journeys({"accommodated_date": "2019-05-05"})
    with pytest.raises(UserFacingError, match="not a date"):
        evaluate(frame, AIMS["aim2"], "yesterday")
    with pytest.raises(UserFacingError, match="'permanence_recommendation_date'"):
        evaluate(frame.drop(columns="permanence_recommendation_date"), AIMS["aim2"], AS_OF)
