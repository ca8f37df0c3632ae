"""A feed whose declared charset lies (Big5 bytes said to be GB18030, or the reverse) is read right."""

from __future__ import annotations

import pytest

from companion.feeds import parse_feed
from companion.feeds.charsets import plausibility
from companion.services import subscribe

TRADITIONAL = "港台夜話：說書的人", "第三集：颱風過後的街道", ["開場白", "舊城區的記憶", "聽眾來信", "結尾"]
SIMPLIFIED = "城市声音：讲故事的人", "第三集：台风过后的街道", ["开场白", "旧城区的记忆", "听众来信", "结尾"]


def document(declared: str | None, texts: tuple) -> str:
    title, episode, chapters = texts
    timeline = " ".join(f"{m:02d}:00 {c}" for m, c in zip((0, 9, 25, 41), chapters, strict=True))
    head = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    return (
        f"{head}<rss version='2.0'><channel><title>{title}</title><item><title>{episode}</title>"
        f"<guid>g1</guid><enclosure url='https://cdn.example.org/3.mp3' type='audio/mpeg' length='9'/>"
        f"<description>{timeline}</description></item></channel></rss>"
    )


@pytest.mark.parametrize(
    ("declared", "encoding", "texts"),
    [
        ("GB18030", "big5", TRADITIONAL),
        ("GBK", "big5", TRADITIONAL),
        ("Big5", "gb18030", SIMPLIFIED),
        ("UTF-8", "gb18030", SIMPLIFIED),
        ("UTF-8", "big5", TRADITIONAL),
    ],
)
def test_a_declaration_that_lies_is_seen_through(declared, encoding, texts):
    data = document(declared, texts).encode(encoding)
    feed = parse_feed(data, "https://example.org/feed.xml")
    assert feed.title == texts[0]
    assert feed.episodes[0].title == texts[1]
    assert [c.title for c in feed.episodes[0].chapters_of("shownotes")] == texts[2]


def test_an_http_charset_that_lies_is_seen_through_and_stored_right(library, feed_server):
    data = document(None, TRADITIONAL).encode("big5")
    url = feed_server.add("/feed.xml", data, content_type="application/rss+xml; charset=gb18030")
    subscribe(library, url)
    assert [p.title for p in library.podcasts() if p.feed_url == url] == [TRADITIONAL[0]]
    assert [e.title for e in library.episodes()] == [TRADITIONAL[1]]


@pytest.mark.parametrize(
    ("declared", "encoding", "texts"),
    [("GBK", "gbk", TRADITIONAL), ("GB18030", "gb18030", SIMPLIFIED), ("Big5", "big5", TRADITIONAL)],
)
def test_a_true_declaration_is_kept(declared, encoding, texts):
    # traditional characters written in GBK stay GBK: they are common characters too
    feed = parse_feed(document(declared, texts).encode(encoding), "https://example.org/feed.xml")
    assert feed.title == texts[0] and feed.episodes[0].title == texts[1]


def test_plausibility_tells_real_text_from_misread_bytes():
    real = TRADITIONAL[0] + TRADITIONAL[1]
    misread = real.encode("big5").decode("gb18030")
    assert plausibility(real) == 1.0
    assert plausibility(misread) < 0.6
    assert plausibility("ascii only") is None
