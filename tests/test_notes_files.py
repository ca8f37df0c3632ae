"""A notes file is read one way everywhere: the window's Add episode ▸ Load notes and the command both
decode UTF-8, GB18030 and Big5 notes to the same text (``companion.shownotes.textfile``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from companion.cli.main import read_text
from companion.shownotes.textfile import UndecodableText, decode_text

TRADITIONAL = "時間軸\n00:00 我的開場白\n01:05 為什麼選擇這個題目\n02:10 結語\n"
SIMPLIFIED = "时间轴\n00:00 我的开场白\n01:05 为什么选择这个题目\n02:10 结语\n"
CASES = [
    ("big5", TRADITIONAL, "big5"),
    ("gb18030-traditional", TRADITIONAL, "gb18030"),
    ("gb18030", SIMPLIFIED, "gb18030"),
    ("utf-8", SIMPLIFIED, "utf-8"),
    ("utf-8-bom", TRADITIONAL, "utf-8-sig"),
]


@pytest.mark.parametrize(("name", "text", "encoding"), CASES, ids=[c[0] for c in CASES])
def test_decode_text_reads_each_encoding(name, text, encoding):
    data = text.encode(encoding)
    assert decode_text(data) == text


def test_big5_really_is_mojibake_in_gb18030():
    # what makes the Big5 cases meaningful: a strict GB18030 decode of Big5 bytes succeeds, wrongly
    assert TRADITIONAL.encode("big5").decode("gb18030") != TRADITIONAL


def test_undecodable_bytes_are_refused_with_a_reason():
    with pytest.raises(UndecodableText, match="not UTF-8, GB18030 or Big5"):
        decode_text(b"\xff\xfe\xff\x80\x81\xff")


def _load_notes_through_the_dialog(dialog, path: Path, qtbot) -> None:
    qtbot.mouseClick(dialog.load_notes_button, Qt.MouseButton.LeftButton)
    files = dialog.notes_file_dialog
    assert files is not None and files.isVisible()
    files.selectFile(str(path))
    files.accept()
    qtbot.waitUntil(lambda: not files.isVisible())


@pytest.mark.parametrize("encoding", ["big5", "gb18030"])
def test_the_window_loads_notes_as_the_command_does(
    encoding, make_window, library, tone_wav, qtbot, tmp_path
):
    text = TRADITIONAL if encoding == "big5" else SIMPLIFIED
    notes = tmp_path / f"notes-{encoding}.txt"
    notes.write_bytes(text.encode(encoding))
    app = make_window()
    for attempt in range(2):  # a dialog works when it opens the second time too
        dialog = app.window.feed_ui.ask_add_episode()
        _load_notes_through_the_dialog(dialog, notes, qtbot)
        assert dialog.notes_edit.toPlainText() == text
        assert not dialog.error_label.isVisible()
        assert read_text(str(notes)) == text  # the command reads the same
        if attempt == 0:
            dialog.reject()
    dialog.audio.edit.setText(str(tone_wav))
    dialog.title_edit.setText("從檔案讀的筆記")
    add = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (episode,) = [e for e in library.episodes() if e.title == "從檔案讀的筆記"]
    assert [(c.start_ms, c.title) for c in library.chapters(episode.id)][:2] == [
        (0, text.splitlines()[1][6:]),
        (65_000, text.splitlines()[2][6:]),
    ]
