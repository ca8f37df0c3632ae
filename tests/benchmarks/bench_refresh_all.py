"""The daily job: Refresh all over 200 subscriptions, 190 unchanged (304 to their ETag), 10 with one new
episode; ``companion refresh`` against ``gpo update`` on the same 200 feeds, both as their own processes."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

FEEDS = 200
CHANGED = 10
ITEMS = 20  # episodes per feed
ROOT = Path(__file__).resolve().parents[2]


def feed_xml(number: int, items: int) -> bytes:
    """Feed ``number`` with ``items`` episodes (newest first), 1 KB of notes each."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"'
        ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>'
        f"<title>Daily show {number}</title><link>https://shows.example.org/{number}/</link>"
        "<description>Generated for the refresh benchmark</description>"
    ]
    for i in reversed(range(items)):
        day = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(1_600_000_000 + i * 86400))
        notes = escape(f"Episode {i} of show {number}: what we talked about. " * 18)
        out.append(
            f"<item><title>Show {number}, episode {i}</title><guid isPermaLink='false'>s{number}-e{i}</guid>"
            f"<pubDate>{day}</pubDate><enclosure url='https://cdn.example.org/{number}/{i}.mp3'"
            f" length='1000' type='audio/mpeg'/><itunes:duration>1800</itunes:duration>"
            f"<description>{notes} 00:00 Hello 10:00 Topic 25:00 Goodbye</description></item>"
        )
    out.append("</channel></rss>")
    return "".join(out).encode()


class _Feeds:
    """The 200 feeds, each with a version (its ETag); ``bump`` adds an episode to some."""

    def __init__(self) -> None:
        self.versions = [ITEMS] * FEEDS
        self.bodies = [feed_xml(n, ITEMS) for n in range(FEEDS)]
        self.requests = 0
        self.not_modified = 0
        self.lock = threading.Lock()

    def bump(self, numbers: range) -> None:
        for n in numbers:
            self.versions[n] += 1
            self.bodies[n] = feed_xml(n, self.versions[n])


def _serve(feeds: _Feeds) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            try:
                number = int(self.path.strip("/").split("/")[1].split(".")[0])
                body = feeds.bodies[number]
            except (IndexError, ValueError):
                self.send_error(404)
                return
            etag = f'"v{feeds.versions[number]}"'
            with feeds.lock:
                feeds.requests += 1
            if self.headers.get("If-None-Match") == etag:
                with feeds.lock:
                    feeds.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of it and its children, stdout) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    ran = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1200)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert ran.returncode == 0, ran.stderr[-2000:]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, ran.stdout


def _opml(urls: list[str]) -> str:
    outlines = "".join(f'<outline type="rss" text="show {i}" xmlUrl="{u}"/>' for i, u in enumerate(urls))
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'


def run_refresh_bench() -> dict[str, float | None]:
    """Subscribe both to the 200 feeds, add an episode to 10, then time one Refresh all of each."""
    feeds = _Feeds()
    server = _serve(feeds)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [f"{base}/feed/{n}.xml" for n in range(FEEDS)]
    gpo = shutil.which("gpo")
    figures: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        opml = Path(tmp) / "subscriptions.opml"
        opml.write_text(_opml(urls), encoding="utf-8")
        ours_env = {**os.environ, "COMPANION_LIBRARY": str(Path(tmp) / "library.db"), "PYTHONPATH": str(ROOT)}
        companion = [sys.executable, "-m", "companion"]
        _timed([*companion, "import-opml", str(opml)], ours_env)
        gpo_env = {**os.environ, "GPODDER_HOME": str(Path(tmp) / "gpo"), "GPODDER_DOWNLOAD_DIR": tmp}
        if gpo:
            _timed([gpo, "import", str(opml)], gpo_env)
            _timed([gpo, "update"], gpo_env)  # gpo keeps ETags from its first update, not the import
        feeds.bump(range(0, FEEDS, FEEDS // CHANGED))  # both last saw the feeds before this
        requests = feeds.requests
        wall, cpu, out = _timed([*companion, "refresh"], ours_env)
        assert f"{FEEDS} of {FEEDS} feeds done" in out, out[-500:]
        ours_304 = feeds.not_modified
        assert feeds.requests - requests == FEEDS and ours_304 >= FEEDS - CHANGED, (feeds.requests, ours_304)
        figures.update(refresh_200_s=wall, refresh_200_cpu_s=cpu)
        print(
            f"\ncompanion refresh of {FEEDS} feeds ({FEEDS - CHANGED} answer 304, {CHANGED} have one new"
            f" episode): {wall:.2f} s (CPU {cpu:.2f} s)"
        )
        if gpo:
            before_304 = feeds.not_modified
            gpo_wall, gpo_cpu, _ = _timed([gpo, "update"], gpo_env)
            gpo_304 = feeds.not_modified - before_304
            figures.update(gpo_update_200_s=gpo_wall, gpo_update_200_cpu_s=gpo_cpu)
            print(
                f"gpo update of the same {FEEDS} feeds ({gpo_304} answered 304): {gpo_wall:.2f} s (CPU"
                f" {gpo_cpu:.2f} s); ours is {gpo_wall / wall:.2f}x as fast (target 2x), CPU"
                f" {gpo_cpu / cpu:.2f}x"
            )
        else:
            print("gpo not installed (Debian package gpodder): no side-by-side figure")
    server.shutdown()
    server.server_close()
    return figures


def test_bench_refresh_all(record) -> None:
    for key, value in run_refresh_bench().items():
        record(key, value)


if __name__ == "__main__":
    run_refresh_bench()
