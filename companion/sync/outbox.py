"""The outbox: what waits to be sent, in batches of at most 30 actions, marked sent once acknowledged.

Rows are written by the library's triggers (``library/sync_schema.py``) in the transaction of the
change itself. A row is marked sent only after the server acknowledged it, and only if it did not
change meanwhile (a position saved while the request was out is sent next time). Sending again after
a crash between the request and the mark is harmless: an action keeps the timestamp of the change it
describes, and receivers key actions by episode, action, timestamp and device.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from companion.library import Library
from companion.sync.protocol import MAX_ACTIONS_PER_REQUEST, EpisodeAction

KEEP_SENT_S = 90 * 24 * 3600  # sent rows are kept this long: they tell a later remote action it is older


@dataclass(frozen=True, slots=True)
class Pending:
    """One unsent row as read (``at`` and ``position_ms`` tell whether it changed since)."""

    id: int
    kind: str
    podcast_url: str
    episode_url: str | None
    guid: str | None
    episode_id: int | None
    started_ms: int | None
    position_ms: int | None
    total_ms: int | None
    at: int

    def action(self) -> EpisodeAction:
        """The protocol's form of an episode row."""
        seconds = lambda ms: None if ms is None else max(0, ms // 1000)  # noqa: E731
        return EpisodeAction(
            self.podcast_url, self.episode_url or "", self.kind, self.at, self.guid, None,
            seconds(self.started_ms), seconds(self.position_ms), seconds(self.total_ms),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Outgoing:
    """What one sync sends: subscription changes, then batches of actions; ``rows`` each batch's rows
    (superseded ones included, marked sent with it)."""

    add: tuple[str, ...]
    remove: tuple[str, ...]
    subscription_rows: tuple[Pending, ...]
    batches: tuple[tuple[EpisodeAction, ...], ...]
    batch_rows: tuple[tuple[Pending, ...], ...]

    @property
    def actions(self) -> int:
        """How many actions are to be sent."""
        return sum(len(b) for b in self.batches)


_COLUMNS = "id, kind, podcast_url, episode_url, guid, episode_id, started_ms, position_ms, total_ms, at"


def pending(library: Library) -> list[Pending]:
    """Every unsent row, oldest first."""
    rows = library.db.conn.execute(f"SELECT {_COLUMNS} FROM sync_outbox WHERE sent_at IS NULL ORDER BY id")
    return [Pending(*row) for row in rows]


def outgoing(library: Library, everything: bool = False) -> Outgoing:
    """What to send now. ``everything`` (a first or full sync) adds every subscription of the library."""
    rows = pending(library)
    subs = [r for r in rows if r.kind in ("subscribe", "unsubscribe")]
    latest: dict[str, str] = {}
    for row in subs:  # one change per address: the latest
        latest[row.podcast_url] = row.kind
    if everything:
        for podcast in library.subscriptions():
            if podcast.feed_url and latest.get(podcast.feed_url) != "unsubscribe":
                latest[podcast.feed_url] = "subscribe"
    add = tuple(url for url, kind in latest.items() if kind == "subscribe")
    remove = tuple(url for url, kind in latest.items() if kind == "unsubscribe")
    batches, batch_rows = _batches([r for r in rows if r.kind not in ("subscribe", "unsubscribe")])
    return Outgoing(add, remove, tuple(subs), batches, batch_rows)


def _batches(
    rows: list[Pending],
) -> tuple[tuple[tuple[EpisodeAction, ...], ...], tuple[tuple[Pending, ...], ...]]:
    """Batches of at most MAX_ACTIONS_PER_REQUEST actions; one play per episode per batch (the latest)."""
    batches: list[tuple[EpisodeAction, ...]] = []
    all_rows: list[tuple[Pending, ...]] = []
    current: list[Pending] = []
    plays: dict[tuple[str, str], int] = {}  # (podcast, episode) -> index in current
    superseded: list[Pending] = []

    def close() -> None:
        if current:
            batches.append(tuple(r.action() for r in current))
            all_rows.append(tuple(current + superseded))
        current.clear()
        plays.clear()
        superseded.clear()

    for row in rows:
        key = (row.podcast_url, row.episode_url or "")
        if row.kind == "play" and key in plays:
            index = plays[key]
            superseded.append(current[index])
            current[index] = row
            continue
        if len(current) >= MAX_ACTIONS_PER_REQUEST:
            close()
        if row.kind == "play":
            plays[key] = len(current)
        current.append(row)
    close()
    return tuple(batches), tuple(all_rows)


def mark_sent(library: Library, rows: tuple[Pending, ...] | list[Pending], now: int | None = None) -> int:
    """Mark rows acknowledged, each only if it is as it was read; returns how many were marked."""
    now = int(time.time()) if now is None else now
    marked = 0
    with library.db.atomic():
        for row in rows:
            cur = library.db.conn.execute(
                "UPDATE sync_outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL AND at = ?"
                " AND position_ms IS ?",
                [now, row.id, row.at, row.position_ms],
            )
            marked += cur.rowcount
        library.db.conn.execute(
            "DELETE FROM sync_outbox WHERE sent_at IS NOT NULL AND sent_at < ?", [now - KEEP_SENT_S]
        )
    return marked
