"""Timestamp grammar: parse, format, seek URLs and what is not a timestamp."""

from __future__ import annotations

import pytest

from companion.shownotes import SEEK_SCHEME, format_timestamp, parse_seek_url, parse_timestamp
from companion.shownotes.timestamps import TIMESTAMP_RE, finditer_timestamps, iter_timestamps


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("05:46", 346_000),
        ("5:46", 346_000),
        ("0:00", 0),
        ("1:02:03", 3_723_000),
        ("01:02:03", 3_723_000),
        ("1:02:03.5", 3_723_500),
        ("00:05.500", 5_500),
        ("00:05.25", 5_250),
        ("75:30", 4_530_000),
        ("05：46", 346_000),
        ("1：02：03", 3_723_000),
        (" 05:46 ", 346_000),
    ],
)
def test_parse_timestamp_accepts(text: str, ms: int) -> None:
    assert parse_timestamp(text) == ms


@pytest.mark.parametrize(
    "text",
    ["", "junk", "3:2", "16:9", "5:60", "1:60:00", "12:30pm", "12:30 PM", "2.1.3", "50%",
     "1:02:03:04", "a01:02:03", "05:46 and 06:00", "下午3:30", "05:46x:", "١٢:٣٠"],
)  # fmt: skip
def test_parse_timestamp_rejects(text: str) -> None:
    assert parse_timestamp(text) is None


def test_parse_timestamp_non_string() -> None:
    assert parse_timestamp(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ms", "text"),
    [(0, "0:00"), (346_000, "5:46"), (346_999, "5:46"), (3_599_000, "59:59"),
     (3_600_000, "1:00:00"), (3_720_000, "1:02:00"), (36_000_000, "10:00:00"), (-5, "0:00")],
)  # fmt: skip
def test_format_timestamp(ms: int, text: str) -> None:
    assert format_timestamp(ms) == text


def test_format_parse_roundtrip() -> None:
    for ms in range(0, 20_000_000, 7_919_000 // 13):
        whole = ms - ms % 1000
        assert parse_timestamp(format_timestamp(ms)) == whole


def test_seek_urls() -> None:
    assert SEEK_SCHEME == "seek"
    assert parse_seek_url("seek:346000") == 346_000
    assert parse_seek_url("seek:0") == 0
    for bad in ["seek:", "seek:-1", "seek:1.5", "http://x", "seek:12a", "", "SEEK:1x"]:
        assert parse_seek_url(bad) is None
    assert parse_seek_url(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("比分 3:2,画面 16:9", []),
        ("下午3:30 见,上午 10:00 开会", []),
        ("版本 2.1.3 和 v1:02", []),
        ("ratio 4:3 at 12:30pm or 9:15 a.m.", []),
        ("https://x.com/a/12:30", []),
        ("id a01:02:03 and 7b12:30", []),
        ("从搜狗到百川58:30 两次创业", [3_510_000]),
        ("- 第一部分 05:46 标题 08:20 标题", [346_000, 500_000]),
        ("(05:46) [06:00] 【07:00】", [346_000, 360_000, 420_000]),
        ("00:00–05:00 Intro", [0, 300_000]),
    ],
)
def test_timestamps_in_text(text: str, found: list[int]) -> None:
    assert [ms for _, _, ms in iter_timestamps(text)] == found


def test_fast_scan_matches_reference_regex() -> None:
    samples = ["1:02:03:04 12:34 1234:56 a1:23 ::12:34 12:34.5678 9:59.1 00:00-05:00",
               "x下午3:30 晚上 9:00 100:00 1000:00 5:5 05:46%"]  # fmt: skip
    for text in samples:
        fast = [m.span() for m in finditer_timestamps(text)]
        assert fast == [m.span() for m in TIMESTAMP_RE.finditer(text)]
