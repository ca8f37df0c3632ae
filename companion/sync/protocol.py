"""The two sync protocols as one client interface: gpodder.net API v2 and Nextcloud gPodder Sync.

gpodder.net (and servers of its API: mygpo, oPodSync, gpodder-fastapi-router) keys everything by user
and device: ``/api/2/auth/{user}/login.json``, ``/api/2/devices/{user}/{device}.json``,
``/api/2/subscriptions/{user}/{device}.json`` and ``/api/2/episodes/{user}.json`` (both with
``since``), ``/api/2/sync-devices/{user}.json`` to link devices. The Nextcloud app has one set per
user: ``/index.php/apps/gpoddersync/subscriptions``, ``/subscription_change/create``,
``/episode_action`` and ``/episode_action/create``. Both speak the same episode actions (play with
started/position/total in seconds, download, delete, new) with an ISO 8601 UTC ``timestamp``.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

from companion.sync.errors import SyncError
from companion.sync.http import Credentials, request

ACTIONS = ("play", "download", "delete", "new")
KINDS = ("gpodder", "nextcloud")
MAX_ACTIONS_PER_REQUEST = 30
_MAX_SECONDS = 10**7  # ~115 days: a position past this is not one


def iso(epoch: int) -> str:
    """Epoch seconds as the protocol's timestamp (``2026-01-02T03:04:05``, UTC)."""
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def parse_iso(text: Any) -> int | None:
    """A protocol timestamp (with or without ``Z``/offset, fraction) as epoch seconds; None if not one."""
    if not isinstance(text, str) or not text.strip():
        return None
    value = text.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


def _seconds(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not 0 <= value <= _MAX_SECONDS:
        return None
    return int(value)


@dataclass(frozen=True, slots=True)
class EpisodeAction:
    """One episode action as the protocol has it (times in seconds, ``at`` in UTC epoch seconds)."""

    podcast: str
    episode: str
    action: str
    at: int
    guid: str | None = None
    device: str | None = None
    started: int | None = None
    position: int | None = None
    total: int | None = None

    def to_json(self, device: str) -> dict[str, Any]:
        """The upload form; ``device`` is ours."""
        out: dict[str, Any] = {
            "podcast": self.podcast,
            "episode": self.episode,
            "action": self.action,
            "timestamp": iso(self.at),
            "device": device,
        }
        if self.guid:
            out["guid"] = self.guid
        if self.action == "play":
            out.update(started=self.started or 0, position=self.position or 0, total=self.total or 0)
        return out

    @classmethod
    def from_json(cls, item: Any) -> EpisodeAction | None:
        """An action the server sent, or None when it is not a usable one (it is then skipped)."""
        if not isinstance(item, dict):
            return None
        podcast, episode = item.get("podcast"), item.get("episode")
        action = str(item.get("action") or "").strip().lower()
        at = parse_iso(item.get("timestamp"))
        if not (isinstance(podcast, str) and isinstance(episode, str) and episode) or action not in ACTIONS:
            return None
        if at is None:
            return None
        guid = item.get("guid")
        device = item.get("device")
        return cls(
            podcast, episode, action, at,
            guid if isinstance(guid, str) and guid else None,
            device if isinstance(device, str) and device else None,
            _seconds(item.get("started")), _seconds(item.get("position")), _seconds(item.get("total")),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class SubscriptionChanges:
    """What the server says changed in the subscriptions since a moment, and its timestamp now."""

    add: tuple[str, ...]
    remove: tuple[str, ...]
    timestamp: int


@dataclass(frozen=True, slots=True)
class RemoteDevice:
    """A device of the account on the server."""

    id: str
    caption: str
    type: str = ""


class SyncClient(Protocol):
    """What the engine asks of a server, whichever protocol it speaks."""

    def check_login(self) -> None: ...
    def register_device(self, caption: str) -> None: ...
    def subscription_changes(self, since: int) -> SubscriptionChanges: ...
    def upload_subscriptions(self, add: list[str], remove: list[str]) -> int: ...
    def episode_actions(self, since: int) -> tuple[list[EpisodeAction], int]: ...
    def upload_actions(self, actions: list[EpisodeAction]) -> int: ...
    def devices(self) -> list[RemoteDevice]: ...
    def link_devices(self, others: Iterable[str]) -> bool: ...


def _object(answer: Any, what: str, host: str) -> dict[str, Any]:
    if not isinstance(answer, dict):
        raise SyncError(f"{host} sent {what} in a form that is not the sync API's: check the server type.")
    return answer


def _urls(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(u for u in value if isinstance(u, str) and u)


def _timestamp(answer: dict[str, Any]) -> int:
    value = answer.get("timestamp")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        parsed = parse_iso(value)
        return parsed or 0
    return max(0, int(value))


def _actions(answer: dict[str, Any]) -> list[EpisodeAction]:
    items = answer.get("actions")
    if not isinstance(items, list):
        return []
    return [a for a in (EpisodeAction.from_json(i) for i in items) if a is not None]


class _Base:
    """The address, credentials and device of one account."""

    def __init__(self, url: str, user: str, password: str, device_id: str) -> None:
        self.base = url.rstrip("/")
        self.host = urllib.parse.urlsplit(self.base).netloc or self.base
        self.user = user
        self.device_id = device_id
        self.credentials = Credentials(user, password)
        self.session: dict[str, str] | None = None  # the gpodder.net API's session cookie, once given

    def _call(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        url = self.base + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        return request(method, url, self.credentials, body, session=self.session)


class GpodderClient(_Base):
    """gpodder.net API v2 (the session cookie of its login is sent instead of the password)."""

    def __init__(self, url: str, user: str, password: str, device_id: str) -> None:
        super().__init__(url, user, password, device_id)
        self.session = {}
        self._logged_in = False

    def _call(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        if not self._logged_in:  # log in once for the session cookie: the password is checked once
            self._logged_in = True
            try:
                super()._call("POST", f"/api/2/auth/{self._u()}/login.json")
            except SyncError as exc:
                if "(401)" in str(exc):
                    raise
                # a server without the login endpoint: every request carries the password
        return super()._call(method, path, body, **query)

    def _u(self) -> str:
        return urllib.parse.quote(self.user, safe="")

    def check_login(self) -> None:
        """Raises SyncError when the server refuses the user name or password."""
        self._logged_in = True
        super()._call("POST", f"/api/2/auth/{self._u()}/login.json")

    def register_device(self, caption: str) -> None:
        """Create or update our device on the server."""
        body = {"caption": caption, "type": "desktop"}
        self._call("POST", f"/api/2/devices/{self._u()}/{self.device_id}.json", body)

    def subscription_changes(self, since: int) -> SubscriptionChanges:
        """The adds and removes since ``since`` (0: every subscription)."""
        answer = self._call("GET", f"/api/2/subscriptions/{self._u()}/{self.device_id}.json", since=since)
        got = _object(answer, "the subscriptions", self.host)
        return SubscriptionChanges(_urls(got.get("add")), _urls(got.get("remove")), _timestamp(got))

    def upload_subscriptions(self, add: list[str], remove: list[str]) -> int:
        """Send subscription changes; returns the server's timestamp."""
        path = f"/api/2/subscriptions/{self._u()}/{self.device_id}.json"
        answer = self._call("POST", path, {"add": add, "remove": remove})
        return _timestamp(answer) if isinstance(answer, dict) else 0

    def episode_actions(self, since: int) -> tuple[list[EpisodeAction], int]:
        """Every episode action since ``since`` and the server's timestamp."""
        answer = _object(
            self._call("GET", f"/api/2/episodes/{self._u()}.json", since=since), "actions", self.host
        )
        return _actions(answer), _timestamp(answer)

    def upload_actions(self, actions: list[EpisodeAction]) -> int:
        """Send at most MAX_ACTIONS_PER_REQUEST actions; returns the server's timestamp."""
        assert len(actions) <= MAX_ACTIONS_PER_REQUEST
        body = [a.to_json(self.device_id) for a in actions]
        answer = self._call("POST", f"/api/2/episodes/{self._u()}.json", body)
        return _timestamp(answer) if isinstance(answer, dict) else 0

    def devices(self) -> list[RemoteDevice]:
        """The account's devices."""
        answer = self._call("GET", f"/api/2/devices/{self._u()}.json")
        if not isinstance(answer, list):
            return []
        return [
            RemoteDevice(
                str(d.get("id")), str(d.get("caption") or d.get("name") or ""), str(d.get("type") or "")
            )
            for d in answer
            if isinstance(d, dict) and d.get("id")
        ]

    def link_devices(self, others: Iterable[str]) -> bool:
        """Put our device in one sync group with ``others`` (servers that keep subscriptions per
        device); False when the server has no device sync (then every device sees them all)."""
        pairs = [[self.device_id, other] for other in others if other != self.device_id]
        if not pairs:
            return True
        try:
            self._call(
                "POST",
                f"/api/2/sync-devices/{self._u()}.json",
                {"synchronize": pairs, "stop-synchronize": []},
            )
        except SyncError as exc:
            if any(code in str(exc) for code in ("(404)", "(501", "(503", "(405")):
                return False
            raise
        return True


class NextcloudClient(_Base):
    """The Nextcloud gPodder Sync app (one set of subscriptions and actions per user)."""

    PREFIX = "/index.php/apps/gpoddersync"

    def check_login(self) -> None:
        """Raises SyncError when the server refuses the user name or password (or has no such app)."""
        self.subscription_changes(int(time.time()))  # from now: a small answer

    def register_device(self, caption: str) -> None:
        """The Nextcloud app knows no devices: nothing to do."""

    def subscription_changes(self, since: int) -> SubscriptionChanges:
        """The adds and removes since ``since``."""
        got = _object(
            self._call("GET", f"{self.PREFIX}/subscriptions", since=since), "the subscriptions", self.host
        )
        return SubscriptionChanges(_urls(got.get("add")), _urls(got.get("remove")), _timestamp(got))

    def upload_subscriptions(self, add: list[str], remove: list[str]) -> int:
        """Send subscription changes; returns the server's timestamp."""
        answer = self._call(
            "POST", f"{self.PREFIX}/subscription_change/create", {"add": add, "remove": remove}
        )
        return _timestamp(answer) if isinstance(answer, dict) else 0

    def episode_actions(self, since: int) -> tuple[list[EpisodeAction], int]:
        """Every episode action since ``since`` and the server's timestamp."""
        answer = _object(
            self._call("GET", f"{self.PREFIX}/episode_action", since=since), "actions", self.host
        )
        return _actions(answer), _timestamp(answer)

    def upload_actions(self, actions: list[EpisodeAction]) -> int:
        """Send at most MAX_ACTIONS_PER_REQUEST actions; returns the server's timestamp."""
        assert len(actions) <= MAX_ACTIONS_PER_REQUEST
        body = [a.to_json(self.device_id) for a in actions]
        answer = self._call("POST", f"{self.PREFIX}/episode_action/create", body)
        return _timestamp(answer) if isinstance(answer, dict) else 0

    def devices(self) -> list[RemoteDevice]:
        """The Nextcloud app knows no devices."""
        return []

    def link_devices(self, others: Iterable[str]) -> bool:
        """Every device sees every subscription there: nothing to link."""
        return True


def make_client(kind: str, url: str, user: str, password: str, device_id: str) -> SyncClient:
    """The client of ``kind`` ('gpodder' or 'nextcloud')."""
    if kind == "nextcloud":
        return NextcloudClient(url, user, password, device_id)
    if kind == "gpodder":
        return GpodderClient(url, user, password, device_id)
    raise SyncError(f"Unknown server type {kind!r}: use gpodder or nextcloud.")
