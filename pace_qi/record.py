"""`record(name, value)`: a notebook's headline numbers, kept where tests and the index read them.

In a notebook, `record` displays the value under a MIME type of pace-qi's own, which renders as
nothing. After execution the build moves every recorded value into the executed notebook's
metadata (`metadata["pace_qi"]["records"]`), where `read_records` finds it. This is the
scrapbook pattern without its (dormant) dependency.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import nbformat

MIME = "application/vnd.pace-qi.record+json"


def _plain(value: Any) -> Any:
    """JSON-safe: numpy scalars become Python numbers, NaN becomes None, dates become ISO text."""
    if hasattr(value, "item") and not isinstance(value, list | dict | str):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def record(name: str, value: Any) -> None:
    """Record a headline number (or short text) from inside a running notebook."""
    from IPython.display import display

    payload = {"name": name, "value": _plain(value)}
    json.dumps(payload)  # fail here, in the notebook, if the value cannot be stored
    display({MIME: payload}, raw=True)


def collect_records(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """Move recorded values from cell outputs into notebook metadata; return them."""
    records: dict[str, Any] = {}
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME in data:
                payload = data[MIME]
                records[payload["name"]] = payload["value"]
            else:
                kept.append(output)
        cell["outputs"] = kept
    nb.metadata.setdefault("pace_qi", {})["records"] = records
    return records


def read_records(path_or_nb: str | nbformat.NotebookNode) -> dict[str, Any]:
    """The records of an executed notebook (a path or an already-read notebook)."""
    import nbformat

    nb = nbformat.read(path_or_nb, as_version=4) if isinstance(path_or_nb, str) else path_or_nb
    return dict(nb.metadata.get("pace_qi", {}).get("records", {}))
