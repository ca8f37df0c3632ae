"""Timelines written one entry to a line: titles either side, sub-items, sections, stray times."""

from __future__ import annotations

import re
from itertools import pairwise

from .cues import ZONE_FIRST as _ZONE_FIRST
from .cues import date_before, looks_like_agenda, zone_after
from .htmltext import FlatNotes
from .markers import STOP_RE, TRAILER_RE, cut_trailer, is_label_line
from .model import TimelineEntry, new_entry
from .timestamps import has_timestamp
from .titles import (
    BARE_CHARS,
    CN_NUMBER_RE,
    MAX_HEADING,
    NUMBERING_RE,
    clean,
    heading_from_line,
    is_bare,
)

Mark = tuple[int, int, int]

LEAD, TAIL, ALONE = 0, 1, 2  # the title after the time, before it, or on the next line
_RANGE_CHARS = frozenset("-–—~～至到")
_BULLET_KINDS = frozenset("-*+·•●▪◆►◦○▫–—>")
_INDENT = " \t\u3000\u00a0"
_LEADERS_RE = re.compile(r"[\s.…·]*(?:\.{2,}|…)[\s.…·]*$")  # "Introduction .......... 00:00"
_CN_DIGITS = frozenset("一二三四五六七八九十")
# A line marked as a heading: Markdown "#", "Part 2", "第二部分", 【…】, "一、", a closing colon.
_STRONG_RE = re.compile(
    r"^\s*(?:[^\w\s#*_\[【（(]{1,3}\s*)?(?:#|\*\*|__|【[^】]{1,40}】\s*$|\[[^\]]{1,40}\]\s*$|[一二三四五六七八九十]{1,3}[、.]"
    r"|[（(][一二三四五六七八九十]{1,3}[)）]"
    r"|(?:Part|PART|Chapter|CHAPTER|Section|Act)\s*(?:[0-9]{1,2}|[IVX]{1,4}|one|two|three|four|five)\b"
    r"|第[一二三四五六七八九十百0-9]{1,3}(?:部分|章|节|段|幕|篇))"
    r"|[^\s:：]\s*[:：]\s*$",
    re.IGNORECASE,
)


# A section heading written in front of the first time of its section, on the same line.
_GLUED_RE = re.compile(
    r"^\s*[-*·•]?\s*(?:#{1,4}\s*\S|【[^】\n]{1,40}】|(?:Part|PART|Chapter|Section)\s*(?:[0-9]{1,2}|[IVX]{1,4})\b"
    r"|第[一二三四五六七八九十百0-9]{1,3}(?:部分|章|节|段|幕|篇))"
)
_EPISODE_TITLE_RE = re.compile(
    r"^\s*#(?!#)|\b(?:episode|ep\.?)\s*[0-9]+|第\s*[0-9一二三四五六七八九十百]+\s*[期集]", re.IGNORECASE
)


# A row is one timed line, as a tuple (the hot loop makes tens of thousands):
# (ms, line start, line end, shape, raw title, heading glued in front of the time, a range's start)
_MS, _LS, _LE, _SHAPE, _RAW, _GLUED, _RANGED = range(7)
Row = tuple


def _rows(text: str, group: list[Mark]) -> list[Row]:
    """The timed lines of a group; times inside sentences, or at a date or clock, are dropped."""
    rows: list[Row] = []
    append = rows.append
    rfind, find = text.rfind, text.find
    size = len(text)
    count = len(group)
    i = 0
    while i < count:
        start, end, ms = group[i]
        ls = rfind("\n", 0, start) + 1
        le = find("\n", end)
        if le < 0:
            le = size
        j = i + 1
        while j < count and group[j][0] < le:
            j += 1
        pre = text[ls:start]
        post = text[end:le]
        zone = text[end + 1 : end + 2] in _ZONE_FIRST and zone_after(text, end)
        core = pre.strip(BARE_CHARS) if pre else pre
        if not core or (len(core) <= 6 and is_bare(pre)):
            bare = j == i + 1 and len(post) < 24 and is_bare(post)
            if not zone:
                append((ms, ls, le, ALONE if bare else LEAD, post, None, False))
        elif (j == i + 1 and is_bare(post)) or TRAILER_RE.match(post.lstrip()) is not None:
            # "Title 05:00", "Title 05:00 相关链接: …"
            if not zone and not date_before(pre):
                ranged = end - start >= 9 and any(char in _RANGE_CHARS for char in text[start:end])
                append((ms, ls, le, TAIL, pre, None, ranged))
        elif j == i + 1:  # a time inside a line: kept only after a label or a section's heading
            if is_label_line(pre):  # "Chapters: 00:00 Intro"
                append((ms, ls, le, LEAD, post, None, False))
            elif _GLUED_RE.match(pre) is not None:  # "- 第二部分 路上 16:11 车站的早晨"
                glued = heading_from_line(NUMBERING_RE.sub("", pre, count=1))
                if glued is not None:
                    append((ms, ls, le, LEAD, post, glued, False))
        i = j
    return rows


def _main_shape(rows: list[Row]) -> int:
    """TAIL when most titles stand before their times, else LEAD."""
    tails = sum(1 for row in rows if row[_SHAPE] == TAIL)
    return TAIL if 2 * tails > len(rows) else LEAD


def _keep(text: str, rows: list[Row], main: int) -> list[Row]:
    """Rows of the timeline itself: a run in another shape (a glossary, songs with their lengths)
    or after a stop line (links, terms mentioned) whose times go back is not part of it."""
    kept: list[Row] = []
    top = -1
    stopped = False
    prev_le = -2
    for row in rows:
        ls = row[_LS]
        if not stopped and ls > prev_le + 1 and prev_le >= 0:
            between = text[prev_le + 1 : ls]
            if not between.isspace():  # links, credits, a glossary; or the timeline again after its label
                lines = [line for line in between.split("\n") if line]
                stopped = any(STOP_RE.match(line) or is_label_line(line) for line in lines)
        prev_le = row[_LE]
        same = (row[_SHAPE] == TAIL) == (main == TAIL)
        ms = row[_MS]
        if (stopped and ms <= top) or (ms < top and not same):
            continue
        kept.append(row)
        if same and ms > top:
            top = ms
    return kept


def _durations(rows: list[Row]) -> bool:
    """True for titles each followed by a time that goes up and down (songs with their lengths,
    past episodes with theirs): a timeline's starts go up, but for a slip."""
    back = sum(1 for a, b in pairwise(rows) if b[_MS] < a[_MS])
    return 4 * back >= len(rows) - 1


def _stop_above(text: str, ls: int) -> bool:
    """True when one of the two lines above ls says what follows is not a timeline."""
    above = text[max(0, ls - 160) : ls].split("\n")[-3:]
    return any(STOP_RE.match(line) for line in above if line.strip())


def _kind(line: str, ls: int, flat: FlatNotes) -> str:
    """What sort of line this is in a list: an HTML item, a bullet (with its indent), a heading."""
    if ls in flat.items:
        return "li"
    bare = line.lstrip(_INDENT)
    indent = "  " if len(bare) < len(line) and not flat.html else ""
    first = bare[:1]
    if bare.startswith(("**", "__")) or ls + len(line) - len(bare) in flat.heads:
        return indent + "b"
    if first in _BULLET_KINDS:
        return indent + first
    if first == "#":
        return "#"
    if first.isdigit() and NUMBERING_RE.match(bare).end():
        return indent + "1"
    return indent + "p"


def _strong(line: str, ls: int, flat: FlatNotes) -> bool:
    """True for a line marked as a heading (HTML heading or bold line, Markdown, Part N, …)."""
    if flat.heads and ls + len(line) - len(line.lstrip(_INDENT)) in flat.heads:
        return True
    return _STRONG_RE.match(line) is not None


def _gap_lines(text: str, a: int, b: int) -> list[tuple[str, int]]:
    """Non-blank lines between offsets a and b (line starts), with where each starts."""
    out = []
    pos = a
    for line in text[a:b].split("\n"):
        if line.strip():
            out.append((line, pos))
        pos += len(line) + 1
    return out


def _sub_kinds(text: str, rows: list[Row], kinds: list[list[str]], flat: FlatNotes) -> set[str]:
    """Kinds of line that are points under an entry: runs of one kind, HTML items under entries
    that are not items, lines indented under entries that are not."""
    sub: set[str] = set()
    entry_kinds: set[str] | None = None
    for found in kinds:
        for a, b in pairwise(found):
            if a == b:
                sub.add(a)
        for kind in found:
            if kind == "li" or kind.startswith("  "):
                if entry_kinds is None:
                    entry_kinds = {_kind(text[row[_LS] : row[_LE]], row[_LS], flat) for row in rows}
                deeper = kind == "li" or not all(k.startswith("  ") for k in entry_kinds)
                if kind not in entry_kinds and deeper:
                    sub.add(kind)
    return sub


def _first_section(text: str, row: Row, flat: FlatNotes) -> str | None:
    """The heading just above a timeline's first entry (past blank lines in HTML)."""
    if row[_GLUED] is not None:
        return row[_GLUED]
    pos = row[_LS]
    blank = False
    for _ in range(6):
        if pos <= 0:
            return None
        ls = text.rfind("\n", 0, pos - 1) + 1
        line = text[ls : pos - 1]
        pos = ls
        if not line.strip():
            blank = True
            continue
        if len(line) > 2 * MAX_HEADING or is_label_line(line) or STOP_RE.match(line):
            return None
        if blank and not flat.html and not _strong(line, ls, flat):
            return None  # a heading sits right on its list in plain text
        if _EPISODE_TITLE_RE.search(line) or _aside(line):
            return None  # the episode's own title over its notes, a remark
        return heading_from_line(line)
    return None


def _title(row: Row, last: bool) -> str:
    raw = row[_RAW]
    if row[_SHAPE] == TAIL:
        raw = NUMBERING_RE.sub("", raw.lstrip(" #"), count=1)
        if raw[:1] in _CN_DIGITS:
            raw = CN_NUMBER_RE.sub("", raw, count=1)
        if ".." in raw or "…" in raw:
            raw = _LEADERS_RE.sub("", raw)  # "Introduction .......... 00:00"
    elif last:
        raw = cut_trailer(raw)
    if "**" in raw:
        raw = raw.replace("**", " ")
    return clean(raw)


def line_timeline(text: str, group: list[Mark], flat: FlatNotes) -> list[TimelineEntry]:
    """Chapters of a timeline written one entry to a line, with their sections."""
    rows = _rows(text, group)
    if len(rows) < 2:
        return []
    rows, main = _timeline_rows(text, rows)
    if len(rows) < 2:
        return []
    gaps = _gaps(text, rows, flat)
    sub = _sub_kinds(text, rows, [found for _, found in gaps.values()], flat) if gaps else set()
    return _entries(text, rows, main, gaps, sub, flat)


def _timeline_rows(text: str, rows: list[Row]) -> tuple[list[Row], int]:
    """The rows that are the timeline (none for durations or an agenda), and its main shape."""
    tails = 0
    in_order = True
    ms = -1
    for row in rows:
        if row[_SHAPE] == TAIL:
            tails += 1
        if row[_MS] < ms:
            in_order = False
        ms = row[_MS]
    main = TAIL if 2 * tails > len(rows) else LEAD
    if not in_order:  # in order, nothing is a run that goes back
        if main == TAIL and _durations(rows) and _stop_above(text, rows[0][_LS]):
            return [], main  # songs or past episodes with their lengths, under their label
        rows = _keep(text, rows, main)
        if len(rows) < 2:
            return [], main
        main = _main_shape(rows)
    if rows[0][_MS] >= 360_000 and looks_like_agenda(text, rows[0][_LS], [row[_MS] for row in rows]):
        return [], main
    return rows, main


def _gaps(text: str, rows: list[Row], flat: FlatNotes) -> dict[int, tuple[list[tuple[str, int]], list[str]]]:
    """Row index -> the lines above it, after the previous row, with their kinds: points under
    the entry above, descriptions, or the heading of the section the row starts."""
    gaps: dict[int, tuple[list[tuple[str, int]], list[str]]] = {}
    prev_le = rows[0][_LE]
    for k in range(1, len(rows)):
        ls = rows[k][_LS]
        if ls > prev_le + 1 and not text[prev_le + 1 : ls].isspace():
            lines = _gap_lines(text, prev_le + 1, ls)
            gaps[k] = (lines, [_kind(line, start, flat) for line, start in lines])
        prev_le = rows[k][_LE]
    return gaps


def _entries(
    text: str,
    rows: list[Row],
    main: int,
    gaps: dict[int, tuple[list[tuple[str, int]], list[str]]],
    sub: set[str],
    flat: FlatNotes,
) -> list[TimelineEntry]:
    """The chapters of the rows: titles, sections, headings with their own time, one chapter per
    time written twice in a row."""
    out: list[TimelineEntry] = []
    section = _first_section(text, rows[0], flat)
    last = len(rows) - 1
    behind = behind_ms = -1  # the row behind out[-1], and its start
    for k, row in enumerate(rows):
        if gaps and k in gaps:
            gap, found = gaps[k]
            if behind == k - 1 and rows[behind][_SHAPE] == ALONE:
                out[-1] = new_entry(out[-1].start_ms, clean(gap[0][0]), out[-1].section)  # title below
                gap, found = gap[1:], found[1:]
            if row[_GLUED] is None and gap:  # a heading glued to the entry's line wins
                heading = _gap_heading(gap, found, sub, flat, rows[k - 1], row)
                if heading is not None:
                    section = heading
        ms, ls, le, shape, raw, glued, ranged = row
        if glued is not None:
            section = glued
        title = clean(raw) if shape == LEAD and k != last and "**" not in raw else _title(row, k == last)
        if shape == TAIL and main == LEAD:
            following = rows[k + 1] if k < last else None
            if following is not None and following[_MS] == ms and following[_SHAPE] != TAIL:
                section = title or section  # a heading with its start, then its first entry
                continue
            if ranged or _strong(text[ls:le], ls, flat):
                section = title or section  # a heading with a span of its own: a chapter too
        elif behind == k - 1 and ms == behind_ms and _same_chapter(text, out, rows[behind], title, flat):
            section = out[-1].section
            continue
        out.append(new_entry(ms, title, section))
        behind = k
        behind_ms = ms
    if behind == last and rows[last][_SHAPE] == ALONE:
        after = _gap_lines(text, rows[last][_LE] + 1, min(len(text), rows[last][_LE] + 400))
        if after and not STOP_RE.match(after[0][0]):
            out[-1] = new_entry(out[-1].start_ms, clean(after[0][0]), out[-1].section)
    return out


def _same_chapter(text: str, out: list[TimelineEntry], prev: Row, title: str, flat: FlatNotes) -> bool:
    """For a row at the same time as the one before it: merge them into out[-1] and say True when
    they are one chapter (a heading line over its first entry, the time repeated, no title)."""
    before = out[-1]
    if before.title and before.title != title and _strong(text[prev[_LS] : prev[_LE]], prev[_LS], flat):
        out[-1] = new_entry(before.start_ms, title, before.title)  # "## 00:00 Part 1" over "00:00 Intro"
        return True
    if not before.title or before.title == title:
        out[-1] = new_entry(before.start_ms, before.title or title, before.section)
        return True
    return False


def _gap_heading(
    gap: list[tuple[str, int]], kinds: list[str], sub: set[str], flat: FlatNotes, prev: Row, row: Row
) -> str | None:
    """The heading of the section that starts at row, from the lines between it and prev."""
    line, ls = gap[-1]
    kind = kinds[-1]
    strong = _strong(line, ls, flat)
    if kind in sub and not (strong and (len(gap) == 1 or kinds[-2] != kind)):
        return None
    if not strong and not flat.html:
        # Plain text: lines right under an entry and apart from the next one describe that entry.
        under = gap[0][1] == prev[_LE] + 1
        apart = ls + len(line) + 1 < row[_LS]
        if under and apart:
            return None
    if is_label_line(line) or STOP_RE.match(line) or _aside(line):
        return None
    return heading_from_line(line)


def _aside(line: str) -> bool:
    """True for a line that is a remark, not a heading: in parentheses, or holding a time
    ("(Ad break at 25:00 — thanks to our sponsor.)", "本期时长 41:20")."""
    core = line.strip()
    if core[:1] in "(（" and core[-1:] in ")）":
        return True
    return (":" in core or "：" in core) and has_timestamp(core)
