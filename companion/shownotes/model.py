"""The chapter value type produced by the show-notes parser."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One chapter found in show notes: start in ms, title, and its section heading."""

    start_ms: int
    title: str
    section: str | None = None
