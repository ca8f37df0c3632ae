"""Show notes -> chapter list (timeline parser)."""

from __future__ import annotations

from bisect import bisect_right

from .htmltext import flatten_notes
from .model import TimelineEntry
from .timestamps import TIMESTAMP_RE, match_to_ms

_STRIP = " \t-–—*•·|:：.,;；,、[]()【】（）"


def extract_chapters(notes: str, duration_ms: int | None = None) -> list[TimelineEntry]:
    """Chapters found in show notes (plain or HTML), sorted by start."""
    try:
        flat = flatten_notes(notes)
    except Exception:  # never raise on notes
        return []
    text = flat.text
    starts = [a for a, _ in flat.excluded]
    marks = []
    for m in TIMESTAMP_RE.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and flat.excluded[i][1] > m.start():
            continue
        marks.append(m)
    if len(marks) < 2:
        return []
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        title = text[m.end() : end].split("\n", 1)[0].strip(_STRIP)
        ms = match_to_ms(m)
        if duration_ms is not None and ms > duration_ms:
            continue
        out.append(TimelineEntry(ms, title, None))
    out.sort(key=lambda e: e.start_ms)
    return out
