"""Centre lines and control limits, one function per chart type (the published formulas).

Each function works on one part of one chart and receives a `PartInput`: the subgroup values
and which of them form the baseline (baseline and not excluded). It returns a `PartLimits` of
arrays as long as the part: the plotted y (an mr or s chart plots a statistic of the data),
the centre line and the 3-sigma and 2-sigma limits. Missing values propagate as NaN.

Formulas follow Montgomery (Introduction to Statistical Quality Control) as implemented by
qicharts2; see docs/spc.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from pace_qi.spc.constants import a3, b3, b4

#: d2 for moving ranges of two points: σ̂ = MR̄ / 1.128.
D2 = 1.128
#: D4 for moving ranges of two points: the upper limit of the MR chart is 3.267·MR̄.
D4 = 3.267


@dataclass(frozen=True)
class PartInput:
    """The subgroups of one part. `base` marks the points that define the centre line and
    limits (baseline and included). `cl` is a user-fixed centre line (None: compute it)."""

    y: np.ndarray
    n: np.ndarray
    y_sum: np.ndarray
    y_length: np.ndarray
    y_sd: np.ndarray
    base: np.ndarray
    categorical: bool = False
    cl: float | None = None
    screen_mr: bool = True


@dataclass(frozen=True)
class PartLimits:
    """Plotted y, centre line and limits for one part (arrays of the part's length)."""

    y: np.ndarray
    cl: np.ndarray
    lcl: np.ndarray
    ucl: np.ndarray
    lcl_95: np.ndarray
    ucl_95: np.ndarray


def _full(value: float, like: np.ndarray) -> np.ndarray:
    return np.full(like.shape, value, dtype=float)


def _nanmean(values: np.ndarray) -> float:
    values = values[~np.isnan(values)]
    return float(values.mean()) if values.size else np.nan


def _nanmedian(values: np.ndarray) -> float:
    values = values[~np.isnan(values)]
    return float(np.median(values)) if values.size else np.nan


def average_moving_range(values: np.ndarray, screen: bool = True) -> float:
    """MR̄ of consecutive values; a moving range next to a missing value is missing (not bridged).

    With `screen`, moving ranges of 3.267·MR̄ or more are dropped and MR̄ recomputed (Nelson
    1982), so that one wild point does not widen the limits."""
    mr = np.abs(np.diff(values))
    amr = _nanmean(mr)
    if screen and amr > 0:  # with MR̄ = 0 every range would be screened out
        amr = _nanmean(mr[mr < D4 * amr])
    return amr


def _symmetric(y: np.ndarray, cl: np.ndarray, sd: np.ndarray | float) -> PartLimits:
    sd = np.broadcast_to(np.asarray(sd, dtype=float), cl.shape)
    return PartLimits(y, cl, cl - 3 * sd, cl + 3 * sd, cl - 2 * sd, cl + 2 * sd)


def _clip(limits: PartLimits, lower: float | None = 0.0, upper: float | None = None) -> PartLimits:
    """Clip limits to the possible range of the statistic (a proportion is in [0, 1])."""

    def clip(values: np.ndarray) -> np.ndarray:
        return np.clip(values, lower, upper)

    return PartLimits(
        limits.y,
        limits.cl,
        clip(limits.lcl),
        clip(limits.ucl),
        clip(limits.lcl_95),
        clip(limits.ucl_95),
    )


def run_limits(part: PartInput) -> PartLimits:
    """Run chart: centre line = median of the baseline points; no limits."""
    cl = part.cl if part.cl is not None else _nanmedian(part.y[part.base])
    nan = _full(np.nan, part.y)
    return PartLimits(part.y, _full(cl, part.y), nan, nan, nan, nan)


def i_limits(part: PartInput) -> PartLimits:
    """I chart: mean ± 3·MR̄/1.128. Moving ranges bridge excluded points (they are taken over
    the baseline points only) but not missing ones."""
    cl = part.cl if part.cl is not None else _nanmean(part.y[part.base])
    sd = average_moving_range(part.y[part.base], part.screen_mr) / D2
    return _symmetric(part.y, _full(cl, part.y), sd)


def mr_limits(part: PartInput) -> PartLimits:
    """MR chart: y = |y_i − y_(i−1)|, centre line MR̄ of the baseline, UCL 3.267·MR̄, LCL 0."""
    y = np.concatenate([[np.nan], np.abs(np.diff(part.y))]) if part.y.size else part.y
    cl = part.cl if part.cl is not None else _nanmean(y[part.base])
    zero = _full(0.0, y)
    return PartLimits(y, _full(cl, y), zero, _full(D4 * cl, y), zero, _full(D4 / 3 * 2 * cl, y))


def _pooled_sd(part: PartInput) -> float:
    """s̄: the mean of subgroup SDs when all subgroups have one size, else the pooled SD
    (Montgomery 6.29 and 6.31)."""
    base = part.base
    sizes = part.y_length
    if np.unique(sizes).size > 1:
        used = base & ~np.isnan(part.y_sd)
        squares = np.sum((sizes[used] - 1.0) * part.y_sd[used] ** 2)
        # as qicharts2: every baseline subgroup adds n_i − 1 to the degrees of freedom, so an
        # empty subgroup (all values missing) subtracts one (see docs/spc.md)
        return float(np.sqrt(squares / np.sum(sizes[base] - 1.0)))
    return _nanmean(part.y_sd[base])


def xbar_limits(part: PartInput) -> PartLimits:
    """xbar chart: grand mean ± A3(n_i)·s̄."""
    base = part.base & ~np.isnan(part.y)
    sizes = part.y_length.astype(float)
    cl = part.cl
    if cl is None:
        cl = float(np.sum(sizes[base] * part.y[base]) / np.sum(sizes[base]))
    sbar = _pooled_sd(part)
    cl_arr = _full(cl, part.y)
    return PartLimits(
        part.y,
        cl_arr,
        cl_arr - a3(sizes) * sbar,
        cl_arr + a3(sizes) * sbar,
        cl_arr - a3(sizes, 2) * sbar,
        cl_arr + a3(sizes, 2) * sbar,
    )


def s_limits(part: PartInput) -> PartLimits:
    """s chart: y = subgroup SD, centre line s̄, limits B3(n_i)·s̄ and B4(n_i)·s̄."""
    sizes = part.y_length.astype(float)
    cl = part.cl if part.cl is not None else _pooled_sd(part)
    return PartLimits(
        part.y_sd,
        _full(cl, part.y),
        b3(sizes) * cl,
        b4(sizes) * cl,
        b3(sizes, 2) * cl,
        b4(sizes, 2) * cl,
    )


def t_limits(part: PartInput) -> PartLimits:
    """t chart (time between events): an I chart of y^(1/3.6), back-transformed with ^3.6;
    a negative lower limit becomes 0."""
    if np.nanmin(part.y, initial=np.inf) <= 0:
        raise ValueError("t chart: times between events must be greater than zero")
    cl = None if part.cl is None else part.cl ** (1 / 3.6)
    inner = i_limits(
        PartInput(
            part.y ** (1 / 3.6),
            part.n,
            part.y_sum,
            part.y_length,
            part.y_sd,
            part.base,
            part.categorical,
            cl,
            part.screen_mr,
        )
    )

    def back(values: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            out = np.where(values < 0, 0.0, values) ** 3.6
        return out

    return PartLimits(
        part.y,
        back(inner.cl),
        back(inner.lcl),
        back(inner.ucl),
        back(inner.lcl_95),
        back(inner.ucl_95),
    )


def _pooled_rate(part: PartInput) -> float:
    """Σ numerator / Σ denominator over the baseline (p̄ or ū)."""
    base = part.base & ~np.isnan(part.y_sum) & ~np.isnan(part.n)
    return float(np.sum(part.y_sum[base]) / np.sum(part.n[base]))


def p_limits(part: PartInput) -> PartLimits:
    """p chart: p̄ ± 3·√(p̄(1−p̄)/n_i), clipped to [0, 1]."""
    cl = part.cl if part.cl is not None else _pooled_rate(part)
    sd = np.sqrt(cl * (1 - cl) / part.n)
    return _clip(_symmetric(part.y, _full(cl, part.y), sd), 0.0, 1.0)


def _laney_sigma_z(part: PartInput, cl: float, sd: np.ndarray) -> float:
    """Laney's σz: the spread of the z-scores of the baseline points, from their screened MR̄
    (or their SD when x is categorical)."""
    z = (part.y[part.base] - cl) / sd[part.base]
    if part.categorical:
        z = z[~np.isnan(z)]
        return float(np.std(z, ddof=1)) if z.size > 1 else np.nan
    return average_moving_range(z, part.screen_mr) / D2


def pp_limits(part: PartInput) -> PartLimits:
    """p′ chart (Laney): p̄ ± 3·σp·σz, clipped to [0, 1]."""
    cl = part.cl if part.cl is not None else _pooled_rate(part)
    sd = np.sqrt(cl * (1 - cl) / part.n)
    sd = sd * _laney_sigma_z(part, cl, sd)
    return _clip(_symmetric(part.y, _full(cl, part.y), sd), 0.0, 1.0)


def c_limits(part: PartInput) -> PartLimits:
    """c chart: c̄ ± 3·√c̄ on subgroup counts, LCL ≥ 0."""
    y = part.y_sum
    cl = part.cl if part.cl is not None else _nanmean(y[part.base])
    return _clip(_symmetric(y, _full(cl, y), np.sqrt(cl)))


def u_limits(part: PartInput) -> PartLimits:
    """u chart: ū ± 3·√(ū/n_i), LCL ≥ 0."""
    cl = part.cl if part.cl is not None else _pooled_rate(part)
    return _clip(_symmetric(part.y, _full(cl, part.y), np.sqrt(cl / part.n)))


def up_limits(part: PartInput) -> PartLimits:
    """u′ chart (Laney): ū ± 3·√(ū/n_i)·σz, LCL ≥ 0."""
    cl = part.cl if part.cl is not None else _pooled_rate(part)
    sd = np.sqrt(cl / part.n)
    sd = sd * _laney_sigma_z(part, cl, sd)
    return _clip(_symmetric(part.y, _full(cl, part.y), sd))


def g_limits(part: PartInput) -> PartLimits:
    """g chart (opportunities between events): limits from the mean ḡ ± 3·√(ḡ(ḡ+1)), LCL ≥ 0;
    the centre line shown is the median of the baseline (the geometric distribution is
    skewed). A user-fixed `cl` is taken as ḡ and the centre line shown is 0.693·ḡ, its
    theoretical median."""
    gbar = part.cl if part.cl is not None else _nanmean(part.y[part.base])
    limits = _clip(_symmetric(part.y, _full(gbar, part.y), np.sqrt(gbar * (gbar + 1))))
    shown = _nanmedian(part.y[part.base]) if part.cl is None else 0.693 * gbar
    return PartLimits(
        part.y, _full(shown, part.y), limits.lcl, limits.ucl, limits.lcl_95, limits.ucl_95
    )


#: Chart type → limits function.
CHART_LIMITS: dict[str, Callable[[PartInput], PartLimits]] = {
    "run": run_limits,
    "i": i_limits,
    "mr": mr_limits,
    "xbar": xbar_limits,
    "s": s_limits,
    "t": t_limits,
    "p": p_limits,
    "pp": pp_limits,
    "c": c_limits,
    "u": u_limits,
    "up": up_limits,
    "g": g_limits,
}
