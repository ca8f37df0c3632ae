"""Generators of realistic big libraries and feeds for the benchmarks (deterministic, fast)."""

from __future__ import annotations

import random
import time
from pathlib import Path

from companion import shownotes
from companion.library import Library

_ZH = "我们聊了模型训练数据产品创业开源推理团队市场用户技术成本未来城市咖啡音乐医疗教育投资"
_EN = ("model", "data", "open", "source", "team", "market", "users", "agent", "startup", "design")
_TRAILERS = (
    "相关链接：https://example.org/links",
    "Links: https://example.org/ep",
    "本期主播：小林 剪辑：阿木",
)
DISTINCT_NOTES = 1000


def phrase(rng: random.Random, chars: int) -> str:
    """Made-up mixed Chinese/English text."""
    out = []
    for _ in range(chars):
        out.append(f" {rng.choice(_EN)} " if rng.random() < 0.1 else rng.choice(_ZH))
    return "".join(out).strip()


def _stamp(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    return f"{h:02d}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60:02d}:{rest % 60:02d}"


def make_notes(rng: random.Random, target_bytes: int = 2048) -> str:
    """About 2 KB of notes: prose, an inline ~10-chapter timeline with sections, a trailer."""
    parts = [phrase(rng, 120), "。时间轴："]
    t = 0
    for index in range(10):
        if index % 4 == 0:
            parts.append(f" - 第{index // 4 + 1}部分 {phrase(rng, 6)}")
        parts.append(f" {_stamp(t)} {phrase(rng, rng.randint(8, 20))}")
        t += rng.randint(120, 600)
    parts.append(" " + rng.choice(_TRAILERS))
    text = "".join(parts)
    while len(text.encode()) < target_bytes:
        text = phrase(rng, 60) + "。" + text
    return text


def generate_library(path: Path, episodes: int, seed: int = 1, bookmarks: bool = True) -> Library:
    """A library of ``episodes`` episodes over episodes/500 podcasts, with chapters and a queue.

    Notes are drawn from 1,000 distinct texts parsed by the real show-notes parser; rows go in
    with bulk inserts in one transaction per podcast.
    """
    rng = random.Random(seed)
    library = Library(path)
    templates = []
    for _ in range(min(DISTINCT_NOTES, episodes)):
        notes = make_notes(rng)
        templates.append(
            (
                notes,  # stored raw: the library renders notes when an episode is shown
                shownotes.notes_to_text(notes),
                [(c.start_ms, c.title, c.section) for c in shownotes.extract_chapters(notes)],
            )
        )
    conn = library.db.conn
    now = int(time.time())
    podcasts = max(1, episodes // 500)
    episode_id = 0
    with library.db.atomic():
        for p in range(podcasts):
            cur = conn.execute(
                "INSERT INTO podcasts (title, feed_url, description) VALUES (?, ?, ?)",
                [f"播客 {p} {phrase(rng, 6)}", f"https://example.org/feed/{p}.xml", phrase(rng, 40)],
            )
            podcast_id = cur.lastrowid
            count = episodes // podcasts + (1 if p < episodes % podcasts else 0)
            rows = []
            chapter_rows = []
            for _ in range(count):
                episode_id += 1
                notes, text, chapters = templates[episode_id % len(templates)]
                duration = (chapters[-1][0] if chapters else 0) + rng.randint(300, 1800) * 1000
                played = now - rng.randint(0, 10**7) if rng.random() < 0.4 else None
                position = 0 if played else (rng.randint(0, duration) if rng.random() < 0.1 else 0)
                rows.append(
                    (
                        episode_id,
                        podcast_id,
                        f"guid-{episode_id}",
                        f"第{episode_id}期 {phrase(rng, rng.randint(6, 16))}",
                        f"https://example.org/audio/{episode_id}.mp3",
                        duration,
                        now - episode_id * 3600,
                        notes,
                        text,
                        position,
                        played,
                    )
                )
                for i, (start, title, section) in enumerate(chapters):
                    end = chapters[i + 1][0] if i + 1 < len(chapters) else duration
                    chapter_rows.append((episode_id, start, end, title, section, "shownotes"))
            conn.executemany(
                "INSERT INTO episodes (id, podcast_id, guid, title, audio_url, duration_ms,"
                " published_at, notes_raw, notes_text, position_ms, played_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            conn.executemany(
                "INSERT INTO chapters (episode_id, start_ms, end_ms, title, section, source)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                chapter_rows,
            )
    library.queue_set(rng.sample(range(1, episodes + 1), min(20, episodes)))
    with library.db.atomic():  # about one episode in fifty is starred
        conn.execute("UPDATE episodes SET starred_at = published_at + 600 WHERE id % 50 = 7")
    if bookmarks and hasattr(library, "add_bookmark"):
        for episode in rng.sample(range(1, episodes + 1), min(200, episodes)):
            library.add_bookmark(episode, rng.randint(0, 600_000), note=phrase(rng, 20))
    library.set_setting("demo_created", "1")
    return library


CACHE_DIR = Path(__file__).resolve().parents[2] / ".bench"
GENERATOR_VERSION = 5  # bump when what is generated changes: the cache is rebuilt


def cached_library(episodes: int) -> Path:
    """The generated library of ``episodes`` episodes, kept in .bench/ between benchmark runs."""
    path = CACHE_DIR / f"library-{episodes}-v{GENERATOR_VERSION}.db"
    if path.exists():
        return path
    CACHE_DIR.mkdir(exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        stale.unlink(missing_ok=True)
    start = time.perf_counter()
    generate_library(tmp, episodes).close()  # closing checkpoints the WAL into the file
    tmp.rename(path)
    print(f"\ngenerated {episodes:,} episodes in {time.perf_counter() - start:.1f} s ({path.name})")
    return path


def with_covers(path: Path) -> Path:
    """Give every podcast of the library at ``path`` a cover, cached as the cover fetch leaves it (a
    600 px JPEG in covers/ beside the library and its record): the 200 podcasts of the 100k library
    all have covers. Added once (kept with the cached library); returns ``path``."""
    import io

    from PIL import Image

    library = Library(path)
    try:
        conn = library.db.conn
        ids = [row[0] for row in conn.execute("SELECT id FROM podcasts WHERE kind = 'feed' ORDER BY id")]
        if all(library.cover_path(pid) is not None for pid in ids):
            return path
        folder = library.covers_dir()
        folder.mkdir(exist_ok=True)
        for index, pid in enumerate(ids):
            url = f"https://example.org/covers/{pid}.jpg"
            image = Image.new("RGB", (600, 600), ((index * 37) % 256, (index * 91) % 256, (index * 53) % 256))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=88)
            name = f"bench-{pid}.jpg"
            (folder / name).write_bytes(out.getvalue())
            with library.db.atomic():
                conn.execute("UPDATE podcasts SET image_url = ? WHERE id = ?", [url, pid])
            library.record_cover(url, file=name, size=(600, 600))
    finally:
        library.close()
    return path


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/bench-100k.db")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    start = time.perf_counter()
    generate_library(target, n).close()
    print(f"{n} episodes in {time.perf_counter() - start:.1f} s -> {target}")
