"""Feed dates are instants: every wild form read with its zone, the same under Asia/Shanghai and UTC."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from calendar import timegm
from pathlib import Path

import pytest

from companion.feeds.dates import parse_date

ROOT = Path(__file__).resolve().parents[2]


def utc(*parts: int) -> int:
    return timegm((*parts, *([0] * (6 - len(parts))), 0, 0, 0))


# (as the feed writes it, the instant it means)
TABLE = [
    ("Fri, 21 Nov 1997 09:55:06 -0600", utc(1997, 11, 21, 15, 55, 6)),
    ("Tue, 10 Jun 2003 04:00:00 GMT", utc(2003, 6, 10, 4)),
    ("2024-05-08T22:18:52.485Z", utc(2024, 5, 8, 22, 18, 52)),  # JavaScript's toISOString()
    ("2024-05-08T22:18:52+0800", utc(2024, 5, 8, 14, 18, 52)),
    ("2024-05-08T22:18:52+08:00", utc(2024, 5, 8, 14, 18, 52)),
    ("2024-05-08T22:18:52", utc(2024, 5, 8, 22, 18, 52)),  # no zone: UTC, never this machine's
    ("2024-05-08 22:18", utc(2024, 5, 8, 22, 18)),
    ("20240508T221852Z", utc(2024, 5, 8, 22, 18, 52)),
    ("2003-12-31", utc(2003, 12, 31)),
    ("Thu, 01 Jan 2004", utc(2004, 1, 1)),
    ("8 Sept 2014", utc(2014, 9, 8)),
    ("08-Sep-2014", utc(2014, 9, 8)),
    ("Thu,, 01 Jan 2004 10:00:00 GMT", utc(2004, 1, 1, 10)),
    ("Thu, 01 Jan, 2004 10:00:00 GMT", utc(2004, 1, 1, 10)),
    ("Wed, 02 Oct 02 08:00:00 EST", utc(2002, 10, 2, 13)),  # two-digit year
    ("Sun, 03 Jan 99 12:00:00 +0000", utc(1999, 1, 3, 12)),
    ("Thu, 01 Jan 2004 10:00:00 CET", utc(2004, 1, 1, 9)),
    ("Thu, 01 Jul 2004 10:00:00 CEST", utc(2004, 7, 1, 8)),
    ("Sat, 07 Sep 2002 00:00:01 MET", utc(2002, 9, 6, 23, 0, 1)),
    ("Mon, 06 Jan 2020 08:00:00 AEST", utc(2020, 1, 5, 22)),
    ("Mon, 06 Jan 2020 08:00:00 EDT", utc(2020, 1, 6, 12)),
    ("Mon, 06 Jan 2020 08:00:00 CST", utc(2020, 1, 6, 14)),
    ("Mon, 06 Jan 2020 08:00:00 CDT", utc(2020, 1, 6, 13)),
    ("Mon, 06 Jan 2020 08:00:00 MST", utc(2020, 1, 6, 15)),
    ("Mon, 06 Jan 2020 08:00:00 MDT", utc(2020, 1, 6, 14)),
    ("Mon, 06 Jan 2020 08:00:00 PST", utc(2020, 1, 6, 16)),
    ("Mon, 06 Jan 2020 08:00:00 PDT", utc(2020, 1, 6, 15)),
    ("Thu May 08 2024 22:18:52 GMT-0400 (EDT)", utc(2024, 5, 9, 2, 18, 52)),  # JavaScript's toString()
    ("Thu May 08 2024 22:18:52 GMT+0800 (China Standard Time)", utc(2024, 5, 8, 14, 18, 52)),
    ("Thu, 01 Jan 2004 10:00:00 -01:01", utc(2004, 1, 1, 11, 1)),
    ("Jan 8, 2014 10:00 PM PST", utc(2014, 1, 9, 6)),
    ("Thu May  8 22:18:52 2024", utc(2024, 5, 8, 22, 18, 52)),  # ctime
    ("1704276000", utc(2024, 1, 3, 10)),  # epoch seconds
    ("1704276000000", utc(2024, 1, 3, 10)),  # and milliseconds
    ("1970-01-01T00:00:00Z", 0),  # a real date, not "no date"
    ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
]
NOT_DATES = ["", "   ", "soon", "31 Feb 2004", "Thu, 01 Jan 2004 25:00:00 GMT", "2024-13-01", "Jan 2004"]


@pytest.mark.parametrize(("text", "instant"), TABLE)
def test_date_forms(text: str, instant: int):
    assert parse_date(text) == instant


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str):
    assert parse_date(text) is None


_PROBE = """
import json, sys, time
from companion.feeds import parse_feed
from companion.feeds.dates import parse_date
texts = json.loads(sys.argv[1])
items = "".join(
    f"<item><title>t{i}</title><guid>g{i}</guid><pubDate>{t}</pubDate></item>" for i, t in enumerate(texts)
)
feed = parse_feed(f"<rss><channel><title>z</title>{items}</channel></rss>".encode(), "https://e.org/f.xml")
print(json.dumps({"zone": time.tzname, "parsed": [parse_date(t) for t in texts],
                  "feed": [e.published_at for e in feed.episodes]}))
"""


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC", "America/New_York"])
def test_the_same_instants_in_any_machine_zone(zone: str):
    """The whole table read by a process whose local zone is ``zone``: parse_date and a feed's pubDate."""
    texts = [text for text, _ in TABLE]
    env = {**os.environ, "TZ": zone, "PYTHONPATH": str(ROOT)}
    ran = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(texts)], capture_output=True, text=True, env=env, timeout=60
    )
    assert ran.returncode == 0, ran.stderr
    result = json.loads(ran.stdout)
    assert result["zone"][0] in ("CST", "UTC", "EST")  # the zone really was in force
    expected = [instant for _, instant in TABLE]
    assert result["parsed"] == expected
    assert result["feed"] == expected
