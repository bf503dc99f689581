"""Stage durations of the demo generator: lognormal medians, phase-in and stalled cases."""

from __future__ import annotations

import numpy as np
import pytest

from pace_qi.demo import calibration as cal
from pace_qi.demo.durations import draw_weeks, improvement_weight, weeks_to_days


def _days(*texts: str) -> np.ndarray:
    return np.array(texts, dtype="datetime64[D]")


def test_improvement_weight_phases_in_linearly_over_26_weeks_from_the_aim_start():
    stage = cal.ACCOMMODATION_TO_RECOMMENDATION  # Aim 2 starts 2019-02-01
    weights = improvement_weight(
        stage, _days("2018-12-01", "2019-02-01", "2019-05-03", "2019-08-02", "2020-01-01", "NaT")
    )
    # 2019-05-03 is 13 weeks (91 days) in: half way; 2019-08-02 is exactly 26 weeks in.
    np.testing.assert_allclose(weights, [0.0, 0.0, 0.5, 1.0, 1.0, 0.0])


def test_a_stage_without_an_aim_never_improves():
    assert not improvement_weight(cal.LODGED_TO_ORDER, _days("2030-01-01")).any()


@pytest.mark.parametrize(
    ("weight", "median", "log_sd"),
    [(0.0, 36.0, 0.55), (1.0, 20.0, 0.40), (0.5, np.sqrt(36.0 * 20.0), 0.475)],
)
def test_draws_are_lognormal_with_the_phased_median_and_log_sd(weight, median, log_sd):
    rng = np.random.default_rng(5)
    weeks = draw_weeks(
        rng, cal.ACCOMMODATION_TO_RECOMMENDATION, np.full(40_000, weight), stalled_share=0.0
    )
    assert np.median(weeks) == pytest.approx(median, rel=0.02)
    assert np.log(weeks).std() == pytest.approx(log_sd, abs=0.01)


def test_stalled_cases_take_two_to_three_times_as_long():
    weight = np.zeros(20_000)
    stage = cal.RECOMMENDATION_TO_PANEL
    plain = draw_weeks(np.random.default_rng(3), stage, weight, stalled_share=0.0)
    stalled = draw_weeks(np.random.default_rng(3), stage, weight, stalled_share=1.0)
    ratio = stalled / plain
    assert ratio.min() >= 2.0
    assert ratio.max() <= 3.0
    some = draw_weeks(np.random.default_rng(3), stage, weight, stalled_share=0.08)
    assert np.mean(some > plain) == pytest.approx(0.08, abs=0.01)


def test_whole_days_are_at_least_one():
    np.testing.assert_array_equal(weeks_to_days(np.array([0.01, 1.0, 2.5])), [1, 7, 18])
