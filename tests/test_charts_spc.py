"""spc_chart draws what the SPC result says: tested on the drawn artists, not pixels."""

from __future__ import annotations

import base64
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from pace_qi.charts import Chart, spc_chart  # noqa: E402
from pace_qi.charts.spc_chart import POINT_STYLES  # noqa: E402
from pace_qi.charts.style import MIN_FONT_SIZE, SIGNAL_COLOUR  # noqa: E402


@dataclass
class StandIn:
    """The shape of `pace_qi.spc.SPCResult` that spc_chart reads."""

    points: pd.DataFrame
    summary: pd.DataFrame
    chart: str = "run"
    target: float | None = None
    multiply: float = 1


def by_gid(figure, gid):
    return [a for a in figure.findobj() if a.get_gid() == gid]


def make_points(y, cl, lcl=None, ucl=None, part=None, x=None, **flags) -> pd.DataFrame:
    n = len(y)
    x = pd.date_range("2018-02-01", periods=n, freq="MS") if x is None else x
    frame = pd.DataFrame(
        {
            "x": x,
            "y": np.asarray(y, dtype=float),
            "n": 20,
            "part": [1] * n if part is None else part,
            "baseline": True,
            "include": True,
            "cl": np.broadcast_to(np.asarray(cl, dtype=float), (n,)),
            "lcl": np.nan if lcl is None else np.broadcast_to(np.asarray(lcl, float), (n,)),
            "ucl": np.nan if ucl is None else np.broadcast_to(np.asarray(ucl, float), (n,)),
            "lcl_95": np.nan,
            "ucl_95": np.nan,
            "sigma_signal": False,
            "runs_signal": False,
            "in_signal_run": False,
            "notes": "",
        }
    )
    for column, values in flags.items():
        frame[column] = values
    return frame


def make_summary(points: pd.DataFrame, longest=(3,), longest_max=(6,), cross=(5,), cross_min=(3,)):
    parts = list(pd.unique(points["part"]))
    grouped = points.groupby("part", sort=False)
    return pd.DataFrame(
        {
            "part": parts,
            "n_obs": grouped.size().to_numpy(),
            "n_useful": grouped.size().to_numpy(),
            "longest_run": list(longest),
            "longest_run_max": list(longest_max),
            "n_crossings": list(cross),
            "n_crossings_min": list(cross_min),
            "runs_signal": grouped["runs_signal"].any().to_numpy(),
            "lcl": grouped["lcl"].last().to_numpy(),
            "cl": grouped["cl"].last().to_numpy(),
            "ucl": grouped["ucl"].last().to_numpy(),
            "n_sigma_signals": grouped["sigma_signal"].sum().to_numpy(),
        }
    )


@pytest.fixture
def i_chart() -> StandIn:
    """Twelve months, one point above the UCL (Jul 2018), no runs signal, target 30."""
    y = [20, 22, 19, 21, 23, 45, 20, 18, 22, 21, 19, 20]
    points = make_points(y, cl=21.0, lcl=12.0, ucl=30.0, sigma_signal=np.array(y) > 30)
    return StandIn(points, make_summary(points), chart="i", target=30.0)


@pytest.fixture
def run_chart_with_shift() -> StandIn:
    """A run chart whose last 7 points are above the median and signal."""
    y = [40, 45, 38, 50, 42, 47, 60, 61, 62, 58, 63, 65, 59]
    in_run = np.array([False] * 6 + [True] * 7)
    points = make_points(y, cl=50.0, runs_signal=True, in_signal_run=in_run)
    return StandIn(points, make_summary(points, longest=(7,), longest_max=(6,)), chart="run")


def plotted_points(figure) -> int:
    return sum(len(a.get_xdata()) for kind in POINT_STYLES for a in by_gid(figure, kind))


def test_every_point_is_plotted_once(i_chart):
    chart = spc_chart(i_chart, title="Days", y_label="Days")
    assert plotted_points(chart.figure) == 12
    line = by_gid(chart.figure, "data_line")
    assert len(line) == 1
    np.testing.assert_allclose(line[0].get_ydata(), i_chart.points["y"])


def test_missing_values_are_not_plotted():
    points = make_points([1, np.nan, 3, 4], cl=2.5)
    chart = spc_chart(StandIn(points, make_summary(points)))
    assert plotted_points(chart.figure) == 3


def test_centre_limits_and_target_lines_are_at_the_result_values(i_chart):
    figure = spc_chart(i_chart, y_label="Days").figure
    (centre,) = by_gid(figure, "centre")
    assert set(centre.get_ydata()) == {21.0}
    (ucl,) = by_gid(figure, "ucl")
    (lcl,) = by_gid(figure, "lcl")
    assert set(ucl.get_ydata()) == {30.0}
    assert set(lcl.get_ydata()) == {12.0}
    assert len(by_gid(figure, "limits")) == 1
    (target,) = by_gid(figure, "target")
    assert set(target.get_ydata()) == {30.0}
    labels = {t.get_gid(): t.get_text() for t in figure.findobj(Text) if t.get_gid()}
    assert labels["target_label"] == "Target 30"
    assert labels["centre_label"] == "Mean 21"
    assert labels["ucl_label"] == "Upper limit 30"
    assert labels["lcl_label"] == "Lower limit 12"


def test_run_chart_draws_no_limit_band(run_chart_with_shift):
    figure = spc_chart(run_chart_with_shift).figure
    assert by_gid(figure, "limits") == []
    assert by_gid(figure, "ucl") == []
    labels = [t.get_text() for t in figure.findobj(Text)]
    assert "Median 50" in labels
    assert not any(text.startswith("Upper limit") for text in labels)


def test_point_outside_limits_differs_in_shape_and_colour(i_chart):
    figure = spc_chart(i_chart).figure
    (normal,) = by_gid(figure, "points")
    (outside,) = by_gid(figure, "points_outside_limits")
    assert list(outside.get_ydata()) == [45.0]
    assert outside.get_xdata()[0] == pd.Timestamp("2018-07-01")
    assert len(normal.get_xdata()) == 11
    assert outside.get_marker() != normal.get_marker()
    assert to_hex(outside.get_color()) != to_hex(normal.get_color())


def test_signalling_run_dashes_the_centre_line_and_marks_the_run(run_chart_with_shift):
    figure = spc_chart(run_chart_with_shift).figure
    assert by_gid(figure, "centre") == []
    (centre,) = by_gid(figure, "centre_signal")
    assert centre.get_linestyle() == "--"
    assert to_hex(centre.get_color()) == SIGNAL_COLOUR.lower()
    (run,) = by_gid(figure, "points_signal_run")
    (normal,) = by_gid(figure, "points")
    assert list(run.get_ydata()) == [60, 61, 62, 58, 63, 65, 59]
    assert run.get_marker() not in {normal.get_marker(), None, "None"}


def test_excluded_points_are_drawn_as_their_own_kind():
    points = make_points([1, 2, 30, 2, 1], cl=1.5, include=[True, True, False, True, True])
    figure = spc_chart(StandIn(points, make_summary(points))).figure
    (excluded,) = by_gid(figure, "points_excluded")
    assert list(excluded.get_ydata()) == [30.0]
    legend = by_gid(figure, "points_legend")[0]
    assert "Left out of the calculations" in [t.get_text() for t in legend.get_texts()]


def test_annotations_are_numbered_left_to_right_with_a_legend(i_chart):
    notes = [
        {"x": pd.Timestamp("2018-09-01"), "label": "PDSA 2: reminders"},
        {
            "x": pd.Timestamp("2018-04-01"),
            "label": "PDSA 1: 2-week planning meeting",
            "end": pd.Timestamp("2018-06-01"),
        },
    ]
    figure = spc_chart(i_chart, annotations=notes).figure
    markers = by_gid(figure, "annotation_marker")
    assert [m.get_text() for m in markers] == ["1", "2"]
    assert [m.get_position()[0] for m in markers] == [
        pd.Timestamp("2018-04-01"),
        pd.Timestamp("2018-09-01"),
    ]
    assert len(by_gid(figure, "annotation_window")) == 1
    (legend,) = by_gid(figure, "notes_legend")
    assert [t.get_text() for t in legend.get_texts()] == [
        "1  PDSA 1: 2-week planning meeting",
        "2  PDSA 2: reminders",
    ]


def test_point_notes_join_the_numbered_annotations(i_chart):
    points = i_chart.points.copy()
    points.loc[2, "notes"] = "new manager"
    result = StandIn(points, i_chart.summary, chart="i")
    annotations = pd.DataFrame({"x": [pd.Timestamp("2018-01-01")], "label": ["PDSA 1"]})
    chart = spc_chart(result, annotations=annotations)
    (legend,) = by_gid(chart.figure, "notes_legend")
    assert [t.get_text() for t in legend.get_texts()] == ["1  PDSA 1", "2  new manager"]
    assert "2 notes marked" in chart.alt_text


def test_parts_are_separated_and_named():
    y = [10, 12, 11, 13, 20, 22, 21, 23]
    part = [1, 1, 1, 1, 2, 2, 2, 2]
    points = make_points(y, cl=[11.5] * 4 + [21.5] * 4, part=part, x=np.arange(1, 9))
    summary = make_summary(
        points, longest=(2, 2), longest_max=(5, 5), cross=(3, 3), cross_min=(1, 1)
    )
    figure = spc_chart(StandIn(points, summary)).figure
    (separator,) = by_gid(figure, "part_separator")
    assert separator.get_xdata()[0] == pytest.approx(4.5)
    assert [t.get_text() for t in by_gid(figure, "part_label")] == ["Part 1", "Part 2"]
    assert len(by_gid(figure, "centre")) == 2


def test_end_of_a_frozen_baseline_is_marked():
    points = make_points(range(1, 9), cl=4.5, x=np.arange(1, 9), baseline=[True] * 5 + [False] * 3)
    figure = spc_chart(StandIn(points, make_summary(points))).figure
    (freeze,) = by_gid(figure, "freeze_separator")
    assert freeze.get_xdata()[0] == pytest.approx(5.5)
    assert by_gid(figure, "part_separator") == []


def test_all_text_is_at_least_12_points(i_chart):
    notes = [{"x": pd.Timestamp("2018-04-01"), "label": "PDSA 1"}]
    chart = spc_chart(i_chart, title="Title", y_label="Days", annotations=notes)
    chart.figure.canvas.draw()
    texts = [t for t in chart.figure.findobj(Text) if t.get_text()]
    assert len(texts) > 10
    assert min(t.get_fontsize() for t in texts) >= MIN_FONT_SIZE


def test_style_does_not_leak_into_global_settings(i_chart):
    before = dict(mpl.rcParams)
    spc_chart(i_chart)
    assert dict(mpl.rcParams) == before


def test_percent_shows_shares_as_percentages():
    points = make_points([0.4, 0.5, 0.45, 0.55], cl=0.475, lcl=0.1, ucl=0.85)
    chart = spc_chart(StandIn(points, make_summary(points), chart="p", target=0.6), percent=True)
    labels = [t.get_text() for t in chart.figure.findobj(Text)]
    assert {"Mean 48%", "Target 60%", "Upper limit 85%", "Lower limit 10%"} <= set(labels)
    assert "mean 48%" in chart.alt_text and "target 60%" in chart.alt_text


def test_percent_with_multiply_100_is_not_multiplied_again():
    points = make_points([40, 50, 45, 55], cl=47.5, lcl=10, ucl=85)
    result = StandIn(points, make_summary(points), chart="p", multiply=100)
    chart = spc_chart(result, percent=True)
    assert "Mean 48%" in [t.get_text() for t in chart.figure.findobj(Text)]
    assert "limits 10% to 85%" in chart.alt_text


def test_alt_text_reports_the_numbers(i_chart, run_chart_with_shift):
    text = spc_chart(i_chart, y_label="Days to panel").alt_text
    assert text.startswith("I chart (individual values) of days to panel, 12 months")
    assert "from Feb 2018 to Jan 2019" in text
    assert "mean 21" in text and "limits 12 to 30" in text
    assert "1 point outside the limits (Jul 2018)" in text
    assert "target 30" in text
    run_text = spc_chart(run_chart_with_shift, y_label="Percent met").alt_text
    assert "Run chart of percent met, 13 months" in run_text
    assert "a run of 7 points above the median (more than 6) signals a shift" in run_text


def test_alt_text_reports_too_few_crossings():
    points = make_points([1, 2, 1, 2, 9, 8, 9, 8], cl=5, runs_signal=True, x=np.arange(1, 9))
    summary = make_summary(points, longest=(4,), longest_max=(6,), cross=(1,), cross_min=(2,))
    text = spc_chart(StandIn(points, summary)).alt_text
    assert "8 points (1 to 8)" in text
    assert "1 crossing of the median (at least 2 expected) signals a shift" in text


def test_chart_mimebundle_carries_png_and_alt_text(i_chart):
    from IPython.core.formatters import DisplayFormatter

    chart = spc_chart(i_chart, y_label="Days")
    data, metadata = DisplayFormatter().format(chart)
    assert base64.b64decode(data["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert metadata["image/png"]["alt"] == chart.alt_text
    assert data["text/plain"] == chart.alt_text


def test_show_displays_with_alt_text_then_closes(i_chart, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.append((objs, kw)))
    figures_before = set(plt.get_fignums())
    chart = spc_chart(i_chart)
    assert set(plt.get_fignums()) == figures_before  # pyplot never sees the figure
    chart.show()
    ((objs, kw),) = shown
    assert objs[0]["image/png"]
    assert kw["metadata"]["image/png"]["alt"] == chart.alt_text
    assert chart.closed
    assert chart.figure.axes == []
    assert chart.png()[:4] == b"\x89PNG"  # still displayable from the kept PNG


def test_chart_is_the_return_type(i_chart):
    chart = spc_chart(i_chart)
    assert isinstance(chart, Chart)
    assert chart.ax is chart.figure.axes[0]


def test_frozen_baseline_is_named_in_the_alt_text():
    points = make_points(range(1, 9), cl=3.0, x=np.arange(1, 9), baseline=[True] * 5 + [False] * 3)
    text = spc_chart(StandIn(points, make_summary(points))).alt_text
    assert "median 3 (from the 5 baseline points, then frozen)" in text


def test_faceted_result_needs_a_facet():
    points = pd.concat(
        [
            make_points([1, 2, 3], cl=2).assign(facet="A"),
            make_points([5, 6], cl=5.5).assign(facet="B"),
        ]
    )
    result = StandIn(points, make_summary(points.iloc[:3]))
    with pytest.raises(ValueError, match="facet"):
        spc_chart(result)
    assert plotted_points(spc_chart(result, facet="B").figure) == 2


def test_real_p_chart_from_spc():
    spc = pytest.importorskip("pace_qi.spc")
    months = pd.date_range("2018-02-01", periods=24, freq="MS")
    data = pd.DataFrame({"month": months, "met": [4] * 12 + [9] * 12, "n": 10})
    result = spc.chart(data, x="month", y="met", n="n", chart="p", target=0.7, freeze=12)
    chart = spc_chart(result, y_label="Percent met", percent=True)
    figure = chart.figure
    assert plotted_points(figure) == 24
    # 4/10 in the baseline; frozen limits flag all 12 later points (9/10) outside them
    (outside,) = by_gid(figure, "points_outside_limits")
    assert len(outside.get_xdata()) == 12
    (centre,) = by_gid(figure, "centre_signal")
    np.testing.assert_allclose(centre.get_ydata(), 0.4)
    assert set(by_gid(figure, "target")[0].get_ydata()) == {0.7}
    assert len(by_gid(figure, "freeze_separator")) == 1
    assert chart.alt_text.startswith("P chart of percent met, 24 months from Feb 2018 to Jan 2020")
    assert "a run of 12 points above the mean (more than 7) signals a shift" in chart.alt_text
    assert "target 70%" in chart.alt_text


def test_real_mdc_chart_marks_improvement_and_concern_by_shape():
    spc = pytest.importorskip("pace_qi.spc")
    months = pd.date_range("2018-02-01", periods=24, freq="MS")
    data = pd.DataFrame({"month": months, "share": [0.4] * 12 + [0.9] * 12})
    result = spc.chart(data, x="month", y="share", method="mdc", direction="increase")
    figure = spc_chart(result, percent=True).figure
    improvement = by_gid(figure, "points_improvement")
    concern = by_gid(figure, "points_concern")
    assert improvement and concern
    assert improvement[0].get_marker() != concern[0].get_marker()
    assert set(improvement[0].get_ydata()) == {0.9}
    assert plotted_points(figure) == 24
