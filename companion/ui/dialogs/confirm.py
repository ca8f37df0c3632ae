"""Dialogs: add a podcast (URL or feed file), add an episode (audio, title, show notes), confirmations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.shownotes.textfile import decode_text
from companion.ui.dialogs.files import FileDialog, ask_open_file
from companion.ui.plain import plain_label, plain_message_box


def confirm(parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """A window-modal question that does not block the event loop: ``on_yes`` runs if the listener
    presses ``yes_text``; Cancel is the default. Returns the open box."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
    box = plain_message_box(QMessageBox.Icon.Question, title, text, buttons, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(yes_text)

    def clicked(button: object) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:
            on_yes()

    box.buttonClicked.connect(clicked)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


AUDIO_FILTER = "Audio (*.mp3 *.m4a *.m4b *.aac *.ogg *.opus *.oga *.flac *.wav);;All files (*)"
NOTES_FILTER = "Text or HTML (*.txt *.html *.htm *.md);;All files (*)"


def read_notes_file(path: str) -> str:
    """A notes file's text, read as the command reads it (``decode_text``); OSError/ValueError when
    unreadable."""
    return decode_text(Path(path).read_bytes())


class _PathRow(QWidget):
    """A line edit with a Browse… button."""

    def __init__(self, placeholder: str, file_filter: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton("Browse…", self)
        self.browse_button.clicked.connect(self._browse)
        self._filter = file_filter
        self.file_dialog: FileDialog | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse_button)

    def _browse(self) -> None:
        self.file_dialog = ask_open_file(self, "Choose a file", self._filter, self.edit.setText)

    def text(self) -> str:
        """The address or path typed or chosen."""
        return self.edit.text().strip()


class AddPodcastDialog(QDialog):
    """Asks for a feed address (http or https), the podcast's web page, or a feed file on this computer;
    below it, when given, the ``directory`` panel finds podcasts by name (Find podcasts)."""

    def __init__(self, parent: QWidget | None = None, directory: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.setWindowTitle("Add podcast")
        self.source = _PathRow(
            "https://example.org/feed.xml, the podcast's web page, or a feed file",
            "Feeds (*.xml *.rss);;All files (*)",
            self,
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Subscribe")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Feed address, web page or file:", self))
        layout.addWidget(self.source)
        if directory is not None:
            directory.setParent(self)
            layout.addWidget(directory, 1)
        layout.addWidget(buttons)
        self.resize(600 if directory is not None else 560, self.sizeHint().height())

    def url(self) -> str:
        """What to subscribe to."""
        return self.source.text()


AddEpisode = Callable[[str, str, str], str]  # (audio, title, notes) -> an error message, "" when added


class AddEpisodeDialog(QDialog):
    """An audio file or URL, a title, and show notes pasted or loaded from a file. Open it with
    ``open()``: Add calls ``add(audio, title, notes)``, which returns "" (the dialog closes) or a
    problem to show (it stays open)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        add: AddEpisode | None = None,
        check_file: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._add = add
        self._check_file = check_file  # raises ValueError for a file that must not be read
        self.notes_file_dialog: FileDialog | None = None
        self.setWindowTitle("Add episode")
        self.audio = _PathRow("An audio file, or an http(s) address", AUDIO_FILTER, self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("Episode title")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setPlaceholderText(
            "Paste the show notes here (text or HTML); a timeline becomes chapters."
        )
        self.load_notes_button = QPushButton("Load notes from a file…", self)
        self.load_notes_button.clicked.connect(self._load_notes)
        self.error_label = plain_label(parent=self)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow("Audio:", self.audio)
        form.addRow("Title:", self.title_edit)
        form.addRow("Show notes:", self.notes_edit)
        form.addRow("", self.load_notes_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def _load_notes(self) -> None:
        self.notes_file_dialog = ask_open_file(self, "Show notes", NOTES_FILTER, self.load_notes_file)

    def load_notes_file(self, path: str) -> None:
        """Put a notes file's text in the notes field (errors shown in the dialog)."""
        try:
            if self._check_file is not None:
                self._check_file(path)
            self.notes_edit.setPlainText(read_notes_file(path))
            self.error_label.hide()
        except (OSError, ValueError) as exc:
            self.show_error(f"Cannot read {path}: {exc}")

    def show_error(self, message: str) -> None:
        """Show a problem and keep the dialog open."""
        self.error_label.setText(message)
        self.error_label.show()

    def _on_accept(self) -> None:
        if not self.audio.text():
            self.show_error("Choose an audio file or type its address.")
        elif not self.title_edit.text().strip():
            self.show_error("Give the episode a title.")
        elif self._add is not None:
            error = self._add(*self.values())
            if error:
                self.show_error(error)
            else:
                self.accept()
        else:
            self.accept()

    def values(self) -> tuple[str, str, str]:
        """(audio path or URL, title, notes)."""
        return self.audio.text(), self.title_edit.text().strip(), self.notes_edit.toPlainText()
