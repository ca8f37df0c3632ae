"""Tests of the library file and the Library facade, on real SQLite files."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from companion.domain import Chapter, Episode, EpisodeSummary, Podcast, PodcastKind
from companion.library import EpisodeFilter, EpisodeSort, Library, LibraryError
from companion.library.library import RENDERED_NOTES_CACHE
from companion.library.migrations import APPLICATION_ID
from companion.shownotes import TimelineEntry, render_notes_html

TIMELINE_NOTES = (
    "We talk about things.\n\n"
    "Chapters\n"
    "00:00 Opening\n"
    "01:30 Middle part\n"
    "03:00 The end\n\n"
    "Links: https://example.org"
)


def _sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def _chapter_rows(lib: Library) -> list[dict]:
    return list(lib.db["chapters"].rows_where(order_by="episode_id, source, start_ms"))


def _migration_rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM _sqlite_migrations ORDER BY id").fetchall()
    finally:
        conn.close()


def _make_newer(path: Path) -> None:
    """A library written by a future app: one more migration step than this app knows."""
    Library(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('companion', 'm999_from_the_future', '2030-01-01 00:00:00')"
    )
    conn.commit()
    conn.close()


# ----- opening ----------------------------------------------------------------------------


def test_create_new_file(library_path: Path):
    assert not library_path.exists()
    lib = Library(library_path)
    try:
        assert library_path.is_file()
        assert {t for t in lib.db.table_names() if not t.startswith("search_")} == {
            "podcasts",
            "episodes",
            "chapters",
            "settings",
            "queue",
            "bookmarks",
            "transcripts",
            "persons",
            "funding",
            "sync_outbox",
            "sync_remote",
            "sqlite_sequence",  # sync_outbox's ids are never reused
            "covers",
            "episode_transcripts",
            "transcript_cues",
            "transcript_index",
            "transcript_unindex",
            "_sqlite_migrations",
        }
        assert {"search_titles", "search_notes", "search_chapters", "search_bookmarks"} <= set(
            lib.db.table_names()
        )
        assert lib.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert lib.db.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert lib.db.execute("PRAGMA busy_timeout").fetchone() == (30_000,)
        assert lib.db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert lib.is_empty()
    finally:
        lib.close()
    # WAL is a property of the file: another connection sees it too
    conn = sqlite3.connect(library_path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()
    assert [row[1:3] for row in _migration_rows(library_path)] == [
        ("companion", "m001_podcasts_episodes_chapters"),
        ("companion", "m002_queue"),
        ("companion", "m003_feed_sync_and_downloads"),
        ("companion", "m004_search_index"),
        ("companion", "m005_list_indexes"),
        ("companion", "m006_stars"),
        ("companion", "m007_notes_raw"),
        ("companion", "m008_audio_length"),
        ("companion", "m009_application_id"),
        ("companion", "m010_feed_details"),
        ("companion", "m011_podcast_kind"),
        ("companion", "m012_sync"),
        ("companion", "m013_cover_cache"),
        ("companion", "m014_transcript_cues"),
        ("companion", "m015_podcast_view"),
    ]


def test_bulk_cache_is_given_back_after_the_write_even_on_error(library: Library):
    from companion.library.db import bulk_cache

    conn = library.db.conn
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    with bulk_cache(conn, 8192):
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == -8192
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == before
    with pytest.raises(RuntimeError), bulk_cache(conn):
        raise RuntimeError("write failed")
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == before


def test_creates_missing_parent_directories(tmp_path: Path):
    path = tmp_path / "deep" / "er" / "library.db"
    Library(path).close()
    assert path.is_file()


def test_close_and_reopen_keeps_data_and_does_not_reapply_migrations(library_path: Path):
    lib = Library(library_path)
    podcast = lib.add_podcast("Cast", feed_url="https://example.org/feed")
    episode = lib.add_episode(podcast.id, "One", guid="g1", notes=TIMELINE_NOTES, published_at=100)
    lib.set_setting("volume", "70")
    chapters = lib.chapters(episode.id)
    lib.close()
    migrations = _migration_rows(library_path)
    assert _sidecars(library_path) == []  # closing checkpointed the WAL

    lib = Library(library_path)
    try:
        assert lib.podcasts() == [podcast]
        assert lib.episode(episode.id) == episode
        assert lib.chapters(episode.id) == chapters
        assert lib.setting("volume") == "70"
    finally:
        lib.close()
    assert _migration_rows(library_path) == migrations  # same rows, same applied_at


def test_newer_schema_is_refused_and_file_untouched(library_path: Path):
    _make_newer(library_path)
    before = library_path.read_bytes()
    mtime = library_path.stat().st_mtime_ns
    assert _sidecars(library_path) == []

    with pytest.raises(LibraryError) as info:
        Library(library_path)

    message = str(info.value)
    assert "newer version" in message
    assert "Update the app" in message
    assert "m999_from_the_future" in message
    assert library_path.read_bytes() == before
    assert library_path.stat().st_mtime_ns == mtime
    assert _sidecars(library_path) == []  # no -wal, no -shm


def test_newer_schema_seen_in_the_wal_of_an_open_library(library_path: Path):
    """Another process has the library open and the newer step is still only in its WAL."""
    Library(library_path).close()
    other = sqlite3.connect(library_path)
    try:
        other.execute("PRAGMA wal_autocheckpoint=0")
        other.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('companion', 'm999_from_the_future', '2030-01-01 00:00:00')"
        )
        other.commit()
        assert (library_path.parent / (library_path.name + "-wal")).stat().st_size > 0
        with pytest.raises(LibraryError, match="newer version"):
            Library(library_path)
    finally:
        other.close()


@pytest.mark.parametrize("dirname", ["a#b", "what?now", "中文 目录"])
def test_odd_characters_in_the_path(tmp_path: Path, dirname: str):
    folder = tmp_path / dirname
    path = folder / "library.db"
    lib = Library(path)
    lib.set_setting("k", "v")
    lib.close()
    lib = Library(path)
    assert lib.setting("k") == "v"
    lib.close()

    _make_newer(path)
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="newer version"):
        Library(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["library.db"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [dirname]  # no stray file beside the folder


def test_non_sqlite_file_is_refused_and_untouched(library_path: Path):
    library_path.write_bytes(b"ID3 this is an mp3, not a library\n" * 200)
    before = library_path.read_bytes()
    mtime = library_path.stat().st_mtime_ns

    with pytest.raises(LibraryError) as info:
        Library(library_path)

    message = str(info.value)
    assert "is not a Podcast Companion library" in message
    assert str(library_path) in message
    assert "--library" in message
    assert library_path.read_bytes() == before
    assert library_path.stat().st_mtime_ns == mtime
    assert _sidecars(library_path) == []


# ----- episodes and chapters --------------------------------------------------------------


def test_add_episode_stores_the_timeline_as_chapters(library: Library):
    podcast = library.add_podcast("Cast")
    episode = library.add_episode(
        podcast.id,
        "  Episode one  ",
        guid="ep-1",
        audio_url="https://example.org/1.mp3",
        link="https://example.org/1",
        notes=TIMELINE_NOTES,
        duration_ms=240_000,
        published_at=1_700_000_000,
    )
    assert episode == Episode(
        id=episode.id,
        podcast_id=podcast.id,
        guid="ep-1",
        title="Episode one",
        podcast_title="Cast",
        audio_url="https://example.org/1.mp3",
        audio_path=None,
        link="https://example.org/1",
        duration_ms=240_000,
        published_at=1_700_000_000,
        notes_html=episode.notes_html,
        notes_text=episode.notes_text,
        position_ms=0,
        played_at=None,
    )
    assert "01:30" in episode.notes_text and "<script" not in episode.notes_html
    rows = _chapter_rows(library)
    ids = [row["id"] for row in rows]
    assert rows == [
        {
            "id": ids[0],
            "episode_id": episode.id,
            "start_ms": 0,
            "end_ms": 90_000,
            "title": "Opening",
            "section": None,
            "source": "shownotes",
            "url": None,
            "image_url": None,
            "hidden": 0,
        },
        {
            "id": ids[1],
            "episode_id": episode.id,
            "start_ms": 90_000,
            "end_ms": 180_000,
            "title": "Middle part",
            "section": None,
            "source": "shownotes",
            "url": None,
            "image_url": None,
            "hidden": 0,
        },
        {
            "id": ids[2],
            "episode_id": episode.id,
            "start_ms": 180_000,
            "end_ms": 240_000,
            "title": "The end",
            "section": None,
            "source": "shownotes",
            "url": None,
            "image_url": None,
            "hidden": 0,
        },
    ]
    assert library.chapters(episode.id) == [
        Chapter(episode.id, 0, "Opening", None, 90_000, "shownotes", ids[0]),
        Chapter(episode.id, 90_000, "Middle part", None, 180_000, "shownotes", ids[1]),
        Chapter(episode.id, 180_000, "The end", None, 240_000, "shownotes", ids[2]),
    ]


def test_last_chapter_is_open_ended_without_a_duration(library: Library):
    podcast = library.add_podcast("Cast")
    episode = library.add_episode(podcast.id, "No length", notes=TIMELINE_NOTES)
    assert [(c.start_ms, c.end_ms) for c in library.chapters(episode.id)] == [
        (0, 90_000),
        (90_000, 180_000),
        (180_000, None),
    ]
    assert episode.duration_ms is None


def test_add_episode_without_notes_or_title(library: Library):
    podcast = library.add_podcast("Cast")
    episode = library.add_episode(podcast.id, "Bare")
    assert (episode.notes_html, episode.notes_text) == ("", "")
    assert library.chapters(episode.id) == []
    assert library.chapter_sources(episode.id) == []
    with pytest.raises(LibraryError, match="needs a title"):
        library.add_episode(podcast.id, "   ")
    assert library.episode_count() == 1


def test_notes_are_stored_raw_and_shown_rendered(library: Library):
    podcast = library.add_podcast("Cast")
    notes = "<p>Hi <script>alert(1)</script>at 01:30</p>"
    episode = library.add_episode(podcast.id, "Raw", notes=notes)
    row = library.db.execute(
        "SELECT notes_raw, notes_html FROM episodes WHERE id = ?", [episode.id]
    ).fetchone()
    assert row == (notes, "")  # rendered when shown, not at import
    rendered = render_notes_html(notes)
    assert "<script" not in rendered and 'href="seek:90000"' in rendered
    assert episode.notes_html == rendered
    for n in range(RENDERED_NOTES_CACHE + 2):  # past the cache of rendered notes: rendered again
        library.add_episode(podcast.id, "Other", notes=f"<p>{n}</p>")
        library.episode(library.episode_ids()[0])
    assert library.episode(episode.id).notes_html == rendered


def test_notes_rendered_by_an_earlier_version_are_shown_as_stored(library: Library):
    podcast = library.add_podcast("Cast")
    episode_id = library.add_episode(podcast.id, "Old").id
    with library.db.atomic():  # a row as written before notes_raw (m007): the rendered HTML only
        library.db.execute(
            "UPDATE episodes SET notes_html = '<p>kept</p>', notes_raw = NULL WHERE id = ?", [episode_id]
        )
    assert library.episode(episode_id).notes_html == "<p>kept</p>"


def test_missing_episode_and_podcast_raise_library_error(library: Library):
    with pytest.raises(LibraryError, match="No episode with id 42"):
        library.episode(42)
    with pytest.raises(LibraryError, match="No podcast with id 7"):
        library.podcast(7)


def test_deleting_an_episode_cascades_to_its_chapters(library: Library):
    podcast = library.add_podcast("Cast")
    gone = library.add_episode(podcast.id, "Gone", notes=TIMELINE_NOTES)
    kept = library.add_episode(podcast.id, "Kept", notes=TIMELINE_NOTES)
    library.set_chapters(gone.id, "podcast-json", [TimelineEntry(0, "Publisher intro")])
    assert len(_chapter_rows(library)) == 7

    library.delete_episode(gone.id)

    assert {row["episode_id"] for row in _chapter_rows(library)} == {kept.id}
    assert len(_chapter_rows(library)) == 3
    assert library.episode_ids() == [kept.id]
    with pytest.raises(LibraryError):
        library.episode(gone.id)


def test_deleting_a_podcast_cascades_to_episodes_and_chapters(library: Library):
    doomed = library.add_podcast("Doomed", feed_url="https://example.org/doomed")
    other = library.add_podcast("Other", feed_url="https://example.org/other")
    library.add_episode(doomed.id, "D1", notes=TIMELINE_NOTES)
    library.add_episode(doomed.id, "D2", notes=TIMELINE_NOTES)
    survivor = library.add_episode(other.id, "O1", notes=TIMELINE_NOTES)

    library.delete_podcast(doomed.id)

    assert library.podcasts() == [other]
    assert library.episode_ids() == [survivor.id]
    assert {row["episode_id"] for row in _chapter_rows(library)} == {survivor.id}


def test_podcast_feed_url_is_unique_and_local_podcast_is_reused(library: Library):
    first = library.add_podcast("Cast", feed_url="https://example.org/feed")
    again = library.add_podcast("Another title", feed_url="https://example.org/feed")
    assert again == first == Podcast(first.id, "Cast", "https://example.org/feed", None, "", None)
    local = library.local_podcast()
    assert library.local_podcast() == local
    assert local == Podcast(local.id, "Local", None, kind=PodcastKind.LOCAL)
    assert library.find_podcast("https://example.org/feed") == first
    assert library.find_podcast("https://example.org/nope") is None
    assert len(library.podcasts()) == 2


def test_guid_is_unique_within_a_podcast(library: Library):
    one = library.add_podcast("One")
    two = library.add_podcast("Two")
    first = library.add_episode(one.id, "First", guid="same", notes=TIMELINE_NOTES)

    with pytest.raises(LibraryError):
        library.add_episode(one.id, "Duplicate", guid="same", notes=TIMELINE_NOTES)
    assert library.episode_ids() == [first.id]
    assert len(_chapter_rows(library)) == 3  # the refused episode left no chapters behind

    # the schema itself enforces it, whatever writes to the file
    with pytest.raises(sqlite3.IntegrityError):
        library.db.execute(
            "INSERT INTO episodes (podcast_id, guid, title) VALUES (?, 'same', 'Raw')", [one.id]
        )

    # the same guid in another podcast is a different episode
    second = library.add_episode(two.id, "Elsewhere", guid="same")
    assert sorted(library.episode_ids()) == sorted([first.id, second.id])


def test_episodes_without_a_guid_get_distinct_ones(library: Library):
    podcast = library.add_podcast("Cast")
    a = library.add_episode(podcast.id, "A", audio_path="/music/a.wav")
    b = library.add_episode(podcast.id, "B", audio_path="/music/b.wav")
    assert a.guid and b.guid and a.guid != b.guid


def test_foreign_keys_are_enforced(library: Library):
    with pytest.raises(sqlite3.IntegrityError):
        library.db.execute("INSERT INTO episodes (podcast_id, guid, title) VALUES (999, 'g', 'Orphan')")


# ----- listener state ---------------------------------------------------------------------


def test_save_position_set_played_set_duration(library: Library):
    podcast = library.add_podcast("Cast")
    episode = library.add_episode(podcast.id, "Ep", guid="g", published_at=1000)
    other = library.add_episode(podcast.id, "Other", guid="h", published_at=2000)

    library.save_position(episode.id, 61_500)
    assert library.episode(episode.id) == Episode(
        episode.id, podcast.id, "g", "Ep", "Cast", published_at=1000, position_ms=61_500
    )
    library.save_position(episode.id, -5)
    assert library.episode(episode.id).position_ms == 0
    library.save_position(episode.id, 12_345.7)
    assert library.episode(episode.id).position_ms == 12_345

    before = int(time.time())
    library.set_played(episode.id, True)
    after = int(time.time())
    played_at = library.episode(episode.id).played_at
    assert played_at is not None and before <= played_at <= after
    assert library.episode(episode.id) == Episode(
        episode.id,
        podcast.id,
        "g",
        "Ep",
        "Cast",
        published_at=1000,
        position_ms=12_345,
        played_at=played_at,
    )
    library.set_played(episode.id, False)
    assert library.episode(episode.id).played_at is None

    library.set_duration(episode.id, 300_000)
    assert library.episode(episode.id).duration_ms == 300_000
    library.set_duration(episode.id, 301_000)
    assert library.episode(episode.id).duration_ms == 301_000

    library.set_audio_path(episode.id, "/tmp/ep.wav")
    assert library.episode(episode.id).media == "/tmp/ep.wav"

    # nothing leaked onto the other episode
    assert library.episode(other.id) == other


def test_listener_state_survives_reopening(library_path: Path):
    lib = Library(library_path)
    podcast = lib.add_podcast("Cast")
    episode = lib.add_episode(podcast.id, "Ep", published_at=1)
    lib.save_position(episode.id, 5_000)
    lib.set_played(episode.id, True)
    lib.set_duration(episode.id, 9_000)
    expected = lib.episode(episode.id)
    lib.close()
    lib = Library(library_path)
    try:
        assert lib.episode(episode.id) == expected
        assert (expected.position_ms, expected.duration_ms) == (5_000, 9_000)
        assert expected.played_at is not None
    finally:
        lib.close()


@pytest.fixture
def four_episodes(library: Library) -> dict[str, int]:
    """a: untouched (oldest); b: in progress; c: played; d: played with a position (newest); b and d
    starred."""
    podcast = library.add_podcast("Cast")
    ids = {}
    for name, title, published in [
        ("a", "delta", 1000),
        ("b", "Alpha", 2000),
        ("c", "charlie", 3000),
        ("d", "Bravo", 4000),
    ]:
        ids[name] = library.add_episode(podcast.id, title, published_at=published).id
    library.save_position(ids["b"], 10_000)
    library.set_played(ids["c"], True)
    library.save_position(ids["d"], 20_000)
    library.set_played(ids["d"], True)
    library.star(ids["b"])
    library.star(ids["d"])
    return ids


@pytest.mark.parametrize(
    ("sort", "filter", "expected"),
    [
        (EpisodeSort.NEWEST, EpisodeFilter.ALL, "dcba"),
        (EpisodeSort.OLDEST, EpisodeFilter.ALL, "abcd"),
        (EpisodeSort.TITLE, EpisodeFilter.ALL, "bdca"),
        (EpisodeSort.NEWEST, EpisodeFilter.UNPLAYED, "ba"),
        (EpisodeSort.OLDEST, EpisodeFilter.UNPLAYED, "ab"),
        (EpisodeSort.TITLE, EpisodeFilter.UNPLAYED, "ba"),
        (EpisodeSort.NEWEST, EpisodeFilter.PLAYED, "dc"),
        (EpisodeSort.OLDEST, EpisodeFilter.PLAYED, "cd"),
        (EpisodeSort.TITLE, EpisodeFilter.PLAYED, "dc"),
        (EpisodeSort.NEWEST, EpisodeFilter.IN_PROGRESS, "b"),
        (EpisodeSort.OLDEST, EpisodeFilter.IN_PROGRESS, "b"),
        (EpisodeSort.TITLE, EpisodeFilter.IN_PROGRESS, "b"),
        (EpisodeSort.NEWEST, EpisodeFilter.STARRED, "db"),
        (EpisodeSort.OLDEST, EpisodeFilter.STARRED, "bd"),
        (EpisodeSort.TITLE, EpisodeFilter.STARRED, "bd"),
    ],
)
def test_episode_ids_sort_and_filter(
    library: Library, four_episodes: dict[str, int], sort: EpisodeSort, filter: EpisodeFilter, expected: str
):
    assert library.episode_ids(sort, filter) == [four_episodes[name] for name in expected]
    assert library.episode_count(filter) == len(expected)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (EpisodeSort.TITLE_DESC, "acdb"),
        (EpisodeSort.LONGEST, "cadb"),
        (EpisodeSort.SHORTEST, "bdac"),
    ],
)
def test_episode_ids_other_sorts(
    library: Library, four_episodes: dict[str, int], sort: EpisodeSort, expected: str
):
    for name, minutes in (("a", 30), ("b", 5), ("c", 90), ("d", 20)):
        library.set_duration(four_episodes[name], minutes * 60_000)
    assert library.episode_ids(sort) == [four_episodes[name] for name in expected]


def test_every_sort_and_filter_is_covered():
    # the parametrizations above list 3 sorts x 5 filters and 3 more sorts; a new member needs a row
    assert len(EpisodeSort) == 6
    assert len(EpisodeFilter) == 5


def test_same_day_ties_break_by_id(library: Library):
    podcast = library.add_podcast("Cast")
    ids = [library.add_episode(podcast.id, "Same", published_at=500).id for _ in range(3)]
    assert library.episode_ids(EpisodeSort.NEWEST) == ids[::-1]
    assert library.episode_ids(EpisodeSort.OLDEST) == ids
    assert library.episode_ids(EpisodeSort.TITLE) == ids


def test_episode_summaries_keep_the_order_asked(library: Library, four_episodes: dict[str, int]):
    podcast_id = library.episode(four_episodes["a"]).podcast_id
    order = [four_episodes[name] for name in "cadb"]
    summaries = library.episode_summaries([*order[:2], 9999, *order[2:]])
    assert [s.id for s in summaries] == order  # missing id skipped, order kept
    played_c = library.episode(four_episodes["c"]).played_at
    assert summaries[0] == EpisodeSummary(
        four_episodes["c"], podcast_id, "Cast", "charlie", None, 3000, 0, played_c
    )
    starred_b = library.episode(four_episodes["b"]).starred_at
    assert starred_b is not None
    assert summaries[3] == EpisodeSummary(
        four_episodes["b"], podcast_id, "Cast", "Alpha", None, 2000, 10_000, None, starred_b
    )
    assert library.episode_summaries([]) == []
    assert library.episodes(limit=2) == library.episode_summaries([four_episodes["d"], four_episodes["c"]])
    assert library.episodes(limit=0) == []
    assert [s.id for s in library.episodes()] == [four_episodes[name] for name in "dcba"]


def test_episode_summaries_of_more_than_one_chunk(library: Library):
    podcast = library.add_podcast("Big")
    with library.db.atomic():
        library.db.conn.executemany(
            "INSERT INTO episodes (podcast_id, guid, title, published_at) VALUES (?, ?, ?, ?)",
            [(podcast.id, f"g{i}", f"Episode {i}", i) for i in range(1200)],
        )
    ids = library.episode_ids(EpisodeSort.OLDEST)
    assert len(ids) == 1200
    wanted = ids[::-1]
    summaries = library.episode_summaries(wanted)
    assert [s.id for s in summaries] == wanted
    assert [s.title for s in summaries[:2]] == ["Episode 1199", "Episode 1198"]


# ----- settings ---------------------------------------------------------------------------


def test_settings_round_trip(library_path: Path):
    lib = Library(library_path)
    assert lib.setting("missing") is None
    assert lib.setting("missing", "fallback") == "fallback"
    lib.set_setting("speed", "1.5")
    lib.set_setting("speed", "2.0")
    lib.set_setting("语言", "中文")
    lib.set_setting("gone", "x")
    lib.set_setting("gone", None)
    lib.close()

    lib = Library(library_path)
    try:
        assert lib.setting("speed") == "2.0"
        assert lib.setting("语言") == "中文"
        assert lib.setting("gone", "default") == "default"
        assert list(lib.db["settings"].rows_where(order_by="key")) == [
            {"key": "speed", "value": "2.0"},
            {"key": "语言", "value": "中文"},
        ]
    finally:
        lib.close()


# ----- chapter sources --------------------------------------------------------------------


def test_publisher_chapters_win_over_the_show_notes(library: Library):
    podcast = library.add_podcast("Cast")
    episode = library.add_episode(podcast.id, "Ep", notes=TIMELINE_NOTES, duration_ms=240_000)
    shownotes_chapters = library.chapters(episode.id)
    assert library.chapter_sources(episode.id) == ["shownotes"]

    library.set_chapters(
        episode.id,
        "podcast-json",
        # out of order on purpose: they are stored sorted, ends chained
        [TimelineEntry(120_000, "Second"), TimelineEntry(0, "First", "Part A")],
        duration_ms=240_000,
    )

    assert library.chapter_sources(episode.id) == ["podcast-json", "shownotes"]
    best = library.chapters(episode.id)
    assert [(c.start_ms, c.end_ms, c.title, c.section, c.source) for c in best] == [
        (0, 120_000, "First", "Part A", "podcast-json"),
        (120_000, 240_000, "Second", None, "podcast-json"),
    ]
    assert library.chapters(episode.id, source="shownotes") == shownotes_chapters

    # replacing one source leaves the others alone
    library.set_chapters(episode.id, "podcast-json", [TimelineEntry(5_000, "Only")])
    assert [(c.start_ms, c.end_ms, c.title) for c in library.chapters(episode.id)] == [(5_000, None, "Only")]
    assert library.chapters(episode.id, source="shownotes") == shownotes_chapters

    # sources this app does not rank come after the ranked ones
    library.set_chapters(episode.id, "zz-custom", [TimelineEntry(0, "Custom")])
    library.set_chapters(episode.id, "id3", [TimelineEntry(0, "Tag")])
    assert library.chapter_sources(episode.id) == ["podcast-json", "id3", "shownotes", "zz-custom"]

    # emptying the best source hands the list back to the next one
    library.set_chapters(episode.id, "podcast-json", [])
    assert library.chapter_sources(episode.id) == ["id3", "shownotes", "zz-custom"]
    assert [c.title for c in library.chapters(episode.id)] == ["Tag"]


def test_chapter_start_must_not_be_negative(library: Library):
    podcast = library.add_podcast("Cast")
    episode = library.add_episode(podcast.id, "Ep", notes=TIMELINE_NOTES)
    with pytest.raises((sqlite3.IntegrityError, LibraryError)):
        library.set_chapters(episode.id, "podlove", [TimelineEntry(-1, "Before the start")])
    # the failed replace was rolled back as a whole
    assert library.chapter_sources(episode.id) == ["shownotes"]
    assert len(library.chapters(episode.id)) == 3


def test_sidecar_files_gone_after_close(library_path: Path):
    lib = Library(library_path)
    lib.set_setting("a", "b")
    assert os.path.exists(str(library_path) + "-wal")
    lib.close()
    assert _sidecars(library_path) == []


def test_episode_ids_keep_the_sql_order_at_scale(library: Library):
    # episode_ids reads one JSON array; its order must be exactly the ORDER BY's, for every sort
    podcast = library.add_podcast("Many")
    rows = [
        (podcast.id, f"g{i}", f"Title {(i * 7919) % 1000:04d}", (i * 37) % 500, i * 13 % 911, "", "")
        for i in range(3000)
    ]
    library.db.conn.executemany(
        "INSERT INTO episodes (podcast_id, guid, title, duration_ms, published_at, notes_html,"
        " notes_text) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    for sort in EpisodeSort:
        for episode_filter in EpisodeFilter:
            where = f" WHERE {episode_filter.value}" if episode_filter.value else ""
            expected = [
                r[0]
                for r in library.db.conn.execute(f"SELECT e.id FROM episodes e{where} ORDER BY {sort.value}")
            ]
            assert library.episode_ids(sort, episode_filter) == expected


def test_the_library_starts_without_importing_numpy_and_leaves_it_importable():
    """sqlite-utils would import numpy (0.1-0.15 s at every start) just to map its column types."""
    import subprocess
    import sys

    code = (
        "import sys, companion.library, sqlite_utils.db as d;"
        "assert 'numpy' not in sys.modules and d.np is None;"
        "import numpy; print(numpy.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "numpy", out.stderr
