"""Bad input: each gives a FeedError naming the feed, leaves the library as it was, and is retried."""

from __future__ import annotations

import pytest

from companion.feeds import FeedError, fetch_feed_update, parse_feed
from companion.services import subscribe


@pytest.mark.parametrize(
    ("fixture", "content_type", "message"),
    [
        ("malformed.xml", "application/rss+xml", "is not well-formed XML"),
        ("not_a_feed.html", "text/html", "is a web page, not a podcast feed"),
        ("billion_laughs.xml", "application/rss+xml", "declares its own XML entities"),
        ("external_entity.xml", "application/rss+xml", "declares its own XML entities"),
        ("antennapod.opml", "text/xml", "is not a podcast feed"),
    ],
)
def test_bad_documents(library, feed_server, table_rows, fixture, content_type, message):
    url = feed_server.add_fixture("/feed", fixture, content_type=content_type)
    before = table_rows(library)
    with pytest.raises(FeedError) as info:
        subscribe(library, url)
    assert url in str(info.value)
    assert message in str(info.value)
    assert table_rows(library) == before


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "answered 404"),
        (403, "refuses access"),
        (500, "try again later"),
    ],
)
def test_http_errors(library, feed_server, table_rows, status, message):
    url = feed_server.add("/feed", b"", status=status)
    before = table_rows(library)
    with pytest.raises(FeedError, match=message) as info:
        subscribe(library, url)
    assert url in str(info.value)
    assert table_rows(library) == before


def test_missing_path_is_404(library, feed_server):
    with pytest.raises(FeedError, match="404"):
        subscribe(library, feed_server.url("/nothing-here.xml"))


def test_timeout(feed_server):
    url = feed_server.add_fixture("/slow", "en_feed.xml", delay_s=1.5)
    with pytest.raises(FeedError, match=r"no answer within 0\.3 seconds") as info:
        fetch_feed_update(url, timeout=0.3)
    assert url in str(info.value)


def test_truncated_feed(library, feed_server, table_rows):
    url = feed_server.add_fixture("/feed", "en_feed.xml", cut_at=500, cuts_left=1)
    before = table_rows(library)
    with pytest.raises(FeedError, match="broke off") as info:
        subscribe(library, url)
    assert url in str(info.value)
    assert table_rows(library) == before
    assert subscribe(library, url).added == 3  # the next try works


def test_refused_connection(library):
    with pytest.raises(FeedError, match="refused the connection"):
        subscribe(library, "http://127.0.0.1:9/feed.xml")


def test_external_entity_is_never_read():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd">'
        b"<rss><channel><title>t&amp;</title></channel></rss>"
    )
    # an external DTD (as RSS 0.91 feeds declare) is skipped without being read
    feed = parse_feed(data, "https://example.org/f.xml")
    assert feed.title == "t&"
    with pytest.raises(FeedError, match="declares its own XML entities"):
        parse_feed(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
            b"<rss><channel><title>t</title></channel></rss>",
            "https://example.org/f.xml",
        )


def test_empty_and_garbage(library):
    with pytest.raises(FeedError, match="empty document"):
        parse_feed(b"  \n", "https://example.org/f.xml")
    with pytest.raises(FeedError, match="not well-formed"):
        parse_feed(b"\x00\xff\xfe garbage", "https://example.org/f.xml")


def test_missing_local_file(library, tmp_path):
    with pytest.raises(FeedError, match="no feed file at"):
        subscribe(library, str(tmp_path / "none.xml"))


def test_other_schemes_refused(library):
    with pytest.raises(FeedError, match="http"):
        subscribe(library, "ftp://example.org/feed.xml")


def test_external_dtd_with_entities_is_not_read(tmp_path):
    dtd = tmp_path / "secret.dtd"
    dtd.write_text('<!ENTITY secret "SECRET-FROM-DISK">', encoding="utf-8")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd.as_uri()}">'
        "<rss><channel><title>show &secret;</title></channel></rss>"
    ).encode()
    try:
        feed = parse_feed(data, "https://example.org/f.xml")
    except FeedError as exc:
        assert "SECRET" not in str(exc)
    else:
        assert "SECRET" not in feed.title
