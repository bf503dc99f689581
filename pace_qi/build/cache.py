"""When a job can be skipped: the key of everything its report depends on.

A job is `cached` when its key matches the last build's and its report exists. The key covers
the notebook, the job's parameters, every parameter file (an aim report also shows the PDSA
ramp, the overview shows every aim), the data file's sha256, and pace-qi's version together
with its source, so that a change to the code under a report also rebuilds it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pace_qi import __version__
from pace_qi.build.files import sha256_bytes, tree_digest
from pace_qi.build.jobs import Job

PACKAGE = Path(__file__).resolve().parents[1]


@cache
def package_digest() -> str:
    return tree_digest(PACKAGE, "*.py") + tree_digest(PACKAGE / "templates", "*")


def job_key(job: Job, parameters: dict[str, object], params: Path, data_sha256: str) -> str:
    """The fingerprint of one job's inputs."""
    canonical = json.dumps({**parameters, **job.parameters, "audience": job.audience},
                           sort_keys=True, default=str)
    return sha256_bytes(
        Path(job.notebook).read_bytes(), canonical.encode(), tree_digest(params, "*.yml").encode(),
        data_sha256.encode(), __version__.encode(), package_digest().encode(),
    )
