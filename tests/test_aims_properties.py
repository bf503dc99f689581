"""Properties of evaluate/summarise that must hold for any data (hypothesis)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from _aims_journeys import journeys
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pace_qi.aims import STATUSES, evaluate, load_aims, summarise

AIMS = load_aims(Path(__file__).resolve().parents[1] / "params" / "aims")
BASE = dt.date(2016, 1, 1)
SETTINGS = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

offset = st.one_of(st.none(), st.integers(min_value=0, max_value=1800))
gap = st.one_of(st.none(), st.integers(min_value=0, max_value=400))


def _day(days: int | None) -> str | None:
    return None if days is None else (BASE + dt.timedelta(days=days)).isoformat()


@st.composite
def journey_rows(draw):
    """Random episodes touching every aim: clock starts, ends, exits, codes."""
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        start = draw(offset)
        end, leave, change = draw(gap), draw(gap), draw(gap)

        def plus(g: int | None, s: int | None = start) -> int | None:
            return None if s is None or g is None else s + g

        rows.append({
            "accommodated_date": _day(start),
            "permanence_recommendation_date": _day(plus(end)),
            "permanence_recommendation": draw(st.sampled_from(
                ["away_from_home", "return_home", None])),
            "panel_date": _day(plus(draw(gap))),
            "adm_decision_date": _day(start),
            "application_lodged_date": _day(plus(end)),
            "permanence_route": draw(st.sampled_from(
                ["permanence_order", "adoption", "permanence_order_authority_to_adopt"])),
            "home_supervision_start_date": _day(draw(offset)),
            "home_audit_date": _day(draw(offset)),
            "looked_after_end_date": _day(plus(leave)),
            "plan_changed_date": _day(plus(change)),
        })
    return journeys(*rows)


as_of_days = st.integers(min_value=0, max_value=2200)


@SETTINGS
@given(frame=journey_rows(), when=as_of_days)
def test_statuses_partition_the_cohort_and_percent_is_a_percentage(frame, when):
    as_of = BASE + dt.timedelta(days=when)
    for aim in AIMS.values():
        result = evaluate(frame, aim, as_of)
        assert result["status"].notna().all()
        assert set(result["status"].astype("str")) <= set(STATUSES)
        assert not result[["child_id", "episode_id"]].duplicated().any()
        summary = summarise(result, aim)
        parts = ("n_met", "n_not_met", "n_pending", "n_exited")
        assert sum(summary[k] for k in parts) == summary["n_cohort"] == len(result)
        if summary["percent_met"] is None:
            assert summary["n_resolved"] == 0
        else:
            assert 0 <= summary["ci_lower"] <= summary["percent_met"] <= summary["ci_upper"] <= 100
        # nothing in the result has happened after as_of
        for name in ("end_date", "exit_date", "outcome_date"):
            assert not (result[name] > result.attrs["as_of"]).any()


@SETTINGS
@given(frame=journey_rows(), first=as_of_days, later=st.integers(min_value=0, max_value=900))
def test_moving_as_of_later_never_undoes_met(frame, first, later):
    early = BASE + dt.timedelta(days=first)
    late = early + dt.timedelta(days=later)
    for aim in AIMS.values():
        before = evaluate(frame, aim, early).set_index("episode_id")["status"]
        after = evaluate(frame, aim, late).set_index("episode_id")["status"]
        met = before.index[before == "met"]
        assert set(met) <= set(after.index)
        assert (after.loc[met] == "met").all()
        if aim.kind == "interval":
            # an interval cohort only grows, and a missed deadline stays missed
            assert set(before.index) <= set(after.index)
            missed = before.index[before == "not_met"]
            assert (after.loc[missed] == "not_met").all()


@SETTINGS
@given(frame=journey_rows(), when=as_of_days)
def test_met_means_the_end_came_within_the_weeks(frame, when):
    for aim_id in ("aim2", "aim3", "aim4"):
        aim = AIMS[aim_id]
        result = evaluate(frame, aim, BASE + dt.timedelta(days=when))
        has_end = result["end_date"].notna()
        within = result["days"] <= 7 * aim.within_weeks
        assert ((result["status"] == "met") == (has_end & within).fillna(False)).all()
