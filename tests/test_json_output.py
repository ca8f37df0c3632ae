"""JSON is written one way (``companion.services.json_text``): the command's ``--json``, its bookmark
export and the window's Export bookmarks give the same text, controls escaped, values exact."""

from __future__ import annotations

import json

from companion.cli.main import main
from companion.services.json_text import json_text

HOSTILE = "note \x1b]0;owned\x07 \x9b2J \u202eesrever 早点听"


def test_json_text_escapes_controls_and_keeps_the_value():
    text = json_text({"note": HOSTILE})
    assert text.endswith("}\n") and "早点听" in text
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e")
    assert json.loads(text) == {"note": HOSTILE}


def test_the_command_and_the_window_export_the_same_json(
    make_window, library, library_path, tone_episode, tmp_path, capsys
):
    library.add_bookmark(tone_episode.id, 65_000, note=HOSTILE)
    app = make_window()
    target = tmp_path / "window.json"
    assert app.window.bookmarks_ui.actions.export_to(target) == 1
    window_text = target.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["bookmarks", "export", "--format", "json", "--library", str(library_path)]) == 0
    command_text = capsys.readouterr().out
    assert main(["bookmarks", "--json", "--library", str(library_path)]) == 0
    listed_text = capsys.readouterr().out
    assert window_text == command_text
    for text in (window_text, listed_text):
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e")
        (entry,) = json.loads(text)
        assert entry["note"] == HOSTILE and entry["time"] == "0:01:05"
