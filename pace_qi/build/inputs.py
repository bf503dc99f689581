"""Validate the extract once per build and hand every job the validated data.

The journeys and the problem list go to Parquet files in the build's work folder; notebooks read
those and never the raw extract, so every report of a build sees the same rows. With no data
path, the SYNTHETIC demo extract is generated into the work folder and loaded like a real one
(so the demo exercises exactly the path a real extract takes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path

from pace_qi.build.files import write_atomic, write_json_atomic
from pace_qi.data import load
from pace_qi.data.command import summary_lines
from pace_qi.project import ProjectSettings

DEMO_FILE = "demo_extract_SYNTHETIC.csv"


@dataclass(frozen=True)
class PreparedData:
    """Where the validated data of this build are, and what they came from."""

    journeys_file: str
    problems_file: str
    summary_file: str
    sha256: str
    as_of: str
    synthetic: bool
    source_name: str
    rows_read: int
    rows_used: int
    rows_with_errors: int

    def as_parameters(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if k not in {"rows_read", "rows_used",
                                                                   "rows_with_errors"}}


def prepare_data(
    settings: ProjectSettings,
    work: Path,
    data: str | None = None,
    mapping: str | None = None,
    as_of: dt.date | None = None,
) -> PreparedData:
    """Load and validate once; write journeys, problems and the load summary for the jobs."""
    folder = work / "data"
    folder.mkdir(parents=True, exist_ok=True)
    when = settings.effective_as_of(as_of)
    path_text = data or settings.data
    synthetic = not path_text
    if synthetic:
        from pace_qi.demo import generate

        path = folder / DEMO_FILE
        csv = generate(seed=settings.demo_seed, as_of=when).to_csv(
            index=False, date_format="%Y-%m-%d")
        if not path.exists() or path.read_text(encoding="utf-8") != csv:
            write_atomic(path, csv)
    else:
        path = Path(path_text).resolve()
    result = load(path, mapping=mapping or settings.mapping, as_of=when)
    journeys_file = folder / "journeys.parquet"
    problems_file = folder / "problems.parquet"
    result.journeys.to_parquet(journeys_file, index=False)
    result.problems.to_parquet(problems_file, index=False)
    summary_file = folder / "load_summary.json"
    prepared = PreparedData(
        journeys_file=str(journeys_file.resolve()),
        problems_file=str(problems_file.resolve()),
        summary_file=str(summary_file.resolve()),
        sha256=result.sha256,
        as_of=when.isoformat(),
        synthetic=synthetic,
        source_name=path.name,
        rows_read=result.rows_read,
        rows_used=len(result.journeys),
        rows_with_errors=result.rows_with_errors,
    )
    write_json_atomic(summary_file, {**asdict(prepared), "lines": summary_lines(result),
                                     "ignored_columns": result.ignored_columns,
                                     "rows_with_warnings": result.rows_with_warnings})
    return prepared
