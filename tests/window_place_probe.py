"""Opens the real window in a fresh process on the screens a config file describes, maybe moves or
maximises it, closes it as the app does, and prints where it was shown and closed (one JSON line).

Run as ``window_place_probe.py LIBRARY SCREENS.json [move:X,Y,W,H | max]``."""

import json
import os
import sys

os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={sys.argv[2]}"

from PySide6.QtWidgets import QApplication  # noqa: E402

from companion.app import CompanionApp  # noqa: E402
from companion.library import Library  # noqa: E402

qapp = QApplication([])
app = CompanionApp(Library(sys.argv[1]), ["--aout=dummy"])
window = app.window
window.show()
qapp.processEvents()


def state() -> dict:
    screen = window.screen()
    return {
        "geometry": list(window.geometry().getRect()),
        "screen": screen.name(),
        "room": list(screen.availableGeometry().getRect()),
        "scale": screen.devicePixelRatio(),
        "maximized": window.isMaximized(),
    }


shown = state()
action = sys.argv[3] if len(sys.argv) > 3 else ""
if action.startswith("move:"):
    x, y, width, height = map(int, action[5:].split(","))
    window.resize(width, height)
    window.move(x, y)
    qapp.processEvents()
elif action == "max":
    window.showMaximized()
    qapp.processEvents()
closed = state()
window.close()
app.shutdown()
print(json.dumps({"shown": shown, "closed": closed}))
