"""The report layer: what each notebook shows, computed here so that notebooks stay thin.

`ReportContext.open(...)` gives a notebook its data and settings; `aim_report`, `overview` and
`quality` compute each section (charts from `pace_qi.charts`, numbers from the aims engine,
governance protection from `pace_qi.disclosure`); `display` shows them.
"""

from pace_qi.report.context import ReportContext, as_date_text

__all__ = ["ReportContext", "as_date_text"]
