"""Feeds as they are in the wild (our own fixtures, one per class): what peers read, we read, field by field;
``companion subscribe`` of each exits 0 with those episodes, or 1 with one line naming the feed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli.main import main
from companion.feeds import parse_feed

WILD = Path(__file__).parent / "fixtures" / "wild"
URL = "https://feeds.example.org/podcast.xml"
ROOT = Path(__file__).resolve().parents[2]

CASES: dict[str, dict] = {
    "entities.xml": {
        "podcast": {
            "title": "Kitchen & Garden Hour",
            "link": "https://kitchen.example.org/",
            "description": "Recipes, compost and café talk",  # &nbsp; is a space there
        },
        "episodes": [
            {
                "guid": "kg-2",
                "title": "Soup… again",
                "published_at": 1709618400,
                "audio_url": "https://cdn.example.org/kg/2.mp3?src=feed&ep=2",
                "notes": "<p>Leeks & potatoes.</p>gt; <p>Next week: bread</p>",  # &gtgt; as HTML reads it
            },
            {
                "guid": "kg-1",
                "title": "Seeds & soil",
                "published_at": 1709013600,
                "notes": "Tomatoes – when to sow © us &unknownthing; done",
            },
        ],
    },
    "empty_xmlns.xml": {
        "podcast": {"title": "No Namespace Radio"},
        "episodes": [{"guid": "nn-1", "title": "Pilot", "published_at": 1711972800}],
    },
    "userland.xml": {
        "podcast": {"title": "Old School Weblog Audio", "link": "http://weblog.example.org/"},
        "episodes": [
            {
                "guid": "us-1",
                "title": "Scripting the news",
                "published_at": 1031356801,
                "audio_url": "http://weblog.example.org/audio/1.mp3",
                "audio_size": 2048,
            }
        ],
    },
    "xhtml_doctype.xml": {
        "podcast": {"title": "Template Talk"},
        "episodes": [{"guid": "tt-1", "title": "Café culture"}],
    },
    "truncated.xml": {
        "podcast": {"title": "Half Sent"},
        "episodes": [{"guid": "hs-3", "title": "Third"}, {"guid": "hs-2", "title": "Second"}],
        "complete": False,
        "warnings": ["ends before it is complete (cut off at line 18); the 2 whole episodes before that"],
    },
    "broken_item.xml": {
        "podcast": {"title": "One Bad Apple"},
        "episodes": [
            {"guid": "ba-3", "title": "Good one"},
            {"guid": "ba-1", "title": "Last good one", "notes": "Line one<br>line two"},
        ],
        "complete": False,
        "warnings": [
            "item “Bad one” at line 10 is not well-formed XML (mismatched tag, line 13) and was skipped"
        ],
    },
    "bad_guid.xml": {
        "podcast": {"title": "Bracket Show"},
        "episodes": [
            {"guid": "http://example.c[o.test/", "title": "Odd guid", "link": "http://example.c[o.test/page"}
        ],
    },
    "dates.xml": {
        "podcast": {"title": "Clock Shop"},
        "episodes": [
            {"guid": "d1", "published_at": 1715206732},  # 2024-05-08T22:18:52.485Z
            {"guid": "d2", "published_at": 1715177932},  # +0800: 14:18:52 UTC
            {"guid": "d3", "published_at": 1031353201},  # MET is UTC+1
            {"guid": "d4", "published_at": 1072915200},  # a day without a time: its midnight UTC
            {"guid": "d5", "published_at": 0},  # 1970-01-01T00:00:00Z is a date
            {"guid": "d6", "published_at": 1072828800},  # dc:date 2003-12-31
            {"guid": "d7", "published_at": 1715221132},  # JavaScript's GMT-0400 (EDT)
        ],
    },
    "latin1_cp1252.xml": {
        "podcast": {"title": "Café Corner"},
        "episodes": [
            {"guid": "cc-1", "title": "Don’t panic – it’s “fine”", "notes": "Crème brûlée … and more"}
        ],
    },
    "gbk_undeclared.xml": {
        "podcast": {"title": "深夜电台：城市里的故事"},
        "episodes": [
            {
                "guid": "zh-1",
                "title": "第一期：我们为什么要聊天",
                "shownotes": [(0, "开场白"), (330_000, "今天的话题"), (1_200_000, "听众来信")],
            }
        ],
    },
    "big5_undeclared.xml": {
        "podcast": {"title": "深夜電台：城市裡的故事"},
        "episodes": [
            {
                "guid": "zh-1",
                "title": "第一期：我們為什麼要聊天",
                "shownotes": [(0, "開場白"), (330_000, "今天的話題"), (1_200_000, "聽眾來信")],
            }
        ],
    },
    "utf16le_nobom.xml": {
        "podcast": {"title": "Wide Load"},
        "episodes": [{"guid": "wl-1", "title": "Sixteen bits"}],
    },
    "utf16be_nobom.xml": {
        "podcast": {"title": "Wide Load"},
        "episodes": [{"guid": "wl-1", "title": "Sixteen bits"}],
    },
    "repeated.xml": {
        "podcast": {"title": "Said Twice", "description": "The first description", "link": None},
        "episodes": [
            {
                "guid": "st-2",
                "title": "Take one",
                "link": None,
                "notes": "First notes 00:00 Start 01:00 Middle",
                "chapters_url": "https://cdn.example.org/st/2-first.json",
                "podlove": [(0, "Opening"), (300_000, "Topic")],
                "shownotes": [(0, "Start"), (60_000, "Middle")],
            },
            {
                "guid": "st-1",
                "title": "Linked by href",
                "link": "https://said.example.org/episodes/1",
                "notes": "<p>First content</p>",
            },
        ],
    },
    "podcasting20.xml": {
        "podcast": {
            "title": "Namespace Tour",
            "image_url": "https://tour.example.org/p20-3000.jpg",
            "podcast_guid": "3f1c2b7e-8d4a-5e61-9b0c-7a2d4e6f8a10",
            "locked": True,
            "locked_owner": "owner@tour.example.org",
            "funding": [
                {"url": "https://tour.example.org/support", "title": "Support the tour"},
                {"url": "https://feeds.example.org/members", "title": "Members"},
            ],
            "persons": [
                {"name": "Ana Host", "role": "host", "group": "cast", "href": None,
                 "img": "https://tour.example.org/ana.jpg"},
            ],
        },
        "episodes": [
            {
                "guid": "tour-3",
                "title": "Trailer: what is coming",
                "itunes_title": "What is coming",
                "episode_type": "trailer",
                "season": 2,
                "season_name": "The Deep End",
                "number": 1.5,
                "number_label": "Ch. 1.5",
                "published_at": 1715151600,  # 09:00 CEST
                "audio_type": "audio/mp4",  # from .m4a: the feed gives no type
                "image_url": "https://tour.example.org/ep3-p20.jpg",
                "transcripts": [
                    {"url": "https://tour.example.org/ep3.vtt", "type": "text/vtt", "language": "en",
                     "rel": "captions"},
                    {"url": "https://feeds.example.org/transcripts/ep3.srt", "type": "application/x-subrip",
                     "language": None, "rel": None},
                    {"url": "https://tour.example.org/ep3.json", "type": "application/json", "language": "es",
                     "rel": None},
                ],
                "persons": [
                    {"name": "Bo Guest", "role": "guest", "group": "cast", "href": "https://bo.example.org/",
                     "img": None},
                    {"name": "Ana Host", "role": "host", "group": "cast", "href": None, "img": None},
                ],
                "notes": '<p>See <a href="https://tour.example.org/notes/3">the notes</a> and <img'
                ' src="https://tour.example.org/ep/3/cover.png"> or <a href="https://elsewhere.example.net/x">'
                'this</a>, <a href="#t=60">at 1:00</a>.</p>',
            },
            {
                "guid": "tour-2",
                "episode_type": "bonus",
                "season": 1,
                "number": 7,
                "audio_type": "audio/opus",
                "image_url": "https://tour.example.org/ep2-text.jpg",  # itunes:image's text
                "notes": '<p>Relative <a href="https://feeds.example.org/more.html">link</a> with no item'
                " link.</p>",
            },
            {"guid": "tour-1", "episode_type": "full", "season": None, "number": None, "image_url": None},
        ],
    },
}  # fmt: skip
REFUSED = {
    "first_item_cut.xml": "ended before the feed was complete",
    "../malformed.xml": "is not well-formed XML",
    "../billion_laughs.xml": "declares its own XML entities",
}


def _plain(value):
    if isinstance(value, tuple) and value and hasattr(value[0], "__dataclass_fields__"):
        return [{name: getattr(v, name) for name in v.__dataclass_fields__} for v in value]
    return value


def _check_episode(episode, expected: dict) -> None:
    for key, value in expected.items():
        if key in ("shownotes", "podlove"):
            assert [(c.start_ms, c.title) for c in episode.chapters_of(key)] == value, key
        else:
            assert _plain(getattr(episode, key)) == value, key


@pytest.mark.parametrize("name", sorted(CASES))
def test_wild_feed_field_by_field(name: str):
    case = CASES[name]
    feed = parse_feed((WILD / name).read_bytes(), URL)
    for key, value in case["podcast"].items():
        assert _plain(getattr(feed, key)) == value, key
    assert [e.guid for e in feed.episodes] == [e["guid"] for e in case["episodes"]]
    for episode, expected in zip(feed.episodes, case["episodes"], strict=True):
        _check_episode(episode, expected)
    assert feed.complete is case.get("complete", True)
    assert len(feed.warnings) == len(case.get("warnings", []))
    for warning, part in zip(feed.warnings, case.get("warnings", []), strict=True):
        assert URL in warning and part in warning


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", sorted(CASES))
def test_subscribe_to_wild_feed(name: str, feed_server, tmp_path, capsys):
    case = CASES[name]
    url = feed_server.add_fixture(f"/{name}", f"wild/{name}", content_type="application/rss+xml")
    library = str(tmp_path / "library.db")
    code, out, err = _cli(capsys, "--library", library, "subscribe", url)
    assert code == 0, err
    for warning in case.get("warnings", []):
        assert warning in err  # said, once, on stderr
    count = len(case["episodes"])
    assert f"{count} new episode" in out
    listed = json.loads(_cli(capsys, "--library", library, "list", "--json")[1])
    by_title = {e["title"]: e for e in listed}
    assert len(listed) == count
    for expected in case["episodes"]:
        if "title" in expected:
            assert expected["title"] in by_title
        if "published_at" in expected:
            assert any(e["published_at"] == expected["published_at"] for e in listed)
    if name == "podcasting20.xml":  # what real feeds carry, as companion show --json gives it
        trailer = next(e for e in listed if e["title"] == "Trailer: what is coming")
        shown = json.loads(_cli(capsys, "--library", library, "show", str(trailer["id"]), "--json")[1])
        # addresses relative to the feed are relative to where it was served
        expected = json.loads(json.dumps(case).replace("https://feeds.example.org", feed_server.base))
        for key in ("itunes_title", "episode_type", "season", "season_name", "number", "number_label",
                    "audio_type", "image_url", "transcripts", "persons"):  # fmt: skip
            assert shown[key] == expected["episodes"][0][key], key
        details = shown["podcast_details"]
        for key in ("image_url", "podcast_guid", "locked", "locked_owner", "funding", "persons"):
            assert details[key] == expected["podcast"][key], key


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_subscribe_to_refused_feed_says_one_line(name: str, feed_server, tmp_path, capsys):
    url = feed_server.add_fixture("/feed.xml", f"wild/{name}")
    code, out, err = _cli(capsys, "--library", str(tmp_path / "library.db"), "subscribe", url)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("companion: ")
    assert url in err and REFUSED[name] in err


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("gbk_undeclared.xml", "text/xml; charset=ISO-8859-1"),
        ("latin1_cp1252.xml", "text/xml"),
        ("utf16be_nobom.xml", "application/xml; charset=UTF-16"),
    ],
)
def test_a_server_default_charset_is_seen_through(name, content_type, feed_server, tmp_path, capsys):
    url = feed_server.add_fixture("/feed.xml", f"wild/{name}", content_type=content_type)
    library = str(tmp_path / "library.db")
    assert _cli(capsys, "--library", library, "subscribe", url)[0] == 0
    listed = json.loads(_cli(capsys, "--library", library, "list", "--json")[1])
    assert [e["title"] for e in listed] == [CASES[name]["episodes"][0]["title"]]


def test_the_real_program_never_prints_a_traceback(feed_server, tmp_path):
    """As a person runs it: ``companion subscribe`` in its own process, a good feed and a bad one."""
    env = {**os.environ, "COMPANION_LIBRARY": str(tmp_path / "library.db"), "PYTHONPATH": str(ROOT)}
    good = feed_server.add_fixture("/good.xml", "wild/broken_item.xml")
    bad = feed_server.add_fixture("/bad.xml", "wild/first_item_cut.xml")
    command = [sys.executable, "-m", "companion", "subscribe"]
    ran = subprocess.run([*command, good], capture_output=True, text=True, env=env, timeout=120)
    assert ran.returncode == 0 and "Traceback" not in ran.stderr
    assert "2 new episodes" in ran.stdout and "“Bad one” at line 10" in ran.stderr
    ran = subprocess.run([*command, bad], capture_output=True, text=True, env=env, timeout=120)
    assert ran.returncode == 1 and "Traceback" not in ran.stderr
    assert ran.stderr.startswith(f"companion: {bad} ended before") and ran.stderr.count("\n") == 1
