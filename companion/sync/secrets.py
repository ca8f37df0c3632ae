"""The sync password: in the desktop's Secret Service when one runs, else a file only the user can read.

Never in the library, never printed or logged. The Secret Service is used only when its name is owned
on the session bus (checked with a short timeout first), so a machine without one never hangs or
prompts: keyring's own lookup could otherwise start a keyring daemon or wait on D-Bus.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "podcast-companion"
SERVICE = "podcast-companion-sync"
CHECK_TIMEOUT_S = 2.0
ENV_SECRETS_FILE = "COMPANION_SYNC_SECRETS"  # where the file store lives (tests, several users)


def secrets_file() -> Path:
    """The file store: ``sync-secrets.json`` in the user's config dir (or $COMPANION_SYNC_SECRETS)."""
    env = os.environ.get(ENV_SECRETS_FILE)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "sync-secrets.json"


def secret_service_running(timeout_s: float = CHECK_TIMEOUT_S) -> bool:
    """True when the session bus answers within ``timeout_s`` and someone owns org.freedesktop.secrets."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        return False
    bus = DBusAddress(
        "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"
    )
    try:
        with open_dbus_connection(bus="SESSION", enable_fds=False) as conn:
            reply = conn.send_and_get_reply(
                new_method_call(bus, "NameHasOwner", "s", ("org.freedesktop.secrets",)), timeout=timeout_s
            )
            return bool(reply.body[0])
    except Exception as exc:  # no bus, a dead socket, a timeout: no Secret Service
        log.debug("no Secret Service: %s", exc)
        return False


def _keyring_call(name: str, *args: str, timeout_s: float = 10.0) -> tuple[bool, str | None]:
    """Run keyring's ``name`` in a daemon thread with a deadline: (done, result)."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            import keyring

            result["value"] = getattr(keyring, name)(*args)
        except Exception as exc:
            result["error"] = exc

    worker = threading.Thread(target=run, name="keyring", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive() or "error" in result:
        log.info("The Secret Service did not store the sync password: %s", result.get("error", "timed out"))
        return False, None
    value = result.get("value")
    return True, value if isinstance(value, str) else None


def _key(url: str, user: str) -> str:
    return f"{user}@{url.rstrip('/')}"


def _read_file() -> dict[str, str]:
    try:
        data = json.loads(secrets_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return (
        {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
        if isinstance(data, dict)
        else {}
    )


def _write_file(data: dict[str, str]) -> None:
    path = secrets_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        os.fchmod(out.fileno(), 0o600)
        json.dump(data, out)
    os.replace(tmp, path)


def store_password(url: str, user: str, password: str) -> str:
    """Keep the password; returns where ('secret service' or the file's path)."""
    if secret_service_running():
        done, _ = _keyring_call("set_password", SERVICE, _key(url, user), password)
        if done:
            _forget_in_file(url, user)
            return "the desktop's secret service"
    data = _read_file()
    data[_key(url, user)] = password
    _write_file(data)
    return str(secrets_file())


def load_password(url: str, user: str) -> str | None:
    """The stored password, or None."""
    found = _read_file().get(_key(url, user))
    if found is not None:
        return found
    if secret_service_running():
        done, value = _keyring_call("get_password", SERVICE, _key(url, user))
        if done:
            return value
    return None


def _forget_in_file(url: str, user: str) -> None:
    data = _read_file()
    if data.pop(_key(url, user), None) is not None:
        _write_file(data)


def forget_password(url: str, user: str) -> None:
    """Remove the password from wherever it is kept."""
    _forget_in_file(url, user)
    if secret_service_running():
        with contextlib.suppress(Exception):
            _keyring_call("delete_password", SERVICE, _key(url, user))
