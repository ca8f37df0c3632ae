"""Small display formatters shared by the widgets: times, dates, progress (through QLocale)."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale

from companion.shownotes.timestamps import format_timestamp


def format_ms(ms: int | None) -> str:
    """``M:SS`` under an hour, ``H:MM:SS`` from an hour; empty for unknown."""
    if ms is None or ms < 0:
        return ""
    return format_timestamp(ms)


def format_date(epoch_s: int | None) -> str:
    """A local calendar date in the interface's locale: its short form (``2026/12/2`` in Chinese);
    English keeps ``2026-12-02``, which reads the same in every English-speaking country."""
    if epoch_s is None:
        return ""
    locale = QLocale()
    date = QDateTime.fromSecsSinceEpoch(int(epoch_s)).date()
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return date.toString("yyyy-MM-dd")
    return locale.toString(date, QLocale.FormatType.ShortFormat)
