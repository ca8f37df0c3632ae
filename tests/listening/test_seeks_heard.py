"""Every way to seek, heard: the first audio after it comes from the target, then plays on without a jump.

Six real windows play at once (1x and 2x; a local file, a stream over HTTP with Range, a downloaded
episode), each through VLC's afile output; each seek is judged on the decoded audio of the next 5 s.
"""

from __future__ import annotations

import shutil

from pytestqt.exceptions import TimeoutError

from companion.feeds.download import download_episode_file
from listening.ear import CLEAN_S
from listening.session import ListeningSession

ROUND_TIMEOUT_MS = 12_000


def _sessions(qtbot, tmp_path, position_audio, audio_server, private_buses):
    sessions = []
    for name, rate, kind in (
        ("S1", 1.0, "file"),
        ("S2", 2.0, "file"),
        ("S3", 1.0, "http"),
        ("S4", 2.0, "http"),
        ("S5", 1.0, "download"),
        ("S6", 2.0, "download"),
        ("S7", 1.0, "no-range"),  # a server without byte ranges: VLC cannot seek in it
    ):
        media = {}
        for key, path in position_audio.items():
            if kind == "file":
                media[key] = {"path": str(path)}
            else:
                url = audio_server.serve(f"{name}-{key}.wav", path, ranges=kind != "no-range")
                media[key] = {"url": url}
                if kind == "download":
                    dest = tmp_path / "media" / f"{name}-{key}.wav"
                    media[key]["downloaded"] = str(download_episode_file(url, dest))
        bus = private_buses()
        assert bus is not None, "dbus-daemon is missing: `make test` installs it (package dbus)"
        sessions.append(ListeningSession(qtbot, tmp_path, name, rate, media, bus))
    return sessions


def _try_round(qtbot, sessions, actions, verdicts) -> None:
    """Every session acts at once, then all listen until 5 s were heard after each landing; the verdicts."""
    steps = [session.act(action) for session, action in zip(sessions, actions, strict=True)]

    def all_heard() -> bool:
        return all(
            s.ear.heard_since_mark_s(st.target_s) >= CLEAN_S + 0.3
            for s, st in zip(sessions, steps, strict=True)
        )

    try:
        qtbot.waitUntil(all_heard, timeout=ROUND_TIMEOUT_MS)
    except TimeoutError:
        pass  # judged below: the verdict says what was heard instead
    verdicts.extend(session.judge(step) for session, step in zip(sessions, steps, strict=True))


def test_every_seek_is_heard_at_its_target_and_stays(
    qtbot, tmp_path, position_audio, audio_server, private_buses
):
    sessions = _sessions(qtbot, tmp_path, position_audio, audio_server, private_buses)
    A = lambda s: s.episodes[0]  # noqa: E731
    plan = [
        # round 0: nothing plays yet; a chapter click starts episode A at its third chapter
        [lambda s: s.click_chapter(A(s), 2)] * 7,
        [
            lambda s: s.click_timestamp(s.other(), 3),
            lambda s: s.click_timestamp(s.other(), 5),
            lambda s: s.click_bookmark(s.other()),
            lambda s: s.click_bookmark(s.other()),
            lambda s: s.search_enter(s.other(), 4),
            lambda s: s.search_enter(s.other(), 6),
            lambda s: s.click_chapter(s.playing(), 5),  # S7: forward where VLC cannot seek
        ],
        [
            lambda s: s.button("next chapter"),
            lambda s: s.button("next chapter"),
            lambda s: s.button("previous chapter"),
            lambda s: s.button("previous chapter"),
            lambda s: s.button("skip forward"),
            lambda s: s.button("skip forward"),
            lambda s: s.button("skip back"),  # S7: back where VLC cannot seek
        ],
        [
            lambda s: s.click_seek_bar(0.6),
            lambda s: s.click_seek_bar(0.35),
            lambda s: s.drag_seek_bar(0.8),
            lambda s: s.drag_seek_bar(0.25),
            lambda s: s.click_chapter(s.playing(), 7),
            lambda s: s.click_chapter(s.playing(), 1),
            lambda s: s.click_timestamp(s.other(), 3),
        ],
        [
            lambda s: s.mpris_set_position(300),
            lambda s: s.mpris_set_position(845.5),
            lambda s: s.mpris_seek(45),
            lambda s: s.mpris_seek(-20),
            lambda s: s.relaunch_and_play(),
            lambda s: s.relaunch_and_play(),
            lambda s: s.mpris_set_position(100),
        ],
        [
            lambda s: s.button("skip back"),
            lambda s: s.button("skip back"),
            lambda s: s.button("skip forward"),
            lambda s: s.button("skip forward"),
            lambda s: s.click_seek_bar(0.5),
            lambda s: s.drag_seek_bar(0.7),
            lambda s: s.button("next chapter"),
        ],
        [
            lambda s: s.relaunch_and_play(),
            lambda s: s.relaunch_and_play(),
            lambda s: s.click_chapter(s.playing(), 4),
            lambda s: s.click_chapter(s.playing(), 6),
            lambda s: s.click_timestamp(s.other(), 2),
            lambda s: s.mpris_seek(60),
            lambda s: s.relaunch_and_play(),
        ],
    ]
    verdicts = []
    try:
        for actions in plan:
            _try_round(qtbot, sessions, actions, verdicts)
    finally:
        for session in sessions:
            session.close()
    print("\n".join(str(v) for v in verdicts))
    bad = [str(v) for v in verdicts if not v.ok]
    assert not bad, f"{len(bad)} of {len(verdicts)} seeks were not heard clean:\n" + "\n".join(bad)
    assert len(verdicts) == 49


def test_tooling_is_there():
    assert shutil.which("dbus-send"), "dbus-send is missing: `make test` installs it (package dbus)"
