"""Small and read-only disks for tests: a tmpfs mounted for the test, immutable files and folders."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def small_disk(mount_point: Path, size_kib: int) -> Iterator[Path | None]:
    """A tmpfs of ``size_kib`` at ``mount_point``; None when this machine does not let us mount one
    (not root): the tests then limit the size of files a process may write (RLIMIT_FSIZE)."""
    mount_point.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        yield None
        return
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def remount(mount_point: Path, mode: str) -> None:
    """Make the tmpfs at ``mount_point`` read-only (``ro``) or writable again (``rw``)."""
    subprocess.run(["mount", "-o", f"remount,{mode}", str(mount_point)], check=True)


def fill(mount_point: Path, leave_kib: int) -> Path:
    """Fill the disk at ``mount_point`` until ``leave_kib`` KiB are left; returns the filler file."""
    filler = mount_point / "filler.bin"
    stat = os.statvfs(mount_point)
    free_kib = stat.f_bavail * stat.f_frsize // 1024
    chunk = b"\0" * 1024 * 64
    with open(filler, "ab") as out:
        left = max(0, free_kib - leave_kib) * 1024
        while left > 0:
            try:
                out.write(chunk[: min(len(chunk), left)])
                out.flush()
            except OSError:
                break
            left -= min(len(chunk), left)
    return filler


def limit_file_size(limit_bytes: int):
    """A preexec_fn: the process may not make any file bigger than ``limit_bytes`` (writes past it
    fail with EFBIG instead of killing the process)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return apply


@contextlib.contextmanager
def file_size_limit_here(limit_bytes: int) -> Iterator[None]:
    """This process may not make any file bigger than ``limit_bytes`` while inside."""
    before = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, before[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, before)
        signal.signal(signal.SIGXFSZ, handler)


@contextlib.contextmanager
def read_only(target: Path) -> Iterator[str]:
    """Make a file or folder impossible to write, for root too (``chattr +i``), or by its mode bits
    where chattr cannot be used (which stops anyone but root). Yields how."""
    how = "chattr"
    if subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode != 0:
        how = "chmod"
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
    try:
        assert not os.access(target, os.W_OK), f"{target} could not be made read-only here"
        yield how
    finally:
        if how == "chattr":
            subprocess.run(["chattr", "-i", str(target)], check=True)
        else:
            target.chmod(mode)
