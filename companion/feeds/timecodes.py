"""Time values of feeds as milliseconds: itunes:duration in its forms and Podlove normal play time."""

from __future__ import annotations

import re

_CLOCK_RE = re.compile(r"^(?:(\d+):)?(?:(\d+):)?(\d+)(?:[.,](\d+))?$")
_UNITS_RE = re.compile(
    r"^(?:pt)?\s*(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in(?:utes?)?)?)?"
    r"\s*(?:(\d+(?:\.\d+)?)\s*s(?:ec(?:onds?)?)?)?$"
)
_MAX_MS = 1000 * 3600 * 24 * 365  # a year: anything longer is a typo


def _fraction_ms(digits: str | None) -> int:
    return int((digits or "0")[:3].ljust(3, "0"))


def parse_clock_ms(text: str | None) -> int | None:
    """``H:MM:SS``, ``M:SS``, ``SS`` with an optional ``.fff`` fraction, as ms; None when unreadable.

    This is Podlove's normal play time: ``01:35:52``, ``7:48``, ``35:12.250`` and a bare ``37``.
    """
    if text is None:
        return None
    match = _CLOCK_RE.match(text.strip())
    if not match:
        return None
    first, second, last, frac = match.groups()
    parts = [int(p) for p in (first, second, last) if p is not None]
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    total = seconds * 1000 + _fraction_ms(frac)
    return total if total <= _MAX_MS else None


def parse_duration_ms(text: str | None) -> int | None:
    """An ``itunes:duration`` as ms: seconds (``3723``, ``3723.5``), clock forms, ``1h2m3s``, ``PT1H2M3S``.

    None for empty, zero or unreadable values.
    """
    if not text:
        return None
    value = text.strip().lower()
    if not value:
        return None
    ms = parse_clock_ms(value)
    if ms is None:
        match = _UNITS_RE.match(value)
        if match and any(match.groups()):
            hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
            ms = int(round((hours * 3600 + minutes * 60 + seconds) * 1000))
            if ms > _MAX_MS:
                ms = None
    return ms or None


def seconds_to_ms(value: object) -> int | None:
    """JSON seconds (``startTime: 83.456``) as ms, kept to the millisecond; None if not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    if seconds != seconds or seconds < 0 or seconds * 1000 > _MAX_MS:  # NaN, negative, absurd
        return None
    return int(round(seconds * 1000))
