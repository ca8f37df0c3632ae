"""Show notes -> chapter list: find the timelines; read those flattened onto one line (lines.py the rest)."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise
from operator import attrgetter

from .cues import clock_word_marks, flat_is_prose, frame_marks
from .htmltext import flatten_notes
from .limits import MAX_CHAPTERS, MAX_MARKS, MAX_READ_CHARS
from .lines import line_timeline
from .markers import LABEL_COLON_RE, LABEL_RE, SECTION_MARK_RE, SEPARATOR_RE, TRAILER_RE, cut_trailer
from .marks import find_marks as _find_marks
from .model import TimelineEntry, new_entry
from .titles import CN_NUMBER_RE, LEAD_CHARS, MAX_HEADING, NUMBERING_RE, clean, is_bare

_MAX_GAP_CHARS = 1500
_MAX_GAP_LINES = 6
_MAX_LIST_LINES = 24  # untimed points between two entries
_MAX_ITEM = 60
_MAX_HEADING = MAX_HEADING
_PRE_WINDOW = 240

_SENTENCE_END_RE = re.compile(r"[。！？!?]|\.(?=\s)")
_STRONG_GAP_RE = re.compile(r"(?<=[\u3400-\u9fff。！？!?；;）)」』》”])\s+(?=[\u3400-\u9fff“「『《（(])")
_CLOSE_QUOTE_RE = re.compile(r"[」』”》】)）]")
_entry = new_entry
_by_start = attrgetter("start_ms")


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def _clusters(text: str, marks: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    groups: list[list[tuple[int, int, int]]] = []
    group: list[tuple[int, int, int]] = []
    prev_end = 0
    count = text.count
    for mark in marks:
        start = mark[0]
        gap = start - prev_end  # a gap of at most _MAX_GAP_LINES characters has no more newlines
        if (
            not group
            or gap > _MAX_GAP_CHARS
            or (
                gap > _MAX_GAP_LINES
                and count("\n", prev_end, start) > _MAX_GAP_LINES
                and not _list_gap(text, prev_end, start)
            )
        ):
            group = [mark]
            groups.append(group)
        else:
            group.append(mark)
        prev_end = mark[1]
    return groups


def _list_gap(text: str, start: int, end: int) -> bool:
    """True when the lines between two timestamps are few, or short like the points of a list
    under an entry (HTML writes blank lines around every paragraph and item)."""
    lines = [line for line in text[start:end].split("\n") if line.strip()]
    if len(lines) <= _MAX_GAP_LINES:
        return True
    return len(lines) <= _MAX_LIST_LINES and all(len(line.strip()) <= _MAX_ITEM for line in lines)


def _looks_like_list(text: str, group: list[tuple[int, int, int]]) -> bool:
    if len(group) < 2:
        return False
    if len(group) >= 3 or group[0][2] == 0:
        return True
    edges = 0
    for i, (start, end, _) in enumerate(group):
        line_start, line_end = _line_bounds(text, start)
        if is_bare(text[line_start:start]):
            edges += 2 if i == 0 else 1  # a line that opens with a timestamp lists them
        elif is_bare(text[end:line_end]):
            edges += 1
    return edges >= 2


def _split_pieces(line: str) -> list[tuple[str | None, str]]:
    """Split a flattened line at section markers: [(kind, text), ...], first kind None."""
    if SECTION_MARK_RE.search(line) is None:
        return [(None, line)]
    pieces: list[tuple[str | None, str]] = []
    kind: str | None = None
    pos = 0
    for m in SECTION_MARK_RE.finditer(line):
        if m.group("part") and kind not in (None, "part") and not line[pos : m.start()].strip():
            continue  # "- 第一部分 ...": one heading, marked twice
        pieces.append((kind, line[pos : m.start()]))
        if m.group("bullet"):
            kind, pos = m.group("bullet"), m.end()
        else:  # Part N, 第N部分, 【…】: the marker is part of the heading
            kind, pos = "part", m.start() + 1
    pieces.append((kind, line[pos:]))
    return pieces


def _first_heading(pre: str) -> tuple[str | None, str | None]:
    """Heading before the first timestamp of a flattened timeline, and its marker kind."""
    pre = pre[-_PRE_WINDOW:]  # label and heading sit right before the first timestamp
    label = None
    for found in LABEL_RE.finditer(pre):
        label = found
    if label is not None:
        pre = pre[label.end() :]
    pieces = _split_pieces(" " + pre)
    kind, last = pieces[-1]
    if kind is not None:
        heading = clean(last, _MAX_HEADING * 2)
        if heading and len(heading) <= _MAX_HEADING:
            return heading, kind
        return None, kind
    if label is None:
        ends = list(_SENTENCE_END_RE.finditer(pre))
        if not ends:
            return None, None
        tail = pre[ends[-1].end() :]
        if not tail[:1].isspace():
            return None, None
        heading = clean(tail)
        return (heading, "plain") if heading and len(heading) <= 30 else (None, None)
    heading = clean(pre)
    return (heading, "plain") if heading and len(heading) <= _MAX_HEADING else (None, None)


def _split_flat(segment: str, mode: str | None, last: bool) -> tuple[str, str | None]:
    """Title and following section heading of one flattened segment."""
    segment = segment.lstrip(LEAD_CHARS)
    if last:
        return clean(cut_trailer(segment)), None
    sep = None
    if "--" in segment or "==" in segment or "__" in segment or "~~" in segment:
        sep = SEPARATOR_RE.search(segment)
    title = segment
    section = None
    if SECTION_MARK_RE.search(segment) is not None:  # _split_pieces gives more than one piece
        pieces = _split_pieces(segment)
        title = pieces[0][1]
        kind, tail = pieces[-1]
        if mode is None or mode == "plain" or kind in (mode, "part"):
            section = clean(tail, _MAX_HEADING * 2) or None
    elif mode == "plain":
        gaps = list(_STRONG_GAP_RE.finditer(title))
        if gaps:
            section = clean(title[gaps[-1].end() :], _MAX_HEADING * 2) or None
            title = title[: gaps[-1].start()]
    if sep is not None and sep.start() < len(title):
        title = title[: sep.start()]
    if section is not None and len(section) > _MAX_HEADING:
        section = None
    return clean(title), section


def _timeline(text: str, group: list[tuple[int, int, int]]) -> list[TimelineEntry]:
    """Chapters of a timeline flattened onto one line: titles after the timestamps (or, when
    nothing but a trailer follows the last one, before them), sections from markers."""
    first_start = group[0][0]
    line_start = text.rfind("\n", 0, first_start) + 1
    pre = text[line_start:first_start]
    before = _titles_before(text, group, pre)
    if before is not None:
        return [_entry(ms, title, None) for (_, _, ms), title in zip(group, before, strict=True)]
    section, mode = _first_heading(pre)
    out: list[TimelineEntry] = []
    append = out.append
    entry = _entry
    last_index = len(group) - 1
    for i, (_, end, ms) in enumerate(group):
        last = i == last_index
        if last:
            stop = text.find("\n", end)
            segment = text[end:] if stop < 0 else text[end:stop]
        else:
            segment = text[end : group[i + 1][0]]
        title, heading = _split_flat(segment, mode, last)
        append(entry(ms, title, section))
        if heading is not None:
            section = heading
    return out


def _titles_before(text: str, group: list[tuple[int, int, int]], pre: str) -> list[str] | None:
    """Titles in front of the timestamps of a flattened line ("一 打包 00:00 二 找房子 12:30 …
    相关链接"), when nothing but a trailer follows the last timestamp; None otherwise."""
    end = group[-1][1]
    stop = text.find("\n", end)
    rest = (text[end:] if stop < 0 else text[end:stop]).strip()
    if rest and TRAILER_RE.match(rest) is None:
        return None
    ends = list(_SENTENCE_END_RE.finditer(pre)) + list(_CLOSE_QUOTE_RE.finditer(pre))
    first = pre[max(found.end() for found in ends) :] if ends else pre
    for label in LABEL_RE.finditer(first):
        first = first[label.end() :]
    pieces = [first] + [text[a_end:b_start] for (_, a_end, _), (b_start, _, _) in pairwise(group)]
    titles = [clean(CN_NUMBER_RE.sub("", NUMBERING_RE.sub("", piece, count=1), count=1)) for piece in pieces]
    if not titles[0] or len(titles[0]) > 40 or not all(titles):
        return None
    return titles


def _labelled(text: str, run: list[tuple[int, int, int]]) -> bool:
    """True when a label ("时间线跳转:", "Chapters:") opens the run: a timeline, not prose."""
    return LABEL_COLON_RE.search(text, max(0, run[0][0] - 40), run[0][0]) is not None


def _flat_run(text: str, group: list[tuple[int, int, int]]) -> list[tuple[int, int, int]] | None:
    """The marks of a timeline flattened onto one line: the whole group when it is one line, or
    the line holding two thirds of its marks (at least three); None for a timeline of lines."""
    if text.find("\n", group[0][0], group[-1][0]) < 0:
        return group
    if len(group) < 3:
        return None
    # The marks of one line are consecutive in the group, so a line holding more than half of
    # them holds the middle one: count the marks on the middle mark's line.
    middle = group[len(group) // 2][0]
    line_start = text.rfind("\n", 0, middle) + 1
    line_end = text.find("\n", middle)
    if line_end < 0:
        line_end = len(text)
    starts = [mark[0] for mark in group]
    first = bisect_left(starts, line_start)
    run = group[first : bisect_left(starts, line_end)]
    return run if len(run) >= 3 and 3 * len(run) >= 2 * len(group) else None


def _extract(notes: str, duration_ms: int | None) -> list[TimelineEntry]:
    if notes.count(":") + notes.count("：") < 2 and "&" not in notes:
        return []  # every timestamp has a colon (an HTML entity could spell one)
    flat = flatten_notes(notes)
    text = flat.text
    clocked: list[int] = []
    marks = _find_marks(text, flat.excluded, clocked, MAX_MARKS)
    if len(marks) < 2:
        return []
    entries: list[TimelineEntry] = []
    for group in _clusters(text, marks):
        # "we talk about 12:30 today. Chapters: 00:00 ...": the list starts after the label.
        for _ in range(3):
            if len(group) > 2 and LABEL_COLON_RE.search(text, group[0][1], group[1][0]):
                group = group[1:]
        if len(group) < 2:
            continue
        frames = frame_marks(text, group, duration_ms) if group[-1][2] >= 3_600_000 else None
        if frames is not None:
            group = frames
        run = _flat_run(text, group)
        if run is None:
            entries.extend(line_timeline(text, group, flat))
        elif _looks_like_list(text, run) and (_labelled(text, run) or not flat_is_prose(text, run)):
            if clocked:
                run = clock_word_marks(text, run, clocked)
            entries.extend(_timeline(text, run))
    if duration_ms is not None:
        entries = [e for e in entries if e.start_ms <= duration_ms]
    entries.sort(key=_by_start)
    return entries


def extract_chapters(notes: str, duration_ms: int | None = None) -> list[TimelineEntry]:
    """Chapters found in show notes (plain text or HTML), sorted by start (stable): the first
    MAX_CHAPTERS, from the first MAX_READ_CHARS characters."""
    if not isinstance(notes, str) or not notes:
        return []
    if duration_ms is not None and not isinstance(duration_ms, int):
        duration_ms = None
    try:
        return _extract(notes[:MAX_READ_CHARS], duration_ms)[:MAX_CHAPTERS]
    except Exception:  # a parser bug must never take the app down; tests call _extract
        return []
