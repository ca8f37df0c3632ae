"""Opens the real window in a fresh process (libvlc possibly broken by env) and reports the player bar."""

import ctypes
import json
import os
import sys

if os.environ.get("PROBE_PRELOAD"):
    ctypes.CDLL(os.environ["PROBE_PRELOAD"], mode=ctypes.RTLD_GLOBAL)
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from companion.app import CompanionApp  # noqa: E402
from companion.library import Library  # noqa: E402

qapp = QApplication([])
library = Library(sys.argv[1])
app = CompanionApp(library, ["--aout=dummy"])
app.window.show()
qapp.processEvents()
before = app.window.player_bar.message_label.text()
app.window.select_episode(1)
app.window.notes_view.activate_link(QUrl("seek:30000"))
qapp.processEvents()
print(
    json.dumps(
        {
            "available": app.controller.available,
            "message": before,
            "visible": app.window.player_bar.message_label.isVisible(),
            "after_click": app.window.player_bar.message_label.text(),
            "episodes": app.window.episode_model.rowCount(),
            "notes": app.window.notes_view.toPlainText()[:200],
        }
    )
)
app.shutdown()
