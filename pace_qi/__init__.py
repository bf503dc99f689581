"""pace-qi: the PACE permanence quality-improvement toolkit."""

__version__ = "0.1.0"

from pace_qi.record import record  # noqa: E402  (the one call every notebook makes)

__all__ = ["__version__", "record"]
