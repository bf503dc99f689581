"""Governance sections on the SYNTHETIC demo: the headline gives away nothing the table hides."""

from __future__ import annotations

import pytest

from pace_qi.report import ReportContext, aim_report

TABLE_COLUMN = {"n_met": "met", "n_not_met": "not met", "n_pending": "pending",
                "n_exited": "exited", "n_cohort": "total"}


@pytest.fixture(scope="module")
def contexts():
    governance = ReportContext.open(audience="governance")
    internal = ReportContext.open(audience="internal")
    return governance, internal


@pytest.mark.parametrize("aim_id", ["aim1", "aim2", "aim3", "aim4"])
def test_headline_shows_only_what_the_protected_table_shows(contexts, aim_id):
    governance, internal = contexts
    aim = governance.aims[aim_id]
    _, shown = aim_report.headline(governance, aim)
    _, full = aim_report.headline(internal, aim)
    table, footnote = aim_report.status_table(governance, aim)
    totals = table.set_index("team").loc["All teams"].astype(str)
    for key, column in TABLE_COLUMN.items():
        if totals[column] == governance.disclosure.symbol:
            assert shown[key] is None, f"{key} hidden in the table but shown in the headline"
        else:
            assert shown[key] == full[key] == int(totals[column])
    if shown["percent_met"] is not None:  # a percent with met would give not-met away
        assert shown["n_met"] is not None and shown["n_not_met"] is not None
        assert shown["n_resolved"] >= governance.disclosure.min_denominator
        assert shown["percent_met"] == pytest.approx(full["percent_met"])
    assert footnote is not None and footnote.startswith("c = ")


def test_child_level_sections_refuse_governance(contexts):
    governance, _ = contexts
    aim = governance.aims["aim2"]
    for section in (aim_report.per_child, aim_report.journey, aim_report.time_to_event):
        with pytest.raises(PermissionError):
            section(governance, aim)
    with pytest.raises(PermissionError):
        aim_report.outstanding(governance, governance.aims["aim1"])
    with pytest.raises(PermissionError):
        governance.pseudonyms(governance.journeys["child_id"])
