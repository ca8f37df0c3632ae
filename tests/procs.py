"""Helpers for tests with more than one process on a library: the companion command, a lock holder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import companion

# A second process that holds the library's write lock (as the window does while it stores a
# refresh) for argv[2] seconds, writing to a table with search triggers; says "locked" once it has it.
HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE episodes SET title = title || ' ' WHERE id = (SELECT min(id) FROM episodes)")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


# the code under test, whatever the subprocess's working directory
SOURCE_ROOT = Path(companion.__file__).resolve().parent.parent


def program_env(**extra: str) -> dict[str, str]:
    """The environment for a companion subprocess: the code under test, never the user's library,
    ``extra`` added."""
    env = {k: v for k, v in os.environ.items() if k not in ("COMPANION_LIBRARY", "COMPANION_BUSY_TIMEOUT_MS")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE_ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def companion_argv(library_path: Path, *args: str) -> list[str]:
    """The command line of ``companion --library PATH ARGS``."""
    return [sys.executable, "-m", "companion", "--library", str(library_path), *args]


def run_companion(
    library_path: Path, *args: str, timeout: float = 60, **env: str
) -> subprocess.CompletedProcess:
    """Run ``companion --library PATH ARGS`` in its own process."""
    return subprocess.run(
        companion_argv(library_path, *args),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=program_env(**env),
        timeout=timeout,
    )


def hold_write_lock(library_path: Path, seconds: float) -> subprocess.Popen:
    """Start a process holding the write lock for ``seconds``; returns once it has the lock."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(library_path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc
