"""The Up Next queue of the Library facade: ordered episode ids, stored in the library."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database


class QueueMixin:
    """Queue methods of Library (kept apart to keep each module to one job).

    Every change reads the queue and writes it in ONE transaction that holds the write lock from
    its start, so a change made meanwhile by another process (the window, a ``companion queue``
    command) is never overwritten by an order read before it.
    """

    db: Database

    def queue_ids(self) -> list[int]:
        """Episode ids in the queue, first to play first."""
        rows = self.db.conn.execute("SELECT episode_id FROM queue ORDER BY position")
        return [row[0] for row in rows]

    def queue_add(self, episode_id: int, top: bool = False) -> None:
        """Put an episode at the top or the bottom of the queue (moving it if already there)."""
        with self.db.atomic():
            ids = [i for i in self.queue_ids() if i != episode_id]
            ids.insert(0, episode_id) if top else ids.append(episode_id)
            self._write_queue(ids)

    def queue_remove(self, episode_id: int) -> None:
        """Take an episode out of the queue."""
        with self.db.atomic():
            self.db.conn.execute("DELETE FROM queue WHERE episode_id = ?", [episode_id])

    def queue_move(self, episode_id: int, index: int) -> None:
        """Move a queued episode to ``index`` (nothing happens if it is no longer queued)."""
        with self.db.atomic():
            ids = self.queue_ids()
            if episode_id not in ids:
                return
            ids.remove(episode_id)
            ids.insert(max(0, min(index, len(ids))), episode_id)
            self._write_queue(ids)

    def queue_move_before(self, episode_ids: Sequence[int], before_id: int | None) -> None:
        """Move the queued ``episode_ids`` (in that order) to just before ``before_id``, or to the end
        when it is None or no longer queued. Episodes not queued any more stay out; episodes queued
        meanwhile by another process keep their places."""
        with self.db.atomic():
            ids = self.queue_ids()
            moving = [i for i in dict.fromkeys(episode_ids) if i in ids and i != before_id]
            rest = [i for i in ids if i not in moving]
            at = rest.index(before_id) if before_id in rest else len(rest)
            self._write_queue(rest[:at] + moving + rest[at:])

    def queue_set(self, episode_ids: Sequence[int]) -> None:
        """Replace the whole queue with ``episode_ids`` in that order (unknown ids are skipped)."""
        with self.db.atomic():
            self._write_queue(episode_ids)

    def _write_queue(self, episode_ids: Sequence[int]) -> None:
        """Store ``episode_ids`` as the queue (inside the caller's transaction)."""
        ordered = list(dict.fromkeys(episode_ids))
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
