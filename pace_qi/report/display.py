"""Showing text and tables in a report: plain HTML, no index, numbers formatted for people."""

from __future__ import annotations

import html

import pandas as pd


def show_markdown(text: str) -> None:
    from IPython.display import Markdown, display

    display(Markdown(text))


def table_html(frame: pd.DataFrame, caption: str | None = None, footnote: str | None = None) -> str:
    """A table as HTML without the index, with an optional caption and footnote."""
    body = frame.to_html(index=False, na_rep="", border=0, escape=True,
                         float_format=lambda v: f"{v:,.1f}")
    cap = f"<p><strong>{html.escape(caption)}</strong></p>" if caption else ""
    note = f'<p style="font-size:0.85em">{html.escape(footnote)}</p>' if footnote else ""
    return cap + body + note


def show_table(
    frame: pd.DataFrame, caption: str | None = None, footnote: str | None = None
) -> None:
    from IPython.display import HTML, display

    display(HTML(table_html(frame, caption, footnote)))


def show_html(text: str) -> None:
    from IPython.display import HTML, display

    display(HTML(text))


def show_section(section) -> None:
    """A report section: its chart (with alt text), its reading, then its numbers."""
    if section.chart is not None:
        section.chart.show()
    show_markdown(section.reading)
    if section.table is not None:
        show_table(section.table, footnote=section.footnote)


def show_synthetic_notice(ctx) -> None:
    if ctx.synthetic:
        show_markdown("**SYNTHETIC data**: made-up children for demonstration, not real people.")


def percent_text(value: float | None) -> str:
    return "not available" if value is None or pd.isna(value) else f"{value:.0f}%"
