"""Each bomb, run in its own process under a 1 GB address-space cap: refused with a clear message,
its peak memory (VmHWM) measured and printed (pytest -s shows the figures)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from feed_text import rss
from test_hostile_fetches import PODCAST, gzip_bomb

CAP_MB = 1024
PROBE = Path(__file__).with_name("bomb_probe.py")
ROOT = Path(__file__).resolve().parents[2]


def probe(kind: str, arg: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, str(PROBE), kind, arg, str(CAP_MB)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\n{kind}: peak {result['peak_mb']} MB (at start {result['start_mb']} MB): {result['outcome']}")
    return result


def test_a_gzip_feed_bomb(feed_server):
    url = feed_server.add("/feed", gzip_bomb(1024), content_encoding="gzip")  # 1 GB from about 1 MB
    result = probe("gzip-feed", url)
    assert "larger than 64 MB once uncompressed" in result["outcome"]
    assert result["peak_mb"] < 200  # 2.1 GB before it was inflated while read


def test_four_gzip_chapter_bombs_at_once(feed_server):
    for n in range(4):
        feed_server.add(f"/c{n}.json", gzip_bomb(1024, b'{"chapters": ['), content_encoding="gzip")
    document = rss("Bombs", [f"g{n}" for n in range(4)]).replace("<rss ", f"<rss xmlns:podcast='{PODCAST}' ")
    for n in range(4):
        tag = f"<podcast:chapters url='@BASE@/c{n}.json' type='application/json+chapters'/>"
        document = document.replace(f"<guid isPermaLink='false'>g{n}</guid>", f"<guid>g{n}</guid>{tag}")
    result = probe("gzip-chapters", feed_server.add("/feed", document))
    assert result["outcome"] == "ok: 4 episodes, 4 refused"  # the chapters are refused, the feed is not
    assert result["peak_mb"] < 100


def test_a_huge_local_feed_file(tmp_path):
    path = tmp_path / "huge.xml"
    path.write_bytes(rss("Huge", ["a"]).encode())
    with open(path, "r+b") as file:
        file.truncate(300 * 2**20)  # 300 MB (sparse)
    result = probe("local-file", str(path))
    assert "is larger than 64 MB" in result["outcome"]
    assert result["peak_mb"] < 100


def test_deep_element_nesting(tmp_path):
    path = tmp_path / "deep.xml"
    deep = "<x>" * 233_000  # 700 KB of nesting
    path.write_text(rss("Deep", ["a"]).replace("<description>", deep + "<description>"))
    result = probe("nesting", str(path))
    assert "nests its elements more than 256 levels deep" in result["outcome"]
    assert result["peak_mb"] < 100


def test_deep_json_nesting(tmp_path):
    path = tmp_path / "c.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    result = probe("json-nesting", str(path))
    assert "nests its JSON too deeply" in result["outcome"]
    assert result["peak_mb"] < 100


@pytest.mark.parametrize("cap_mb", [64])
def test_an_endless_enclosure(feed_server, tmp_path, cap_mb):
    url = feed_server.add(
        "/live.mp3", b"\xff\xfb" + bytes(range(256)) * 256, content_type="audio/mpeg", endless=True
    )
    result = probe("endless-download", f"{url} {tmp_path / 'live.mp3'}")
    assert f"larger than {cap_mb} MB" in result["outcome"]
    assert list(tmp_path.iterdir()) == []  # nothing kept on disk
    assert result["peak_mb"] < 100
