"""Locate the shared SPC reference data (never copied into the repository).

The folder is `shared/spc_reference` beside the repository root, or the path in the
environment variable PACE_QI_SPC_REFERENCE. Tests that need it are skipped, with the reason,
when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def reference_dir() -> Path | None:
    """The reference folder, or None when it cannot be found."""
    configured = os.environ.get("PACE_QI_SPC_REFERENCE")
    candidates = [Path(configured)] if configured else []
    candidates.append(REPO_ROOT.parent / "shared" / "spc_reference")
    for candidate in candidates:
        if (candidate / "README.md").is_file():
            return candidate
    return None


REFERENCE = reference_dir()
requires_reference = pytest.mark.skipif(
    REFERENCE is None,
    reason="SPC reference data not found: put shared/spc_reference beside the repository "
    "or set PACE_QI_SPC_REFERENCE",
)


def read(relative: str, **kwargs: object) -> pd.DataFrame:
    """Read one reference CSV (R's NA is missing, TRUE/FALSE are booleans)."""
    assert REFERENCE is not None
    return pd.read_csv(REFERENCE / relative, na_values=["NA"], **kwargs)
