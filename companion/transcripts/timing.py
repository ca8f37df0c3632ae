"""Times as transcripts write them: ``01:02:03.450``, ``1:01.460``, bare ``46.280``, a comma before the
milliseconds, hours past 99; and the timing line ``start --> end [settings]`` of WebVTT and SRT."""

from __future__ import annotations

import re

# hours, minutes, seconds, fraction: at most three colon-separated numbers, each short (no int
# conversion of a thousand digits); a fourth after a colon is a fraction (``00:00:01:500``)
_TIME = r"(?:(\d{1,7}):)?(?:(\d{1,7}):)?(\d{1,9})(?:[.,:](\d{1,9}))?"
TIME_RE = re.compile(rf"\s*{_TIME}\s*")
TIMING_RE = re.compile(rf"\s*{_TIME}\s*-+>\s*(?:{_TIME})?(?:\s+([^\d\s].*)|\s*)$")
# the timing line nearly every file has, read without the general pattern's backtracking
_USUAL_RE = re.compile(
    r"(\d{2,7}):([0-5]\d):([0-5]\d)[.,](\d{3}) --> (\d{2,7}):([0-5]\d):([0-5]\d)[.,](\d{3})(?:[ \t]|$)"
)
# what a broken timing line looks like: a short token with a digit before an arrow
TIMING_LIKE_RE = re.compile(r"\s*[^\s]{0,20}\d[^\s]{0,20}\s*-+>")


def time_ms(hours: str | None, minutes: str | None, seconds: str, fraction: str | None) -> int | None:
    """Milliseconds of the matched parts, or None when they are no time (seconds past 59 after a
    minute, minutes past 59 after an hour)."""
    if minutes is None and hours is not None:  # "1:01.460": the one number before seconds is minutes
        hours, minutes = None, hours
    m = int(minutes) if minutes is not None else 0
    s = int(seconds)
    if minutes is not None and s > 59:
        return None
    if hours is not None and m > 59:
        return None
    ms = ((int(hours or 0) * 60 + m) * 60 + s) * 1000
    if fraction:
        ms += int((fraction + "00")[:3])
    return ms


def parse_time(text: str) -> int | None:
    """A whole string as one time in milliseconds, or None."""
    match = TIME_RE.fullmatch(text)
    return time_ms(*match.groups()) if match else None


def parse_timing(line: str) -> tuple[int, int | None] | None:
    """``(start, end)`` of a timing line (end None when it is missing), or None when it is none."""
    usual = _USUAL_RE.match(line)
    if usual:
        h1, m1, s1, f1, h2, m2, s2, f2 = usual.groups()
        start = int(h1) * 3_600_000 + int(m1) * 60_000 + int(s1) * 1000 + int(f1)
        return start, int(h2) * 3_600_000 + int(m2) * 60_000 + int(s2) * 1000 + int(f2)
    match = TIMING_RE.match(line)
    if not match:
        return None
    groups = match.groups()
    start = time_ms(*groups[0:4])
    if start is None:
        return None
    end = time_ms(*groups[4:8]) if groups[6] is not None else None
    if groups[6] is not None and end is None:
        return None
    return start, end
