"""Chapter sources are ranked and named in one place (``companion.domain.ChapterSource``): the
library's best source, search's choice among duplicates and the window's source menu all follow it."""

from __future__ import annotations

import pytest

from companion.domain import ChapterSource, source_label, source_rank
from companion.shownotes import TimelineEntry

RANKED = ["podcast-json", "podlove", "id3", "mp4", "vorbis", "shownotes"]
LABELS = {
    "podcast-json": "Publisher chapters",
    "podlove": "Publisher chapters (Podlove)",
    "id3": "Chapters in the audio file",
    "mp4": "Chapters in the audio file (MP4)",
    "vorbis": "Chapters in the audio file (Ogg, Opus, FLAC)",
    "shownotes": "Show-notes timeline",
}


def test_every_source_has_a_rank_and_a_label():
    assert [s.value for s in ChapterSource] == RANKED
    assert sorted(RANKED, key=source_rank) == RANKED
    assert {s: source_label(s) for s in RANKED} == LABELS
    assert source_rank("from-the-future") > source_rank("shownotes")
    assert source_label("from-the-future") == "from-the-future"


def test_the_library_offers_sources_best_first(library, tone_episode):
    for source in reversed(RANKED[:-1]):  # written worst first; the notes give shownotes already
        library.set_chapters(tone_episode.id, source, [TimelineEntry(0, f"from {source}")], 90_000)
    library.set_chapters(tone_episode.id, "from-the-future", [TimelineEntry(0, "odd")], 90_000)
    assert library.chapter_sources(tone_episode.id) == [*RANKED, "from-the-future"]
    assert [c.title for c in library.chapters(tone_episode.id)] == ["from podcast-json"]


@pytest.mark.parametrize("best", ["mp4", "vorbis"])
def test_the_source_menu_names_audio_file_chapters(best, make_window, library, tone_episode, qtbot):
    library.set_chapters(
        tone_episode.id, best, [TimelineEntry(0, "Tagged opening"), TimelineEntry(30_000, "Tagged")], 90_000
    )
    app = make_window()
    app.window.select_episode(tone_episode.id)
    combo = app.window.chapter_source_combo
    qtbot.waitUntil(lambda: combo.count() == 2)
    assert [combo.itemText(i) for i in range(combo.count())] == [LABELS[best], "Show-notes timeline"]
    assert [combo.itemData(i) for i in range(combo.count())] == [best, "shownotes"]
    assert [i.text(0) for i in app.window.chapter_view.chapter_items()] == ["Tagged opening", "Tagged"]
