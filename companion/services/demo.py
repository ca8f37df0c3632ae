"""The demo library created on first launch: a podcast with our own show notes and generated audio."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from companion import shownotes
from companion.domain import Podcast, PodcastKind
from companion.library import Library, media_dir
from companion.services.tones import chapter_tones, write_tone_wav

DEMO_TITLE = "Companion Demo"
RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "demo"


@dataclass(frozen=True)
class DemoEpisode:
    """One demo episode: its notes file and the length of its generated audio."""

    notes_file: str
    title: str
    seconds: int


DEMO_EPISODES = (
    DemoEpisode("01-kaiyuan.txt", "开源十年：从宿舍到基础设施", 360),
    DemoEpisode("02-long-listening.txt", "Close Listening: notes, speed and memory", 300),
    DemoEpisode("03-mixed-html.txt", "AI 医疗 in practice 落地与监管", 270),
)


def create_demo(library: Library) -> Podcast:
    """(Re)create the demo podcast with its episodes and audio files."""
    existing = library.podcast_of_kind(PodcastKind.DEMO)
    if existing is not None:
        library.delete_podcast(existing.id)
    podcast = library.add_podcast(
        DEMO_TITLE,
        kind=PodcastKind.DEMO,
        description="Three short episodes to try the app: click any timestamp in the notes.",
    )
    audio_dir = media_dir(library.path) / "demo"
    now = int(time.time())
    for index, item in enumerate(DEMO_EPISODES):
        notes = (RESOURCES / item.notes_file).read_text(encoding="utf-8")
        starts = [c.start_ms // 1000 for c in shownotes.extract_chapters(notes, item.seconds * 1000)]
        audio = write_tone_wav(
            audio_dir / f"{index + 1:02d}.wav",
            chapter_tones(starts, item.seconds, 220 + 55 * index),
        )
        library.add_episode(
            podcast.id,
            item.title,
            guid=f"companion-demo-{index + 1}",
            audio_path=str(audio),
            notes=notes,
            duration_ms=item.seconds * 1000,
            published_at=now - 86400 * index,
        )
    return podcast


def ensure_demo(library: Library) -> Podcast | None:
    """Create the demo once, on the first launch with an empty library."""
    if library.setting("demo_created") or not library.is_empty():
        return None
    podcast = create_demo(library)
    library.set_setting("demo_created", "1")
    return podcast
