"""The ``companion`` entry point: the window with no command (or ``gui``), else a command of the CLI.

It sits above both ``companion.cli`` and ``companion.app``, so the command line never imports the window.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from companion.cli.main import parse_args, run
from companion.library import default_library_path


def main(argv: Sequence[str] | None = None) -> int:
    """Open the window, or run the command the arguments name."""
    args = parse_args(argv)
    if args.command in (None, "gui"):
        return _window(args.library, args.targets)
    return run(args)


def _window(library: Path | None, texts: list[str]) -> int:
    """The window, or the hand-over to the one already open on the library: that is decided before
    Qt's widgets and the app are loaded, so a second launch is quick."""
    from companion.desktop.instance import claim_or_hand_over  # QtCore and QtNetwork only
    from companion.services.open_target import TargetError, parse_targets, target_json

    try:
        targets = parse_targets(texts)
    except TargetError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 2
    path = library or default_library_path()
    instance, code = claim_or_hand_over(path, [target_json(t) for t in targets])
    if code is not None:
        return code
    from companion.app import main as window_main  # Qt's widgets are loaded only for the window

    return window_main(["--library", str(path), *(t.value for t in targets)], instance=instance)
