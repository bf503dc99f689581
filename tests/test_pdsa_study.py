"""Study against the data: the numbers are the engine's, counted by hand on a small case."""

from __future__ import annotations

import pandas as pd
import pytest
from _pdsa_cases import AIMS, MEASURES, cycle, journeys

from pace_qi import spc
from pace_qi.aims import evaluate, summarise
from pace_qi.pdsa import STUDY_COLUMNS, draft_study, study, study_frame
from pace_qi.pdsa.study import DRAFT_LABEL, spc_reading

# Window 3 Sep to 26 Oct 2018; met = planning meeting within 14 days of the 72-hour meeting.
ROWS = [
    ("2018-09-03", "2018-09-10", None),  # C01 7 days: met (1 week)
    ("2018-09-20", "2018-10-04", None),  # C02 14 days: met (2 weeks)
    ("2018-10-01", "2018-10-16", None),  # C03 15 days: not met (15/7 weeks)
    ("2018-10-10", "2018-10-12", None),  # C04 2 days: met
    ("2018-10-15", "2018-10-24", None),  # C05 9 days: met
    ("2018-10-26", "2018-11-02", None),  # C06 last day of window, 7 days: met
    ("2018-10-05", None, None),  # C07 no meeting, deadline passed: not met (no weeks)
    ("2018-10-20", None, "2018-10-25"),  # C08 left care before the deadline: exited
    ("2018-09-02", "2018-09-04", None),  # C09 the day before the window: not observed
    ("2018-10-27", None, None),  # C10 the day after the window: not observed
    ("2018-06-01", "2018-06-05", None),  # C11 months earlier: not observed
]
AS_OF = "2018-12-01"


@pytest.fixture(scope="module")
def result():
    return study(cycle(), journeys(*ROWS), AIMS, MEASURES, AS_OF)[0]


def test_counts_by_hand(result):
    assert result.measure == "pm"
    assert result.window_start == pd.Timestamp("2018-09-03")
    assert result.window_end == pd.Timestamp("2018-10-26")
    assert not result.in_progress
    assert result.n_children == 8
    assert (result.n_met, result.n_not_met, result.n_exited, result.n_pending) == (5, 2, 1, 0)
    assert result.n_resolved == 7
    assert result.percent_met == pytest.approx(100 * 5 / 7)
    # Weeks known for C01-C06: 1, 2, 15/7, 2/7, 9/7, 1 -> median of the middle two (1, 9/7).
    assert result.n_with_weeks == 6
    assert result.median_weeks == pytest.approx((1 + 9 / 7) / 2)
    assert result.expected_percent == 80
    assert result.prediction_met is False
    assert sorted(result.children["child_id"]) == [f"C0{i}" for i in range(1, 9)]


def test_counts_equal_the_engine_summary_of_the_same_children(result):
    evaluated = evaluate(journeys(*ROWS), MEASURES["pm"], AS_OF)
    chosen = evaluated[evaluated["start_date"].between("2018-09-03", "2018-10-26")]
    summary = summarise(chosen, MEASURES["pm"])
    assert result.n_met == summary["n_met"]
    assert result.n_resolved == summary["n_resolved"]
    assert result.n_pending == summary["n_pending"]
    assert result.n_exited == summary["n_exited"]
    assert result.percent_met == pytest.approx(summary["percent_met"])


def test_the_sentence_puts_prediction_and_observation_side_by_side(result):
    expected = (
        "Predicted: 80% of children have a planning meeting within 2 weeks. "
        "Observed: 5 of 7 (71%) between 3 Sep and 26 Oct 2018; "
    )
    assert result.text.startswith(expected)
    assert result.text == expected + spc_reading(result.chart)[1] + "."


def test_the_run_chart_is_the_measures_monthly_outcomes(result):
    # Outcome months: Jun (C11), Sep (C01, C09), Oct (C02-C05, C07 deadline 19 Oct), Nov (C06).
    series = result.series.set_index("month")
    assert series["n_resolved"].to_dict() == {
        pd.Timestamp("2018-06-01"): 1,
        pd.Timestamp("2018-07-01"): 0,
        pd.Timestamp("2018-08-01"): 0,
        pd.Timestamp("2018-09-01"): 2,
        pd.Timestamp("2018-10-01"): 5,
        pd.Timestamp("2018-11-01"): 2,
    }
    assert result.chart is not None
    assert result.chart.chart == "run"


def test_by_date_judges_outcomes_as_at_that_date():
    the_cycle = cycle(**{"predictions.0.by": "2018-10-15"})
    result = study(the_cycle, journeys(*ROWS), AIMS, MEASURES, AS_OF)[0]
    # As at 15 Oct: C01, C02, C04 met; C03 (deadline 15 Oct), C05 and C07 still pending.
    assert result.window_end == pd.Timestamp("2018-10-15")
    assert result.judged_at == pd.Timestamp("2018-10-15")
    assert (result.n_met, result.n_not_met, result.n_pending) == (3, 0, 3)
    assert "(3 more still pending; too few children to judge)" in result.text


def test_a_cycle_still_running_is_cut_at_the_as_at_date():
    result = study(cycle(), journeys(*ROWS), AIMS, MEASURES, "2018-10-12")[0]
    # Observed so far: C01-C04 and C07 (72-hour meetings up to 12 Oct). C01, C02 and C04 (its
    # meeting on 12 Oct itself) are met; C03 (meeting on 16 Oct, 11 days so far) and C07 (7
    # days so far) are pending.
    assert result.in_progress
    assert result.window_end == pd.Timestamp("2018-10-12")
    assert result.n_children == 5
    assert (result.n_met, result.n_not_met, result.n_pending) == (3, 0, 2)
    assert "between 3 Sep and 12 Oct 2018 (2 more still pending; cycle still running; too few" in (
        result.text
    )


def test_expected_weeks_reports_the_median():
    the_cycle = cycle(
        **{
            "predictions.0.expected_percent": None,
            "predictions.0.expected_weeks": 1,
            "predictions.0.statement": "Meetings come within a week",
        }
    )
    result = study(the_cycle, journeys(*ROWS), AIMS, MEASURES, AS_OF)[0]
    assert result.prediction_met is False  # median 8/7 weeks > 1
    assert result.text.startswith(
        "Predicted: Meetings come within a week. Observed: a median of 1.1 weeks over 6 children "
        "between 3 Sep and 26 Oct 2018 (2 more with no end date yet);"
    )


def test_unlinked_and_unknown_predictions_are_not_compared():
    unlinked = cycle(**{"predictions.0.measure": None})
    result = study(unlinked, journeys(*ROWS), AIMS, MEASURES, AS_OF)[0]
    assert result.n_children == 0
    assert result.text.endswith("Not compared with the data: the prediction names no measure.")
    unknown = cycle(**{"predictions.0.measure": "nope"})
    text = study(unknown, journeys(*ROWS), AIMS, MEASURES, AS_OF)[0].text
    assert text.endswith("the prediction names an unknown measure.")


def test_no_children_in_the_window():
    result = study(cycle(), journeys(ROWS[10]), AIMS, MEASURES, AS_OF)[0]
    assert result.n_children == 0
    assert "Observed: no children started between 3 Sep and 26 Oct 2018" in result.text


def test_draft_is_labelled_when_there_is_no_narrative(result):
    assert draft_study(cycle(), [result]) == DRAFT_LABEL + result.text
    assert DRAFT_LABEL == "Draft (no Study narrative recorded yet): "


def test_a_recorded_narrative_comes_first_with_the_numbers_after_it(result):
    the_cycle = cycle(**{"study.narrative": "Booking at the 72-hour meeting worked."})
    text = draft_study(the_cycle, [result])
    assert text == f"Booking at the 72-hour meeting worked.\n\nThe numbers: {result.text}"
    assert "Draft" not in text


def test_study_frame_has_one_row_per_prediction(result):
    frame = study_frame([result, result])
    assert list(frame.columns) == list(STUDY_COLUMNS)
    assert len(frame) == 2
    assert frame["n_met"].tolist() == [5, 5]


def monthly(met: list[int], resolved: int = 10) -> spc.SPCResult:
    data = pd.DataFrame(
        {
            "month": pd.date_range("2018-01-01", periods=len(met), freq="MS"),
            "n_met": met,
            "n_resolved": resolved,
        }
    )
    return spc.chart(
        data, x="month", y="n_met", n="n_resolved", chart="run", multiply=100, direction="increase"
    )


SHIFT_UP = [1, 2, 1, 3, 2, 1, 2, 3, 6, 7, 8, 6, 7, 9, 8, 7]


def test_spc_reading_signal_of_improvement_and_deterioration():
    assert spc_reading(monthly(SHIFT_UP))[0] == "improvement"
    assert spc_reading(monthly(SHIFT_UP[::-1]))[0] == "deterioration"
    assert spc_reading(monthly(SHIFT_UP)) == (
        "improvement",
        "a signal of improvement on the run chart",
    )


def test_spc_reading_without_a_signal():
    zigzag = [3, 7, 4, 6, 2, 8, 5, 3, 7, 4, 6, 3]
    assert spc_reading(monthly(zigzag)) == ("none", "no signal of change yet on the run chart")
    code, phrase = spc_reading(monthly(zigzag[:6]))
    assert code == "none"
    assert phrase.endswith("(only 6 useful points; the run rules need at least 10)")


def test_spc_reading_when_the_median_is_at_100_percent():
    code, phrase = spc_reading(monthly([10, 10, 9, 10, 10, 8, 10]))
    assert code == "median_at_limit"
    assert "median is 100%" in phrase


def test_spc_reading_without_outcomes():
    assert spc_reading(None) == ("no_data", "no outcomes on the run chart yet")
