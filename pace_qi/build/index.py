"""The build's front pages: `OUT/index.html` and one index per audience folder.

Plain HTML written here (no template engine needed): every report with its audience, status,
headline number and link; failed jobs say what failed in plain words. No external URLs.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from pace_qi.build.execute import Outcome
from pace_qi.build.jobs import AUDIENCE_LABELS

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; font-size: 16px;
       max-width: 60em; margin: 2em auto; padding: 0 1em; color: #0b0c0c; }
h1 { color: #12436D; } table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4em 0.6em; border-bottom: 1px solid #ccc;
         vertical-align: top; }
.failed { color: #801650; font-weight: bold; }
.synthetic { background: #F46A25; padding: 0.3em 0.6em; font-weight: bold; display: inline-block; }
"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1.0">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def _rows(outcomes: Iterable[Outcome], prefix: str) -> str:
    rows = []
    for o in outcomes:
        name = html.escape(o.title)
        link = (f'<a href="{html.escape(prefix + o.html.split("/", 1)[1])}">{name}</a>'
                if o.html else name)
        headline = html.escape(str(o.records.get("headline", "")))
        status = (f'<span class="failed">failed: {html.escape(o.error or "")}</span>'
                  if o.status == "failed" else html.escape(o.status))
        rows.append(f"<tr><td>{link}</td><td>{html.escape(AUDIENCE_LABELS[o.audience])}</td>"
                    f"<td>{headline}</td><td>{status}</td></tr>")
    return ("<table><thead><tr><th>Report</th><th>Audience</th><th>Headline</th>"
            "<th>Status</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _banner(context: dict[str, object]) -> str:
    synthetic = ('<p class="synthetic">SYNTHETIC DATA: made-up children for demonstration</p>'
                 if context.get("synthetic") else "")
    return (f"{synthetic}<p>{html.escape(str(context.get('organisation', '')))}. Data as at "
            f"{html.escape(str(context.get('as_of', '')))}; built "
            f"{html.escape(str(context.get('built', '')))} by pace-qi "
            f"{html.escape(str(context.get('version', '')))}.</p>")


def audience_index(audience: str, outcomes: list[Outcome], context: dict[str, object]) -> str:
    mine = [o for o in outcomes if o.audience == audience]
    title = f"PACE reports: {AUDIENCE_LABELS[audience]}"
    return _page(title, f"<h1>{html.escape(title)}</h1>{_banner(context)}{_rows(mine, '')}")


def top_index(outcomes: list[Outcome], context: dict[str, object]) -> str:
    audiences = sorted({o.audience for o in outcomes})
    links = "".join(f'<li><a href="{a}/index.html">{html.escape(AUDIENCE_LABELS[a])}</a></li>'
                    for a in audiences)
    body = (f"<h1>PACE permanence QI reports</h1>{_banner(context)}<ul>{links}</ul>"
            + "".join(f"<h2>{html.escape(AUDIENCE_LABELS[a])}</h2>"
                      + _rows([o for o in outcomes if o.audience == a], f"{a}/")
                      for a in audiences))
    return _page("PACE permanence QI reports", body)
