"""Validate the extract once per build and hand every job the validated data.

The journeys and the problem list go to Parquet files in the build's work folder; notebooks read
those and never the raw extract, so every report of a build sees the same rows. With no data
path, the SYNTHETIC demo extract is generated into the work folder and loaded like a real one
(so the demo exercises exactly the path a real extract takes).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, fields
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
        path = _demo_extract(folder, settings.demo_seed, when)
    else:
        path = Path(path_text).resolve()
    mapping_file = mapping or settings.mapping
    journeys_file = folder / "journeys.parquet"
    problems_file = folder / "problems.parquet"
    summary_file = folder / "load_summary.json"
    key = _load_key(path, mapping_file, when)
    reused = _reuse(summary_file, key, journeys_file, problems_file)
    if reused is not None:
        return reused
    result = load(path, mapping=mapping_file, as_of=when)
    result.journeys.to_parquet(journeys_file, index=False)
    result.problems.to_parquet(problems_file, index=False)
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
                                     "rows_with_warnings": result.rows_with_warnings,
                                     "load_key": key})
    return prepared


def _demo_extract(folder: Path, seed: int, when: dt.date) -> Path:
    """The SYNTHETIC demo extract, generated again only when its seed, date or code change."""
    from pace_qi.build.cache import package_digest

    path = folder / DEMO_FILE
    stamp = path.with_suffix(".key")
    key = f"{seed}|{when.isoformat()}|{package_digest()}"
    if path.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == key:
        return path
    from pace_qi.demo import generate

    write_atomic(path, generate(seed=seed, as_of=when).to_csv(index=False, date_format="%Y-%m-%d"))
    write_atomic(stamp, key)
    return path


def _load_key(path: Path, mapping: str | None, when: dt.date) -> str:
    """What validation depends on: the extract, the mapping, the as-at date and the code."""
    from pace_qi.build.cache import package_digest
    from pace_qi.build.files import sha256_bytes

    mapping_bytes = Path(mapping).read_bytes() if mapping and Path(mapping).is_file() else b""
    if not path.is_file():  # let load() say what is wrong with the path
        return ""
    return sha256_bytes(path.read_bytes(), mapping_bytes, when.isoformat().encode(),
                        package_digest().encode())


def _reuse(summary_file: Path, key: str, *files: Path) -> PreparedData | None:
    """The last build's validated data, when nothing it depends on has changed."""
    if not key or not summary_file.exists() or not all(f.exists() for f in files):
        return None
    try:
        summary = json.loads(summary_file.read_text(encoding="utf-8"))
    except ValueError:
        return None
    if summary.get("load_key") != key:
        return None
    names = {f.name for f in fields(PreparedData)}
    return PreparedData(**{k: v for k, v in summary.items() if k in names})
