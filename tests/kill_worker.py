"""A process that writes to a library without pause until it is killed (tests/test_kill.py runs it).

Usage: kill_worker.py LIBRARY FEED_DIR FIRST_STEP. Each step is one of the user's writes: subscribe
to feed A after rewriting it, refresh feed B after rewriting it, a bookmark, an Up Next change, a
star and a position. It prints ``begin <what> <step>`` before and ``ok <what> <step> [id]`` after
each, so the test knows what was done for sure and what was under way when the kill came.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from companion import services
from companion.library import Library

EPISODES = 60  # per feed


def feed_text(name: str, version: int) -> str:
    """Feed ``name`` at ``version``: every item's title and notes carry the version."""
    items = "".join(
        f"<item><title>{name}{n} v{version}</title><guid>{name}-{n}</guid>"
        f"<enclosure url='https://example.org/{name}{n}.mp3' length='1' type='audio/mpeg'/>"
        f"<description>{'笔记 notes of the version ' * 20} 00:00 开场 v{version} 05:00 Part {n} v{version}"
        "</description></item>"
        for n in range(EPISODES)
    )
    return f"<rss version='2.0'><channel><title>Feed {name}</title>{items}</channel></rss>"


def write_feed(path: Path, name: str, version: int) -> None:
    """Replace the feed file whole (a kill never leaves half a feed for the next run)."""
    temp = path.with_name(path.name + f".{os.getpid()}.tmp")
    temp.write_text(feed_text(name, version), encoding="utf-8")
    os.replace(temp, path)


def say(line: str) -> None:
    print(line, flush=True)


def main() -> None:
    library_path, feed_dir, step = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(step)
    lib = Library(library_path)
    feed_a, feed_b = feed_dir / "a.xml", feed_dir / "b.xml"
    podcast_b = next(p for p in lib.podcasts() if p.title == "Feed b")
    say("ready")
    while True:
        step += 1
        kind = step % 5
        episodes = lib.episode_ids()
        if kind == 0:
            write_feed(feed_a, "a", step)
            say(f"begin subscribe {step}")
            services.subscribe(lib, str(feed_a))
            say(f"ok subscribe {step}")
        elif kind == 1:
            write_feed(feed_b, "b", step)
            say(f"begin refresh {step}")
            results = services.refresh_all(lib, None, 1, [podcast_b.id])
            assert all(r.ok for r in results), [r.error for r in results]
            say(f"ok refresh {step}")
        elif kind == 2:
            episode_id = rng.choice(episodes)
            say(f"begin bookmark {step}")
            bookmark = lib.add_bookmark(episode_id, step, note=f"n{step} " * 40, chapter_title=f"c{step}")
            say(f"ok bookmark {step} {bookmark.id}")
        elif kind == 3:
            say(f"begin queue {step}")
            lib.queue_add(rng.choice(episodes), top=rng.random() < 0.5)
            queued = lib.queue_ids()
            lib.queue_move(rng.choice(queued), rng.randrange(len(queued)))
            say(f"ok queue {step}")
        else:
            episode_id = rng.choice(episodes)
            say(f"begin position {step}")
            lib.save_position(episode_id, step)
            lib.star(episode_id, rng.random() < 0.5)
            say(f"ok position {step} {episode_id}")


if __name__ == "__main__":
    main()
