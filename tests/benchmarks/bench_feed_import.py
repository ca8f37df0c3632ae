"""Parse + store of a generated 2,000-item feed (2 KB notes with timelines); gpo side by side if installed."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from companion.feeds import FeedUpdate, NotesWorkers, parse_feed
from companion.library import Library
from companion.library.store_feed import store_feed_update

ITEMS = 2000
_ZH = "我们聊了模型训练数据产品创业开源推理团队市场用户技术成本未来城市咖啡音乐"
_EN = ("model", "data", "open", "source", "team", "market", "users", "agent", "why", "how")


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_EN) if rng.random() < 0.6 else rng.choice(_ZH) * 2 for _ in range(n))


def _notes(rng: random.Random) -> str:
    lines = [f"<p>{_words(rng, 40)}</p>", "<p>Timeline:</p><ul>"]
    ms = 0
    for _ in range(12):
        ms += rng.randint(60, 600) * 1000
        s = ms // 1000
        lines.append(f"<li>{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d} {_words(rng, 5)}</li>")
    lines.append("</ul>")
    text = "\n".join(lines)
    while len(text.encode("utf-8")) < 2048:
        text += f"<p>{_words(rng, 20)}</p>"
    return text


def make_feed(items: int = ITEMS, seed: int = 7) -> bytes:
    """An RSS 2.0 + iTunes feed of ``items`` episodes."""
    rng = random.Random(seed)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        "<channel><title>Benchmark Show</title><link>https://example.org/</link>"
        "<description>Generated</description>",
    ]
    for i in range(items):
        day = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(1_600_000_000 + i * 86400))
        out.append(
            f"<item><title>Episode {i}: {escape(_words(rng, 6))}</title>"
            f'<guid isPermaLink="false">bench-{i}</guid>'
            f'<pubDate>{day}</pubDate><enclosure url="https://example.org/audio/{i}.mp3" length="1000"'
            f' type="audio/mpeg"/><itunes:duration>{rng.randint(1800, 7200)}</itunes:duration>'
            f"<description>{escape(_words(rng, 10))}</description>"
            f"<content:encoded><![CDATA[{_notes(rng)}]]></content:encoded></item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out).encode("utf-8")


def time_ours(data: bytes, url: str, workers: bool = False) -> tuple[float, float, int]:
    """(parse seconds, store seconds, episodes) into a fresh library file; with ``workers`` the notes
    go to NotesWorkers processes as the app does, started here (their start-up is in the figure)."""
    with tempfile.TemporaryDirectory() as tmp, NotesWorkers() as pool:
        library = Library(Path(tmp) / "bench.db")
        try:
            start = time.perf_counter()
            feed = parse_feed(data, url, notes_processor=pool.batch if workers else None)
            parsed = time.perf_counter()
            report = store_feed_update(library, FeedUpdate(url, False, feed))
            stored = time.perf_counter()
        finally:
            library.close()
    return parsed - start, stored - parsed, report.added


class _FeedHandler(SimpleHTTPRequestHandler):
    """Serves feed.xml as the bench asks: with a charset in its Content-Type or without one."""

    charset = True

    def guess_type(self, path):  # noqa: ANN001, ANN201 (http.server API)
        return "application/rss+xml; charset=utf-8" if self.charset else "application/xml"

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


def _serve(directory: str, charset: bool) -> ThreadingHTTPServer:
    handler = partial(type("Handler", (_FeedHandler,), {"charset": charset}), directory=directory)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def time_command(data: bytes, command: list[str], charset: bool, env: dict[str, str]) -> float:
    """Seconds of ``command + [feed URL]`` run against ``data`` served on 127.0.0.1."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "feed.xml").write_bytes(data)
        server = _serve(tmp, charset)
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
            start = time.perf_counter()
            subprocess.run([*command, url], env=env, check=True, capture_output=True, timeout=600)
            return time.perf_counter() - start
        finally:
            server.shutdown()
            server.server_close()


def time_gpo(data: bytes, whole_feed: bool, charset: bool) -> float | None:
    """Seconds of ``gpo subscribe`` of the feed, or None without gpo (Debian package gpodder).

    gpo as installed keeps 200 episodes of a feed (its ``limit.episodes``); ``whole_feed`` raises that
    to every item so that it stores what we store. Without a charset in the Content-Type, gpodder's
    HTTP library guesses the encoding of the whole 5 MB with chardet (most of its time).
    """
    gpo = shutil.which("gpo")
    if not gpo:
        return None
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "GPODDER_HOME": home, "GPODDER_DOWNLOAD_DIR": home}
        if whole_feed:
            setting = [gpo, "set", "limit.episodes", str(ITEMS)]
            subprocess.run(setting, env=env, check=True, capture_output=True)
        return time_command(data, [gpo, "subscribe"], charset, env)


def time_companion_subscribe(data: bytes) -> float:
    """Seconds of ``companion subscribe URL`` (process start, fetch, parse, store) into a new library."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COMPANION_LIBRARY": str(Path(tmp) / "library.db")}
        return time_command(data, [sys.executable, "-m", "companion", "subscribe"], True, env)


def _best(data: bytes, url: str, workers: bool) -> tuple[float, float]:
    best: tuple[float, float] | None = None
    for _ in range(3):
        parse_s, store_s, added = time_ours(data, url, workers)
        assert added == ITEMS
        if best is None or parse_s + store_s < sum(best):
            best = (parse_s, store_s)
    assert best is not None
    return best


def test_bench_feed_import(record) -> None:
    data = make_feed()
    url = "https://example.org/bench.xml"
    one = _best(data, url, workers=False)
    parse_s, store_s = _best(data, url, workers=True)
    total = parse_s + store_s
    print(
        f"\n{ITEMS} items, {len(data) / 1e6:.1f} MB feed: parse {parse_s:.2f} s + store {store_s:.2f} s"
        f" = {total:.2f} s (best of 3; notes on {NotesWorkers().max_workers} worker processes, their"
        f" start included); all in one process: {one[0]:.2f} + {one[1]:.2f} = {sum(one):.2f} s"
    )
    record("feed_import_one_process_2000_s", sum(one))
    # best of 3 each, taken in turns: on a shared machine one run can be twice another
    cli_runs, fair_runs = [], []
    for _ in range(3):
        cli_runs.append(time_companion_subscribe(data))
        fair = time_gpo(data, whole_feed=True, charset=True)
        if fair is not None:
            fair_runs.append(fair)
    cli_s = min(cli_runs)
    print(
        f"companion subscribe, end to end (process start, HTTP, parse, store): {cli_s:.2f} s (best of"
        f" {', '.join(f'{t:.2f}' for t in cli_runs)})"
    )
    record("feed_import_2000_s", total)
    record("companion_subscribe_2000_s", cli_s)
    gpo_s = time_gpo(data, whole_feed=False, charset=False)
    if gpo_s is None:
        print("gpo not installed (Debian package gpodder): no side-by-side figure")
        return
    fair_s = min(fair_runs)
    print(
        f"gpo subscribe as installed, served without a charset (stores 200 of {ITEMS}, chardet guesses"
        f" the encoding): {gpo_s:.2f} s; ours (parse + store) is {gpo_s / total:.1f}x faster (target 5x)"
    )
    print(
        f"gpo subscribe storing all {ITEMS}, served with charset=utf-8 (like for like, no search index,"
        f" no chapters): {fair_s:.2f} s (best of {', '.join(f'{t:.2f}' for t in fair_runs)}); companion"
        f" subscribe takes {cli_s / fair_s:.2f} times as long (target 1.5)"
    )
    record("gpo_import_2000_s", gpo_s)
    record("gpo_whole_feed_2000_s", fair_s)


if __name__ == "__main__":
    test_bench_feed_import(lambda key, value: None)
