"""Run one job: execute its notebook with papermill, keep its records, render its report.

Runs inside a worker process of the build's pool. Papermill runs in process (no command-line
subprocess), with the `python3` kernel, absolute paths, no `cwd` and a per-cell timeout. A
failure becomes a plain sentence (the cell and the message), never a rendered report.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pace_qi import __version__
from pace_qi.build.files import write_atomic
from pace_qi.build.jobs import AUDIENCE_LABELS, Job
from pace_qi.record import collect_records


@dataclass
class Outcome:
    """What happened to a job; becomes its row in manifest.json."""

    name: str
    audience: str
    notebook: str
    params_file: str | None
    title: str
    status: str  # ok | failed | cached
    html: str | None
    seconds: float
    error: str | None
    key: str
    records: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@contextmanager
def stderr_to(path: Path) -> Iterator[None]:
    """Send this process's stderr (and its kernel's, which inherits it) to a log file.

    The kernel's start-up and shutdown chatter would otherwise fill the terminal; the log is
    kept in the work folder for an analyst who needs it. Each worker runs one job at a time.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "w", encoding="utf-8") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def run_job(job: Job, out: str, parameters: dict[str, Any], header: dict[str, Any],
            key: str, timeout: int) -> Outcome:
    """Execute, collect records, render; any failure is caught and described."""
    log = Path(out) / "_work" / "logs" / f"{job.audience}_{job.name}.log"
    with stderr_to(log):
        return _run_job(job, out, parameters, header, key, timeout)


def _run_job(job: Job, out: str, parameters: dict[str, Any], header: dict[str, Any],
             key: str, timeout: int) -> Outcome:
    # Imported here, in the worker, so that a build with nothing to run starts quickly.
    import nbformat
    import papermill

    from pace_qi.build.render import notebook_failed, render_html

    logging.getLogger("papermill").setLevel(logging.WARNING)
    started = time.perf_counter()
    root = Path(out)
    executed = root / job.executed
    html = root / job.html
    executed.parent.mkdir(parents=True, exist_ok=True)
    records: dict[str, Any] = {}
    error = None
    try:
        nb = papermill.execute_notebook(
            job.notebook, str(executed.with_suffix(".running.ipynb")),
            parameters={**parameters, **job.parameters}, kernel_name="python3",
            progress_bar=False, execution_timeout=timeout, log_output=False,
        )
        records = collect_records(nb)
        write_atomic(executed, nbformat.writes(nb))
        if notebook_failed(nb):
            raise RuntimeError("the notebook did not run to the end")
        built = dt.datetime.now().strftime("%d %b %Y %H:%M")
        page = render_html(nb, {**header, "title": job.title, "built": built,
                                "version": __version__,
                                "audience_label": AUDIENCE_LABELS[job.audience]})
        write_atomic(html, page)
    except papermill.PapermillExecutionError as exc:
        error = f"cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
        running = executed.with_suffix(".running.ipynb")
        if running.exists():  # keep the failed notebook for the analyst to open
            running.replace(executed)
    except Exception as exc:  # the job fails, the build goes on: say what happened
        error = f"{type(exc).__name__}: {exc}"
    finally:
        executed.with_suffix(".running.ipynb").unlink(missing_ok=True)
    if error is not None:
        html.unlink(missing_ok=True)
    return Outcome(
        name=job.name, audience=job.audience, notebook=Path(job.notebook).name,
        params_file=job.params_file, title=job.title,
        status="failed" if error else "ok", html=None if error else job.html,
        seconds=round(time.perf_counter() - started, 2), error=error, key=key, records=records,
    )
