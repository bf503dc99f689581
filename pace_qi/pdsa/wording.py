"""Dates and numbers as the findings and the Study draft write them ("3 Sep to 26 Oct 2018")."""

from __future__ import annotations

import datetime as dt

import pandas as pd


def day(date: dt.date | pd.Timestamp) -> str:
    """'3 Sep 2018'."""
    stamp = pd.Timestamp(date)
    return f"{stamp.day} {stamp:%b %Y}"


def date_range(start: dt.date | pd.Timestamp, end: dt.date | pd.Timestamp, joiner: str) -> str:
    """'3 Sep and 26 Oct 2018' (joiner 'and'); the year is written once when both share it."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    left = f"{first.day} {first:%b}" if first.year == last.year else day(first)
    return f"{left} {joiner} {day(last)}"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 child', '3 children'."""
    word = noun if count == 1 else (many or noun + "s")
    return f"{count} {word}"


def percent(value: float) -> str:
    """71.4 -> '71%'."""
    return f"{value:.0f}%"


def weeks(value: float) -> str:
    """12.0 -> '12 weeks', 12.43 -> '12.4 weeks'."""
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return f"{text} weeks"
