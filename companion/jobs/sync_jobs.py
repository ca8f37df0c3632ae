"""SyncJobs: the window's syncs and sync logins, their network part in a worker, one sync at a time.

A sync is ``sync.prepare`` here (the library's thread), ``sync.exchange`` in a worker, then
``sync.apply`` here with the episode loaded in the player (never moved: it comes back as an offer).
Feeds another device subscribed to are added through FeedJobs, podcasts it unsubscribed are removed
through it, one at a time; what that writes is not sent back. When syncs run is decided here too: at
start when the last sync is old, after Refresh all, a while after a pause or stop (one sync for
several pauses: the timer starts again at each), and on Sync now.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from types import ModuleType

from PySide6.QtCore import QObject, QTimer, Signal

from companion import sync
from companion.jobs.feed_jobs import FeedJobs
from companion.jobs.workers import TaskRunner
from companion.library import Library, LibraryError
from companion.library.settings import read_settings

START_SYNC_AGE_S = 10 * 60  # at start, sync when the last one is older than this
PAUSE_DELAY_MS = 20_000  # after a pause or stop, sync this long after the last one


class SyncJobs(QObject):
    """Runs syncs and logins off the GUI thread and says how they went (signals on this thread)."""

    started = Signal()
    progress = Signal(int, int, str)  # done, total, what is happening
    finished = Signal(object)  # sync.SyncReport
    failed = Signal(str)  # the one line of a sync that failed (the outbox keeps what was not sent)
    offered = Signal(object)  # sync.Offer for the episode in the player
    login_finished = Signal(object, str)  # the account (None when it failed), the error line
    devices_listed = Signal(object, str)  # list[RemoteDevice] (None when it failed), the error line
    linked = Signal(str)  # what to tell after linking devices

    def __init__(
        self,
        library: Library,
        feeds: FeedJobs,
        playing: Callable[[], int | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        """``playing`` names the episode in the player (never moved by a sync); ``let_go`` (set by the
        window) unloads a podcast's episode before another device's unsubscribe removes it."""
        super().__init__(parent)
        self.library = library
        self.feeds = feeds
        self._playing = playing
        self.let_go: Callable[[int], None] = lambda _podcast_id: None
        self.runner = TaskRunner(2, self)
        self.running = False
        self._again = False  # something asked for a sync while one ran: one more when it ends
        self._gone: deque[tuple[int, str]] = deque()
        self._new_feeds: list[str] = []
        self.pause_timer = QTimer(self)
        self.pause_timer.setSingleShot(True)
        self.pause_timer.setInterval(PAUSE_DELAY_MS)
        self.pause_timer.timeout.connect(lambda: self.sync(auto=True))
        self._removing: tuple[int, str] | None = None
        feeds.refreshed.connect(lambda: self.sync(auto=True))
        feeds.feeds_added.connect(self._on_feeds_added)
        feeds.unsubscribed.connect(self._on_feeds_unsubscribed)

    # ----- when -------------------------------------------------------------------------------

    def logged_in(self) -> bool:
        """True when the library has a sync account."""
        return sync.account_of(self.library) is not None

    def sync_if_due(self) -> bool:
        """The sync at start, when the last one is older than ten minutes."""
        last = read_settings(self.library).sync_last_at
        if not self.logged_in() or time.time() - last < START_SYNC_AGE_S:
            return False
        return self.sync(auto=True)

    def note_pause(self) -> None:
        """The listener paused or stopped: sync a while after the last of several pauses."""
        if self.logged_in():
            self.pause_timer.start()  # started again at each pause

    # ----- one sync ---------------------------------------------------------------------------

    def sync(self, full: bool = False, auto: bool = False) -> bool:
        """Start a sync; False when none starts (not logged in, read-only, or one runs: an automatic
        one then follows it)."""
        if self.running:
            self._again = self._again or auto
            return False
        if self.library.read_only or not self.logged_in():
            return False
        try:
            plan = sync.prepare(self.library, full)
        except (sync.SyncError, LibraryError) as exc:
            self.failed.emit(str(exc))
            return False
        self.running = True
        self.pause_timer.stop()  # this sync sends the pauses so far
        self.started.emit()
        self.runner.run(
            lambda report: sync.exchange(plan, lambda d, t, m: report((d, t, m))),
            self._on_exchanged,
            self._on_crashed,
            lambda step: self.progress.emit(*step),
        )
        return True

    def _on_exchanged(self, ex: sync.SyncExchange) -> None:
        try:
            applied = sync.apply(self.library, ex, self._playing())
        except LibraryError as exc:
            self._end(None, str(exc))
            return
        if applied.error is not None:
            self._end(None, applied.error)
            return
        self._new_feeds += [u for u in applied.new_feeds if u not in self._new_feeds]
        self._gone.extend(g for g in applied.gone_podcasts if g not in self._gone)
        report = applied.report
        if report.positions or report.played or report.unplayed:
            self.feeds.library_changed.emit()  # places and played marks show at once
        self._start_feed_work()
        self._end(report, "")

    def _on_crashed(self, exc: BaseException) -> None:
        self._end(None, str(exc) if isinstance(exc, sync.SyncError) else f"The sync failed: {exc!r}")

    def _end(self, report: sync.SyncReport | None, error: str) -> None:
        self.running = False
        self.progress.emit(0, 0, "")
        if report is None:
            self.failed.emit(error)
        else:
            for offer in report.offers:
                self.offered.emit(offer)
            self.finished.emit(report)
        if self._again:
            self._again = False
            QTimer.singleShot(0, lambda: self.sync(auto=True))

    # ----- what other devices subscribed to and removed ----------------------------------------

    def _start_feed_work(self) -> None:
        if self._new_feeds and self.feeds.subscribe_many(
            list(self._new_feeds), self.tr("Adding synced feeds")
        ):
            self._new_feeds = []
        elif self._new_feeds:
            QTimer.singleShot(2000, self._start_feed_work)  # a refresh runs: after it
        self._next_removal()

    def _on_feeds_added(self, urls: list) -> None:
        keys = {_normalize_url(u) for u in urls}
        with self.library.db.atomic():  # our subscriptions to the server's feeds: not sent back
            rows = self.library.db.conn.execute(
                "SELECT id, podcast_url FROM sync_outbox WHERE sent_at IS NULL AND kind = 'subscribe'"
            ).fetchall()
            for row_id, url in rows:
                if _normalize_url(url) in keys:
                    self.library.db.conn.execute("DELETE FROM sync_outbox WHERE id = ?", [row_id])
        outcome = sync.rematch(self.library, self._playing())
        if outcome.positions or outcome.played or outcome.unplayed:
            self.feeds.library_changed.emit()  # the new feeds' episodes as other devices left them
        for offer in outcome.offers:
            self.offered.emit(offer)

    def _next_removal(self) -> None:
        if not self._gone or self.feeds.busy() or self.feeds.storing():
            if self._gone:
                QTimer.singleShot(2000, self._next_removal)
            return
        podcast_id, url = self._gone.popleft()
        if podcast_id not in {p.id for p in self.library.subscriptions()}:
            QTimer.singleShot(0, self._next_removal)
            return
        self.let_go(podcast_id)
        self._removing = (podcast_id, url)
        if not self.feeds.unsubscribe(podcast_id):
            self._removing = None
            self._gone.appendleft((podcast_id, url))
            QTimer.singleShot(2000, self._next_removal)

    def _on_feeds_unsubscribed(self, podcast_id: int, _message: str) -> None:
        if self._removing is None or self._removing[0] != podcast_id:
            return
        key = _normalize_url(self._removing[1])
        self._removing = None
        with self.library.db.atomic():  # another device's removal is not sent back
            rows = self.library.db.conn.execute(
                "SELECT id, podcast_url FROM sync_outbox WHERE sent_at IS NULL AND kind = 'unsubscribe'"
            ).fetchall()
            for row_id, url in rows:
                if _normalize_url(url) == key:
                    self.library.db.conn.execute("DELETE FROM sync_outbox WHERE id = ?", [row_id])
        QTimer.singleShot(0, self._next_removal)

    # ----- logging in, devices ----------------------------------------------------------------

    def login(self, kind: str, url: str, user: str, password: str, device_name: str) -> None:
        """Check the account on the server in a worker; ``login_finished`` tells how it went."""
        try:
            device_id = _accounts().device_id_for(self.library)
        except LibraryError as exc:
            self.login_finished.emit(None, str(exc))
            return

        def done(account: sync.SyncAccount) -> None:
            try:
                _accounts().keep_account(self.library, account)
            except LibraryError as exc:
                self.login_finished.emit(None, str(exc))
                return
            self.login_finished.emit(account, "")

        self.runner.run(
            lambda: _accounts().check_login(kind, url, user, password, device_name, device_id),
            done,
            lambda exc: self.login_finished.emit(None, _line(exc)),
        )

    def logout(self) -> None:
        """Forget the account and its password (the outbox goes with it)."""
        self.pause_timer.stop()
        sync.logout(self.library)

    def list_devices(self) -> None:
        """The account's other devices, from the server (``devices_listed``)."""
        account = sync.account_of(self.library)
        if account is None:
            self.devices_listed.emit(None, self.tr("Log in first."))
            return
        self.runner.run(
            lambda: [d for d in _accounts().client_for(account).devices() if d.id != account.device_id],
            lambda found: self.devices_listed.emit(found, ""),
            lambda exc: self.devices_listed.emit(None, _line(exc)),
        )

    def link(self, device_ids: list[str]) -> None:
        """Sync our subscriptions with those devices' (``linked`` tells how it went)."""
        account = sync.account_of(self.library)
        if account is None:
            return
        self.runner.run(
            lambda: _accounts().client_for(account).link_devices(device_ids),
            lambda ok: self.linked.emit(
                self.tr("Devices linked: they share subscriptions now.")
                if ok
                else self.tr("This server shows every device all subscriptions: nothing to link.")
            ),
            lambda exc: self.linked.emit(_line(exc)),
        )


def _line(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, sync.SyncError) else f"{type(exc).__name__}: {exc}"


def _normalize_url(url: str) -> str:
    """sync's address rule (loaded with the first sync, not at start-up)."""
    from companion.sync.remote import normalize_url

    return normalize_url(url)


def _accounts() -> ModuleType:
    """The module companion.sync.account, loaded when first needed."""
    from companion.sync import account

    return account
