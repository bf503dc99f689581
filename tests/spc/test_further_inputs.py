"""Reference inputs without expected outputs: the engine must handle them with the options
qicharts2 or MDC would take (facets, missing values, rebasing, direction, target)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pace_qi import spc
from tests.spc.reference import read, requires_reference

pytestmark = requires_reference


def test_hospital_infections_u_chart_per_facet() -> None:
    data = read("qicharts2/inputs/hospital_infections.csv", parse_dates=["month"])
    data["unit"] = data["hospital"] + " " + data["infection"]
    result = spc.chart(data, "month", "n", n="days", chart="u", multiply=10000, facet="unit")
    assert len(result.summary) == data["unit"].nunique()
    assert len(result.points) == len(data)
    # each facet's centre line is its own Σn / Σdays
    first = data[data["unit"] == result.summary["facet"].iloc[0]]
    expected = first["n"].sum() / first["days"].sum() * 10000
    assert result.summary["cl"].iloc[0] == np.float64(expected) or np.isclose(
        result.summary["cl"].iloc[0], expected, rtol=1e-12
    )


def test_na_test_xbar_chart_with_missing_observations() -> None:
    data = read("qicharts2/inputs/na_test.csv")
    result = spc.chart(data, "sample", "obs", chart="xbar")
    points = result.points
    assert len(points) == data["sample"].nunique()
    empty = data.groupby("sample")["obs"].count().eq(0).to_numpy()
    assert np.isnan(points["y"].to_numpy()[empty]).all()
    kept = data.dropna(subset=["sample", "obs"])  # rows with a missing x are dropped
    assert result.summary["cl"].iloc[0] == np.float64(kept["obs"].mean()) or np.isclose(
        result.summary["cl"].iloc[0], kept["obs"].mean(), rtol=1e-12
    )


def test_ae_breaches_mdc_lower_is_better_with_rebase_and_target() -> None:
    data = read("mdc/inputs/ae_attendances_RRK_type1_breaches.csv", parse_dates=["period"])
    result = spc.chart(
        data,
        "period",
        "breaches",
        method="mdc",
        direction="decrease",
        target=1200,
        part=["2018-07-01"],
    )
    assert result.summary["part"].tolist() == [1, 2]
    last = result.summary.iloc[-1]
    assert last["lcl"] > 1200  # the target sits below the new process
    assert last["assurance_icon"] == "consistent_fail"
    assert (
        result.points["point_type"]
        .isin(["common_cause", "special_cause_improvement", "special_cause_concern"])
        .all()
    )


def test_vignette_shifted_series_signals_and_outlier_is_flagged() -> None:
    data = read("qicharts2/inputs/vignette_seed19.csv")
    assert spc.chart(data, "i", "y_shifted").summary["runs_signal"].iloc[0]
    assert not spc.chart(data, "i", "y_rnorm").summary["runs_signal"].iloc[0]
    outlier = spc.chart(data, "i", "y_point22_is_4", chart="i").points
    assert outlier.loc[outlier["sigma_signal"], "x"].tolist() == [22]


def test_cabg_ages_by_date_as_xbar_and_cdi_notes() -> None:
    cabg = read("qicharts2/inputs/cabg_tail100_age.csv", parse_dates=["date"])
    result = spc.chart(cabg, "date", "age", chart="xbar")
    assert len(result.points) == cabg["date"].nunique()
    assert pd.api.types.is_datetime64_any_dtype(result.points["x"])
    cdi = read("qicharts2/inputs/cdi.csv", parse_dates=["month"])
    notes = spc.chart(cdi, "month", "n", notes="notes").points["notes"]
    assert notes.dropna().tolist() == ["Intervention begins"]
