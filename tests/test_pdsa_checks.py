"""Each quality finding, both ways: present when the weakness is there, absent when it is not."""

from __future__ import annotations

import pytest
from _pdsa_cases import AIMS, MEASURES, cycle, journeys

from pace_qi.pdsa import MAX_CYCLE_DAYS, check, findings_frame

AS_OF = "2019-01-01"


def codes(the_cycle, **kwargs) -> list[str]:
    kwargs.setdefault("as_of", AS_OF)
    return [f.code for f in check(the_cycle, AIMS, MEASURES, **kwargs)]


def messages(the_cycle, code: str, **kwargs) -> list[str]:
    kwargs.setdefault("as_of", AS_OF)
    return [f.message for f in check(the_cycle, AIMS, MEASURES, **kwargs) if f.code == code]


def test_the_good_cycle_has_no_findings():
    assert codes(cycle(), cycles=[cycle()]) == []


def test_unknown_aim():
    assert messages(cycle(aim="aim33"), "unknown_aim") == [
        "The cycle's aim 'aim33' is not one of the aims; did you mean 'aim3'?"
    ]
    assert messages(cycle(aim="outcomes"), "unknown_aim") == [
        "The cycle's aim 'outcomes' is not one of the aims."
    ]
    assert "unknown_aim" not in codes(cycle(aim="aim2"))


def test_incomplete_record_lists_the_empty_parts():
    found = messages(cycle(objective="", **{"plan.what": None}), "incomplete_record")
    assert found == ["The record leaves these parts empty: objective; plan: what."]
    assert "incomplete_record" not in codes(cycle())


def test_no_prediction_when_the_list_is_empty():
    assert codes(cycle(predictions=[])) == ["no_prediction"]
    assert "no_prediction" not in codes(cycle())


def test_no_prediction_when_a_prediction_has_no_statement():
    assert messages(cycle(**{"predictions.0.statement": "  "}), "no_prediction") == [
        "Prediction 1 has no statement: write what you expect."
    ]


def test_prediction_unlinked():
    assert codes(cycle(**{"predictions.0.measure": None})) == ["prediction_unlinked"]
    assert "prediction_unlinked" not in codes(cycle())


def test_prediction_unknown_measure_suggests_a_close_id():
    found = messages(cycle(**{"predictions.0.measure": "aim33"}), "prediction_unknown_measure")
    assert found == [
        "Prediction 1 names the measure 'aim33', which is neither an aim nor a process "
        "measure; did you mean 'aim3'?"
    ]
    # An aim id is as good as a process-measure id.
    assert "prediction_unknown_measure" not in codes(cycle(**{"predictions.0.measure": "aim3"}))


def test_no_numeric_expectation():
    assert codes(cycle(**{"predictions.0.expected_percent": None})) == ["no_numeric_expectation"]
    weeks = cycle(**{"predictions.0.expected_percent": None, "predictions.0.expected_weeks": 2})
    assert "no_numeric_expectation" not in codes(weeks)


def test_dates_missing_names_the_missing_date():
    assert messages(cycle(**{"plan.end": None}), "dates_missing") == [
        "The plan has no end date, so its window is unknown."
    ]
    both = cycle(**{"plan.start": None, "plan.end": None})
    assert messages(both, "dates_missing") == [
        "The plan has no start and end date, so its window is unknown."
    ]
    assert "dates_missing" not in codes(cycle())


def test_end_before_start():
    backwards = cycle(**{"plan.start": "2018-10-26", "plan.end": "2018-09-03"})
    assert codes(backwards) == ["end_before_start"]
    same_day = cycle(**{"plan.start": "2018-09-03", "plan.end": "2018-09-03"})
    assert "end_before_start" not in codes(same_day)


def test_too_long_counts_both_ends():
    # 1 Jan to 31 Mar 2018 is 90 days counting both ends; to 1 Apr is 91.
    assert MAX_CYCLE_DAYS == 90
    ninety = cycle(**{"plan.start": "2018-01-01", "plan.end": "2018-03-31"})
    ninety_one = cycle(**{"plan.start": "2018-01-01", "plan.end": "2018-04-01"})
    assert "too_long" not in codes(ninety)
    assert messages(ninety_one, "too_long")[0].startswith(
        "The cycle runs for 91 days (1 Jan to 1 Apr 2018)"
    )


@pytest.mark.parametrize("decision", [None, "pending"])
def test_no_decision_after_the_end_has_passed(decision):
    undecided = cycle(**{"act.decision": decision})
    assert messages(undecided, "no_decision", as_of="2018-10-27") == [
        "The cycle ended on 26 Oct 2018 but no decision (adopt, adapt or abandon) is recorded."
    ]
    # On the end day itself, and before it, the cycle may still be deciding.
    assert "no_decision" not in codes(undecided, as_of="2018-10-26")
    assert "no_decision" not in codes(undecided, as_of="2018-10-01")


@pytest.mark.parametrize("decision", ["adopt", "adapt", "abandon"])
def test_a_recorded_decision_is_not_flagged(decision):
    assert "no_decision" not in codes(cycle(**{"act.decision": decision}), as_of="2020-01-01")


def test_no_decision_uses_today_by_default():
    undecided = cycle(**{"act.decision": "pending"})
    found = [f.code for f in check(undecided, AIMS, MEASURES)]
    assert "no_decision" in found  # 26 Oct 2018 is long past


def test_next_cycle_unknown():
    pointing = cycle(**{"act.next_cycle": "aim3_cycle2"})
    assert codes(pointing, cycles=[pointing]) == ["next_cycle_unknown"]
    second = cycle(id="aim3_cycle2", cycle=2)
    assert codes(pointing, cycles=[pointing, second]) == []
    assert codes(pointing) == []  # without the other cycles the link cannot be checked


def test_ramp_gap_is_reported_by_the_cycle_after_the_gap():
    first = cycle()
    third = cycle(id="aim3_cycle3", cycle=3)
    ramp = [first, third]
    assert messages(third, "ramp_gap", cycles=ramp) == [
        "The ramp of aim3 has no cycle 2 before this cycle 3: record the missing cycle(s) or "
        "renumber."
    ]
    assert "ramp_gap" not in codes(first, cycles=ramp)
    full = [first, cycle(id="aim3_cycle2", cycle=2), third]
    assert "ramp_gap" not in codes(third, cycles=full)


def test_ramp_gap_ignores_other_aims():
    other = cycle(id="aim2_cycle1", aim="aim2")
    second = cycle(id="aim3_cycle2", cycle=2)
    assert "ramp_gap" in codes(second, cycles=[other, second])


def test_ramp_repeat():
    one = cycle()
    twin = cycle(id="aim3_cycle1b")
    assert messages(one, "ramp_repeat", cycles=[one, twin]) == [
        "Cycle number 1 of aim3 is also used by aim3_cycle1b: each cycle of a ramp needs its "
        "own number."
    ]
    other_aim = cycle(id="aim2_cycle1", aim="aim2")
    assert "ramp_repeat" not in codes(one, cycles=[one, other_aim])


# Window: 3 Sep to 26 Oct 2018. The 72-hour meeting is the measure's start.
FOUR_IN_WINDOW = [
    ("2018-09-03", "2018-09-10", None),  # first day of the window
    ("2018-09-20", None, None),
    ("2018-10-01", "2018-10-20", None),
    ("2018-10-26", None, None),  # last day of the window
    ("2018-09-02", "2018-09-05", None),  # the day before: not observed
    ("2018-10-27", "2018-10-29", None),  # the day after: not observed
]


def test_too_few_children_counts_only_the_window():
    found = messages(cycle(), "too_few_children", journeys=journeys(*FOUR_IN_WINDOW))
    assert found == [
        "Only 4 children entered the measure 'pm' in the cycle's window (3 Sep to 26 Oct "
        "2018): too few to judge whether the change worked (at least 5 are needed)."
    ]
    five = journeys(*FOUR_IN_WINDOW, ("2018-10-10", "2018-10-12", None))
    assert "too_few_children" not in codes(cycle(), journeys=five)


def test_too_few_children_so_far_while_the_cycle_runs():
    found = messages(
        cycle(), "too_few_children", journeys=journeys(*FOUR_IN_WINDOW), as_of="2018-10-01"
    )
    assert found == [
        "Only 3 children entered the measure 'pm' in the cycle's window so far (3 Sep to "
        "1 Oct 2018): too few to judge whether the change worked (at least 5 are needed)."
    ]


def test_too_few_children_explains_a_window_before_the_measure_cohort():
    cohort = MEASURES["pm"].cohort.model_copy(update={"start_on_or_after": "2019-02-01"})
    late = MEASURES["pm"].model_copy(update={"cohort": cohort})
    found = [
        f.message
        for f in check(cycle(), AIMS, {"pm": late}, journeys=journeys(*FOUR_IN_WINDOW), as_of=AS_OF)
        if f.code == "too_few_children"
    ]
    assert len(found) == 1
    assert found[0].startswith("No child entered the measure 'pm'")
    assert found[0].endswith(
        "The measure counts children from 1 Feb 2019 (its cohort start), after this window."
    )


def test_findings_frame():
    frame = findings_frame(check(cycle(predictions=[]), AIMS, MEASURES, as_of=AS_OF))
    assert list(frame.columns) == ["cycle", "code", "message"]
    assert frame["code"].tolist() == ["no_prediction"]
    assert frame["cycle"].tolist() == ["aim3_cycle1"]
