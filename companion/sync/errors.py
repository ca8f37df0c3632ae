"""The one error of sync: a line a person can act on (wrong password, server down, not a sync server)."""

from __future__ import annotations


class SyncError(Exception):
    """A sync that could not be done; ``str()`` is one clear line. The outbox is left as it was."""
