"""Hostile servers and feeds: trickles hit a deadline, cancels act at once, bombs stop at their caps,
and a bad part of one item (a port that is not a number, an address urllib cannot parse) costs that part."""

from __future__ import annotations

import logging
import threading
import time
import zlib

import pytest
from feed_text import rss

from companion.feeds import FeedError, fetch_feed_update, parse_feed
from companion.feeds.deadline import Cancel
from companion.feeds.errors import FetchCancelled
from companion.feeds.http import get
from companion.services import subscribe

PODCAST = "https://podcastindex.org/namespace/1.0"


def gzip_bomb(megabytes: int, head: bytes = b"<rss version='2.0'><channel><title>") -> bytes:
    """gzip members (one per MB of spaces) that together decompress to ``megabytes`` MB."""
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    spaces = member.compress(b" " * 2**20) + member.flush()
    first = zlib.compressobj(9, zlib.DEFLATED, 31)
    return first.compress(head) + first.flush() + spaces * megabytes


def audio_urls(library) -> dict[str, str | None]:
    return dict(library.db.conn.execute("SELECT guid, audio_url FROM episodes").fetchall())


# ----- deadlines and cancelling ----------------------------------------------------------------


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_feed_that_trickles_a_byte_at_a_time_stops_at_its_deadline(feed_server, headers_too):
    url = feed_server.add("/feed", rss("Slow", ["a", "b"]), trickle_s=0.1, trickle_headers=headers_too)
    started = time.monotonic()
    with pytest.raises(FeedError, match=r"took longer than 1\.5 seconds") as info:
        fetch_feed_update(url, timeout=20, deadline_s=1.5)  # every single read is far within 20 s
    assert url in str(info.value)
    assert 1.4 < time.monotonic() - started < 4


def test_a_trickling_subscription_changes_nothing_and_the_next_try_works(library, feed_server, table_rows):
    feed_server.add("/feed", rss("Slow", ["a"]), trickle_s=0.1)
    before = table_rows(library)
    with pytest.raises(FeedError, match="took longer"):
        fetch_feed_update(feed_server.url("/feed"), deadline_s=1)
    assert table_rows(library) == before
    feed_server.routes["/feed"].trickle_s = 0
    assert subscribe(library, feed_server.url("/feed")).added == 1


def test_cancel_stops_a_fetch_blocked_in_a_read_at_once(feed_server):
    url = feed_server.add("/feed", rss("Slow", ["a"]), trickle_s=1.0)
    cancel = Cancel()
    outcome: list[BaseException] = []

    def fetch() -> None:
        try:
            fetch_feed_update(url, cancel=cancel)  # the default deadline: a minute
        except BaseException as exc:  # noqa: BLE001
            outcome.append(exc)

    thread = threading.Thread(target=fetch, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not feed_server.hits("/feed") and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # the worker is in a read now, waiting for the next byte
    stopped = time.monotonic()
    cancel.set()
    thread.join(3)
    assert not thread.is_alive()
    assert time.monotonic() - stopped < 0.5
    assert len(outcome) == 1 and isinstance(outcome[0], FetchCancelled)


def test_a_cancelled_flag_stops_a_fetch_before_it_starts(feed_server):
    url = feed_server.add("/feed", rss("Fine", ["a"]))
    cancel = Cancel()
    cancel.set()
    with pytest.raises(FetchCancelled):
        fetch_feed_update(url, cancel=cancel)


def test_the_chapter_files_of_a_feed_have_their_deadline_too(library, feed_server, caplog):
    chapters = b'{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "One"}]}'
    feed_server.add("/c.json", chapters, content_type="application/json", trickle_s=0.2)
    head = "<podcast:chapters url='@BASE@/c.json' type='application/json+chapters'/>"
    item = rss("Chapters", ["a"]).replace("</description>", f"</description>{head}")
    item = item.replace("<rss ", f"<rss xmlns:podcast='{PODCAST}' ")
    url = feed_server.add("/feed", item)
    started = time.monotonic()
    update = fetch_feed_update(url, deadline_s=1)
    assert time.monotonic() - started < 4
    assert update.feed is not None and update.feed.episodes[0].chapters_of("podcast-json") is None
    assert "took longer than 1 seconds" in caplog.text


# ----- cut-off and broken answers --------------------------------------------------------------


def test_a_chunked_answer_cut_inside_a_chunk_is_a_feed_error(library, feed_server, table_rows):
    url = feed_server.add("/feed", rss("Cut", ["a", "b"]), chunked=True, cut_at=200, cuts_left=1)
    before = table_rows(library)
    with pytest.raises(FeedError, match="broke off") as info:
        subscribe(library, url)
    assert url in str(info.value)
    assert table_rows(library) == before
    assert subscribe(library, url).added == 2  # whole this time: the feed is not locked out


@pytest.mark.parametrize(
    "address",
    ["http://127.0.0.1:abc/feed.xml", "http://[::1/x", "http://127.0.0.1:99999/feed.xml", "http:///feed"],
)
def test_a_feed_address_that_cannot_be_fetched_is_a_clear_error(library, table_rows, address):
    before = table_rows(library)
    with pytest.raises(FeedError, match="cannot be fetched") as info:
        subscribe(library, address)
    assert address in str(info.value)
    assert table_rows(library) == before


def test_a_redirect_to_a_port_that_is_not_a_number_is_a_feed_error(library, feed_server):
    url = feed_server.redirect("/feed", 301, "http://127.0.0.1:abc/feed.xml")
    with pytest.raises(FeedError, match="redirects to 'http://127.0.0.1:abc/feed.xml', which is refused"):
        subscribe(library, url)


# ----- a bad part of one item costs that part ----------------------------------------------------


BAD_ENCLOSURES = {
    "passwd": "file:///home/you/.ssh/id_rsa",
    "ftp": "ftp://ftp.example.org/a.mp3",
    "script": "javascript:alert(1)",
    "port": "http://cdn.example.org:abc/a.mp3",
    "ipv6": "http://[::1/x.mp3",
}


def test_items_keep_only_http_enclosures_and_say_which_were_refused(library, feed_server, caplog):
    document = rss("Mixed", ["good", *BAD_ENCLOSURES])
    for guid, address in BAD_ENCLOSURES.items():
        document = document.replace(f"https://cdn.example.org/{guid}.mp3", address)
    url = feed_server.add("/feed", document)
    with caplog.at_level(logging.WARNING):
        report = subscribe(library, url)
    assert report.added == 6
    assert audio_urls(library) == {
        "good": "https://cdn.example.org/good.mp3",
        **dict.fromkeys(BAD_ENCLOSURES),
    }
    for guid in BAD_ENCLOSURES:
        assert f"item “Mixed {guid}”: its " in caplog.text  # its audio address / its <enclosure>
    feed = parse_feed(document.encode(), url)
    assert len(feed.warnings) == len(BAD_ENCLOSURES)
    assert all("was refused" in w or "was skipped" in w for w in feed.warnings)


def test_a_chapters_address_with_a_bad_port_costs_those_chapters_only(library, feed_server, caplog):
    document = rss("Chapters", ["a", "b"]).replace("<rss ", f"<rss xmlns:podcast='{PODCAST}' ")
    bad = "<podcast:chapters url='http://127.0.0.1:abc/c.json' type='application/json+chapters'/>"
    document = document.replace("</description></item>", f"</description>{bad}</item>", 1)
    url = feed_server.add("/feed", document)
    assert subscribe(library, url).added == 2
    assert "the chapters address 'http://127.0.0.1:abc/c.json'" in caplog.text
    titles = library.db.conn.execute("SELECT count(*) FROM chapters WHERE source = 'shownotes'").fetchone()
    assert titles[0] == 4  # both items' show-notes timelines are there


def test_a_new_feed_url_with_a_bad_port_is_ignored(library, feed_server, caplog):
    head = "<itunes:new-feed-url>http://127.0.0.1:abc/feed.xml</itunes:new-feed-url>"
    url = feed_server.add("/feed", rss("Stays", ["a"], head=head))
    report = subscribe(library, url)
    assert report.added == 1 and report.moved_to is None
    assert [p.feed_url for p in library.podcasts() if p.feed_url == url] == [url]
    assert "its itunes:new-feed-url 'http://127.0.0.1:abc/feed.xml' is ignored" in caplog.text


def test_chapters_of_nested_json_arrays_cost_those_chapters_only(library, feed_server, caplog):
    feed_server.add("/c.json", b"[" * 100_000 + b"]" * 100_000, content_type="application/json")
    document = rss("Nested", ["a", "b"]).replace("<rss ", f"<rss xmlns:podcast='{PODCAST}' ")
    tag = "<podcast:chapters url='@BASE@/c.json' type='application/json+chapters'/>"
    document = document.replace("</description></item>", f"</description>{tag}</item>", 1)
    url = feed_server.add("/feed", document)
    assert subscribe(library, url).added == 2
    assert "nests its JSON too deeply" in caplog.text


def test_an_item_link_urllib_cannot_parse_costs_that_link(library, feed_server, caplog):
    document = rss("Links", ["a", "b"]).replace(
        "<guid isPermaLink='false'>a</guid>",
        "<guid isPermaLink='false'>a</guid><link>http://[::1/page</link>",
    )
    atom = document.replace(
        "<title>Links a</title>", "<title>Links a</title><atom:link rel='enclosure' href='http://[::1/x'/>"
    )
    url = feed_server.add("/feed", atom)
    assert subscribe(library, url).added == 2
    assert "item “Links a”" in caplog.text


# ----- bombs --------------------------------------------------------------------------------------


def test_a_gzip_bomb_stops_at_the_size_cap_while_it_is_read(feed_server):
    bomb = gzip_bomb(200)  # 200 MB once uncompressed, about 200 KB sent
    assert len(bomb) < 400_000
    url = feed_server.add("/feed", bomb, content_encoding="gzip")
    with pytest.raises(FeedError, match="larger than 8 MB once uncompressed") as info:
        get(url, f"the feed {url}", max_bytes=8 * 2**20)
    assert url in str(info.value)


def test_damaged_and_multi_member_gzip(feed_server):
    document = rss("Zipped", ["a"]).encode()
    one = zlib.compressobj(9, zlib.DEFLATED, 31)
    half = one.compress(document[:100]) + one.flush()
    two = zlib.compressobj(9, zlib.DEFLATED, 31)
    whole = half + two.compress(document[100:]) + two.flush()
    url = feed_server.add("/feed", whole, content_encoding="gzip")
    assert get(url, "the feed").body == document
    feed_server.add("/cut", whole[:-30], content_encoding="gzip")
    with pytest.raises(FeedError, match="damaged compressed data"):
        get(feed_server.url("/cut"), "the feed")


def test_elements_nested_deeper_than_any_feed_are_refused(library, feed_server, table_rows):
    deep = "<x>" * 5_000 + "</x>" * 5_000
    url = feed_server.add(
        "/feed", rss("Deep", ["a"], notes="n").replace("<description>", deep + "<description>")
    )
    before = table_rows(library)
    with pytest.raises(FeedError, match="nests its elements more than 256 levels deep") as info:
        subscribe(library, url)
    assert url in str(info.value)
    assert table_rows(library) == before


def test_a_feed_file_larger_than_the_cap_is_refused_unread(library, tmp_path, table_rows):
    from companion.feeds.fetch import _read_local

    path = tmp_path / "huge.xml"
    path.write_bytes(rss("Big", ["a"]).encode() + b" " * (3 * 2**20))
    with pytest.raises(FeedError, match="larger than 2 MB"):
        _read_local(str(path), None, max_bytes=2 * 2**20)
    before = table_rows(library)
    with open(path, "r+b") as file:
        file.truncate(65 * 2**20)  # sparse: 65 MB on paper, nothing on disk
    with pytest.raises(FeedError, match="is larger than 64 MB") as info:
        subscribe(library, str(path))
    assert str(path) in str(info.value)
    assert table_rows(library) == before
