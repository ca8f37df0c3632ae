"""Parse + store of a generated 2,000-item feed (2 KB notes with timelines); gpo side by side if installed."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from companion.feeds import FeedUpdate, parse_feed
from companion.library import Library
from companion.library.sync import store_feed_update

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


def time_ours(data: bytes, url: str) -> tuple[float, float, int]:
    """(parse seconds, store seconds, episodes) into a fresh library file."""
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "bench.db")
        try:
            start = time.perf_counter()
            feed = parse_feed(data, url)
            parsed = time.perf_counter()
            report = store_feed_update(library, FeedUpdate(url, False, feed))
            stored = time.perf_counter()
        finally:
            library.close()
    return parsed - start, stored - parsed, report.added


def time_gpo(data: bytes) -> float | None:
    """Seconds of ``gpo subscribe`` of the same feed served on 127.0.0.1, or None without gpo."""
    gpo = shutil.which("gpo")
    if not gpo:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "feed.xml").write_bytes(data)
        handler = partial(SimpleHTTPRequestHandler, directory=tmp)
        handler.log_message = lambda *a: None
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        env = {**os.environ, "GPODDER_HOME": str(Path(tmp) / "gpodder"), "GPODDER_DOWNLOAD_DIR": tmp}
        try:
            start = time.perf_counter()
            subprocess.run(
                [gpo, "subscribe", f"http://127.0.0.1:{server.server_address[1]}/feed.xml"],
                env=env,
                check=True,
                capture_output=True,
                timeout=600,
            )
            return time.perf_counter() - start
        finally:
            server.shutdown()
            server.server_close()


def test_bench_feed_import(record) -> None:
    data = make_feed()
    url = "https://example.org/bench.xml"
    best = None
    for _ in range(3):
        parse_s, store_s, added = time_ours(data, url)
        assert added == ITEMS
        if best is None or parse_s + store_s < sum(best):
            best = (parse_s, store_s)
    parse_s, store_s = best
    total = parse_s + store_s
    print(
        f"\n{ITEMS} items, {len(data) / 1e6:.1f} MB feed: parse {parse_s:.2f} s + store {store_s:.2f} s"
        f" = {total:.2f} s (best of 3)"
    )
    gpo_s = time_gpo(data)
    if gpo_s is None:
        print("gpo not installed (Debian package gpodder): no side-by-side figure")
    else:
        print(
            f"gpo subscribe of the same feed: {gpo_s:.2f} s; ours is {gpo_s / total:.1f}x faster (target 5x)"
        )
    record("feed_import_2000_s", total)
    record("gpo_import_2000_s", gpo_s)


if __name__ == "__main__":
    test_bench_feed_import(lambda key, value: None)
