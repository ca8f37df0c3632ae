"""Times as text, one rule each: milliseconds to text (``format_timestamp``) and a typed time to
milliseconds (``parse_time_input``), the same for the command's ``--at``/``--duration`` and the
window's bookmark dialog."""

from __future__ import annotations

import argparse

import pytest

from companion.cli.bookmarks import parse_moment
from companion.cli.main import CliError, parse_duration
from companion.services.bookmarks_export import format_hms
from companion.shownotes.timestamps import format_timestamp, parse_time_input
from companion.ui.dialogs.bookmark_note import parse_time_text
from companion.ui.widgets.format import format_ms

# (typed, milliseconds or None when refused)
TYPED = [
    ("0", 0),
    ("3723", 3_723_000),
    ("90.5", 90_500),
    ("  90.5 ", 90_500),
    (".5", 500),
    ("7.", 7_000),
    ("0.0004", 0),
    ("1:02:03", 3_723_000),
    ("62:03", 3_723_000),
    ("05：46", 346_000),
    ("1:02:03.5", 3_723_500),
    ("999:59", 59_999_000),
    ("3600000", 3_600_000_000),  # 1,000 hours: the most a typed time may be
    ("3600001", None),
    ("", None),
    ("   ", None),
    ("-5", None),
    ("+5", None),
    ("1e3", None),
    ("inf", None),
    ("nan", None),
    ("1_000", None),
    ("1e400", None),
    ("1:2", None),
    ("1:60", None),
    ("12:30 pm", None),
    ("1:02:03 4:05", None),
    ("abc", None),
    ("5s", None),
    ("99999999999999999999", None),
]


@pytest.mark.parametrize(("text", "ms"), TYPED, ids=[repr(t) for t, _ in TYPED])
def test_one_rule_for_a_typed_time(text, ms):
    assert parse_time_input(text) == ms
    assert parse_time_text(text) == ms  # the window's bookmark dialog
    if ms is None:
        with pytest.raises(CliError, match="not a time"):
            parse_moment(text)  # companion bookmark --at
        with pytest.raises(argparse.ArgumentTypeError, match="not a duration"):
            parse_duration(text)  # companion add --duration
    else:
        assert parse_moment(text) == ms
        assert parse_duration(text) == ms


# (milliseconds, short form, always-hours form)
SHOWN = [
    (0, "0:00", "0:00:00"),
    (999, "0:00", "0:00:00"),
    (59_999, "0:59", "0:00:59"),
    (65_000, "1:05", "0:01:05"),
    (3_599_000, "59:59", "0:59:59"),
    (3_600_000, "1:00:00", "1:00:00"),
    (3_723_500, "1:02:03", "1:02:03"),
    (360_000_000, "100:00:00", "100:00:00"),
    (-5, "0:00", "0:00:00"),
]


@pytest.mark.parametrize(("ms", "short", "long"), SHOWN)
def test_one_way_from_milliseconds_to_text(ms, short, long):
    assert format_timestamp(ms) == short
    assert format_timestamp(ms, hours=True) == long == format_hms(ms)
    assert format_ms(ms) == ("" if ms < 0 else short)


def test_every_typed_time_shown_reads_back():
    for ms in (0, 1_000, 59_000, 3_599_000, 3_600_000, 3_723_000, 359_999_000):
        assert parse_time_input(format_timestamp(ms)) == ms
        assert parse_time_input(format_timestamp(ms, hours=True)) == ms
