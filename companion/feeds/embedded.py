"""Chapters embedded in audio files, read with mutagen: ID3 CHAP, MP4 Nero chapters, Ogg CHAPTERxxx."""

from __future__ import annotations

import re
from pathlib import Path

import mutagen
from mutagen.id3 import ID3, ID3NoHeaderError
from mutagen.mp4 import MP4

from companion.domain import ChapterSource, ParsedChapter
from companion.feeds.items import chapters_with_titles
from companion.feeds.timecodes import parse_clock_ms

_OGG_KEY_RE = re.compile(r"^chapter(\d{1,4})$", re.IGNORECASE)


def _id3_chapters(tags: ID3) -> tuple[ParsedChapter, ...]:
    chaps = {frame.element_id: frame for frame in tags.getall("CHAP")}
    if not chaps:
        return ()
    # a CTOC gives the order; without one (or with one that is not marked top-level) the starts do
    order: list[str] = []
    for toc in tags.getall("CTOC"):
        order.extend(e for e in toc.child_element_ids if e in chaps and e not in order)
    order.extend(e for e in chaps if e not in order)
    chapters = []
    for element_id in order:
        frame = chaps[element_id]
        title_frame = frame.sub_frames.get("TIT2")
        title = str(title_frame.text[0]) if title_frame and title_frame.text else ""
        link = frame.sub_frames.getall("WXXX") if hasattr(frame.sub_frames, "getall") else []
        end = frame.end_time if frame.end_time not in (None, 0xFFFFFFFF) else None
        chapters.append(
            ParsedChapter(
                start_ms=int(frame.start_time),
                title=title,
                end_ms=end if end and end > frame.start_time else None,
                url=link[0].url if link else None,
            )
        )
    return chapters_with_titles(chapters)


def _vorbis_chapters(tags: object) -> tuple[ParsedChapter, ...]:
    values: dict[str, list[str]] = {}
    for key, value in getattr(tags, "items", lambda: [])():
        values[key.lower()] = value if isinstance(value, list) else [value]
    chapters = []
    for key, value in values.items():
        match = _OGG_KEY_RE.match(key)
        if not match or not value:
            continue
        start_ms = parse_clock_ms(value[0])
        if start_ms is None:
            continue
        name = values.get(f"{key}name") or [""]
        url = values.get(f"{key}url") or [None]
        chapters.append(ParsedChapter(start_ms, name[0], url=url[0]))
    return chapters_with_titles(chapters)


def audio_length_ms(path: Path | str) -> int | None:
    """The length of an audio file from its own headers (mutagen), None when unknown or unreadable."""
    try:
        audio = mutagen.File(Path(path))
    except (mutagen.MutagenError, OSError, ValueError):
        return None
    length = getattr(getattr(audio, "info", None), "length", None)
    if not length or length != length or length <= 0:  # missing, NaN or nonsense
        return None
    return int(round(length * 1000))


def read_embedded_chapters(path: Path | str) -> tuple[str, tuple[ParsedChapter, ...]]:
    """``(source, chapters)`` from the file's own tags; ``("id3", ())`` when it has none or is unreadable.

    Sources: ``id3`` (ID3 CHAP in MP3, WAV, AIFF...), ``mp4`` (Nero chpl), ``vorbis`` (Ogg/Opus/FLAC).
    """
    path = Path(path)
    try:
        audio = mutagen.File(path)
    except (mutagen.MutagenError, OSError, ValueError):
        audio = None
    if isinstance(audio, MP4):
        chapters = tuple(
            ParsedChapter(int(round(c.start * 1000)), c.title or "") for c in (audio.chapters or [])
        )
        return ChapterSource.MP4.value, chapters_with_titles(list(chapters))
    tags = getattr(audio, "tags", None)
    if isinstance(tags, ID3):
        return ChapterSource.ID3.value, _id3_chapters(tags)
    if tags is not None and hasattr(tags, "items") and not isinstance(tags, ID3):
        found = _vorbis_chapters(tags)
        if found:
            return ChapterSource.VORBIS.value, found
    if audio is None or tags is None:
        # an MP3 of nothing but tags is not recognised as audio; read its ID3 directly
        try:
            return ChapterSource.ID3.value, _id3_chapters(ID3(path))
        except (ID3NoHeaderError, mutagen.MutagenError, OSError, ValueError):
            pass
    return ChapterSource.ID3.value, ()
