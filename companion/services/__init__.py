"""The user's operations planned once in plain Python, for the command and the window.

Names load on first use (PEP 562), so the window starts without the feed parser or mutagen."""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "DirectoryHit": "companion.services.directory",
    "find_podcasts": "companion.services.directory",
    "mark_subscriptions": "companion.services.directory",
    "DownloadPlan": "companion.services.episodes",
    "add_local_episode": "companion.services.episodes",
    "delete_download": "companion.services.episodes",
    "download_episode": "companion.services.episodes",
    "plan_download": "companion.services.episodes",
    "record_download": "companion.services.episodes",
    "SyncReport": "companion.library.store_feed",
    "FeedJob": "companion.services.subscriptions",
    "RefreshResult": "companion.services.subscriptions",
    "export_opml": "companion.services.subscriptions",
    "import_opml": "companion.services.subscriptions",
    "plan_import": "companion.services.subscriptions",
    "plan_refresh": "companion.services.subscriptions",
    "plan_subscribe": "companion.services.subscriptions",
    "read_opml_file": "companion.services.subscriptions",
    "refresh_all": "companion.services.subscriptions",
    "run_jobs": "companion.services.subscriptions",
    "subscribe": "companion.services.subscriptions",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'companion.services' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
