"""BookmarkActions: add, edit and delete bookmarks with undo, play them, star and delete episodes,
export; every dialog is opened without blocking (``open()`` and signals)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from companion.domain import Bookmark
from companion.feeds.errors import FeedError
from companion.library import Library, LibraryError
from companion.playback.controller import PlaybackController
from companion.services.bookmarks_export import export, format_hms
from companion.ui.dialogs.bookmark_note import BookmarkDialog
from companion.ui.dialogs.confirm import confirm
from companion.ui.dialogs.files import FileDialog, ask_save_file


class _BookmarkCommand(QUndoCommand):
    """An already-done change: the first ``redo`` (from ``push``) does nothing, later ones redo it."""

    def __init__(
        self, actions: BookmarkActions, text: str, redo: Callable[[], None], undo: Callable[[], None]
    ):
        super().__init__(text)
        self._actions = actions
        self._redo = redo
        self._undo = undo
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._actions._run(self._redo)

    def undo(self) -> None:
        self._actions._run(self._undo)


EXPORT_FILTERS = "Markdown (*.md);;JSON (*.json)"  # names of formats: not translated


def export_format(path: str | Path) -> str:
    """``json`` for a .json file, else ``md``."""
    return "json" if Path(path).suffix.lower() == ".json" else "md"


class BookmarkActions(QObject):
    """What the window does with bookmarks and stars; says what changed so the views can re-read."""

    bookmarks_changed = Signal()
    star_changed = Signal(int, bool)  # episode id, starred
    episode_deleted = Signal(int)
    reported = Signal(str)  # a message for the status bar

    def __init__(self, library: Library, controller: PlaybackController, parent: QWidget) -> None:
        super().__init__(parent)
        self.library = library
        self.controller = controller
        self._parent = parent
        self.undo_stack = QUndoStack(self)
        self.ask_note = True  # after Ctrl+B, open the note editor
        self.dialog: BookmarkDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.file_dialog: FileDialog | None = None

    def _push(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        """Put a change already made on the undo stack."""
        self.undo_stack.push(_BookmarkCommand(self, text, redo, undo))

    def _run(self, step: Callable[[], object]) -> bool:
        try:
            step()
        except LibraryError as exc:
            self.reported.emit(str(exc))
            return False
        finally:
            self.bookmarks_changed.emit()
        return True

    # ----- adding ----------------------------------------------------------------------------

    def bookmark_playing_moment(self) -> Bookmark | None:
        """Bookmark where the loaded episode is now, with its current chapter (Ctrl+B)."""
        episode = self.controller.episode
        if episode is None:
            self.reported.emit(self.tr("Play an episode to bookmark a moment of it."))
            return None
        chapter = self.controller.current_chapter
        return self.bookmark_moment(
            episode.id, self.controller.position_ms(), chapter.title if chapter else None
        )

    def bookmark_moment(
        self,
        episode_id: int,
        position_ms: int,
        chapter_title: str | None = None,
        ask_note: bool | None = None,
        note: str = "",
    ) -> Bookmark | None:
        """Bookmark ``position_ms`` of an episode (playing or not), then offer to type a note (which
        starts as ``note``: a transcript cue's quote)."""
        try:
            bookmark = self.library.add_bookmark(episode_id, position_ms, note, chapter_title=chapter_title)
        except LibraryError as exc:
            self.reported.emit(str(exc))
            return None
        self._push(
            self.tr("Add bookmark at {time}").format(time=format_hms(bookmark.position_ms)),
            lambda: self.library.restore_bookmark(bookmark),
            lambda: self.library.delete_bookmark(bookmark.id),
        )
        self.bookmarks_changed.emit()
        self.reported.emit(
            self.tr("Bookmarked {time} of “{title}”").format(
                time=format_hms(bookmark.position_ms), title=bookmark.episode_title
            )
        )
        if self.ask_note if ask_note is None else ask_note:
            self.edit(bookmark.id, self.tr("Bookmark added"))
        return bookmark

    # ----- editing and deleting --------------------------------------------------------------

    def edit(self, bookmark_id: int, title: str | None = None) -> BookmarkDialog | None:
        """Open the bookmark editor (not blocking; titled "Edit bookmark" unless ``title``); Save
        applies the change as one undoable step."""
        title = title or self.tr("Edit bookmark")
        try:
            bookmark = self.library.bookmark(bookmark_id)
        except LibraryError as exc:
            self.reported.emit(str(exc))
            return None
        if self.dialog is not None:
            self.dialog.close()
        dialog = BookmarkDialog(bookmark, title, self._parent)
        dialog.accepted.connect(self._on_dialog_accepted)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        # Save, Cancel or Esc: the editor goes, and is forgotten so the next one can open
        dialog = self.sender()
        if dialog is self.dialog:
            self.dialog = None
        if isinstance(dialog, BookmarkDialog):
            dialog.deleteLater()

    @Slot()
    def _on_dialog_accepted(self) -> None:
        dialog = self.sender()
        if not isinstance(dialog, BookmarkDialog):
            return
        if dialog is self.dialog:
            self.dialog = None
        position_ms, chapter, note = dialog.values()
        old = dialog.bookmark
        if chapter == old.chapter_title and position_ms != old.position_ms:
            # a new time with the chapter left as it was: the chapter found at the new time
            self.update(old.id, note=note, position_ms=position_ms)
        else:
            self.update(old.id, note=note, position_ms=position_ms, chapter_title=chapter)

    def update(self, bookmark_id: int, **changes: object) -> Bookmark | None:
        """Change a bookmark's ``note``, ``position_ms`` and/or ``chapter_title`` (undoable)."""
        try:
            before = self.library.bookmark(bookmark_id)
            after = self.library.update_bookmark(bookmark_id, **changes)  # type: ignore[arg-type]
        except LibraryError as exc:
            self.reported.emit(str(exc))
            return None
        if after == before:
            return after
        self._push(
            self.tr("Edit bookmark"),
            lambda: self.library.restore_bookmark(after),
            lambda: self.library.restore_bookmark(before),
        )
        self.bookmarks_changed.emit()
        return after

    def delete(self, bookmark_id: int) -> Bookmark | None:
        """Delete a bookmark (undoable: Edit ▸ Undo puts it back)."""
        try:
            old = self.library.delete_bookmark(bookmark_id)
        except LibraryError as exc:
            self.reported.emit(str(exc))
            return None
        self._push(
            self.tr("Delete bookmark at {time}").format(time=format_hms(old.position_ms)),
            lambda: self.library.delete_bookmark(old.id),
            lambda: self.library.restore_bookmark(old),
        )
        self.bookmarks_changed.emit()
        self.reported.emit(self.tr("Bookmark deleted (Undo puts it back)"))
        return old

    def play(self, bookmark_id: int) -> None:
        """Play a bookmark's episode from its moment."""
        try:
            bookmark = self.library.bookmark(bookmark_id)
        except LibraryError as exc:
            self.reported.emit(str(exc))
            return
        self.controller.play_episode(bookmark.episode_id, bookmark.position_ms)

    # ----- stars -----------------------------------------------------------------------------

    def set_starred(self, episode_id: int, starred: bool) -> None:
        """Star or unstar an episode (Edit ▸ Undo takes it back, with the star's first date)."""
        try:
            before = self.library.starred_at(episode_id)
            self.library.star(episode_id, starred)
        except LibraryError as exc:
            self.reported.emit(str(exc))
            return
        if (before is not None) != starred:

            def redo() -> None:
                self.library.star(episode_id, starred)
                self.star_changed.emit(episode_id, starred)

            def undo() -> None:
                self.library.restore_star(episode_id, before)
                self.star_changed.emit(episode_id, before is not None)

            self._push(self.tr("Star") if starred else self.tr("Unstar"), redo, undo)
        self.star_changed.emit(episode_id, starred)

    def toggle_star(self, episode_id: int) -> None:
        """Star an unstarred episode, unstar a starred one."""
        self.set_starred(episode_id, not self.library.is_starred(episode_id))

    # ----- deleting an episode ---------------------------------------------------------------

    def ask_delete_episode(self, episode_id: int) -> QMessageBox | None:
        """Ask (without blocking) before deleting an episode, saying how many bookmarks go with it."""
        try:
            episode = self.library.episode(episode_id)
        except LibraryError as exc:
            self.reported.emit(str(exc))
            return None
        count = self.library.bookmark_count(episode_id)
        text = self.tr("Delete “{title}” from the library?").format(title=episode.title)
        if count:
            text += "\n\n" + self.tr("Its %n bookmark(s) will be deleted with it.", "", count)
        self.confirm_box = confirm(
            self._parent,
            self.tr("Delete episode"),
            text,
            self.tr("Delete"),
            lambda: self.delete_episode(episode_id),
        )
        return self.confirm_box

    def delete_episode(self, episode_id: int) -> None:
        """Delete an episode with its chapters and bookmarks (and its download), without asking."""
        from companion.library.media_files import remove_stray_downloads
        from companion.services.episodes import delete_download

        playing = self.controller.episode
        if playing is not None and playing.id == episode_id:
            self.controller.unload()
        try:
            episode = self.library.episode(episode_id)
            if episode.downloaded_at and episode.audio_path:
                try:
                    delete_download(self.library, episode_id)
                except (FeedError, LibraryError):
                    pass  # a file added by hand stays where it is
            self.library.delete_episode(episode_id)
            remove_stray_downloads(self.library)  # a partial download of it goes too
        except LibraryError as exc:
            self.reported.emit(str(exc))
            return
        self.undo_stack.clear()  # undo steps may name its bookmarks
        self.episode_deleted.emit(episode_id)
        self.bookmarks_changed.emit()
        self.reported.emit(self.tr("Deleted “{title}”").format(title=episode.title))

    # ----- export ----------------------------------------------------------------------------

    def export_to(self, path: str | Path, fmt: str | None = None) -> int:
        """Write every bookmark to ``path`` (Markdown, or JSON for .json); returns how many."""
        try:
            self.library.refuse_own_file(path, "write to")
        except LibraryError as exc:
            self.reported.emit(str(exc))
            return 0
        bookmarks = self.library.bookmarks()
        text = export(bookmarks, fmt or export_format(path))
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            self.reported.emit(
                self.tr("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
            )
            return 0
        self.reported.emit(self.tr("Exported %n bookmark(s) to {path}", "", len(bookmarks)).format(path=path))
        return len(bookmarks)

    def ask_export(self) -> FileDialog:
        """Ask where to export (not blocking); .json writes JSON, anything else Markdown."""
        self.file_dialog = ask_save_file(
            self._parent, self.tr("Export bookmarks"), "bookmarks.md", EXPORT_FILTERS, self.export_to
        )
        return self.file_dialog
