"""Aim 1 (completion): audit of children at home on a supervision order for 104+ weeks.

Hand-computed dates (104 weeks = 728 days; grace 6 weeks = 42 days; aim date 2018-09-30):
- CSO start 2016-01-01 -> eligible 2017-12-29 (366 days to 2017-01-01, + 362): due 2018-09-30.
- CSO start 2016-10-02 -> eligible 2018-09-30 exactly (365 days to 2017-10-02, + 363): due
  2018-09-30; CSO start 2016-10-03 -> eligible 2018-10-01: due 2018-10-01 + 42 = 2018-11-12.
- CSO start 2017-01-02 -> eligible 2018-12-31 (364 + 364): due 2019-02-11.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from _aims_journeys import journeys, status_of

from pace_qi.aims import evaluate, excluded, load_aims

AIM1 = load_aims(Path(__file__).resolve().parents[1] / "params" / "aims")["aim1"]
AS_OF = "2018-12-31"
EARLY = "2016-01-01"


def _home(start: str = EARLY, **fields) -> dict:
    return {"home_supervision_start_date": start, **fields}


def test_due_date_is_the_aim_date_when_eligible_by_then_else_eligible_plus_grace():
    frame = journeys(_home(EARLY), _home("2016-10-02"), _home("2016-10-03"), _home("2017-01-02"))
    result = evaluate(frame, AIM1, AS_OF)
    assert list(result["eligible_date"]) == [
        pd.Timestamp(d) for d in ("2017-12-29", "2018-09-30", "2018-10-01", "2018-12-31")
    ]
    assert list(result["due_date"]) == [
        pd.Timestamp(d) for d in ("2018-09-30", "2018-09-30", "2018-11-12", "2019-02-11")
    ]
    assert list(result["status"]) == ["not_met", "not_met", "not_met", "pending"]
    # entry into the cohort: the later of eligibility and the cohort start (2018-06-01)
    assert list(result["entry_date"]) == [
        pd.Timestamp(d) for d in ("2018-06-01", "2018-09-30", "2018-10-01", "2018-12-31")
    ]


def test_audit_on_the_due_date_is_met_and_the_day_after_is_not():
    frame = journeys(
        _home(home_audit_date="2018-09-30"),
        _home(home_audit_date="2018-10-01"),
        _home("2017-01-02", home_audit_date="2019-02-11"),
        _home("2017-01-02", home_audit_date="2019-02-12"),
    )
    result = evaluate(frame, AIM1, "2019-03-01")
    assert list(result["status"]) == ["met", "not_met", "met", "not_met"]
    assert result.loc[1, "end_date"] == pd.Timestamp("2018-10-01")
    assert result.loc[1, "outcome_date"] == pd.Timestamp("2018-09-30")


def test_only_audits_from_the_cohort_start_count():
    frame = journeys(_home(home_audit_date="2018-05-31"), _home(home_audit_date="2018-06-01"))
    result = evaluate(frame, AIM1, AS_OF)
    assert list(result["status"]) == ["not_met", "met"]
    assert pd.isna(result.loc[0, "end_date"])


def test_pending_until_the_due_date_then_not_met():
    frame = journeys(_home("2017-01-02"))
    assert status_of(evaluate(frame, AIM1, "2019-02-11"), "C001") == "pending"
    assert status_of(evaluate(frame, AIM1, "2019-02-12"), "C001") == "not_met"
    # an audit recorded after as_of has not happened yet
    frame = journeys(_home("2017-01-02", home_audit_date="2019-01-20"))
    assert status_of(evaluate(frame, AIM1, "2019-01-19"), "C001") == "pending"
    assert status_of(evaluate(frame, AIM1, "2019-01-20"), "C001") == "met"


def test_not_in_the_cohort_until_eligible():
    frame = journeys(_home("2017-01-02"))
    assert evaluate(frame, AIM1, "2018-12-30").empty
    assert len(evaluate(frame, AIM1, "2018-12-31")) == 1


def test_state_ending_by_the_later_of_eligibility_and_cohort_start_leaves_the_cohort():
    frame = journeys(
        _home(looked_after_end_date="2018-05-31"),
        _home(looked_after_end_date="2018-06-01"),  # ended on the cohort start: out
        _home(accommodated_date="2018-06-02"),  # ended after: in, and exited
        _home("2017-01-02", looked_after_end_date="2018-12-31"),  # ended on eligibility: out
        _home(accommodated_date="2015-06-01"),  # accommodated before the state began: ignored
    )
    result = evaluate(frame, AIM1, "2019-01-31")
    assert list(result["child_id"]) == ["C003", "C005"]
    assert list(result["status"]) == ["exited", "not_met"]
    assert result.loc[0, "exit_date"] == pd.Timestamp("2018-06-02")


def test_state_end_on_the_due_date_is_exited_and_the_day_after_is_not_met():
    frame = journeys(
        _home(accommodated_date="2018-09-30"),
        _home(looked_after_end_date="2018-10-01"),
        _home(looked_after_end_date="2018-08-01", home_audit_date="2018-07-01"),
    )
    result = evaluate(frame, AIM1, AS_OF)
    assert list(result["status"]) == ["exited", "not_met", "met"]


def test_state_end_after_as_of_has_not_happened():
    frame = journeys(_home("2017-01-02", looked_after_end_date="2019-01-10"))
    assert status_of(evaluate(frame, AIM1, "2019-01-09"), "C001") == "pending"
    assert status_of(evaluate(frame, AIM1, "2019-01-10"), "C001") == "exited"


def test_missing_state_start_is_not_in_the_cohort_and_errors_are_listed():
    frame = journeys(
        _home(None, home_audit_date="2018-07-01"),
        _home(error_columns="home_audit_date"),
        _home(error_columns="accommodated_date;sex"),
        _home(error_columns="panel_date"),
    )
    result = evaluate(frame, AIM1, AS_OF)
    assert list(result["child_id"]) == ["C004"]
    listed = excluded(frame, AIM1)
    assert list(listed["child_id"]) == ["C002", "C003"]
    assert list(listed["reason"]) == [
        "validation error in home_audit_date", "validation error in accommodated_date"
    ]


def test_days_and_weeks_run_from_the_state_start_to_the_audit():
    frame = journeys(_home(home_audit_date="2018-07-01"))
    result = evaluate(frame, AIM1, AS_OF)
    # 2016-01-01 -> 2018-07-01: 366 + 365 + 181 = 912 days
    assert result.loc[0, "days"] == 912
    assert result.loc[0, "weeks"] == 912 / 7
    assert result.loc[0, "outcome_date"] == pd.Timestamp("2018-07-01")
