"""Notes processed in real worker processes give exactly what processing here gives; failures fall back;
killing the app leaves none of its processes behind."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.feeds import parse_feed
from companion.feeds.items import process_notes
from companion.feeds.notes_workers import NotesWorkers


def notes(i: int) -> str:
    lines = [f"<p>第{i}期 节目简介 with some English</p>", "<ul>"]
    lines += [f"<li>{m:02d}:{(i * 7 + m) % 60:02d} 话题 {m} topic</li>" for m in range(0, 50, 7)]
    return "\n".join([*lines, "</ul>", "<p>相关链接 https://example.org/x</p>"])


def big_feed(items: int) -> bytes:
    body = "".join(
        f"<item><title>E{i}</title><guid isPermaLink='false'>g{i}</guid>"
        f"<description><![CDATA[{notes(i)}]]></description></item>"
        for i in range(items)
    )
    return f"<rss version='2.0'><channel><title>Big</title>{body}</channel></rss>".encode()


def test_the_workers_give_the_same_result_as_processing_here():
    work = [(notes(i), None if i % 3 else 3_000_000) for i in range(300)] + [("", None)]
    with NotesWorkers(max_workers=2, min_items=10) as workers:
        assert workers.process(work) == process_notes(work)
        assert workers._pool is not None  # it really went to the processes


def test_a_feed_parsed_with_workers_equals_one_parsed_here():
    data = big_feed(260)
    with NotesWorkers(max_workers=2) as workers:
        assert parse_feed(data, "https://example.org/big.xml", notes_processor=workers.batch) == parse_feed(
            data, "https://example.org/big.xml"
        )


def test_small_feeds_never_start_the_processes():
    with NotesWorkers(max_workers=2) as workers:
        parse_feed(big_feed(20), "https://example.org/small.xml", notes_processor=workers.batch)
        assert workers._pool is None


def test_a_dead_worker_falls_back_to_processing_here(caplog):
    work = [(notes(i), None) for i in range(40)]
    with NotesWorkers(max_workers=2, min_items=10) as workers:
        workers.start()
        assert workers.process(work) == process_notes(work)
        for pid in list(workers._pool._processes):
            os.kill(pid, signal.SIGKILL)
        with caplog.at_level(logging.WARNING, logger="companion.feeds.notes_workers"):
            assert workers.process(work) == process_notes(work)
        assert not workers.usable and "worker processes failed" in caplog.text
        assert workers.process(work) == process_notes(work)  # and goes on here


@pytest.mark.parametrize("count", [1, None])
def test_one_worker_or_a_closed_pool_processes_here(count):
    workers = NotesWorkers(max_workers=count or 2, min_items=1)
    if count is None:
        workers.close()
    work = [(notes(1), None)] * 5
    assert workers.process(work) == process_notes(work)
    assert workers._pool is None


def test_stop_waits_for_the_feeds_being_parsed_and_the_pool_starts_again():
    work = [(notes(i), None) for i in range(150)]
    with NotesWorkers(max_workers=2, min_items=10) as workers:
        batch = workers.batch()
        for item in work:
            batch.add(item)  # the first chunk of 100 is already with the workers
        workers.stop()  # a refresh ended while another feed is still being parsed
        assert workers._pool is not None
        assert batch.results() == process_notes(work)
        assert workers._pool is None  # stopped once idle
        assert workers.usable and workers.process(work) == process_notes(work)  # and starts again
        assert workers._pool is not None


def test_a_feed_that_breaks_halfway_leaves_the_workers_free_to_stop():
    from companion.feeds import FeedError

    whole = big_feed(400)
    # refused after ~395 items (nested too deep): the first chunks are already sent
    last = whole.rindex(b"<item>")
    broken = whole[:last] + b"<x>" * 300 + whole[last:]
    with NotesWorkers(max_workers=2) as workers:
        with pytest.raises(FeedError, match="levels deep"):
            parse_feed(broken, "https://example.org/deep.xml", notes_processor=workers.batch)
        assert workers._pool is not None and workers._active == 0
        # cut off after ~395 items: the whole ones are kept, read again after mending (a second batch)
        cut = parse_feed(whole[:-2000], "https://example.org/cut.xml", notes_processor=workers.batch)
        assert 390 < len(cut.episodes) < 400 and not cut.complete
        assert workers._active == 0
        workers.stop()
        assert workers._pool is None


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        children = _children_of(todo.pop())
        found += children
        todo += children
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended (whoever reaps it)


def test_killing_the_app_mid_batch_leaves_no_process_behind():
    probe = Path(__file__).with_name("notes_workers_probe.py")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    left_behind = []
    for _ in range(3):  # three kills, each in the middle of a big batch
        app = subprocess.Popen([sys.executable, str(probe)], stdout=subprocess.PIPE, text=True, env=env)
        try:
            assert app.stdout.readline().strip() == "busy"
            helpers = _descendants(app.pid)
            names = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in helpers]
            assert sum(b"forkserver" in n for n in names) >= 3  # the fork server and two workers
            assert any(b"resource_tracker" in n for n in names)
        finally:
            app.kill()
            app.wait()
        deadline = time.monotonic() + 5
        while any(_running(pid) for pid in helpers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left_behind += [pid for pid in helpers if _running(pid)]
        for pid in helpers:  # never leave them to the next test, whatever happened
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    assert left_behind == []
