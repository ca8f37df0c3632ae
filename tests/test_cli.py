"""Tests of the ``companion`` command, run in-process through cli.main and once as a real program."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli.main import main
from companion.library import Library
from companion.services.tones import write_tone_wav

NOTES = "About this episode.\n\nChapters\n00:00 Opening\nPart 2\n01:30 Middle part\n03:00 The end\n"
NOTES_CHAPTERS = [
    {"start_ms": 0, "title": "Opening", "section": None},
    {"start_ms": 90_000, "title": "Middle part", "section": "Part 2"},
    {"start_ms": 180_000, "title": "The end", "section": "Part 2"},
]
CHINESE_NOTES = "本期时间轴：\n00:00 开场与嘉宾介绍\n00:42 第一次提交\n01:30 为什么选了 SQLite\n"
CHINESE_STARTS_TITLES = [(0, "开场与嘉宾介绍"), (42_000, "第一次提交"), (90_000, "为什么选了 SQLite")]


@pytest.fixture
def wav(tmp_path: Path) -> Path:
    return write_tone_wav(tmp_path / "episode.wav", [(2, 440)])


@pytest.fixture
def notes_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str):
    code, out, err = run(capsys, *argv, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def set_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def add(capsys, library_path: Path, *argv: str) -> int:
    """Add an episode through the CLI and return its id."""
    result = run_json(capsys, "--library", str(library_path), "add", *argv)
    return result["id"]


# ----- list -------------------------------------------------------------------------------


def test_list_empty_library(capsys, library_path: Path):
    code, out, err = run(capsys, "--library", str(library_path), "list")
    assert (code, err) == (0, "")
    assert out == "The library has no episodes. Add one with: companion add FILE --title TITLE\n"
    assert run_json(capsys, "--library", str(library_path), "list") == []
    assert library_path.is_file()


def test_list_text_and_json(capsys, library_path: Path):
    lib = Library(library_path)
    podcast = lib.add_podcast("Cast")
    old = lib.add_episode(podcast.id, "Older one", duration_ms=90_000, published_at=1_000)
    new = lib.add_episode(podcast.id, "Newer 新的", duration_ms=3_723_000, published_at=2_000)
    lib.save_position(new.id, 61_000)
    lib.set_played(old.id, True)
    lib.close()

    code, out, err = run(capsys, "--library", str(library_path), "list")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{new.id:>6}    1:02:03     1:01  Cast — Newer 新的",
        f"{old.id:>6} ✓     1:30        -  Cast — Older one",
    ]

    assert run_json(capsys, "--library", str(library_path), "list") == [
        {
            "id": new.id,
            "podcast": "Cast",
            "title": "Newer 新的",
            "duration_ms": 3_723_000,
            "position_ms": 61_000,
            "played": False,
            "starred": False,
            "published_at": 2_000,
        },
        {
            "id": old.id,
            "podcast": "Cast",
            "title": "Older one",
            "duration_ms": 90_000,
            "position_ms": 0,
            "played": True,
            "starred": False,
            "published_at": 1_000,
        },
    ]
    limited = run_json(capsys, "--library", str(library_path), "list", "--limit", "1")
    assert [e["id"] for e in limited] == [new.id]
    assert run_json(capsys, "--library", str(library_path), "list", "--limit", "0") == []


# ----- show -------------------------------------------------------------------------------


def test_show_text_and_json(capsys, library_path: Path, wav: Path, notes_file: Path):
    episode_id = add(
        capsys,
        library_path,
        str(wav),
        "--title",
        "Local ep",
        "--notes",
        str(notes_file),
        "--duration",
        "4:00",
    )

    shown = run_json(capsys, "--library", str(library_path), "show", str(episode_id))
    assert shown == {
        "id": episode_id,
        "podcast": "Local",
        "title": "Local ep",
        "guid": shown["guid"],
        "audio_url": None,
        "audio_path": str(wav.resolve()),
        "link": None,
        "duration_ms": 2_000,  # the file's own length wins over the --duration typed
        "audio_length_ms": 2_000,
        "published_at": shown["published_at"],
        "position_ms": 0,
        "played": False,
        "notes_text": NOTES.strip(),
        "chapter_sources": ["shownotes"],
        "chapters": [{**c, "source": "shownotes"} for c in NOTES_CHAPTERS],
        # what feeds carry: nothing for an episode added by hand
        "season": None,
        "season_name": None,
        "number": None,
        "number_label": None,
        "episode_type": None,
        "itunes_title": None,
        "image_url": None,
        "audio_type": None,
        "transcripts": [],
        "persons": [],
        "podcast_details": {
            "podcast_guid": None,
            "locked": None,
            "locked_owner": None,
            "image_url": None,
            "funding": [],
            "persons": [],
        },
    }
    assert shown["guid"] and isinstance(shown["published_at"], int)

    code, out, err = run(capsys, "--library", str(library_path), "show", str(episode_id))
    assert (code, err) == (0, "")
    assert out.splitlines()[:10] == [
        "Local ep",
        "Local",
        "Length: 0:02   Position: 0:00",  # the file's own length (the notes describe a longer cut)
        f"Audio: {wav.resolve()}",
        "",
        "Chapters (shownotes):",
        "      0:00  Opening",
        "  Part 2",
        "        1:30  Middle part  (past the end of the audio)",
        "        3:00  The end  (past the end of the audio)",
    ]
    assert "About this episode." in out


def test_show_missing_episode(capsys, library_path: Path):
    code, out, err = run(capsys, "--library", str(library_path), "show", "999")
    assert (code, out) == (1, "")
    assert err == "companion: No episode with id 999 in the library.\n"


def test_newer_library_is_refused(capsys, library_path: Path):
    Library(library_path).close()
    lib = Library(library_path)
    lib.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('companion', 'm999_x', '')"
    )
    lib.db.conn.commit()
    lib.close()
    before = library_path.read_bytes()
    code, out, err = run(capsys, "--library", str(library_path), "list")
    assert (code, out) == (1, "")
    assert err.startswith("companion: The library ") and "Update the app" in err
    assert library_path.read_bytes() == before


# ----- add --------------------------------------------------------------------------------


def test_add_local_wav_with_notes(capsys, library_path: Path, wav: Path, notes_file: Path):
    code, out, err = run(
        capsys,
        "--library",
        str(library_path),
        "add",
        str(wav),
        "--title",
        "  Tones  ",
        "--notes",
        str(notes_file),
    )
    assert (code, err) == (0, "")
    assert out == "Added episode 1: Tones (3 chapters)\n"
    shown = run_json(capsys, "--library", str(library_path), "show", "1")
    assert shown["audio_path"] == str(wav.resolve())
    assert shown["chapters"] == [{**c, "source": "shownotes"} for c in NOTES_CHAPTERS]


def test_add_relative_path_is_stored_absolute(capsys, library_path: Path, wav: Path, monkeypatch):
    monkeypatch.chdir(wav.parent)
    episode_id = add(capsys, library_path, wav.name, "--title", "Relative")
    shown = run_json(capsys, "--library", str(library_path), "show", str(episode_id))
    assert shown["audio_path"] == str(wav.resolve())


def test_add_missing_audio_file(capsys, library_path: Path, tmp_path: Path):
    missing = tmp_path / "nope.wav"
    code, out, err = run(capsys, "--library", str(library_path), "add", str(missing), "--title", "X")
    assert (code, out) == (1, "")
    assert err == f"companion: There is no audio file at {missing}.\n"
    assert run_json(capsys, "--library", str(library_path), "list") == []


def test_add_missing_notes_file(capsys, library_path: Path, wav: Path, tmp_path: Path):
    missing = tmp_path / "nope.txt"
    code, out, err = run(
        capsys, "--library", str(library_path), "add", str(wav), "--title", "X", "--notes", str(missing)
    )
    assert (code, out) == (1, "")
    assert err == f"companion: cannot read {missing}: No such file or directory\n"
    assert run_json(capsys, "--library", str(library_path), "list") == []


def test_add_http_url(capsys, library_path: Path):
    url = "https://example.org/audio/ep1.mp3"
    episode_id = add(capsys, library_path, url, "--title", "Streamed", "--duration", "3600")
    shown = run_json(capsys, "--library", str(library_path), "show", str(episode_id))
    assert (shown["audio_url"], shown["audio_path"], shown["duration_ms"]) == (url, None, 3_600_000)
    assert shown["chapters"] == []


def test_add_unsupported_url(capsys, library_path: Path):
    code, out, err = run(
        capsys, "--library", str(library_path), "add", "ftp://example.org/a.mp3", "--title", "X"
    )
    assert (code, out) == (1, "")
    assert err.startswith(
        "companion: Unsupported address ftp://example.org/a.mp3: use an http(s) URL or a local file ("
    )
    assert err.count("\n") == 1


def test_add_notes_from_stdin(capsys, library_path: Path, wav: Path, monkeypatch):
    set_stdin(monkeypatch, CHINESE_NOTES.encode("utf-8"))
    episode_id = add(capsys, library_path, str(wav), "--title", "标准输入", "--notes", "-")
    shown = run_json(capsys, "--library", str(library_path), "show", str(episode_id))
    assert shown["title"] == "标准输入"
    assert [(c["start_ms"], c["title"]) for c in shown["chapters"]] == CHINESE_STARTS_TITLES


def test_add_gb18030_notes(capsys, library_path: Path, wav: Path, tmp_path: Path):
    data = CHINESE_NOTES.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # so the test really exercises the fallback
    notes = tmp_path / "gbk.txt"
    notes.write_bytes(data)
    episode_id = add(capsys, library_path, str(wav), "--title", "GB", "--notes", str(notes))
    shown = run_json(capsys, "--library", str(library_path), "show", str(episode_id))
    assert [(c["start_ms"], c["title"]) for c in shown["chapters"]] == CHINESE_STARTS_TITLES
    assert shown["notes_text"] == CHINESE_NOTES.strip()


def test_chapters_of_big5_notes(capsys, tmp_path: Path):
    text = "時間軸\n00:00 我的開場白\n01:05 為什麼選擇這個題目\n"
    data = text.encode("big5")
    assert data.decode("gb18030") != text  # GB18030 would read it, wrongly
    notes = tmp_path / "big5.txt"
    notes.write_bytes(data)
    chapters = run_json(capsys, "chapters", str(notes))
    assert [(c["start_ms"], c["title"]) for c in chapters] == [
        (0, "我的開場白"),
        (65_000, "為什麼選擇這個題目"),
    ]


def test_utf8_bom_is_dropped(capsys, tmp_path: Path):
    notes = tmp_path / "bom.txt"
    notes.write_bytes("00:00 Opening\n00:30 Next\n".encode("utf-8-sig"))
    chapters = run_json(capsys, "chapters", str(notes))
    assert chapters == [
        {"start_ms": 0, "title": "Opening", "section": None},
        {"start_ms": 30_000, "title": "Next", "section": None},
    ]


# ----- chapters ---------------------------------------------------------------------------


def test_chapters_json(capsys, notes_file: Path):
    chapters = run_json(capsys, "chapters", str(notes_file))
    assert chapters == NOTES_CHAPTERS
    starts = [c["start_ms"] for c in chapters]
    assert all(type(s) is int for s in starts)
    assert starts == sorted(starts)


def test_chapters_text(capsys, notes_file: Path):
    code, out, err = run(capsys, "chapters", str(notes_file))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "    0:00  Opening",
        "Part 2",
        "      1:30  Middle part",
        "      3:00  The end",
    ]


def test_chapters_of_notes_without_a_timeline(capsys, tmp_path: Path):
    notes = tmp_path / "plain.txt"
    notes.write_text("Just a chat. Recorded at 5pm, see https://example.org/16:9 for the slides.\n")
    code, out, err = run(capsys, "chapters", str(notes), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == []


def test_chapters_of_a_missing_file(capsys, tmp_path: Path):
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, "chapters", str(missing), "--json")
    assert code != 0
    assert out == ""
    assert err == f"companion: cannot read {missing}: No such file or directory\n"


def test_chapters_from_stdin_with_a_duration(capsys, monkeypatch):
    set_stdin(
        monkeypatch, b"Chapters\n00:00 Start\n01:00 Middle\n01:59 Late\n02:01 Just past\n05:00 Far past\n"
    )
    chapters = run_json(capsys, "chapters", "-", "--duration", "120")
    assert [c["start_ms"] for c in chapters] == [0, 60_000, 119_000]
    assert [c["title"] for c in chapters] == ["Start", "Middle", "Late"]


def test_chapters_bad_duration_is_a_usage_error(capsys, notes_file: Path):
    with pytest.raises(SystemExit) as info:
        main(["chapters", str(notes_file), "--duration", "soon"])
    assert info.value.code == 2
    assert "not a duration: 'soon'" in capsys.readouterr().err


# ----- demo and where the library is ------------------------------------------------------


def test_demo(capsys, library_path: Path):
    code, out, err = run(capsys, "--library", str(library_path), "demo")
    assert (code, err) == (0, "")
    assert out == f"Created the demo podcast “Companion Demo” in {library_path}\n"
    episodes = run_json(capsys, "--library", str(library_path), "list")
    assert len(episodes) == 3
    assert {e["podcast"] for e in episodes} == {"Companion Demo"}
    # running it again recreates rather than adds
    assert run(capsys, "--library", str(library_path), "demo")[0] == 0
    assert len(run_json(capsys, "--library", str(library_path), "list")) == 3


def test_library_option_before_and_after_the_command(capsys, tmp_path: Path):
    before = tmp_path / "before.db"
    after = tmp_path / "after.db"
    add(capsys, before, "https://example.org/a.mp3", "--title", "In before")
    run_json(capsys, "add", "https://example.org/b.mp3", "--title", "In after", "--library", str(after))

    assert [e["title"] for e in run_json(capsys, "list", "--library", str(before))] == ["In before"]
    assert [e["title"] for e in run_json(capsys, "--library", str(after), "list")] == ["In after"]


def test_companion_library_environment_variable(capsys, tmp_path: Path, monkeypatch):
    env_path = tmp_path / "from-env" / "lib.db"
    monkeypatch.setenv("COMPANION_LIBRARY", str(env_path))
    run_json(capsys, "add", "https://example.org/a.mp3", "--title", "Via env")
    assert env_path.is_file()
    assert [e["title"] for e in run_json(capsys, "list")] == ["Via env"]

    # --library wins over the environment
    other = tmp_path / "other.db"
    assert run_json(capsys, "--library", str(other), "list") == []
    assert other.is_file()


# ----- the installed program --------------------------------------------------------------


def _run_program(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COMPANION_LIBRARY"}
    env["HOME"] = str(tmp_path / "home")  # never the user's real library
    return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)


def test_python_dash_m_companion(tmp_path: Path, library_path: Path):
    lib = Library(library_path)
    podcast = lib.add_podcast("Cast")
    episode = lib.add_episode(podcast.id, "子进程 episode", notes=NOTES, duration_ms=240_000, published_at=7)
    lib.close()

    result = _run_program(
        [sys.executable, "-m", "companion", "--library", str(library_path), "list", "--json"], tmp_path
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == [
        {
            "id": episode.id,
            "podcast": "Cast",
            "title": "子进程 episode",
            "duration_ms": 240_000,
            "position_ms": 0,
            "played": False,
            "starred": False,
            "published_at": 7,
        }
    ]


def test_installed_companion_script(tmp_path: Path, library_path: Path):
    script = Path(sys.executable).parent / "companion"
    assert script.is_file(), f"the entry point is not installed next to {sys.executable}"
    lib = Library(library_path)
    episode = lib.add_episode(lib.add_podcast("Cast").id, "Ep", notes=NOTES, duration_ms=240_000)
    lib.close()

    result = _run_program(
        [str(script), "--library", str(library_path), "show", str(episode.id), "--json"], tmp_path
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["chapters"] == [{**c, "source": "shownotes"} for c in NOTES_CHAPTERS]

    result = _run_program([str(script), "--library", str(library_path), "show", "999"], tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "companion: No episode with id 999 in the library.\n"
