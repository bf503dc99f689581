"""`pace-qi build`: every report, from one validated extract, in one command.

Reads as its own outline: find the jobs, prepare the data once, decide which jobs are stale,
execute the stale ones in a process pool, then write the indexes and the manifest. A job that
fails is reported and left out; the others still run and render; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from pace_qi import __version__
from pace_qi.build.cache import job_key
from pace_qi.build.execute import Outcome, run_job
from pace_qi.build.files import write_atomic, write_json_atomic
from pace_qi.build.index import audience_index, top_index
from pace_qi.build.inputs import prepare_data
from pace_qi.build.jobs import Job, find_jobs
from pace_qi.errors import UserFacingError
from pace_qi.project import AUDIENCES, load_project

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class BuildOptions:
    out: Path
    params: Path
    notebooks: Path
    data: str | None = None
    mapping: str | None = None
    as_of: dt.date | None = None
    jobs: int | None = None
    force: bool = False
    only: str | None = None
    audience: str = "all"


def build(options: BuildOptions) -> list[Outcome]:
    """Run the build; returns one outcome per job (ok, cached or failed)."""
    started = time.perf_counter()
    settings = load_project(options.params / "project.yml")
    audiences = list(settings.audiences) if options.audience == "all" else [options.audience]
    out = options.out.resolve()
    jobs = find_jobs(options.params.resolve(), options.notebooks.resolve(), audiences)
    if options.only:
        wanted = [w.strip() for w in options.only.split(",") if w.strip()]
        jobs = [j for j in jobs if any(w in j.name for w in wanted)]
        if not jobs:
            raise UserFacingError(f"no job's name contains '{options.only}'.", exit_code=2)
    data = prepare_data(settings, out / "_work", options.data, options.mapping, options.as_of)
    common = {**data.as_parameters(), "organisation": settings.organisation,
              "params_dir": str(options.params.resolve())}
    header = {"organisation": settings.organisation, "synthetic": data.synthetic,
              "as_of": dt.date.fromisoformat(data.as_of).strftime("%d %B %Y"),
              "data_sha256": data.sha256}
    previous = _previous_outcomes(out)
    outcomes: dict[str, Outcome] = {}
    todo: list[tuple[Job, str]] = []
    for job in jobs:
        key = job_key(job, common, options.params, data.sha256)
        cached = previous.get(job.id)
        if (not options.force and cached is not None and cached.key == key
                and cached.status in ("ok", "cached") and (out / job.html).exists()):
            cached.status = "cached"
            cached.seconds = 0.0
            outcomes[job.id] = cached
        else:
            todo.append((job, key))
    timeout = settings.cell_timeout_seconds
    workers = max(1, min(options.jobs or os.cpu_count() or 1, len(todo) or 1))
    report = _progress(len(todo))
    if todo:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {pool.submit(run_job, job, str(out), {**common, "audience": job.audience},
                                   header, key, timeout): job for job, key in todo}
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[futures[future].id] = outcome
                report(outcome)
    ordered = [outcomes[j.id] for j in jobs]
    kept = [o for key, o in previous.items() if key not in outcomes]  # jobs left out by --only
    everything = ordered + (kept if options.only else [])
    _write_indexes(out, everything, header)
    _write_manifest(out, everything, data.sha256, data.as_of)
    _closing_line(ordered, time.perf_counter() - started, out)
    return ordered


def _previous_outcomes(out: Path) -> dict[str, Outcome]:
    manifest = out / "manifest.json"
    if not manifest.exists():
        return {}
    try:
        rows = json.loads(manifest.read_text(encoding="utf-8")).get("jobs", [])
        return {f"{r['audience']}/{r['name']}": Outcome(**r) for r in rows}
    except (ValueError, TypeError, KeyError):
        return {}  # an unreadable manifest just means nothing is cached


def _progress(total: int):
    """A progress bar on a terminal, else one line per finished job."""
    done = {"n": 0}
    bar = None
    if total and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="report", desc="Building")

    def report(outcome: Outcome) -> None:
        done["n"] += 1
        if bar is not None:
            bar.update(1)
            if outcome.status == "failed":
                bar.write(f"failed: {outcome.audience}/{outcome.name}: {outcome.error}")
            if done["n"] == total:
                bar.close()
            return
        line = f"[{done['n']}/{total}] {outcome.status:<6} {outcome.audience}/{outcome.name}"
        line += f" ({outcome.seconds:.1f} s)"
        if outcome.error:
            line += f": {outcome.error}"
        print(line, flush=True)

    return report


def _write_indexes(out: Path, outcomes: list[Outcome], header: dict[str, object]) -> None:
    context = {**header, "version": __version__,
               "built": dt.datetime.now().strftime("%d %b %Y %H:%M")}
    for audience in AUDIENCES:
        if any(o.audience == audience for o in outcomes):
            write_atomic(out / audience / "index.html", audience_index(audience, outcomes, context))
    write_atomic(out / "index.html", top_index(outcomes, context))


def _write_manifest(out: Path, outcomes: list[Outcome], sha256: str, as_of: str) -> None:
    write_json_atomic(out / "manifest.json", {
        "pace_qi_version": __version__, "data_sha256": sha256, "as_of": as_of,
        "built": dt.datetime.now().isoformat(timespec="seconds"),
        "jobs": [o.as_dict() for o in outcomes],
    })


def _closing_line(outcomes: list[Outcome], seconds: float, out: Path) -> None:
    count = {s: sum(o.status == s for o in outcomes) for s in ("ok", "cached", "failed")}
    print(f"Built {len(outcomes)} reports: {count['ok']} ok, {count['cached']} cached, "
          f"{count['failed']} failed in {seconds:.1f} s. Open {out / 'index.html'}", flush=True)


def build_command(args: argparse.Namespace) -> int:
    """`pace-qi build`: exit 0 when every job is ok or cached, 1 when any failed."""
    options = BuildOptions(
        out=Path(args.out), params=Path(args.params),
        notebooks=Path(args.notebooks) if args.notebooks else ROOT / "notebooks",
        data=args.data, mapping=args.mapping, as_of=args.as_of, jobs=args.jobs,
        force=args.force, only=args.only, audience=args.audience,
    )
    if not (options.notebooks / "overview.ipynb").exists():
        raise UserFacingError(f"the report notebooks are missing from {options.notebooks}.")
    outcomes = build(options)
    return 1 if any(o.status == "failed" for o in outcomes) else 0
