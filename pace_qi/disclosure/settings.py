"""The disclosure-control settings, as they appear under `disclosure:` in `params/project.yml`.

The defaults suit a small authority such as Moray, where a count of 2 can identify a child:
counts from 1 to 5 are hidden (Moray's own FOI practice redacts "numbers of 5 or less"), a
percentage needs at least 10 children behind it, and nothing is rounded unless asked.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field, model_validator


class DisclosureSettings(BaseModel):
    """How small numbers are protected in governance tables and charts.

    - `threshold`, `inclusive`: counts from 1 up to `threshold` (inclusive) or up to
      `threshold - 1` (not inclusive) are shown as `symbol`. Zero is always shown as 0.
    - `min_denominator`: a percentage is hidden when fewer than this many are behind it.
    - `round_to`: when set (usually 5), every count that is shown is rounded to the nearest
      multiple, halves upwards; totals are rounded on their own.
    - `rollup_share`: a monthly chart or table is shown by quarter when more than this share of
      its monthly numbers would be hidden.
    - `symbol`: what a hidden number is shown as (`c`, the UK government statistics symbol
      for "confidential").
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    threshold: int = Field(default=5, ge=0)
    inclusive: bool = True
    min_denominator: int = Field(default=10, ge=0)
    round_to: int | None = Field(default=None, ge=2)
    rollup_share: float = Field(default=0.5, ge=0.0, le=1.0)
    symbol: str = Field(default="c", min_length=1)

    @property
    def largest_hidden(self) -> int:
        """The largest count that is hidden (0 when nothing is hidden)."""
        return max(self.threshold if self.inclusive else self.threshold - 1, 0)

    @model_validator(mode="after")
    def _rounding_never_shows_a_hidden_count_as_zero(self) -> DisclosureSettings:
        """A count that rounds to 0 but is not 0 must already be hidden.

        Otherwise a reader would see 0 for a group that has children in it, which is both
        wrong and, next to its total, revealing.
        """
        if self.round_to is not None:
            largest_rounding_to_zero = math.ceil(self.round_to / 2) - 1
            if largest_rounding_to_zero > self.largest_hidden:
                raise ValueError(
                    f"round_to={self.round_to} would show counts up to "
                    f"{largest_rounding_to_zero} as 0, but only counts up to "
                    f"{self.largest_hidden} are hidden: raise the threshold or round to a "
                    "smaller multiple"
                )
        return self
