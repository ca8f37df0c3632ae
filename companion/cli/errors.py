"""The command's own error (a problem printed as one line, exit status 1), and its texts' context."""

from __future__ import annotations

from companion.i18n import Tr


class CliError(Exception):
    """A problem to print as one line and exit 1."""


class Cli:
    """The context of the command's human-readable texts: ``Cli.tr("...")`` (see companion.i18n)."""

    tr = Tr()
