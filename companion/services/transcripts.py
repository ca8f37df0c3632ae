"""Transcripts planned once: which ones an episode has (best first), a file of the listener's, a fetch
run off the calling thread and stored on it, and the cues back as records for writers and the CLI."""

from __future__ import annotations

import locale
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.domain import FetchedTranscript, StoredTranscript, Transcript
from companion.feeds.errors import FeedError
from companion.library import Library, LibraryError
from companion.library.details import episode_details
from companion.transcripts.kinds import choose_transcript, transcript_kind

TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".json")  # looked for beside an added audio file
MAX_FILE_BYTES = 8 * 1024 * 1024


def interface_language() -> str:
    """The listener's language as a tag (``zh-CN``, ``en``), from the environment the app runs in."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(":")[0]
        if value and value not in ("C", "POSIX"):
            return value.split(".")[0].replace("_", "-")
    found = locale.getlocale()[0] or ""
    return found.replace("_", "-")


def transcript_choices(library: Library, episode_id: int, ui_language: str | None = None) -> list[Transcript]:
    """The feed's transcripts of an episode, best first for the listener (format, then language)."""
    feed_ones = list(episode_details(library, episode_id).transcripts)
    if not feed_ones:
        return []
    return list(choose_transcript(feed_ones, ui_language or interface_language(), None))


def read_transcript_file(path: str | Path) -> FetchedTranscript:
    """A transcript file of the listener's (``.vtt``, ``.srt``, ``.json``, ``.html``, ``.txt``), read and
    parsed; FeedError with a one-line reason when it cannot be."""
    path = Path(path).expanduser()
    kind = transcript_kind(None, path.name)
    if kind is None:
        raise FeedError(
            f"{path} is not a transcript the app reads: use a .vtt, .srt, .json, .html or .txt file."
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise FeedError(
                f"The transcript {path} is larger than {MAX_FILE_BYTES // 2**20} MB; it was not read."
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise FeedError(f"There is no transcript file at {path}.") from exc
    except OSError as exc:
        raise FeedError(f"Cannot read the transcript {path}: {exc.strerror or exc}.") from exc
    from companion.transcripts.parse import parse_transcript  # the parsers load when first needed

    parsed = parse_transcript(data, kind)
    if not parsed.cues:
        why = f" ({parsed.warnings[0]})" if parsed.warnings else ""
        raise FeedError(f"The transcript {path} holds no text the app could read{why}.")
    resolved = str(path.resolve())
    return FetchedTranscript(None, kind, None, resolved, parsed.format, parsed.cues, parsed.timed)


def sibling_transcript(audio_path: str | Path) -> Path | None:
    """A ``.vtt``, ``.srt`` or ``.json`` file with the audio file's name beside it, if there is one."""
    audio = Path(audio_path)
    for suffix in TRANSCRIPT_SUFFIXES:
        candidate = audio.with_suffix(suffix)
        if candidate != audio and candidate.is_file():
            return candidate
    return None


def attach_transcript_file(library: Library, episode_id: int, path: str | Path) -> StoredTranscript | None:
    """Read a transcript file and keep it as the episode's transcript (replacing the one before)."""
    library.refuse_own_file(path, "read")
    return library.store_transcript(episode_id, read_transcript_file(path))


@dataclass(frozen=True, slots=True)
class TranscriptFetch:
    """One transcript to fetch for an episode (the window's worker runs ``fetch``, then ``store``)."""

    episode_id: int
    title: str
    candidate: Transcript
    base_url: str | None = None

    def fetch(self, cancel: threading.Event | None = None) -> FetchedTranscript:
        """Fetch and parse it (thread-safe, no library); a failure is the record's ``error``."""
        from companion.feeds.transcript_fetch import fetch_transcript

        return fetch_transcript(self.candidate, self.title, self.base_url, cancel=cancel)

    def store(self, library: Library, fetched: FetchedTranscript) -> StoredTranscript | None:
        """Keep what ``fetch`` gave (on the library's thread)."""
        return library.store_transcript(self.episode_id, fetched)


def plan_transcript_fetch(
    library: Library, episode_id: int, url: str | None = None, ui_language: str | None = None
) -> TranscriptFetch | None:
    """The fetch of the episode's transcript at ``url`` (one of its feed's), or of its best one; None
    when it has none. LibraryError for an unknown episode or an address the episode does not have."""
    episode = library.episode(episode_id)
    choices = transcript_choices(library, episode_id, ui_language)
    if url is not None:
        choices = [t for t in choices if t.url == url]
        if not choices:
            raise LibraryError(f"“{episode.title}” has no transcript at {url}.")
    if not choices:
        return None
    podcast = library.podcast(episode.podcast_id)
    return TranscriptFetch(episode_id, episode.title, choices[0], podcast.feed_url)


def stored_cues(library: Library, episode_id: int) -> list[Any]:
    """The episode's stored cues as records (``companion.transcripts.Cue``), in time order."""
    from companion.transcripts.model import Cue

    return [Cue(*row) for row in library.transcript_cues(episode_id)]
