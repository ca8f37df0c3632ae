"""The chapters of episodes in the library: their sources, best first, reading and replacing them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from companion.domain import Chapter, source_rank

# Parameters per multi-row INSERT: SQLite before 3.32 allows at most 999 in one statement.
MAX_PARAMETERS = 999


class ChapterStoreMixin:
    """Chapter methods of Library (kept apart to keep each module to one job)."""

    _conn: sqlite3.Connection
    db: Any

    def chapter_sources(self, episode_id: int) -> list[str]:
        """The chapter sources an episode has, best first."""
        rows = self._conn.execute(
            "SELECT DISTINCT source FROM chapters WHERE episode_id = ? AND hidden = 0", [episode_id]
        )
        found = {row[0] for row in rows}
        return sorted(found, key=lambda source: (source_rank(source), source))

    def chapters(
        self, episode_id: int, source: str | None = None, include_hidden: bool = False
    ) -> list[Chapter]:
        """The chapters of an episode from ``source``, or from its best source; toc:false ones hidden."""
        if source is None:
            sources = self.chapter_sources(episode_id)
            if not sources:
                return []
            source = sources[0]
        rows = self._conn.execute(
            "SELECT episode_id, start_ms, title, section, end_ms, source, id, url, image_url, hidden"
            " FROM chapters WHERE episode_id = ? AND source = ? AND (hidden = 0 OR ?)"
            " ORDER BY start_ms, id",
            [episode_id, source, include_hidden],
        )
        return [Chapter(*row[:9], hidden=bool(row[9])) for row in rows]

    def set_chapters(
        self,
        episode_id: int,
        source: str,
        entries: Iterable[Any],
        duration_ms: int | None = None,
    ) -> None:
        """Replace the chapters of one source with ``entries`` (start_ms, title, section; optionally
        end_ms, url, image_url, hidden)."""
        with self.db.atomic():
            self.write_chapters(episode_id, source, list(entries), duration_ms)

    def write_chapters(
        self, episode_id: int, source: str, entries: list[Any], duration_ms: int | None
    ) -> None:
        self._conn.execute("DELETE FROM chapters WHERE episode_id = ? AND source = ?", [episode_id, source])
        self.insert_chapter_rows(chapter_rows(episode_id, source, entries, duration_ms))

    def insert_chapter_rows(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert chapter rows (as ``chapter_rows`` makes them) with few statements: each statement
        that writes a table with search triggers makes FTS5 flush its pending index data (SQLite
        3.40), so one statement per row would write one index segment per chapter."""
        size = MAX_PARAMETERS // 9
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            self._conn.execute(
                "INSERT INTO chapters (episode_id, start_ms, end_ms, title, section, source, url,"
                " image_url, hidden) VALUES " + ",".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(batch)),
                [value for row in batch for value in row],
            )


def chapter_rows(
    episode_id: int, source: str, entries: list[Any], duration_ms: int | None
) -> list[tuple[Any, ...]]:
    """The chapters table rows of ``entries`` (start_ms, title, section; optionally end_ms, url,
    image_url, hidden), sorted by start; a missing end is the next start or ``duration_ms``."""
    ordered = sorted(entries, key=lambda e: e.start_ms)
    rows = []
    for index, entry in enumerate(ordered):
        end = getattr(entry, "end_ms", None)
        if end is None:
            end = ordered[index + 1].start_ms if index + 1 < len(ordered) else duration_ms
        rows.append(
            (
                episode_id,
                int(entry.start_ms),
                end,
                entry.title,
                getattr(entry, "section", None),
                source,
                getattr(entry, "url", None),
                getattr(entry, "image_url", None),
                int(bool(getattr(entry, "hidden", False))),
            )
        )
    return rows
