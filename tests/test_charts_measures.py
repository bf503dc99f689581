"""per_child, time_to_event, journey and ramp charts: what they draw and what the alt text says."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.dates import date2num  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from pace_qi.charts import (  # noqa: E402
    Chart,
    journey_chart,
    per_child_chart,
    ramp_chart,
    time_to_event_chart,
)
from pace_qi.charts.direct_labels import spread_positions  # noqa: E402
from pace_qi.charts.style import MIN_FONT_SIZE  # noqa: E402
from pace_qi.charts.time_to_event import share_by_week  # noqa: E402


def by_gid(figure, gid):
    return [a for a in figure.findobj() if a.get_gid() == gid]


def texts(figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(Text)]


def assert_min_font(chart: Chart) -> None:
    chart.figure.canvas.draw()
    sizes = [t.get_fontsize() for t in chart.figure.findobj(Text) if t.get_text()]
    assert sizes and min(sizes) >= MIN_FONT_SIZE


# ---------------------------------------------------------------- per child
@pytest.fixture
def per_child() -> pd.DataFrame:
    """Eight SYNTHETIC children: 3 met, 2 not met, 2 pending, 1 exited."""
    status = ["met", "not_met", "met", "exited", "met", "not_met", "pending", "pending"]
    return pd.DataFrame(
        {
            "child_id": [f"P{i}" for i in range(8)],
            "episode_id": [f"E{i}" for i in range(8)],
            "start_date": pd.date_range("2018-02-05", periods=8, freq="4W"),
            "weeks": [12.0, 40.0, 20.0, 8.0, 28.0, 35.0, 10.0, 33.0],
            "status": status,
            "pending": [s == "pending" for s in status],
            "order": range(1, 9),
        }
    )


def test_per_child_plots_each_child_by_status(per_child):
    figure = per_child_chart(per_child, within_weeks=30).figure
    counts = {
        s: sum(len(a.get_xdata()) for a in by_gid(figure, f"children_{s}"))
        for s in ("met", "not_met", "pending", "exited")
    }
    assert counts == {"met": 3, "not_met": 2, "pending": 2, "exited": 1}
    (pending,) = by_gid(figure, "children_pending")
    (met,) = by_gid(figure, "children_met")
    (not_met,) = by_gid(figure, "children_not_met")
    assert pending.get_markerfacecolor() == "none"  # open marker: clock still running
    assert met.get_markerfacecolor() != "none"
    assert met.get_marker() != not_met.get_marker()
    assert list(pending.get_xdata()) == [7, 8]
    assert list(pending.get_ydata()) == [10.0, 33.0]


def test_per_child_reference_lines_and_labels(per_child):
    figure = per_child_chart(
        per_child, within_weeks=30, guidance_weeks=26, reminder_weeks=15
    ).figure
    assert set(by_gid(figure, "aim")[0].get_ydata()) == {30}
    assert set(by_gid(figure, "guidance")[0].get_ydata()) == {26}
    assert set(by_gid(figure, "reminder")[0].get_ydata()) == {15}
    # median of the 5 children with an outcome: 12, 20, 28, 35, 40 -> 28
    assert set(by_gid(figure, "median")[0].get_ydata()) == {28}
    labels = texts(figure)
    assert {"Aim: 30 weeks", "Guidance: 26 weeks", "Reminder: 15 weeks"} <= set(labels)
    assert "Median: 28 weeks" in labels


def test_per_child_without_median_and_without_names(per_child):
    chart = per_child_chart(per_child, within_weeks=30, median=False)
    assert by_gid(chart.figure, "median") == []
    assert not any(label.startswith("P") for label in texts(chart.figure))


def test_per_child_names_children_only_when_asked(per_child):
    chart = per_child_chart(per_child, within_weeks=30, label_column="child_id")
    ticks = [t.get_text() for t in chart.ax.get_xticklabels()]
    assert ticks == [f"P{i}" for i in range(8)]


def test_per_child_alt_text_counts(per_child):
    text = per_child_chart(
        per_child, within_weeks=30, guidance_weeks=26, subject="Weeks to recommendation"
    ).alt_text
    assert text.startswith("Weeks to recommendation for 8 children in order of start date")
    assert "3 met the 30-week aim, 2 did not, 2 still waiting, 1 left before a decision" in text
    assert "median 28 weeks among the 5 with an outcome" in text
    assert "longest 40 weeks" in text


def test_per_child_fonts(per_child):
    assert_min_font(per_child_chart(per_child, within_weeks=30, guidance_weeks=26))


# ---------------------------------------------------------------- time to event
@pytest.fixture
def curves() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "week": [0, 10, 20, 30, 40],
            "km_share": [0.0, 0.2, 0.5, 0.7, 0.9],
            "cif_share": [0.0, 0.1, 0.4, 0.62, 0.8],
        }
    )


def test_share_by_week_reads_the_step_curve(curves):
    assert share_by_week(curves, "cif_share", 30) == pytest.approx(0.62)
    assert share_by_week(curves, "cif_share", 29.9) == pytest.approx(0.4)
    assert share_by_week(curves, "km_share", -1) == 0.0
    assert share_by_week(curves, "km_share", 100) == pytest.approx(0.9)


def test_time_to_event_draws_step_curves_and_lines(curves):
    chart = time_to_event_chart(curves, within_weeks=30, guidance_weeks=26)
    (cif,) = by_gid(chart.figure, "cif_share")
    (km,) = by_gid(chart.figure, "km_share")
    assert cif.get_drawstyle() == "steps-post"
    np.testing.assert_allclose(cif.get_ydata(), curves["cif_share"])
    np.testing.assert_allclose(km.get_ydata(), curves["km_share"])
    assert set(by_gid(chart.figure, "aim")[0].get_xdata()) == {30}
    assert set(by_gid(chart.figure, "guidance")[0].get_xdata()) == {26}
    labels = texts(chart.figure)
    assert "share recommended by week 30: 62%" in labels
    assert "share recommended by week 30: 70%" in labels


def test_time_to_event_with_one_curve_and_alt_text(curves):
    chart = time_to_event_chart(curves[["week", "cif_share"]], within_weeks=30, event="placed")
    assert by_gid(chart.figure, "km_share") == []
    assert "share placed by week 30: 62%" in texts(chart.figure)
    assert "weeks 0 to 40" in chart.alt_text
    assert "by week 30 (the aim): 62% (cumulative incidence)" in chart.alt_text
    assert "Kaplan" not in chart.alt_text


def test_time_to_event_fonts(curves):
    assert_min_font(time_to_event_chart(curves, within_weeks=30, guidance_weeks=26))


# ---------------------------------------------------------------- journeys
@pytest.fixture
def journeys() -> pd.DataFrame:
    """Two SYNTHETIC children; the second started earlier and is still in stage B."""
    day = pd.Timestamp
    return pd.DataFrame(
        {
            "child_id": ["K1", "K1", "K2", "K2"],
            "episode_id": ["K1-a", "K1-a", "K2-a", "K2-a"],
            "stage": ["a", "b", "a", "b"],
            "stage_label": ["Stage A", "Stage B", "Stage A", "Stage B"],
            "start_date": [
                day("2018-03-05"),
                day("2018-04-16"),
                day("2018-01-01"),
                day("2018-01-29"),
            ],
            "end_date": [day("2018-04-16"), day("2018-05-14"), day("2018-01-29"), pd.NaT],
            "weeks": [6.0, 4.0, 4.0, 12.0],
            "guidance_weeks": [5.0, 10.0, 5.0, 10.0],
            "ongoing": [False, False, False, True],
            "over_guidance": [True, False, False, True],
        }
    )


def test_journey_bars_stack_per_child(journeys):
    chart = journey_chart(journeys)
    stage_a = by_gid(chart.figure, "stage_a")
    assert sorted((p.get_y() + p.get_height() / 2, p.get_x(), p.get_width()) for p in stage_a) == [
        (0.0, 0.0, 4.0),  # K2 started first: row 0
        (1.0, 0.0, 6.0),
    ]
    (done_b,) = by_gid(chart.figure, "stage_b")
    assert (done_b.get_x(), done_b.get_width()) == (6.0, 4.0)
    (ongoing_b,) = by_gid(chart.figure, "stage_b_ongoing")
    assert ongoing_b.get_hatch()
    assert (ongoing_b.get_x(), ongoing_b.get_width()) == (4.0, 12.0)
    assert to_hex(done_b.get_facecolor()) != to_hex(stage_a[0].get_facecolor())


def test_journey_guidance_ticks(journeys):
    (ticks,) = by_gid(journey_chart(journeys).figure, "guidance_ticks")
    assert sorted(zip(ticks.get_ydata(), ticks.get_xdata(), strict=True)) == [
        (0, 5.0),
        (0, 14.0),
        (1, 5.0),
        (1, 16.0),
    ]


def test_journey_legend_and_alt_text(journeys):
    chart = journey_chart(journeys)
    legend = by_gid(chart.figure, "stages_legend")[0]
    assert [t.get_text() for t in legend.get_texts()] == [
        "Stage A",
        "Stage B",
        "Still under way",
        "Guidance for the stage",
    ]
    assert chart.alt_text.startswith("Bar chart of the journeys of 2 children through 2 stages")
    assert "Stage A: 2, median 5 weeks, 1 over the 5-week guidance" in chart.alt_text
    assert "1 with a stage still under way" in chart.alt_text
    assert "K1" not in chart.alt_text and "K1" not in texts(chart.figure)
    assert_min_font(chart)


# ---------------------------------------------------------------- PDSA ramp
@pytest.fixture
def cycles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "aim": ["aim1", "aim1", "aim3"],
            "cycle": [1, 2, 1],
            "id": ["aim1_cycle1", "aim1_cycle2", "aim3_cycle1"],
            "title": ["Planning meeting", "Reminder letters", "Panel slots"],
            "start": pd.to_datetime(["2018-03-01", "2018-05-01", "2018-04-01"]),
            "end": pd.to_datetime(["2018-04-15", None, "2018-06-30"]),
            "decision": ["adapt", "pending", "adopt"],
        }
    )


def test_ramp_draws_a_bar_per_cycle_with_decision_labels(cycles):
    chart = ramp_chart(cycles, as_of=pd.Timestamp("2018-07-01"))
    (adapt,) = by_gid(chart.figure, "cycles_adapt")
    assert adapt.get_x() == pytest.approx(date2num(pd.Timestamp("2018-03-01")))
    assert adapt.get_width() == pytest.approx(45)
    (pending,) = by_gid(chart.figure, "cycles_pending_in_progress")
    assert pending.get_hatch()
    assert pending.get_width() == pytest.approx(61)  # 1 May to the as-at date, 1 Jul
    (adopt,) = by_gid(chart.figure, "cycles_adopt")
    assert to_hex(adopt.get_facecolor()) != to_hex(adapt.get_facecolor())
    labels = [t.get_text() for t in by_gid(chart.figure, "cycle_label")]
    assert labels == ["C1 adapt", "C2 pending", "C1 adopt"]
    assert [t.get_text() for t in chart.ax.get_yticklabels()] == ["aim1", "aim3"]


def test_ramp_alt_text(cycles):
    text = ramp_chart(cycles, as_of=pd.Timestamp("2018-07-01")).alt_text
    assert text.startswith("Timeline of PDSA cycles for 2 aims (Mar 2018 to Jul 2018)")
    assert "aim1, 2 cycles: C1 adapt, C2 pending (in progress)" in text
    assert "aim3, 1 cycle: C1 adopt" in text


def test_ramp_fonts(cycles):
    assert_min_font(ramp_chart(cycles))


# ---------------------------------------------------------------- shared pieces
def test_spread_positions_keeps_labels_apart_and_in_place_when_free():
    placed = spread_positions(np.array([26.0, 26.0, 30.0, 15.0]), 2.0)
    assert list(placed) == [26.0, 28.0, 30.0, 15.0]
    assert list(spread_positions(np.array([10.0, 50.0]), 2.0)) == [10.0, 50.0]


@given(
    st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=6),
    st.floats(0.1, 10),
)
def test_spread_positions_properties(values, gap):
    placed = spread_positions(np.array(values), gap)
    assert np.all(placed >= np.array(values) - 1e-9)  # labels only move up
    ordered = np.sort(placed)
    assert np.all(np.diff(ordered) >= gap - 1e-9)


def test_journey_stage_order_column_sets_the_order(journeys):
    reordered = journeys.assign(stage_order=journeys["stage"].map({"a": 2, "b": 1}))
    legend = by_gid(journey_chart(reordered).figure, "stages_legend")[0]
    assert [t.get_text() for t in legend.get_texts()][:2] == ["Stage B", "Stage A"]


def test_per_child_not_met_still_waiting_is_open(per_child):
    censored = per_child.assign(censored=[False, True, False, False, False, False, True, True])
    figure = per_child_chart(censored, within_weeks=30).figure
    (waiting,) = by_gid(figure, "children_not_met_waiting")
    assert list(waiting.get_ydata()) == [40.0]
    assert waiting.get_markerfacecolor() == "none"
    (not_met,) = by_gid(figure, "children_not_met")
    assert list(not_met.get_ydata()) == [35.0]
