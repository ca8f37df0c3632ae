"""Chapters embedded in generated audio (ID3 CHAP, MP4 Nero, Opus comments) and add_local_episode."""

from __future__ import annotations

import pytest
from feed_audio import write_mp4_with_chapters, write_opus_with_chapters, write_wav_with_id3_chapters

from companion.feeds import FeedError, ParsedChapter, read_embedded_chapters
from companion.services import add_local_episode

ID3_CHAPTERS = [(0, 30_000, "开场 Opening"), (30_500, 60_000, ""), (60_000, 90_000, "The end")]


@pytest.mark.parametrize("with_toc", [True, False])
def test_id3_chapters_with_or_without_ctoc(tmp_path, with_toc):
    path = write_wav_with_id3_chapters(tmp_path / "t.wav", ID3_CHAPTERS, with_toc)
    source, chapters = read_embedded_chapters(path)
    assert source == "id3"
    assert chapters == (
        ParsedChapter(0, "开场 Opening", end_ms=30_000),
        ParsedChapter(30_500, "Chapter 2", end_ms=60_000),
        ParsedChapter(60_000, "The end", end_ms=90_000),
    )


def test_mp4_nero_chapters(tmp_path):
    path = write_mp4_with_chapters(tmp_path / "t.m4a", [(0, "Intro"), (12.345, "Middle"), (60, "")])
    assert read_embedded_chapters(path) == (
        "mp4",
        (ParsedChapter(0, "Intro"), ParsedChapter(12_345, "Middle"), ParsedChapter(60_000, "Chapter 3")),
    )


def test_opus_chapter_comments(tmp_path):
    path = write_opus_with_chapters(
        tmp_path / "t.opus",
        {
            "CHAPTER001": "00:00:00.000",
            "CHAPTER001NAME": "Intro",
            "CHAPTER002": "00:01:02.500",
            "CHAPTER002NAME": "第二章",
            "CHAPTER003": "00:01:20.000",
        },
    )
    assert read_embedded_chapters(path) == (
        "vorbis",
        (ParsedChapter(0, "Intro"), ParsedChapter(62_500, "第二章"), ParsedChapter(80_000, "Chapter 3")),
    )


def test_files_without_chapters(tmp_path, tone_wav):
    assert read_embedded_chapters(tone_wav) == ("id3", ())
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"not audio at all")
    assert read_embedded_chapters(junk) == ("id3", ())
    assert read_embedded_chapters(tmp_path / "missing.mp3") == ("id3", ())


def test_add_local_episode_reads_tags_and_notes(library, tmp_path):
    path = write_wav_with_id3_chapters(tmp_path / "t.wav", ID3_CHAPTERS, with_toc=False)
    episode = add_local_episode(
        library, str(path), "本地节目", notes="00:00 Start 00:45 Middle", duration_ms=90_000
    )
    assert episode.duration_ms == 90_000
    assert library.chapter_sources(episode.id) == ["id3", "shownotes"]
    assert [(c.start_ms, c.title) for c in library.chapters(episode.id)] == [
        (0, "开场 Opening"),
        (30_500, "Chapter 2"),
        (60_000, "The end"),
    ]
    assert [c.title for c in library.chapters(episode.id, "shownotes")] == ["Start", "Middle"]


def test_add_local_episode_ranks_mp4_over_shownotes(library, tmp_path):
    path = write_mp4_with_chapters(tmp_path / "t.m4a", [(0, "Intro"), (30, "Body")])
    episode = add_local_episode(library, str(path), "M4A", notes="00:00 A 00:10 B")
    assert library.chapter_sources(episode.id) == ["mp4", "shownotes"]


def test_add_local_episode_url_and_errors(library, tmp_path, table_rows):
    episode = add_local_episode(library, "https://example.org/a.mp3", "Remote", duration_ms=1000)
    assert episode.audio_url == "https://example.org/a.mp3" and episode.audio_path is None
    before = table_rows(library)
    with pytest.raises(FeedError, match="no audio file at"):
        add_local_episode(library, str(tmp_path / "missing.mp3"), "X")
    with pytest.raises(FeedError, match="Unsupported address"):
        add_local_episode(library, "ftp://example.org/a.mp3", "X")
    assert table_rows(library) == before
