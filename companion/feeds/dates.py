"""Feed dates as UTC instants: RFC 822 in its wild forms, ISO 8601, JavaScript's, epoch seconds; not local."""

from __future__ import annotations

import calendar
import re

# Zone names seen in feeds, as minutes east of UTC. Ambiguous ones take the reading feeds mean most
# (CST: US Central, IST: India).
_ZONES = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEZ": 0,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480,
    "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "AST": -240, "ADT": -180, "NST": -210,
    "NDT": -150,
    "BST": 60, "IST": 330, "CET": 60, "CEST": 120, "MET": 60, "MEST": 120, "MEZ": 60, "MESZ": 120,
    "WEST": 60, "WESZ": 60, "EET": 120, "EEST": 180, "OEZ": 120, "OESZ": 180, "MSK": 180,
    "AEST": 600, "AEDT": 660, "ACST": 570, "ACDT": 630, "AWST": 480, "NZST": 720, "NZDT": 780,
    "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "PHT": 480, "WIB": 420, "ICT": 420,
}  # fmt: skip
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
    # German, French, Spanish, Dutch and Italian short names that differ from the English ones
    "mär": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12, "fév": 2, "fev": 2, "avr": 4, "jui": 7, "aoû": 8,
    "aou": 8, "déc": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12, "mrt": 3, "mei": 5, "gen": 1,
    "mag": 5, "giu": 6, "lug": 7, "set": 9, "ott": 10,
}  # fmt: skip
_YEAR_MIN, _YEAR_MAX = 1900, 2200

# The form nearly every feed writes (RFC 822 as RFC 2822 has it): read without the general search.
_RFC822_RE = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}|GMT|UTC|UT|Z)"
)
_EPOCH_RE = re.compile(r"\d{9,10}|\d{12,13}")
_ISO_RE = re.compile(
    r"(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?(?:\s*\(?[A-Za-z]{1,5}\)?)?$",
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"(?<![+\-\d])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([ap])\.?m\.?\b)?", re.IGNORECASE
)
_OFFSET_RE = re.compile(r"(?:(?:GMT|UTC|UT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_DASHED_RE = re.compile(r"\b(\d{1,2})-([^\W\d_]{3,})\.?-(\d{2,4})\b")  # 08-Sep-2014
_WORD_RE = re.compile(r"[^\W\d_]+\.?|\d+|[+-]\d+(?::\d{2})?", re.UNICODE)


def _month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _instant(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, offset_min: int = 0
) -> int | None:
    if not (_YEAR_MIN <= year <= _YEAR_MAX and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    if day > _month_days(year, month) or hour > 24 or minute > 59 or second > 60:
        return None
    seconds = calendar.timegm((year, month, day, 0, 0, 0, 0, 0, 0)) + hour * 3600 + minute * 60 + second
    return seconds - offset_min * 60


def _offset(text: str | None) -> int | None:
    """``+0800``, ``-01:01``, ``+8``, ``GMT-0400``, ``Z`` or a zone name as minutes east of UTC."""
    if not text:
        return 0
    name = _ZONES.get(text.upper().rstrip("."))
    if name is not None:
        return name
    match = _OFFSET_RE.match(text)
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    total = int(hours) * 60 + int(minutes or 0)
    if int(hours) > 14 or int(minutes or 0) > 59:
        return None
    return -total if sign == "-" else total


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:  # RFC 2822: 00-49 is 2000-2049, 50-99 is 1950-1999
        year += 2000 if year < 50 else 1900
    return year


def _iso(text: str) -> int | None:
    match = _ISO_RE.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, _, zone = match.groups()
    offset = _offset(zone)
    if offset is None:
        return None
    return _instant(
        int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), offset
    )


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    return _MONTHS.get(word[:3]) if len(word) >= 3 else None


def _loose(text: str) -> int | None:
    """RFC 822 and its relatives, in any order of day, month name and year: ``Thu, 01 Jan 2004``,
    ``8 Sept 2014 10:00 CEST``, ``Jan 8, 2014``, ``Thu May 08 2024 22:18:52 GMT-0400 (EDT)``."""
    text = re.sub(r"\([^)]*\)", " ", text)  # "(Eastern Daylight Time)": the offset before it says it all
    text = _DASHED_RE.sub(r"\1 \2 \3", text)
    hour = minute = second = 0
    time_match = _TIME_RE.search(text)
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        second = int(time_match.group(3) or 0)
        meridiem = (time_match.group(4) or "").lower()
        if meridiem and not 1 <= hour <= 12:
            return None
        if meridiem == "p" and hour != 12:
            hour += 12
        elif meridiem == "a" and hour == 12:
            hour = 0
        text = text[: time_match.start()] + " " + text[time_match.end() :]
    month = None
    numbers: list[str] = []
    offset = named = None
    for word in _WORD_RE.findall(text.replace(",", " ")):
        if word[0] in "+-":
            value = _offset(word)
            if value is None:
                return None
            offset = value
        elif word.isdigit():
            numbers.append(word)
        elif month is None and _month(word) is not None:
            month = _month(word)
        elif named is None and word.upper().rstrip(".") in _ZONES:
            named = _ZONES[word.upper().rstrip(".")]
        # anything else (a weekday, "at", "of") says nothing about the instant
    if month is None or len(numbers) != 2:
        return None
    first, second_number = numbers
    if len(first) == 4 or int(first) > 31:  # "2014 Sep 8"
        year, day = first, second_number
    else:
        day, year = first, second_number
    if len(day) > 2:
        return None
    zone = offset if offset is not None else named  # "GMT-0400": the numbers say more than the name
    return _instant(_year(year), month, int(day), hour, minute, second, zone or 0)


def parse_date(text: str | None) -> int | None:
    """A feed date as UTC epoch seconds; None when it is not a date. A date without a zone is read as
    UTC (never in this machine's zone), a date without a time as its midnight UTC; 1970-01-01 is a
    date like any other (0)."""
    if not text:
        return None
    fast = _RFC822_RE.fullmatch(text.strip())
    if fast is not None:
        day, month, year, hour, minute, second, zone = fast.groups()
        number = _MONTHS.get(month.lower())
        if number is not None:
            offset = 0 if zone[0] not in "+-" else _offset(zone)
            if offset is not None:
                return _instant(int(year), number, int(day), int(hour), int(minute), int(second), offset)
    value = " ".join(text.split())
    if not value or len(value) > 100:
        return None
    if _EPOCH_RE.fullmatch(value):  # epoch seconds (or JavaScript milliseconds)
        return int(value) // (1000 if len(value) > 11 else 1)
    if value[:4].isdigit():
        found = _iso(value)
        if found is not None:
            return found
    return _loose(value)
