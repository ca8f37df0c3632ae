"""Unsubscribing on a real library: what goes is said first, everything of the podcast goes in one
transaction (index entries included), its downloads are deleted, other podcasts are untouched."""

from __future__ import annotations

import pytest
from feed_text import rss

from companion.cli.main import main
from companion.library import Library, LibraryError, media_dir
from companion.library.unsubscribe import podcast_usage, unsubscribe, unsubscribe_steps
from companion.services import subscribe


def feed(title: str, prefix: str, count: int) -> str:
    guids = [f"{prefix}{i}" for i in range(count)]
    return rss(title, guids, notes=f"00:00 开场 05:00 独特话题{prefix}")


@pytest.fixture
def two_podcasts(library, feed_server):
    gone = subscribe(library, feed_server.add("/gone.xml", feed("Gone", "g", 5)))
    kept = subscribe(library, feed_server.add("/kept.xml", feed("Kept", "k", 2)))
    return gone.podcast_id, kept.podcast_id


def ids_of(library, podcast_id: int) -> list[int]:
    return [i for i in library.episode_ids() if library.episode(i).podcast_id == podcast_id]


def test_usage_counts_what_the_listener_made(library, two_podcasts):
    gone, _ = two_podcasts
    episodes = ids_of(library, gone)
    library.add_bookmark(episodes[0], 61_000, note="keep this")
    library.add_bookmark(episodes[1], 5_000)
    library.star(episodes[2])
    library.save_position(episodes[3], 30_000)
    media = media_dir(library.path)
    media.mkdir(parents=True, exist_ok=True)
    (media / "g4.mp3").write_bytes(b"audio")
    library.set_download(episodes[4], str(media / "g4.mp3"))
    usage = podcast_usage(library, gone)
    assert (usage.title, usage.episodes, usage.bookmarks, usage.starred, usage.in_progress) == (
        "Gone",
        5,
        2,
        1,
        1,
    )
    assert usage.downloads == (media / "g4.mp3",)
    assert usage.describe() == (
        "Its 5 episodes, 2 bookmarks, 1 starred episode, 1 episode in progress and 1 downloaded file"
        " will be removed from the library."
    )


def test_unsubscribe_removes_everything_of_the_podcast_and_nothing_else(library, two_podcasts, tmp_path):
    gone, kept = two_podcasts
    episodes = ids_of(library, gone)
    library.add_bookmark(episodes[0], 61_000, note="书签笔记")
    library.queue_add(episodes[1])
    library.queue_add(ids_of(library, kept)[0])
    media = media_dir(library.path)
    media.mkdir(parents=True, exist_ok=True)
    (media / "g2.mp3").write_bytes(b"audio")
    library.set_download(episodes[2], str(media / "g2.mp3"))
    by_hand = tmp_path / "mine.mp3"  # a file the listener added is never deleted
    by_hand.write_bytes(b"mine")
    library.set_download(episodes[3], str(by_hand))
    steps = unsubscribe_steps(library, gone, chunk=2)
    progress = []
    with pytest.raises(StopIteration) as done:
        while True:
            progress.append(next(steps))
    assert progress == [(2, 5), (4, 5)] and done.value.value.episodes == 5
    assert [p.title for p in library.podcasts()] == ["Kept"]
    assert ids_of(library, gone) == [] and len(ids_of(library, kept)) == 2
    assert library.bookmarks() == [] and library.queue_ids() == ids_of(library, kept)[:1]
    assert not (media / "g2.mp3").exists() and by_hand.exists()
    results = library.search("独特话题g")
    assert not results.episodes and not results.chapters  # the index entries went too
    assert library.search("独特话题k").episodes


def test_the_local_podcast_and_unknown_ids_are_refused(library):
    local = library.local_podcast()
    with pytest.raises(LibraryError, match="not a subscription"):
        podcast_usage(library, local.id)
    with pytest.raises(LibraryError, match="No podcast with id 999"):
        unsubscribe(library, 999)


def test_cli_podcasts_and_unsubscribe(feed_server, tmp_path, capsys):
    path = str(tmp_path / "l.db")
    assert main(["--library", path, "subscribe", feed_server.add("/a.xml", feed("Alpha", "a", 3))]) == 0
    capsys.readouterr()
    assert main(["--library", path, "podcasts"]) == 0
    out = capsys.readouterr().out
    assert "Alpha  (3 episodes, 3 unplayed)" in out
    podcast_id = int(out.split()[0])
    assert main(["--library", path, "unsubscribe", str(podcast_id)]) == 1  # not a terminal, no --yes
    out, err = capsys.readouterr()
    assert "Its 3 episodes will be removed" in out and "add --yes" in err
    assert main(["--library", path, "unsubscribe", str(podcast_id), "--yes"]) == 0
    assert "Unsubscribed from “Alpha”." in capsys.readouterr().out
    library = Library(path)
    try:
        assert library.podcasts() == [] and library.episode_ids() == []
    finally:
        library.close()


def test_unsubscribe_from_the_window(make_window, library, two_podcasts, qtbot):
    from PySide6.QtWidgets import QMessageBox

    gone, kept = two_podcasts
    episodes = ids_of(library, gone)
    library.add_bookmark(episodes[0], 5_000, note="going")
    app = make_window()
    window, ui = app.window, app.window.feed_ui
    window.select_episode(episodes[0])
    app.controller.play_episode(episodes[0])
    qtbot.waitUntil(lambda: app.controller.episode is not None)
    menu = window.episode_menu(episodes[0])
    entry = next(a for a in menu.actions() if a.text().startswith("Unsubscribe from “Gone”"))
    entry.trigger()
    box = ui.confirm_box
    assert box is not None and box.isVisible()
    assert "Its 5 episodes and 1 bookmark will be removed" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(ids_of(library, gone)) == 5
    box = ui.ask_unsubscribe(gone)
    with qtbot.waitSignal(app.jobs.unsubscribed, timeout=10_000) as blocker:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert blocker.args == [gone, "Unsubscribed from “Gone”"]
    assert app.controller.episode is None  # its episode left the player
    assert [p.title for p in library.podcasts()] == ["Kept"]
    assert window.episode_model.rowCount() == 2
    assert window.selected_episode is not None and window.selected_episode.podcast_id == kept
    assert window.bookmarks_ui.library_view.model.rowCount() == 0
    local = library.local_podcast()  # episodes added by hand offer no unsubscribe
    mine = library.add_episode(local.id, "Mine")
    assert not [a for a in window.episode_menu(mine.id).actions() if a.text().startswith("Unsubscribe")]


def test_the_window_jobs_do_not_unsubscribe_while_feeds_are_being_refreshed(library, two_podcasts, qtbot):
    from companion.jobs.feed_jobs import FeedJobs

    gone, _ = two_podcasts
    jobs = FeedJobs(library)
    with qtbot.waitSignal(jobs.batch_finished, timeout=15_000):
        assert jobs.refresh_all()
        assert jobs.busy() and not jobs.unsubscribe(gone)  # refused: nothing removed
    assert len(ids_of(library, gone)) == 5
    with qtbot.waitSignal(jobs.unsubscribed, timeout=10_000):
        assert jobs.unsubscribe(gone)
        assert jobs.storing()
    assert ids_of(library, gone) == []
    jobs.shutdown()


def test_the_list_shows_one_podcast_at_a_time(make_window, library, two_podcasts, qtbot, qtmodeltester):
    from companion.library import EpisodeFilter

    gone, kept = two_podcasts
    assert sorted(library.episode_ids(podcast_id=kept)) == sorted(ids_of(library, kept))
    library.star(ids_of(library, gone)[0])
    assert library.episode_ids(filter=EpisodeFilter.STARRED, podcast_id=kept) == []
    app = make_window()
    pane = app.window.episode_pane
    combo = pane.podcast_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["all podcasts", "Gone", "Kept"]
    assert pane.model.rowCount() == 7
    pane.show_podcast(kept)
    assert pane.model.rowCount() == 2 and pane.model.podcast_id == kept
    qtmodeltester.check(pane.model)
    pane.filter_combo.setCurrentIndex(pane.filter_combo.findText("Starred"))
    assert pane.model.rowCount() == 0 and pane.view.hint.startswith("No episodes match")
    pane.filter_combo.setCurrentIndex(0)
    pane.show_podcast(gone)
    assert pane.model.rowCount() == 5
    # the shown podcast is unsubscribed: back to every podcast, and it leaves the choice
    with qtbot.waitSignal(app.jobs.unsubscribed, timeout=10_000):
        app.window.feed_ui.unsubscribe(gone)
    assert pane.model.podcast_id is None and pane.model.rowCount() == 2
    assert [combo.itemText(i) for i in range(combo.count())] == ["all podcasts", "Kept"]


def test_unsubscribing_stops_its_downloads_and_leaves_no_file(library, feed_server, qtbot):
    from companion.jobs.feed_jobs import FeedJobs

    audio = feed_server.add("/slow.mp3", b"\0" * 200_000, delay_s=0.5, content_type="audio/mpeg")
    item = (
        "<item><title>Slow</title><guid isPermaLink='false'>s1</guid>"
        f"<enclosure url='{audio}' type='audio/mpeg' length='200000'/></item>"
    )
    url = feed_server.add(
        "/slow.xml", f"<rss version='2.0'><channel><title>Slow</title>{item}</channel></rss>"
    )
    report = subscribe(library, url)
    (episode_id,) = library.episode_ids()
    jobs = FeedJobs(library)
    with qtbot.waitSignal(jobs.download_finished, timeout=15_000) as finished:
        jobs.download(episode_id)
        assert jobs.is_downloading(episode_id)
        with qtbot.waitSignal(jobs.unsubscribed, timeout=10_000):
            assert jobs.unsubscribe(report.podcast_id)
    assert finished.args[0] == episode_id and finished.args[1]  # cancelled (or refused): not stored
    media = media_dir(library.path)
    assert not media.exists() or list(media.iterdir()) == []
    jobs.shutdown()


def test_add_podcast_shows_the_new_podcast(make_window, library, two_podcasts, feed_server, qtbot):
    app = make_window()
    pane = app.window.episode_pane
    url = feed_server.add("/third.xml", feed("Third", "t", 3))
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000):
        app.jobs.subscribe(url)
    third = library.find_podcast(url)
    assert pane.model.podcast_id == third.id and pane.model.rowCount() == 3
    assert pane.podcast_combo.currentText() == "Third"
    assert app.window.selected_episode.podcast_id == third.id
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000):
        assert app.jobs.refresh_all()
    assert pane.model.podcast_id == third.id  # a refresh does not move the list


def test_refresh_one_podcast_from_the_menu_and_the_command(
    make_window, library, two_podcasts, feed_server, qtbot
):
    gone, kept = two_podcasts
    app = make_window()
    asked = {path: len(feed_server.hits(path)) for path in ("/gone.xml", "/kept.xml")}
    menu = app.window.episode_menu(ids_of(library, kept)[0])
    entry = next(a for a in menu.actions() if a.text() == "Refresh “Kept”")
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000) as blocker:
        entry.trigger()
    assert blocker.args[0].startswith("Refreshing Kept: 1 of 1 feeds done")
    assert len(feed_server.hits("/kept.xml")) == asked["/kept.xml"] + 1
    assert len(feed_server.hits("/gone.xml")) == asked["/gone.xml"]  # the other one was not asked
    assert main(["--library", str(library.path), "refresh", str(gone), "--json"]) == 0
    assert len(feed_server.hits("/gone.xml")) == asked["/gone.xml"] + 1
    assert len(feed_server.hits("/kept.xml")) == asked["/kept.xml"] + 1


def test_the_question_counts_up_next_entries_and_progress(make_window, library, two_podcasts, qtbot):
    from PySide6.QtWidgets import QMessageBox

    gone, kept = two_podcasts
    episodes = ids_of(library, gone)
    library.queue_add(episodes[0])
    library.queue_add(ids_of(library, kept)[0])  # the other podcast's entry stays: not counted
    library.queue_add(episodes[1])
    library.set_played(episodes[2], True)
    library.save_position(episodes[3], 30_000)
    question = (
        "Its 5 episodes, 1 episode in progress, 1 played episode and 2 Up Next entries"
        " will be removed from the library."
    )
    usage = podcast_usage(library, gone)
    assert (usage.played, usage.queued) == (1, 2)
    assert usage.describe() == question
    app = make_window()
    box = app.window.feed_ui.ask_unsubscribe(gone)
    assert box is not None and box.isVisible()
    assert question in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(library.queue_ids()) == 3


def test_cli_podcasts_lists_the_local_podcast_marked_as_local(feed_server, tmp_path, tone_wav, capsys):
    import json

    path = str(tmp_path / "l.db")
    assert main(["--library", path, "add", str(tone_wav), "--title", "By hand"]) == 0
    capsys.readouterr()
    assert main(["--library", path, "podcasts"]) == 0
    out = capsys.readouterr().out
    assert "Local  (1 episode, 1 unplayed)  local: episodes added by hand, not a subscription" in out
    assert "No subscriptions" in out
    assert main(["--library", path, "subscribe", feed_server.add("/a.xml", feed("Alpha", "a", 2))]) == 0
    capsys.readouterr()
    assert main(["--library", path, "podcasts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Alpha  (2 episodes, 2 unplayed)" in lines[0] and lines[1].strip().startswith("last refresh: 20")
    assert "Local  (1 episode, 1 unplayed)  local:" in lines[2]
    assert len(lines) == 3
    assert main(["--library", path, "podcasts", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["title"], p["episodes"], p["local"]) for p in listed] == [
        ("Alpha", 2, False),
        ("Local", 1, True),
    ]
    local_id = listed[1]["id"]
    assert listed[1]["feed_url"] is None
    assert main(["--library", path, "unsubscribe", str(local_id), "--yes"]) == 1  # refused, says why
    assert "not a subscription" in capsys.readouterr().err
