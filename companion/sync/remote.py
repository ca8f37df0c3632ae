"""Actions from other devices into the library: deduplicated, matched to episodes, judged, applied.

An action is matched by the episode's guid (within its podcast, then anywhere), then by its audio
address, normalised (scheme, host case, default port and fragment do not count). The newest timestamp
wins per episode: an action older than what this library knows of the episode (a change of its own,
sent or not, or an action applied before) is left alone. A play moves the place and sets the played
mark by the app's own rule (``domain.counts_as_played``); "new" clears the mark. The episode that is
playing is never moved: its action becomes an Offer. What is applied is written by the library's own
paths, and the outbox rows its triggers make are dropped in the same transaction (no echo).
"""

from __future__ import annotations

import contextlib
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

from companion.domain import counts_as_played
from companion.library import Library
from companion.sync.protocol import EpisodeAction
from companion.sync.report import Offer

KEEP_REMOTE_S = 365 * 24 * 3600


def normalize_url(url: str) -> str:
    """An audio or feed address as compared: http and https alike, host in lower case, no default
    port, no fragment, surrounding space gone."""
    text = url.strip()
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return text
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = host + (f":{port}" if port else "")
    return urllib.parse.urlunsplit(("http" if parts.scheme in ("http", "https") else parts.scheme,
                                    netloc, parts.path, parts.query, ""))  # fmt: skip


def action_key(action: EpisodeAction) -> str:
    """What makes an action the same one however often it is downloaded or uploaded again."""
    return "|".join((action.action, normalize_url(action.episode), str(action.at), action.device or ""))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What received actions did."""

    received: int = 0
    positions: int = 0
    played: int = 0
    unplayed: int = 0
    older: int = 0
    unmatched: int = 0
    offers: tuple[Offer, ...] = ()


@contextlib.contextmanager
def quietly(library: Library) -> Iterator[None]:
    """One transaction whose own outbox rows are dropped at its end: a change that came from the server
    is not sent back to it."""
    conn = library.db.conn
    with library.db.atomic():
        before = conn.execute("SELECT coalesce(max(id), 0) FROM sync_outbox").fetchone()[0]
        yield
        conn.execute("DELETE FROM sync_outbox WHERE id > ?", [before])


class _Matcher:
    """Finds the episode of an action: guid in its podcast, guid anywhere, then the audio address."""

    def __init__(self, library: Library) -> None:
        self.conn = library.db.conn
        self._by_url: dict[str, int] | None = None

    def find(self, action: EpisodeAction) -> int | None:
        if action.guid:
            row = (
                self.conn.execute(
                    "SELECT e.id FROM episodes e JOIN podcasts p ON p.id = e.podcast_id"
                    " WHERE e.guid = ? AND p.feed_url = ?",
                    [action.guid, action.podcast],
                ).fetchone()
                or self.conn.execute(
                    "SELECT e.id FROM episodes e JOIN podcasts p ON p.id = e.podcast_id"
                    " WHERE e.guid = ? AND p.kind = 'feed' ORDER BY e.id LIMIT 1",
                    [action.guid],
                ).fetchone()
            )
            if row:
                return row[0]
        row = self.conn.execute(
            "SELECT id FROM episodes WHERE audio_url = ? LIMIT 1", [action.episode]
        ).fetchone()
        if row:
            return row[0]
        return self._urls().get(normalize_url(action.episode))

    def _urls(self) -> dict[str, int]:
        if self._by_url is None:  # once per sync, only when an exact match failed
            rows = self.conn.execute(
                "SELECT id, audio_url FROM episodes WHERE audio_url IS NOT NULL ORDER BY id DESC"
            )
            self._by_url = {normalize_url(url): episode_id for episode_id, url in rows}
        return self._by_url


def store_received(library: Library, actions: list[EpisodeAction], own_device: str) -> int:
    """Keep the actions not seen before (not our own device's); returns how many were new."""
    now = int(time.time())
    new = 0
    with library.db.atomic():
        for a in actions:
            if a.device == own_device:
                continue
            cur = library.db.conn.execute(
                "INSERT OR IGNORE INTO sync_remote (key, action, podcast_url, episode_url, guid, device, at,"
                " started_ms, position_ms, total_ms, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [action_key(a), a.action, a.podcast, a.episode, a.guid, a.device, a.at,
                 _ms(a.started), _ms(a.position), _ms(a.total), now],
            )  # fmt: skip
            new += cur.rowcount
        library.db.conn.execute("DELETE FROM sync_remote WHERE received_at < ?", [now - KEEP_REMOTE_S])
    return new


def _ms(seconds: int | None) -> int | None:
    return None if seconds is None else seconds * 1000


def apply_received(library: Library, playing: int | None = None) -> Outcome:
    """Judge and apply every received action still unmatched, oldest first (the newest then wins)."""
    conn = library.db.conn
    rows = conn.execute(
        "SELECT key, action, podcast_url, episode_url, guid, device, at, position_ms, total_ms"
        " FROM sync_remote WHERE outcome = 'unmatched' ORDER BY at, rowid"
    ).fetchall()
    matcher = _Matcher(library)
    counts = {"positions": 0, "played": 0, "unplayed": 0, "older": 0, "unmatched": 0}
    offers: list[Offer] = []
    for key, kind, podcast, episode, guid, device, at, position_ms, total_ms in rows:
        action = EpisodeAction(podcast, episode, kind, at, guid, device)
        episode_id = matcher.find(action)
        if episode_id is None:
            counts["unmatched"] += 1
            continue
        with quietly(library):
            outcome = _judge(library, episode_id, kind, at, position_ms, total_ms, playing)
            conn.execute(
                "UPDATE sync_remote SET episode_id = ?, outcome = ? WHERE key = ?", [episode_id, outcome, key]
            )
        if outcome == "offered":
            offers.append(Offer(episode_id, position_ms or 0, device or "", at))
        elif outcome in counts:
            counts[outcome] += 1
        elif outcome == "position+played":
            counts["positions"] += 1
            counts["played"] += 1
    return Outcome(0, offers=tuple(offers), **counts)


def _judge(
    library: Library,
    episode_id: int,
    kind: str,
    at: int,
    position_ms: int | None,
    total_ms: int | None,
    playing: int | None,
) -> str:
    """Apply one matched action if it is the newest of its episode; returns what became of it."""
    conn = library.db.conn
    unsent, known = conn.execute(
        "SELECT max(CASE WHEN sent_at IS NULL THEN at END), max(CASE WHEN sent_at IS NOT NULL THEN at END)"
        " FROM sync_outbox WHERE episode_id = ? AND kind IN ('play', 'new')",
        [episode_id],
    ).fetchone()
    applied = conn.execute(
        "SELECT max(at) FROM sync_remote WHERE episode_id = ?"
        " AND outcome IN ('positions', 'position+played', 'unplayed')",
        [episode_id],
    ).fetchone()[0]
    known = max(known or 0, applied or 0)
    # timestamps are whole seconds: a tie goes to a change of ours not yet sent, else to the action
    if (unsent is not None and at <= unsent) or at < known:
        return "older"
    if kind in ("download", "delete"):
        return "noted"  # another device's files are its own
    if episode_id == playing and kind == "play":
        return "offered"
    conn.execute(
        "DELETE FROM sync_outbox WHERE sent_at IS NULL AND episode_id = ? AND kind IN ('play', 'new')"
        " AND at < ?",
        [episode_id, at],
    )
    if kind == "new":
        library.set_played(episode_id, False)
        library.save_position(episode_id, 0)
        return "unplayed"
    row = conn.execute(
        "SELECT coalesce(audio_length_ms, duration_ms), played_at FROM episodes WHERE id = ?", [episode_id]
    ).fetchone()
    length = row[0] or total_ms
    position = max(0, position_ms or 0)
    library.save_position(episode_id, position)
    if row[1] is None and counts_as_played(position, length):
        library.set_played(episode_id, True)
        return "position+played"
    return "positions"
