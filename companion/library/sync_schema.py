"""The sync outbox's schema: tables and the triggers that queue each change in its own transaction.

Every change another device should hear of (a subscription added or removed, a position, a played or
unplayed mark, a download or its deletion) is written to ``sync_outbox`` by a trigger, so it is
recorded in the same transaction as the change itself, whichever path made it (the player, the window,
a command), and only while a sync account is set (the ``sync_account`` setting). ``sync_remote`` keeps
what came from the server (deduplicated by its key) and what became of it.
"""

from __future__ import annotations

from sqlite_utils import Database

_SYNC_ON = "EXISTS (SELECT 1 FROM settings WHERE key = 'sync_account')"
_NOW = "CAST(strftime('%s', 'now') AS INTEGER)"
_EPISODE_ADDRESS = "(SELECT p.feed_url FROM podcasts p WHERE p.id = {row}.podcast_id AND p.kind = 'feed')"


def _episode_action_trigger(name: str, when: str, kind: str, row: str, event: str) -> str:
    """A trigger queueing one episode action ``kind`` for the episode ``row`` (NEW or OLD)."""
    feed = _EPISODE_ADDRESS.format(row=row)
    return f"""
        CREATE TRIGGER {name} AFTER {event} ON episodes
        WHEN {when} AND {row}.audio_url IS NOT NULL AND {feed} IS NOT NULL AND {_SYNC_ON}
        BEGIN
            DELETE FROM sync_outbox WHERE sent_at IS NULL AND episode_id = {row}.id
                AND kind = '{kind}';
            INSERT INTO sync_outbox (kind, podcast_url, episode_url, guid, episode_id, position_ms,
                                     total_ms, at)
            VALUES ('{kind}', {feed}, {row}.audio_url, {row}.guid, {row}.id, {row}.position_ms,
                    COALESCE({row}.audio_length_ms, {row}.duration_ms), {_NOW});
        END
    """


def create_sync_schema(db: Database) -> None:
    """The tables and triggers of migration m012_sync (never edited once landed: a change is a new step)."""
    db.execute(
        """
        CREATE TABLE sync_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: "rows after id N" stays true
            kind TEXT NOT NULL
                CHECK (kind IN ('subscribe', 'unsubscribe', 'play', 'new', 'download', 'delete')),
            podcast_url TEXT NOT NULL,
            episode_url TEXT,
            guid TEXT,
            episode_id INTEGER,
            started_ms INTEGER,
            position_ms INTEGER,
            total_ms INTEGER,
            at INTEGER NOT NULL,
            sent_at INTEGER
        )
        """
    )
    db.execute("CREATE INDEX sync_outbox_pending ON sync_outbox (id) WHERE sent_at IS NULL")
    db.execute("CREATE INDEX sync_outbox_episode ON sync_outbox (episode_id, at)")
    db.execute(
        """
        CREATE TABLE sync_remote (
            key TEXT PRIMARY KEY,
            action TEXT NOT NULL,
            podcast_url TEXT NOT NULL,
            episode_url TEXT NOT NULL,
            guid TEXT,
            device TEXT,
            at INTEGER NOT NULL,
            started_ms INTEGER,
            position_ms INTEGER,
            total_ms INTEGER,
            episode_id INTEGER,
            outcome TEXT NOT NULL DEFAULT 'unmatched',
            received_at INTEGER NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX sync_remote_unmatched ON sync_remote (at) WHERE outcome = 'unmatched'")
    db.execute("CREATE INDEX sync_remote_episode ON sync_remote (episode_id, at)")
    _play_triggers(db)
    _subscription_triggers(db)


def _play_triggers(db: Database) -> None:
    """Positions, played and unplayed marks, downloads and their deletion."""
    # a play: one pending action per episode, its start kept and its position the latest
    feed = _EPISODE_ADDRESS.format(row="NEW")
    db.execute(
        f"""
        CREATE TRIGGER sync_play AFTER UPDATE OF position_ms ON episodes
        WHEN NEW.position_ms != OLD.position_ms AND NEW.position_ms > 0 AND NEW.audio_url IS NOT NULL
            AND {feed} IS NOT NULL AND {_SYNC_ON}
        BEGIN
            UPDATE sync_outbox SET position_ms = NEW.position_ms, at = {_NOW},
                total_ms = COALESCE(NEW.audio_length_ms, NEW.duration_ms)
                WHERE sent_at IS NULL AND episode_id = NEW.id AND kind = 'play';
            INSERT INTO sync_outbox (kind, podcast_url, episode_url, guid, episode_id, started_ms,
                                     position_ms, total_ms, at)
            SELECT 'play', {feed}, NEW.audio_url, NEW.guid, NEW.id, OLD.position_ms, NEW.position_ms,
                   COALESCE(NEW.audio_length_ms, NEW.duration_ms), {_NOW}
            WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE sent_at IS NULL AND episode_id = NEW.id
                              AND kind = 'play');
        END
        """
    )
    # played: a play to the end; unplayed: 'new'
    db.execute(
        f"""
        CREATE TRIGGER sync_played AFTER UPDATE OF played_at ON episodes
        WHEN NEW.played_at IS NOT NULL AND OLD.played_at IS NULL AND NEW.audio_url IS NOT NULL
            AND COALESCE(NEW.audio_length_ms, NEW.duration_ms) > 0 AND {feed} IS NOT NULL AND {_SYNC_ON}
        BEGIN
            DELETE FROM sync_outbox WHERE sent_at IS NULL AND episode_id = NEW.id
                AND kind IN ('play', 'new');
            INSERT INTO sync_outbox (kind, podcast_url, episode_url, guid, episode_id, started_ms,
                                     position_ms, total_ms, at)
            VALUES ('play', {feed}, NEW.audio_url, NEW.guid, NEW.id, 0,
                    COALESCE(NEW.audio_length_ms, NEW.duration_ms),
                    COALESCE(NEW.audio_length_ms, NEW.duration_ms), {_NOW});
        END
        """
    )
    _mark_and_file_triggers(db)


def _mark_and_file_triggers(db: Database) -> None:
    """Unplayed ('new'), a download, its deletion (also with its episode)."""
    db.execute(
        _episode_action_trigger(
            "sync_unplayed",
            "NEW.played_at IS NULL AND OLD.played_at IS NOT NULL",
            "new",
            "NEW",
            "UPDATE OF played_at",
        )  # fmt: skip
    )
    db.execute(
        _episode_action_trigger(
            "sync_downloaded",
            "NEW.downloaded_at IS NOT NULL AND OLD.downloaded_at IS NULL",
            "download",
            "NEW",
            "UPDATE OF downloaded_at",
        )  # fmt: skip
    )
    db.execute(
        _episode_action_trigger(
            "sync_download_deleted",
            "NEW.downloaded_at IS NULL AND OLD.downloaded_at IS NOT NULL",
            "delete",
            "NEW",
            "UPDATE OF downloaded_at",
        )  # fmt: skip
    )
    db.execute(
        _episode_action_trigger(
            "sync_episode_deleted", "OLD.downloaded_at IS NOT NULL", "delete", "OLD", "DELETE"
        )
    )


def _subscription_triggers(db: Database) -> None:
    """Subscribe and unsubscribe (and a feed that moved: both), one pending change per address."""
    for name, event, row, kind, when in (
        ("sync_subscribed", "INSERT", "NEW", "subscribe", "1"),
        ("sync_unsubscribed", "DELETE", "OLD", "unsubscribe", "1"),
        ("sync_moved_from", "UPDATE OF feed_url", "OLD", "unsubscribe", "OLD.feed_url IS NOT NEW.feed_url"),
        ("sync_moved_to", "UPDATE OF feed_url", "NEW", "subscribe", "OLD.feed_url IS NOT NEW.feed_url"),
    ):
        db.execute(
            f"""
            CREATE TRIGGER {name} AFTER {event} ON podcasts
            WHEN {when} AND {row}.kind = 'feed' AND {row}.feed_url IS NOT NULL AND {_SYNC_ON}
            BEGIN
                DELETE FROM sync_outbox WHERE sent_at IS NULL AND podcast_url = {row}.feed_url
                    AND kind IN ('subscribe', 'unsubscribe');
                INSERT INTO sync_outbox (kind, podcast_url, at) VALUES ('{kind}', {row}.feed_url, {_NOW});
            END
            """
        )
