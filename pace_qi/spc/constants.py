"""Control-chart constants for subgroups of size n, from their exact gamma-function formulas.

Textbook tables round c4, A3, B3 and B4 to three or four digits; computing them exactly keeps
xbar and s chart limits equal to qicharts2's to floating-point precision.
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln


def c4(n: np.ndarray | float) -> np.ndarray:
    """Bias correction of the sample standard deviation: E[s] = c4(n)·σ (NaN for n ≤ 1)."""
    n = np.asarray(n, dtype=float)
    n = np.where(n > 1, n, np.nan)
    return np.sqrt(2.0 / (n - 1.0)) * np.exp(gammaln(n / 2.0) - gammaln((n - 1.0) / 2.0))


def c5(n: np.ndarray | float) -> np.ndarray:
    """Relative standard deviation of s: sd(s) = c5(n)·σ."""
    return np.sqrt(1.0 - c4(n) ** 2)


def a3(n: np.ndarray | float, sigmas: float = 3.0) -> np.ndarray:
    """xbar chart half-width in units of s̄: `sigmas / (c4(n)·√n)`."""
    n = np.asarray(n, dtype=float)
    return sigmas / (c4(n) * np.sqrt(np.where(n > 1, n, np.nan)))


def b3(n: np.ndarray | float, sigmas: float = 3.0) -> np.ndarray:
    """s chart lower limit factor, floored at 0."""
    return np.maximum(0.0, 1.0 - sigmas * c5(n) / c4(n))


def b4(n: np.ndarray | float, sigmas: float = 3.0) -> np.ndarray:
    """s chart upper limit factor."""
    return 1.0 + sigmas * c5(n) / c4(n)
