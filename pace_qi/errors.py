"""Errors that the user can act on.

A `UserFacingError` carries a message written for the person running the tool: it names the
file, the problem and the fix. The command line prints it on one line and exits with its
`exit_code`; it never shows a traceback.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message is meant for the user, not the developer."""

    exit_code: int = 2

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputFileError(UserFacingError):
    """A whole-file problem with the data extract or a mapping file (exit status 2)."""


class ParameterFileError(UserFacingError):
    """A parameter file (params/*.yml) that cannot be used as written (exit status 2)."""
