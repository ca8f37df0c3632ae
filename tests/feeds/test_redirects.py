"""Redirects on a real 127.0.0.1 server: a permanent move updates the stored feed address, a temporary one
never does, loops fail with the feed named."""

from __future__ import annotations

import logging

import pytest

from companion.cli.main import main
from companion.feeds import FeedError, fetch_feed_update
from companion.feeds import http as feed_http
from companion.library import Library
from companion.services import refresh_all, subscribe

NEW = "/new/en.xml"


def serve_en(feed_server, path: str = NEW, **options) -> str:
    feed_server.add_fixture("/chapters/ep2.json", "chapters_ep2.json", content_type="application/json")
    return feed_server.add_fixture(path, "en_feed.xml", **options)


def feed_urls(library) -> list[str]:
    return [p.feed_url for p in library.podcasts()]


def user_state(library) -> dict[int, tuple]:
    """Every episode's podcast, guid and what the listener did with it, by episode id."""
    episodes = [library.episode(i) for i in library.episode_ids()]
    return {e.id: (e.podcast_id, e.guid, e.position_ms, e.played_at) for e in episodes}


def episode_id(library, guid: str, podcast_id: int) -> int:
    return next(i for i, state in user_state(library).items() if state[:2] == (podcast_id, guid))


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_http_get_reports_the_final_address_and_whether_the_move_is_permanent(feed_server, status):
    new = serve_en(feed_server)
    old = feed_server.redirect("/old.xml", status, new)
    result = feed_http.get(old, "the feed")
    assert (result.status, result.url) == (200, new)
    assert result.moved_permanently is (status in (301, 308))
    assert feed_http.get(new, "the feed").moved_permanently is False  # no redirect at all


@pytest.mark.parametrize("status", [301, 308])
def test_subscribe_to_a_permanently_moved_feed_stores_its_new_address(library, feed_server, status):
    new = serve_en(feed_server)
    old = feed_server.redirect("/old.xml", status, NEW)  # a relative Location
    report = subscribe(library, old)
    assert report.added == 3 and report.moved_to == new
    assert feed_urls(library) == [new]
    # subscribing again at the old address finds the same podcast
    again = subscribe(library, old)
    assert again.podcast_id == report.podcast_id and again.added == 0
    assert feed_urls(library) == [new]
    # and refreshes go straight to the new address
    asked = len(feed_server.hits("/old.xml"))
    (result,) = refresh_all(library)
    assert result.ok
    assert len(feed_server.hits("/old.xml")) == asked


@pytest.mark.parametrize("status", [302, 303, 307])
def test_a_temporary_redirect_keeps_the_address(library, feed_server, status):
    serve_en(feed_server)
    old = feed_server.redirect("/old.xml", status, NEW)
    report = subscribe(library, old)
    assert report.added == 3
    (result,) = refresh_all(library)
    assert result.ok and result.report.podcast_id == report.podcast_id
    assert feed_urls(library) == [old]
    assert len(feed_server.hits("/old.xml")) == 2  # asked at the old address every time


def test_a_chain_of_permanent_and_temporary_redirects_keeps_the_address(library, feed_server):
    serve_en(feed_server)
    old = feed_server.redirect("/old.xml", 301, "/middle.xml")
    feed_server.redirect("/middle.xml", 302, NEW)
    subscribe(library, old)
    refresh_all(library)
    assert feed_urls(library) == [old]


def test_a_chain_of_permanent_redirects_stores_the_last_address(library, feed_server):
    new = serve_en(feed_server)
    old = feed_server.redirect("/old.xml", 301, "/middle.xml")
    feed_server.redirect("/middle.xml", 308, new)
    assert fetch_feed_update(old).moved_to == new
    subscribe(library, old)
    assert feed_urls(library) == [new]


@pytest.mark.parametrize("status", [301, 308])
def test_refresh_after_a_permanent_move_updates_the_address_and_keeps_user_state(
    library, feed_server, status
):
    old = serve_en(feed_server, "/old.xml")
    report = subscribe(library, old)
    library.save_position(episode_id(library, "long-1", report.podcast_id), 61_000)
    library.set_played(episode_id(library, "long-2", report.podcast_id), True)
    before = user_state(library)

    new = serve_en(feed_server)
    feed_server.redirect("/old.xml", status, new)
    (result,) = refresh_all(library)
    assert result.ok and result.report.podcast_id == report.podcast_id
    assert (result.report.added, result.report.vanished) == (0, 0)
    assert result.report.moved_to == new
    (again,) = refresh_all(library)
    assert again.report.moved_to is None  # told once, not at every refresh
    assert feed_urls(library) == [new]
    assert user_state(library) == before
    assert library.episode(episode_id(library, "long-1", report.podcast_id)).position_ms == 61_000
    assert library.episode(episode_id(library, "long-2", report.podcast_id)).played_at is not None


@pytest.mark.parametrize("status", [302, 307])
def test_refresh_through_a_temporary_redirect_keeps_the_address(library, feed_server, status):
    old = serve_en(feed_server, "/old.xml")
    subscribe(library, old)
    serve_en(feed_server)
    feed_server.redirect("/old.xml", status, NEW)
    (result,) = refresh_all(library)
    assert result.ok and result.report.unchanged == 3
    assert feed_urls(library) == [old]


def test_a_moved_feed_that_answers_304_is_fetched_once_in_full_to_store_its_address(library, feed_server):
    old = serve_en(feed_server, "/old.xml", etag='"v1"')
    subscribe(library, old)
    new = serve_en(feed_server, etag='"v1"')  # the same document, moved
    feed_server.redirect("/old.xml", 301, new)
    (result,) = refresh_all(library)
    assert result.ok and not result.report.not_modified
    assert feed_urls(library) == [new]
    assert [r.status for r in feed_server.hits(NEW)] == [304, 200]
    # the next refresh is conditional again, at the new address
    (result,) = refresh_all(library)
    assert result.report.not_modified
    assert [r.status for r in feed_server.hits(NEW)] == [304, 200, 304]


def test_a_move_to_an_address_another_podcast_has_keeps_the_old_one(library, feed_server, caplog):
    new = serve_en(feed_server)
    old = serve_en(feed_server, "/old.xml")
    first = subscribe(library, new)
    second = subscribe(library, old)
    assert first.podcast_id != second.podcast_id
    library.save_position(episode_id(library, "long-1", second.podcast_id), 1_000)
    before = user_state(library)

    feed_server.redirect("/old.xml", 301, new)
    with caplog.at_level(logging.WARNING, logger="companion.library.store_feed"):
        results = refresh_all(library)
    assert all(r.ok for r in results)
    assert library.podcast(first.podcast_id).feed_url == new
    assert library.podcast(second.podcast_id).feed_url == old
    assert user_state(library) == before
    assert any(old in r.getMessage() and new in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("chain", "message"),
    [
        ({"/a.xml": "/b.xml", "/b.xml": "/a.xml"}, "loop"),
        ({f"/{i}.xml": f"/{i + 1}.xml" for i in range(12)}, "more than 10 times"),
    ],
)
def test_a_redirect_loop_or_too_many_redirects_is_a_feed_error(
    library, feed_server, table_rows, chain, message
):
    for path, location in chain.items():
        feed_server.redirect(path, 301, location)
    url = feed_server.url(next(iter(chain)))
    before = table_rows(library)
    with pytest.raises(FeedError, match=message) as info:
        subscribe(library, url)
    assert f"the feed {url}" in str(info.value)
    assert table_rows(library) == before


def test_cli_subscribe_of_a_moved_feed_stores_the_new_address(feed_server, tmp_path, capsys):
    new = serve_en(feed_server)
    old = feed_server.redirect("/old.xml", 301, new)
    path = str(tmp_path / "l.db")
    assert main(["--library", path, "subscribe", old]) == 0
    assert main(["--library", path, "subscribe", old]) == 0
    out = capsys.readouterr().out
    assert "3 new episodes" in out and "0 new episodes" in out
    assert out.count(f"its new address is stored: {new}") == 1  # the second time it is not news
    library = Library(path)
    try:
        assert feed_urls(library) == [new]
    finally:
        library.close()


def test_the_window_jobs_store_the_new_address_of_a_moved_feed(library, feed_server, qtbot):
    from companion.jobs.feed_jobs import FeedJobs

    old = serve_en(feed_server, "/old.xml")
    jobs = FeedJobs(library)
    with qtbot.waitSignal(jobs.batch_finished, timeout=15_000):
        jobs.subscribe(old)
    new = serve_en(feed_server)
    feed_server.redirect("/old.xml", 308, new)
    with qtbot.waitSignal(jobs.batch_finished, timeout=15_000) as blocker:
        assert jobs.refresh_all()
    assert blocker.args[1] == []  # no failures
    assert f"moved to {new} (new address kept)" in blocker.args[0]  # the status bar says so
    assert feed_urls(library) == [new]
    with qtbot.waitSignal(jobs.batch_finished, timeout=15_000):
        jobs.subscribe(old)  # the old address again: the same podcast
    assert feed_urls(library) == [new] and len(library.episode_ids()) == 3
    jobs.shutdown()
