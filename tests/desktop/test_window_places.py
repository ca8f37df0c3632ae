"""The window comes back where it was on every screen setup and scale (real processes, offscreen screens
from a config file): on the second monitor, at QT_SCALE_FACTOR=2 without spoiling the 1x place, back on
screen when its monitor is gone, maximised when it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).resolve().parent.parent / "window_place_probe.py"
SCREEN_A = {"name": "a", "x": 0, "y": 0, "width": 1600, "height": 1200, "logicalDpi": 96, "dpr": 1}
SCREEN_B = {"name": "b", "x": 1600, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "dpr": 1}


def _inside(geometry: list[int], room: list[int]) -> bool:
    x, y, w, h = geometry
    rx, ry, rw, rh = room
    return rx <= x and ry <= y and x + w <= rx + rw and y + h <= ry + rh


def test_the_window_comes_back_on_its_screen_at_every_scale(tmp_path):
    library = tmp_path / "library.db"
    two, one = tmp_path / "two.json", tmp_path / "one.json"
    two.write_text(json.dumps({"screens": [SCREEN_A, SCREEN_B]}), encoding="utf-8")
    one.write_text(json.dumps({"screens": [SCREEN_A]}), encoding="utf-8")

    def launch(screens: Path, *action: str, scale: str = "1") -> dict:
        env = {**os.environ, "QT_SCALE_FACTOR": scale, "PYTHONPATH": str(PROBE.parent.parent)}
        argv = [sys.executable, str(PROBE), str(library), str(screens), *action]
        result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    first = launch(two, "move:2000,100,900,700")
    assert first["closed"]["screen"] == "b"
    at_2x = launch(two, scale="2")["shown"]  # on the same monitor, shrunk to fit it at 2x
    assert (at_2x["screen"], at_2x["scale"]) == ("b", 2.0) and _inside(at_2x["geometry"], at_2x["room"])
    again = launch(two, "max")["shown"]  # back at 1x: the 1x place, not the shrunken one
    assert (again["screen"], again["geometry"][2:]) == ("b", [900, 700])
    assert again["geometry"][:2] == first["closed"]["geometry"][:2]
    gone = launch(one)["shown"]  # monitor b is gone: on screen a, still maximised
    assert gone["screen"] == "a" and gone["maximized"] and _inside(gone["geometry"], gone["room"])
