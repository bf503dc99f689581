"""The governance summary: every aim on one line, with Making Data Count-style icons.

Icons are small inline SVG badges with a letter and a text label beside them, so that the
reading never depends on colour alone: variation (common cause, improvement or concern, high
or low) and assurance (the target is consistently passed, consistently failed, or not
consistently either), from an XmR chart of the monthly (or quarterly) percent met.
"""

from __future__ import annotations

import html
from dataclasses import replace

import pandas as pd

from pace_qi import spc
from pace_qi.report.aim_report import headline, outcome_chart
from pace_qi.report.context import ReportContext

VARIATION = {
    "common_cause": ("#3D3D3D", "~", "Common cause variation: no signal"),
    "improvement_high": ("#12436D", "H", "Special cause: improvement (higher)"),
    "improvement_low": ("#12436D", "L", "Special cause: improvement (lower)"),
    "concern_high": ("#F46A25", "H", "Special cause: concern (higher)"),
    "concern_low": ("#F46A25", "L", "Special cause: concern (lower)"),
    "neutral_high": ("#A285D1", "H", "Special cause: neither better nor worse (higher)"),
    "neutral_low": ("#A285D1", "L", "Special cause: neither better nor worse (lower)"),
}
ASSURANCE = {
    "consistent_pass": ("#12436D", "P", "The target will be met consistently"),
    "consistent_fail": ("#F46A25", "F", "The target will not be met without change"),
    "inconsistent": ("#3D3D3D", "?", "The target may or may not be met"),
}
MIN_POINTS_FOR_ICONS = 6


def badge(kind: dict[str, tuple[str, str, str]], code: str | None) -> str:
    """An inline SVG badge plus its words; '' when there is no code."""
    if not code or code not in kind:
        return "not enough data"
    colour, letter, words = kind[code]
    svg = (f'<svg width="22" height="22" viewBox="0 0 22 22" role="img" aria-label="{words}">'
           f'<circle cx="11" cy="11" r="10" fill="{colour}"/><text x="11" y="15.5" '
           f'font-size="13" text-anchor="middle" fill="#fff" font-family="sans-serif">'
           f"{letter}</text></svg>")
    return f'{svg} <span>{html.escape(words)}</span>'


def icons(section_result: spc.SPCResult | None, aim) -> tuple[str | None, str | None]:
    """MDC variation and assurance icon codes from the percent series behind the run chart."""
    if section_result is None:
        return None, None
    series = section_result.points[["x", "y"]].dropna()
    if len(series) < MIN_POINTS_FOR_ICONS:
        return None, None
    target = aim.target.percent if getattr(aim, "target", None) else None
    result = spc.chart(series, x="x", y="y", chart="i", method="mdc",
                       direction=aim.improvement, target=target)
    last = result.summary.iloc[-1]
    return last.get("variation_icon"), last.get("assurance_icon")


def aim_rows(ctx: ReportContext) -> tuple[pd.DataFrame, dict[str, dict]]:
    """One row per aim (display HTML) and each aim's recorded numbers.

    The trend and the icons are read from the full monthly series even for governance: only
    their words are shown, never a point or a count, so no small number leaves the QI team,
    while the committee still learns whether things are changing.
    """
    rows, records = [], {}
    full_view = replace(ctx, audience="internal")
    for aim_id, aim in ctx.aims.items():
        _, numbers = headline(ctx, aim)
        section = outcome_chart(full_view, aim)
        if section.chart is not None:
            section.chart.close()
        result = section.extra.get("result")
        variation, assurance = icons(result, aim)
        trend = section.extra.get("trend", "too few data")
        records[aim_id] = {**numbers, "trend": trend, "variation_icon": variation,
                           "assurance_icon": assurance}
        target = aim.target
        percent = numbers.get("percent_met")
        rows.append({
            "Aim": f'<a href="{aim_id}.html">{html.escape(aim.name)}</a>',
            "Target": f"{target.percent:.0f}% by {target.by:%d %b %Y}",
            "Now": "not shown (too few)" if percent is None else f"{percent:.0f}%",
            "Trend": html.escape(trend),
            "Variation": badge(VARIATION, variation),
            "Assurance": badge(ASSURANCE, assurance),
        })
    return pd.DataFrame(rows), records


def aims_table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=False, border=0)


def ramps(ctx: ReportContext):
    """Every aim's PDSA cycles on one timeline (cycles hold no child-level data)."""
    from pace_qi import charts
    from pace_qi.report.aim_report import Section

    if not ctx.cycles:
        return Section(None, "No PDSA cycles are recorded in params/pdsa/.")
    from pace_qi.pdsa import ramp_frame

    frame = ramp_frame(ctx.cycles)
    chart = charts.ramp_chart(frame, title="PDSA cycles by aim", as_of=ctx.as_of)
    counts = frame.groupby("aim").size()
    reading = "; ".join(f"{aim}: {n} cycle{'s' if n != 1 else ''}" for aim, n in counts.items())
    return Section(chart, reading + ".")
