"""The Up Next queue of the Library facade: ordered episode ids, stored in the library."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database


class QueueMixin:
    """Queue methods of Library (kept apart to keep each module to one job)."""

    db: Database

    def queue_ids(self) -> list[int]:
        """Episode ids in the queue, first to play first."""
        rows = self.db.conn.execute("SELECT episode_id FROM queue ORDER BY position")
        return [row[0] for row in rows]

    def queue_add(self, episode_id: int, top: bool = False) -> None:
        """Put an episode at the top or the bottom of the queue (moving it if already there)."""
        ids = [i for i in self.queue_ids() if i != episode_id]
        ids.insert(0, episode_id) if top else ids.append(episode_id)
        self.queue_set(ids)

    def queue_remove(self, episode_id: int) -> None:
        """Take an episode out of the queue."""
        with self.db.atomic():
            self.db.conn.execute("DELETE FROM queue WHERE episode_id = ?", [episode_id])

    def queue_move(self, episode_id: int, index: int) -> None:
        """Move a queued episode to ``index``."""
        ids = [i for i in self.queue_ids() if i != episode_id]
        ids.insert(max(0, min(index, len(ids))), episode_id)
        self.queue_set(ids)

    def queue_set(self, episode_ids: Sequence[int]) -> None:
        """Replace the whole queue with ``episode_ids`` in that order (unknown ids are skipped)."""
        seen: set[int] = set()
        ordered = [i for i in episode_ids if not (i in seen or seen.add(i))]
        with self.db.atomic():
            self.db.conn.execute("DELETE FROM queue")
            self.db.conn.executemany(
                "INSERT INTO queue (episode_id, position)"
                " SELECT ?, ? WHERE EXISTS (SELECT 1 FROM episodes WHERE id = ?)",
                [(eid, index, eid) for index, eid in enumerate(ordered)],
            )

    def queue_clear(self) -> None:
        """Empty the queue."""
        with self.db.atomic():
            self.db.conn.execute("DELETE FROM queue")

    def queue_next(self, after_episode_id: int | None) -> int | None:
        """The episode to play when ``after_episode_id`` ends (it leaves the queue)."""
        if after_episode_id is not None:
            self.queue_remove(after_episode_id)
        ids = self.queue_ids()
        return ids[0] if ids else None
