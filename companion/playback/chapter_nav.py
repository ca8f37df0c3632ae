"""Chapters of the PlaybackController: which one plays, next and previous, another source's list."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from companion.domain import Chapter

if TYPE_CHECKING:
    from collections.abc import Callable

RESTART_CHAPTER_MS = 3_000  # "previous" restarts the current chapter when further in than this


class ChapterNavigationMixin:
    """The loaded episode's chapters; the controller supplies the signals, position and seek."""

    _chapters: list[Chapter]
    _chapter_starts: list[int]
    _chapter_index: int
    chapters_changed: Any
    chapter_changed: Any
    position_changed: Any
    position_ms: Callable[[], int]
    seek: Callable[[int], None]

    @property
    def chapters(self) -> list[Chapter]:
        """The loaded episode's chapters (its best source)."""
        return self._chapters

    @property
    def chapter_index(self) -> int:
        """Index of the chapter playing now, -1 when none."""
        return self._chapter_index

    @property
    def current_chapter(self) -> Chapter | None:
        """The chapter playing now."""
        return self._chapters[self._chapter_index] if self._chapter_index >= 0 else None

    def chapter_at(self, position_ms: int) -> int:
        """Index of the chapter containing ``position_ms``, -1 when none."""
        return bisect.bisect_right(self._chapter_starts, position_ms) - 1

    def use_chapters(self, chapters: list[Chapter]) -> None:
        """Follow another chapter list for the loaded episode (the user switched its source)."""
        self._chapters = list(chapters)
        self._chapter_starts = [c.start_ms for c in self._chapters]
        self._chapter_index = -2
        self.chapters_changed.emit(self._chapters)
        self._show_position(self.position_ms())

    def next_chapter(self) -> None:
        """Jump to the start of the next chapter."""
        index = self.chapter_at(self.position_ms()) + 1
        if 0 <= index < len(self._chapters):
            self.seek(self._chapters[index].start_ms)

    def previous_chapter(self) -> None:
        """Restart this chapter, or go to the previous one when near its start."""
        position = self.position_ms()
        index = self.chapter_at(position)
        if index < 0:
            self.seek(0)
            return
        if position - self._chapters[index].start_ms <= RESTART_CHAPTER_MS and index > 0:
            index -= 1
        self.seek(self._chapters[index].start_ms)

    def _show_position(self, position_ms: int) -> None:
        self.position_changed.emit(position_ms)
        index = self.chapter_at(position_ms)
        if index != self._chapter_index:
            self._chapter_index = index
            self.chapter_changed.emit(index)
