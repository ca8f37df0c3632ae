"""What the companion command prints: no control character from a feed ever reaches the terminal.

A title, a note or a feed's error text may hold terminal controls (ESC ] 0; … sets the window
title, ESC [ 2 J clears the screen, the one-character C1 CSI does the same in one code point) or
bidi overrides that make text read backwards. Every human-readable line goes through
``CleanStream``, installed over stdout and stderr for the whole command by ``clean_output``;
JSON keeps every character, escaped (``\\u009b``), so it stays exact and valid.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from companion.services.json_text import CONTROLS, escape_json_controls, json_text

__all__ = ["CONTROLS", "CleanStream", "clean", "clean_output", "escape_json_controls", "print_json"]


def clean(text: str) -> str:
    """``text`` without control characters (tab and newline kept)."""
    return CONTROLS.sub("", text)


class CleanStream(io.TextIOBase):
    """A text stream that writes to another with control characters taken out."""

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(clean(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")


@contextlib.contextmanager
def clean_output() -> Iterator[None]:
    """Everything written to stdout and stderr inside is cleaned (see CleanStream)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = CleanStream(out), CleanStream(err)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = out, err


def terminal_control(sequence: str, stream: TextIO | None = None) -> None:
    """Write a control sequence of our own (``\\r``, erase line) as it is, past the cleaning."""
    stream = stream or sys.stdout
    raw = stream.raw if isinstance(stream, CleanStream) else stream
    raw.write(sequence)
    raw.flush()


def print_json(value: Any) -> None:
    """``value`` as indented JSON on stdout, control characters escaped (``json_text``)."""
    sys.stdout.write(json_text(value))
