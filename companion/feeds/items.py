"""Feed items to ParsedEpisodes: fingerprints, the notes' timelines and search text, placeholder titles."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from companion import shownotes
from companion.domain import ChapterSource, ParsedChapter, ParsedEpisode, ParsedPerson, ParsedTranscript
from companion.feeds.links import absolute_links

UNTITLED_CHAPTER = "Chapter {n}"
NotesWork = tuple[str, int | None]  # (notes, duration_ms) of one item
NotesResult = tuple[str, tuple[tuple[int, str, str | None], ...]]  # (notes text, timeline)


class NotesBatch(Protocol):
    """The notes of one feed's items, handed over one by one as the parser reads them."""

    def add(self, work: NotesWork) -> None:
        """One more item's notes (results come back in the order of ``add``)."""

    def results(self) -> list[NotesResult]:
        """Every item's processed notes, in order (called once, after the last ``add``)."""

    def cancel(self) -> None:
        """The feed could not be parsed: forget the items (instead of ``results``)."""


NotesProcessor = Callable[[], NotesBatch]  # a new batch per feed


class LocalBatch:
    """A NotesBatch processed in the calling thread when its results are asked for."""

    def __init__(self) -> None:
        self.work: list[NotesWork] = []

    def add(self, work: NotesWork) -> None:
        """Keep one item's notes."""
        self.work.append(work)

    def results(self) -> list[NotesResult]:
        """Process them all here."""
        return process_notes(self.work)

    def cancel(self) -> None:
        """Forget the items."""
        self.work.clear()


def process_notes(items: list[NotesWork]) -> list[NotesResult]:
    """The slow part of parsing, per item: the notes' plain text and their timeline as plain tuples
    (a pure function of plain data, so it can run in another process)."""
    out: list[NotesResult] = []
    for notes, duration_ms in items:
        if not notes:
            out.append(("", ()))
            continue
        timeline = tuple(
            (e.start_ms, e.title, e.section) for e in shownotes.extract_chapters(notes, duration_ms)
        )
        out.append((shownotes.notes_to_text(notes), timeline))
    return out


def chapters_with_titles(
    chapters: list[ParsedChapter] | tuple[ParsedChapter, ...],
) -> tuple[ParsedChapter, ...]:
    """Sorted by start, each untitled chapter given a placeholder title (``Chapter 3``)."""
    ordered = sorted(chapters, key=lambda c: c.start_ms)
    result = []
    for index, chapter in enumerate(ordered, start=1):
        if not chapter.title.strip():
            chapter = ParsedChapter(
                chapter.start_ms,
                UNTITLED_CHAPTER.format(n=index),
                chapter.section,
                chapter.end_ms,
                chapter.url,
                chapter.image_url,
                chapter.hidden,
            )
        result.append(chapter)
    return tuple(result)


@dataclass(frozen=True, slots=True)
class EpisodeHead:
    """What an item says before its notes are processed: its fingerprint and whether it is known."""

    raw: dict[str, Any]
    audio: dict[str, Any] | None
    fingerprint: str
    unchanged: bool

    @property
    def work(self) -> NotesWork:
        """The notes processing this item needs."""
        return _raw_notes(self.raw), self.raw.get("duration_ms")


def _raw_notes(raw: dict[str, Any]) -> str:
    return raw.get("description_html") or raw.get("description") or ""


# An enclosure's type from its extension, when the feed does not say (or says octet-stream).
MEDIA_TYPES = {
    ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".m4b": "audio/mp4", ".aac": "audio/aac",
    ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/opus", ".flac": "audio/flac",
    ".wav": "audio/wav", ".mp4": "video/mp4", ".m4v": "video/x-m4v", ".mov": "video/quicktime",
    ".webm": "video/webm", ".mkv": "video/x-matroska", ".weba": "audio/webm", ".wma": "audio/x-ms-wma",
}  # fmt: skip
_UNSAID = ("", "application/octet-stream", "binary/octet-stream")


def media_type(url: str, stated: str | None) -> str | None:
    """The enclosure's stated type, or the one its address's extension gives when none is stated."""
    if stated and stated.strip().lower() not in _UNSAID:
        return stated.strip()
    try:
        extension = posixpath.splitext(urlsplit(url).path)[1].lower()
    except ValueError:
        extension = ""
    return MEDIA_TYPES.get(extension, stated or None)


def episode_head(raw: dict[str, Any], known_fingerprints: Collection[str]) -> EpisodeHead:
    """The item's enclosure and fingerprint (a hash of everything stored from it)."""
    enclosures = raw.get("enclosures") or []
    for enclosure in enclosures:
        enclosure["mime_type"] = media_type(enclosure["url"], enclosure.get("mime_type"))
    audio = next(
        (e for e in enclosures if str(e.get("mime_type") or "").startswith(("audio/", "video/"))), None
    )
    audio = audio or (enclosures[0] if enclosures else None)
    image = raw.get("_image")
    raw["image_url"] = image[1] if image else None
    fields = (
        raw["guid"],
        raw.get("title") or "",
        audio["url"] if audio else None,
        raw.get("link") or None,
        raw.get("duration_ms"),
        raw.get("published"),
        _raw_notes(raw),
        raw.get("chapters_json_url"),
        repr(raw["_psc"]) if raw.get("_psc") else None,
        raw["image_url"],
        raw.get("itunes_title"),
        raw.get("season") or raw.get("itunes_season"),
        raw.get("season_name"),
        raw.get("episode") or raw.get("itunes_episode"),
        raw.get("episode_name"),
        raw.get("type"),
        repr(raw["_transcripts"]) if raw.get("_transcripts") else None,
        repr(raw["_persons"]) if raw.get("_persons") else None,
    )
    fingerprint = hashlib.blake2b(repr(fields).encode("utf-8", "replace"), digest_size=16).hexdigest()
    return EpisodeHead(raw, audio, fingerprint, fingerprint in known_fingerprints)


def make_episode(head: EpisodeHead, processed: NotesResult | None, base: str = "") -> ParsedEpisode:
    """The ParsedEpisode of an item: a stub when unchanged, else with its processed notes, whose
    relative links are resolved against the item's link (or ``base``, the feed's address)."""
    raw, audio = head.raw, head.audio
    title = (raw.get("title") or "").strip() or "(untitled episode)"
    if head.unchanged or processed is None:  # the slow part (notes, timeline) was skipped
        return ParsedEpisode(
            guid=raw["guid"],
            title=title,
            audio_url=audio["url"] if audio else None,
            chapters_url=raw.get("chapters_json_url"),
            fingerprint=head.fingerprint,
            unchanged=True,
        )
    notes_text, timeline = processed
    chapters: list[tuple[str, tuple[ParsedChapter, ...]]] = [
        (ChapterSource.SHOWNOTES.value, tuple(ParsedChapter(*entry) for entry in timeline)),
        (ChapterSource.PODLOVE.value, chapters_with_titles(raw.get("_psc") or [])),
    ]
    size = audio.get("file_size") if audio else None
    return ParsedEpisode(
        guid=raw["guid"],
        title=title,
        audio_url=audio["url"] if audio else None,
        audio_size=size if size and 0 < size < 2**63 else None,  # a length SQLite can hold
        audio_type=audio.get("mime_type") if audio else None,
        link=raw.get("link") or None,
        duration_ms=raw.get("duration_ms"),
        published_at=raw.get("published"),
        notes=absolute_links(_raw_notes(raw), raw.get("link") or base),
        notes_text=notes_text,
        image_url=raw["image_url"],
        chapters_url=raw.get("chapters_json_url"),
        chapters=tuple(chapters),
        fingerprint=head.fingerprint,
        season=raw.get("season") or raw.get("itunes_season"),
        season_name=raw.get("season_name"),
        number=raw.get("episode") or raw.get("itunes_episode"),
        number_label=raw.get("episode_name"),
        episode_type=raw.get("type"),
        itunes_title=raw.get("itunes_title") or None,
        transcripts=tuple(ParsedTranscript(**entry) for entry in raw.get("_transcripts") or ()),
        persons=tuple(ParsedPerson(**entry) for entry in raw.get("_persons") or ()),
    )
