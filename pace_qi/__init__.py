"""pace-qi: the PACE permanence quality-improvement toolkit."""

__version__ = "0.1.0"
