"""Statistical disclosure control for governance reports: nothing small enough to identify a child.

The front door is `apply(table, ...)`, which every governance table goes through; a governance
chart's monthly series goes through `protect_series`, which first rolls months up to quarters
when most monthly numbers would be hidden (`rollup_to_quarters`). `check_aggregate_only` refuses
a table that carries child-level columns. The rules and their settings are explained for a data
protection officer in `docs/disclosure.md`.
"""

from __future__ import annotations

from pace_qi.disclosure.guard import ChildLevelDataError, check_aggregate_only
from pace_qi.disclosure.rollup import ROLLUP_NOTICE, RollupResult, rollup_to_quarters
from pace_qi.disclosure.series import ProtectedSeries, protect_series
from pace_qi.disclosure.settings import DisclosureSettings
from pace_qi.disclosure.table import ACTION_COLUMNS, DisclosureResult, apply

__all__ = [
    "ACTION_COLUMNS",
    "ROLLUP_NOTICE",
    "ChildLevelDataError",
    "DisclosureResult",
    "DisclosureSettings",
    "ProtectedSeries",
    "RollupResult",
    "apply",
    "check_aggregate_only",
    "protect_series",
    "rollup_to_quarters",
]
