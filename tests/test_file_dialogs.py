"""File dialogs never open the library's files: after each dialog of the window has listed the
library's folder, another process (the real ``companion`` command) and the window both write, and
both writes are in the library; the process keeps SQLite's locks all along (``/proc/locks``)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo, Qt
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QFileSystemModel

from companion.library import Library
from companion.library.db import is_library_file, library_files
from companion.ui.dialogs.files import FileDialog, NameOnlyIconProvider

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "companion"
DIALOG_HOME = "companion/ui/dialogs/files.py"


def library_locks(path: Path) -> int:
    """How many POSIX locks this process holds on the library's files (SQLite takes 2 in WAL mode)."""
    inodes = set()
    for own in library_files(path):
        try:
            st = os.stat(own)
        except FileNotFoundError:
            continue
        inodes.add(f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}")
    pid = str(os.getpid())
    count = 0
    with open("/proc/locks", encoding="ascii") as locks:  # not a library file
        for line in locks:
            fields = line.split()
            if "->" in fields:  # a waiter, not a held lock
                continue
            if len(fields) > 5 and fields[4] == pid and fields[5] in inodes:
                count += 1
    return count


def _cli(*argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COMPANION_LIBRARY"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "companion", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def _notes_in_library(path: Path) -> set[str]:
    """The bookmark notes another process sees now (what a relaunch after a kill would find)."""
    result = _cli("bookmarks", "--json", "--library", str(path))
    assert result.returncode == 0, result.stderr
    return {b["note"] for b in json.loads(result.stdout)}


# ----- opening each dialog of the window ---------------------------------------------------


def _export_bookmarks(app, qtbot) -> FileDialog:
    app.window.bookmarks_ui.export_action.trigger()
    return app.window.bookmarks_ui.actions.file_dialog


def _import_opml(app, qtbot) -> FileDialog:
    app.window.feed_ui.import_action.trigger()
    return app.window.feed_ui.file_dialog


def _export_opml(app, qtbot) -> FileDialog:
    app.window.feed_ui.export_action.trigger()
    return app.window.feed_ui.file_dialog


def _add_podcast_browse(app, qtbot) -> FileDialog:
    app.window.feed_ui.add_podcast_action.trigger()
    dialog = app.window.feed_ui.add_dialog
    qtbot.mouseClick(dialog.source.browse_button, Qt.MouseButton.LeftButton)
    return dialog.source.file_dialog


def _add_episode_browse(app, qtbot) -> FileDialog:
    app.window.feed_ui.add_episode_action.trigger()
    dialog = app.window.feed_ui.add_dialog
    qtbot.mouseClick(dialog.audio.browse_button, Qt.MouseButton.LeftButton)
    return dialog.audio.file_dialog


def _load_notes(app, qtbot) -> FileDialog:
    app.window.feed_ui.add_episode_action.trigger()
    dialog = app.window.feed_ui.add_dialog
    qtbot.mouseClick(dialog.load_notes_button, Qt.MouseButton.LeftButton)
    return dialog.notes_file_dialog


DIALOGS: dict[str, Callable] = {
    "export-bookmarks": _export_bookmarks,
    "import-opml": _import_opml,
    "export-opml": _export_opml,
    "add-podcast-browse": _add_podcast_browse,
    "add-episode-browse": _add_episode_browse,
    "load-notes": _load_notes,
}


def _let_it_list(dialog: QFileDialog, folder: Path, qtbot) -> None:
    """Wait until the dialog has read the folder, then paint it in both views (icons, types)."""
    model = dialog.findChild(QFileSystemModel)
    assert model is not None, "not Qt's own dialog"
    qtbot.waitUntil(lambda: model.rowCount(model.index(str(folder))) > 0, timeout=5000)
    dialog.grab()  # as offered, then every file shown, as typing * in the name field does
    dialog.setNameFilters([*dialog.nameFilters(), "All files (*)"])
    dialog.selectNameFilter("All files (*)")
    root = model.index(str(folder))
    qtbot.waitUntil(lambda: model.rowCount(root) >= 8, timeout=5000)
    for mode in (QFileDialog.ViewMode.List, QFileDialog.ViewMode.Detail):
        dialog.setViewMode(mode)
        dialog.grab()
    names = {model.index(i, 0, root).data() for i in range(model.rowCount(root))}
    assert {"library.db", "library.db-wal", "library.db-shm"} <= names
    for column in range(model.columnCount(root)):  # every cell of every row, as a view would ask
        for row in range(model.rowCount(root)):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole):
                model.index(row, column, root).data(role)


@pytest.mark.parametrize("name", DIALOGS)
def test_a_file_dialog_on_the_library_folder_loses_nothing(
    name, make_window, library, library_path, tone_episode, qtbot, monkeypatch
):
    folder = library_path.parent
    for extra in ("bookmarks.md", "podcasts.opml", "feed.xml", "notes.txt", "audio.wav"):
        (folder / extra).write_text("x", encoding="utf-8")
    monkeypatch.chdir(folder)  # dialogs open on the current folder, as they do from a terminal
    app = make_window()
    app.window.bookmarks_ui.actions.ask_note = False
    before = library_locks(library_path)
    assert before >= 1  # SQLite holds its WAL-mode locks

    dialog = DIALOGS[name](app, qtbot)
    assert isinstance(dialog, FileDialog) and dialog.isVisible()
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setDirectory(str(folder))
    _let_it_list(dialog, folder, qtbot)
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    added = app.window.feed_ui.add_dialog
    if added is not None and added.isVisible():
        added.reject()
    assert library_locks(library_path) == before, f"{name}: the dialog dropped SQLite's locks"

    # another process writes, and closes the library (it checkpoints; it must not delete our WAL)
    result = _cli(
        "bookmark",
        str(tone_episode.id),
        "--at",
        "5",
        "--note",
        "from the terminal",
        "--library",
        str(library_path),
    )
    assert result.returncode == 0, result.stderr
    # then the window writes
    assert app.window.bookmarks_ui.actions.bookmark_moment(tone_episode.id, 20_000, "x") is not None
    assert library_locks(library_path) == before
    assert _notes_in_library(library_path) == {"from the terminal", ""}
    # and after the window is gone, both are still there
    app.controller.shutdown()
    library.close()
    again = Library(library_path)
    try:
        assert sorted(b.position_ms for b in again.bookmarks()) == [5_000, 20_000]
    finally:
        again.close()


def test_the_icon_provider_opens_no_file(library, library_path):
    before = library_locks(library_path)
    assert before >= 1
    provider = NameOnlyIconProvider()
    for own in library_files(library_path):
        if own.exists():
            info = QFileInfo(str(own))
            assert not provider.icon(info).isNull()
            assert provider.type(info) in ("File", "db File", "db-wal File", "db-shm File")
    assert provider.type(QFileInfo(str(library_path.parent))) == "Folder"
    assert library_locks(library_path) == before


def test_the_lock_count_sees_what_qt_does_without_it(library, library_path):
    # what makes the tests above meaningful: Qt's default icon provider reads the files to guess
    # their type, and that alone drops SQLite's locks (if this starts to fail, Qt stopped sniffing)
    before = library_locks(library_path)
    provider = QFileIconProvider()
    for own in library_files(library_path):
        if own.exists():
            provider.icon(QFileInfo(str(own)))
            provider.type(QFileInfo(str(own)))
    assert library_locks(library_path) < before


# ----- the library's own files are refused wherever a path is given ------------------------


def test_library_files_are_recognised_by_name_link_and_hard_link(library, library_path, tmp_path):
    for own in library_files(library_path):
        assert is_library_file(library_path, own)
    link = tmp_path / "elsewhere.db"
    link.symlink_to(library_path)
    assert is_library_file(library_path, link)
    hard = tmp_path / "hard.db"
    os.link(library_path, hard)
    assert is_library_file(library_path, hard)
    assert is_library_file(library_path, Path(os.path.relpath(library_path)))
    assert not is_library_file(library_path, tmp_path / "bookmarks.md")


def test_the_window_refuses_to_read_or_write_the_library_file(
    make_window, library, library_path, tone_episode, qtbot
):
    library.add_bookmark(tone_episode.id, 1_000, note="kept")
    app = make_window()
    before = library_locks(library_path)
    size = library_path.stat().st_size
    actions = app.window.bookmarks_ui.actions
    assert actions.export_to(library_path) == 0
    assert "library's own database" in app.window.statusBar().currentMessage()
    assert app.window.feed_ui.export_opml_to(str(library_path)) == 0
    app.window.feed_ui.last_warning.close()
    with qtbot.waitSignal(app.jobs.subscribe_failed) as failed:
        app.jobs.import_opml(str(library_path))
    assert "library's own database" in failed.args[0]
    with qtbot.waitSignal(app.jobs.subscribe_failed) as failed:
        app.jobs.subscribe(str(library_path) + "-wal")
    assert "library's own database" in failed.args[0]
    dialog = app.window.feed_ui.ask_add_episode()
    dialog.load_notes_file(str(library_path))
    assert "library's own database" in dialog.error_label.text()
    dialog.audio.edit.setText(str(library_path))
    dialog.title_edit.setText("Not audio")
    dialog._on_accept()
    assert dialog.isVisible() and "library's own database" in dialog.error_label.text()
    dialog.reject()
    assert library_locks(library_path) == before
    assert library_path.stat().st_size == size
    assert [b.note for b in library.bookmarks()] == ["kept"]


def test_the_command_refuses_to_read_or_write_the_library_file(library_path, tmp_path):
    Library(library_path).close()
    for argv in (
        ["bookmarks", "export", str(library_path)],
        ["export-opml", str(library_path)],
        ["import-opml", str(library_path)],
        ["subscribe", str(library_path)],
        ["add", str(library_path), "--title", "x"],
        ["add", str(tmp_path / "missing.wav"), "--title", "x", "--notes", str(library_path)],
    ):
        result = _cli("--library", str(library_path), *argv)
        assert result.returncode == 1, (argv, result.stdout)
        assert "library's own database file" in result.stderr, (argv, result.stderr)
    assert json.loads(_cli("--library", str(library_path), "list", "--json").stdout) == []


# ----- only one module builds file dialogs -------------------------------------------------


def file_dialog_uses(source: str, rel: str) -> list[str]:
    """Where ``source`` names QFileDialog (or Qt's sniffing icon provider) outside DIALOG_HOME."""
    found = []
    for node in ast.walk(ast.parse(source, filename=rel)):
        names = []
        if isinstance(node, ast.Name):
            names.append(node.id)
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.extend(alias.name.rsplit(".", 1)[-1] for alias in node.names)
        for name in names:
            if name in ("QFileDialog", "QFileIconProvider", "QFileSystemModel"):
                found.append(f"{rel}:{node.lineno} uses {name}: file dialogs come from {DIALOG_HOME}")
    return found


def test_only_the_file_dialogs_module_builds_file_dialogs():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel != DIALOG_HOME:
            problems += file_dialog_uses(path.read_text(encoding="utf-8"), rel)
    assert not problems, "\n".join(problems)
    # and that module never uses the static helpers (they may pick the native dialog)
    home = (ROOT / DIALOG_HOME).read_text(encoding="utf-8")
    for helper in ("getOpenFileName", "getSaveFileName", "getExistingDirectory", "getOpenFileUrl"):
        assert helper not in home


@pytest.mark.parametrize(
    "source",
    [
        "from PySide6.QtWidgets import QFileDialog\n",
        "from PySide6 import QtWidgets\nQtWidgets.QFileDialog.getOpenFileName(None)\n",
        "def f(d: 'x'):\n    return QFileDialog(None)\n",
        "from PySide6.QtWidgets import QFileIconProvider as P\n",
    ],
)
def test_the_checker_finds_file_dialogs(source):
    assert file_dialog_uses(source, "companion/ui/x.py")
