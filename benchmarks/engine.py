"""Benchmark the aims engine on 1,000,000 SYNTHETIC episodes.

Times `evaluate` + `summarise` + the two monthly series for all four aims and prints the
seconds and memory of each step and in total. Target (2-core machine): under 2 s and under
1.5 GB. The episodes are drawn with numpy directly (not the demo generator, which is shaped for
one local authority's few hundred children).

Run: .venv/bin/python benchmarks/engine.py [--rows 1000000] [--seed 1]

Memory is reported two ways: the process's peak resident set size (everything, including the
synthetic data) and, in a second pass, the peak of memory allocated during each step as traced
by tracemalloc (numpy and pandas buffers; Arrow string buffers are not traced).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pace_qi.aims import evaluate, load_aims, summarise  # noqa: E402
from pace_qi.measures import cohort_months, outcome_months  # noqa: E402

MB = 1024 * 1024


def _dates(base: np.datetime64, days: np.ndarray, missing: np.ndarray) -> np.ndarray:
    out = base + days.astype("timedelta64[D]")
    out = out.astype("datetime64[ns]")
    out[missing] = np.datetime64("NaT")
    return out


def synthetic_journeys(rows: int, seed: int) -> pd.DataFrame:
    """`rows` SYNTHETIC episodes over 2016-2020 touching every aim, with 1% validation errors."""
    rng = np.random.default_rng(seed)
    base = np.datetime64("2016-01-01")
    accommodated = rng.integers(0, 1500, rows)
    no_acc = rng.random(rows) < 0.3
    recommendation = accommodated + rng.lognormal(np.log(150), 0.5, rows).astype(int)
    no_rec = no_acc | (rng.random(rows) < 0.1)
    panel = recommendation + rng.lognormal(np.log(90), 0.5, rows).astype(int)
    adm = panel + rng.integers(3, 30, rows)
    lodged = adm + rng.lognormal(np.log(100), 0.5, rows).astype(int)
    away = rng.random(rows) < 0.45
    later_missing = no_rec | ~away
    home_start = rng.integers(-400, 1200, rows)
    no_home = rng.random(rows) < 0.7
    audit = home_start + rng.integers(600, 1000, rows)
    left = accommodated + rng.integers(20, 1500, rows)
    changed = recommendation + rng.integers(10, 400, rows)
    routes = np.array(["adoption", "permanence_order", "permanence_order_authority_to_adopt",
                       "kinship_care_order", "other"])
    codes = np.array(["away_from_home", "return_home", "remain_home"])
    ids = pd.Series(np.arange(rows)).astype("str")
    errors = np.where(rng.random(rows) < 0.01, "panel_date;date_of_birth", "")
    return pd.DataFrame(
        {
            "child_id": "SYNTHETIC-" + ids,
            "episode_id": "SYNTHETIC-" + ids + "-E1",
            "team": pd.Series(rng.choice(["North", "South", "East", "West"], rows), dtype="str"),
            "accommodated_date": _dates(base, accommodated, no_acc),
            "permanence_recommendation_date": _dates(base, recommendation, no_rec),
            "permanence_recommendation": pd.Series(
                np.where(away, codes[0], codes[rng.integers(1, 3, rows)]), dtype="str"
            ).where(~no_rec),
            "permanence_route": pd.Series(routes[rng.integers(0, 5, rows)], dtype="str").where(
                ~later_missing
            ),
            "panel_date": _dates(base, panel, later_missing | (rng.random(rows) < 0.1)),
            "adm_decision_date": _dates(base, adm, later_missing | (rng.random(rows) < 0.2)),
            "application_lodged_date": _dates(
                base, lodged, later_missing | (rng.random(rows) < 0.3)
            ),
            "home_supervision_start_date": _dates(base, home_start, no_home),
            "home_audit_date": _dates(base, audit, no_home | (rng.random(rows) < 0.3)),
            "looked_after_end_date": _dates(base, left, rng.random(rows) < 0.7),
            "plan_changed_date": _dates(base, changed, no_rec | (rng.random(rows) < 0.9)),
            "source_row": np.arange(2, rows + 2),
            "error_columns": pd.Series(errors, dtype="str"),
        }
    )


def _steps(journeys: pd.DataFrame, aims: dict, as_of: str):
    """The benchmarked work, one (name, callable) per step, in order."""
    state: dict = {}
    for aim in aims.values():
        def run_evaluate(aim=aim):
            state[aim.id] = evaluate(journeys, aim, as_of)

        yield f"{aim.id} evaluate", run_evaluate
        yield f"{aim.id} summarise", lambda aim=aim: summarise(state[aim.id], aim)
        yield f"{aim.id} outcome_months", lambda aim=aim: outcome_months(state[aim.id], aim)
        yield f"{aim.id} cohort_months", lambda aim=aim: cohort_months(state[aim.id], aim)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", default="2019-12-01")
    args = parser.parse_args(argv)

    aims = load_aims(ROOT / "params" / "aims")
    journeys = synthetic_journeys(args.rows, args.seed)
    data_mb = journeys.memory_usage(deep=True).sum() / MB
    print(f"{len(journeys):,} SYNTHETIC episodes, {data_mb:,.0f} MB in memory; "
          f"peak RSS after building: {_peak_rss_mb():,.0f} MB")

    print(f"\n{'step':<24}{'seconds':>9}")
    total = 0.0
    for name, step in _steps(journeys, aims, args.as_of):
        started = time.perf_counter()
        step()
        took = time.perf_counter() - started
        total += took
        print(f"{name:<24}{took:>9.3f}")
    print(f"{'total':<24}{total:>9.3f}   (target < 2 s)")
    print(f"peak RSS (whole process, data included): {_peak_rss_mb():,.0f} MB (target < 1536 MB)")

    print("\nsecond pass under tracemalloc (peak allocated during each step):")
    tracemalloc.start()
    worst = 0
    for name, step in _steps(journeys, aims, args.as_of):
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        step()
        peak = tracemalloc.get_traced_memory()[1] - before
        worst = max(worst, peak)
        print(f"{name:<24}{peak / MB:>9.1f} MB")
    tracemalloc.stop()
    print(f"{'largest step':<24}{worst / MB:>9.1f} MB")
    for aim in aims.values():
        result = summarise(evaluate(journeys, aim, args.as_of), aim)
        print(f"{aim.id}: cohort {result['n_cohort']:,}, met {result['n_met']:,}, "
              f"percent met {result['percent_met']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
