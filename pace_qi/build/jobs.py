"""Finding the jobs: one per (notebook, parameter file, audience), plus the singletons.

A job's name is also its report's file name (`aim2.html`), the same in each audience folder,
so the overview can link to `aim2.html` whichever audience it is built for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pace_qi.aims import load_aims

#: Which audiences each notebook is built for. Child-level notebooks are internal only.
NOTEBOOK_AUDIENCES: dict[str, tuple[str, ...]] = {
    "overview": ("governance", "internal"),
    "aim_interval": ("governance", "internal"),
    "aim_completion": ("governance", "internal"),
    "pdsa_cycle": ("governance", "internal"),
    "data_quality": ("internal",),
    "reminders": ("internal",),
}

AUDIENCE_LABELS = {"governance": "Governance (aggregates only)",
                   "internal": "Internal (QI team; pseudonymised)"}


@dataclass(frozen=True)
class Job:
    """One notebook run for one audience, and the report it renders to."""

    name: str
    notebook: str
    audience: str
    title: str
    params_file: str | None = None
    parameters: dict[str, object] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.audience}/{self.name}"

    @property
    def html(self) -> str:
        return f"{self.audience}/{self.name}.html"

    @property
    def executed(self) -> str:
        return f"_work/notebooks/{self.audience}/{self.name}.ipynb"


def find_jobs(params: Path, notebooks: Path, audiences: list[str]) -> list[Job]:
    """Every job of a build, in the order the index lists them."""
    specs: list[tuple[str, str, str, str | None, dict[str, object]]] = [
        ("overview", "overview", "Overview: permanence aims and PDSA cycles", None, {})
    ]
    for aim_id, aim in load_aims(params / "aims").items():
        notebook = "aim_interval" if aim.kind == "interval" else "aim_completion"
        path = _aim_path(params / "aims", aim_id)
        specs.append((aim_id, notebook, f"{_aim_label(aim_id)}: {aim.title or aim.name}", str(path),
                      {"aim_file": str(path)}))
    for path in sorted((params / "pdsa").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        cycle_id = str(record.get("id", path.stem))
        title = f"PDSA {cycle_id}: {record.get('title', '')}".rstrip(": ")
        specs.append((f"pdsa_{cycle_id}", "pdsa_cycle", title, str(path),
                      {"cycle_file": str(path)}))
    specs.append(("data_quality", "data_quality", "Data quality of the extract", None, {}))
    specs.append(("reminders", "reminders", "Timeline checklist: reminders due", None, {}))
    jobs = []
    for name, notebook, title, params_file, extra in specs:
        for audience in NOTEBOOK_AUDIENCES[notebook]:
            if audience in audiences:
                jobs.append(Job(name=name, notebook=str((notebooks / f"{notebook}.ipynb")
                                                        .resolve()),
                                audience=audience, title=title, params_file=params_file,
                                parameters=extra))
    return jobs


def _aim_path(folder: Path, aim_id: str) -> Path:
    """The file that defines an aim (file names need not equal ids)."""
    for path in sorted(folder.glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if str(record.get("id", path.stem)) == aim_id:
            return path.resolve()
    return (folder / f"{aim_id}.yml").resolve()


def _aim_label(aim_id: str) -> str:
    """'aim3' -> 'Aim 3'; any other id is shown as it is."""
    number = aim_id.removeprefix("aim")
    return f"Aim {number}" if number.isdigit() else aim_id
