"""The listening plan: seven real windows at once, each seek way at 1x and 2x, over files, HTTP and
downloads, judged by ear. Shared by the listening test and the click-to-audio benchmark."""

from __future__ import annotations

from pathlib import Path

from pytestqt.exceptions import TimeoutError

from companion.feeds.download import download_episode_file
from listening.ear import CLEAN_S, Verdict
from listening.positional import write_position_wav
from listening.session import EPISODE_S, OFFSETS_S, ListeningSession

ROUND_TIMEOUT_MS = 12_000


def make_sessions(
    qtbot, tmp_path, position_audio, audio_server, bus_factory, only: tuple[str, ...] | None = None
) -> list[ListeningSession]:
    """The seven sessions: S1-S6 at 1x/2x over a file, HTTP with Range, a download; S7 without Range
    (or those named in ``only``)."""
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
        if only is not None and name not in only:
            continue
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
        bus = bus_factory()
        assert bus is not None, "dbus-daemon is missing: `make test` installs it (package dbus)"
        sessions.append(ListeningSession(qtbot, tmp_path, name, rate, media, bus))
    return sessions


def run_round(qtbot, sessions, actions, verdicts) -> None:
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


def position_audio_files(root: Path) -> dict[str, Path]:
    """Episode A and episode B: 20 minutes each, never sounding alike."""
    return {
        key: write_position_wav(root / f"{key}.wav", EPISODE_S, offset)
        for key, offset in zip("AB", OFFSETS_S, strict=True)
    }


def run_plan(qtbot, sessions: list[ListeningSession]) -> list[Verdict]:
    """Every round of seeks in every session; the verdicts (the sessions are closed afterwards)."""
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
    ]
    verdicts: list[Verdict] = []
    try:
        for actions in plan:
            run_round(qtbot, sessions, actions, verdicts)
    finally:
        for session in sessions:
            session.close()
    return verdicts
