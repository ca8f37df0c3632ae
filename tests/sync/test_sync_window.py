"""Sync in the real window against real servers: the dialog (opened twice), a wrong password, syncs after
pauses, the playing episode's offer, linking devices, and a server that stopped."""

from __future__ import annotations

import time
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sync_servers import PASSWORD, start_server

from companion import sync
from companion.domain import PlaybackState
from companion.library import Library

WAIT_MS = 30_000


def _cast(library: Library, feeds, name: str, tone_wav) -> list[int]:
    """The podcast ``name`` as our feed host serves it, its two episodes playable from the tone file."""
    url = feeds.feed(name, episodes=2, minutes=1)
    podcast = library.add_podcast(name, feed_url=url)
    return [
        library.add_episode(
            podcast.id, f"{name} episode {i}", guid=f"{name}-guid-{i}",
            audio_url=f"{feeds.base}/audio/{name}-{i}.mp3", audio_path=str(tone_wav), duration_ms=90_000,
        ).id
        for i in (1, 2)
    ]  # fmt: skip


def _wait_synced(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.sync_ui.jobs.running, timeout=WAIT_MS)


def _fill(dialog, url: str, user: str, password: str) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData("gpodder"))
    dialog.url.setText(url)
    dialog.user.setText(user)
    dialog.password.setText(password)
    dialog.device_name.setText("Desk")


def test_log_in_through_the_dialog_opened_twice(make_window, qtbot, library, opodsync):
    window = make_window().window
    user = opodsync.new_account()
    dialog = window.sync_ui.show_dialog()
    assert dialog.account_label.text() == "Not logged in." and not dialog.sync_button.isEnabled()
    _fill(dialog, opodsync.url, user, "not-the-password")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.busy.isVisible()  # the window goes on while the server is asked
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=WAIT_MS)
    assert "refused the user name or password" in dialog.error_label.text()
    assert "\n" not in dialog.error_label.text() and sync.account_of(library) is None

    _fill(dialog, opodsync.url, user, PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Logged in as" in dialog.account_label.text(), timeout=WAIT_MS)
    assert not dialog.error_label.isVisible() and dialog.password.text() == ""
    _wait_synced(qtbot, window)  # logging in syncs at once
    qtbot.waitUntil(lambda: dialog.status_label.text().startswith("Last synced"), timeout=WAIT_MS)
    assert dialog.pending_label.text() == "0 change(s) waiting to be sent"
    dialog.close_box.button(QDialogButtonBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    again = window.sync_ui.show_dialog()
    assert again is not dialog and again.isVisible()
    assert (again.url.text(), again.user.text(), again.device_name.text()) == (opodsync.url, user, "Desk")
    assert again.status_label.text().startswith("Last synced") and again.sync_button.isEnabled()
    with qtbot.waitSignal(window.sync_ui.jobs.finished, timeout=WAIT_MS):
        qtbot.mouseClick(again.full_button, Qt.MouseButton.LeftButton)
    assert "Synced:" in window.statusBar().currentMessage()
    qtbot.mouseClick(again.logout_button, Qt.MouseButton.LeftButton)
    assert again.account_label.text() == "Not logged in." and sync.account_of(library) is None


def test_pauses_make_one_sync_after_the_delay(
    make_window, qtbot, library, opodsync, feeds, tone_wav, tmp_path
):
    user = opodsync.new_account()
    name = "pause" + uuid.uuid4().hex[:6]
    desk_ids = _cast(library, feeds, name, tone_wav)
    sync.login(library, "gpodder", opodsync.url, user, PASSWORD, "Desk")
    app = make_window()
    jobs = app.window.sync_ui.jobs
    with qtbot.waitSignal(jobs.finished, timeout=WAIT_MS):
        jobs.sync()
    jobs.pause_timer.setInterval(1500)  # the tests' short delay (20 s in the app)
    starts: list[int] = []
    jobs.started.connect(lambda: starts.append(1))
    controller = app.controller
    controller.play_episode(desk_ids[0], 20_000)
    qtbot.waitUntil(lambda: controller.position_ms() > 21_000, timeout=WAIT_MS)
    for _ in range(2):  # two pauses close together: one sync
        with qtbot.waitSignal(controller.state_changed, check_params_cb=lambda s: s == PlaybackState.PAUSED):
            controller.pause()
        assert not starts and jobs.pause_timer.isActive()
        controller.play()
        qtbot.waitUntil(lambda: controller.state() == PlaybackState.PLAYING, timeout=WAIT_MS)
    with qtbot.waitSignal(controller.state_changed, check_params_cb=lambda s: s == PlaybackState.PAUSED):
        controller.pause()
    paused_at = library.episode(desk_ids[0]).position_ms
    assert sync.pending_count(library) >= 1 and not starts
    with qtbot.waitSignal(jobs.finished, timeout=WAIT_MS):
        pass
    qtbot.wait(300)
    assert starts == [1] and sync.pending_count(library) == 0

    phone = Library(tmp_path / "phone.db")
    phone_ids = _cast(phone, feeds, name, tone_wav)
    sync.login(phone, "gpodder", opodsync.url, user, PASSWORD, "Phone")
    sync.sync_now(phone)
    assert phone.episode(phone_ids[0]).position_ms == pytest.approx(paused_at, abs=1000)  # in seconds
    phone.close()


def test_the_playing_episode_is_offered_and_the_rest_moves(
    make_window, qtbot, library, opodsync, feeds, tone_wav, tmp_path
):
    user = opodsync.new_account()
    name = "offer" + uuid.uuid4().hex[:6]
    desk_ids = _cast(library, feeds, name, tone_wav)
    phone = Library(tmp_path / "phone.db")
    phone_ids = _cast(phone, feeds, name, tone_wav)
    sync.login(library, "gpodder", opodsync.url, user, PASSWORD, "Desk")
    sync.login(phone, "gpodder", opodsync.url, user, PASSWORD, "Phone")
    phone_device = sync.account_of(phone).device_id
    app = make_window()
    window, controller = app.window, app.controller
    jobs = window.sync_ui.jobs
    jobs.pause_timer.setInterval(600_000)  # only the syncs this test asks for
    controller.play_episode(desk_ids[0], 5_000)
    qtbot.waitUntil(lambda: controller.position_ms() > 6_000, timeout=WAIT_MS)
    controller.pause()
    qtbot.waitUntil(lambda: controller.state() == PlaybackState.PAUSED, timeout=WAIT_MS)
    here = controller.position_ms()
    time.sleep(1.1)  # the phone listens later than the desk paused: its place is the newest
    sync.sync_now(phone)
    phone.save_position(phone_ids[0], 61_000)
    phone.save_position(phone_ids[1], 30_000)
    sync.sync_now(phone)
    phone.close()

    window.sync_ui.sync_action.trigger()
    qtbot.waitUntil(window.sync_ui.offer.isVisible, timeout=WAIT_MS)
    button = window.sync_ui.offer.continue_button
    assert button.text() == f"Continue at 1:01 from {phone_device}"
    assert controller.position_ms() == pytest.approx(here, abs=500)  # not moved under the listener
    assert library.episode(desk_ids[0]).position_ms == pytest.approx(here, abs=500)
    # the episode not in the player simply moved, and the list shows it without a restart
    assert library.episode(desk_ids[1]).position_ms == 30_000
    model = window.episode_model
    assert model.index(model.row_of(desk_ids[1]), model.PROGRESS).data() == "33%"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not window.sync_ui.offer.isVisible()
    controller.play()
    qtbot.waitUntil(lambda: 61_500 < controller.position_ms() < 70_000, timeout=WAIT_MS)


def test_dismiss_keeps_the_listener_where_they_are(make_window, qtbot, library, feeds, tone_wav):
    desk_ids = _cast(library, feeds, "stay" + uuid.uuid4().hex[:6], tone_wav)
    app = make_window()
    controller, offer = app.controller, app.window.sync_ui.offer
    controller.play_episode(desk_ids[0], 10_000)
    qtbot.waitUntil(lambda: controller.position_ms() > 11_000, timeout=WAIT_MS)
    offer.show_offer(sync.Offer(desk_ids[0], 50_000, "the-phone", int(time.time())))
    assert offer.isVisible() and offer.continue_button.text() == "Continue at 0:50 from the-phone"
    offer.dismiss_button.click()
    qtbot.wait(500)
    assert not offer.isVisible() and controller.position_ms() < 20_000
    offer.show_offer(sync.Offer(desk_ids[1], 50_000, "the-phone", int(time.time())))
    assert not offer.isVisible()  # another episode than the one in the player: no offer


def test_a_stopped_server_keeps_the_outbox_and_says_so(
    make_window, qtbot, library, feeds, tone_wav, tmp_path_factory
):
    server = start_server("opodsync", tmp_path_factory)
    try:
        user = server.new_account()
        ids = _cast(library, feeds, "stopped" + uuid.uuid4().hex[:6], tone_wav)
        sync.login(library, "gpodder", server.url, user, PASSWORD, "Desk")
        sync.sync_now(library)
        library.save_position(ids[0], 42_000)
        library.set_played(ids[1], True)
    finally:
        server.stop()
    before = library.db.conn.execute("SELECT * FROM sync_outbox WHERE sent_at IS NULL").fetchall()
    assert len(before) == 2
    window = make_window().window
    with qtbot.waitSignal(window.sync_ui.jobs.failed, timeout=WAIT_MS):
        window.sync_ui.sync_action.trigger()
    line = window.statusBar().currentMessage()
    assert (
        line.startswith("Sync failed: Cannot reach the sync server") and "kept" in line and "\n" not in line
    )
    assert library.db.conn.execute("SELECT * FROM sync_outbox WHERE sent_at IS NULL").fetchall() == before
    dialog = window.sync_ui.show_dialog()
    assert dialog.status_label.text().startswith("The last sync failed: Cannot reach the sync server")
    assert dialog.pending_label.text() == "2 change(s) waiting to be sent"


def test_devices_are_listed_and_linked_in_the_dialog(make_window, qtbot, library, gfr, tmp_path):
    user = gfr.new_account()
    phone = Library(tmp_path / "phone.db")
    sync.login(phone, "gpodder", gfr.url, user, PASSWORD, "Phone")
    phone_device = sync.account_of(phone).device_id
    phone.close()
    window = make_window().window
    dialog = window.sync_ui.show_dialog()
    _fill(dialog, gfr.url, user, PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Logged in as" in dialog.account_label.text(), timeout=WAIT_MS)
    _wait_synced(qtbot, window)
    assert dialog.devices_part.isVisible()
    qtbot.mouseClick(dialog.list_devices_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.devices.count() == 1, timeout=WAIT_MS)
    item = dialog.devices.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == phone_device and "Phone" in item.text()
    item.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(window.sync_ui.jobs.linked, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text() == "Devices linked: they share subscriptions now."


def test_another_devices_podcasts_and_marks_show_without_a_restart(
    make_window, qtbot, library, opodsync, feeds, tmp_path
):
    from companion.library.unsubscribe import unsubscribe
    from companion.services import subscribe

    user = opodsync.new_account()
    name = "phone" + uuid.uuid4().hex[:6]
    phone = Library(tmp_path / "phone.db")
    sync.login(phone, "gpodder", opodsync.url, user, PASSWORD, "Phone")
    sync.login(library, "gpodder", opodsync.url, user, PASSWORD, "Desk")
    subscribe(phone, feeds.feed(name, episodes=3, minutes=1))
    played = phone.db.conn.execute(
        "SELECT id FROM episodes WHERE title = ?", [f"{name} episode 2"]
    ).fetchone()[0]
    phone.set_played(played, True)
    sync.sync_now(phone)
    window = make_window().window
    model = window.episode_model
    titles = lambda: {model.index(r, model.TITLE).data() for r in range(model.rowCount())}  # noqa: E731
    assert f"{name} episode 2" not in titles()

    with qtbot.waitSignal(window.jobs.feeds_added, timeout=WAIT_MS):
        window.sync_ui.sync_action.trigger()
    qtbot.waitUntil(lambda: f"{name} episode 2" in titles(), timeout=WAIT_MS)
    episode = library.db.conn.execute(
        "SELECT id FROM episodes WHERE title = ?", [f"{name} episode 2"]
    ).fetchone()[0]
    assert model.index(model.row_of(episode), model.PROGRESS).data() == "Played"
    assert sync.pending_count(library) == 0  # the feed came from the server: not sent back

    unsubscribe(phone, phone.subscriptions()[0].id)
    sync.sync_now(phone)
    phone.close()
    with qtbot.waitSignal(window.jobs.unsubscribed, timeout=WAIT_MS):
        window.sync_ui.sync_action.trigger()
    qtbot.waitUntil(lambda: f"{name} episode 2" not in titles(), timeout=WAIT_MS)
    assert library.subscriptions() == [] and sync.pending_count(library) == 0


def test_syncs_follow_refresh_all_and_start_when_the_last_is_old(
    make_window, qtbot, library, opodsync, feeds
):
    from companion.library.settings import store_settings

    user = opodsync.new_account()
    library.add_podcast("Refreshed", feed_url=feeds.feed("refreshed" + uuid.uuid4().hex[:6]))
    sync.login(library, "gpodder", opodsync.url, user, PASSWORD, "Desk")
    window = make_window().window
    jobs = window.sync_ui.jobs
    with qtbot.waitSignal(jobs.finished, timeout=WAIT_MS):
        assert jobs.sync_if_due()  # never synced
    assert not jobs.sync_if_due()  # just synced
    store_settings(library, sync_last_at=int(time.time()) - 11 * 60)
    with qtbot.waitSignal(jobs.finished, timeout=WAIT_MS):
        assert jobs.sync_if_due()
    assert not jobs.sync() or jobs.running  # never two at once
    _wait_synced(qtbot, window)
    with qtbot.waitSignal(jobs.started, timeout=WAIT_MS):
        window.feed_ui.refresh_action.trigger()
    _wait_synced(qtbot, window)
