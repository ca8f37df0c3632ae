"""A listening session: the real window on its own library, VLC writing what it plays to a WAV, an ear."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor

from companion.app import CompanionApp
from companion.domain import Episode, PlaybackState
from companion.library import Library
from listening.ear import CLEAN_S, Ear, Verdict

EPISODE_S = 20 * 60
OFFSETS_S = (0, 40 * 60)  # episode A sounds 0..20 min, episode B 40..60 min: never alike
CHAPTERS_S = (0, 90, 200, 330, 480, 610, 750, 900, 1050)
TITLES = (
    "开场 Opening",
    "第一部分 Origins",
    "Tools 工具",
    "访谈 Interview",
    "Detours 题外话",
    "第五段 Numbers",
    "Listener mail 来信",
    "总结 Summary",
    "彩蛋 Outtakes",
)


def timeline_notes(tag: str) -> str:
    """Show notes with an inline timeline, the way most real notes are written; ``tag`` keeps titles apart."""
    parts = [
        f"{s // 60:02d}:{s % 60:02d} {t} {tag}x{i}"
        for i, (s, t) in enumerate(zip(CHAPTERS_S, TITLES, strict=True))
    ]
    return "本期时间轴 " + " ".join(parts) + " 相关链接 https://example.org/notes"


@dataclass
class Step:
    """One seek the listener makes, and where it must be heard."""

    what: str
    target_s: float  # in the heard signal (episode offset included)
    slack_s: float = 0.0  # how well the test knows the target (a relative seek taken over D-Bus)


class ListeningSession:
    """One real window, one library, one afile output."""

    def __init__(self, qtbot, root: Path, name: str, rate: float, media: dict[str, dict], bus: str | None):
        self.qtbot = qtbot
        self.root = root
        self.name = name
        self.rate = rate
        self.bus = bus
        self.out = root / f"{name}-heard.wav"
        self.ear = Ear(self.out)
        self.library_path = root / f"{name}.db"
        library = Library(self.library_path)
        podcast = library.add_podcast(f"Listening {name}", feed_url=f"https://example.org/{name}.xml")
        self.episodes: list[Episode] = []
        for i, (key, where) in enumerate(media.items()):
            tag = f"{name}{key}"
            episode = library.add_episode(
                podcast.id,
                f"{name} episode {key}",
                audio_path=where.get("path"),
                audio_url=where.get("url"),
                notes=timeline_notes(tag),
                duration_ms=EPISODE_S * 1000,
                published_at=1_700_000_000 + i,
            )
            if where.get("downloaded"):
                library.set_download(episode.id, where["downloaded"])
            self.episodes.append(library.episode(episode.id))
        self.bookmarks = {}
        for i, episode in enumerate(self.episodes):
            self.bookmarks[episode.id] = library.add_bookmark(
                episode.id, 555_000 + 7_000 * i, note=f"mark{i}"
            )
        library.set_setting("rate", str(rate))
        library.close()
        self.app: CompanionApp | None = None
        self.shown: list[tuple[float, int]] = []  # (monotonic s, position ms) the window showed
        self.pulses: list[float] = []  # when the event loop ran (every 50 ms when it can)
        self.acted_at = 0.0
        self.open()

    # ----- the app -------------------------------------------------------------------------------

    def open(self) -> None:
        """Start the app on this session's library (as a relaunch would)."""
        library = Library(self.library_path)
        args = [
            "--aout=afile",
            f"--audiofile-file={self.out}",
            "--audiofile-format=s16",
            "--audiofile-channels=1",
        ]
        app = CompanionApp(library, args)
        self.qtbot.addWidget(app.window)
        app.window.show()
        self.qtbot.waitExposed(app.window)
        if app.mpris is None and self.bus:
            from companion.desktop.mpris import start_mpris

            app.mpris = start_mpris(
                app.controller, app.window, library, env={"DBUS_SESSION_BUS_ADDRESS": self.bus}
            )
        app.controller.position_changed.connect(lambda ms: self.shown.append((time.monotonic(), ms)))
        # the event loop's own pulse: a gap in it is a busy machine, not a clock the window froze
        self._pulse = QTimer(app.window)
        self._pulse.setInterval(50)
        self._pulse.timeout.connect(lambda: self.pulses.append(time.monotonic()))
        self._pulse.start()
        self.app = app

    def act(self, action) -> Step:
        """Mark the ear, then do one thing in the window."""
        self.ear.mark()
        self.acted_at = time.monotonic()
        return action(self)

    def close(self) -> None:
        """Quit the app the way the window does (position saved)."""
        app = self.app
        if app is None:
            return
        app.window.save_geometry()
        if app.mpris is not None:
            app.mpris.close()
        app.controller.shutdown()
        app.window.close()
        app.library.close()
        self.app = None

    @property
    def controller(self):
        return self.app.controller

    @property
    def window(self):
        return self.app.window

    def offset_s(self, episode: Episode) -> int:
        return OFFSETS_S[[e.id for e in self.episodes].index(episode.id)]

    def playing(self) -> Episode:
        episode = self.controller.episode
        assert episode is not None, f"{self.name}: nothing is loaded"
        return episode

    def heard_target(self, episode: Episode, position_s: float) -> float:
        return self.offset_s(episode) + position_s

    def other(self) -> Episode:
        """The episode that is not loaded."""
        loaded = self.controller.episode
        return next(e for e in self.episodes if loaded is None or e.id != loaded.id)

    def wait_playing(self) -> None:
        self.qtbot.waitUntil(lambda: self.controller.state() == PlaybackState.PLAYING, timeout=10_000)

    # ----- the ways to seek ----------------------------------------------------------------------

    def click_chapter(self, episode: Episode, index: int) -> Step:
        self.window.select_episode(episode.id)
        view = self.window.chapter_view
        self.qtbot.waitUntil(lambda: len(view.chapter_items()) == len(CHAPTERS_S), timeout=5000)
        item = view.chapter_items()[index]
        view.scrollToItem(item)
        rect = view.visualItemRect(item)
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        return Step(f"chapter row {index}", self.heard_target(episode, CHAPTERS_S[index]))

    def click_timestamp(self, episode: Episode, index: int) -> Step:
        self.window.select_episode(episode.id)
        view = self.window.notes_view
        href = f"seek:{CHAPTERS_S[index] * 1000}"
        doc = view.document()
        found = None
        block = doc.begin()
        while block.isValid() and found is None:
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.charFormat().anchorHref() == href:
                    found = fragment.position()
                    break
                it += 1
            block = block.next()
        assert found is not None, f"no link {href} in the notes"
        cursor = QTextCursor(doc)
        cursor.setPosition(found + 1)
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
        rect = view.cursorRect(cursor)
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        return Step(f"timestamp link {index}", self.heard_target(episode, CHAPTERS_S[index]))

    def click_bookmark(self, episode: Episode) -> Step:
        ui = self.window.bookmarks_ui
        view = ui.library_view
        self.window.left_tabs.setCurrentWidget(view)
        bookmark = self.bookmarks[episode.id]
        row = next(r for r in range(view.model.rowCount()) if view.model.bookmark(r).id == bookmark.id)
        rect = view.view.visualRect(view.view.model().index(row, 2))
        self.qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        return Step("bookmark row", self.heard_target(episode, bookmark.position_ms / 1000))

    def search_enter(self, episode: Episode, index: int) -> Step:
        field = self.window.search_field
        field.setFocus()
        field.clear()
        tag = f"{self.name}{'AB'[[e.id for e in self.episodes].index(episode.id)]}"
        query = f"{tag}x{index}"  # ASCII: QTest types no CJK (an input method would)
        with self.qtbot.waitSignal(self.window.search.results_changed, timeout=5000):
            self.qtbot.keyClicks(field, query)
        self.qtbot.keyClick(field, Qt.Key.Key_Return)
        return Step(f"search hit {query!r}", self.heard_target(episode, CHAPTERS_S[index]))

    def button(self, name: str) -> Step:
        bar = self.window.player_bar
        episode = self.playing()
        position_s = self.controller.position_ms() / 1000
        if name == "next chapter":
            target = next(s for s in CHAPTERS_S if s > position_s)
        elif name == "previous chapter":
            earlier = [s for s in CHAPTERS_S if s <= position_s]
            target = earlier[-1] if position_s - earlier[-1] > 3 else earlier[-2]
        elif name == "skip back":
            target = position_s - self.controller.skip_back_ms / 1000
        else:
            target = position_s + self.controller.skip_forward_ms / 1000
        widget = {
            "next chapter": bar.next_chapter_button,
            "previous chapter": bar.previous_chapter_button,
            "skip back": bar.skip_back_button,
            "skip forward": bar.skip_forward_button,
        }[name]
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        return Step(f"{name} button", self.heard_target(episode, target))

    def click_seek_bar(self, fraction: float) -> Step:
        slider = self.window.player_bar.slider
        episode = self.playing()
        x = int(slider.width() * fraction)
        target_ms = slider.value_at_x(x)
        self.qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(x, slider.height() // 2))
        return Step("seek bar click", self.heard_target(episode, target_ms / 1000))

    def drag_seek_bar(self, fraction: float) -> Step:
        slider = self.window.player_bar.slider
        episode = self.playing()
        y = slider.height() // 2
        handle_x = slider.x_for_value(slider.value())
        x = int(slider.width() * fraction)
        self.qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=QPoint(handle_x, y))
        for step in range(1, 6):
            self.qtbot.mouseMove(slider, QPoint(handle_x + (x - handle_x) * step // 5, y))
        target_ms = slider.value()
        self.qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
        return Step("seek bar drag", self.heard_target(episode, target_ms / 1000))

    def _dbus(self, member: str, *args: str) -> None:
        from companion.desktop.mpris import OBJECT_PATH, PLAYER_IFACE, SERVICE

        cmd = [
            "dbus-send",
            f"--bus={self.bus}",
            "--print-reply",
            f"--dest={SERVICE}",
            OBJECT_PATH,
            f"{PLAYER_IFACE}.{member}",
            *args,
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10_000)
        out, err = proc.communicate()
        assert proc.returncode == 0, err

    def mpris_set_position(self, position_s: float) -> Step:
        from companion.desktop.mpris import track_id

        episode = self.playing()
        self._dbus("SetPosition", f"objpath:{track_id(episode.id)}", f"int64:{int(position_s * 1_000_000)}")
        return Step("MPRIS SetPosition", self.heard_target(episode, position_s))

    def mpris_seek(self, offset_s: float) -> Step:
        episode = self.playing()
        before = self.controller.position_ms() / 1000
        self._dbus("Seek", f"int64:{int(offset_s * 1_000_000)}")
        # the player took the call somewhere between: its position then plus the offset is the target
        after = self.controller.position_ms() / 1000 - offset_s
        target = (before + after) / 2 + offset_s
        return Step(
            f"MPRIS Seek {offset_s:+g} s", self.heard_target(episode, target), abs(after - before) / 2
        )

    def relaunch_and_play(self) -> Step:
        """Quit, start again, press ▶: the episode resumes where it was left."""
        episode = self.playing()
        self.controller.pause()
        self.qtbot.waitUntil(lambda: self.controller.state() != PlaybackState.PLAYING, timeout=5000)
        self.close()
        saved_ms = Library(self.library_path).episode(episode.id).position_ms
        self.open()
        self.qtbot.waitUntil(lambda: self.controller.episode is not None, timeout=5000)
        self.qtbot.mouseClick(self.window.player_bar.play_button, Qt.MouseButton.LeftButton)
        return Step("resume after relaunch", self.heard_target(episode, saved_ms / 1000))

    # ----- listening ------------------------------------------------------------------------------

    def _loop_ran(self, start: float, end: float) -> bool:
        """True when the event loop kept its pulse from ``start`` to ``end`` (no gap over 0.3 s)."""
        inside = [start, *(t for t in self.pulses if start < t < end), end]
        return max(b - a for a, b in zip(inside, inside[1:], strict=False)) <= 0.3

    def judge(self, step: Step) -> Verdict:
        verdict = self.ear.judge(f"{self.name} {step.what}", step.target_s, self.rate, step.slack_s)
        # what the window showed meanwhile: moving on every poll, never back (a frozen or jumping clock)
        shown = [(t, ms) for t, ms in self.shown if self.acted_at + 1.0 <= t <= self.acted_at + CLEAN_S]
        if self.controller.state() == PlaybackState.PLAYING and len(shown) > 1:
            gaps = [(a[0], b[0]) for a, b in zip(shown, shown[1:], strict=False)]
            back = [a[1] - b[1] for a, b in zip(shown, shown[1:], strict=False)]
            stood = [b - a for a, b in gaps if b - a > 0.7 and self._loop_ran(a, b)]
            if stood:
                verdict.problems.append(f"the shown time stood still for {max(stood):.1f} s")
            if max(back) > 300:
                verdict.problems.append(f"the shown time went back by {max(back) / 1000:.1f} s")
        return verdict
