"""What every report notebook starts from: the validated data, the parameters, the audience.

`ReportContext.open(...)` takes the notebook's parameters. In a build they point at the data
the build validated once; with the defaults (as when a notebook is opened in JupyterLab) it
generates the SYNTHETIC demo extract and validates it the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pace_qi import columns as col
from pace_qi.aims import load_aims, load_measures
from pace_qi.data import load
from pace_qi.data.command import summary_lines
from pace_qi.project import DEMO_AS_OF, ProjectSettings, load_project

REPOSITORY = Path(__file__).resolve().parents[2]


def default_params_dir() -> Path:
    """The repository's params/ (an editable install), else ./params or ../params."""
    for candidate in (REPOSITORY / "params", Path.cwd() / "params", Path.cwd().parent / "params"):
        if (candidate / "aims").is_dir():
            return candidate
    return REPOSITORY / "params"


@dataclass
class ReportContext:
    """The inputs of one report. `journeys` keep raw ids: display them only via `pseudonyms`."""

    journeys: pd.DataFrame
    problems: pd.DataFrame
    load_summary: dict[str, Any]
    as_of: pd.Timestamp
    audience: str
    organisation: str
    params_dir: Path
    settings: ProjectSettings
    synthetic: bool
    aims: dict[str, Any] = field(default_factory=dict)
    measures: dict[str, Any] = field(default_factory=dict)
    cycles: dict[str, Any] = field(default_factory=dict)

    @property
    def internal(self) -> bool:
        return self.audience == "internal"

    @property
    def disclosure(self):
        return self.settings.disclosure

    @classmethod
    def open(
        cls,
        journeys_file: str = "",
        problems_file: str = "",
        summary_file: str = "",
        as_of: str = "",
        audience: str = "internal",
        params_dir: str = "",
        organisation: str = "",
        synthetic: bool | None = None,
    ) -> ReportContext:
        """Load the build's validated data, or the demo when no file is given."""
        if audience not in ("internal", "governance"):
            raise ValueError(f"audience must be 'internal' or 'governance', not {audience!r}")
        params = Path(params_dir) if params_dir else default_params_dir()
        settings = load_project(params / "project.yml")
        when = pd.Timestamp(as_of or settings.effective_as_of()).normalize()
        if journeys_file:
            journeys = pd.read_parquet(journeys_file)
            problems = pd.read_parquet(problems_file) if problems_file else _no_problems()
            summary = json.loads(Path(summary_file).read_text()) if summary_file else {}
            is_demo = bool(synthetic)
        else:
            journeys, problems, summary = _demo(settings, when)
            is_demo = True
        cycles = {}
        if any((params / "pdsa").glob("*.yml")):
            from pace_qi.pdsa import load_cycles

            cycles = load_cycles(params / "pdsa")
        return cls(
            journeys=journeys, problems=problems, load_summary=summary, as_of=when,
            audience=audience, organisation=organisation or settings.organisation,
            params_dir=params, settings=settings, synthetic=is_demo,
            aims=load_aims(params / "aims"), measures=load_measures(params / "measures"),
            cycles=cycles,
        )

    def pseudonyms(self, ids: pd.Series) -> pd.Series:
        """Children as the internal audience sees them: a keyed hash, never the raw id."""
        if not self.internal:
            raise PermissionError("child-level identifiers are never shown to governance")
        from pace_qi.pseudonyms import load_or_create_key, pseudonymise

        key = load_or_create_key(self.params_dir.parent / ".pace_qi_key")
        return pseudonymise(ids.astype("string"), key)


def _no_problems() -> pd.DataFrame:
    from pace_qi.data import PROBLEM_COLUMNS

    return pd.DataFrame({c: pd.Series(dtype="object") for c in PROBLEM_COLUMNS})


def _demo(settings: ProjectSettings, when: pd.Timestamp):
    """The SYNTHETIC demo extract, validated exactly as a real one would be."""
    from pace_qi.demo import generate

    frame = generate(seed=settings.demo_seed, as_of=when.date() if when is not None
                     else DEMO_AS_OF)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo_extract_SYNTHETIC.csv"
        frame.to_csv(path, index=False, date_format="%Y-%m-%d")
        result = load(path, as_of=when)
    summary = {"rows_read": result.rows_read, "rows_used": len(result.journeys),
               "rows_with_errors": result.rows_with_errors,
               "rows_with_warnings": result.rows_with_warnings, "sha256": result.sha256,
               "as_of": when.date().isoformat(), "synthetic": True,
               "source_name": path.name, "lines": summary_lines(result)[1:]}
    return result.journeys, result.problems, summary


def as_date_text(value: dt.date | pd.Timestamp | None) -> str:
    """'1 Dec 2019' (UK style, no leading zero)."""
    if value is None or pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%b %Y}"


def child_columns() -> tuple[str, ...]:
    """Columns that identify a child: never in a governance table."""
    return (col.CHILD_ID, col.EPISODE_ID, col.DATE_OF_BIRTH)
