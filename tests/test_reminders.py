"""Timeline checklist: each pending child's next checkpoint, its state and the order.

Aim 2 checkpoints (start + 105 / 168 / 210 days), as at 2019-12-01, worked out by hand:
- accommodated 2019-08-21: reminder 2019-12-04 (3 days left: due this week);
- accommodated 2019-09-07: reminder 2019-12-21 (20 days: upcoming within 4 weeks);
- accommodated 2019-10-30: reminder 2020-02-12 (73 days: beyond the horizon, not listed);
- accommodated 2019-06-01, reminder sent 2019-09-14: guidance 2019-11-16 (passed 15 days
  ago: overdue);
- accommodated 2019-07-01: reminder 2019-10-14 (overdue unless recorded as sent), guidance
  2019-12-16 (15 days).
Aim 3 (guidance 84 days): recommended 2019-09-01 -> guidance 2019-11-24 (overdue by 7 days).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from _aims_journeys import journeys

from pace_qi.aims import load_aims
from pace_qi.errors import UserFacingError
from pace_qi.reminders import due, reminder_sent_column, reminders_command, write_list

AIMS = load_aims(Path(__file__).resolve().parents[1] / "params" / "aims")
AS_OF = "2019-12-01"


def _frame() -> pd.DataFrame:
    return journeys(
        {"accommodated_date": "2019-08-21"},
        {"accommodated_date": "2019-09-07"},
        {"accommodated_date": "2019-10-30"},
        {"accommodated_date": "2019-06-01", "reminder_15wk_date": "2019-09-14"},
        {"accommodated_date": "2019-06-01", "permanence_recommendation_date": "2019-10-01"},
        {"accommodated_date": "2019-07-01", "reminder_15wk_date": None},
        {"accommodated_date": "2019-07-01", "reminder_15wk_date": "2019-10-14"},
        {"permanence_recommendation_date": "2019-09-01",
         "permanence_recommendation": "away_from_home"},
    )


def test_next_checkpoints_states_and_urgency_order():
    aims = {k: AIMS[k] for k in ("aim2", "aim3")}
    table = due(_frame(), aims, AS_OF)
    assert list(table["child_id"]) == ["C006", "C004", "C008", "C001", "C007", "C002"]
    assert list(table["state"].astype("str")) == [
        "overdue", "overdue", "overdue", "due", "upcoming", "upcoming"
    ]
    assert list(table["checkpoint"]) == [
        "15-week reminder", "24-week guidance date", "12-week guidance date",
        "15-week reminder", "24-week guidance date", "15-week reminder",
    ]
    assert list(table["aim"]) == ["aim2", "aim2", "aim3", "aim2", "aim2", "aim2"]
    assert list(table["days_left"]) == [-48, -15, -7, 3, 15, 20]
    assert list(table["date"]) == [pd.Timestamp(d) for d in (
        "2019-10-14", "2019-11-16", "2019-11-24", "2019-12-04", "2019-12-16", "2019-12-21")]
    assert table.loc[table["child_id"] == "C004", "deadline"].iloc[0] == pd.Timestamp("2019-12-28")


def test_horizon_limits_upcoming_checkpoints():
    table = due(_frame(), [AIMS["aim2"]], AS_OF, horizon_weeks=2)
    assert list(table["child_id"]) == ["C006", "C004", "C001"]


def test_without_a_reminder_column_a_passed_reminder_gives_way_to_guidance():
    frame = journeys({"accommodated_date": "2019-07-01"})
    assert "reminder_15wk_date" not in frame.columns
    table = due(frame, [AIMS["aim2"]], AS_OF)
    assert list(table["checkpoint"]) == ["24-week guidance date"]
    assert reminder_sent_column(AIMS["aim2"]) == "reminder_15wk_date"
    assert reminder_sent_column(AIMS["aim3"]) is None


def test_nobody_pending_gives_an_empty_list():
    frame = journeys({"accommodated_date": "2019-03-01",
                      "permanence_recommendation_date": "2019-04-01"})
    table = due(frame, AIMS, AS_OF)
    assert table.empty
    assert {"child_id", "team", "aim", "checkpoint", "date", "state"} <= set(table.columns)


def test_command_prints_and_writes_csv_and_xlsx_for_the_demo(tmp_path, capsys):
    out = tmp_path / "checklist.csv"
    assert reminders_command(data=None, mapping=None, as_of=None, out=str(out)) == 0
    printed = capsys.readouterr().out
    assert "never for governance" in printed
    written = pd.read_csv(out)
    assert list(written.columns[:6]) == ["child_id", "episode_id", "team", "aim", "checkpoint",
                                         "date"]
    assert written["child_id"].str.startswith("SYNTHETIC-").all()
    assert set(written["state"]) <= {"overdue", "due", "upcoming"}
    xlsx = tmp_path / "checklist.xlsx"
    reminders_command(data=None, mapping=None, as_of=None, out=str(xlsx))
    assert len(pd.read_excel(xlsx, engine="openpyxl")) == len(written)


def test_command_reads_an_extract(tmp_path, capsys):
    extract = tmp_path / "extract.csv"
    pd.DataFrame({
        "child_id": ["A1", "A2"],
        "looked_after_start_date": ["2019-08-21", "2019-06-01"],
        "accommodated_date": ["2019-08-21", "2019-06-01"],
    }).to_csv(extract, index=False)
    out = tmp_path / "list.csv"
    assert reminders_command(data=str(extract), as_of=pd.Timestamp(AS_OF).date(),
                             out=str(out)) == 0
    written = pd.read_csv(out)
    assert list(written["child_id"]) == ["A2", "A1"]
    assert list(written["state"]) == ["overdue", "due"]


def test_write_list_refuses_other_formats(tmp_path):
    table = due(_frame(), [AIMS["aim2"]], AS_OF)
    with pytest.raises(UserFacingError, match=r"\.csv or \.xlsx"):
        write_list(table, tmp_path / "list.txt")
