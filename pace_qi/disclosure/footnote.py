"""The standard footnote under every protected table or chart, in plain English.

The footnote always states the rule (symbol and threshold), so a reader knows what `c` means
even in a table where nothing needed hiding; further sentences appear only when their rule was
applied (secondary suppression, percentages, rounding, "not available").
"""

from __future__ import annotations

from pace_qi.disclosure.settings import DisclosureSettings

#: The UK government statistics symbol for "not available".
MISSING_SYMBOL = "x"


def footnote(
    settings: DisclosureSettings,
    *,
    unit: str = "children",
    secondary: bool = False,
    percents: bool = False,
    statistics: bool = False,
    rounded: bool = False,
    missing: bool = False,
    chart: bool = False,
) -> str:
    """The footnote text: one sentence per rule that applies (`chart`: worded for a chart)."""
    if chart:
        return _chart_footnote(settings, unit=unit, rounded=rounded)
    symbol = settings.symbol
    largest = settings.largest_hidden
    sentences = []
    if largest == 0:
        sentences.append("No numbers are hidden for being small.")
    elif largest == 1:
        sentences.append(
            f"{symbol} = a count of 1: numbers this small are hidden to protect "
            "confidentiality. 0 means none."
        )
    else:
        sentences.append(
            f"{symbol} = between 1 and {largest} {unit}: numbers this small are hidden "
            "to protect confidentiality. 0 means none."
        )
    if secondary:
        sentences.append(
            f"Some larger numbers are also shown as {symbol} so that the hidden numbers "
            "cannot be worked out from the totals."
        )
    if percents:
        sentences.append(
            f"A percentage is shown as {symbol} when a number it is based on is hidden, when "
            f"fewer than {settings.min_denominator} {unit} are behind it, or when it would "
            "give away a small number."
        )
    if statistics:
        sentences.append(
            f"A figure about a group (such as a median) is shown as {symbol} when fewer than "
            f"{settings.min_denominator} {unit} are in the group."
        )
    if rounded:
        sentences.append(
            f"Numbers are rounded to the nearest {settings.round_to}, and totals are rounded "
            "on their own, so parts may not add up to the total. Percentages are worked out "
            "from the rounded numbers."
        )
    if missing:
        sentences.append(f"{MISSING_SYMBOL} = not available.")
    return " ".join(sentences)


def _chart_footnote(settings: DisclosureSettings, *, unit: str, rounded: bool) -> str:
    """The footnote under a governance chart, where a hidden point is a gap in the line."""
    sentences = []
    if settings.largest_hidden > 0:
        sentences.append(
            f"Points based on between 1 and {settings.largest_hidden} {unit} are left out "
            "(a gap in the line) to protect confidentiality."
        )
    sentences.append(
        f"A point is also left out when fewer than {settings.min_denominator} {unit} are "
        "behind it, or when it would give away a small number."
    )
    if rounded:
        sentences.append(
            f"Percentages are worked out from numbers rounded to the nearest {settings.round_to}."
        )
    return " ".join(sentences)
