"""Feeds that say where they live, on a real 127.0.0.1 server: itunes:new-feed-url is followed once, and a
new subscription given a podcast's web page follows the page's feed link."""

from __future__ import annotations

import logging

import pytest
from feed_text import rss

from companion.cli.main import main
from companion.feeds import FeedError
from companion.library import Library
from companion.services import refresh_all, subscribe


def feed(title: str, guids: list[str], new_url: str | None = None) -> str:
    moved = f"<itunes:new-feed-url>{new_url}</itunes:new-feed-url>" if new_url else ""
    return rss(title, guids, moved, notes="开场 00:00 intro 10:30 正题")


def page(*links: tuple[str, str]) -> str:
    tags = "".join(f'<link rel="alternate" type="{kind}" title="Feed" href="{href}">' for kind, href in links)
    return f"<!DOCTYPE html><html><head><title>Our show</title>{tags}</head><body>Listen!</body></html>"


def feed_urls(library) -> list[str]:
    return [p.feed_url for p in library.podcasts()]


def test_new_feed_url_moves_the_subscription_with_the_listeners_state(library, feed_server):
    old = feed_server.add("/old.xml", feed("Show", ["a", "b"]))
    report = subscribe(library, old)
    first = library.episode_ids()
    library.save_position(first[0], 42_000)
    new = feed_server.url("/new.xml")
    feed_server.add("/new.xml", feed("Show", ["a", "b", "c"], new_url=new))  # the new feed names itself
    feed_server.add("/old.xml", feed("Show", ["a", "b"], new_url=new))
    (result,) = refresh_all(library)
    assert result.ok and result.report.moved_to == new and result.report.podcast_id == report.podcast_id
    assert (result.report.added, result.report.vanished) == (1, 0)  # "c" comes from the new feed
    assert feed_urls(library) == [new]
    assert library.episode(first[0]).position_ms == 42_000
    asked = len(feed_server.hits("/old.xml"))
    (again,) = refresh_all(library)
    assert again.ok and again.report.moved_to is None
    assert len(feed_server.hits("/old.xml")) == asked  # refreshes go to the new address


def test_new_feed_url_that_fails_keeps_the_feed_where_it_is(library, feed_server, caplog):
    gone = feed_server.url("/gone.xml")  # answers 404
    old = feed_server.add("/old.xml", feed("Show", ["a", "b"], new_url=gone))
    with caplog.at_level(logging.WARNING, logger="companion.feeds.fetch"):
        report = subscribe(library, old)
    assert report.added == 2 and report.moved_to is None
    assert feed_urls(library) == [old]
    assert "moved to" in caplog.text and gone in caplog.text


def test_new_feed_urls_pointing_at_each_other_move_once(library, feed_server):
    a, b = feed_server.url("/a.xml"), feed_server.url("/b.xml")
    feed_server.add("/a.xml", feed("Show", ["x"], new_url=b))
    feed_server.add("/b.xml", feed("Show", ["x", "y"], new_url=a))
    report = subscribe(library, a)
    assert report.moved_to == b and report.added == 2
    assert feed_urls(library) == [b]
    assert len(feed_server.hits("/a.xml")) == 1 and len(feed_server.hits("/b.xml")) == 1


@pytest.mark.parametrize("bad", ["feed://example.org/x.xml", "not a url", "file:///etc/passwd"])
def test_new_feed_url_that_is_not_http_is_ignored(library, feed_server, bad):
    old = feed_server.add("/old.xml", feed("Show", ["a"], new_url=bad))
    report = subscribe(library, old)
    assert report.added == 1 and report.moved_to is None
    assert feed_urls(library) == [old]
    assert [r.path for r in feed_server.requests] == ["/old.xml"]


def test_subscribing_to_a_podcasts_web_page_follows_its_feed_link(library, feed_server, capsys):
    url = feed_server.add(
        "/show/", page(("application/atom+xml", "/atom.xml"), ("application/rss+xml", "rss"))
    )
    feed_server.add("/show/rss", feed("Show", ["a", "b"]))
    report = subscribe(library, url, lambda d, t, m: print(m))
    assert report.added == 2
    assert feed_urls(library) == [feed_server.url("/show/rss")]  # RSS first, relative to the page
    assert "its podcast feed is " + feed_server.url("/show/rss") in capsys.readouterr().out
    again = subscribe(library, url)  # the page again: the same podcast, nothing new
    assert (again.podcast_id, again.added) == (report.podcast_id, 0)
    assert len(library.podcasts()) == 1


def test_a_web_page_without_a_feed_link_is_still_a_clear_error(library, feed_server):
    url = feed_server.add("/blog", page(("text/css", "/style.css")), content_type="text/html")
    with pytest.raises(FeedError, match="is a web page, not a podcast feed. Look on that page"):
        subscribe(library, url)
    assert library.podcasts() == []


def test_a_subscribed_feed_that_turns_into_a_web_page_fails_its_refresh(library, feed_server):
    url = feed_server.add("/feed.xml", feed("Show", ["a"]))
    subscribe(library, url)
    feed_server.add("/other.xml", feed("Other", ["z"]))
    feed_server.add("/feed.xml", page(("application/rss+xml", "/other.xml")), content_type="text/html")
    (result,) = refresh_all(library)
    assert not result.ok and "is a web page" in result.error
    assert feed_urls(library) == [url]  # a refresh never switches to another feed on its own
    assert feed_server.hits("/other.xml") == []


def test_cli_subscribe_of_a_web_page(feed_server, tmp_path, capsys):
    url = feed_server.add("/podcast", page(("application/rss+xml", "/feed.xml")))
    feed_server.add("/feed.xml", feed("网页播客", ["a"]))
    path = str(tmp_path / "l.db")
    assert main(["--library", path, "subscribe", url]) == 0
    out = capsys.readouterr().out
    assert "its podcast feed is " + feed_server.url("/feed.xml") in out
    assert "Subscribed to “网页播客”" in out
    library = Library(path)
    try:
        assert feed_urls(library) == [feed_server.url("/feed.xml")]
    finally:
        library.close()


def test_the_window_follows_a_web_page_to_its_feed(library, feed_server, qtbot):
    from companion.jobs.feed_jobs import FeedJobs

    url = feed_server.add("/site", page(("application/rss+xml", "/feed.xml")))
    feed_server.add("/feed.xml", feed("Show", ["a", "b"]))
    jobs = FeedJobs(library)
    with qtbot.waitSignal(jobs.batch_finished, timeout=15_000) as blocker:
        jobs.subscribe(url)
    assert blocker.args[1] == []
    assert feed_urls(library) == [feed_server.url("/feed.xml")] and len(library.episode_ids()) == 2
    jobs.shutdown()


def test_feed_links_of_a_page():
    from companion.feeds.discover import feed_links

    html = """<html><head>
      <LINK REL="Alternate Feed" TYPE="Application/RSS+XML; charset=utf-8" HREF=" feeds/main.xml ">
      <link rel="alternate" type="application/atom+xml" href="https://example.org/atom">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="stylesheet" type="text/css" href="/s.css">
      <link rel="alternate" type="application/rss+xml" href="/show/feeds/main.xml">
      <link rel="alternate" hreflang="fr" href="/fr/">
    </head><body><a href="/rss.xml">RSS</a><p>unclosed <b>tags"""
    assert feed_links(html, "https://example.org/show/") == [
        "https://example.org/show/feeds/main.xml",  # once, though linked twice
        "https://example.org/atom",
    ]
    assert feed_links("", "https://example.org/") == []
    assert feed_links("<link rel=alternate type=application/rss+xml>", "https://example.org/") == []


def test_feed_links_never_raise():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from companion.feeds.discover import feed_links

    @settings(max_examples=200, deadline=None)
    @given(
        st.text(
            alphabet=st.sampled_from(list("<>/=\"' &#;linkrefhtyp:alternate.xmlrss\u0000é中")), max_size=200
        )
    )
    def check(text: str) -> None:
        for url in feed_links(text, "https://example.org/a/"):
            assert url.startswith(("http://", "https://"))

    check()


def test_a_redirected_web_page_resolves_its_feed_link_where_it_really_is(library, feed_server):
    feed_server.add("/new/home/", page(("application/rss+xml", "feed.xml")))
    feed_server.add("/new/home/feed.xml", feed("Moved site", ["a"]))
    old = feed_server.redirect("/old-site", 302, feed_server.url("/new/home/"))
    report = subscribe(library, old)
    assert report.added == 1 and feed_urls(library) == [feed_server.url("/new/home/feed.xml")]
