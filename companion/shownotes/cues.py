"""Cues that a time in show notes is not a chapter start: dates, clocks, agendas, prose, frames."""

from __future__ import annotations

import re

from .timestamps import SCAN_RE

Mark = tuple[int, int, int]

# A date or weekday right before a time: "3月15日（周五）14:40", "周二、周四 20:30", "March 12 at 18:00".
_DATE_ZH_RE = re.compile(
    r"(?:[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*[日号]|[0-9]{4}\s*年(?:\s*[0-9]{1,2}\s*月)?|周[一二三四五六日天末]"
    r"|星期[一二三四五六日天]|礼拜[一二三四五六日天]|北京时间|东八区)$"
)
_NUMERIC_DATE_RE = re.compile(r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}/[0-9]{1,2}(?:/[0-9]{2,4})?")
_MONTHS = frozenset(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
     "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]
)  # fmt: skip
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
# Words that put a time in a sentence, as a moment of the day or of the episode: "doors at 19:00",
# "每天 06:30", "从 10:32 开始".
_PROSE_BEFORE_RE = re.compile(
    r"(?:\b(?:at|from|until|till|by|around|about|after|before|doors|opens?)|@|每[天日晚周]|今[天晚早]|明[天晚早]"
    r"|[从在到约于至])\s*$",
    re.IGNORECASE,
)
_ZONE_AFTER_RE = re.compile(
    r"\s*[（(]?\s*(?:(?:UTC|GMT|CES?T|E[DS]T|P[DS]T|BST|JST|KST|AES?T)(?![A-Za-z])|北京时间|东八区|准时|开播|截止)"
)
# A time that a sentence goes on from: "08:15 发车的那趟", "14:30，", "18:00。".
_DATE_TRAIL = " \t,，、:：（()）@"
_DIGITS_Y = frozenset("0123456789y")
_WORD_BREAKS = str.maketrans(",，、；;（）()", "         ")
_DATE_LAST = frozenset("日号年月一二三四五六天末间区")  # the last character of a Chinese date
ZONE_FIRST = frozenset("UGCEPBJKA北东准开截（(")
_PROSE_AFTER_RE = re.compile(r"\s*(?:[,，。、；;]|\.(?:\s|$)|(?:的|了|就|才|左右|之后|以后|前后|分钟))")
_PROSE_PUNCT_BEFORE = frozenset(",，、；;")
_PROSE_NEXT = frozenset(",，。、；;.的了就才左之以前分")  # what _PROSE_AFTER_RE can start with
_PROSE_WORD_END = frozenset("tmlydresn@天日晚周早从在到约于至")  # the last letter of its words
# Lines that announce an event's schedule rather than an episode's timeline.
_AGENDA_RE = re.compile(
    r"议程|日程|流程|时间表|活动安排|签到|报名|开幕|入场"
    r"|[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*[日号]|周[一二三四五六日天]|星期[一二三四五六日天]"
    r"|\b(?:agenda|schedule|programme|line-?up|doors|registration|check-in|meet-?up|event)\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+[0-9]{1,2}\b",
    re.IGNORECASE,
)
_HOUR_MS = 3_600_000
_PRE_WINDOW = 240  # how far before a flattened timeline's first time its heading can start


def date_before(pre: str) -> bool:
    """True when the text before a time ends with a date or weekday: a time of day."""
    tail = pre[-40:].rstrip(_DATE_TRAIL)
    last = tail[-1:]
    if last in _DATE_LAST:
        return _DATE_ZH_RE.search(tail[-14:]) is not None
    if not (last.isascii() and last.isalnum()):
        return False
    words = tail[-30:].lower().translate(_WORD_BREAKS).split()
    if len(words) > 1 and words[-1] in ("at", "on", "from", "by"):
        words.pop()  # "March 12 at 18:00"
    word = words[-1].rstrip(".")
    if word in _WEEKDAYS or _NUMERIC_DATE_RE.fullmatch(word):
        return True
    day = word[:-2] if word.endswith(("st", "nd", "rd", "th")) else word
    if day.isdigit() and len(words) > 1:  # "March 12", "12 March" is read from its month
        return words[-2].rstrip(".") in _MONTHS
    return False


def zone_after(text: str, pos: int) -> bool:
    """True when a time zone or a broadcast word follows the time at pos ("14:30 UTC")."""
    if text[pos + 1 : pos + 2] not in ZONE_FIRST and text[pos : pos + 1] not in ZONE_FIRST:
        return False  # quick answer: nothing that starts a zone word right after the time
    return _ZONE_AFTER_RE.match(text, pos, pos + 12) is not None


def flat_is_prose(text: str, group: list[Mark]) -> bool:
    """True when the times of a one-line run are moments in sentences, not a flattened timeline:
    a flattened timeline's times stand between titles, apart from the words around them."""
    prose = 0
    enough = len(group) - (len(group) + 1) // 2  # more than this many plain times: not prose
    plain = 0
    for start, end, _ in group:
        before = text[start - 1 : start] if start else ""
        word_end = text[start - 2 : start - 1] if before == " " else before  # "at 19:00", "从10:32"
        if (
            before in _PROSE_PUNCT_BEFORE
            or (text[end : end + 1] in _PROSE_NEXT or text[end + 1 : end + 2] in _PROSE_NEXT)
            and _PROSE_AFTER_RE.match(text, end, end + 4) is not None
            or word_end in _PROSE_WORD_END
            and _PROSE_BEFORE_RE.search(text, max(0, start - 12), start) is not None
            or (word_end in _DATE_LAST or word_end in _DIGITS_Y)  # 3月5日, 2024-03-05, Friday
            and date_before(text[max(0, start - 40) : start])
            or zone_after(text, end)
        ):
            prose += 1
        else:
            plain += 1
            if plain > enough:
                return False
    return 2 * prose >= len(group)


def looks_like_agenda(text: str, first_line: int, starts_ms: list[int]) -> bool:
    """True for an event's schedule: clock times of day (13:30 签到, 14:00 开场, …) under an
    agenda or a date."""
    if starts_ms[0] < 6 * 60_000:
        return False  # a timeline starts near the beginning of the episode; a day does not
    for ms in starts_ms:
        if ms >= 24 * 60_000 or ms % 5000:  # hours 0-23, minutes on a multiple of five
            return False
    above = text[max(0, first_line - 200) : first_line]
    return _AGENDA_RE.search(above) is not None


def frame_marks(text: str, group: list[Mark], duration_ms: int | None) -> list[Mark] | None:
    """The group read as MM:SS:FF (minutes, seconds, frames) when its H:MM:SS hours cannot be
    hours: past 12 hours, or past the known duration where minutes fit it. None otherwise."""
    top = group[-1][2]  # a timeline's last time is its latest
    if top < 13 * _HOUR_MS and (duration_ms is None or top <= duration_ms * 3 // 2):
        return None
    out: list[Mark] = []
    for start, end, _ in group:
        match = SCAN_RE.match(text, start)
        if match is None or match.group("c") is None:
            return None  # a time of two parts among them: they are hours after all
        out.append((start, end, (int(match.group("a")) * 60 + int(match.group("b"))) * 1000))
    if duration_ms is not None and max(mark[2] for mark in out) > duration_ms:
        return None
    return out


def clock_word_marks(text: str, run: list[Mark], clocked: list[int]) -> list[Mark]:
    """The run with the times a clock word took ("- 第一部分:为什么是夜里 00:00 开场 03:40 …"):
    inside a flattened timeline, a time after "夜里 " that keeps the run's order is one of it."""
    lo, hi = run[0][0] - _PRE_WINDOW, run[-1][0]
    found: list[Mark] = []
    for start in clocked:
        match = SCAN_RE.match(text, start) if lo <= start < hi else None
        if match is not None and text[match.end() : match.end() + 1] == " ":
            a, b, c = match.group("a", "b", "c")
            ms = (int(a) * 3600 + int(b) * 60 + int(c)) * 1000 if c else (int(a) * 60 + int(b)) * 1000
            found.append((match.start(), match.end(), ms))
    if not found:
        return run
    merged = sorted(run + found)
    out = []
    for i, mark in enumerate(merged):
        if mark in found:
            before = merged[i - 1][2] if i else -1
            after = merged[i + 1][2] if i + 1 < len(merged) else mark[2]
            if not before <= mark[2] <= after:
                continue
        out.append(mark)
    return out
