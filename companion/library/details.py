"""Feed details in the library: transcripts, people and funding links written with a feed, read for show."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from companion.domain import EpisodeDetails, Funding, Person, PodcastDetails, Transcript
from companion.library.db import LibraryError

if TYPE_CHECKING:  # the feeds package hands us its plain dataclasses; no import at run time
    from companion.domain import ParsedEpisode, ParsedFeed
    from companion.library.library import Library


def write_episode_details(
    conn: sqlite3.Connection, episodes: Sequence[tuple[int, ParsedEpisode]], replace: bool
) -> None:
    """The transcripts and people of ``(episode id, parsed episode)`` pairs, in feed order; with
    ``replace`` the ones stored before for those episodes go first."""
    if replace and episodes:
        ids = [(episode_id,) for episode_id, _ in episodes]
        conn.executemany("DELETE FROM transcripts WHERE episode_id = ?", ids)
        conn.executemany("DELETE FROM persons WHERE episode_id = ?", ids)
    transcripts = [
        (episode_id, position, t.url, t.type, t.language, t.rel)
        for episode_id, ep in episodes
        for position, t in enumerate(ep.transcripts)
    ]
    if transcripts:
        conn.executemany(
            "INSERT INTO transcripts (episode_id, position, url, type, language, rel)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            transcripts,
        )
    persons = [
        (episode_id, position, p.name, p.role, p.group, p.href, p.img)
        for episode_id, ep in episodes
        for position, p in enumerate(ep.persons)
    ]
    if persons:
        conn.executemany(
            "INSERT INTO persons (episode_id, position, name, role, person_group, href, img)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            persons,
        )


def write_podcast_details(conn: sqlite3.Connection, podcast_id: int, feed: ParsedFeed) -> None:
    """The podcast's guid, lock, author, funding links and people as ``feed`` gives them now."""
    locked = None if feed.locked is None else int(feed.locked)
    conn.execute(
        "UPDATE podcasts SET podcast_guid = ?, locked = ?, locked_owner = ?, author = ? WHERE id = ?",
        [feed.podcast_guid, locked, feed.locked_owner, feed.author or None, podcast_id],
    )
    conn.execute("DELETE FROM funding WHERE podcast_id = ?", [podcast_id])
    conn.execute("DELETE FROM persons WHERE podcast_id = ?", [podcast_id])
    conn.executemany(
        "INSERT INTO funding (podcast_id, position, url, title) VALUES (?, ?, ?, ?)",
        [(podcast_id, position, f.url, f.title) for position, f in enumerate(feed.funding)],
    )
    conn.executemany(
        "INSERT INTO persons (podcast_id, position, name, role, person_group, href, img)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(podcast_id, i, p.name, p.role, p.group, p.href, p.img) for i, p in enumerate(feed.persons)],
    )


def _persons(conn: sqlite3.Connection, column: str, owner_id: int) -> tuple[Person, ...]:
    rows = conn.execute(
        f"SELECT name, role, person_group, href, img FROM persons WHERE {column} = ? ORDER BY position",
        [owner_id],
    )
    return tuple(Person(*row) for row in rows)


def _number(value: Any) -> int | float | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def episode_details(library: Library, episode_id: int) -> EpisodeDetails:
    """What the feed said of an episode beyond its notes (LibraryError for an unknown id)."""
    conn = library.db.conn
    row = conn.execute(
        "SELECT season, season_name, episode_number, episode_label, episode_type, itunes_title, image_url,"
        " audio_type FROM episodes WHERE id = ?",
        [episode_id],
    ).fetchone()
    if row is None:
        raise LibraryError(f"No episode with id {episode_id} in the library.")
    transcripts = conn.execute(
        "SELECT url, type, language, rel FROM transcripts WHERE episode_id = ? ORDER BY position",
        [episode_id],
    )
    return EpisodeDetails(
        row[0], row[1], _number(row[2]), row[3], row[4], row[5], row[6], row[7],
        tuple(Transcript(*t) for t in transcripts), _persons(conn, "episode_id", episode_id),
    )  # fmt: skip


def podcast_details(library: Library, podcast_id: int) -> PodcastDetails:
    """What the feed said of a podcast beyond its title (LibraryError for an unknown id)."""
    conn = library.db.conn
    row = conn.execute(
        "SELECT podcast_guid, locked, locked_owner, image_url FROM podcasts WHERE id = ?", [podcast_id]
    ).fetchone()
    if row is None:
        raise LibraryError(f"No podcast with id {podcast_id} in the library.")
    funding = conn.execute(
        "SELECT url, title FROM funding WHERE podcast_id = ? ORDER BY position", [podcast_id]
    )
    return PodcastDetails(
        row[0], None if row[1] is None else bool(row[1]), row[2], row[3],
        tuple(Funding(*f) for f in funding), _persons(conn, "podcast_id", podcast_id),
    )  # fmt: skip
