"""Terminal injection: no control character of a title, a note or a chapter reaches the terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from procs import run_companion

from companion.cli.main import main
from companion.library import Library

# what a hostile feed puts in its titles: C1 CSI (clear screen), an OSC window title then ESC[2J,
# a bidi override, DEL, a carriage return that overwrites the line, a backspace, a bell
HOSTILE = {
    "c1": "C1 \x9b2J\x9b31mred",
    "osc": "OSC \x1b]0;pwned\x07 \x1b[2J gone",
    "bidi": "bidi \u202egnp.exe\u202c \u2066iso\u2069",
    "del": "del \x7f\x08\x08back",
    "cr": "fake ok\r\x1b[Kreal",
}
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(library_path: Path) -> dict[str, int]:
    lib = Library(library_path)
    podcast = lib.add_podcast("Cast \x1b]0;podcast title\x07\x9b2J", feed_url="https://example.org/f.xml")
    ids = {}
    for key, title in HOSTILE.items():
        notes = f"notes {title}\n00:00 Opening {title}\n05:00 Part \x1b[5m{key}\n"
        episode = lib.add_episode(podcast.id, f"{title} {key}", notes=notes, duration_ms=600_000)
        lib.add_bookmark(episode.id, 1000, note=f"bookmark {title}", chapter_title=f"chapter \x9b{key}")
        lib.queue_add(episode.id)
        ids[key] = episode.id
    lib.close()
    return ids


def _run(capsys, library_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(library_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_human_readable_output_has_no_control_characters(hostile, library_path: Path, capsys):
    commands = [
        ["list"],
        ["podcasts"],
        ["queue"],
        ["bookmarks"],
        ["bookmarks", "export"],
        ["search", "gone"],
        ["search", "back"],
        *(["show", str(episode_id)] for episode_id in hostile.values()),
    ]
    for args in commands:
        code, out, err = _run(capsys, library_path, *args)
        assert code == 0, (args, err)
        assert not RAW.search(out), (args, [c for c in out if RAW.match(c)])
        assert not RAW.search(err)
    # the visible text is still there, only the controls are gone
    _, out, _ = _run(capsys, library_path, "list")
    assert "OSC ]0;pwned [2J gone osc" in out
    assert "C1 2J31mred c1" in out
    assert "fake ok[Kreal cr" in out
    _, out, _ = _run(capsys, library_path, "show", str(hostile["bidi"]))
    assert "bidi gnp.exe iso" in out and "Opening bidi gnp.exe iso" in out
    assert out.count("\n") > 3


def test_errors_naming_a_hostile_title_are_cleaned(hostile, library_path: Path, capsys):
    code, out, err = _run(capsys, library_path, "download", str(hostile["osc"]))
    assert code == 1 and "has no audio address" in err  # the message names the title
    assert "OSC ]0;pwned [2J gone" in err
    assert not RAW.search(err) and not RAW.search(out)


def test_json_keeps_every_character_escaped(hostile, library_path: Path, capsys):
    for args, titles in (
        (["list", "--json"], lambda v: [e["title"] for e in v]),
        (["queue", "--json"], lambda v: [e["title"] for e in v]),
        (["bookmarks", "--json"], lambda v: [b["note"] for b in v]),
        (["bookmarks", "export", "--format", "json"], lambda v: [b["note"] for b in v]),
        (
            ["show", str(hostile["c1"]), "--json"],
            lambda v: [v["title"]] + [c["title"] for c in v["chapters"]],
        ),
    ):
        code, out, _ = _run(capsys, library_path, *args)
        assert code == 0
        assert not RAW.search(out), args  # escaped (\u009b), never raw
        values = titles(json.loads(out))
        assert any(any(title in value for title in HOSTILE.values()) for value in values), args
    code, out, _ = _run(capsys, library_path, "show", str(hostile["c1"]), "--json")
    assert json.loads(out)["title"] == HOSTILE["c1"] + " c1"
    assert "\\u009b2J" in out


def test_the_installed_program_prints_no_controls(hostile, library_path: Path):
    result = run_companion(library_path, "list")
    assert result.returncode == 0, result.stderr
    assert not RAW.search(result.stdout)
    assert "OSC ]0;pwned [2J gone" in result.stdout
