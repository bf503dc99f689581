"""SYNTHETIC demo data: journeys for a Moray-sized authority, and realistic faults to find.

`generate` draws clean canonical journeys from a seed; `inject_faults` spoils a copy the way real
extracts are spoiled; `demo_data_command` is the `pace-qi demo-data` job. Every child id says
SYNTHETIC, so that demo rows and the reports built from them cannot be taken for real children.
"""

from __future__ import annotations

from pace_qi.demo.command import demo_data_command
from pace_qi.demo.faults import inject_faults
from pace_qi.demo.journeys import DEMO_COLUMNS, DEMO_DATE_COLUMNS, EXTRA_EVENT_COLUMNS, generate

__all__ = [
    "DEMO_COLUMNS",
    "DEMO_DATE_COLUMNS",
    "EXTRA_EVENT_COLUMNS",
    "demo_data_command",
    "generate",
    "inject_faults",
]
