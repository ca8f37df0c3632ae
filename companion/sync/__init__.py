"""Sync with gpodder.net API v2 and Nextcloud gPodder servers: the account, the outbox, the engine.

A layer between services and playback/jobs (plain Python, no Qt). The window runs ``prepare`` and
``apply`` on its thread and ``exchange`` in a worker (logging in likewise in two halves:
``account.check_login`` in a worker, ``account.keep_account`` on its thread; the clients' ``devices`` and
``link_devices`` in a worker), subscribes ``SyncApplied.new_feeds`` through its feed jobs, unsubscribes
``gone_podcasts``, then calls ``rematch(library, playing)`` for actions whose episodes just arrived; the
command runs ``sync_now``.

Names load on first use (PEP 562): the window's start-up reads whether an account is set without
loading the protocol clients and their HTTP code.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {  # name: (module, its name there)
    "KINDS": ("companion.sync.protocol", "KINDS"),
    "MAX_ACTIONS_PER_REQUEST": ("companion.sync.protocol", "MAX_ACTIONS_PER_REQUEST"),
    "OVERLAP_S": ("companion.sync.engine", "OVERLAP_S"),
    "Offer": ("companion.sync.report", "Offer"),
    "RemoteDevice": ("companion.sync.protocol", "RemoteDevice"),
    "SyncAccount": ("companion.sync.account", "SyncAccount"),
    "SyncApplied": ("companion.sync.engine", "SyncApplied"),
    "SyncError": ("companion.sync.errors", "SyncError"),
    "SyncExchange": ("companion.sync.engine", "SyncExchange"),
    "SyncPlan": ("companion.sync.engine", "SyncPlan"),
    "SyncReport": ("companion.sync.report", "SyncReport"),
    "SyncStatus": ("companion.sync.account", "SyncStatus"),
    "account_of": ("companion.sync.account", "account_of"),
    "apply": ("companion.sync.engine", "apply"),
    "devices": ("companion.sync.account", "devices"),
    "exchange": ("companion.sync.engine", "exchange"),
    "finish": ("companion.sync.engine", "finish"),
    "link_devices": ("companion.sync.account", "link_devices"),
    "login": ("companion.sync.account", "login"),
    "logout": ("companion.sync.account", "logout"),
    "new_device_id": ("companion.sync.account", "new_device_id"),
    "pending_count": ("companion.sync.account", "pending_count"),
    "prepare": ("companion.sync.engine", "prepare"),
    "rematch": ("companion.sync.remote", "apply_received"),
    "status": ("companion.sync.account", "status"),
    "sync_now": ("companion.sync.engine", "sync_now"),
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    found = _WHERE.get(name)
    if found is None:
        raise AttributeError(f"module 'companion.sync' has no attribute {name!r}")
    value = getattr(importlib.import_module(found[0]), found[1])
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
