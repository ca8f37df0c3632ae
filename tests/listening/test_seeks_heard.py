"""Every way to seek, heard: the first audio after it comes from the target, then plays on without a jump.

Seven real windows play at once (1x and 2x; a local file, a stream over HTTP with Range, a downloaded
episode, a stream whose server takes no ranges), each through VLC's afile output; each seek is judged
on the decoded audio of the next 5 s, and on the time the window showed meanwhile.
"""

from __future__ import annotations

import shutil

from listening.plan import make_sessions, run_plan


def test_every_seek_is_heard_at_its_target_and_stays(
    qtbot, tmp_path, position_audio, audio_server, private_buses
):
    sessions = make_sessions(qtbot, tmp_path, position_audio, audio_server, private_buses)
    verdicts = run_plan(qtbot, sessions)
    print("\n".join(str(v) for v in verdicts))
    bad = [str(v) for v in verdicts if not v.ok]
    assert not bad, f"{len(bad)} of {len(verdicts)} seeks were not heard clean:\n" + "\n".join(bad)
    assert len(verdicts) == 42


def test_tooling_is_there():
    assert shutil.which("dbus-send"), "dbus-send is missing: `make test` installs it (package dbus)"
