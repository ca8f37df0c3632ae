"""Subscribe and refresh against a real 127.0.0.1 server: conditional GET, matching, user state kept."""

from __future__ import annotations

from pathlib import Path

from companion.feeds import fetch_feed_update
from companion.library.store_feed import feed_state, store_feed_update
from companion.services import refresh_all, subscribe

FIXTURES = Path(__file__).parent / "fixtures"
LM = "Mon, 01 Jan 2024 12:00:00 GMT"


def serve_en(feed_server, **options) -> str:
    feed_server.add_fixture("/chapters/ep2.json", "chapters_ep2.json", content_type="application/json")
    return feed_server.add_fixture("/feeds/en.xml", "en_feed.xml", **options)


def rows(library, sql, *args):
    return library.db.conn.execute(sql, args).fetchall()


def test_subscribe_stores_podcast_episodes_and_every_chapter_source(library, feed_server):
    url = serve_en(feed_server, etag='"v1"', last_modified=LM)
    report = subscribe(library, url)
    assert (report.added, report.updated, report.unchanged, report.vanished) == (3, 0, 0, 0)
    podcast = library.podcast(report.podcast_id)
    assert (podcast.title, podcast.feed_url) == ("Long Conversations", url)
    assert rows(library, "SELECT etag, last_modified FROM podcasts") == [('"v1"', LM)]
    by_guid = {library.episode(i).guid: library.episode(i) for i in library.episode_ids()}
    ep2 = by_guid["long-2"]
    assert ep2.chapters_url == feed_server.url("/chapters/ep2.json")
    assert library.chapter_sources(ep2.id) == ["podcast-json", "shownotes"]
    json_chapters = library.chapters(ep2.id)
    assert [(c.start_ms, c.title, c.source) for c in json_chapters] == [
        (0, "Cold open", "podcast-json"),
        (83_456, "Introductions", "podcast-json"),
        (612_001, "Chapter 4", "podcast-json"),
        (1_500_250, "Deep dive", "podcast-json"),
    ]
    assert json_chapters[1].image_url == "https://example.org/img/intro.jpg"
    assert json_chapters[3].url == "https://example.org/deep"
    hidden = [c for c in library.chapters(ep2.id, include_hidden=True) if c.hidden]
    assert [(c.start_ms, c.title) for c in hidden] == [(300_500, "Sponsor")]
    ep3 = by_guid["long-3"]
    assert library.chapter_sources(ep3.id) == ["podlove"]
    assert [c.start_ms for c in library.chapters(ep3.id)] == [0, 37_000, 468_000, 2_112_250, 5_752_000]
    ep1 = by_guid["long-1"]
    assert [c.title for c in library.chapters(ep1.id)] == ["Intro", "The story", "Questions"]
    assert ep1.duration_ms == 3_723_000


def test_refresh_uses_conditional_get_and_skips_unchanged_feed(library, feed_server):
    url = serve_en(feed_server, etag='"v1"', last_modified=LM)
    subscribe(library, url)
    before = rows(library, "SELECT * FROM episodes ORDER BY id")
    results = refresh_all(library)
    assert [r.ok for r in results] == [True]
    assert results[0].report.not_modified
    last = feed_server.hits("/feeds/en.xml")[-1]
    assert last.status == 304
    assert last.headers["If-None-Match"] == '"v1"'
    assert last.headers["If-Modified-Since"] == LM
    assert rows(library, "SELECT * FROM episodes ORDER BY id") == before
    # the chapters JSON was not fetched again
    assert len(feed_server.hits("/chapters/ep2.json")) == 1


def test_last_modified_alone_gives_304(library, feed_server):
    url = serve_en(feed_server, last_modified=LM)
    subscribe(library, url)
    update = fetch_feed_update(url, None, LM)
    assert update.not_modified and update.feed is None
    assert feed_server.hits("/feeds/en.xml")[-1].status == 304


def test_refresh_updates_changes_and_keeps_user_state_of_vanished_episodes(library, feed_server, tmp_path):
    url = serve_en(feed_server, etag='"v1"')
    report = subscribe(library, url)
    by_guid = {library.episode(i).guid: i for i in library.episode_ids()}
    gone, kept = by_guid["long-1"], by_guid["long-3"]
    library.save_position(gone, 61_000)
    library.set_played(gone, True)
    downloaded = tmp_path / "media" / "ep1.mp3"
    library.set_download(gone, str(downloaded))
    library.save_position(kept, 5_000)
    library.set_chapters(kept, "id3", [])

    text = (FIXTURES / "en_feed.xml").read_text(encoding="utf-8")
    start = text.index("    <item>\n      <title>Episode 1")
    end = text.index("</item>", start) + len("</item>\n")
    text = text[:start] + text[end:]  # episode 1 leaves the feed
    text = text.replace("Episode 3: Podlove chapters", "Episode 3: renamed")
    text = text.replace(
        "<channel>",
        "<channel>\n<item><title>Episode 4</title><guid>long-4</guid>"
        '<enclosure url="@BASE@/audio/ep4.mp3" type="audio/mpeg"/></item>',
        1,
    )
    feed_server.add("/feeds/en.xml", text, etag='"v2"')
    (result,) = refresh_all(library)
    r = result.report
    assert (r.podcast_id, r.added, r.updated, r.unchanged, r.vanished) == (report.podcast_id, 1, 1, 1, 1)

    episode = library.episode(gone)
    assert episode.position_ms == 61_000
    assert episode.played_at is not None
    assert episode.audio_path == str(downloaded)
    assert episode.media == str(downloaded)
    assert episode.vanished_at is not None
    assert library.chapters(gone)  # its chapters stay too
    renamed = library.episode(kept)
    assert renamed.title == "Episode 3: renamed"
    assert renamed.position_ms == 5_000
    assert feed_state(library, report.podcast_id).etag == '"v2"'

    # the episode comes back: it is the same row, no longer vanished
    feed_server.add_fixture("/feeds/en.xml", "en_feed.xml", etag='"v3"')
    (result,) = refresh_all(library)
    r = result.report
    # episode 3 is renamed back; episode 1 returns unchanged; episode 4 vanishes now
    assert (r.added, r.updated, r.unchanged, r.vanished) == (0, 1, 2, 1)
    back = library.episode(gone)
    assert back.vanished_at is None and back.position_ms == 61_000


def test_episode_matched_by_enclosure_url_when_guid_changes(library, feed_server):
    url = serve_en(feed_server)
    subscribe(library, url)
    ids = library.episode_ids()
    target = next(i for i in ids if library.episode(i).guid == "long-1")
    library.save_position(target, 1234)
    text = (FIXTURES / "en_feed.xml").read_text(encoding="utf-8").replace(">long-1<", ">new-guid-1<")
    feed_server.add("/feeds/en.xml", text)
    (result,) = refresh_all(library)
    assert (result.report.added, result.report.updated) == (0, 1)
    assert library.episode(target).guid == "new-guid-1"
    assert library.episode(target).position_ms == 1234
    assert sorted(library.episode_ids()) == sorted(ids)


def test_store_in_two_steps_like_the_gui(library, feed_server):
    url = serve_en(feed_server)
    update = fetch_feed_update(url)  # worker side: no library
    assert not update.not_modified and len(update.feed.episodes) == 3
    report = store_feed_update(library, update)
    assert report.added == 3
    again = store_feed_update(library, update)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)


def test_refresh_failing_feed_does_not_stop_others_and_changes_nothing(library, feed_server, table_rows):
    good = serve_en(feed_server)
    bad = feed_server.add_fixture("/feeds/zh.xml", "zh_gb18030.xml")
    subscribe(library, good)
    subscribe(library, bad)
    feed_server.add_fixture("/feeds/zh.xml", "malformed.xml")
    before = table_rows(library)
    results = {r.url: r for r in refresh_all(library, max_workers=2)}
    assert results[good].ok
    assert not results[bad].ok and bad in results[bad].error and "not well-formed XML" in results[bad].error
    after = table_rows(library)
    before_podcasts = {row[2]: row for row in before["podcasts"]}
    after_podcasts = {row[2]: row for row in after["podcasts"]}
    assert after_podcasts[bad] == before_podcasts[bad]  # not even refreshed_at moved
    # and the next refresh tries again
    feed_server.add_fixture("/feeds/zh.xml", "zh_gb18030.xml")
    results = {r.url: r for r in refresh_all(library)}
    assert results[bad].ok


def test_subscribe_local_file_and_unchanged_file_is_not_reparsed(library, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes((FIXTURES / "zh_big5.xml").read_bytes().replace(b"@BASE@", b"https://example.org"))
    report = subscribe(library, str(path))
    assert library.podcast(report.podcast_id).title == "台灣播客：說故事的人"
    (result,) = refresh_all(library)
    assert result.report.not_modified


def test_progress_is_reported(library, feed_server):
    url = serve_en(feed_server)
    seen = []
    subscribe(library, url, progress=lambda done, total, msg: seen.append((done, total, msg)))
    assert seen[0][:2] == (0, 1) and seen[-1][:2] == (1, 1)
    seen.clear()
    refresh_all(library, progress=lambda done, total, msg: seen.append((done, total, msg)))
    assert seen == [(1, 1, "Long Conversations: 0 new, 0 updated, 0 gone from the feed")]


def test_known_items_are_not_processed_again(library, feed_server):
    url = serve_en(feed_server)
    report = subscribe(library, url)
    state = feed_state(library, report.podcast_id)
    assert len(state.known_fingerprints) == 3
    text = (
        (FIXTURES / "en_feed.xml")
        .read_text(encoding="utf-8")
        .replace("Episode 1: Timeline", "Episode 1: New")
    )
    feed_server.add("/feeds/en.xml", text)
    update = fetch_feed_update(url, known_fingerprints=state.known_fingerprints)
    assert [(e.guid, e.unchanged) for e in update.feed.episodes] == [
        ("long-3", True),
        ("long-2", True),
        ("long-1", False),
    ]
    before = {i: library.episode(i) for i in library.episode_ids()}
    result = store_feed_update(library, update)
    assert (result.added, result.updated, result.unchanged) == (0, 1, 2)
    for episode_id, episode in before.items():
        after = library.episode(episode_id)
        if episode.guid == "long-1":
            assert after.title == "Episode 1: New in the notes" and after.notes_text == episode.notes_text
        else:
            assert after == episode
            assert library.chapters(episode_id)


def test_changed_notes_are_shown_after_a_refresh(library, feed_server):
    url = serve_en(feed_server)
    subscribe(library, url)
    (episode_id,) = [i for i in library.episode_ids() if library.episode(i).guid == "long-1"]
    before = library.episode(episode_id).notes_html
    assert 'href="seek:630000"' in before and "Questions" in before  # 10:30, rendered when shown
    text = (FIXTURES / "en_feed.xml").read_text(encoding="utf-8").replace("45:00 Questions", "46:00 Answers")
    feed_server.add("/feeds/en.xml", text)
    assert store_feed_update(library, fetch_feed_update(url)).updated == 1
    after = library.episode(episode_id).notes_html
    assert 'href="seek:2760000"' in after and "Answers" in after and "Questions" not in after
