"""The ``companion`` star, unstar, bookmark and bookmarks (list, export, delete) commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.cli.main import main
from companion.library import EpisodeFilter, Library

NOTES = "00:00 开场 Opening\n10:00 医疗影像 Medical imaging\n1:02:00 结尾 Ending\n"


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    library = Library(path)
    podcast = library.add_podcast("开源漫谈")
    library.add_episode(
        podcast.id, "第1期 Models", notes=NOTES, duration_ms=4_000_000, link="https://example.org/1"
    )
    library.close()
    return path


def run(capsys, lib_path: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--library", str(lib_path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_star_and_unstar(capsys, lib_path):
    assert run(capsys, lib_path, "star", "1") == (0, "Starred episode 1: 第1期 Models\n", "")
    library = Library(lib_path)
    assert library.episode_ids(filter=EpisodeFilter.STARRED) == [1]
    library.close()
    assert run(capsys, lib_path, "unstar", "1") == (0, "Unstarred episode 1: 第1期 Models\n", "")
    library = Library(lib_path)
    assert library.episode_ids(filter=EpisodeFilter.STARRED) == []
    library.close()


@pytest.mark.parametrize("command", ["star", "unstar", "bookmark"])
def test_unknown_episode_is_an_error(capsys, lib_path, command):
    code, out, err = run(capsys, lib_path, command, "42")
    assert (code, out) == (1, "")
    assert err == "companion: No episode with id 42 in the library.\n"


def test_bookmark_at_a_time_with_a_note(capsys, lib_path):
    code, out, err = run(capsys, lib_path, "bookmark", "1", "--at", "1:02:03", "--note", "line one\nline two")
    assert (code, out, err) == (0, "Bookmark 1: 第1期 Models at 1:02:03 (结尾 Ending)\n", "")
    code, out, _ = run(capsys, lib_path, "bookmark", "1", "--at", "605.5", "--json")
    created = json.loads(out)
    assert {k: created[k] for k in ("id", "start_ms", "time", "chapter", "note", "link")} == {
        "id": 2,
        "start_ms": 605_500,
        "time": "0:10:05",
        "chapter": "医疗影像 Medical imaging",
        "note": "",
        "link": "https://example.org/1",
    }
    code, out, _ = run(capsys, lib_path, "bookmark", "1", "--at", "30", "--chapter", "My own", "--json")
    assert json.loads(out)["chapter"] == "My own"


def test_bookmark_defaults_to_where_you_stopped(capsys, lib_path):
    library = Library(lib_path)
    library.save_position(1, 61_000)
    library.close()
    code, out, _ = run(capsys, lib_path, "bookmark", "1")
    assert code == 0 and "at 0:01:01 (开场 Opening)" in out


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("soon", "not a time: 'soon' (use seconds or H:MM:SS, e.g. 1:02:03)"),
        ("-5", "not a time: '-5'"),
        ("nan", "not a time: 'nan'"),
        ("2:00:00", "2:00:00 is past the end of episode 1, which lasts 1:06:40."),
    ],
)
def test_bad_time_is_an_error(capsys, lib_path, at, message):
    code, out, err = run(capsys, lib_path, "bookmark", "1", "--at", at)
    assert (code, out) == (1, "")
    assert err.startswith(f"companion: {message}")
    library = Library(lib_path)
    assert library.bookmark_count() == 0
    library.close()


def test_bookmarks_list_text_json_and_filter(capsys, lib_path):
    assert run(capsys, lib_path, "bookmarks") == (0, "No bookmarks.\n", "")
    run(capsys, lib_path, "bookmark", "1", "--at", "1:02:03", "--note", "line one\nline two")
    run(capsys, lib_path, "bookmark", "1", "--at", "10:00", "--note", "imaging")
    code, out, _ = run(capsys, lib_path, "bookmarks")
    assert code == 0
    assert out.splitlines() == [
        "    2  0:10:00  开源漫谈 — [1] 第1期 Models · 医疗影像 Medical imaging",
        "               imaging",
        "    1  1:02:03  开源漫谈 — [1] 第1期 Models · 结尾 Ending",
        "               line one",
        "               line two",
    ]
    code, out, _ = run(capsys, lib_path, "bookmarks", "--json")
    data = json.loads(out)
    assert [(d["id"], d["start_ms"], d["time"]) for d in data] == [
        (2, 600_000, "0:10:00"),
        (1, 3_723_000, "1:02:03"),
    ]
    assert data[1]["podcast"] == "开源漫谈" and data[1]["episode"] == "第1期 Models"
    code, out, _ = run(capsys, lib_path, "bookmarks", "--json", "--filter", "LINE TWO")
    assert [d["id"] for d in json.loads(out)] == [1]
    code, out, _ = run(capsys, lib_path, "bookmarks", "--filter", "nothing like this")
    assert out == "No bookmarks hold “nothing like this”.\n"


def test_bookmarks_export_json_and_markdown(capsys, lib_path, tmp_path):
    run(capsys, lib_path, "bookmark", "1", "--at", "1:02:03", "--note", "line one\nline two")
    code, out, _ = run(capsys, lib_path, "bookmarks", "export", "--format", "json")
    assert code == 0
    (entry,) = json.loads(out)
    assert entry["start_ms"] == 3_723_000 and entry["time"] == "1:02:03"
    assert entry["chapter"] == "结尾 Ending" and entry["link"] == "https://example.org/1"
    assert entry["note"] == "line one\nline two"

    code, out, _ = run(capsys, lib_path, "bookmarks", "export", "--format", "md")
    assert out.startswith("# Bookmarks\n\n## 开源漫谈\n\n### [第1期 Models](<https://example.org/1>)\n")
    assert "- **1:02:03** (3723000 ms) — *结尾 Ending*\n  > line one\\\n  > line two\n" in out

    target = tmp_path / "out.json"
    code, out, _ = run(capsys, lib_path, "bookmarks", "export", str(target))
    assert (code, out) == (0, f"Wrote 1 bookmark to {target}\n")
    assert json.loads(target.read_text(encoding="utf-8"))[0]["time"] == "1:02:03"  # format from the name
    md = tmp_path / "out.md"
    run(capsys, lib_path, "bookmarks", "export", "--format", "md", str(md))
    assert md.read_text(encoding="utf-8").startswith("# Bookmarks")
    code, _, err = run(capsys, lib_path, "bookmarks", "export", str(tmp_path / "missing" / "x.md"))
    assert code == 1 and err.startswith("companion: cannot write")


def test_bookmarks_delete(capsys, lib_path):
    run(capsys, lib_path, "bookmark", "1", "--at", "5")
    assert run(capsys, lib_path, "bookmarks", "delete", "1") == (
        0,
        "Deleted bookmark 1 (第1期 Models at 0:00:05)\n",
        "",
    )
    code, _, err = run(capsys, lib_path, "bookmarks", "delete", "1")
    assert (code, err) == (1, "companion: No bookmark with id 1 in the library.\n")
