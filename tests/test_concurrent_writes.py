"""Two processes on one library: writes wait their turn and land; Up Next changes are never lost."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from procs import companion_argv, hold_write_lock, program_env, run_companion
from PySide6.QtCore import QModelIndex, Qt, QTimer

from companion.library import Library

# ----- Up Next from two processes ---------------------------------------------------------

QUEUE_LOOP = """
import sys
from companion.library import Library
lib = Library(sys.argv[1])
for n, episode_id in enumerate(int(i) for i in sys.argv[2].split(",")):
    lib.queue_add(episode_id, top=n % 3 == 0)
    if n % 4 == 0:
        lib.queue_move(episode_id, n % 7)
lib.close()
print("done", flush=True)
"""


def _library_with_episodes(path: Path, count: int) -> list[int]:
    lib = Library(path)
    podcast = lib.add_podcast("Queue Cast")
    ids = [lib.add_episode(podcast.id, f"Ep {n}", duration_ms=60_000).id for n in range(count)]
    lib.close()
    return ids


def test_queue_changes_of_two_processes_are_all_kept(library_path: Path):
    """This process and another one change Up Next at the same time: every add is kept."""
    ids = _library_with_episodes(library_path, 240)
    theirs, ours = ids[0::2][:100], ids[1::2][:100]
    lib = Library(library_path)
    rng = random.Random(7)
    other = subprocess.Popen(
        [sys.executable, "-c", QUEUE_LOOP, str(library_path), ",".join(map(str, theirs))],
        stdout=subprocess.PIPE,
        text=True,
        env=program_env(),
    )
    done = 0
    while other.poll() is None or done < len(ours):
        if done < len(ours):
            lib.queue_add(ours[done], top=rng.random() < 0.3)
            done += 1
        queued = lib.queue_ids()
        if queued:
            lib.queue_move(rng.choice(queued), rng.randrange(len(queued)))
    assert other.wait(60) == 0 and other.stdout.read().strip() == "done"
    # and the real command, interleaved with this process's moves
    cli_ids = ids[200:206]
    for episode_id in cli_ids:
        cli = subprocess.Popen(
            companion_argv(library_path, "queue", "add", str(episode_id)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=program_env(),
        )
        while cli.poll() is None:
            queued = lib.queue_ids()
            lib.queue_move(rng.choice(queued), rng.randrange(len(queued)))
            lib.queue_add(ids[230], top=rng.random() < 0.5)
        out, err = cli.communicate()
        assert cli.returncode == 0 and err == "", err
    queued = lib.queue_ids()
    lib.close()
    tried = set(theirs) | set(ours) | set(cli_ids) | {ids[230]}
    kept = tried & set(queued)
    print(f"concurrent queue adds kept {len(kept)}/{len(tried)}")
    assert kept == tried
    assert len(queued) == len(set(queued)) == len(tried)


def test_a_queue_add_from_the_command_survives_a_drag_in_the_window(make_window, library, qtbot):
    podcast = library.add_podcast("Queue Cast")
    first, second, third = (library.add_episode(podcast.id, f"Ep {n}").id for n in range(3))
    app = make_window()
    app.window.add_to_queue(first)
    app.window.add_to_queue(second)
    model = app.window.queue_model
    assert model.episode_ids() == [first, second]

    result = run_companion(library.path, "queue", "add", str(third))  # the window still shows two
    assert result.returncode == 0, result.stderr

    # the listener drags the second row to the top of the list the window shows
    assert model.dropMimeData(model.mimeData([model.index(1)]), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert library.queue_ids() == [second, first, third]
    assert model.episode_ids() == [second, first, third]


# ----- writes wait for another process's write --------------------------------------------


def _bookmarks(path: Path) -> list[tuple[int, int, str]]:
    lib = Library(path)
    try:
        return [(b.episode_id, b.position_ms, b.note) for b in lib.bookmarks()]
    finally:
        lib.close()


def test_commands_wait_for_a_write_in_progress_and_land(library_path: Path, tone_wav: Path):
    (episode_id,) = _library_with_episodes(library_path, 1)
    holder = hold_write_lock(library_path, 1.5)
    start = time.monotonic()
    bookmark = run_companion(library_path, "bookmark", str(episode_id), "--at", "0:10", "--note", "waited")
    waited = time.monotonic() - start
    assert bookmark.returncode == 0, bookmark.stderr
    assert "Bookmark" in bookmark.stdout and bookmark.stderr == ""
    assert waited > 1.0  # it waited for the other write instead of failing at once
    assert holder.wait(10) == 0

    holder = hold_write_lock(library_path, 1.5)
    added = run_companion(library_path, "add", str(tone_wav), "--title", "Added while locked")
    assert added.returncode == 0, added.stderr
    assert "Added episode" in added.stdout
    assert holder.wait(10) == 0
    lib = Library(library_path)
    try:
        assert [e.title for e in lib.episodes()].count("Added while locked") == 1
    finally:
        lib.close()
    assert _bookmarks(library_path) == [(episode_id, 10_000, "waited")]


def test_a_write_that_cannot_wait_long_enough_says_so(library_path: Path, tone_wav: Path):
    (episode_id,) = _library_with_episodes(library_path, 1)
    holder = hold_write_lock(library_path, 60)  # held past the four commands, however slow the machine
    try:
        for args in (
            ("bookmark", str(episode_id), "--at", "10", "--note", "too late"),
            ("add", str(tone_wav), "--title", "Too late"),
            ("queue", "add", str(episode_id)),
            ("star", str(episode_id)),
        ):
            start = time.monotonic()
            result = run_companion(library_path, *args, COMPANION_BUSY_TIMEOUT_MS="400")
            assert time.monotonic() - start < 6
            assert result.returncode == 1, (args, result.stdout, result.stderr)
            assert "Traceback" not in result.stderr
            assert f"The library {library_path} is busy" in result.stderr
            assert "Try again" in result.stderr
    finally:
        holder.kill()
        holder.wait()
    lib = Library(library_path)
    try:
        assert [e.title for e in lib.episodes()] == ["Ep 0"]
        assert lib.bookmarks() == [] and lib.queue_ids() == [] and not lib.is_starred(episode_id)
    finally:
        lib.close()


def test_the_window_says_when_a_write_cannot_wait(make_window, library_path: Path, qtbot):
    (episode_id,) = _library_with_episodes(library_path, 1)
    lib = Library(library_path, busy_timeout_ms=300)
    app = make_window(lib)
    holder = hold_write_lock(library_path, 8)
    try:
        app.window.add_to_queue(episode_id)
        assert "is busy" in app.window.statusBar().currentMessage()
        assert lib.queue_ids() == []
    finally:
        holder.kill()
        holder.wait()
    app.window.add_to_queue(episode_id)
    assert lib.queue_ids() == [episode_id]


def test_the_command_writes_while_the_window_stores_a_big_feed(make_window, library, tmp_path: Path, qtbot):
    """The window writes a refresh in steps (one long transaction, the event loop running between
    them); a bookmark and an episode added from the command meanwhile wait for it and land."""
    podcast = library.add_podcast("Mine")
    mine = library.add_episode(podcast.id, "My episode", duration_ms=600_000).id
    feed = tmp_path / "big.xml"
    feed.write_text(_big_feed(1200), encoding="utf-8")
    app = make_window()
    stored = []
    app.jobs.batch_finished.connect(lambda *args: stored.append(args))
    busy = QTimer()  # the window has other work between two store steps (a slow machine, painting)
    busy.setInterval(0)
    busy.timeout.connect(lambda: time.sleep(0.1) if app.jobs._store is not None else None)
    busy.start()
    app.jobs.subscribe(str(feed))
    qtbot.waitUntil(lambda: app.jobs._store is not None, timeout=20_000)  # storing has begun
    commands = [
        subprocess.Popen(
            companion_argv(library.path, *args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=program_env(),
        )
        for args in (
            ("bookmark", str(mine), "--at", "1:00", "--note", "during the refresh"),
            ("add", "https://example.org/a.mp3", "--title", "Added during the refresh"),
        )
    ]
    seen: list[tuple[bool, bool]] = []  # (still storing, every command ended) at each look

    def look() -> bool:
        seen.append((app.jobs._store is not None, all(c.poll() is not None for c in commands)))
        return seen[-1] == (False, True)

    qtbot.waitUntil(look, timeout=60_000)
    busy.stop()
    for command in commands:
        out, err = command.communicate()
        assert (command.returncode, err) == (0, ""), err
    # they waited for the window's transaction: none ended while it was still open
    assert not any(storing and ended for storing, ended in seen)
    qtbot.waitUntil(lambda: bool(stored), timeout=60_000)
    assert stored[0][1] == []  # no failures
    titles = [e.title for e in library.episodes()]
    assert "Added during the refresh" in titles and len(titles) == 1200 + 2
    assert [(b.episode_id, b.note) for b in library.bookmarks()] == [(mine, "during the refresh")]


def _big_feed(items: int) -> str:
    entries = "".join(
        f"<item><title>Stored {n} 第{n}期</title><guid>store-{n}</guid>"
        f"<enclosure url='https://example.org/s{n}.mp3' length='1000' type='audio/mpeg'/>"
        f"<description>{'长篇笔记 long notes ' * 60} 00:00 开场 10:00 第二段 Part {n}</description></item>"
        for n in range(items)
    )
    head = "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Big</title>"
    return f"{head}{entries}</channel></rss>"
