"""Writes a fetched feed into the library in one transaction, matching episodes and keeping user state."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

from companion.domain import ChapterSource, FeedUpdate, ParsedEpisode
from companion.library.chapter_store import MAX_PARAMETERS, chapter_rows
from companion.library.db import LibraryError, bulk_cache
from companion.library.details import write_episode_details, write_podcast_details
from companion.library.library import Library
from companion.library.steps import run_steps
from companion.library.transcript_store import write_transcript

log = logging.getLogger(__name__)

_COLUMNS = (
    "guid, title, audio_url, link, duration_ms, published_at, notes_raw, notes_text,"
    " chapters_url, image_url, audio_size, audio_type, feed_hash, season, season_name, episode_number,"
    " episode_label, episode_type, itunes_title"
)


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What storing one feed did: counts of added, updated, unchanged and vanished episodes."""

    podcast_id: int
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    vanished: int = 0
    not_modified: bool = False
    title: str = ""
    moved_to: str | None = None  # the new feed address stored after a permanent redirect
    warnings: tuple[str, ...] = ()  # what of the feed was skipped or mended, one line each


@dataclass(frozen=True, slots=True)
class FeedState:
    """What a worker needs to refresh one podcast: its address, validators and known chapter files."""

    podcast_id: int
    title: str
    feed_url: str
    etag: str | None
    last_modified: str | None
    known_chapters_urls: frozenset[str]
    known_fingerprints: frozenset[str] = frozenset()
    # addresses of transcripts stored with its episodes: a refresh fetches one only when it changed
    known_transcript_urls: frozenset[str] = frozenset()


def feed_state(library: Library, podcast_id: int) -> FeedState:
    """Validators and the chapter files already stored for a podcast, for a conditional refresh."""
    conn = library.db.conn
    row = conn.execute(
        "SELECT id, title, feed_url, etag, last_modified FROM podcasts WHERE id = ?", [podcast_id]
    ).fetchone()
    if row is None or not row[2]:
        raise LibraryError(f"No subscribed podcast with id {podcast_id} in the library.")
    urls = conn.execute(
        "SELECT DISTINCT e.chapters_url FROM episodes e WHERE e.podcast_id = ? AND e.chapters_url IS NOT NULL"
        " AND EXISTS (SELECT 1 FROM chapters c WHERE c.episode_id = e.id AND c.source = ?)",
        [podcast_id, ChapterSource.PODCAST_JSON.value],
    )
    hashes = conn.execute(
        "SELECT feed_hash FROM episodes WHERE podcast_id = ? AND feed_hash IS NOT NULL", [podcast_id]
    )
    transcripts = conn.execute(
        "SELECT DISTINCT t.url FROM episode_transcripts t JOIN episodes e ON e.id = t.episode_id"
        " WHERE e.podcast_id = ? AND t.url IS NOT NULL AND t.error IS NULL",
        [podcast_id],
    )
    return FeedState(
        row[0], row[1], row[2], row[3], row[4], frozenset(r[0] for r in urls),
        frozenset(r[0] for r in hashes), frozenset(r[0] for r in transcripts),
    )  # fmt: skip


def _values(ep: ParsedEpisode) -> list[Any]:
    return [
        ep.guid,
        ep.title,
        ep.audio_url,
        ep.link,
        ep.duration_ms,
        ep.published_at,
        ep.notes or None,
        ep.notes_text,
        ep.chapters_url,
        ep.image_url,
        ep.audio_size,
        ep.audio_type,
        ep.fingerprint,
        ep.season,
        ep.season_name,
        ep.number,
        ep.number_label,
        ep.episode_type,
        ep.itunes_title,
    ]


def _write_episode_chapters(library: Library, episode_id: int, ep: ParsedEpisode) -> None:
    for source, entries in ep.chapters:
        library.write_chapters(episode_id, source, list(entries), ep.duration_ms)
    if ep.transcript is not None:
        write_transcript(library.db.conn, episode_id, ep.transcript)


def _insert_episodes(
    library: Library, podcast_id: int, new: list[tuple[list[Any], ParsedEpisode]], now: int
) -> None:
    """Insert new episodes and their chapters with a few multi-row statements (each statement on a
    table with search triggers makes FTS5 flush its pending index data: per-row statements would
    write an index segment per episode and per chapter)."""
    conn = library.db.conn
    per_row = len(_COLUMNS.split(",")) + 2
    size = MAX_PARAMETERS // per_row
    chapters: list[tuple[Any, ...]] = []
    for start in range(0, len(new), size):
        batch = new[start : start + size]
        marks = ",".join([f"({', '.join('?' * per_row)})"] * len(batch))
        params = [value for values, _ in batch for value in (podcast_id, *values, now)]
        sql = f"INSERT INTO episodes (podcast_id, {_COLUMNS}, updated_at) VALUES {marks} RETURNING guid, id"
        ids = dict(conn.execute(sql, params).fetchall())
        for _, ep in batch:
            for source, entries in ep.chapters:
                chapters += chapter_rows(ids[ep.guid], source, list(entries), ep.duration_ms)
        write_episode_details(conn, [(ids[ep.guid], ep) for _, ep in batch], replace=False)
        for _, ep in batch:
            if ep.transcript is not None:
                write_transcript(conn, ids[ep.guid], ep.transcript)
    library.insert_chapter_rows(chapters)


def _upsert_podcast(
    library: Library, update: FeedUpdate, podcast_id: int | None, now: int
) -> tuple[int, str | None]:
    """Insert or update the podcast row of ``update``; returns its id and its new address if it moved.

    A feed that moved permanently (``update.moved_to``) gets its new address, unless another podcast
    already has it: then the old address is kept and a warning logged. A new subscription whose new
    address is already subscribed updates that podcast instead of adding a second one.
    """
    conn = library.db.conn
    feed = update.feed
    assert feed is not None
    new_url = None
    if update.moved_to and update.moved_to != update.url:
        row = conn.execute("SELECT id FROM podcasts WHERE feed_url = ?", [update.moved_to]).fetchone()
        if row is None or row[0] == podcast_id:
            new_url = update.moved_to
        elif podcast_id is None:
            podcast_id = row[0]  # subscribed again at its old address: the podcast already there
        else:
            log.warning(
                "The feed %s moved to %s, which podcast %d already has: podcast %d keeps the old address.",
                update.url, update.moved_to, row[0], podcast_id,
            )  # fmt: skip
    if podcast_id is None:
        cur = conn.execute(
            "INSERT INTO podcasts (title, feed_url, link, description, image_url, etag, last_modified,"
            " refreshed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [feed.title, new_url or update.url, feed.link, feed.description, feed.image_url, update.etag,
             update.last_modified, now],
        )  # fmt: skip
        return int(cur.lastrowid), new_url
    conn.execute(
        "UPDATE podcasts SET title = ?, feed_url = COALESCE(?, feed_url), link = ?, description = ?,"
        " image_url = ?, etag = ?, last_modified = ?, refreshed_at = ? WHERE id = ?",
        [feed.title, new_url, feed.link, feed.description, feed.image_url, update.etag, update.last_modified,
         now, podcast_id],
    )  # fmt: skip
    return podcast_id, new_url


def mark_refreshed(conn: sqlite3.Connection, podcast_id: int, now: int) -> None:
    """A refresh of the podcast worked: no error to show; a new subscription's back catalogue counts as
    looked at (its episodes are not "new" in the Podcasts view)."""
    conn.execute(
        "UPDATE podcasts SET refresh_error = NULL, refresh_failed_at = NULL,"
        " seen_at = COALESCE(seen_at, ?),"
        " seen_episode_id = COALESCE(seen_episode_id, (SELECT max(id) FROM episodes)) WHERE id = ?",
        [now, podcast_id],
    )


STORE_CHUNK = 40  # episodes written between two pauses of store_feed_update_steps


def store_feed_update(library: Library, update: FeedUpdate, podcast_id: int | None = None) -> SyncReport:
    """Create or update the podcast of ``update`` and its episodes in ONE transaction (GUI thread)."""
    return run_steps(store_feed_update_steps(library, update, podcast_id))


def store_feed_update_steps(
    library: Library, update: FeedUpdate, podcast_id: int | None = None, chunk: int = STORE_CHUNK
) -> Generator[tuple[int, int], None, SyncReport]:
    """store_feed_update in steps: yields ``(done, total)`` every ``chunk`` episodes with the ONE
    transaction still open, so a caller can let its event loop run between steps (a big feed then
    never freezes the window); returns the SyncReport. Run one at a time, to the end.

    Episodes are matched by guid, then by enclosure URL. Changed ones are updated; what the listener
    made (position, played, stars, bookmarks, queue, downloads) is never touched, and episodes that
    left the feed are only marked ``vanished_at``, never deleted.

    Long on purpose: one pass over the feed's items inside one open transaction, matching each and
    writing it as new, changed or unchanged side by side; split up, the generator's state (the
    matched rows, the pending inserts) would have to travel between the pieces.
    """
    conn = library.db.conn
    now = int(time.time())
    if podcast_id is None:
        row = conn.execute("SELECT id FROM podcasts WHERE feed_url = ?", [update.url]).fetchone()
        podcast_id = row[0] if row else None
    elif conn.execute("SELECT 1 FROM podcasts WHERE id = ?", [podcast_id]).fetchone() is None:
        raise LibraryError(f"No podcast with id {podcast_id} in the library.")
    if update.not_modified or update.feed is None:
        if podcast_id is None:
            raise LibraryError(f"{update.url} is not subscribed, so there is nothing to refresh.")
        with library.db.atomic():
            conn.execute(
                "UPDATE podcasts SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
                " refreshed_at = ? WHERE id = ?",
                [update.etag, update.last_modified, now, podcast_id],
            )
            mark_refreshed(conn, podcast_id, now)
        count = conn.execute("SELECT count(*) FROM episodes WHERE podcast_id = ?", [podcast_id]).fetchone()
        title = conn.execute("SELECT title FROM podcasts WHERE id = ?", [podcast_id]).fetchone()[0]
        return SyncReport(podcast_id, unchanged=count[0], not_modified=True, title=title)

    feed = update.feed
    added = updated = unchanged = vanished = 0
    with bulk_cache(conn), library.db.atomic():
        podcast_id, moved_to = _upsert_podcast(library, update, podcast_id, now)
        write_podcast_details(conn, podcast_id, feed)
        rows = conn.execute(
            "SELECT id, guid, audio_url, feed_hash, vanished_at FROM episodes WHERE podcast_id = ?",
            [podcast_id],
        ).fetchall()
        by_guid = {r[1]: r for r in rows}
        by_url = {r[2]: r for r in rows if r[2]}
        matched: set[int] = set()
        feed_guids = {ep.guid for ep in feed.episodes}
        new: list[tuple[list[Any], ParsedEpisode]] = []  # inserted together at each pause
        total = len(feed.episodes)
        for index, ep in enumerate(feed.episodes):
            if index and index % chunk == 0:
                _insert_episodes(library, podcast_id, new, now)
                new = []
                yield index, total
            row = by_guid.get(ep.guid)
            if row is None or row[0] in matched:
                row = by_url.get(ep.audio_url) if ep.audio_url else None
                # a row whose own guid is still in the feed is that item's, not this one's
                if row is not None and row[1] in feed_guids:
                    row = None
            if ep.unchanged and (row is None or row[0] in matched or row[3] != ep.fingerprint):
                continue  # a stub of an item stored elsewhere: nothing to write (cannot normally happen)
            if row is None or row[0] in matched:
                values = _values(ep)
                if values[5] is None:
                    values[5] = now
                new.append((values, ep))
                added += 1
                continue
            episode_id, old_guid, _, old_hash, vanished_at = row
            matched.add(episode_id)
            json_chapters = ep.chapters_of(ChapterSource.PODCAST_JSON.value)
            if ep.unchanged or (old_hash == ep.fingerprint and old_guid == ep.guid and vanished_at is None):
                if vanished_at is not None:  # back in the feed
                    conn.execute("UPDATE episodes SET vanished_at = NULL WHERE id = ?", [episode_id])
                if json_chapters is not None:
                    library.write_chapters(
                        episode_id, ChapterSource.PODCAST_JSON.value, list(json_chapters), ep.duration_ms
                    )
                if ep.transcript is not None:
                    write_transcript(conn, episode_id, ep.transcript)
                unchanged += 1
                continue
            guid = ep.guid if ep.guid == old_guid or ep.guid not in by_guid else old_guid
            conn.execute(
                "UPDATE episodes SET guid = ?, title = ?, audio_url = ?, link = ?,"
                " duration_ms = COALESCE(?, duration_ms), published_at = COALESCE(?, published_at),"
                " notes_html = '', notes_raw = ?, notes_text = ?, chapters_url = ?, image_url = ?,"
                " audio_size = ?, audio_type = ?, feed_hash = ?, season = ?, season_name = ?,"
                " episode_number = ?, episode_label = ?, episode_type = ?, itunes_title = ?,"
                " vanished_at = NULL, updated_at = ? WHERE id = ?",
                [guid, *_values(ep)[1:], now, episode_id],
            )
            _write_episode_chapters(library, episode_id, ep)
            write_episode_details(conn, [(episode_id, ep)], replace=True)
            updated += 1
        _insert_episodes(library, podcast_id, new, now)
        for row in rows if feed.complete else ():  # pages not read: nothing left the feed
            if row[0] not in matched:
                vanished += 1
                if row[4] is None:
                    conn.execute("UPDATE episodes SET vanished_at = ? WHERE id = ?", [now, row[0]])
        mark_refreshed(conn, podcast_id, now)
    return SyncReport(
        podcast_id, added, updated, unchanged, vanished, False, feed.title, moved_to, feed.warnings
    )
