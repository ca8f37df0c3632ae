"""The ``companion`` entry point: the window with no command (or ``gui``), else a command of the CLI.

It sits above both ``companion.cli`` and ``companion.app``, so the command line never imports the window.
"""

from __future__ import annotations

from collections.abc import Sequence

from companion.cli.main import parse_args, run


def main(argv: Sequence[str] | None = None) -> int:
    """Open the window, or run the command the arguments name."""
    args = parse_args(argv)
    if args.command in (None, "gui"):
        from companion.app import main as window_main  # Qt is loaded only for the window

        argv = ["--library", str(args.library)] if args.library else []
        return window_main([*argv, args.target] if args.target else argv)
    return run(args)
