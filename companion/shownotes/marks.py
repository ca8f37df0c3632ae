"""Timestamp marks in flattened notes: where each timestamp is, outside links, and its milliseconds."""

from __future__ import annotations

import re
from bisect import bisect_right

from .timestamps import _ASCII_ALNUM, _BAD_BEFORE, _CLOCK_SET, SCAN_RE

_RANGE_GAP_RE = re.compile(r"\s*(?:[-–—~～至到]|to)\s*", re.IGNORECASE)
_REPEAT_GAP = " \t\u3000\u00a0()[]（）【】*|-–—:："
_scan_iter = SCAN_RE.finditer
_MS_OF: dict[str, int] = {}  # timestamp text -> ms
_MS_CACHE_SIZE = 20_000
_CLOCK_LAST = frozenset(word[-1] for word in _CLOCK_SET)  # cheap test before the slices


def find_marks(
    text: str,
    excluded: tuple[tuple[int, int], ...],
    clocked: list[int] | None = None,
    limit: int = 1 << 62,
) -> list[tuple[int, int, int]]:
    """Timestamps outside links/URLs as (start, end, ms), with range ends ("00:00-05:00")
    folded into their start; where a time follows a clock word and a space ("夜里 00:00") is
    added to clocked when given. Only the first ``limit`` marks are returned.

    Long on purpose: the inner loop of timeline extraction (``extract_mb_per_s`` in make bench),
    written as one function so it makes no call per timestamp; splitting it costs measurable speed.
    """
    # timestamp_matches and match_to_ms inlined: this loop runs once per timestamp.
    starts = [a for a, _ in excluded]
    marks: list[tuple[int, int, int]] = []
    # SCAN_RE.finditer over the stretch from the first colon to the last one (a match starts at
    # most 3 digits before its colon and its look-ahead reads at most 13 characters past the
    # last colon): the same matches as over the whole text, without scanning the prose around.
    find = text.find
    first = find(":")
    wide = find("：")
    if first < 0 or 0 <= wide < first:
        first = wide
    if first < 0:
        return marks
    last = max(text.rfind(":"), text.rfind("："))
    append = marks.append
    ms_of = _MS_OF
    prev_start = prev_end = prev_ms = -1  # the last mark, appended once its range end is known
    for m in _scan_iter(text, first - 3 if first > 3 else 0, last + 32):
        start, end = m.span()
        if start:  # the look-behind rules of timestamp_matches, inlined
            before = text[start - 1]
            if before in _BAD_BEFORE or (before == "：" and start >= 2 and text[start - 2] in _ASCII_ALNUM):
                continue
            if (
                start >= 2
                and (before in _CLOCK_LAST or (before == " " and text[start - 2] in _CLOCK_LAST))
                and (
                    text[start - 2 : start] in _CLOCK_SET
                    or (before == " " and text[start - 3 : start - 1] in _CLOCK_SET)
                )
            ):
                if before == " " and clocked is not None:
                    clocked.append(start)
                continue
        if starts:
            i = bisect_right(starts, start) - 1
            if i >= 0 and excluded[i][1] > start:
                continue
        # The matched text alone fixes the groups, so its ms value is cached (bounded).
        stamp = text[start:end]
        ms = ms_of.get(stamp, -1)
        if ms < 0:
            hours, minutes, seconds, frac = m.groups()
            if seconds is not None:
                ms = (int(hours) * 3600 + int(minutes) * 60 + int(seconds)) * 1000
            else:
                ms = (int(hours) * 60 + int(minutes)) * 1000
            if frac:
                ms += int(frac.ljust(3, "0"))
            if len(ms_of) >= _MS_CACHE_SIZE:
                ms_of.clear()
            ms_of[stamp] = ms
        # "00:00-05:00 Intro": the range end is not a chapter of its own; nor is the same time
        # written twice in a row ("[00:00](#t=00:00) 00:00 Intro", a link and then its text).
        if (
            0 < start - prev_end <= 5
            and prev_start >= 0
            and (
                _RANGE_GAP_RE.fullmatch(text, prev_end, start)
                or (ms == prev_ms and not text[prev_end:start].strip(_REPEAT_GAP))
            )
        ):
            prev_end = end
            continue
        if prev_start >= 0:
            append((prev_start, prev_end, prev_ms))
            if len(marks) >= limit:
                return marks
        prev_ms = ms
        prev_start = start
        prev_end = end
    if prev_start >= 0:
        append((prev_start, prev_end, prev_ms))
    return marks
