"""The Library facade: every read and write of podcasts, episodes and chapters, as domain objects."""

from __future__ import annotations

import dataclasses
import enum
import json
import sqlite3
import time
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from companion import shownotes
from companion.domain import ChapterSource, Episode, EpisodeSummary
from companion.library.bookmarks import BookmarksMixin
from companion.library.chapter_store import MAX_PARAMETERS as MAX_PARAMETERS
from companion.library.chapter_store import ChapterStoreMixin
from companion.library.chapter_store import chapter_rows as chapter_rows
from companion.library.covers import CoversMixin
from companion.library.db import LibraryError, is_library_file, open_database
from companion.library.podcast_view import PodcastViewMixin
from companion.library.podcasts import PodcastsMixin
from companion.library.queue import QueueMixin
from companion.library.search import SearchMixin
from companion.library.settings import KEYS as SETTING_KEYS
from companion.library.settings import parse_stored
from companion.library.transcript_store import TranscriptStoreMixin


class EpisodeSort(enum.Enum):
    """Orders the episode list can take."""

    NEWEST = "e.published_at DESC, e.id DESC"
    OLDEST = "e.published_at ASC, e.id ASC"
    TITLE = "e.title COLLATE NOCASE ASC, e.id ASC"
    TITLE_DESC = "e.title COLLATE NOCASE DESC, e.id DESC"
    LONGEST = "e.duration_ms DESC, e.id DESC"
    SHORTEST = "e.duration_ms ASC, e.id ASC"


class EpisodeFilter(enum.Enum):
    """Subsets of the episode list."""

    ALL = ""
    UNPLAYED = "e.played_at IS NULL"
    PLAYED = "e.played_at IS NOT NULL"
    IN_PROGRESS = "e.position_ms > 0 AND e.played_at IS NULL"
    STARRED = "e.starred_at IS NOT NULL"


_SUMMARY_COLUMNS = (
    "e.id, e.podcast_id, p.title, e.title, e.duration_ms, e.published_at, e.position_ms, e.played_at,"
    " e.starred_at, e.downloaded_at"
)
_EPISODE_COLUMNS = (
    "e.id, e.podcast_id, e.guid, e.title, p.title, e.audio_url, e.audio_path, e.link,"
    " e.duration_ms, e.published_at, e.notes_html, e.notes_text, e.position_ms, e.played_at,"
    " e.chapters_url, e.vanished_at, e.downloaded_at, e.starred_at, e.audio_length_ms, e.notes_raw"
)
RENDERED_NOTES_CACHE = 48  # episodes whose notes rendered on read are kept (per library)


def _now() -> int:
    return int(time.time())


class Library(
    PodcastsMixin,
    PodcastViewMixin,
    ChapterStoreMixin,
    QueueMixin,
    SearchMixin,
    BookmarksMixin,
    CoversMixin,
    TranscriptStoreMixin,
):
    """The facade over one library file. Lives on the thread that opened it."""

    def __init__(self, path: Path | str, busy_timeout_ms: int | None = None) -> None:
        """Open (or create) the library at ``path``; a write waits up to ``busy_timeout_ms`` for
        another process's write to finish ($COMPANION_BUSY_TIMEOUT_MS overrides it)."""
        self.path = Path(path).expanduser()
        self.db = open_database(self.path, busy_timeout_ms)
        self._conn = self.db.conn
        self._closed = False
        self._rendered: OrderedDict[str, str] = OrderedDict()  # raw notes -> their safe HTML

    @property
    def is_open(self) -> bool:
        """False once closed."""
        return not self._closed

    @property
    def read_only(self) -> str | None:
        """Why the library was opened read-only (every write then fails with a LibraryError), or None."""
        return self.db.read_only

    def close(self) -> None:
        """Checkpoint and close the file."""
        if self._closed:
            return
        self._closed = True
        try:
            if not self.read_only:  # statistics, only if no one else is writing: never wait for it
                self._conn.execute("PRAGMA busy_timeout = 0")
                self._conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        finally:
            self.db.close()

    def refuse_own_file(self, path: Path | str, doing: str = "use") -> None:
        """LibraryError when ``path`` is the library's database (or its -wal, -shm, -journal): reading
        or writing it through another file handle would drop SQLite's locks or overwrite the library."""
        if is_library_file(self.path, path):
            raise LibraryError(
                f"Cannot {doing} {path}: it is this library's own database file. Choose another file."
            )

    # ----- episodes -------------------------------------------------------------------------

    def add_episode(
        self,
        podcast_id: int,
        title: str,
        *,
        guid: str | None = None,
        audio_url: str | None = None,
        audio_path: str | None = None,
        link: str | None = None,
        notes: str = "",
        duration_ms: int | None = None,
        published_at: int | None = None,
    ) -> Episode:
        """Add an episode; its show-notes timeline becomes chapters in the same transaction."""
        if not title.strip():
            raise LibraryError("An episode needs a title.")
        guid = guid or str(uuid.uuid4())
        notes_text = shownotes.notes_to_text(notes) if notes else ""
        entries = shownotes.extract_chapters(notes, duration_ms) if notes else []
        with self.db.atomic():
            if self._conn.execute(
                "SELECT 1 FROM episodes WHERE podcast_id = ? AND guid = ?", [podcast_id, guid]
            ).fetchone():
                raise LibraryError(f"The podcast already has an episode with the id {guid!r}.")
            cur = self._conn.execute(
                "INSERT INTO episodes (podcast_id, guid, title, audio_url, audio_path, link,"
                " duration_ms, published_at, notes_raw, notes_text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    podcast_id,
                    guid,
                    title.strip(),
                    audio_url,
                    audio_path,
                    link,
                    duration_ms,
                    published_at if published_at is not None else _now(),
                    notes or None,
                    notes_text,
                ],
            )
            episode_id = int(cur.lastrowid)
            self.write_chapters(episode_id, ChapterSource.SHOWNOTES.value, entries, duration_ms)
        return self.episode(episode_id)

    def episode(self, episode_id: int) -> Episode:
        """One episode with its notes; LibraryError when it is not there."""
        row = self._conn.execute(
            f"SELECT {_EPISODE_COLUMNS} FROM episodes e JOIN podcasts p ON p.id = e.podcast_id"
            " WHERE e.id = ?",
            [episode_id],
        ).fetchone()
        if row is None:
            raise LibraryError(f"No episode with id {episode_id} in the library.")
        *fields, notes_raw = row
        episode = Episode(*fields)
        if notes_raw and not episode.notes_html:  # stored raw at import: render for the window now
            episode = dataclasses.replace(episode, notes_html=self._render_notes(notes_raw))
        return episode

    def _render_notes(self, notes: str) -> str:
        """The safe HTML of ``notes``, from a small cache of the last ones shown."""
        html = self._rendered.get(notes)
        if html is None:
            html = shownotes.render_notes_html(notes)
            self._rendered[notes] = html
            if len(self._rendered) > RENDERED_NOTES_CACHE:
                self._rendered.popitem(last=False)
        else:
            self._rendered.move_to_end(notes)
        return html

    def episode_count(self, filter: EpisodeFilter = EpisodeFilter.ALL) -> int:
        """How many episodes the filter lets through."""
        where = f" WHERE {filter.value}" if filter.value else ""
        return self._conn.execute(f"SELECT count(*) FROM episodes e{where}").fetchone()[0]

    def episode_ids(
        self,
        sort: EpisodeSort = EpisodeSort.NEWEST,
        filter: EpisodeFilter = EpisodeFilter.ALL,
        podcast_id: int | None = None,
    ) -> list[int]:
        """Ids of the episode list in display order (cheap: one int per row); of one podcast or all."""
        of_podcast = "e.podcast_id = ?" if podcast_id is not None else ""
        terms = [term for term in (filter.value, of_podcast) if term]
        where = f" WHERE {' AND '.join(terms)}" if terms else ""
        params = [podcast_id] if podcast_id is not None else []
        query = f"SELECT e.id FROM episodes e{where} ORDER BY {sort.value}"
        try:
            # one JSON array decoded in C is twice as fast as 100,000 Python rows; LIMIT -1 keeps
            # the subquery (and its ORDER BY) from being flattened into the aggregate
            (text,) = self._conn.execute(
                f"SELECT json_group_array(id) FROM ({query} LIMIT -1)", params
            ).fetchone()
            return json.loads(text)
        except sqlite3.OperationalError:  # an SQLite built without JSON functions
            return [row[0] for row in self._conn.execute(query, params)]

    def episode_summaries(self, ids: Sequence[int]) -> list[EpisodeSummary]:
        """The list rows for ``ids``, in the same order (missing ids are skipped)."""
        if not ids:
            return []
        found: dict[int, EpisodeSummary] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM episodes e JOIN podcasts p ON p.id = e.podcast_id"
                f" WHERE e.id IN ({marks})",
                chunk,
            )
            for row in rows:
                found[row[0]] = EpisodeSummary(*row)
        return [found[i] for i in ids if i in found]

    def episodes(self, limit: int | None = None, podcast_id: int | None = None) -> list[EpisodeSummary]:
        """Episode list rows, newest first (of one podcast, or all)."""
        ids = self.episode_ids(podcast_id=podcast_id)
        return self.episode_summaries(ids[:limit] if limit is not None else ids)

    def save_position(self, episode_id: int, position_ms: int) -> None:
        """Store where the listener is in an episode."""
        with self.db.atomic():
            self._conn.execute(
                "UPDATE episodes SET position_ms = ? WHERE id = ?",
                [max(0, int(position_ms)), episode_id],
            )

    def set_played(self, episode_id: int, played: bool) -> None:
        """Mark an episode played (now) or unplayed."""
        with self.db.atomic():
            self._conn.execute(
                "UPDATE episodes SET played_at = ? WHERE id = ?",
                [_now() if played else None, episode_id],
            )

    def set_audio_path(self, episode_id: int, audio_path: str | None) -> None:
        """Record (or clear) the local file of an episode."""
        with self.db.atomic():
            self._conn.execute("UPDATE episodes SET audio_path = ? WHERE id = ?", [audio_path, episode_id])

    def set_download(self, episode_id: int, audio_path: str | None) -> None:
        """Record a finished download (or, with None, its removal): the file and when it arrived."""
        with self.db.atomic():
            self._conn.execute(
                "UPDATE episodes SET audio_path = ?, downloaded_at = ? WHERE id = ?",
                [audio_path, _now() if audio_path else None, episode_id],
            )

    def audio_type(self, episode_id: int) -> str | None:
        """The MIME type the feed gave for an episode's audio, if any."""
        row = self._conn.execute("SELECT audio_type FROM episodes WHERE id = ?", [episode_id]).fetchone()
        return row[0] if row else None

    def set_duration(self, episode_id: int, duration_ms: int) -> None:
        """Record the audio's real length, from its file or the player (it replaces a feed's claim)."""
        with self.db.atomic():
            self._conn.execute(
                "UPDATE episodes SET duration_ms = ?, audio_length_ms = ? WHERE id = ? AND"
                " (duration_ms IS NULL OR duration_ms != ? OR audio_length_ms IS NOT ?)",
                [duration_ms, duration_ms, episode_id, duration_ms, duration_ms],
            )

    def delete_episode(self, episode_id: int) -> None:
        """Remove an episode and its chapters."""
        with self.db.atomic():
            self._conn.execute("DELETE FROM episodes WHERE id = ?", [episode_id])

    def is_empty(self) -> bool:
        """True when the library holds no episode."""
        return self._conn.execute("SELECT 1 FROM episodes LIMIT 1").fetchone() is None

    # ----- settings -------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A stored setting of this library; ``default`` when absent, and when a setting of
        ``library.settings`` holds a value that does not read as that setting."""
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        if row is None or (key in SETTING_KEYS and parse_stored(key, row[0]) is None):
            return default
        return row[0]

    def set_setting(self, key: str, value: str | None) -> None:
        """Store (or with None, remove) a setting of this library."""
        with self.db.atomic():
            if value is None:
                self._conn.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                self._conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )
