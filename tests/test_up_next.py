"""Up Next in the real window: each entry's time left follows the listening, the playing one's live."""

from __future__ import annotations

from companion.domain import PlaybackState
from companion.services.tones import write_tone_wav


def _rows(window) -> list[str]:
    model = window.queue_model
    return [model.data(model.index(r)) for r in range(model.rowCount())]


def test_time_left_follows_the_position(make_window, library, tone_episode, tmp_path, qtbot):
    other = library.add_episode(
        tone_episode.podcast_id,
        "Twenty seconds",
        audio_path=str(write_tone_wav(tmp_path / "b.wav", [(20, 660)])),
        duration_ms=20_000,
    )
    app = make_window()
    window = app.window
    window.add_to_queue(tone_episode.id)
    window.add_to_queue(other.id)
    assert _rows(window)[0].endswith("1:30 left") and _rows(window)[1].endswith("0:20 left")
    # the playing episode's entry counts down as it plays and jumps with a seek
    app.controller.play_episode(tone_episode.id, 40_000)
    qtbot.waitUntil(lambda: _rows(window)[0].endswith("0:50 left"), timeout=5000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    qtbot.waitUntil(lambda: _rows(window)[0].endswith("0:48 left"), timeout=5000)
    app.controller.seek(80_000)
    qtbot.waitUntil(lambda: _rows(window)[0].endswith("0:10 left"), timeout=5000)
    # another entry changes when its stored progress does (marked played from its context menu)
    app.controller.mark_played(other.id, True)
    assert _rows(window)[1].endswith("played")
    app.controller.mark_played(other.id, False)
    assert _rows(window)[1].endswith("0:20 left")
    # an entry added later counts from where it was left
    third = library.add_episode(tone_episode.podcast_id, "Half heard", duration_ms=600_000)
    library.save_position(third.id, 540_000)
    window.add_to_queue(third.id)
    assert _rows(window)[2].endswith("1:00 left")
    window.remove_from_queue(other.id)
    assert len(_rows(window)) == 2 and _rows(window)[1].endswith("1:00 left")
