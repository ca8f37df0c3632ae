"""The podcasts of the Library facade: adding, finding and listing them by what they are (their kind)."""

from __future__ import annotations

from sqlite_utils import Database

from companion.domain import Podcast, PodcastKind
from companion.library.db import LibraryError

LOCAL_PODCAST_TITLE = "Local"
_PODCAST_COLUMNS = "id, title, feed_url, link, description, image_url, kind"


def _podcast(row: tuple) -> Podcast:
    return Podcast(*row[:6], kind=PodcastKind(row[6]))


class PodcastsMixin:
    """Podcast methods of Library (kept apart to keep each module to one job)."""

    db: Database

    def add_podcast(
        self,
        title: str,
        feed_url: str | None = None,
        link: str | None = None,
        description: str = "",
        image_url: str | None = None,
        kind: PodcastKind = PodcastKind.FEED,
    ) -> Podcast:
        """Add a podcast (or return the one with the same feed URL, or the one of a special ``kind``:
        there is at most one local podcast and one demo, and neither has a feed URL)."""
        if kind is not PodcastKind.FEED:
            feed_url = None
        found = self._same_podcast(feed_url, kind)
        if found is not None:
            return found
        with self.db.atomic():  # looked up again under the write lock: never added twice
            found = self._same_podcast(feed_url, kind)
            if found is not None:
                return found
            cur = self.db.conn.execute(
                "INSERT INTO podcasts (title, feed_url, link, description, image_url, kind)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [title, feed_url, link, description, image_url, kind.value],
            )
        return self.podcast(cur.lastrowid)

    def _same_podcast(self, feed_url: str | None, kind: PodcastKind) -> Podcast | None:
        if kind is not PodcastKind.FEED:
            return self.podcast_of_kind(kind)
        return self.find_podcast(feed_url) if feed_url else None

    def podcast(self, podcast_id: int) -> Podcast:
        """One podcast by id."""
        row = self.db.conn.execute(
            f"SELECT {_PODCAST_COLUMNS} FROM podcasts WHERE id = ?", [podcast_id]
        ).fetchone()
        if row is None:
            raise LibraryError(f"No podcast with id {podcast_id} in the library.")
        return _podcast(row)

    def podcasts(self) -> list[Podcast]:
        """All podcasts by title."""
        rows = self.db.conn.execute(f"SELECT {_PODCAST_COLUMNS} FROM podcasts ORDER BY title COLLATE NOCASE")
        return [_podcast(row) for row in rows]

    def subscriptions(self) -> list[Podcast]:
        """The podcasts with a feed to refresh and export, by title: never the local podcast or the demo.
        The one rule for what a subscription is (the CLI and the window both ask here)."""
        return [p for p in self.podcasts() if p.is_subscription]

    def episode_counts(self) -> dict[int, int]:
        """How many episodes each podcast holds, by podcast id (a podcast without any is missing)."""
        rows = self.db.conn.execute("SELECT podcast_id, count(*) FROM episodes GROUP BY podcast_id")
        return dict(rows.fetchall())

    def podcast_listing(self) -> list[dict]:
        """Every podcast for ``companion podcasts``: id, title, author, feed_url, kind, episodes,
        unplayed, refreshed_at, last_error, image_url (counts in one grouped query). Author and the
        last refresh's error are read from their columns where the schema has them (m015)."""
        columns = {row[1] for row in self.db.conn.execute("PRAGMA table_info(podcasts)")}
        author = "p.author" if "author" in columns else "NULL"
        error = "p.refresh_error" if "refresh_error" in columns else "NULL"
        rows = self.db.conn.execute(
            f"SELECT p.id, p.title, {author}, p.feed_url, p.kind, coalesce(c.n, 0),"
            f" coalesce(c.unplayed, 0), p.refreshed_at, {error}, p.image_url FROM podcasts p"
            " LEFT JOIN (SELECT podcast_id, count(*) AS n, count(*) - count(played_at) AS unplayed"
            " FROM episodes GROUP BY podcast_id) c ON c.podcast_id = p.id ORDER BY p.title COLLATE NOCASE"
        )
        keys = ("id", "title", "author", "feed_url", "kind", "episodes", "unplayed", "refreshed_at")
        return [dict(zip((*keys, "last_error", "image_url"), row, strict=True)) for row in rows]

    def find_podcast(self, feed_url: str) -> Podcast | None:
        """The podcast subscribed at ``feed_url``, if any."""
        row = self.db.conn.execute("SELECT id FROM podcasts WHERE feed_url = ?", [feed_url]).fetchone()
        return self.podcast(row[0]) if row else None

    def podcast_of_kind(self, kind: PodcastKind) -> Podcast | None:
        """The local podcast or the demo (``kind``), if the library has it."""
        if kind is PodcastKind.FEED:
            raise ValueError("there are many feed podcasts: use subscriptions()")
        row = self.db.conn.execute("SELECT id FROM podcasts WHERE kind = ?", [kind.value]).fetchone()
        return self.podcast(row[0]) if row else None

    def local_podcast(self) -> Podcast:
        """The podcast that holds episodes added by hand (made on first use)."""
        return self.add_podcast(LOCAL_PODCAST_TITLE, kind=PodcastKind.LOCAL)

    def delete_podcast(self, podcast_id: int) -> None:
        """Remove a podcast with its episodes and chapters."""
        with self.db.atomic():
            self.db.conn.execute("DELETE FROM podcasts WHERE id = ?", [podcast_id])
