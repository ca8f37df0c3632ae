"""The command's own error: a problem printed as one line, exit status 1."""

from __future__ import annotations


class CliError(Exception):
    """A problem to print as one line and exit 1."""
