"""Small display formatters shared by the widgets: times, dates, progress."""

from __future__ import annotations

import datetime as dt


def format_ms(ms: int | None) -> str:
    """``M:SS`` under an hour, ``H:MM:SS`` from an hour; empty for unknown."""
    if ms is None or ms < 0:
        return ""
    seconds = int(ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_date(epoch_s: int | None) -> str:
    """A local calendar date."""
    if epoch_s is None:
        return ""
    return dt.datetime.fromtimestamp(epoch_s).strftime("%Y-%m-%d")
