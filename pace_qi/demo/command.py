"""The `pace-qi demo-data` job: write SYNTHETIC journeys (and, if asked, their faults) to CSV.

The CSV's header is its first row and its dates are ISO text, so that `pace-qi validate` and
`pace-qi build` read it without a mapping file. With faults, the fault log goes next to it as
`<name>.faults.csv`, with the spreadsheet row (`source_row`, header = row 1) of each fault.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from pace_qi import columns as c
from pace_qi.demo.faults import inject_faults
from pace_qi.demo.journeys import as_text, generate
from pace_qi.errors import UserFacingError

#: Spreadsheet row of a frame's first data row (row 1 is the header).
FIRST_DATA_ROW = 2


def demo_data_command(
    out: str,
    seed: int = 2019,
    as_of: dt.date = dt.date(2019, 12, 1),
    faults: bool = False,
) -> int:
    """Write the demo extract to `out`, print a one-line summary and return exit status 0."""
    journeys = generate(seed=seed, as_of=as_of)
    path = Path(out)
    if faults:
        table, log = inject_faults(journeys, seed=seed)
    else:
        table, log = as_text(journeys), None
    _write_csv(table, path)
    summary = (
        f"Wrote SYNTHETIC demo data to {path}: {len(journeys)} episodes, "
        f"{int(journeys[c.ACCOMMODATED].notna().sum())} accommodated, "
        f"{int((journeys[c.RECOMMENDATION] == 'away_from_home').sum())} "
        f"permanence recommendations away from home, as at {pd.Timestamp(as_of).date()}, "
        f"seed {seed}"
    )
    if log is not None:
        log_path = faults_path(path)
        _write_csv(fault_log_table(log), log_path)
        summary += f"; {len(log)} injected faults listed in {log_path}"
    print(summary)
    return 0


def faults_path(out: Path) -> Path:
    """Where the fault log of the demo file `out` goes: `<stem>.faults.csv` beside it."""
    return out.with_name(f"{out.stem}.faults.csv")


def fault_log_table(log: pd.DataFrame) -> pd.DataFrame:
    """The fault log as written: the spreadsheet row first, so a person can find each fault."""
    table = log.copy()
    table.insert(0, c.SOURCE_ROW, table["row"] + FIRST_DATA_ROW)
    return table


def _write_csv(table: pd.DataFrame, path: Path) -> None:
    try:
        table.to_csv(path, index=False)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UserFacingError(
            f"cannot write the demo data to {path}: {reason}. "
            "Choose a file in a folder that exists and that you can write to."
        ) from exc
