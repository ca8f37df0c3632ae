"""The libvlc backend: libvlc events become queued Qt signals, position is polled on the GUI thread."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from companion.domain import PlaybackState
from companion.playback.backend import MAX_RATE, MIN_RATE, AudioBackend, PlayerError, UnavailableBackend

POLL_INTERVAL_MS = 100
DEFAULT_ARGS = ("--no-video", "--quiet", "--no-xlib", "--intf=dummy", "--no-sub-autodetect-file")


def install_hint() -> str:
    """The exact command that installs libvlc on this platform."""
    if sys.platform.startswith("linux"):
        if Path("/etc/debian_version").exists():
            return "sudo apt-get install --no-install-recommends libvlc5 vlc-plugin-base"
        if Path("/etc/fedora-release").exists():
            return "sudo dnf install vlc-libs vlc-plugins-base"
        if Path("/etc/arch-release").exists():
            return "sudo pacman -S vlc"
        return "install VLC 3 (libvlc and its plugins) with your package manager"
    if sys.platform == "darwin":
        return "brew install --cask vlc"
    return "install VLC 3 from videolan.org (64-bit, like Python)"


def _missing(what: str) -> PlayerError:
    return PlayerError(f"Audio playback is off: {what}. To fix it: {install_hint()}, then restart.")


def import_vlc() -> ModuleType:
    """Import python-vlc; every way it can fail becomes a PlayerError saying what to install."""
    try:
        import vlc
    except SystemExit as exc:  # python-vlc exits when PYTHON_VLC_LIB_PATH is wrong
        raise _missing("the libvlc named by PYTHON_VLC_LIB_PATH cannot be loaded") from exc
    except (ImportError, OSError, NotImplementedError) as exc:
        raise _missing(f"libvlc cannot be loaded ({exc})") from exc
    return vlc


def create_backend(
    args: Sequence[str] = (),
    loader: Callable[[], ModuleType] = import_vlc,
    parent: QObject | None = None,
) -> AudioBackend:
    """A VlcBackend, or an UnavailableBackend explaining what to install."""
    try:
        return VlcBackend(loader(), args, parent)
    except PlayerError as exc:
        return UnavailableBackend(str(exc), parent)


class VlcBackend(AudioBackend):
    """Plays through libvlc. Only the GUI thread calls into vlc."""

    _vlc_event = Signal(str, object)

    def __init__(self, vlc: ModuleType, args: Sequence[str] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vlc = vlc
        try:
            instance = vlc.Instance([*DEFAULT_ARGS, *args])
        except (NameError, AttributeError, OSError) as exc:  # the loaded lib is not libvlc
            raise _missing(f"the loaded libvlc has no libvlc_new ({exc})") from exc
        if instance is None:
            raise _missing("libvlc starts but finds no plugins (vlc-plugin-base is missing)")
        self._instance = instance
        self._player = instance.media_player_new()
        self._rate = 1.0
        self._released = False
        self._seekable = False
        self._last_position = -1
        self._duration = 0
        self._vlc_event.connect(self._on_vlc_event, Qt.ConnectionType.QueuedConnection)
        events = self._player.event_manager()
        E = vlc.EventType
        self._handlers: list[tuple[Any, Callable[..., None]]] = []
        for event_type, name in (
            (E.MediaPlayerPlaying, "playing"),
            (E.MediaPlayerPaused, "paused"),
            (E.MediaPlayerStopped, "stopped"),
            (E.MediaPlayerEndReached, "ended"),
            (E.MediaPlayerEncounteredError, "error"),
            (E.MediaPlayerLengthChanged, "length"),
            (E.MediaPlayerSeekableChanged, "seekable"),
        ):
            handler = self._make_handler(name)
            events.event_attach(event_type, handler)
            self._handlers.append((event_type, handler))
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def _make_handler(self, name: str) -> Callable[..., None]:
        emit = self._vlc_event.emit

        def handler(event: Any, *_: Any) -> None:
            # libvlc's own thread: never call back into vlc here, only queue a signal.
            emit(name, None)

        return handler

    # ----- commands -------------------------------------------------------------------------

    def load(self, media: str, start_ms: int = 0) -> None:
        if self._released:
            return
        is_url = "://" in media
        if not is_url and not os.path.exists(media):
            self._media = media
            self._set_state(PlaybackState.ERROR)
            self.failed.emit(f"The audio file is missing: {media}")
            return
        vlc_media = self._instance.media_new(media) if is_url else self._instance.media_new_path(media)
        if start_ms > 0:
            vlc_media.add_option(f":start-time={start_ms / 1000:.3f}")
        self._media = media
        self._seekable = False
        self._duration = 0
        self._last_position = -1
        self._player.set_media(vlc_media)
        vlc_media.release()
        self._set_state(PlaybackState.LOADING)

    def play(self) -> None:
        if self._released:
            return
        if self._media is None:
            return
        if self._player.play() == -1:
            self._fail(f"VLC cannot play {self._media}.")
            return
        self._player.set_rate(self._rate)
        self._timer.start()

    def pause(self) -> None:
        if self._released:
            return
        if self._player.is_playing():
            self._player.set_pause(1)

    def stop(self) -> None:
        if self._released:
            return
        self._timer.stop()
        self._player.stop()
        self._media = None
        self._set_state(PlaybackState.STOPPED)

    def seek(self, position_ms: int) -> None:
        if self._released:
            return
        position_ms = max(0, int(position_ms))
        if self._duration:
            position_ms = min(position_ms, self._duration - 1)
        self._player.set_time(position_ms)
        # no position report here: the next poll tells where the engine really is (the controller
        # shows the target meanwhile), so a report is always the engine's own

    def set_rate(self, rate: float) -> None:
        if self._released:
            return
        self._rate = max(MIN_RATE, min(MAX_RATE, float(rate)))
        self._player.set_rate(self._rate)

    def set_volume(self, volume: int) -> None:
        if self._released:
            return
        self._player.audio_set_volume(max(0, min(100, int(volume))))

    def position_ms(self) -> int:
        if self._released:
            return 0
        return max(0, self._player.get_time())

    def duration_ms(self) -> int:
        if self._released:
            return 0
        return max(0, self._player.get_length())

    def is_seekable(self) -> bool:
        if self._released:
            return False
        return bool(self._player.is_seekable())

    def shutdown(self) -> None:
        if self._released:
            return
        self._released = True
        self._timer.stop()
        events = self._player.event_manager()
        for event_type, _handler in self._handlers:
            events.event_detach(event_type)
        self._player.stop()
        self._player.release()
        self._instance.release()

    # ----- events (GUI thread) -------------------------------------------------------------

    def _fail(self, message: str) -> None:
        self._timer.stop()
        self._set_state(PlaybackState.ERROR)
        self.failed.emit(message)

    @Slot(str, object)
    def _on_vlc_event(self, name: str, _payload: object) -> None:
        if name == "playing":
            self._set_state(PlaybackState.PLAYING)
            self._timer.start()
            self._poll()
        elif name == "paused":
            self._set_state(PlaybackState.PAUSED)
            self._poll()
        elif name == "stopped":
            if self._state not in (PlaybackState.ENDED, PlaybackState.ERROR):
                self._set_state(PlaybackState.STOPPED)
            self._timer.stop()
        elif name == "ended":
            self._poll()
            if self._duration <= 0 and self._last_position <= 0:
                # VLC "ends" media it cannot demux at once: that is a failure, not a finish
                self._fail(f"VLC cannot play {self._media}: unsupported or damaged audio.")
                return
            self._timer.stop()
            self._set_state(PlaybackState.ENDED)
            self.finished.emit()
        elif name == "error":
            self._fail(f"VLC could not play {self._media}: the file or stream failed to open.")
        elif name in ("length", "seekable"):
            self._poll()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._poll()

    def _poll(self) -> None:
        if self._released:
            return
        if self._media is None:
            return
        seekable = bool(self._player.is_seekable())
        if seekable != self._seekable:
            self._seekable = seekable
            self.seekable_changed.emit(seekable)
        duration = max(0, self._player.get_length())
        if duration and duration != self._duration:
            self._duration = duration
            self.duration_changed.emit(duration)
        position = self._player.get_time()
        if position >= 0 and position != self._last_position:
            self._last_position = position
            self.position_changed.emit(position)
