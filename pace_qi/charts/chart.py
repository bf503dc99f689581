"""`Chart`: what every pace-qi drawing function returns — a figure and its alt text together.

Why a small object and not a bare figure: a chart in a governance report must carry a text
alternative, and the easiest way to make sure it always does is to never hand out one without
the other. Displaying a `Chart` in a notebook gives a PNG whose output metadata carries the alt
text (`output.metadata["image/png"]["alt"]`), which the report template turns into `<img alt>`.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

PNG = "image/png"


@dataclass
class Chart:
    """A drawn chart (`figure`) and a plain-English description of it (`alt_text`).

    In a notebook, leave a `Chart` as the last expression of a cell (or call `show()`): IPython
    calls `_repr_mimebundle_`, which returns the PNG, the alt text as `text/plain`, and the
    metadata `{"image/png": {"alt": alt_text}}`.
    """

    figure: Figure
    alt_text: str
    _closed_png: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def closed(self) -> bool:
        """True once `close()` (or `show()`) has released the figure."""
        return self._closed_png is not None

    @property
    def ax(self) -> Axes:
        """The main axes (the first one added to the figure)."""
        return self.figure.axes[0]

    def png(self, dpi: int = 100) -> bytes:
        """The figure rendered as PNG bytes (after `close()`, the last rendering)."""
        if self._closed_png is not None:
            return self._closed_png
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi, metadata={"Description": self.alt_text})
        return buffer.getvalue()

    def save(self, path: str | Path, dpi: int = 150) -> Path:
        """Write the chart to `path` (format from the suffix: .png, .svg, .pdf)."""
        target = Path(path)
        self.figure.savefig(target, dpi=dpi)
        return target

    def close(self) -> None:
        """Release the figure (and forget it in pyplot, if pyplot knew it).

        The PNG is kept, so that a closed chart can still be displayed again.
        """
        import matplotlib.pyplot as plt

        if self._closed_png is None:
            self._closed_png = self.png()
        plt.close(self.figure)
        self.figure.clear()

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        """IPython's hook: the PNG (base64) and alt text, with the alt text in the metadata.

        IPython's `MimeBundleFormatter` accepts `(data, metadata)`; the notebook stores the
        metadata with the output, where nbconvert can read it.
        """
        data = {
            PNG: base64.b64encode(self.png()).decode("ascii"),
            "text/plain": self.alt_text,
        }
        return data, {PNG: {"alt": self.alt_text}}

    def show(self) -> None:
        """Display the chart with its alt text now, then close the figure.

        Use in the middle of a cell; a `Chart` that ends a cell displays itself.
        """
        from IPython.display import display

        data, metadata = self._repr_mimebundle_()
        display(data, metadata=metadata, raw=True)
        self.close()

    def __repr__(self) -> str:
        return f"Chart(alt_text={self.alt_text!r})"
