"""Tests of the demo library: created once on an empty library, real audio, chapters from its notes."""

from __future__ import annotations

import re
import wave
from pathlib import Path

import pytest

from companion.domain import PodcastKind
from companion.library import Library, media_dir
from companion.services.demo import DEMO_TITLE, create_demo, ensure_demo

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def demo_episodes(library: Library):
    podcast = library.podcast_of_kind(PodcastKind.DEMO)
    assert podcast is not None
    ids = [s.id for s in library.episodes() if s.podcast_id == podcast.id]
    return [library.episode(i) for i in ids]


def wav_ms(path: Path) -> int:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() * 1000 // w.getframerate()


def snapshot(library: Library) -> dict[str, list[dict]]:
    return {table: list(library.db[table].rows) for table in ("podcasts", "episodes", "chapters", "settings")}


@pytest.fixture
def demo_library(library: Library) -> Library:
    assert ensure_demo(library) is not None
    return library


def test_ensure_demo_on_an_empty_library(library: Library):
    podcast = ensure_demo(library)
    assert podcast is not None
    assert (podcast.title, podcast.feed_url, podcast.kind) == (DEMO_TITLE, None, PodcastKind.DEMO)
    assert library.podcasts() == [podcast]
    assert library.setting("demo_created") == "1"

    episodes = demo_episodes(library)
    assert len(episodes) >= 3
    assert len({e.guid for e in episodes}) == len(episodes)
    for episode in episodes:
        assert episode.podcast_title == DEMO_TITLE
        assert episode.duration_ms and episode.duration_ms > 0
        audio = Path(episode.audio_path)
        assert audio.is_file(), f"{episode.title}: no audio at {audio}"
        assert audio.parent == media_dir(library.path) / "demo"
        assert wav_ms(audio) == episode.duration_ms, episode.title
        assert episode.media == str(audio)
        chapters = library.chapters(episode.id)
        assert len(chapters) >= 4, f"{episode.title}: {chapters}"
        assert {c.source for c in chapters} == {"shownotes"}
        assert episode.notes_html and episode.notes_text
        assert "<script" not in episode.notes_html  # episode 3 carries a script tag in its notes

    titles = [e.title for e in episodes]
    assert any(HAN.search(t) for t in titles), titles
    assert any(LATIN_WORD.search(t) and not HAN.search(t) for t in titles), titles
    # newest first: the first demo episode is the newest
    assert [e.guid for e in episodes] == [f"companion-demo-{i + 1}" for i in range(len(episodes))]


def test_demo_chapters_come_from_the_notes(demo_library: Library):
    starts = {
        e.guid: [c.start_ms // 1000 for c in demo_library.chapters(e.id)] for e in demo_episodes(demo_library)
    }
    assert starts == {
        "companion-demo-1": [0, 42, 90, 135, 185, 230, 270, 320],
        "companion-demo-2": [0, 35, 80, 160, 210, 250],
        # "16:9" and "12:30pm" in the appendix are not chapters
        "companion-demo-3": [0, 50, 100, 150, 195, 225],
    }


def test_demo_chapters_lie_within_the_episode(demo_library: Library):
    for episode in demo_episodes(demo_library):
        chapters = demo_library.chapters(episode.id)
        assert chapters[0].start_ms == 0
        for chapter, following in zip(chapters[:-1], chapters[1:], strict=True):
            assert chapter.start_ms < chapter.end_ms == following.start_ms, episode.title
        assert chapters[-1].start_ms < chapters[-1].end_ms == episode.duration_ms, episode.title


def test_ensure_demo_a_second_time_does_nothing(demo_library: Library):
    before = snapshot(demo_library)
    audio = {e.audio_path: Path(e.audio_path).stat().st_mtime_ns for e in demo_episodes(demo_library)}

    assert ensure_demo(demo_library) is None

    assert snapshot(demo_library) == before
    assert {p: Path(p).stat().st_mtime_ns for p in audio} == audio


def test_ensure_demo_does_not_come_back_once_removed(demo_library: Library):
    demo_library.delete_podcast(demo_library.podcast_of_kind(PodcastKind.DEMO).id)
    assert demo_library.is_empty()
    assert ensure_demo(demo_library) is None
    assert demo_library.podcast_of_kind(PodcastKind.DEMO) is None


def test_ensure_demo_on_a_library_with_episodes_does_nothing(library: Library):
    podcast = library.add_podcast("Mine")
    library.add_episode(podcast.id, "My episode")
    before = snapshot(library)

    assert ensure_demo(library) is None

    assert snapshot(library) == before
    assert library.podcast_of_kind(PodcastKind.DEMO) is None
    assert library.setting("demo_created") is None
    assert not (media_dir(library.path) / "demo").exists()


def test_ensure_demo_after_reopening(library_path: Path):
    lib = Library(library_path)
    ensure_demo(lib)
    ids = lib.episode_ids()
    lib.close()
    lib = Library(library_path)
    try:
        assert ensure_demo(lib) is None
        assert lib.episode_ids() == ids
    finally:
        lib.close()


def test_create_demo_recreates(demo_library: Library):
    mine = demo_library.add_episode(demo_library.add_podcast("Mine").id, "Keep me", notes="00:00 A\n00:10 B")
    old = demo_episodes(demo_library)
    old_ids = {e.id for e in old}

    podcast = create_demo(demo_library)

    new = demo_episodes(demo_library)
    assert podcast == demo_library.podcast_of_kind(PodcastKind.DEMO)
    assert len(new) == len(old) == 3
    assert old_ids.isdisjoint(e.id for e in new)
    assert [e.guid for e in new] == [e.guid for e in old]
    assert [e.title for e in new] == [e.title for e in old]
    assert demo_library.episode_count() == 4
    # the old episodes' chapters went with them; the user's episode is untouched
    chapter_owners = {row["episode_id"] for row in demo_library.db["chapters"].rows}
    assert chapter_owners == {e.id for e in new} | {mine.id}
    assert demo_library.episode(mine.id) == mine
    for episode in new:
        assert wav_ms(Path(episode.audio_path)) == episode.duration_ms


# ----- the first launch, in the real window ---------------------------------------------------


def test_first_launch_with_the_demo(make_window, demo_library, qtbot):
    from PySide6.QtCore import QUrl

    app = make_window()
    window = app.window
    # the demo's hint is on screen over the selected demo episode's notes
    assert window.selected_episode.podcast_title == DEMO_TITLE
    assert window.demo_hint.isVisible() and "click any timestamp" in window.demo_hint.text()
    # the demo's notes write their timeline inline: the view shows one entry a line
    lines = [line.strip() for line in window.notes_view.toPlainText().splitlines() if line.strip()]
    chapters = demo_library.chapters(window.selected_episode.id)
    for chapter in chapters:
        assert any(line.endswith(chapter.title) and ":" in line[:9] for line in lines), (chapter, lines)
    # no subscription: the refresh at start does not run ("0 of 0 feeds done" never shows)
    assert not app.jobs.refresh_if_due()
    assert not window.feed_ui.progress.isVisible()
    assert "0 of 0" not in window.statusBar().currentMessage()
    window.feed_ui.refresh_action.trigger()  # F5 says why nothing happens
    assert window.statusBar().currentMessage().startswith("No podcast feeds to refresh")
    # clicking a timestamp is what the hint asked: it goes, for good
    window.notes_view.activate_link(QUrl(f"seek:{chapters[1].start_ms}"))
    assert not window.demo_hint.isVisible()
    window.select_episode(window.episode_model.episode_id(1))
    assert not window.demo_hint.isVisible()
    assert not make_window().window.demo_hint.isVisible()


def test_the_demo_hint_goes_with_got_it_and_stays_off_other_podcasts(make_window, demo_library, tone_episode):
    window = make_window().window
    window.select_episode(tone_episode.id)
    assert not window.demo_hint.isVisible()  # not a demo episode
    demo = next(e for e in demo_episodes(demo_library))
    window.select_episode(demo.id)
    assert window.demo_hint.isVisible()
    window.demo_hint.linkActivated.emit("done")
    assert not window.demo_hint.isVisible()
    window.select_episode(tone_episode.id)
    window.select_episode(demo.id)
    assert not window.demo_hint.isVisible()
