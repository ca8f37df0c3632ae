"""Property tests for the feed-side parsers: any input gives a result or a FeedError, nothing else;
results stay in range; OPML written by us reads back the same."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.feeds import FeedError, OpmlOutline, parse_feed, parse_opml, write_opml
from companion.feeds.chapters_json import parse_chapters_json
from companion.feeds.timecodes import parse_clock_ms, parse_duration_ms, seconds_to_ms

FEW = settings(max_examples=150, deadline=None)

_xml_bits = st.sampled_from(
    [
        "<?xml version='1.0' encoding='UTF-8'?>",
        "<?xml version='1.0' encoding='GB18030'?>",
        "<rss version='2.0'>",
        "<channel>",
        "</channel>",
        "<item>",
        "</item>",
        "<title>第一期 Episode</title>",
        "<enclosure url='https://example.org/a.mp3' length='-3' type='audio/mpeg'/>",
        "<enclosure/>",
        "<itunes:duration xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'>1:02:03</itunes:duration>",
        "<guid>g</guid>",
        "<description><![CDATA[<p>00:00 开场 05:46 正题</p>]]></description>",
        "<pubDate>not a date</pubDate>",
        "<psc:chapters xmlns:psc='http://podlove.org/simple-chapters'>",
        "<psc:chapter start='7:48' title=''/>",
        "<psc:chapter start='banana'/>",
        "</psc:chapters>",
        "<!DOCTYPE rss [<!ENTITY a 'x'>]>",
        "&a;",
        "</rss>",
        "\x00",
        "<",
    ]
)


@FEW
@given(st.binary(max_size=400))
def test_parse_feed_takes_any_bytes(data: bytes):
    try:
        feed = parse_feed(data, "https://example.org/feed.xml")
    except FeedError as exc:
        assert "example.org/feed.xml" in str(exc)
        return
    for episode in feed.episodes:
        assert episode.guid and episode.title
        assert episode.duration_ms is None or episode.duration_ms >= 0


@FEW
@given(st.lists(_xml_bits, max_size=25))
def test_parse_feed_takes_any_mix_of_feed_parts(parts: list[str]):
    data = "".join(parts).encode("utf-8")
    try:
        feed = parse_feed(data, "https://example.org/feed.xml")
    except FeedError:
        return
    for episode in feed.episodes:
        for _source, chapters in episode.chapters:
            starts = [c.start_ms for c in chapters]
            assert all(s >= 0 for s in starts)
            assert all(c.title for c in chapters)


@FEW
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_parse_chapters_json_takes_anything(data):
    try:
        chapters = parse_chapters_json(data, "https://example.org/c.json")
    except FeedError:
        return
    starts = [c.start_ms for c in chapters]
    assert starts == sorted(starts) and all(s >= 0 for s in starts)


@FEW
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "startTime": st.one_of(st.floats(allow_nan=True), st.integers(), st.text(max_size=5)),
                "title": st.one_of(st.none(), st.text(max_size=10)),
                "toc": st.one_of(st.booleans(), st.none()),
            }
        ),
        max_size=8,
    )
)
def test_chapters_json_keeps_milliseconds_and_order(entries):
    import json

    data = json.dumps({"version": "1.2.0", "chapters": entries}, allow_nan=True)
    try:
        chapters = parse_chapters_json(data, "https://example.org/c.json")
    except FeedError:
        return
    starts = [c.start_ms for c in chapters]
    assert starts == sorted(starts) and all(isinstance(s, int) and s >= 0 for s in starts)
    assert all(c.title for c in chapters)


@FEW
@given(st.text(max_size=30))
def test_timecodes_never_raise_and_stay_non_negative(text: str):
    for value in (parse_clock_ms(text), parse_duration_ms(text), seconds_to_ms(text)):
        assert value is None or (isinstance(value, int) and value >= 0)


@FEW
@given(st.binary(max_size=300))
def test_parse_opml_takes_any_bytes(data: bytes):
    try:
        outlines = parse_opml(data, "subs.opml")
    except FeedError as exc:
        assert "subs.opml" in str(exc)
        return
    assert all(o.xml_url for o in outlines)


_url = st.builds(
    lambda host, path: f"https://{host}.example.org/{path}",
    st.text("abcdefghij", min_size=1, max_size=8),
    st.text("abc/-_.?=&%", max_size=12),
)


@FEW
@given(
    st.lists(
        st.builds(
            OpmlOutline,
            _url,
            st.text(max_size=20).filter(lambda t: "\x00" not in t),
            st.one_of(st.none(), _url),
        ),
        max_size=6,
        unique_by=lambda o: o.xml_url,
    )
)
def test_opml_we_write_reads_back(outlines: list[OpmlOutline]):
    text = write_opml(outlines)
    back = parse_opml(text.encode("utf-8"), "ours.opml")
    assert [o.xml_url for o in back] == [o.xml_url for o in outlines]
