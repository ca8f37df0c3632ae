"""The AudioBackend interface every player backend implements, and the backend used without one."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from companion.domain import PlaybackState
from companion.library.settings import MAX_RATE as MAX_RATE  # the speeds every backend accepts
from companion.library.settings import MIN_RATE as MIN_RATE


class PlayerError(Exception):
    """A playback problem, with a message a person can act on."""


class AudioBackend(QObject):
    """One audio engine. Signals are emitted on the GUI thread.

    Subclasses implement the ``_do_*`` hooks; the shared bookkeeping lives here.
    """

    state_changed = Signal(object)  # PlaybackState
    position_changed = Signal(int)  # ms
    duration_changed = Signal(int)  # ms
    seekable_changed = Signal(bool)
    finished = Signal()
    failed = Signal(str)  # a message a person can act on

    available: bool = True
    unavailable_reason: str = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = PlaybackState.STOPPED
        self._media: str | None = None

    # ----- what every backend provides ----------------------------------------------------

    def load(self, media: str, start_ms: int = 0) -> None:
        """Open a file path or URL; ``start_ms`` is where playback should begin."""
        raise NotImplementedError

    def play(self) -> None:
        """Start or resume playback."""
        raise NotImplementedError

    def pause(self) -> None:
        """Pause playback."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop and unload."""
        raise NotImplementedError

    def seek(self, position_ms: int) -> None:
        """Jump to ``position_ms`` (only valid once ``is_seekable()``)."""
        raise NotImplementedError

    def set_rate(self, rate: float) -> None:
        """Playback speed, 1.0 being normal (pitch kept)."""
        raise NotImplementedError

    def set_volume(self, volume: int) -> None:
        """Volume 0..100."""
        raise NotImplementedError

    def position_ms(self) -> int:
        """Where playback is now."""
        raise NotImplementedError

    def duration_ms(self) -> int:
        """Length of the loaded media, 0 when unknown."""
        raise NotImplementedError

    def is_seekable(self) -> bool:
        """True once a seek can be applied."""
        raise NotImplementedError

    def shutdown(self) -> None:
        """Release the engine (called on quit)."""

    # ----- shared -----------------------------------------------------------------------------

    @property
    def media(self) -> str | None:
        """What is loaded."""
        return self._media

    def state(self) -> PlaybackState:
        """The current state."""
        return self._state

    def _set_state(self, state: PlaybackState) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)


class UnavailableBackend(AudioBackend):
    """Stands in when no audio engine can be loaded: browsing works, playing explains why not."""

    available = False

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.unavailable_reason = reason

    def load(self, media: str, start_ms: int = 0) -> None:
        self._media = media
        self._set_state(PlaybackState.ERROR)
        self.failed.emit(self.unavailable_reason)

    def play(self) -> None:
        self.failed.emit(self.unavailable_reason)

    def pause(self) -> None:
        pass

    def stop(self) -> None:
        self._media = None
        self._set_state(PlaybackState.STOPPED)

    def seek(self, position_ms: int) -> None:
        pass

    def set_rate(self, rate: float) -> None:
        pass

    def set_volume(self, volume: int) -> None:
        pass

    def position_ms(self) -> int:
        return 0

    def duration_ms(self) -> int:
        return 0

    def is_seekable(self) -> bool:
        return False
