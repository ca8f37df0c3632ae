"""The Podcasts view's reads and writes of the Library facade: counts per podcast in one grouped query,
mark all played, "seen", the podcast's own speed and the last refresh's error."""

from __future__ import annotations

import math
import time

from sqlite_utils import Database

from companion.domain import PodcastKind, PodcastSummary
from companion.library.db import LibraryError
from companion.library.settings import MAX_RATE, MIN_RATE

# One statement: the grouped walk of episodes_podcast_counts (podcast_id, played_at, id, published_at)
# gives the episode and unplayed counts and the last date of every podcast, never reading the episode
# rows (their notes make them long); the new count is a range of that index per podcast (unplayed, id
# above the one seen), about 200 seeks inside SQLite. {where} narrows both to one podcast.
_SUMMARIES = """
SELECT p.id, p.title, p.kind, coalesce(p.author, ''), p.feed_url, p.image_url,
       coalesce(c.episodes, 0), coalesce(c.unplayed, 0),
       (SELECT count(*) FROM episodes n WHERE n.podcast_id = p.id AND n.played_at IS NULL
           AND n.id > coalesce(p.seen_episode_id, 0)),
       c.last_published_at, p.refreshed_at, p.refresh_error, p.refresh_failed_at, p.playback_rate, p.seen_at
FROM podcasts p LEFT JOIN (
    SELECT podcast_id, count(*) AS episodes, count(*) - count(played_at) AS unplayed,
           max(published_at) AS last_published_at
    FROM episodes {where_episodes} GROUP BY podcast_id
) c ON c.podcast_id = p.id {where_podcast}
"""
_ALL = _SUMMARIES.format(where_episodes="", where_podcast="")
_ONE = _SUMMARIES.format(where_episodes="WHERE podcast_id = :id", where_podcast="WHERE p.id = :id")


def _summary(row: tuple) -> PodcastSummary:
    kind = PodcastKind(row[2])
    new = row[8] if kind is PodcastKind.FEED else 0  # what you added yourself is never "new"
    return PodcastSummary(row[0], row[1], kind, *row[3:8], new, *row[9:])


def _rate(rate: float | None) -> float | None:
    if rate is None:
        return None
    number = isinstance(rate, int | float) and not isinstance(rate, bool)
    if not (number and math.isfinite(rate) and MIN_RATE <= rate <= MAX_RATE):
        raise LibraryError(f"A podcast's speed is {MIN_RATE}x to {MAX_RATE}x, not {rate!r}.")
    return round(float(rate), 2)


class PodcastViewMixin:
    """Podcasts-view methods of Library (kept apart to keep each module to one job)."""

    db: Database

    def podcast_summaries(self) -> list[PodcastSummary]:
        """Every podcast with its episode, unplayed and new counts and its last episode's date (one
        grouped query; the order is the caller's: the view sorts by title with a collator)."""
        return [_summary(row) for row in self.db.conn.execute(_ALL)]

    def podcast_summary(self, podcast_id: int) -> PodcastSummary:
        """One podcast as the Podcasts view shows it; LibraryError when it is not there."""
        row = self.db.conn.execute(_ONE, {"id": podcast_id}).fetchone()
        if row is None:
            raise LibraryError(f"No podcast with id {podcast_id} in the library.")
        return _summary(row)

    def mark_podcast_played(self, podcast_id: int) -> int:
        """Mark every unplayed episode of a podcast played (their positions start over); how many."""
        with self.db.atomic():
            cur = self.db.conn.execute(
                "UPDATE episodes SET played_at = ?, position_ms = 0"
                " WHERE podcast_id = ? AND played_at IS NULL",
                [int(time.time()), podcast_id],
            )
        return cur.rowcount

    def mark_podcast_seen(self, podcast_id: int) -> None:
        """The listener looked at the podcast now: none of its episodes so far is new any more."""
        with self.db.atomic():
            self.db.conn.execute(
                "UPDATE podcasts SET seen_at = ?,"
                " seen_episode_id = (SELECT coalesce(max(id), 0) FROM episodes) WHERE id = ?",
                [int(time.time()), podcast_id],
            )

    def podcast_rate(self, podcast_id: int) -> float | None:
        """The podcast's own playback speed; None when it plays at the global speed (or is unknown)."""
        row = self.db.conn.execute("SELECT playback_rate FROM podcasts WHERE id = ?", [podcast_id]).fetchone()
        if row is None or row[0] is None:
            return None
        try:
            return _rate(row[0])
        except LibraryError:  # written by another tool, out of range: as if none
            return None

    def set_podcast_rate(self, podcast_id: int, rate: float | None) -> None:
        """Give a podcast its own speed (MIN_RATE..MAX_RATE), or with None the global one again."""
        value = _rate(rate)
        with self.db.atomic():
            self.db.conn.execute("UPDATE podcasts SET playback_rate = ? WHERE id = ?", [value, podcast_id])

    def record_refresh_failure(self, podcast_id: int, message: str) -> None:
        """The last refresh of a podcast failed with ``message`` (a working refresh clears it)."""
        with self.db.atomic():
            self.db.conn.execute(
                "UPDATE podcasts SET refresh_error = ?, refresh_failed_at = ? WHERE id = ?",
                [message, int(time.time()), podcast_id],
            )
