"""Benchmark of `pace-qi build` against the command-line loop it replaces.

Prints, in seconds:
- a full build of the SYNTHETIC demo into a fresh folder (`pace-qi build --force`);
- a no-change rebuild of the same folder (every job `cached`);
- the same notebooks with the same parameters run one by one through the `papermill` and
  `jupyter nbconvert --to html --no-input` command lines (what a team would script by hand).

Targets (issue): full build <= 0.3 x the command-line loop; no-change rebuild < 5% of a full
build. Usage: python benchmarks/build.py [--only NAME[,NAME]] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def build_command(out: Path, args: argparse.Namespace, force: bool) -> list[str]:
    command = [str(BIN / "pace-qi"), "build", "--out", str(out)]
    if force:
        command.append("--force")
    if args.only:
        command += ["--only", args.only]
    if args.jobs:
        command += ["--jobs", str(args.jobs)]
    return command


def cli_loop(out: Path, folder: Path) -> tuple[float, int]:
    """Run every job of the build's manifest through the papermill and nbconvert CLIs."""
    manifest = json.loads((out / "manifest.json").read_text())
    data = json.loads((out / "_work" / "data" / "load_summary.json").read_text())
    common = {k: data[k] for k in ("journeys_file", "problems_file", "summary_file", "sha256",
                                   "as_of", "synthetic", "source_name")}
    common["params_dir"] = str(ROOT / "params")
    started = time.perf_counter()
    for job in manifest["jobs"]:
        parameters = {**common, "audience": job["audience"]}
        if job["params_file"]:
            key = "cycle_file" if job["notebook"] == "pdsa_cycle.ipynb" else "aim_file"
            parameters[key] = job["params_file"]
        executed = folder / f"{job['audience']}_{job['name']}.ipynb"
        subprocess.run([str(BIN / "papermill"), str(ROOT / "notebooks" / job["notebook"]),
                        str(executed), "-k", "python3", "-y", yaml.safe_dump(parameters),
                        "--no-progress-bar"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                        str(executed)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, len(manifest["jobs"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="limit to jobs whose name contains this text")
    parser.add_argument("--jobs", type=int, help="parallel jobs for pace-qi build")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pace-qi-bench-"))
    out = work / "out"
    try:
        full = timed(build_command(out, args, force=True))
        rebuild = timed(build_command(out, args, force=False))
        statuses = {j["status"] for j in json.loads((out / "manifest.json").read_text())["jobs"]}
        loop, n_jobs = cli_loop(out, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"jobs: {n_jobs}")
    print(f"full build (pace-qi build --force): {full:8.1f} s")
    print(f"no-change rebuild:                  {rebuild:8.1f} s  (statuses: {sorted(statuses)})")
    print(f"command-line loop (papermill + nbconvert, one by one): {loop:8.1f} s")
    print(f"full build / command-line loop: {full / loop:.2f}  (target <= 0.30)")
    print(f"rebuild / full build:           {rebuild / full:.3f} (target < 0.05)")


if __name__ == "__main__":
    main()
