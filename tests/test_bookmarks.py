"""Stars and bookmarks in the library (chapter titles, edit, delete and restore, filters) and their
Markdown and JSON exports."""

from __future__ import annotations

import json
import time

import pytest

from companion.domain import Bookmark
from companion.library import EpisodeFilter, EpisodeSort, Library, LibraryError
from companion.library.bookmarks import chapter_title_at
from companion.services.bookmarks_export import export, format_hms, to_json, to_markdown

NOTES = "时间轴\n00:00 开场 Opening\n10:00 医疗影像 Medical imaging\n1:02:03 结尾 Ending\n"


@pytest.fixture
def episode(library: Library):
    podcast = library.add_podcast("开源漫谈", feed_url="https://example.org/feed.xml")
    return library.add_episode(
        podcast.id,
        "第1期 Models",
        notes=NOTES,
        duration_ms=4_000_000,
        link="https://example.org/ep1",
        published_at=1_700_000_000,
    )


def test_add_bookmark_takes_the_chapter_at_that_moment(library: Library, episode):
    bookmark = library.add_bookmark(episode.id, 3_723_500, note="the end\nsecond line")
    assert bookmark == Bookmark(
        id=bookmark.id,
        episode_id=episode.id,
        position_ms=3_723_500,
        note="the end\nsecond line",
        chapter_title="结尾 Ending",
        created_at=bookmark.created_at,
        updated_at=None,
        episode_title="第1期 Models",
        podcast_title="开源漫谈",
        episode_link="https://example.org/ep1",
    )
    assert abs(bookmark.created_at - time.time()) < 5
    assert library.add_bookmark(episode.id, 700_000).chapter_title == "医疗影像 Medical imaging"
    assert library.add_bookmark(episode.id, 5, chapter_title="Mine").chapter_title == "Mine"
    assert library.bookmark_count(episode.id) == 3
    assert library.bookmark_count() == 3


def test_add_bookmark_refuses_unknown_episodes_and_impossible_moments(library: Library, episode):
    with pytest.raises(LibraryError, match="No episode with id 999"):
        library.add_bookmark(999, 0)
    with pytest.raises(LibraryError, match="before the start"):
        library.add_bookmark(episode.id, -1)
    assert library.bookmark_count() == 0
    # past the stored length is kept (a feed's duration is often a little short)
    assert library.add_bookmark(episode.id, 4_000_001).chapter_title == "结尾 Ending"


def test_chapter_title_at_without_chapters_or_before_the_first(library: Library, episode):
    assert chapter_title_at([], 10) is None
    chapters = library.chapters(episode.id)
    assert chapter_title_at(chapters[1:], 10) is None
    assert chapter_title_at(chapters, 600_000) == "医疗影像 Medical imaging"


def test_bookmarks_are_listed_newest_first_and_filtered(library: Library, episode):
    other_podcast = library.add_podcast("Other Show")
    other = library.add_episode(other_podcast.id, "Unrelated", duration_ms=100_000)
    first = library.add_bookmark(episode.id, 1_000, note="alpha idea")
    second = library.add_bookmark(other.id, 2_000, note="Beta thought")
    third = library.add_bookmark(episode.id, 700_000)
    assert [b.id for b in library.bookmarks()] == [third.id, second.id, first.id]
    assert [b.id for b in library.bookmarks(episode_id=episode.id)] == [third.id, first.id]
    assert [b.id for b in library.bookmarks(limit=1)] == [third.id]
    assert [b.id for b in library.bookmarks("BETA")] == [second.id]  # note, any case
    assert [b.id for b in library.bookmarks("医疗")] == [third.id]  # chapter title
    assert [b.id for b in library.bookmarks("other show")] == [second.id]  # podcast, words
    assert [b.id for b in library.bookmarks("models alpha")] == [first.id]  # episode + note
    assert library.bookmarks("100%_") == []  # LIKE wildcards are literal
    assert library.search("alpha idea").bookmarks[0].id == first.id  # notes are searchable


def test_update_delete_and_restore(library: Library, episode):
    bookmark = library.add_bookmark(episode.id, 1_000, note="first")
    edited = library.update_bookmark(bookmark.id, note="changed\nmore")
    assert (edited.note, edited.position_ms, edited.chapter_title) == ("changed\nmore", 1_000, "开场 Opening")
    assert edited.updated_at is not None and edited.created_at == bookmark.created_at
    moved = library.update_bookmark(bookmark.id, position_ms=650_000)
    assert (moved.position_ms, moved.chapter_title) == (650_000, "医疗影像 Medical imaging")
    assert library.update_bookmark(bookmark.id, chapter_title=None).chapter_title is None
    with pytest.raises(LibraryError, match="before the start"):
        library.update_bookmark(bookmark.id, position_ms=-1)
    deleted = library.delete_bookmark(bookmark.id)
    assert (deleted.id, deleted.note, deleted.chapter_title) == (bookmark.id, "changed\nmore", None)
    assert library.bookmarks() == []
    assert library.search("changed").bookmarks == ()
    restored = library.restore_bookmark(deleted)
    assert restored == deleted
    assert library.search("changed").bookmarks[0].id == bookmark.id
    with pytest.raises(LibraryError, match="No bookmark with id 12345"):
        library.delete_bookmark(12345)


def test_deleting_the_episode_deletes_its_bookmarks(library: Library, episode):
    library.add_bookmark(episode.id, 1_000)
    library.delete_episode(episode.id)
    assert library.bookmark_count() == 0


def test_star_and_the_starred_filter(library: Library, episode):
    podcast_id = episode.podcast_id
    older = library.add_episode(podcast_id, "Older", published_at=1_600_000_000)
    assert library.episode_ids(filter=EpisodeFilter.STARRED) == []
    library.star(older.id)
    library.star(episode.id, True)
    starred_at = library.episode(episode.id).starred_at
    assert starred_at is not None
    library.star(episode.id)  # starring again keeps the first time
    assert library.episode(episode.id).starred_at == starred_at
    assert library.is_starred(episode.id)
    assert library.episode_ids(EpisodeSort.NEWEST, EpisodeFilter.STARRED) == [episode.id, older.id]
    assert library.episode_count(EpisodeFilter.STARRED) == 2
    assert library.episode_summaries([older.id])[0].starred_at is not None
    library.star(older.id, False)
    assert library.episode_ids(filter=EpisodeFilter.STARRED) == [episode.id]
    assert not library.is_starred(older.id)
    with pytest.raises(LibraryError, match="No episode with id 999"):
        library.star(999)
    # undo's way back: the star exactly as it was
    assert library.starred_at(episode.id) == starred_at
    library.star(episode.id, False)
    library.restore_star(episode.id, starred_at)
    assert library.starred_at(episode.id) == starred_at
    library.restore_star(older.id, None)
    assert library.starred_at(older.id) is None
    with pytest.raises(LibraryError, match="No episode with id 999"):
        library.restore_star(999, None)


def test_starred_filter_uses_the_partial_index(library: Library, episode):
    plan = library.db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT e.id FROM episodes e WHERE e.starred_at IS NOT NULL"
        " ORDER BY e.published_at DESC, e.id DESC"
    ).fetchall()
    assert "episodes_starred" in " ".join(str(row) for row in plan)


# ----- export ------------------------------------------------------------------------------


def _three(library: Library, episode) -> list[Bookmark]:
    other_podcast = library.add_podcast("Other Show")
    other = library.add_episode(other_podcast.id, "Unrelated [2]", duration_ms=100_000)
    library.add_bookmark(episode.id, 3_723_000, note="line one\nline two")
    library.add_bookmark(other.id, 2_000)
    library.add_bookmark(episode.id, 61_000, note="早点听 *this*")
    return library.bookmarks()


def test_json_export_parses_back(library: Library, episode):
    bookmarks = _three(library, episode)
    data = json.loads(to_json(bookmarks))
    assert [d["start_ms"] for d in data] == [61_000, 2_000, 3_723_000]
    assert data[2] == {
        "id": bookmarks[2].id,
        "podcast": "开源漫谈",
        "episode": "第1期 Models",
        "episode_id": episode.id,
        "start_ms": 3_723_000,
        "time": "1:02:03",
        "chapter": "结尾 Ending",
        "note": "line one\nline two",
        "link": "https://example.org/ep1",
        "created_at": bookmarks[2].created_at,
    }
    assert data[1]["link"] is None and data[1]["chapter"] is None
    assert "早点听" in to_json(bookmarks)  # not ASCII-escaped
    assert json.loads(export([], "json")) == []


def test_markdown_export_reads_right(library: Library, episode):
    text = to_markdown(_three(library, episode))
    assert text == (
        "# Bookmarks\n"
        "\n"
        "## 开源漫谈\n"
        "\n"
        "### [第1期 Models](<https://example.org/ep1>)\n"
        "\n"
        "- **0:01:01** (61000 ms) — *开场 Opening*\n"
        "  > 早点听 *this*\n"
        "- **1:02:03** (3723000 ms) — *结尾 Ending*\n"
        "  > line one\\\n"
        "  > line two\n"
        "\n"
        "## Other Show\n"
        "\n"
        "### Unrelated \\[2\\]\n"
        "\n"
        "- **0:00:02** (2000 ms)\n"
    )
    assert export([], "md") == "# Bookmarks\n\nNo bookmarks.\n"
    with pytest.raises(ValueError, match="unknown export format"):
        export([], "csv")


def test_format_hms():
    assert format_hms(0) == "0:00:00"
    assert format_hms(3_723_999) == "1:02:03"
    assert format_hms(-5) == "0:00:00"
