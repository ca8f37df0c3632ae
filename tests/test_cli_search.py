"""The ``companion search`` command: JSON hits, grouped text output with times, hostile queries."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from companion.cli.main import main
from companion.cli.search import format_hms
from companion.library import Library

NOTES = "本期聊开源模型。\n00:00 开场 Opening\n1:02:03 医疗影像 Medical imaging\n1:10:00 结尾\n"


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    library = Library(path)
    podcast = library.add_podcast("开源漫谈")
    episode = library.add_episode(podcast.id, "第1期 Models", notes=NOTES, duration_ms=5_000_000)
    with library.db.atomic():
        library.db.conn.execute(
            "INSERT INTO bookmarks (episode_id, position_ms, note, created_at) VALUES (?, ?, ?, ?)",
            [episode.id, 61_000, "医疗 part to replay", int(time.time())],
        )
    library.close()
    return path


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_json_lists_hits_by_kind(capsys, lib_path):
    code, out = run(capsys, "search", "医疗", "--json", "--library", str(lib_path))
    assert code == 0
    hits = json.loads(out)
    assert [(h["kind"], h["start_ms"]) for h in hits] == [
        ("chapter", 3_723_000),
        ("episode", None),
        ("bookmark", 61_000),
    ]
    chapter = hits[0]
    assert chapter["title"] == "医疗影像 Medical imaging"
    assert chapter["snippet"] == "«医疗»影像 Medical imaging"
    assert chapter["episode_title"] == "第1期 Models" and chapter["podcast_title"] == "开源漫谈"
    assert {"kind", "episode_id", "title", "start_ms", "snippet"} <= set(hits[2])
    assert hits[2]["title"] == "医疗 part to replay"


def test_text_output_is_grouped_with_times(capsys, lib_path):
    code, out = run(capsys, "search", "medical imaging", "--library", str(lib_path))
    assert code == 0
    assert out.splitlines()[0] == "Chapters (1)"
    assert "1:02:03  医疗影像 Medical imaging — [1] 第1期 Models" in out
    assert "Episodes (1)" in out and "[1] 第1期 Models — 开源漫谈" in out
    assert "«Medical imaging»" in out


def test_limit(capsys, lib_path):
    code, out = run(capsys, "search", "o", "--json", "--limit", "1", "--library", str(lib_path))
    hits = json.loads(out)
    assert code == 0 and len([h for h in hits if h["kind"] == "chapter"]) == 1


@pytest.mark.parametrize("query", ['"', "NEAR(", "AND OR NOT", ")", "-", "*", "   ", "", "x" * 10_000])
def test_junk_queries_find_nothing_without_error(capsys, lib_path, query):
    code, out = run(capsys, "search", query, "--json", "--library", str(lib_path))
    assert code == 0 and json.loads(out) == []
    code, out = run(capsys, "search", query, "--library", str(lib_path))
    assert code == 0 and out.startswith("Nothing found")


def test_format_hms():
    assert format_hms(0) == "0:00:00"
    assert format_hms(3_723_999) == "1:02:03"
    assert format_hms(36_000_000) == "10:00:00"
