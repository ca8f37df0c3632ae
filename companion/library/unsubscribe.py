"""Unsubscribe: what a podcast holds of the listener's, and its removal in steps inside one transaction."""

from __future__ import annotations

import logging
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from companion.domain import PodcastKind
from companion.i18n import Tr
from companion.library.db import LibraryError, media_dir
from companion.library.library import Library
from companion.library.media_files import remove_stray_downloads
from companion.library.steps import run_steps

log = logging.getLogger(__name__)

UNSUBSCRIBE_CHUNK = 200  # episodes deleted between two pauses (each takes its search index entries)


@dataclass(frozen=True, slots=True)
class PodcastUsage:
    """What unsubscribing from a podcast removes: counts to show before asking, and its downloads."""

    podcast_id: int
    title: str
    episodes: int
    bookmarks: int
    starred: int
    in_progress: int
    played: int  # episodes marked played (their played marks go)
    queued: int  # its episodes in Up Next
    downloads: tuple[Path, ...]  # files this app downloaded (in the media dir), deleted with it

    tr = Tr()  # context "PodcastUsage" (a class attribute, not a field)

    def describe(self) -> str:
        """One sentence for a confirmation: what goes with the podcast."""
        parts = [self.tr("%n episode(s)", "", self.episodes)]
        for count, text in (
            (self.bookmarks, self.tr("%n bookmark(s)", "", self.bookmarks)),
            (self.starred, self.tr("%n starred episode(s)", "", self.starred)),
            (self.in_progress, self.tr("%n episode(s) in progress", "", self.in_progress)),
            (self.played, self.tr("%n played episode(s)", "", self.played)),
            (self.queued, self.tr("%n Up Next entry(s)", "", self.queued)),
            (len(self.downloads), self.tr("%n downloaded file(s)", "", len(self.downloads))),
        ):
            if count:
                parts.append(text)
        if len(parts) == 1:
            listed = parts[0]
        else:
            listed = self.tr("{first} and {last}").format(
                first=self.tr(", ").join(parts[:-1]), last=parts[-1]
            )
        return self.tr("Its {listed} will be removed from the library.").format(listed=listed)


def podcast_usage(library: Library, podcast_id: int) -> PodcastUsage:
    """Counts of a subscribed podcast's episodes, bookmarks, stars, progress, queue entries, downloads."""
    conn = library.db.conn
    row = conn.execute("SELECT title, kind FROM podcasts WHERE id = ?", [podcast_id]).fetchone()
    if row is None:
        raise LibraryError(f"No podcast with id {podcast_id} in the library.")
    if row[1] == PodcastKind.LOCAL.value:
        raise LibraryError(
            "Episodes added by hand are not a subscription; delete them one by one from their context menu."
        )
    counts = conn.execute(
        "SELECT count(*), count(starred_at), sum(position_ms > 0 AND played_at IS NULL), count(played_at)"
        " FROM episodes WHERE podcast_id = ?",
        [podcast_id],
    ).fetchone()
    bookmarks = conn.execute(
        "SELECT count(*) FROM bookmarks b JOIN episodes e ON e.id = b.episode_id WHERE e.podcast_id = ?",
        [podcast_id],
    ).fetchone()[0]
    queued = conn.execute(
        "SELECT count(*) FROM queue q JOIN episodes e ON e.id = q.episode_id WHERE e.podcast_id = ?",
        [podcast_id],
    ).fetchone()[0]
    base = media_dir(library.path)
    paths = conn.execute(
        "SELECT audio_path FROM episodes WHERE podcast_id = ? AND downloaded_at IS NOT NULL"
        " AND audio_path IS NOT NULL",
        [podcast_id],
    ).fetchall()
    downloads = tuple(Path(p[0]) for p in paths if Path(p[0]).resolve().parent == base)
    return PodcastUsage(
        podcast_id, row[0], counts[0], bookmarks, counts[1], counts[2] or 0, counts[3], queued, downloads
    )


def unsubscribe_steps(
    library: Library, podcast_id: int, chunk: int = UNSUBSCRIBE_CHUNK
) -> Generator[tuple[int, int], None, PodcastUsage]:
    """Remove a subscribed podcast with its episodes, chapters, bookmarks, queue entries and search index
    entries in ONE transaction, yielding ``(done, total)`` every ``chunk`` episodes so that a window
    can keep painting (run it to the end, one at a time); then delete its downloaded files. Returns
    what was removed."""
    usage = podcast_usage(library, podcast_id)
    conn = library.db.conn
    ids = [r[0] for r in conn.execute("SELECT id FROM episodes WHERE podcast_id = ?", [podcast_id])]
    with library.db.atomic():
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            conn.execute(f"DELETE FROM episodes WHERE id IN ({','.join('?' * len(part))})", part)
            if start + chunk < len(ids):
                yield start + chunk, len(ids)
        conn.execute("DELETE FROM podcasts WHERE id = ?", [podcast_id])
    for path in usage.downloads:  # after the commit: a file left behind is better than a lost row
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("Could not delete %s: %s", path, exc)
    remove_stray_downloads(library)  # its partial downloads too
    return usage


def unsubscribe(library: Library, podcast_id: int) -> PodcastUsage:
    """``unsubscribe_steps`` run to the end (the command line's way)."""
    return run_steps(unsubscribe_steps(library, podcast_id))
