"""The chapter value type produced by the show-notes parser, and a fast way to make one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One chapter found in show notes: start in ms, title, and its section heading."""

    start_ms: int
    title: str
    section: str | None = None


def _entry_factory() -> Callable[[int, str, str | None], TimelineEntry]:
    """TimelineEntry(start_ms, title, section) without the frozen dataclass's slow __init__
    (three object.__setattr__ calls): set the slots directly. Same objects, ~2x faster."""
    fields = ("start_ms", "title", "section")
    if getattr(TimelineEntry, "__slots__", None) != fields or hasattr(TimelineEntry, "__post_init__"):
        return TimelineEntry  # the model changed: use its own constructor
    new = object.__new__
    set_start, set_title, set_section = (getattr(TimelineEntry, name).__set__ for name in fields)

    def entry(start_ms: int, title: str, section: str | None) -> TimelineEntry:
        obj = new(TimelineEntry)
        set_start(obj, start_ms)
        set_title(obj, title)
        set_section(obj, section)
        return obj

    return entry


new_entry = _entry_factory()
