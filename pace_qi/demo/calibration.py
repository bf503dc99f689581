"""The numbers behind the SYNTHETIC demo data, in one place so that they can be read and changed.

Every figure here is a modelling assumption for a Moray-sized local authority, taken from the
project's research note (`care_data.md`, section 6) and the demo-data issue. None of it is real
data. Where a figure is a guess rather than an anchored estimate, it says so, so that a team with
real figures knows which ones to replace first.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Stage:
    """A stage's duration before and after the improvement work, as a lognormal in weeks.

    `median_weeks` and `log_sd` describe the baseline; `improved_*` the state once the change
    has fully phased in. `aim_start` is the cohort start of the aim that targets the stage: the
    improvement phases in linearly over `PHASE_IN_WEEKS` from that date, judged by the date on
    which the stage's clock starts. `aim_start=None` means the stage does not improve.
    """

    name: str
    median_weeks: float
    log_sd: float
    improved_median_weeks: float
    improved_log_sd: float
    aim_start: pd.Timestamp | None


AIM2_START = pd.Timestamp("2019-02-01")
AIM34_START = pd.Timestamp("2018-02-01")
AIM1_COHORT_START = pd.Timestamp("2018-06-01")
AIM1_DUE = pd.Timestamp("2018-09-30")
#: The 15-week reminder checklist started in March 2019 (PDSA cycle of Aim 2).
CHECKLIST_START = pd.Timestamp("2019-03-01")
#: The two-week planning meeting became routine from June 2018.
PLANNING_MEETING_CHANGE = pd.Timestamp("2018-06-01")

#: Weeks over which a change moves from baseline to improved (PDSA adoption is gradual).
PHASE_IN_WEEKS = 26.0
#: Share of stage durations that stall, and the range of the factor by which they stretch.
STALLED_SHARE = 0.08
STALLED_FACTOR = (2.0, 3.0)

ACCOMMODATION_TO_RECOMMENDATION = Stage(
    "accommodated_to_recommendation", 36.0, 0.55, 20.0, 0.40, AIM2_START
)
RECOMMENDATION_TO_PANEL = Stage("recommendation_to_panel", 22.0, 0.60, 13.0, 0.50, AIM34_START)
PANEL_TO_ADM = Stage("panel_to_adm", 2.5, 0.5, 1.5, 0.5, AIM34_START)
ADM_TO_LODGED = Stage("adm_to_lodged", 26.0, 0.60, 14.0, 0.50, AIM34_START)
#: Court-controlled: the QI work does not change it.
LODGED_TO_ORDER = Stage("lodged_to_order", 30.0, 0.6, 30.0, 0.6, None)
#: A return or remain home recommendation comes sooner than one for permanence away from home.
HOME_RECOMMENDATION_FACTOR = 0.7

#: Routes whose ADM → lodged stage Aim 4 targets (the local authority lodges the petition).
#: Adoption and kinship care order petitions are lodged by the carers, so they keep the baseline.
AIM4_ROUTES = ("permanence_order", "permanence_order_authority_to_adopt")

#: Arrivals per year. About 50 children start to be looked after; about 32 are accommodated.
ACCOMMODATED_PER_YEAR = 32.0
AT_HOME_PER_YEAR = 18.0
#: Gamma shape of the gaps between arrivals: above 1 makes a year's count steadier than
#: Poisson (variance about rate/shape), so that every demo year looks like a typical year.
ARRIVAL_REGULARITY = 8.0
#: Years before the history starts from which at-home children are simulated, so that the
#: history opens with a stock of children already at home on a supervision order (Aim 1).
AT_HOME_BURN_IN_YEARS = 8
#: Likewise for accommodated children, so that the history opens with plans already under way.
ACCOMMODATED_BURN_IN_YEARS = 3
#: Share of accommodated children who were first looked after at home, and for how long (weeks).
STARTED_AT_HOME_SHARE = 0.2
STARTED_AT_HOME_WEEKS = (4.0, 40.0)

#: Time at home on a supervision order: a mix of shorter spells and long-stayers (guess).
AT_HOME_LONG_STAY_SHARE = 0.4
AT_HOME_SHORT = Stage("at_home_short_spell", 52.0, 0.6, 52.0, 0.6, None)
AT_HOME_LONG = Stage("at_home_long_spell", 250.0, 0.25, 250.0, 0.25, None)

#: What happens to an accommodated child's episode. care_data §6.1 suggests 10 / 50 / 40; 35%
#: away from home gives about 11 such plans a year and Aim 3 and 4 cohorts of the expected size.
OUTCOME_SHARES: dict[str, float] = {
    "ends_before_recommendation": 0.10,
    "home": 0.55,
    "away_from_home": 0.35,
}
#: Outcomes are exact in each run of this many accommodated children (shares × block are whole).
OUTCOME_BLOCK = 20
#: Of home recommendations, the share that are to remain at home rather than return home.
REMAIN_HOME_SHARE = 0.15
#: After a return home recommendation, weeks until the child stops being looked after.
RETURN_HOME_END = Stage("return_home_to_end", 16.0, 0.6, 16.0, 0.6, None)

#: Age at accommodation: band edges in years and the share in each band (care_data §6.1).
AGE_BANDS: tuple[tuple[float, float], ...] = ((0.0, 1.0), (1.0, 5.0), (5.0, 12.0), (12.0, 17.9))
AGE_SHARES: tuple[float, ...] = (0.25, 0.20, 0.30, 0.25)
#: Share of away-from-home plans in each age band that lead to adoption (either route); chosen
#: so the overall share is 35% while infants are mostly adopted and teenagers almost never.
ADOPTION_SHARE_BY_AGE: tuple[float, ...] = (0.70, 0.58, 0.18, 0.02)
#: Of the adoption share, the part the authority pursues as a permanence order with authority
#: to adopt; the rest are adoption petitions by the adopters (guess).
AUTHORITY_TO_ADOPT_SHARE = 0.45  # Civil Justice Statistics 2014-15: 346 POA vs 425 adoption
#: The other routes, in the proportions the issue gives (30 : 25 : 10).
NON_ADOPTION_ROUTES: dict[str, float] = {
    "permanence_order": 30.0,
    "kinship_care_order": 25.0,
    "other": 10.0,
}
#: Share of away-from-home plans that change during the process.
PLAN_CHANGED_SHARE = 0.05

#: Aim 1: share of eligible children audited, and the delay (weeks) for the first cohort (from
#: 1 June 2018) and for children who become eligible later (from the day they become eligible).
AUDIT_SHARE = 0.9
AUDIT_FIRST_COHORT = Stage("first_cohort_to_audit", 14.0, 0.35, 14.0, 0.35, None)
AUDIT_LATER = Stage("eligible_to_audit", 3.0, 0.5, 3.0, 0.5, None)
#: Before the aim, an audit of a long-stayer was rare.
AUDIT_BEFORE_AIM_SHARE = 0.1

#: Extra PDSA events: (on time, late, missing) shares before and after the change.
MEETING_72H_BEFORE = (0.60, 0.25, 0.15)
MEETING_72H_AFTER = (0.90, 0.08, 0.02)
PLANNING_MEETING_BEFORE = (0.30, 0.30, 0.40)
PLANNING_MEETING_AFTER = (0.85, 0.10, 0.05)
REMINDER_SENT_SHARE = 0.9

TEAMS: tuple[str, ...] = ("North", "South", "East")
