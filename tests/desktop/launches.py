"""Second launches of the app as real processes, waited for while the test's Qt loop turns."""

from __future__ import annotations

import subprocess
from pathlib import Path

from procs import companion_argv, program_env


def launch(library_path: Path, *args: str, cwd: Path | None = None, **env: str) -> subprocess.Popen:
    """``companion --library PATH ARGS`` in its own process (offscreen, VLC silent)."""
    extra = {"QT_QPA_PLATFORM": "offscreen", "COMPANION_VLC_ARGS": "--aout=dummy", **env}
    return subprocess.Popen(
        companion_argv(library_path, *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=program_env(**extra),
        cwd=cwd,
    )


def finish(qtbot, proc: subprocess.Popen, timeout_ms: int = 60_000) -> tuple[int, str, str]:
    """Wait for a launch to end while this process's Qt loop turns (the window answers it)."""
    try:
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=timeout_ms)
    finally:
        if proc.poll() is None:
            proc.kill()
    out, err = proc.communicate()
    return proc.returncode, out, err
