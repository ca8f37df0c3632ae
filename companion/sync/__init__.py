"""Sync with gpodder.net API v2 and Nextcloud gPodder servers: the account, the outbox, the engine.

A layer between services and playback/jobs (plain Python, no Qt). The window runs ``prepare`` and
``apply`` on its thread and ``exchange`` in a worker (logging in likewise in two halves:
``account.check_login`` in a worker, ``account.keep_account`` on its thread; the clients' ``devices`` and
``link_devices`` in a worker), subscribes ``SyncApplied.new_feeds`` through its feed jobs, unsubscribes
``gone_podcasts``, then calls ``rematch(library, playing)`` for actions whose episodes just arrived; the
command runs ``sync_now``.
"""

from __future__ import annotations

from companion.sync.account import (
    SyncAccount,
    SyncStatus,
    account_of,
    devices,
    link_devices,
    login,
    logout,
    new_device_id,
    pending_count,
    status,
)
from companion.sync.engine import (
    OVERLAP_S,
    SyncApplied,
    SyncExchange,
    SyncPlan,
    apply,
    exchange,
    finish,
    prepare,
    sync_now,
)
from companion.sync.errors import SyncError
from companion.sync.protocol import KINDS, MAX_ACTIONS_PER_REQUEST, RemoteDevice
from companion.sync.remote import apply_received as rematch
from companion.sync.report import Offer, SyncReport

__all__ = [
    "KINDS",
    "MAX_ACTIONS_PER_REQUEST",
    "OVERLAP_S",
    "Offer",
    "RemoteDevice",
    "SyncAccount",
    "SyncApplied",
    "SyncError",
    "SyncExchange",
    "SyncPlan",
    "SyncReport",
    "SyncStatus",
    "account_of",
    "devices",
    "link_devices",
    "apply",
    "exchange",
    "finish",
    "login",
    "logout",
    "new_device_id",
    "pending_count",
    "prepare",
    "rematch",
    "status",
    "sync_now",
]
