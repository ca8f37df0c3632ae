"""One sync: send the outbox, read what changed on the server, apply it; in three steps for threads.

``prepare`` (the library's thread) reads the account and the outbox; ``exchange`` (any thread: network
only, no library) sends subscriptions and then actions in batches of 30 and reads the changes since
the last sync less an overlap; ``apply`` (the library's thread) marks what the server acknowledged,
applies what came down and names the feeds to subscribe and the podcasts to unsubscribe, which
``finish`` does through the services (the window does them through its feed jobs). ``sync_now`` runs
all four here. A failure is one SyncError line; whatever was acknowledged before it is marked sent,
the rest stays in the outbox.

The overlap: servers compare ``since`` with each action's own timestamp, not with when it was
uploaded, so an action uploaded late with an older timestamp would never be seen by a device that
already synced past it. Every sync asks from ``OVERLAP_S`` before the last timestamp and drops what it
has seen (by episode, action, timestamp and device); ``full`` asks for everything.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from companion.library import Library
from companion.library.settings import read_settings, store_settings
from companion.sync import outbox, remote
from companion.sync.account import SyncAccount, account_of, client_for
from companion.sync.errors import SyncError
from companion.sync.protocol import EpisodeAction, SubscriptionChanges
from companion.sync.report import SyncReport

OVERLAP_S = 6 * 3600  # ask this far back from the last timestamp: late uploads of older actions
Progress = Callable[[int, int, str], None]  # (done, total, message), on the calling thread


@dataclass(frozen=True)
class SyncPlan:
    """What one sync will do, read from the library (the password is read by ``exchange``, off the
    library's thread: the Secret Service may take a moment)."""

    account: SyncAccount
    outgoing: outbox.Outgoing
    subscriptions_since: int
    actions_since: int
    full: bool
    first: bool  # the first sync of this account: every subscription goes up, no removal comes down


@dataclass(frozen=True)
class SyncExchange:
    """What the network part did: how much the server acknowledged, what it sent, the error if any."""

    plan: SyncPlan
    subscriptions_acked: bool = False
    batches_acked: int = 0
    changes: SubscriptionChanges | None = None
    actions: tuple[EpisodeAction, ...] = ()
    actions_timestamp: int = 0
    error: str | None = None


@dataclass(frozen=True)
class SyncApplied:
    """``apply``'s result: the report so far, the feeds to subscribe and the podcasts to unsubscribe."""

    report: SyncReport
    new_feeds: tuple[str, ...] = ()
    gone_podcasts: tuple[tuple[int, str], ...] = ()  # (podcast id, its address)
    error: str | None = None


def prepare(library: Library, full: bool = False) -> SyncPlan:
    """Read the account and the outbox (the library's thread, quick: no network, no password).
    SyncError when sync is not set up."""
    account = account_of(library)
    if account is None:
        raise SyncError("Sync is not set up: log in first (companion sync login URL USER).")
    settings = read_settings(library)
    first = settings.sync_last_at == 0
    subs_since = 0 if full or first else max(0, settings.sync_subscriptions_since - OVERLAP_S)
    actions_since = 0 if full or first else max(0, settings.sync_actions_since - OVERLAP_S)
    return SyncPlan(account, outbox.outgoing(library, first or full), subs_since, actions_since, full, first)


def exchange(
    plan: SyncPlan, progress: Progress | None = None, cancel: threading.Event | None = None
) -> SyncExchange:
    """Send and receive (network only, thread-safe). Stops at the first failure, keeping what was done."""
    out = plan.outgoing
    steps = 3 + len(out.batches)
    done = 0
    subs_acked = False
    acked = 0

    def step(message: str) -> None:
        nonlocal done
        if cancel is not None and cancel.is_set():
            raise SyncError("The sync was cancelled; what was not sent waits for the next one.")
        if progress:
            progress(done, steps, message)
        done += 1

    try:
        client = client_for(plan.account)  # the stored password, then the server
        step("Sending subscription changes")
        if out.add or out.remove:
            client.upload_subscriptions(list(out.add), list(out.remove))
        subs_acked = True
        for batch in out.batches:
            step(f"Sending {len(batch)} episode action(s)")
            client.upload_actions(list(batch))
            acked += 1
        step("Reading subscription changes")
        changes = client.subscription_changes(plan.subscriptions_since)
        step("Reading episode actions")
        actions, stamp = client.episode_actions(plan.actions_since)
    except SyncError as exc:
        return SyncExchange(plan, subs_acked, acked, error=str(exc))
    if progress:
        progress(steps, steps, f"Received {len(actions)} episode action(s)")
    return SyncExchange(plan, subs_acked, acked, changes, tuple(actions), stamp)


def apply(library: Library, ex: SyncExchange, playing: int | None = None) -> SyncApplied:
    """Mark what was acknowledged, apply what came down (the library's thread); ``playing`` is the
    episode playing now (never moved: offered). Records the time or the error in the settings."""
    plan = ex.plan
    sent_subs: tuple[str, ...] = ()
    if ex.subscriptions_acked:
        outbox.mark_sent(library, plan.outgoing.subscription_rows)
        sent_subs = plan.outgoing.add + plan.outgoing.remove
    actions_sent = sum(len(b) for b in plan.outgoing.batches[: ex.batches_acked])
    for rows in plan.outgoing.batch_rows[: ex.batches_acked]:
        outbox.mark_sent(library, rows)
    report = SyncReport(subscriptions_sent=sent_subs, actions_sent=actions_sent, full=plan.full)
    if ex.error is not None:
        store_settings(library, sync_last_error=_one_line(ex.error))
        return SyncApplied(report, error=ex.error)
    new_feeds, gone = _subscription_changes(library, ex.changes, plan.first)
    received = remote.store_received(library, list(ex.actions), plan.account.device_id)
    outcome = remote.apply_received(library, playing)
    report = report.merged(
        received=received, positions=outcome.positions, played=outcome.played, unplayed=outcome.unplayed,
        older=outcome.older, unmatched=outcome.unmatched, offers=outcome.offers,
    )  # fmt: skip
    settings = read_settings(library)
    changes = ex.changes
    store_settings(
        library,
        sync_last_at=int(time.time()),
        sync_last_error="",
        sync_subscriptions_since=(
            changes.timestamp if changes and changes.timestamp else settings.sync_subscriptions_since
        ),
        sync_actions_since=ex.actions_timestamp or settings.sync_actions_since,
    )
    return SyncApplied(report, new_feeds, gone)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:1000]


def _subscription_changes(
    library: Library, changes: SubscriptionChanges | None, first: bool
) -> tuple[tuple[str, ...], tuple[tuple[int, str], ...]]:
    """The remote adds not in the library and the remote removals of podcasts it has (none on a first
    sync: the server's old removals must not take subscriptions this library has)."""
    if changes is None:
        return (), ()
    local = {remote.normalize_url(p.feed_url): p for p in library.subscriptions() if p.feed_url}
    pending = {remote.normalize_url(p.podcast_url): p.kind for p in outbox.pending(library)}
    added = set(changes.add)
    new_feeds = tuple(
        dict.fromkeys(
            url for url in changes.add
            if (key := remote.normalize_url(url)) not in local and pending.get(key) != "unsubscribe"
        )
    )  # fmt: skip
    gone: list[tuple[int, str]] = []
    if not first:
        for url in dict.fromkeys(changes.remove):
            key = remote.normalize_url(url)
            podcast = local.get(key)
            if podcast is not None and url not in added and pending.get(key) != "subscribe":
                gone.append((podcast.id, podcast.feed_url or url))
    return new_feeds, tuple(gone)


def finish(
    library: Library, applied: SyncApplied, playing: int | None = None, progress: Progress | None = None
) -> SyncReport:
    """Subscribe to the new feeds and unsubscribe the gone podcasts here (the command's way), then
    match the actions that were waiting for their episodes."""
    from companion.library.unsubscribe import unsubscribe
    from companion.services.subscriptions import plan_subscribe, run_jobs

    report = applied.report
    conn = library.db.conn
    before = conn.execute("SELECT coalesce(max(id), 0) FROM sync_outbox").fetchone()[0]
    subscribed: list[str] = []
    errors: list[str] = []
    if applied.new_feeds:
        jobs = []
        for url in applied.new_feeds:
            try:
                jobs.append(plan_subscribe(library, url))
            except Exception as exc:  # FeedError/LibraryError: a line, never a traceback
                errors.append(f"{url}: {exc}")
        for result in run_jobs(library, jobs, progress):
            (subscribed.append(result.url) if result.ok else errors.append(f"{result.url}: {result.error}"))
    unsubscribed = []
    for podcast_id, url in applied.gone_podcasts:
        unsubscribe(library, podcast_id)
        unsubscribed.append(url)
    with library.db.atomic():  # what we did because the server said so is not sent back
        conn.execute(
            "DELETE FROM sync_outbox WHERE id > ? AND kind IN ('subscribe', 'unsubscribe', 'delete')",
            [before],
        )
    outcome = remote.apply_received(library, playing) if subscribed else remote.Outcome()
    return report.merged(
        subscribed=tuple(subscribed), unsubscribed=tuple(unsubscribed), errors=tuple(errors),
        positions=outcome.positions, played=outcome.played, unplayed=outcome.unplayed, older=outcome.older,
        offers=outcome.offers, unmatched=outcome.unmatched - (report.unmatched if subscribed else 0),
    )  # fmt: skip


def sync_now(
    library: Library, *, progress: Progress | None = None, full: bool = False, playing: int | None = None
) -> SyncReport:
    """Sync this library with its account here and now: what went up and came down. SyncError (one
    line) when it cannot; the outbox then keeps what the server did not acknowledge."""
    plan = prepare(library, full)
    ex = exchange(plan, progress)
    applied = apply(library, ex, playing)
    if applied.error is not None:
        raise SyncError(applied.error)
    return finish(library, applied, playing, progress)
