"""Feed parsing: itunes, content:encoded, durations, both Podcasting 2.0 URIs, Podlove, JSON chapters, CJK."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.feeds import FeedError, ParsedChapter, parse_feed
from companion.feeds.chapters_json import parse_chapters_json
from companion.feeds.timecodes import parse_clock_ms, parse_duration_ms

FIXTURES = Path(__file__).parent / "fixtures"

BASE = "http://127.0.0.1:9"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"@BASE@", BASE.encode())


def test_english_feed_fields():
    feed = parse_feed(fixture("en_feed.xml"), f"{BASE}/en.xml")
    assert feed.title == "Long Conversations"
    assert feed.link == "https://example.org/long"
    assert feed.image_url == "https://example.org/long/cover.jpg"
    assert [e.guid for e in feed.episodes] == ["long-3", "long-2", "long-1"]
    ep3, ep2, ep1 = feed.episodes
    assert ep3.audio_url == f"{BASE}/audio/ep3.mp3"
    assert ep3.audio_size == 4096
    assert ep3.audio_type == "audio/mpeg"
    assert ep3.published_at == 1704276000
    assert (ep3.duration_ms, ep2.duration_ms, ep1.duration_ms) == (6_000_000, 3_723_500, 3_723_000)


def test_content_encoded_is_preferred_over_description():
    ep2 = parse_feed(fixture("en_feed.xml"), f"{BASE}/en.xml").episodes[1]
    assert "Full notes." in ep2.notes_text
    assert "Short HTML description" not in ep2.notes_text
    assert [(c.start_ms, c.title) for c in ep2.chapters_of("shownotes")] == [
        (0, "Hello"),
        (300_000, "Main topic"),
        (3_300_000, "Goodbye"),
    ]


def test_podlove_chapters_keep_milliseconds_and_untitled_ones():
    ep3 = parse_feed(fixture("en_feed.xml"), f"{BASE}/en.xml").episodes[0]
    assert list(ep3.chapters_of("podlove")) == [
        ParsedChapter(0, "Welcome"),
        ParsedChapter(37_000, "Bare seconds"),
        ParsedChapter(468_000, "Minutes and seconds"),
        ParsedChapter(2_112_250, "With milliseconds", url="https://example.org/ms"),
        ParsedChapter(5_752_000, "Chapter 5"),
    ]


@pytest.mark.parametrize("name", ["en_feed.xml", "old_namespace.xml"])
def test_both_podcasting_namespace_uris(name: str):
    feed = parse_feed(fixture(name), f"{BASE}/x.xml")
    urls = [e.chapters_url for e in feed.episodes if e.chapters_url]
    assert urls == [f"{BASE}/chapters/ep2.json"]


@pytest.mark.parametrize(
    ("name", "title", "episode", "chapters"),
    [
        ("zh_gb18030.xml", "中文播客：深度对话", "第一期：开场白", ["开场", "嘉宾介绍", "正题", "结尾"]),
        ("zh_gbk.xml", "简体播客", "第二期：讨论", ["开始", "讨论"]),
        ("zh_big5.xml", "台灣播客：說故事的人", "第一集：開場", ["開場", "故事開始", "結尾"]),
    ],
)
def test_chinese_feeds_in_declared_encodings(name, title, episode, chapters):
    feed = parse_feed(fixture(name), f"{BASE}/{name}")
    assert feed.title == title
    assert feed.episodes[0].title == episode
    assert [c.title for c in feed.episodes[0].chapters_of("shownotes")] == chapters
    assert feed.episodes[0].duration_ms == 2_700_000


def test_json_chapters():
    chapters = parse_chapters_json((FIXTURES / "chapters_ep2.json").read_bytes(), "x.json")
    assert chapters == (
        ParsedChapter(0, "Cold open"),
        ParsedChapter(83_456, "Introductions", image_url="https://example.org/img/intro.jpg"),
        ParsedChapter(300_500, "Sponsor", hidden=True),
        ParsedChapter(612_001, "Chapter 4"),
        ParsedChapter(1_500_250, "Deep dive", url="https://example.org/deep"),
    )


@pytest.mark.parametrize("data", [b"", b"{", b"[]", b'{"chapters": 3}'])
def test_bad_json_chapters(data: bytes):
    with pytest.raises(FeedError, match="The chapters file https://x/c.json"):
        parse_chapters_json(data, "https://x/c.json")


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("01:35:52", 5_752_000),
        ("7:48", 468_000),
        ("35:12.250", 2_112_250),
        ("37", 37_000),
        ("0", 0),
        ("1:02:03.5", 3_723_500),
        ("abc", None),
        ("", None),
    ],
)
def test_clock(text, ms):
    assert parse_clock_ms(text) == ms


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("3723", 3_723_000),
        ("3723.5", 3_723_500),
        ("62:03", 3_723_000),
        ("1:02:03", 3_723_000),
        ("01:02:03.000", 3_723_000),
        (" 1:02:03 ", 3_723_000),
        ("PT1H2M3S", 3_723_000),
        ("1h 2m 3s", 3_723_000),
        ("45 min", 2_700_000),
        ("0", None),
        ("", None),
        ("soon", None),
        (None, None),
    ],
)
def test_itunes_duration_forms(text, ms):
    assert parse_duration_ms(text) == ms


def test_namespace_prefixes_declared_on_inner_elements_are_scoped():
    # Prefixes declared on an item apply inside it only; a default namespace on an element maps
    # its unprefixed children; the same prefix can mean another namespace in a sibling.
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Scoped</title>
<item xmlns:it="http://www.itunes.com/dtds/podcast-1.0.dtd"><title>One</title>
  <guid isPermaLink="false">1</guid>
  <it:duration>1:02:03</it:duration></item>
<item xmlns:it="http://example.org/not-itunes"><title>Two</title><guid isPermaLink="false">2</guid>
  <it:duration>9:09:09</it:duration></item>
<item><title>Three</title><guid isPermaLink="false">3</guid>
  <duration xmlns="http://www.itunes.com/dtds/podcast-1.0.dtd">42</duration></item>
</channel></rss>"""
    episodes = {e.guid: e for e in parse_feed(data, "https://example.org/scoped.xml").episodes}
    assert episodes["1"].duration_ms == 3_723_000
    assert episodes["2"].duration_ms is None
    assert episodes["3"].duration_ms == 42_000
