"""Settings are one typed object (``companion.library.settings``): defaults, validation, stored as
before; a malformed stored value never stops the window from starting, it reads as its default."""

from __future__ import annotations

import dataclasses

import pytest

from companion.library.settings import KEYS, Settings, read_settings, store_settings

GARBAGE = ["garbage", "", "  ", "nan", "inf", "-1", "1e999", "99999999999999999999", "0x10", "½", "\x00"]


def test_a_new_library_has_the_defaults(library):
    assert read_settings(library) == Settings()
    assert (
        Settings().skip_back_ms == 10_000 and Settings().rate == 1.0 and Settings().color_scheme == "system"
    )


def test_typed_values_are_stored_in_the_old_text_form(library):
    store_settings(library, skip_back_ms=5_000, rate=1.25, volume=40, color_scheme="dark", last_episode_id=7)
    store_settings(library, demo_hint_done=True, auto_refresh_minutes=0, last_refresh_at=1_700_000_000)
    stored = {key: library.setting(key) for key in KEYS}
    assert stored == {
        "skip_back_ms": "5000",
        "skip_forward_ms": None,
        "rate": "1.25",
        "volume": "40",
        "auto_refresh_minutes": "0",
        "last_refresh_at": "1700000000",
        "color_scheme": "dark",
        "demo_hint_done": "1",
        "last_episode_id": "7",
        "directory": None,
        "directory_consent_apple": None,
        "directory_consent_podcastindex": None,
        **dict.fromkeys(
            (
                "sync_account",
                "sync_last_at",
                "sync_subscriptions_since",
                "sync_actions_since",
                "sync_last_error",
            )
        ),
    }
    store_settings(library, directory="podcastindex", directory_consent_podcastindex="no")
    assert (library.setting("directory"), library.setting("directory_consent_podcastindex")) == (
        "podcastindex",
        "no",
    )
    store_settings(library, directory="apple", directory_consent_podcastindex="")  # "": ask again
    assert library.setting("directory_consent_podcastindex") is None
    assert read_settings(library) == Settings(
        skip_back_ms=5_000,
        rate=1.25,
        volume=40,
        auto_refresh_minutes=0,
        last_refresh_at=1_700_000_000,
        color_scheme="dark",
        demo_hint_done=True,
        last_episode_id=7,
    )


@pytest.mark.parametrize(
    "change",
    [
        {"volume": 101},
        {"volume": True},
        {"rate": 0.1},
        {"rate": float("nan")},
        {"skip_back_ms": 0},
        {"color_scheme": "purple"},
        {"directory": "altavista"},
        {"directory_consent_apple": "maybe"},
        {"auto_refresh_minutes": -1},
        {"no_such_setting": 1},
        {"skip_forward_ms": 5_000, "volume": -5},  # one bad value: nothing is written
    ],
)
def test_a_bad_typed_value_is_refused_and_nothing_is_written(library, change):
    with pytest.raises(ValueError):
        store_settings(library, **change)
    assert read_settings(library) == Settings()
    assert all(library.setting(key) is None for key in KEYS)


@pytest.mark.parametrize("text", GARBAGE)
def test_a_malformed_stored_value_reads_as_its_default(library, text):
    for key in KEYS:
        library.set_setting(key, text)
    settings = read_settings(library)
    # any text means "read"; a sync error is any one line
    assert dataclasses.replace(settings, demo_hint_done=False, sync_last_error="") == Settings()
    for key in KEYS:
        if key not in ("demo_hint_done", "sync_last_error"):
            assert library.setting(key, "fallback") == "fallback"  # a text reader sees no garbage either


def test_the_player_accepts_the_speeds_the_settings_do():
    from companion.playback import backend

    assert (backend.MIN_RATE, backend.MAX_RATE) == (0.5, 3.0)


@pytest.mark.parametrize("text", ["garbage", "-1", "nan", "1e999", "99999999999999999999"])
def test_the_window_starts_on_garbage_in_every_setting(text, make_window, library, tone_episode, qtbot):
    for key in (*KEYS, "window_layout", "window_geometry", "window_state", "demo_created"):
        library.set_setting(key, text)
    app = make_window()
    qtbot.waitUntil(lambda: app.window.isVisible())
    controller = app.controller
    assert (controller.skip_back_ms, controller.skip_forward_ms) == (10_000, 30_000)
    assert (controller.rate, controller.volume) == (1.0, 100)
    assert app.window.appearance.scheme.value == "system"
    assert app.window.episode_model.rowCount() == 1
    # and it works: a skip moves by the default, a speed change is stored in the old form
    controller.faster()
    assert library.setting("rate") == "1.1"
    dialog = app.window.show_preferences()  # shows the defaults, and OK stores them typed
    assert (dialog.skip_back.value(), dialog.skip_forward.value(), dialog.refresh_minutes.value()) == (
        10,
        30,
        60,
    )
    dialog.accept()
    assert (library.setting("skip_back_ms"), library.setting("auto_refresh_minutes")) == ("10000", "60")


@pytest.mark.parametrize("text", ["garbage", "nan", "1e999", "-1"])
def test_the_refresh_at_start_reads_garbage_as_the_default(text, library, qtbot):
    # FeedJobs reads these two keys as text: Library.setting hands it the default, not the garbage
    from companion.jobs.feed_jobs import FeedJobs

    library.set_setting("auto_refresh_minutes", text)
    library.set_setting("last_refresh_at", text)
    assert FeedJobs(library).refresh_if_due() is False  # no subscriptions: nothing to refresh
    assert read_settings(library).auto_refresh_minutes == 60
