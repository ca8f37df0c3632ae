"""Cover art in the library: the cache table (m013), the cached copy of a podcast's or an episode's image."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

COVERS_DIR = "covers"


def covers_dir(library_path: Path | str) -> Path:
    """Where the cached cover copies of this library live: ``covers/`` beside the file (like ``media/``)."""
    return Path(library_path).expanduser().resolve().parent / COVERS_DIR


@dataclass(frozen=True, slots=True)
class CoverState:
    """What the cache knows of one image address."""

    url: str
    file: str | None = None  # the cached copy's name in covers/ (None: none is whole yet)
    etag: str | None = None
    last_modified: str | None = None
    checked_at: int | None = None  # when it was last fetched or revalidated (epoch seconds)
    error: str | None = None  # why the last attempt failed (the old copy, if any, is kept)


_STATE_COLUMNS = "url, file, etag, last_modified, checked_at, error"


class CoversMixin:
    """Cover methods of Library. ``cover_path`` and ``episode_cover_path`` are the stable API the
    window's views use (through ``ui/widgets/covers.CoverCache``), MPRIS and ``companion podcasts``."""

    db: Database
    path: Path

    def covers_dir(self) -> Path:
        """The folder of this library's cached covers (it may not exist yet)."""
        return covers_dir(self.path)

    def _cached(self, file: str | None) -> Path | None:
        if not file:
            return None
        path = self.covers_dir() / file
        return path if path.is_file() else None

    def cover_path(self, podcast_id: int) -> Path | None:
        """The cached copy of the podcast's image, if one exists on disk; else None (no image, not
        fetched yet, or it failed: the view shows its placeholder)."""
        row = self.db.conn.execute(
            "SELECT c.file FROM podcasts p JOIN covers c ON c.url = p.image_url WHERE p.id = ?", [podcast_id]
        ).fetchone()
        return self._cached(row[0]) if row else None

    def episode_cover_path(self, episode_id: int) -> Path | None:
        """The cached copy of the episode's own image, else its podcast's (``cover_path``), else None."""
        row = self.db.conn.execute(
            "SELECT e.podcast_id, c.file FROM episodes e LEFT JOIN covers c ON c.url = e.image_url"
            " WHERE e.id = ?",
            [episode_id],
        ).fetchone()
        if row is None:
            return None
        return self._cached(row[1]) or self.cover_path(row[0])

    def cover_state(self, url: str) -> CoverState | None:
        """The cache's record of one address, if it has one."""
        row = self.db.conn.execute(f"SELECT {_STATE_COLUMNS} FROM covers WHERE url = ?", [url]).fetchone()
        return CoverState(*row) if row else None

    def cover_addresses(
        self, podcast_ids: Iterable[int] | None = None, episode_ids: Iterable[int] | None = None
    ) -> list[str]:
        """The image addresses of these podcasts (all, when None) and episodes, each once, podcasts first."""
        conn = self.db.conn
        if podcast_ids is None:
            rows = conn.execute("SELECT image_url FROM podcasts WHERE image_url IS NOT NULL ORDER BY id")
            urls = [url for (url,) in rows]
        else:
            urls = []
            for pid in podcast_ids:
                row = conn.execute("SELECT image_url FROM podcasts WHERE id = ?", [pid]).fetchone()
                if row and row[0]:
                    urls.append(row[0])
        for eid in episode_ids or ():
            row = conn.execute("SELECT image_url FROM episodes WHERE id = ?", [eid]).fetchone()
            if row and row[0]:
                urls.append(row[0])
        return list(dict.fromkeys(urls))

    def record_cover(
        self,
        url: str,
        *,
        file: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        size: tuple[int, int] | None = None,
        error: str | None = None,
        not_modified: bool = False,
    ) -> None:
        """Record a fetch of ``url``: a new whole copy (``file``), an unchanged one (``not_modified``)
        or a failure (``error``: the old copy and validators stay)."""
        now = int(time.time())
        conn = self.db.conn
        with self.db.atomic():
            conn.execute("INSERT INTO covers (url) VALUES (?) ON CONFLICT(url) DO NOTHING", [url])
            if file is not None:
                width, height = size or (None, None)
                conn.execute(
                    "UPDATE covers SET file = ?, etag = ?, last_modified = ?, width = ?, height = ?,"
                    " checked_at = ?, error = NULL WHERE url = ?",
                    [file, etag, last_modified, width, height, now, url],
                )
            elif not_modified:
                conn.execute(
                    "UPDATE covers SET checked_at = ?, error = NULL,"
                    " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
                    [now, etag, last_modified, url],
                )
            else:
                conn.execute("UPDATE covers SET checked_at = ?, error = ? WHERE url = ?", [now, error, url])
