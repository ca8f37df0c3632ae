"""A click on a transcript cue, heard: the first audio after it comes from the cue's start, then plays on.

One real window with VLC's afile output (the listening tests' session and ear); the cue is clicked in
an episode that is not playing, twice (starting playback, then switching episode)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from companion.domain import Episode, FetchedTranscript
from companion.transcripts import Cue
from listening.plan import make_sessions, run_round
from listening.session import EPISODE_S, ListeningSession, Step

CUE_EVERY_S = 10


def store_cues(session: ListeningSession) -> None:
    """Every episode of the session gets a cue every ten seconds, naming its moment."""
    for episode in session.episodes:
        cues = tuple(
            Cue(s * 1000, (s + CUE_EVERY_S) * 1000, "Host", f"{episode.title} at {s} seconds")
            for s in range(0, EPISODE_S, CUE_EVERY_S)
        )
        session.app.library.store_transcript(episode.id, FetchedTranscript(None, format="vtt", cues=cues))


def click_cue(session: ListeningSession, episode: Episode, second: int) -> Step:
    """Select the episode, open its Transcript tab and click the cue starting at ``second``."""
    window = session.window
    window.select_episode(episode.id)
    pane = window.transcript_ui.pane
    window.detail_tabs.setCurrentWidget(pane)
    view = pane.view
    session.qtbot.waitUntil(lambda: view.cue_model.rowCount() == EPISODE_S // CUE_EVERY_S, timeout=5000)
    row = second // CUE_EVERY_S
    view.show_row(row)
    rect = view.visualRect(view.cue_model.index(row))
    session.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return Step(f"transcript cue at {second} s", session.heard_target(episode, second))


def test_a_clicked_cue_is_heard_at_its_start(qtbot, tmp_path, position_audio, audio_server, private_buses):
    session = make_sessions(qtbot, tmp_path, position_audio, audio_server, private_buses, only=("S1",))[0]
    verdicts = []
    try:
        store_cues(session)
        run_round(qtbot, [session], [lambda s: click_cue(s, s.episodes[0], 610)], verdicts)
        run_round(qtbot, [session], [lambda s: click_cue(s, s.other(), 330)], verdicts)
    finally:
        session.close()
    print("\n".join(str(v) for v in verdicts))
    assert [v.ok for v in verdicts] == [True, True], "\n".join(str(v) for v in verdicts)
