"""The timeline checklist: which checkpoint comes next for each child whose clock is running.

PACE teams tested a 15-week reminder to keep permanence planning on track. This module turns
each aim's pending children into a to-do list for the team around the child and their
managers. It names children, so it is an operational list: never put it in a governance report.

Checkpoints of a pending child (for each aim it is pending in):

- the reminder (`reminder_weeks`, e.g. 15 weeks). It is settled once the data records that it
  was sent (a `reminder_<N>wk_date` column, e.g. `reminder_15wk_date`, on or before `as_of`).
  Without that column pace-qi cannot know, so a reminder date already passed is dropped rather
  than nagged about;
- the guidance date (`guidance_weeks`) and the aim deadline (`within_weeks`; for a completion
  aim the due date). These stay open until the end event happens (then the child is no longer
  pending), so a passed guidance date shows as overdue.

The child's next checkpoint is its earliest open one; its state, from the days left
(checkpoint date - `as_of`), is `overdue` (< 0), `due` (0-6 days: this week) or `upcoming`
(within `horizon_weeks`). Checkpoints further ahead are left off the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from pace_qi import columns as col
from pace_qi.aims import evaluate, load_aims, normalise_as_of
from pace_qi.aims.definitions import AimLike
from pace_qi.errors import UserFacingError

STATES: tuple[str, ...] = ("overdue", "due", "upcoming")
REMINDER_COLUMNS: tuple[str, ...] = (
    col.CHILD_ID, col.EPISODE_ID, col.TEAM, "aim", "checkpoint", "date", "days_left",
    "weeks_left", "state", "start_date", "deadline",
)
SHOWN_COLUMNS: tuple[str, ...] = (col.CHILD_ID, col.TEAM, "aim", "checkpoint", "date", "state")
DEMO_AS_OF = dt.date(2019, 12, 1)


def _weeks_text(weeks: float) -> str:
    return f"{weeks:g}"


def reminder_sent_column(aim: AimLike) -> str | None:
    """The column recording that an aim's reminder was sent, e.g. `reminder_15wk_date`."""
    weeks = getattr(aim, "reminder_weeks", None)
    return None if weeks is None else f"reminder_{_weeks_text(weeks)}wk_date"


def _checkpoints(
    journeys: pd.DataFrame, aim: AimLike, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Every open checkpoint of every pending child of one aim (long form)."""
    evaluated = evaluate(journeys, aim, as_of)
    pending = evaluated.loc[evaluated["pending"].to_numpy()]
    base = pending[[col.CHILD_ID, col.EPISODE_ID, col.TEAM, "start_date", "due_date"]]
    base = base.rename(columns={"due_date": "deadline"}).assign(aim=aim.id)
    parts = []
    if "reminder_date" in pending.columns:
        sent_col = reminder_sent_column(aim)
        if sent_col in journeys.columns:
            sent = journeys[[col.CHILD_ID, col.EPISODE_ID, sent_col]].drop_duplicates(
                [col.CHILD_ID, col.EPISODE_ID]
            )
            found = base[[col.CHILD_ID, col.EPISODE_ID]].merge(
                sent, on=[col.CHILD_ID, col.EPISODE_ID], how="left"
            )[sent_col]
            open_ = ~(found <= as_of).fillna(False).to_numpy()
        else:
            open_ = (pending["reminder_date"] >= as_of).to_numpy()
        weeks = _weeks_text(aim.reminder_weeks)  # type: ignore[union-attr]
        parts.append(
            base.assign(checkpoint=f"{weeks}-week reminder", date=pending["reminder_date"], rank=0)
            .loc[open_]
        )
    if "guidance_date" in pending.columns:
        weeks = _weeks_text(aim.guidance_weeks)  # type: ignore[union-attr]
        parts.append(
            base.assign(checkpoint=f"{weeks}-week guidance date", date=pending["guidance_date"],
                        rank=1)
        )
    within = getattr(aim, "within_weeks", None)
    label = "aim due date" if within is None else f"{_weeks_text(within)}-week aim deadline"
    parts.append(base.assign(checkpoint=label, date=pending["due_date"], rank=2))
    return pd.concat(parts, ignore_index=True)


def due(
    journeys: pd.DataFrame,
    aims: Mapping[str, AimLike] | Iterable[AimLike],
    as_of: dt.date | str | pd.Timestamp,
    horizon_weeks: float = 4,
) -> pd.DataFrame:
    """The next checkpoint of every pending child, most urgent first.

    Columns: `child_id, episode_id, team, aim, checkpoint` ("15-week reminder", "24-week
    guidance date", "30-week aim deadline"), `date`, `days_left` and `weeks_left` (negative when
    passed), `state` (overdue, due, upcoming), `start_date` (the clock start) and `deadline`.
    Sorted by state (overdue, due, upcoming), then date, child and aim.
    """
    stamp = normalise_as_of(as_of)
    chosen = list(aims.values()) if isinstance(aims, Mapping) else list(aims)
    parts = [_checkpoints(journeys, aim, stamp) for aim in chosen]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in REMINDER_COLUMNS})
    points = pd.concat(parts, ignore_index=True)
    points = points.sort_values(["date", "rank"], kind="stable").drop_duplicates(
        ["aim", col.CHILD_ID, col.EPISODE_ID], keep="first"
    )
    days_left = (points["date"] - stamp).dt.days
    state = np.select(
        [days_left < 0, days_left <= 6, days_left <= round(7 * horizon_weeks)],
        list(STATES),
        default="",
    )
    points = points.assign(days_left=days_left, weeks_left=(days_left / 7).round(1), state=state)
    points = points.loc[points["state"] != ""]
    points["state"] = pd.Categorical(points["state"], categories=list(STATES), ordered=True)
    points = points.sort_values(["state", "date", col.CHILD_ID, "aim"], kind="stable")
    return points[list(REMINDER_COLUMNS)].reset_index(drop=True)


def _params_folder() -> Path:
    """`params/aims` in the working folder, else the one beside the package (a checkout)."""
    here = Path("params") / "aims"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[1] / "params" / "aims"


def _journeys(data: str | None, mapping: str | None, as_of: dt.date | None):
    if data is None:
        from pace_qi.demo import generate

        when = as_of or DEMO_AS_OF
        return generate(as_of=when), when
    from pace_qi.data import load

    result = load(data, mapping=mapping, as_of=as_of)
    return result.journeys, result.as_of


def write_list(table: pd.DataFrame, out: str | Path) -> Path:
    """Write the list as .csv or .xlsx (chosen by the file's suffix)."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UserFacingError(f"{path}: write the list to a .csv or .xlsx file")
    path.parent.mkdir(parents=True, exist_ok=True)
    printable = table.assign(
        date=table["date"].dt.date, start_date=table["start_date"].dt.date,
        deadline=table["deadline"].dt.date, state=table["state"].astype("str"),
    )
    if suffix == ".csv":
        printable.to_csv(path, index=False)
    else:
        printable.to_excel(path, index=False, engine="openpyxl", sheet_name="checkpoints")
    return path


def reminders_command(
    data: str | None = None,
    mapping: str | None = None,
    as_of: dt.date | None = None,
    out: str | None = None,
) -> int:
    """`pace-qi reminders`: print each pending child's next checkpoint and optionally write it.

    `data` None uses the built-in SYNTHETIC demo (as at 2019-12-01 unless `as_of` is given).
    """
    journeys, when = _journeys(data, mapping, as_of)
    stamp = normalise_as_of(when)
    aims = load_aims(_params_folder())
    table = due(journeys, aims, stamp)
    print(
        f"Timeline checklist as at {stamp.date()}: {len(table)} checkpoint(s) within 4 weeks "
        "or overdue. For the team around the child and managers only - never for governance "
        "reports."
    )
    if table.empty:
        print("Nothing is due.")
    else:
        shown = table[list(SHOWN_COLUMNS)].assign(date=table["date"].dt.date)
        print(shown.to_string(index=False))
    if out:
        print(f"Written to {write_list(table, out)}")
    return 0
