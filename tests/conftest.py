"""Test-suite settings shared by every test file."""

from __future__ import annotations

import os

from hypothesis import settings

# In CI the property tests draw the same examples on every run, so a red build always means
# a change in the code, never a new random draw; locally they keep exploring.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
