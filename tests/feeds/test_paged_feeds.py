"""Paged feeds (RFC 5005 atom:link rel="next", as Podlove Publisher writes them) on a real 127.0.0.1
server: a subscription reads every page, a refresh stops at what it knows, a missing page loses nothing."""

from __future__ import annotations

import logging

from feed_text import rss

from companion.services import refresh_all, subscribe


def page(guids: list[str], next_path: str | None) -> str:
    link = f'<atom:link rel="next" href="{next_path}"/>' if next_path else ""
    return rss("Paged", guids, link, item_title="Episode {guid}")


def serve_pages(feed_server, pages: list[list[str]]) -> str:
    for n, guids in enumerate(pages, start=1):
        next_path = f"/feed.xml?page={n + 1}" if n < len(pages) else None
        path = "/feed.xml" if n == 1 else f"/feed.xml?page={n}"
        feed_server.add(path, page(guids, next_path))
    return feed_server.url("/feed.xml")


def guids(library) -> set[str]:
    return {library.episode(i).guid for i in library.episode_ids()}


def vanished(library) -> set[str]:
    rows = library.db.conn.execute("SELECT guid FROM episodes WHERE vanished_at IS NOT NULL").fetchall()
    return {row[0] for row in rows}


def test_subscribing_reads_every_page(library, feed_server):
    url = serve_pages(feed_server, [["e9", "e8", "e7"], ["e6", "e5", "e4"], ["e3", "e2", "e1"]])
    report = subscribe(library, url)
    assert report.added == 9 and guids(library) == {f"e{n}" for n in range(1, 10)}
    assert all(library.chapters(i) for i in library.episode_ids())  # every page's notes were read


def test_a_refresh_reads_pages_until_it_meets_known_items_and_nothing_vanishes(library, feed_server):
    url = serve_pages(feed_server, [["e6", "e5"], ["e4", "e3"], ["e2", "e1"]])
    subscribe(library, url)
    serve_pages(feed_server, [["e8", "e7"], ["e6", "e5"], ["e4", "e3"], ["e2", "e1"]])  # two new
    asked = {n: len(feed_server.hits(f"/feed.xml?page={n}")) for n in (2, 3, 4)}
    (result,) = refresh_all(library)
    assert result.ok and result.report.added == 2 and result.report.vanished == 0
    assert len(feed_server.hits("/feed.xml?page=2")) == asked[2] + 1  # page 2 holds known items
    assert len(feed_server.hits("/feed.xml?page=3")) == asked[3]  # so page 3 is not read
    assert guids(library) == {f"e{n}" for n in range(1, 9)} and vanished(library) == set()


def test_a_page_that_fails_keeps_what_was_read_and_marks_nothing_gone(library, feed_server, caplog):
    url = serve_pages(feed_server, [["e4", "e3"], ["e2", "e1"]])
    subscribe(library, url)
    feed_server.add("/feed.xml", page(["e5", "e4"], "/missing.xml"))  # its next page is gone (404)
    with caplog.at_level(logging.WARNING, logger="companion.feeds.fetch"):
        (result,) = refresh_all(library)
    assert result.ok and result.report.added == 1
    assert vanished(library) == set()  # e1-e3 are on pages not read, not gone


def test_pages_that_loop_are_read_once(library, feed_server, caplog):
    feed_server.add("/feed.xml", page(["a"], "/feed.xml?page=2"))
    feed_server.add("/feed.xml?page=2", page(["b"], "/feed.xml"))  # back to the first
    with caplog.at_level(logging.WARNING, logger="companion.feeds.fetch"):
        report = subscribe(library, feed_server.url("/feed.xml"))
    assert report.added == 2 and "its pages stop at" in caplog.text
    assert len(feed_server.hits("/feed.xml?page=2")) == 1


def test_an_unpaged_feed_still_marks_items_that_left_it(library, feed_server):
    url = feed_server.add("/plain.xml", page(["a", "b"], None))
    subscribe(library, url)
    feed_server.add("/plain.xml", page(["b"], None))
    (result,) = refresh_all(library)
    assert result.report.vanished == 1 and vanished(library) == {"a"}


def test_the_window_refresh_stops_at_known_items_too(library, feed_server, qtbot):
    from companion.jobs.feed_jobs import FeedJobs

    url = serve_pages(feed_server, [["e4", "e3"], ["e2", "e1"]])
    jobs = FeedJobs(library)
    with qtbot.waitSignal(jobs.batch_finished, timeout=15_000):
        jobs.subscribe(url)
    assert guids(library) == {"e1", "e2", "e3", "e4"}
    feed_server.add("/feed.xml", page(["e5", "e4"], "/feed.xml?page=2"))
    asked = len(feed_server.hits("/feed.xml?page=2"))
    with qtbot.waitSignal(jobs.batch_finished, timeout=15_000) as blocker:
        assert jobs.refresh_all()
    assert blocker.args[1] == [] and "1 new episode" in blocker.args[0]
    assert len(feed_server.hits("/feed.xml?page=2")) == asked  # e4 is known: page 2 not read
    assert vanished(library) == set()
    jobs.shutdown()
