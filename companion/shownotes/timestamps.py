"""Timestamp grammar: find, parse and format H:MM:SS / MM:SS marks and seek: URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator

SEEK_SCHEME = "seek"

# One timestamp: H:MM:SS or M..MMM:SS, optional .fff, ASCII or full-width colons.
# Not preceded by ASCII letters/digits or . : / (glued tokens, versions, URLs, longer
# colon chains), not preceded by a clock word (下午3:30), not followed by more digits,
# a colon and a digit, a decimal, a percent sign or am/pm ("01:50： 标题" is a timestamp).
_CLOCK_WORDS = ("上午", "下午", "中午", "晚上", "早上", "凌晨", "傍晚", "夜里", "今晚", "明早")
_CLOCK_LOOKBEHIND = "".join(f"(?<!{w})(?<!{w} )" for w in _CLOCK_WORDS)
_CORE = (
    r"(?P<a>[0-9][0-9]{0,2})[:：](?P<b>[0-5][0-9])"  # not [0-9]{1,3}: a leading set is a fast scan
    r"(?:(?<![0-9]{3}[:：][0-5][0-9])[:：](?P<c>[0-5][0-9]))?"  # H:MM:SS: at most 2 hour digits
    r"(?:\.(?P<f>[0-9]{1,3}))?"
    r"(?![0-9%％]|[:：][0-9]|\.[0-9]|\s?(?:[aApP]\.?[mM]\b|[aApP]\.[mM]\.))"
)
# A full-width colon may stand right before a time after a word ("开场：00:00"), not after a digit
# or an ASCII letter (the middle of "12：34：56", "t：1:00").
TIMESTAMP_RE = re.compile(r"(?<![0-9A-Za-z.:/@#$€£¥_])(?<![0-9A-Za-z]：)" + _CLOCK_LOOKBEHIND + _CORE)

_FULL_RE = re.compile(r"\s*(?:" + TIMESTAMP_RE.pattern + r")\s*")
_SEEK_RE = re.compile(r"seek:([0-9]{1,12})")


def match_to_ms(match: re.Match[str]) -> int:
    """Milliseconds of a TIMESTAMP_RE match."""
    first, second, third, frac = match.group("a", "b", "c", "f")
    if third is not None:
        total = int(first) * 3600 + int(second) * 60 + int(third)
    else:
        total = int(first) * 60 + int(second)
    if frac:
        return total * 1000 + int(frac.ljust(3, "0"))
    return total * 1000


# The same grammar without the look-behinds, so the regex engine can skip ahead to digits;
# finditer_timestamps applies the look-behind rules in Python (a rejected match never hides a
# valid one: every position inside a match follows a digit, colon or dot).
SCAN_RE = re.compile(_CORE)
_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_BAD_BEFORE = _ASCII_ALNUM | frozenset(".:/@#$€£¥_")
_CLOCK_SET = frozenset(_CLOCK_WORDS)


_scan_at = SCAN_RE.match
_DIGITS = frozenset("0123456789")


def _match_before(text: str, colon: int, pos: int) -> re.Match[str] | None:
    """The timestamp whose 1-3 leading digits (not before ``pos``) end at ``colon``, if any."""
    if text[colon - 1] not in _DIGITS:
        return None
    start = colon - 1
    low = colon - 3 if colon - 3 > pos else pos
    while start > low and text[start - 1] in _DIGITS:
        start -= 1
    return _scan_at(text, start)


def scan_matches(text: str) -> list[re.Match[str]]:
    """Same matches as list(SCAN_RE.finditer(text)), faster on prose: every match holds a
    colon right after its 1-3 leading digits, so jump from colon to colon with str.find and
    try the pattern once, at the start of the digit run in front of the colon (where a match
    starts inside that run, one starts at the run's first digit too)."""
    out: list[re.Match[str]] = []
    find = text.find
    ascii_at = find(":")
    wide_at = find("：")
    pos = 0
    if ascii_at < 0 or wide_at < 0:  # one kind of colon only (the usual case): simpler loop
        mark = "：" if ascii_at < 0 else ":"
        colon = wide_at if ascii_at < 0 else ascii_at
        while colon >= 0:
            match = _match_before(text, colon, pos) if colon > pos else None
            if match is not None:
                out.append(match)
                pos = match.end()
            else:
                pos = colon + 1
            colon = find(mark, pos)
        return out
    while ascii_at >= 0 or wide_at >= 0:
        colon = wide_at if ascii_at < 0 or 0 <= wide_at < ascii_at else ascii_at
        match = _match_before(text, colon, pos) if colon > pos else None
        if match is not None:
            out.append(match)
        pos = match.end() if match is not None else colon + 1
        if 0 <= ascii_at < pos:
            ascii_at = find(":", pos)
        if 0 <= wide_at < pos:
            wide_at = find("：", pos)
    return out


def _allowed_before(text: str, start: int) -> bool:
    """The look-behind rules: no letter or digit glued before, no clock word ("下午3:30")."""
    if not start:
        return True
    before = text[start - 1]
    if before in _BAD_BEFORE or (before == "：" and start >= 2 and text[start - 2] in _ASCII_ALNUM):
        return False
    return not (
        start >= 2
        and (
            text[start - 2 : start] in _CLOCK_SET
            or (before == " " and text[start - 3 : start - 1] in _CLOCK_SET)
        )
    )


def finditer_timestamps(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """Same matches as TIMESTAMP_RE.finditer(text), several times faster on prose."""
    end = len(text) if endpos is None else endpos
    for match in SCAN_RE.finditer(text, pos, end):
        if _allowed_before(text, match.start()):
            yield match


def timestamp_matches(text: str) -> list[re.Match[str]]:
    """Same as list(TIMESTAMP_RE.finditer(text)) (the look-behind rules of finditer_timestamps)."""
    return [match for match in scan_matches(text) if _allowed_before(text, match.start())]


def has_timestamp(text: str) -> bool:
    """True when text holds at least one timestamp."""
    if ":" not in text and "：" not in text:  # every timestamp has a colon
        return False
    return bool(timestamp_matches(text))


def sub_timestamps(text: str, repl: str) -> str:
    """Same as TIMESTAMP_RE.sub(repl, text) for a plain replacement string (no escapes)."""
    matches = timestamp_matches(text)
    if not matches:
        return text
    pieces = []
    pos = 0
    for match in matches:
        pieces.append(text[pos : match.start()])
        pos = match.end()
    pieces.append(text[pos:])
    return repl.join(pieces)


def iter_timestamps(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end, ms) for every timestamp in text."""
    for match in finditer_timestamps(text):
        yield match.start(), match.end(), match_to_ms(match)


def parse_timestamp(text: str) -> int | None:
    """Parse one timestamp ("05:46", "1:02:03.5", "05：46") to ms; None if not exactly one."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    match = _FULL_RE.fullmatch(text)
    if match is None:
        return None
    inner = TIMESTAMP_RE.search(text)
    return match_to_ms(inner) if inner is not None else None


MAX_TYPED_MS = 1000 * 3600 * 1000  # a typed time past 1,000 hours is a typo
_SECONDS_RE = re.compile(r"[0-9]{1,10}(?:\.[0-9]*)?|\.[0-9]+")


def parse_time_input(text: str) -> int | None:
    """The one rule for a time a person types (``--at``, ``--duration``, the bookmark dialog), as ms.

    Accepted: plain seconds, digits with an optional fraction (``3723``, ``90.5``, ``.5``), or one
    timestamp ``parse_timestamp`` reads (``1:02:03``, ``62:03``, ``05：46``, ``1:02:03.5``), with
    blanks around. Refused (None): empty text, a sign, an exponent, ``inf``/``nan``, underscores, and
    anything past 1,000 hours. Seconds are rounded to the millisecond.
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    ms = int(round(float(text) * 1000)) if _SECONDS_RE.fullmatch(text) else parse_timestamp(text)
    return ms if ms is not None and ms <= MAX_TYPED_MS else None


def format_timestamp(ms: int, *, hours: bool = False) -> str:
    """The one way milliseconds become text: "M:SS" under an hour and "H:MM:SS" from an hour, or
    always "H:MM:SS" with ``hours=True`` (exports, bookmarks); fractions dropped, negatives as 0."""
    seconds = max(0, int(ms)) // 1000
    whole_hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if whole_hours or hours:
        return f"{whole_hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def seek_url(ms: int) -> str:
    """The seek: URL for a position in ms."""
    return f"{SEEK_SCHEME}:{int(ms)}"


def parse_seek_url(url: str) -> int | None:
    """ "seek:346000" -> 346000; anything else -> None."""
    if not isinstance(url, str):
        return None
    match = _SEEK_RE.fullmatch(url.strip())
    return int(match.group(1)) if match else None
