"""SYNTHETIC journeys for a Moray-sized authority, in the canonical form, from a seed.

The generator draws two kinds of episode and then censors them at the as-at date:

- children looked after at home on a Compulsory Supervision Order (Aim 1);
- children accommodated (Aims 2 to 4): accommodation → permanence recommendation → (away from
  home only) panel → agency decision → court application lodged → order granted, each stage a
  lognormal duration that improves after its aim's cohort start (`durations`).

Both kinds are simulated from some years before the history starts (`*_BURN_IN_YEARS`) and only
those still looked after when it starts are kept, so that the history opens with the stock a
real extract would hold: children already at home for years, plans already under way.

Every child id contains the word SYNTHETIC, so that no demo row can be taken for a real child.
All the figures come from `calibration`; this module only knows how a journey fits together.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pace_qi import columns as c
from pace_qi.demo import calibration as cal
from pace_qi.demo.durations import add_weeks, draw_weeks, improvement_weight

#: The extra events the PDSA cycles measure, added after the canonical columns.
MEETING_72H = "meeting_72h_date"
PLANNING_MEETING = "planning_meeting_date"
REMINDER_15WK = "reminder_15wk_date"
EXTRA_EVENT_COLUMNS: tuple[str, ...] = (MEETING_72H, PLANNING_MEETING, REMINDER_15WK)

#: Every column `generate` returns, in order.
DEMO_COLUMNS: tuple[str, ...] = c.CANONICAL_COLUMNS + EXTRA_EVENT_COLUMNS
DEMO_DATE_COLUMNS: tuple[str, ...] = tuple(col for col in DEMO_COLUMNS if c.is_date_column(col))

ID_PREFIX = "SYNTHETIC"
NAT = np.datetime64("NaT", "D")
DAYS_PER_YEAR = 365.25

Columns = dict[str, np.ndarray]


def generate(
    seed: int = 2019,
    as_of: dt.date | str = dt.date(2019, 12, 1),
    start: dt.date | str = dt.date(2016, 1, 1),
    scale: float = 1.0,
) -> pd.DataFrame:
    """SYNTHETIC journeys, one row per episode, as the validated canonical form would hold them.

    The same `seed` gives the same frame. `as_of` is the data as-at date: every later event
    is blank, as in a real extract whose clocks are still running. `start` is when the history
    (of new episodes) begins. `scale` multiplies the number of children, for large-sample
    checks of the calibration; 1 is a Moray-sized authority.

    Columns: `DEMO_COLUMNS` (the canonical columns plus `meeting_72h_date`,
    `planning_meeting_date` and `reminder_15wk_date`); dates are datetime64[ns] (NaT blank),
    codes are text (missing when not applicable).
    """
    as_of_day = _day(as_of)
    start_day = _day(start)
    if as_of_day <= start_day:
        raise ValueError(f"as_of ({as_of_day}) must be after start ({start_day})")
    rng = np.random.default_rng(seed)
    parts = [
        _at_home_episodes(rng, start_day, as_of_day, scale),
        _accommodated_episodes(rng, start_day, as_of_day, scale),
    ]
    episodes = {col: np.concatenate([part[col] for part in parts]) for col in parts[0]}
    _add_people(rng, episodes)
    return _to_frame(episodes, as_of_day)


def _day(value: dt.date | str | pd.Timestamp) -> np.datetime64:
    return np.datetime64(pd.Timestamp(value).date(), "D")


def _arrivals(
    rng: np.random.Generator, per_year: float, first: np.datetime64, last: np.datetime64
) -> np.ndarray:
    """Arrival days between `first` and `last` at `per_year`, steadier than Poisson (gamma gaps)."""
    years = (last - first) / np.timedelta64(1, "D") / DAYS_PER_YEAR
    mean_gap = DAYS_PER_YEAR / per_year
    n_max = int(per_year * years * 1.5) + 50
    gaps = rng.gamma(cal.ARRIVAL_REGULARITY, mean_gap / cal.ARRIVAL_REGULARITY, size=n_max)
    offsets = rng.uniform(0, mean_gap) + np.cumsum(gaps) - gaps[0]
    days = first + np.floor(offsets).astype("timedelta64[D]")
    return days[days <= last]


def _ages_in_days(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Age band index and age in days at the start of care, from the calibrated age mix."""
    band = rng.choice(len(cal.AGE_SHARES), size=n, p=cal.AGE_SHARES)
    edges = np.asarray(cal.AGE_BANDS)
    years = rng.uniform(edges[band, 0], edges[band, 1])
    return band, np.floor(years * DAYS_PER_YEAR).astype("timedelta64[D]")


def _balanced_choice(
    rng: np.random.Generator, options: dict[str, float], n: int, block: int = 10
) -> np.ndarray:
    """`n` labels in the given shares, exact within each run of `block` consecutive arrivals.

    Independent draws would let a small authority's year swing from 6 to 20 away-from-home
    plans; shuffled blocks keep every demo year typical while the order stays random.
    """
    counts = np.rint(np.asarray(list(options.values())) * block).astype(int)
    template = np.repeat(np.array(list(options), dtype=object), counts)
    blocks = -(-n // template.size)
    return rng.permuted(np.tile(template, (blocks, 1)), axis=1).ravel()[:n]


def _blank(n: int) -> np.ndarray:
    return np.full(n, NAT)


def _where_day(mask: np.ndarray, days: np.ndarray) -> np.ndarray:
    return np.where(mask, days, NAT)


def _at_home_episodes(
    rng: np.random.Generator, start: np.datetime64, as_of: np.datetime64, scale: float
) -> Columns:
    """Children looked after at home on a supervision order, with the Aim 1 audit."""
    burn_in_start = start - np.timedelta64(int(cal.AT_HOME_BURN_IN_YEARS * DAYS_PER_YEAR), "D")
    began = _arrivals(rng, cal.AT_HOME_PER_YEAR * scale, burn_in_start, as_of)
    n = began.size
    _, age = _ages_in_days(rng, n)
    birth = began - age
    share = cal.AT_HOME_LONG_STAY_SHARE
    long_stay = _balanced_choice(rng, {"long": share, "short": 1 - share}, n) == "long"
    zero = np.zeros(n)
    weeks = np.where(
        long_stay,
        draw_weeks(rng, cal.AT_HOME_LONG, zero, stalled_share=0.0),
        draw_weeks(rng, cal.AT_HOME_SHORT, zero, stalled_share=0.0),
    )
    eighteenth = birth + np.timedelta64(int(18 * DAYS_PER_YEAR), "D")
    ended = np.minimum(add_weeks(began, weeks), eighteenth)
    audit = _aim1_audits(rng, began, ended)
    keep = ended >= start
    n_kept = int(keep.sum())
    return {
        "birth": birth[keep],
        "looked_after_start": began[keep],
        "looked_after_end": ended[keep],
        "home_supervision_start": began[keep],
        "home_audit": audit[keep],
        "accommodated": _blank(n_kept),
        "recommendation_day": _blank(n_kept),
        "recommendation": np.full(n_kept, None, dtype=object),
        "route": np.full(n_kept, None, dtype=object),
        "panel": _blank(n_kept),
        "adm": _blank(n_kept),
        "lodged": _blank(n_kept),
        "granted": _blank(n_kept),
        "plan_changed": _blank(n_kept),
        "meeting_72h": _blank(n_kept),
        "planning_meeting": _blank(n_kept),
        "reminder_15wk": _blank(n_kept),
    }


def _aim1_audits(rng: np.random.Generator, began: np.ndarray, ended: np.ndarray) -> np.ndarray:
    """Audit dates: rare before the aim, then for most children soon after they are due.

    A child becomes eligible two years after the supervision order at home began. Those eligible
    and still at home on the cohort start are due by 30 September 2018; later ones six weeks after
    becoming eligible. No audit falls after the child stopped being looked after.
    """
    n = began.size
    eligible = began + np.timedelta64(730, "D")
    at_home_when_eligible = eligible < ended
    cohort_start = np.datetime64(cal.AIM1_COHORT_START.date(), "D")
    first_cohort = at_home_when_eligible & (eligible <= cohort_start) & (ended > cohort_start)
    later = at_home_when_eligible & (eligible > cohort_start)
    left_before_aim = at_home_when_eligible & (ended <= cohort_start)
    audited = rng.random(n) < cal.AUDIT_SHARE
    audited_before = rng.random(n) < cal.AUDIT_BEFORE_AIM_SHARE
    zero = np.zeros(n)
    first_delay = draw_weeks(rng, cal.AUDIT_FIRST_COHORT, zero, stalled_share=0.0)
    first_date = add_weeks(np.full(n, cohort_start), first_delay)
    later_date = add_weeks(eligible, draw_weeks(rng, cal.AUDIT_LATER, zero, stalled_share=0.0))
    spell_days = np.maximum((ended - eligible) / np.timedelta64(1, "D"), 1)
    before_date = eligible + np.floor(rng.random(n) * spell_days).astype("timedelta64[D]")
    audit = _blank(n)
    audit = np.where(first_cohort & audited, first_date, audit)
    audit = np.where(later & audited, later_date, audit)
    audit = np.where(left_before_aim & audited_before, before_date, audit)
    return np.where(audit <= ended, audit, NAT)


def _accommodated_episodes(
    rng: np.random.Generator, start: np.datetime64, as_of: np.datetime64, scale: float
) -> Columns:
    """Children accommodated, through the permanence milestones as far as each has gone."""
    burn_in_start = start - np.timedelta64(int(cal.ACCOMMODATED_BURN_IN_YEARS * DAYS_PER_YEAR), "D")
    began = _arrivals(rng, cal.ACCOMMODATED_PER_YEAR * scale, burn_in_start, as_of)
    n = began.size
    band, age = _ages_in_days(rng, n)
    started_at_home = rng.random(n) < cal.STARTED_AT_HOME_SHARE
    weeks_at_home = rng.uniform(*cal.STARTED_AT_HOME_WEEKS, size=n)
    accommodated = np.where(started_at_home, add_weeks(began, weeks_at_home), began)

    outcome = _balanced_choice(rng, cal.OUTCOME_SHARES, n, block=cal.OUTCOME_BLOCK)
    home, away = outcome == "home", outcome == "away_from_home"
    ends_early = outcome == "ends_before_recommendation"

    stage = cal.ACCOMMODATION_TO_RECOMMENDATION
    to_recommendation = draw_weeks(rng, stage, improvement_weight(stage, accommodated))
    to_recommendation = np.where(
        home, to_recommendation * cal.HOME_RECOMMENDATION_FACTOR, to_recommendation
    )
    recommendation_day = _where_day(~ends_early, add_weeks(accommodated, to_recommendation))
    early_end = add_weeks(accommodated, to_recommendation * rng.uniform(0.15, 0.85, size=n))
    remain = rng.random(n) < cal.REMAIN_HOME_SHARE
    recommendation = np.where(
        away, "away_from_home", np.where(remain, "remain_home", "return_home")
    ).astype(object)
    recommendation[ends_early] = None

    route = np.where(away, _routes(rng, band), None).astype(object)
    milestones = _away_from_home_milestones(rng, recommendation_day, route, away)
    back_home = add_weeks(
        recommendation_day, draw_weeks(rng, cal.RETURN_HOME_END, np.zeros(n), stalled_share=0.0)
    )
    order_ends_care = np.isin(route, ("adoption", "kinship_care_order"))
    ended = _blank(n)
    ended = np.where(ends_early, early_end, ended)
    ended = np.where(home, back_home, ended)
    ended = np.where(order_ends_care, milestones["granted"], ended)

    episodes = {
        "birth": began - age,
        "looked_after_start": began,
        "looked_after_end": ended,
        "home_supervision_start": _blank(n),
        "home_audit": _blank(n),
        "accommodated": accommodated,
        "recommendation_day": recommendation_day,
        "recommendation": recommendation,
        "route": route,
        **milestones,
        **_pdsa_events(rng, accommodated, recommendation_day, ended),
    }
    still_looked_after = np.isnat(ended) | (ended >= start)
    return {key: values[still_looked_after] for key, values in episodes.items()}


def _routes(rng: np.random.Generator, band: np.ndarray) -> np.ndarray:
    """A permanence route per child: adoption is likelier the younger the child."""
    n = band.size
    adoption_share = np.asarray(cal.ADOPTION_SHARE_BY_AGE)[band]
    adopt = rng.random(n) < adoption_share
    authority = rng.random(n) < cal.AUTHORITY_TO_ADOPT_SHARE
    names = list(cal.NON_ADOPTION_ROUTES)
    weights = np.asarray(list(cal.NON_ADOPTION_ROUTES.values()))
    other_route = rng.choice(names, size=n, p=weights / weights.sum()).astype(object)
    adoption_route = np.where(authority, "permanence_order_authority_to_adopt", "adoption")
    return np.where(adopt, adoption_route, other_route).astype(object)


def _away_from_home_milestones(
    rng: np.random.Generator, recommendation_day: np.ndarray, route: np.ndarray, away: np.ndarray
) -> Columns:
    """Panel, agency decision, lodging, order and plan changes for away-from-home plans.

    Long-term care without an order (`other`) stops at the agency decision. Only the routes in
    `AIM4_ROUTES` benefit from the Aim 4 work on lodging, because only there does the authority
    lodge the petition.
    """
    n = route.size
    start = _where_day(away, recommendation_day)
    to_panel = cal.RECOMMENDATION_TO_PANEL
    panel = add_weeks(start, draw_weeks(rng, to_panel, improvement_weight(to_panel, start)))
    to_adm = cal.PANEL_TO_ADM
    adm = add_weeks(panel, draw_weeks(rng, to_adm, improvement_weight(to_adm, panel)))
    lodging = cal.ADM_TO_LODGED
    targeted = np.isin(route, cal.AIM4_ROUTES)
    weight = np.where(targeted, improvement_weight(lodging, adm), 0.0)
    goes_to_court = away & (route != "other")
    lodged = _where_day(goes_to_court, add_weeks(adm, draw_weeks(rng, lodging, weight)))
    granted = add_weeks(lodged, draw_weeks(rng, cal.LODGED_TO_ORDER, np.zeros(n)))
    changed = away & (rng.random(n) < cal.PLAN_CHANGED_SHARE)
    gap_days = (panel - start) / np.timedelta64(1, "D")
    plan_changed = start + np.nan_to_num(
        np.floor(rng.uniform(0.2, 0.8, size=n) * gap_days), nan=0
    ).astype("int64").astype("timedelta64[D]")
    return {
        "panel": panel,
        "adm": adm,
        "lodged": lodged,
        "granted": granted,
        "plan_changed": _where_day(changed, plan_changed),
    }


def _timeliness(
    rng: np.random.Generator,
    shares_before: tuple[float, float, float],
    shares_after: tuple[float, float, float],
    after: np.ndarray,
) -> np.ndarray:
    """0 on time, 1 late, 2 missing: drawn from the shares before or after a change."""
    u = rng.random(after.size)
    before_cut = np.cumsum(shares_before)
    after_cut = np.cumsum(shares_after)
    cuts = np.where(after[:, None], after_cut[None, :], before_cut[None, :])
    return (u[:, None] >= cuts[:, :2]).sum(axis=1)


def _pdsa_events(
    rng: np.random.Generator,
    accommodated: np.ndarray,
    recommendation_day: np.ndarray,
    ended: np.ndarray,
) -> Columns:
    """The 72-hour meeting, two-week planning meeting and 15-week reminder of each episode."""
    n = accommodated.size
    days = np.timedelta64(1, "D")
    aim2 = np.datetime64(cal.AIM2_START.date(), "D")
    change = np.datetime64(cal.PLANNING_MEETING_CHANGE.date(), "D")

    state_72h = _timeliness(
        rng, cal.MEETING_72H_BEFORE, cal.MEETING_72H_AFTER, accommodated >= aim2
    )
    offset_72h = np.where(state_72h == 0, rng.integers(1, 4, n), rng.integers(4, 15, n))
    meeting_72h = _where_day(state_72h < 2, accommodated + offset_72h * days)

    state_plan = _timeliness(
        rng, cal.PLANNING_MEETING_BEFORE, cal.PLANNING_MEETING_AFTER, accommodated >= change
    )
    offset_plan = np.where(state_plan == 0, rng.integers(10, 15, n), rng.integers(15, 43, n))
    planning = _where_day(state_plan < 2, accommodated + offset_plan * days)

    due = accommodated + 105 * days
    checklist = np.datetime64(cal.CHECKLIST_START.date(), "D")
    still_waiting = (np.isnat(recommendation_day) | (recommendation_day > due)) & (
        np.isnat(ended) | (ended > due)
    )
    sent = (due >= checklist) & still_waiting & (rng.random(n) < cal.REMINDER_SENT_SHARE)
    return {
        "meeting_72h": meeting_72h,
        "planning_meeting": planning,
        "reminder_15wk": _where_day(sent, due),
    }


def _add_people(rng: np.random.Generator, episodes: Columns) -> None:
    """Sex and team, drawn independently of the journey."""
    n = episodes["looked_after_start"].size
    episodes["sex"] = rng.choice(np.array(["M", "F"], dtype=object), size=n, p=[0.52, 0.48])
    episodes["team"] = rng.choice(np.array(cal.TEAMS, dtype=object), size=n)


#: Internal names → canonical columns.
_CANONICAL_NAMES: dict[str, str] = {
    "birth": c.DATE_OF_BIRTH,
    "sex": c.SEX,
    "team": c.TEAM,
    "looked_after_start": c.LOOKED_AFTER_START,
    "looked_after_end": c.LOOKED_AFTER_END,
    "home_supervision_start": c.HOME_SUPERVISION_START,
    "home_audit": c.HOME_AUDIT,
    "accommodated": c.ACCOMMODATED,
    "recommendation_day": c.RECOMMENDATION_DATE,
    "recommendation": c.RECOMMENDATION,
    "route": c.ROUTE,
    "panel": c.PANEL,
    "adm": c.ADM_DECISION,
    "lodged": c.APPLICATION_LODGED,
    "granted": c.ORDER_GRANTED,
    "plan_changed": c.PLAN_CHANGED,
    "meeting_72h": MEETING_72H,
    "planning_meeting": PLANNING_MEETING,
    "reminder_15wk": REMINDER_15WK,
}


def _to_frame(episodes: Columns, as_of: np.datetime64) -> pd.DataFrame:
    """The canonical frame: censored at `as_of`, in start order, with SYNTHETIC ids."""
    frame = pd.DataFrame({_CANONICAL_NAMES[key]: values for key, values in episodes.items()})
    for col in DEMO_DATE_COLUMNS:
        days = frame[col].to_numpy("datetime64[D]")
        frame[col] = pd.Series(np.where(days <= as_of, days, NAT)).astype("datetime64[ns]")
    # A code describes a decision: blank it while the decision lies beyond the as-at date.
    undecided = frame[c.RECOMMENDATION_DATE].isna()
    for col in (c.RECOMMENDATION, c.ROUTE):
        frame[col] = frame[col].where(~undecided).astype("str")
    frame = frame.sort_values(
        [c.LOOKED_AFTER_START, c.ACCOMMODATED], kind="stable", ignore_index=True
    )
    width = max(4, len(str(len(frame))))
    numbers = pd.Series(np.arange(1, len(frame) + 1)).astype("str").str.zfill(width)
    frame[c.CHILD_ID] = ID_PREFIX + "-" + numbers
    frame[c.EPISODE_ID] = frame[c.CHILD_ID] + "-E1"
    return frame[list(DEMO_COLUMNS)]


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every date column written as ISO text ("YYYY-MM-DD"; missing stays missing).

    This is how the demo data are written to a file, and the form in which faults are injected,
    since an unparseable date can only exist as text.
    """
    text = frame.copy()
    for col in text.columns:
        if c.is_date_column(col) and pd.api.types.is_datetime64_any_dtype(text[col]):
            text[col] = text[col].dt.strftime("%Y-%m-%d").astype("str")
    return text
