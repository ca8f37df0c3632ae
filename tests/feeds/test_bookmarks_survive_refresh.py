"""Stars and bookmarks survive a refresh that drops their episode from the feed (library and window)."""

from __future__ import annotations

from pathlib import Path

from companion.services import refresh_all, subscribe

FIXTURES = Path(__file__).parent / "fixtures"


def _serve(feed_server, path: str = "/feeds/en.xml") -> str:
    feed_server.add_fixture("/chapters/ep2.json", "chapters_ep2.json", content_type="application/json")
    return feed_server.add_fixture(path, "en_feed.xml", etag='"v1"')


def _drop_episode_1(feed_server, path: str = "/feeds/en.xml") -> None:
    text = (FIXTURES / "en_feed.xml").read_text(encoding="utf-8")
    start = text.index("    <item>\n      <title>Episode 1")
    end = text.index("</item>", start) + len("</item>\n")
    feed_server.add(path, text[:start] + text[end:], etag='"v2"')


def _episode_id(library, guid: str) -> int:
    return next(i for i in library.episode_ids() if library.episode(i).guid == guid)


def test_stars_and_bookmarks_survive_a_refresh_that_drops_the_episode(library, feed_server):
    subscribe(library, _serve(feed_server))
    gone = _episode_id(library, "long-1")
    kept = _episode_id(library, "long-2")
    library.star(gone)
    library.star(kept)
    starred_at = library.episode(gone).starred_at
    mark = library.add_bookmark(gone, 3_000_000, note="keep me\nplease")
    other = library.add_bookmark(kept, 90_000)
    _drop_episode_1(feed_server)
    (result,) = refresh_all(library)
    assert result.ok and result.report.vanished == 1
    episode = library.episode(gone)
    assert episode.vanished_at is not None
    assert episode.starred_at == starred_at
    assert library.bookmark(mark.id) == mark
    assert library.bookmark(other.id) == other
    assert library.is_starred(kept)
    # it comes back: still the same row, star and bookmark
    feed_server.add_fixture("/feeds/en.xml", "en_feed.xml", etag='"v3"')
    (result,) = refresh_all(library)
    assert result.ok
    back = library.episode(gone)
    assert back.vanished_at is None and back.starred_at == starred_at
    assert library.bookmarks(episode_id=gone) == [mark]


def test_the_window_keeps_them_through_a_refresh(make_window, feed_server, qtbot):
    url = _serve(feed_server, "/feed.xml")
    app = make_window()
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000):
        app.jobs.subscribe(url)
    library = app.library
    gone = _episode_id(library, "long-1")
    ui = app.window.bookmarks_ui
    ui.actions.ask_note = False
    ui.actions.set_starred(gone, True)
    mark = ui.actions.bookmark_moment(gone, 61_000)
    assert mark is not None and mark.chapter_title
    _drop_episode_1(feed_server, "/feed.xml")
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000) as blocker:
        app.jobs.refresh_all(manual=True)
    assert blocker.args[1] == []
    assert library.episode(gone).vanished_at is not None
    assert library.is_starred(gone)
    assert [b.id for b in ui.library_view.model.bookmarks()] == [mark.id]
    pane = app.window.episode_pane
    pane.filter_combo.setCurrentIndex(pane.filter_combo.findText("Starred"))
    assert [app.window.episode_model.episode_id(r) for r in range(app.window.episode_model.rowCount())] == [
        gone
    ]
