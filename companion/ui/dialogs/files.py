"""Every file dialog of the app: Qt's own dialog, shown without blocking, that never opens a listed file.

A file dialog that lists the library's folder must not open ``library.db``, ``-wal`` or ``-shm``: POSIX
locks belong to the whole process, so any other open-and-close of those files drops SQLite's locks and
another process may then checkpoint and delete the WAL the window still writes to. The platform's
native dialog and Qt's default icon provider both read files to guess their type (the MIME database
looks inside a file whose name says nothing), so every dialog here is Qt's widget dialog with an icon
provider that decides from the name and ``stat`` alone. ``tests/test_file_dialogs.py`` checks that no
other module builds a ``QFileDialog``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget

IconKind = QAbstractFileIconProvider.IconType


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from what ``stat`` says (folder, file, link, drive): no file is opened."""

    def __init__(self, style: QStyle | None = None) -> None:
        super().__init__()
        self._style = style or QApplication.style()
        pixmap = QStyle.StandardPixmap
        self._icons = {
            IconKind.Computer: self._style.standardIcon(pixmap.SP_ComputerIcon),
            IconKind.Desktop: self._style.standardIcon(pixmap.SP_DesktopIcon),
            IconKind.Trashcan: self._style.standardIcon(pixmap.SP_TrashIcon),
            IconKind.Network: self._style.standardIcon(pixmap.SP_DriveNetIcon),
            IconKind.Drive: self._style.standardIcon(pixmap.SP_DriveHDIcon),
            IconKind.Folder: self._style.standardIcon(pixmap.SP_DirIcon),
            IconKind.File: self._style.standardIcon(pixmap.SP_FileIcon),
        }
        self._link_icons = {
            IconKind.Folder: self._style.standardIcon(pixmap.SP_DirLinkIcon),
            IconKind.File: self._style.standardIcon(pixmap.SP_FileLinkIcon),
        }

    def icon(self, what: IconKind | QFileInfo) -> QIcon:  # type: ignore[override]
        if isinstance(what, QFileInfo):
            kind = self._kind(what)
            if what.isSymLink() and kind in self._link_icons:
                return self._link_icons[kind]
            return self._icons[kind]
        return self._icons.get(what, self._icons[IconKind.File])

    def type(self, info: QFileInfo) -> str:
        kind = self._kind(info)
        if kind is IconKind.Drive:
            return QCoreApplication.translate("NameOnlyIconProvider", "Drive")
        if kind is IconKind.Folder:
            return QCoreApplication.translate("NameOnlyIconProvider", "Folder")
        suffix = info.suffix()
        if not suffix:
            return QCoreApplication.translate("NameOnlyIconProvider", "File")
        return QCoreApplication.translate("NameOnlyIconProvider", "{suffix} File").format(suffix=suffix)

    @staticmethod
    def _kind(info: QFileInfo) -> IconKind:
        if info.isRoot():
            return IconKind.Drive
        return IconKind.Folder if info.isDir() else IconKind.File


class FileDialog(QFileDialog):
    """A QFileDialog that is always Qt's widget dialog with a ``NameOnlyIconProvider``."""

    def __init__(self, parent: QWidget | None, title: str, filters: str = "") -> None:
        super().__init__(parent, title, "", filters)
        # before anything is listed: the widgets (and their file model) are built non-native
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
        self._icon_provider = NameOnlyIconProvider(self.style())  # the dialog does not own it
        self.setIconProvider(self._icon_provider)


def ask_open_file(
    parent: QWidget | None,
    title: str,
    filters: str,
    on_chosen: Callable[[str], None],
    directory: str = "",
) -> FileDialog:
    """Ask for an existing file (window-modal, not blocking); ``on_chosen(path)`` runs on Open."""
    dialog = FileDialog(parent, title, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _open(dialog, directory, on_chosen)


def ask_save_file(
    parent: QWidget | None,
    title: str,
    suggested_name: str,
    filters: str,
    on_chosen: Callable[[str], None],
    directory: str = "",
) -> FileDialog:
    """Ask where to write a file (window-modal, not blocking); ``on_chosen(path)`` runs on Save.

    The default suffix follows the chosen filter's first pattern (``*.json`` gives ``.json``)."""
    dialog = FileDialog(parent, title, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)

    def follow_filter(name: str) -> None:
        dialog.setDefaultSuffix(_suffix_of(name))

    dialog.filterSelected.connect(follow_filter)
    follow_filter(dialog.selectedNameFilter())
    _open(dialog, directory, on_chosen)
    dialog.selectFile(suggested_name)
    return dialog


def _suffix_of(name_filter: str) -> str:
    """``Markdown (*.md)`` -> ``md``; "" for ``All files (*)``."""
    inside = name_filter[name_filter.find("(") + 1 : name_filter.rfind(")")] if "(" in name_filter else ""
    for pattern in inside.split():
        if pattern.startswith("*.") and "*" not in pattern[2:]:
            return pattern[2:]
    return ""


def _open(dialog: FileDialog, directory: str, on_chosen: Callable[[str], None]) -> FileDialog:
    if directory:
        dialog.setDirectory(directory)
    dialog.fileSelected.connect(on_chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
