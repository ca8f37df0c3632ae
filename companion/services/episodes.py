"""Episode operations planned once: add a local episode with its tag chapters, plan, run and record a
download, delete one (the command runs them here; the window's jobs run the same plans in workers)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from companion.domain import Episode, FetchedTranscript, web_url_problem
from companion.feeds.download import PART_SUFFIX, Progress, download_episode_file, download_path
from companion.feeds.embedded import audio_length_ms, read_embedded_chapters
from companion.feeds.errors import FeedError
from companion.library import Library, LibraryError, media_dir
from companion.library.media_files import download_stem, remove_stray_downloads
from companion.services.transcripts import read_transcript_file, sibling_transcript

log = logging.getLogger(__name__)


def add_local_episode(
    library: Library,
    audio_path_or_url: str,
    title: str,
    notes: str = "",
    duration_ms: int | None = None,
    transcript: str | None = None,
) -> Episode:
    """Add an audio file or URL to the local podcast; chapters come from the notes and the file's tags.

    Its transcript is the file ``transcript`` (read first: one that cannot be read adds nothing), else
    a ``.vtt``, ``.srt`` or ``.json`` file beside the audio file with its name, when it reads.

    A ``file://`` address is stored as the local path it names (only the listener's own choices are
    ever local files: feeds get http(s) only). The episode, its show-notes chapters and its embedded
    chapters are written in one transaction. A local file's length is read from the file itself and
    stored as the audio's length (so chapters past its end are shown as such at once, and kept: the
    notes may describe a longer cut).
    """
    fetched = _chosen_transcript(library, transcript)
    source = audio_path_or_url.strip()
    if source.lower().startswith("file://"):
        library.refuse_own_file(unquote(urlsplit(source).path), "add")
    elif "://" not in source:
        library.refuse_own_file(source, "add")
    audio_url = audio_path = None
    embedded: tuple[str, tuple] = ("id3", ())
    file_length = None
    if source.lower().startswith("file://"):  # the listener's own file: kept as a path, like one
        source = unquote(urlsplit(source).path)
    if "://" in source:
        problem = web_url_problem(source)
        if problem:
            raise FeedError(f"Unsupported address {source}: use an http(s) URL or a local file ({problem}).")
        audio_url = source
    else:
        path = Path(source).expanduser()
        if not path.is_file():
            raise FeedError(f"There is no audio file at {source}.")
        audio_path = str(path.resolve())
        embedded = read_embedded_chapters(path)
        file_length = audio_length_ms(path)
        fetched = fetched or _sibling_transcript(path)
    podcast = library.local_podcast()
    with library.db.atomic():
        episode = library.add_episode(
            podcast.id,
            title,
            audio_url=audio_url,
            audio_path=audio_path,
            notes=notes,
            duration_ms=duration_ms,
        )
        if embedded[1]:
            library.set_chapters(episode.id, embedded[0], embedded[1], duration_ms)
        if file_length:
            library.set_duration(episode.id, file_length)  # the file's own length: chapters past it are known
        if fetched is not None:
            library.store_transcript(episode.id, fetched)
    return library.episode(episode.id)


def _chosen_transcript(library: Library, path: str | None) -> FetchedTranscript | None:
    """The transcript file the listener named, read before anything is added (FeedError if it cannot)."""
    if not path:
        return None
    library.refuse_own_file(path, "read")
    return read_transcript_file(path)


def _sibling_transcript(audio: Path) -> FetchedTranscript | None:
    """The transcript file beside an added audio file, read; None when there is none that reads."""
    found = sibling_transcript(audio)
    if found is None:
        return None
    try:
        return read_transcript_file(found)
    except FeedError as exc:  # a stray file of that name is no reason to refuse the audio
        log.warning("%s", exc)
        return None


@dataclass(frozen=True, slots=True)
class DownloadPlan:
    """What a download worker needs: the episode, its URL and the destination file."""

    episode_id: int
    title: str
    url: str
    dest: Path


def plan_download(library: Library, episode_id: int) -> DownloadPlan:
    """The URL and destination of an episode's download: ``<library tag>-<episode id><.ext>`` in the
    library's media dir, a name no title change touches. Files of this library that no episode owns
    (a deleted episode's, an old name of this one) are removed first."""
    episode = library.episode(episode_id)
    if not episode.audio_url:
        raise FeedError(f"Episode {episode_id} “{episode.title}” has no audio address to download.")
    problem = web_url_problem(episode.audio_url)
    if problem:
        raise FeedError(
            f"Episode {episode_id} “{episode.title}” cannot be downloaded: its audio address"
            f" {episode.audio_url!r} is refused ({problem}); only http and https addresses are."
        )
    stem = download_stem(library, episode_id)
    dest = download_path(media_dir(library.path), stem, episode.audio_url, library.audio_type(episode_id))
    remove_stray_downloads(library, {episode_id: dest.name})
    return DownloadPlan(episode_id, episode.title, episode.audio_url.strip(), dest)


def record_download(library: Library, episode_id: int, path: Path) -> None:
    """Record a finished download; a file downloaded before under another name goes."""
    previous = library.episode(episode_id).audio_path
    library.set_download(episode_id, str(path))
    if previous and Path(previous) != path and Path(previous).parent == media_dir(library.path):
        for old in (Path(previous), Path(previous + PART_SUFFIX)):
            try:
                old.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("Could not delete the old download %s: %s", old, exc)


def download_episode(
    library: Library,
    episode_id: int,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Download an episode here and now (the CLI's way) and record the file; returns its path."""
    plan = plan_download(library, episode_id)
    path = download_episode_file(
        plan.url, plan.dest, progress, cancel, name=f"episode {episode_id} {plan.title}"
    )
    record_download(library, episode_id, path)
    return path


def delete_download(library: Library, episode_id: int) -> bool:
    """Remove an episode's downloaded file (only files in the media dir) and forget it; True if one was."""
    episode = library.episode(episode_id)
    base = media_dir(library.path)
    removed = False
    if episode.audio_path:
        path = Path(episode.audio_path)
        if path.resolve().parent != base:
            raise LibraryError(
                f"{path} was added by hand, not downloaded; it is not deleted. Remove the episode instead."
            )
        for candidate in (path, path.with_name(path.name + PART_SUFFIX)):
            try:
                candidate.unlink()
                removed = True
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise FeedError(f"Cannot delete {candidate}: {exc.strerror or exc}.") from exc
    library.set_download(episode_id, None)
    return removed
