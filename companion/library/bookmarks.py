"""Stars and timestamped bookmarks of the Library facade: add, edit, delete, restore and list them."""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from companion.domain import Bookmark, Chapter
from companion.library.db import LibraryError
from companion.library.search import like_pattern
from companion.shownotes.timestamps import format_timestamp

_BOOKMARK_COLUMNS = (
    "b.id, b.episode_id, b.position_ms, b.note, b.chapter_title, b.created_at, b.updated_at,"
    " e.title, p.title, e.link"
)
_BOOKMARK_FROM = "bookmarks b JOIN episodes e ON e.id = b.episode_id JOIN podcasts p ON p.id = e.podcast_id"
_UNSET: Any = object()


def chapter_title_at(chapters: list[Chapter], position_ms: int) -> str | None:
    """The title of the chapter playing at ``position_ms`` (the last one starting at or before it)."""
    starts = [c.start_ms for c in chapters]
    index = bisect.bisect_right(starts, position_ms) - 1
    return chapters[index].title if index >= 0 else None


class BookmarksMixin:
    """Star and bookmark methods of Library (kept apart to keep each module to one job)."""

    db: Database
    chapters: Callable[..., list[Chapter]]  # provided by Library

    def _episode_row(self, episode_id: int) -> tuple[Any, ...]:
        row = self.db.conn.execute(
            "SELECT id, duration_ms FROM episodes WHERE id = ?", [episode_id]
        ).fetchone()
        if row is None:
            raise LibraryError(f"No episode with id {episode_id} in the library.")
        return row

    # ----- stars ----------------------------------------------------------------------------

    def star(self, episode_id: int, starred: bool = True) -> None:
        """Star an episode (keeping when it was first starred) or take its star away."""
        self._episode_row(episode_id)
        with self.db.atomic():
            if starred:
                self.db.conn.execute(
                    "UPDATE episodes SET starred_at = COALESCE(starred_at, ?) WHERE id = ?",
                    [int(time.time()), episode_id],
                )
            else:
                self.db.conn.execute("UPDATE episodes SET starred_at = NULL WHERE id = ?", [episode_id])

    def starred_at(self, episode_id: int) -> int | None:
        """When the episode was starred (UTC epoch seconds), or None."""
        self._episode_row(episode_id)
        row = self.db.conn.execute("SELECT starred_at FROM episodes WHERE id = ?", [episode_id]).fetchone()
        return row[0]

    def restore_star(self, episode_id: int, starred_at: int | None) -> None:
        """Put an episode's star back exactly as it was (undo): starred then, or not starred."""
        self._episode_row(episode_id)
        with self.db.atomic():
            self.db.conn.execute("UPDATE episodes SET starred_at = ? WHERE id = ?", [starred_at, episode_id])

    def is_starred(self, episode_id: int) -> bool:
        """True when the episode has a star."""
        row = self.db.conn.execute("SELECT starred_at FROM episodes WHERE id = ?", [episode_id]).fetchone()
        return bool(row and row[0] is not None)

    # ----- bookmarks ------------------------------------------------------------------------

    def _check_position(self, episode_id: int, position_ms: int) -> int:
        # Past the stored duration is allowed (a feed's duration is often a little short), but not past
        # the audio's own length once it is known.
        self._episode_row(episode_id)
        position_ms = int(position_ms)
        if position_ms < 0:
            raise LibraryError(f"A bookmark cannot be before the start of an episode ({position_ms} ms).")
        length = self.db.conn.execute(
            "SELECT audio_length_ms FROM episodes WHERE id = ?", [episode_id]
        ).fetchone()[0]
        if length and position_ms > length:
            raise LibraryError(
                f"{format_timestamp(position_ms)} is past the end of this episode's audio, which is "
                f"{format_timestamp(length)} long; nothing was bookmarked."
            )
        return position_ms

    def add_bookmark(
        self,
        episode_id: int,
        position_ms: int,
        note: str = "",
        chapter_title: str | None = None,
    ) -> Bookmark:
        """Keep a moment of an episode; the chapter title defaults to the chapter at that moment."""
        position_ms = self._check_position(episode_id, position_ms)
        if chapter_title is None:
            chapter_title = chapter_title_at(self.chapters(episode_id), position_ms)
        with self.db.atomic():
            cur = self.db.conn.execute(
                "INSERT INTO bookmarks (episode_id, position_ms, note, chapter_title, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [episode_id, position_ms, note or "", chapter_title, int(time.time())],
            )
        return self.bookmark(int(cur.lastrowid))

    def bookmark(self, bookmark_id: int) -> Bookmark:
        """One bookmark with its episode's and podcast's titles; LibraryError when it is not there."""
        row = self.db.conn.execute(
            f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} WHERE b.id = ?", [bookmark_id]
        ).fetchone()
        if row is None:
            raise LibraryError(f"No bookmark with id {bookmark_id} in the library.")
        return Bookmark(*row)

    def update_bookmark(
        self,
        bookmark_id: int,
        *,
        note: str | None = None,
        position_ms: int | None = None,
        chapter_title: str | None = _UNSET,
    ) -> Bookmark:
        """Change a bookmark's note and/or moment (a new moment takes the chapter title found there
        unless ``chapter_title`` is given)."""
        old = self.bookmark(bookmark_id)
        new_note = old.note if note is None else note
        new_position = old.position_ms
        new_chapter = old.chapter_title
        if position_ms is not None and int(position_ms) != old.position_ms:
            new_position = self._check_position(old.episode_id, position_ms)
            new_chapter = chapter_title_at(self.chapters(old.episode_id), new_position)
        if chapter_title is not _UNSET:
            new_chapter = chapter_title
        if (new_note, new_position, new_chapter) == (old.note, old.position_ms, old.chapter_title):
            return old
        with self.db.atomic():
            self.db.conn.execute(
                "UPDATE bookmarks SET note = ?, position_ms = ?, chapter_title = ?, updated_at = ?"
                " WHERE id = ?",
                [new_note, new_position, new_chapter, int(time.time()), bookmark_id],
            )
        return self.bookmark(bookmark_id)

    def delete_bookmark(self, bookmark_id: int) -> Bookmark:
        """Remove a bookmark; returns it as it was (for undo with ``restore_bookmark``)."""
        old = self.bookmark(bookmark_id)
        with self.db.atomic():
            self.db.conn.execute("DELETE FROM bookmarks WHERE id = ?", [bookmark_id])
        return old

    def restore_bookmark(self, bookmark: Bookmark) -> Bookmark:
        """Put a deleted bookmark back with its id, note, times and chapter (undo of a delete)."""
        self._episode_row(bookmark.episode_id)
        with self.db.atomic():
            self.db.conn.execute(
                "INSERT OR REPLACE INTO bookmarks"
                " (id, episode_id, position_ms, note, chapter_title, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    bookmark.id,
                    bookmark.episode_id,
                    bookmark.position_ms,
                    bookmark.note,
                    bookmark.chapter_title,
                    bookmark.created_at,
                    bookmark.updated_at,
                ],
            )
        return self.bookmark(bookmark.id)

    def bookmarks(
        self, text_filter: str = "", episode_id: int | None = None, limit: int | None = None
    ) -> list[Bookmark]:
        """Bookmarks newest first (of one episode, or all); ``text_filter`` keeps those whose note,
        chapter, episode or podcast title holds the text (any case)."""
        where, args = [], []
        if episode_id is not None:
            where.append("b.episode_id = ?")
            args.append(episode_id)
        for word in text_filter.split():
            where.append(
                "(b.note LIKE ? ESCAPE '\\' OR b.chapter_title LIKE ? ESCAPE '\\'"
                " OR e.title LIKE ? ESCAPE '\\' OR p.title LIKE ? ESCAPE '\\')"
            )
            args += [like_pattern(word)] * 4
        sql = f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY b.created_at DESC, b.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(max(0, int(limit)))
        return [Bookmark(*row) for row in self.db.conn.execute(sql, args)]

    def bookmark_count(self, episode_id: int | None = None) -> int:
        """How many bookmarks an episode (or the whole library) has."""
        if episode_id is None:
            return self.db.conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
        return self.db.conn.execute(
            "SELECT count(*) FROM bookmarks WHERE episode_id = ?", [episode_id]
        ).fetchone()[0]
