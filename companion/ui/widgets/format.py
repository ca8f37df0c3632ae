"""Small display formatters shared by the widgets: times, dates, progress."""

from __future__ import annotations

import datetime as dt

from companion.shownotes.timestamps import format_timestamp


def format_ms(ms: int | None) -> str:
    """``M:SS`` under an hour, ``H:MM:SS`` from an hour; empty for unknown."""
    if ms is None or ms < 0:
        return ""
    return format_timestamp(ms)


def format_date(epoch_s: int | None) -> str:
    """A local calendar date."""
    if epoch_s is None:
        return ""
    return dt.datetime.fromtimestamp(epoch_s).strftime("%Y-%m-%d")
