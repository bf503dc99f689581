"""Critical values and constants computed by pace-qi against the reference tables."""

from __future__ import annotations

import numpy as np

from pace_qi.spc.anhoej import longest_run_max, n_crossings_min
from pace_qi.spc.constants import a3, b3, b4, c4
from pace_qi.spc.ihi import runs_limits
from tests.spc.reference import read, requires_reference

pytestmark = requires_reference


def test_anhoej_critical_values() -> None:
    table = read("tables/anhoej_critical_values.csv")
    n = table["n_useful"].to_numpy()
    np.testing.assert_array_equal(longest_run_max(n), table["longest_run_max"])
    # scipy's binom.ppf agrees with R's qbinom(0.05, n - 1, 0.5) over the whole table
    np.testing.assert_array_equal(n_crossings_min(n), table["n_crossings_min"])


def test_swed_eisenhart_runs_limits() -> None:
    table = read("tables/swed_eisenhart_runs_limits_computed.csv")
    two_sided = [runs_limits(int(n)) for n in table["n_useful"]]
    one_sided = [runs_limits(int(n), tail=0.05) for n in table["n_useful"]]
    assert [lo for lo, _ in two_sided] == table["too_few_if_runs_lt_2sided05"].tolist()
    assert [hi for _, hi in two_sided] == table["too_many_if_runs_gt_2sided05"].tolist()
    assert [lo for lo, _ in one_sided] == table["too_few_if_runs_lt_1sided05"].tolist()
    assert [hi for _, hi in one_sided] == table["too_many_if_runs_gt_1sided05"].tolist()


def test_control_chart_constants() -> None:
    table = read("tables/control_chart_constants_exact.csv")
    n = table["n"].to_numpy(dtype=float)
    expected = {
        "c4": c4(n),
        "A3": a3(n),
        "B3": b3(n),
        "B4": b4(n),
        "A3_2sigma": a3(n, 2),
        "B3_2sigma": b3(n, 2),
        "B4_2sigma": b4(n, 2),
    }
    for column, values in expected.items():
        np.testing.assert_allclose(values, table[column], rtol=1e-9, atol=1e-15, err_msg=column)
