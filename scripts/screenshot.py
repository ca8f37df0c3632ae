"""Renders the real main window offscreen on a fresh demo library and saves a PNG (for the README).

python scripts/screenshot.py [OUT.png] [LANGUAGE]   # LANGUAGE: en (the default), zh_CN, zh_TW
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from companion.app import CompanionApp  # noqa: E402
from companion.library import Library  # noqa: E402
from companion.library.settings import store_settings  # noqa: E402
from companion.services.demo import ensure_demo  # noqa: E402


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out: str = "docs/screenshot.png", language: str = "en") -> int:
    qapp = QApplication([sys.argv[0]])
    qapp.setFont(QFont("WenQuanYi Micro Hei", 10))
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "library.db")
        store_settings(library, language=language)  # the window in that language, whatever LANG says
        ensure_demo(library)
        app = CompanionApp(library, ["--aout=dummy"])
        window = app.window
        window.resize(1280, 780)
        window.show()
        episode_id = window.episode_model.episode_id(0)
        window.select_episode(episode_id)
        chapters = library.chapters(episode_id)
        app.controller.play_episode(episode_id, chapters[min(3, len(chapters) - 1)].start_ms)
        wait(1500)
        app.controller.pause()
        wait(300)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(out)
        print(f"wrote {out}")
        app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
