"""Opens the real window in fresh processes at a scale factor, resizes, closes, and reports the sizes.

Run as ``window_size_probe.py LIBRARY STEP [WIDTH HEIGHT]``: prints the screen's available size and
the window's size once shown (then, with WIDTH HEIGHT, resizes it) and closes it as the app does."""

import json
import os
import sys

os.environ["QT_QPA_PLATFORM"] = os.environ.get("PROBE_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from companion.app import CompanionApp  # noqa: E402
from companion.library import Library  # noqa: E402

qapp = QApplication([])
app = CompanionApp(Library(sys.argv[1]), ["--aout=dummy"])
window = app.window
window.show()
qapp.processEvents()
shown = window.size()
if len(sys.argv) > 3:
    window.resize(int(sys.argv[2]), int(sys.argv[3]))
    qapp.processEvents()
closed = window.size()
window.close()
app.shutdown()
room = qapp.primaryScreen().availableGeometry()
print(
    json.dumps(
        {
            "scale": qapp.primaryScreen().devicePixelRatio(),
            "room": [room.width(), room.height()],
            "shown": [shown.width(), shown.height()],
            "closed": [closed.width(), closed.height()],
        }
    )
)
