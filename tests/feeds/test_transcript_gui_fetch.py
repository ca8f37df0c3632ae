"""The Transcript tab fetching from a real 127.0.0.1 server in a worker: when an episode is first shown,
a failure said with Retry, and the switcher between an episode's transcripts."""

from __future__ import annotations

from companion.services import subscribe

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ada>Words from the VTT.\n"
SRT = "1\n00:00:01,000 --> 00:00:02,000\nBo: Words from the SRT.\n"


def serve(feed_server) -> str:
    feed_server.add("/t/one.vtt", "not yet", status=404)
    feed_server.add("/t/one.srt", SRT, content_type="application/x-subrip")
    item = (
        "<item><title>Transcribed</title><guid>t1</guid>"
        '<enclosure url="@BASE@/audio/1.mp3" type="audio/mpeg"/>'
        '<podcast:transcript url="/t/one.vtt" type="text/vtt"/>'
        '<podcast:transcript url="/t/one.srt" type="application/srt"/></item>'
    )
    return feed_server.add(
        "/feed.xml",
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"'
        ' xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>'
        f"<title>Cast</title>{item}</channel></rss>",
    )


def test_a_failed_fetch_says_why_with_retry_then_the_switcher_changes_transcript(
    make_window, library, feed_server, qtbot
):
    report = subscribe(library, serve(feed_server))  # the refresh's worker tried the VTT: a 404
    episode_id = library.episode_ids(podcast_id=report.podcast_id)[0]
    app = make_window()
    window = app.window
    window.select_episode(episode_id)
    pane = window.transcript_ui.pane
    assert "could not be fetched" in pane.message.text() and "404" in pane.message.text()
    assert pane.retry_button.isVisibleTo(pane)
    assert [pane.source_combo.itemText(i) for i in range(pane.source_combo.count())] == ["WebVTT", "SRT"]
    assert pane.source_combo.isEnabled()

    feed_server.add("/t/one.vtt", VTT, content_type="text/vtt")  # the server has it now
    pane.retry_button.click()
    qtbot.waitUntil(lambda: pane.view.cue_model.rowCount() == 1, timeout=5000)
    assert pane.view.cue_model.index(0).data() == "0:01  Ada: Words from the VTT."

    pane.source_combo.setCurrentIndex(1)
    pane.source_combo.activated.emit(1)  # the listener picks the SRT
    qtbot.waitUntil(
        lambda: pane.view.cue_model.index(0).data() == "0:01  Bo: Words from the SRT.", timeout=5000
    )
    assert library.stored_transcript(episode_id).url == feed_server.url("/t/one.srt")
    assert pane.source_combo.currentIndex() == 1


def test_an_episode_first_shown_fetches_its_transcript_in_a_worker(make_window, library, feed_server, qtbot):
    report = subscribe(library, serve(feed_server))
    episode_id = library.episode_ids(podcast_id=report.podcast_id)[0]
    library.remove_transcript(episode_id)  # as a library from before transcripts were fetched
    feed_server.add("/t/one.vtt", VTT, content_type="text/vtt", delay_s=0.5)
    app = make_window()
    app.window.select_episode(episode_id)
    pane = app.window.transcript_ui.pane
    assert pane.message.text() == "Fetching the transcript…"  # the window did not wait for it
    qtbot.waitUntil(lambda: pane.view.cue_model.rowCount() == 1, timeout=5000)
    assert library.stored_transcript(episode_id).cue_count == 1
