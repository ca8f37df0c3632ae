"""The sync account: kept in the library's settings (never the password), log in and out, status."""

from __future__ import annotations

import json
import secrets as random
import urllib.parse
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from companion.library import Library
from companion.library.settings import read_settings, store_settings
from companion.sync import secrets
from companion.sync.errors import SyncError

if TYPE_CHECKING:  # the clients load when one is needed, not with the account
    from companion.sync.protocol import RemoteDevice, SyncClient

DEVICE_PREFIX = "podcast-companion-"


@dataclass(frozen=True, slots=True)
class SyncAccount:
    """Where this library syncs: a server of ``kind`` ('gpodder' or 'nextcloud') at ``url``, as ``user``,
    with our own device (``device_id`` made here once, never another app's)."""

    kind: str
    url: str
    user: str
    device_id: str
    device_name: str

    def to_json(self) -> str:
        """The settings' text."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SyncAccount:
        """The account of a settings' text."""
        data = json.loads(text)
        return cls(data["kind"], data["url"], data["user"], data["device_id"], data["device_name"])


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """How sync stands: the account (None when logged out), the last sync, what waits to be sent."""

    account: SyncAccount | None
    last_sync_at: int  # UTC epoch seconds; 0: never
    pending: int  # changes in the outbox not yet acknowledged by the server
    last_error: str  # "" when the last sync worked

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form (no password: there is none here)."""
        return {
            "account": asdict(self.account) if self.account else None,
            "last_sync_at": self.last_sync_at or None,
            "pending": self.pending,
            "last_error": self.last_error or None,
        }


def new_device_id() -> str:
    """A device id of our own (``podcast-companion-<random>``): letters, digits and dashes only."""
    return DEVICE_PREFIX + random.token_hex(5)


def normalize_server_url(url: str) -> str:
    """The address as typed, checked: http(s), a host, no trailing slash (``https://`` added when bare)."""
    text = url.strip()
    if text and "://" not in text:
        text = "https://" + text
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(f"{url!r} is not a server address: give one like https://gpodder.example.org.")
    return text.rstrip("/")


def account_of(library: Library) -> SyncAccount | None:
    """The library's sync account, or None when sync is not set up."""
    text = read_settings(library).sync_account
    if not text:
        return None
    try:
        return SyncAccount.from_json(text)
    except (ValueError, KeyError, TypeError):
        return None


def client_for(account: SyncAccount) -> SyncClient:
    """The protocol client of ``account``, with its stored password (SyncError when there is none)."""
    from companion.sync.protocol import make_client

    password = secrets.load_password(account.url, account.user)
    if password is None:
        raise SyncError(
            f"No password is stored for {account.user} on {account.url}: log in again (companion sync login)."
        )
    return make_client(account.kind, account.url, account.user, password, account.device_id)


def login(
    library: Library,
    kind: str,
    url: str,
    user: str,
    password: str,
    device_name: str = "Podcast Companion",
) -> SyncAccount:
    """Check the user name and password on the server, register our device, and keep the account
    (the password apart, see ``secrets``). The device id made for this library is kept when it logs
    in again. SyncError (one line) when the server refuses or cannot be reached; nothing is kept then."""
    from companion.sync.protocol import KINDS, make_client

    if kind not in KINDS:
        raise SyncError(f"Unknown server type {kind!r}: use gpodder or nextcloud.")
    url = normalize_server_url(url)
    if not user.strip() or not password:
        raise SyncError("Give a user name and a password.")
    before = account_of(library)
    device_id = before.device_id if before else new_device_id()
    name = device_name.strip() or "Podcast Companion"
    client = make_client(kind, url, user.strip(), password, device_id)
    client.check_login()
    client.register_device(name)
    account = SyncAccount(kind, url, user.strip(), device_id, name)
    secrets.store_password(url, account.user, password)
    changes: dict[str, object] = {"sync_account": account.to_json(), "sync_last_error": ""}
    if before is None or (before.kind, before.url, before.user) != (kind, url, account.user):
        changes.update(sync_subscriptions_since=0, sync_actions_since=0, sync_last_at=0)
    store_settings(library, **changes)
    return account


def logout(library: Library) -> SyncAccount | None:
    """Forget the account and its password; what waits in the outbox is dropped (nothing is recorded
    while logged out). Returns the account that was set, if any."""
    account = account_of(library)
    if account is not None:
        secrets.forget_password(account.url, account.user)
    with library.db.atomic():
        store_settings(library, sync_account=None, sync_last_error="", sync_last_at=0,
                       sync_subscriptions_since=0, sync_actions_since=0)  # fmt: skip
        library.db.conn.execute("DELETE FROM sync_outbox")
        library.db.conn.execute("DELETE FROM sync_remote")
    return account


def pending_count(library: Library) -> int:
    """Changes in the outbox the server has not acknowledged."""
    return library.db.conn.execute("SELECT count(*) FROM sync_outbox WHERE sent_at IS NULL").fetchone()[0]


def status(library: Library) -> SyncStatus:
    """The account, the last sync, the outbox's size and the last error."""
    settings = read_settings(library)
    return SyncStatus(
        account_of(library), settings.sync_last_at, pending_count(library), settings.sync_last_error
    )


def devices(library: Library) -> list[RemoteDevice]:
    """The account's other devices on the server (none on Nextcloud, which knows no devices)."""
    account = account_of(library)
    if account is None:
        raise SyncError("Sync is not set up: log in first (companion sync login URL USER).")
    return [d for d in client_for(account).devices() if d.id != account.device_id]


def link_devices(library: Library, device_ids: list[str]) -> bool:
    """Sync our device's subscriptions with ``device_ids`` (servers that keep them per device, such as
    gpodder.net); False when the server has no device sync (every device then sees them all)."""
    account = account_of(library)
    if account is None:
        raise SyncError("Sync is not set up: log in first (companion sync login URL USER).")
    return client_for(account).link_devices(device_ids)


def check_login(
    kind: str, url: str, user: str, password: str, device_name: str, device_id: str
) -> SyncAccount:
    """``login``'s network half, for a worker (no library): check the name and password, register our
    device and keep the password. Returns the account for ``keep_account``; SyncError (one line)."""
    from companion.sync.protocol import KINDS, make_client

    if kind not in KINDS:
        raise SyncError(f"Unknown server type {kind!r}: use gpodder or nextcloud.")
    url = normalize_server_url(url)
    if not user.strip() or not password:
        raise SyncError("Give a user name and a password.")
    name = device_name.strip() or "Podcast Companion"
    client = make_client(kind, url, user.strip(), password, device_id)
    client.check_login()
    client.register_device(name)
    secrets.store_password(url, user.strip(), password)
    return SyncAccount(kind, url, user.strip(), device_id, name)


def keep_account(library: Library, account: SyncAccount) -> None:
    """``login``'s library half (the library's thread): keep a checked account; another server or user
    starts from the beginning."""
    before = account_of(library)
    changes: dict[str, object] = {"sync_account": account.to_json(), "sync_last_error": ""}
    if before is None or (before.kind, before.url, before.user) != (account.kind, account.url, account.user):
        changes.update(sync_subscriptions_since=0, sync_actions_since=0, sync_last_at=0)
    store_settings(library, **changes)


def device_id_for(library: Library) -> str:
    """The device id this library logs in with: the one it has, else a new one of our own."""
    before = account_of(library)
    return before.device_id if before else new_device_id()
