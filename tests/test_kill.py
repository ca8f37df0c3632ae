"""SIGKILL at random moments while a process writes: the library is always whole and consistent.

Bounded: at most KILLS kills in at most BUDGET_S seconds. After each kill the library is opened as
another program would, and checked: SQLite's integrity check, each search index against its
table, every feed stored whole (all its episodes at one version, each with its chapters), what
was reported saved is there, what was under way is all there or not at all, nothing stray beside it.
"""

from __future__ import annotations

import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kill_worker import EPISODES, write_feed
from procs import companion_argv, program_env

from companion import services
from companion.library import Library

KILLS = 20
BUDGET_S = 30.0
CREATION_KILLS = 8
WORKER = Path(__file__).with_name("kill_worker.py")
OF_FEED = "podcast_id = (SELECT id FROM podcasts WHERE title = 'Feed ' || ?)"
SEARCH_INDEXES = ("search_titles", "search_notes", "search_chapters", "search_bookmarks")


@dataclass
class Reported:
    """What the killed processes said they had saved (they said "ok" after each commit)."""

    bookmarks: dict[int, int] = field(default_factory=dict)  # bookmark id -> step
    version: dict[str, int] = field(default_factory=dict)  # feed -> the last version stored
    begun: dict[str, int] = field(default_factory=dict)  # feed -> a version under way at the kill
    positions: dict[int, int] = field(default_factory=dict)  # episode id -> the last position saved

    def read(self, lines: list[str]) -> bool:
        """Take in one run's lines; True when the kill came in the middle of a write."""
        feed_of = {"subscribe": "a", "refresh": "b"}
        for line in lines:
            what, kind, step, *rest = line.split() + [""]
            if kind in feed_of and what == "ok":
                self.version[feed_of[kind]] = int(step)
            if kind in feed_of and what == "begin":
                self.begun[feed_of[kind]] = int(step)
            if what == "ok" and kind == "bookmark":
                self.bookmarks[int(rest[0])] = int(step)
            if what == "ok" and kind == "position":
                self.positions[int(rest[0])] = int(step)
        return bool(lines) and lines[-1].startswith("begin")


def check_library(path: Path, reported: Reported) -> list[str]:
    """What is wrong with the library after a kill (nothing, for a library that survived)."""
    problems = []
    conn = sqlite3.connect(path)  # as another program: recovers the WAL the killed one left
    try:
        if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            problems.append("integrity_check failed")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign keys broken")
        for index in SEARCH_INDEXES:  # the index itself, then the index against its table
            for sql in (
                f"INSERT INTO {index} ({index}) VALUES ('integrity-check')",
                f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)",
            ):
                try:
                    conn.execute(sql)
                except sqlite3.DatabaseError as exc:
                    problems.append(f"{index}: {exc}")
        conn.rollback()
        for feed in ("a", "b"):
            titles = [r[0] for r in conn.execute(f"SELECT title FROM episodes WHERE {OF_FEED}", [feed])]
            versions = {int(re.search(r" v(\d+)$", t).group(1)) for t in titles}
            if len(titles) != EPISODES or len(versions) != 1:
                problems.append(f"feed {feed} stored in part: {len(titles)} episodes, versions {versions}")
                continue
            (version,) = versions
            allowed = {reported.version[feed], reported.begun.get(feed, -1)}
            if version not in allowed:
                problems.append(f"feed {feed} at version {version}, expected one of {allowed}")
            chapters = conn.execute(
                "SELECT count(*), count(DISTINCT c.episode_id) FROM chapters c JOIN episodes e ON e.id ="
                f" c.episode_id WHERE e.{OF_FEED} AND c.title LIKE ?",
                [feed, f"% v{version}"],
            ).fetchone()
            if chapters != (2 * EPISODES, EPISODES):
                problems.append(f"feed {feed} v{version}: chapters {chapters}, not 2 per episode")
        notes = dict(conn.execute("SELECT id, note || '|' || chapter_title FROM bookmarks"))
        for bookmark_id, step in reported.bookmarks.items():
            if notes.get(bookmark_id) != f"n{step} " * 40 + f"|c{step}":
                problems.append(f"bookmark {bookmark_id} of step {step} lost or cut")
        for bookmark_id, text in notes.items():
            note, chapter = text.split("|")
            if note != f"n{chapter[1:]} " * 40:
                problems.append(f"bookmark {bookmark_id} half written: {chapter}")
        positions = dict(conn.execute("SELECT id, position_ms FROM episodes"))
        for episode_id, step in reported.positions.items():
            if positions.get(episode_id, -1) < step:  # a later step may have moved it on
                problems.append(f"position of episode {episode_id} lost")
        order = [r[0] for r in conn.execute("SELECT position FROM queue ORDER BY position")]
        if order != list(range(len(order))):
            problems.append(f"queue order broken: {order}")
    finally:
        conn.close()
    stray = sorted(p.name for p in path.parent.iterdir() if p.name != path.name)
    if stray:
        problems.append(f"stray files beside the library: {stray}")
    return problems


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "lib" / "library.db"
    feed_dir = tmp_path / "feeds"
    feed_dir.mkdir()
    lib = Library(path)
    for name in ("a", "b"):
        write_feed(feed_dir / f"{name}.xml", name, 0)
        services.subscribe(lib, str(feed_dir / f"{name}.xml"))
    lib.close()
    return path, feed_dir


def test_sigkill_at_random_moments_during_writes(tmp_path: Path):
    path, feed_dir = _setup(tmp_path)
    reported = Reported(version={"a": 0, "b": 0})
    rng = random.Random(20_240_613)
    start = time.monotonic()
    kills = survived = inside_a_write = 0
    failures: list[str] = []
    while kills < KILLS and time.monotonic() - start < BUDGET_S:
        worker = subprocess.Popen(
            [sys.executable, str(WORKER), str(path), str(feed_dir), str(kills * 10_000)],
            stdout=subprocess.PIPE,
            text=True,
            env=program_env(),
        )
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
        try:
            worker.wait(timeout=rng.uniform(0.05, 0.6))  # it never ends by itself
        except subprocess.TimeoutExpired:
            pass
        assert worker.poll() is None, "the worker stopped by itself"
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        kills += 1
        reported.begun.clear()
        inside_a_write += reported.read(worker.stdout.read().splitlines())
        worker.stdout.close()
        problems = check_library(path, reported)
        survived += not problems
        failures += [f"kill {kills}: {p}" for p in problems]
        reported.version.update({f: v for f, v in reported.begun.items() if _stored(path, f) == v})
    elapsed = time.monotonic() - start
    print(f"\nkills survived {survived}/{kills} ({inside_a_write} inside a write) in {elapsed:.1f} s")
    assert not failures, "\n".join(failures)
    assert kills >= 10 and inside_a_write >= kills // 3


def _stored(path: Path, feed: str) -> int:
    conn = sqlite3.connect(path)
    try:
        title = conn.execute(f"SELECT title FROM episodes WHERE {OF_FEED} LIMIT 1", [feed]).fetchone()[0]
    finally:
        conn.close()
    return int(title.rsplit(" v", 1)[1])


def test_sigkill_while_a_new_library_is_made(tmp_path: Path):
    """A kill while the library is being made leaves none or a whole one, and nothing else for long."""
    rng = random.Random(99)
    outcomes = []
    for n in range(CREATION_KILLS):
        path = tmp_path / f"new{n}" / "library.db"
        proc = subprocess.Popen(companion_argv(path, "list"), stdout=subprocess.DEVNULL, env=program_env())
        # watch for the library being made, then kill it a moment later (0-40 ms)
        while proc.poll() is None and not (path.parent.exists() and any(path.parent.iterdir())):
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 0.04))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left = sorted(p.name for p in path.parent.iterdir()) if path.parent.exists() else []
        whole = [name for name in left if not name.startswith(".library.db.new-")]
        outcomes.append("whole" if "library.db" in whole else "half" if left else "none")
        # a whole library may have SQLite's own -wal/-shm beside it (killed while reading it): the
        # next open takes them back; anything else is a half-made library's leftover
        assert set(whole) <= {"library.db", "library.db-wal", "library.db-shm"}, left
        assert "library.db" in whole or not whole, left
        lib = Library(path)  # a whole library, or a new one: and what the killed process left is gone
        lib.close()
        assert sorted(p.name for p in path.parent.iterdir()) == ["library.db"]
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
    print(f"\nkilled while making a library: {outcomes}")
