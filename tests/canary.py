"""A canary file that says whether anything in this process opened or read it (Linux inotify)."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

IN_ACCESS = 0x001
IN_OPEN = 0x020


class Canary:
    """A file at ``path`` watched from now on; ``touched()`` is True once anyone opened or read it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.write_bytes(b"\x89PNG\r\n\x1a\n canary")  # looks enough like an image to be worth reading
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        if self._libc.inotify_add_watch(self._fd, os.fsencode(path), IN_OPEN | IN_ACCESS) < 0:
            raise OSError(ctypes.get_errno(), f"cannot watch {path}")
        self._touched = False

    @property
    def url(self) -> str:
        """``file:///…/canary.png``"""
        return self.path.as_uri()

    def touched(self) -> bool:
        """True when the file was opened or read since the watch began."""
        try:
            while os.read(self._fd, 4096):
                self._touched = True
        except BlockingIOError:
            pass
        return self._touched

    def close(self) -> None:
        """Stop watching."""
        os.close(self._fd)
