"""The listener's settings as one typed object: defaults, validation, read once and written typed.

Stored as before (no migration): one text row per key in the ``settings`` table. A stored value that
does not read as its setting (garbage, out of range, a number that is not finite) counts as absent:
the default is used and nothing crashes. ``Library.setting`` applies the same check, so a module that
still reads a key as text never sees a malformed value.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


class Library(Protocol):
    """What the settings need of ``companion.library.Library`` (named so, to keep imports one way)."""

    db: Any

    def setting(self, key: str, default: str | None = None) -> str | None: ...

    def set_setting(self, key: str, value: str | None) -> None: ...


log = logging.getLogger(__name__)

MIN_RATE, MAX_RATE = 0.5, 3.0  # the player's speeds (playback.backend agrees: a test checks)
COLOR_SCHEMES = ("system", "light", "dark")
DIRECTORY_IDS = ("apple", "podcastindex")  # feeds.directory.DIRECTORIES agrees: a test checks
CONSENTS = ("", "yes", "no")  # not asked yet (nothing stored), agreed, declined


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of a library, each with its default (what a new library has)."""

    skip_back_ms: int = 10_000  # Left / the back button, 1 s to 5 min
    skip_forward_ms: int = 30_000  # Right / the forward button, 1 s to 10 min
    rate: float = 1.0  # playback speed, MIN_RATE to MAX_RATE
    volume: int = 100  # 0 to 100
    auto_refresh_minutes: int = 60  # refresh at start when the last is older; 0: never
    last_refresh_at: int = 0  # UTC epoch seconds of the last refresh of every feed
    color_scheme: str = "system"  # one of COLOR_SCHEMES
    demo_hint_done: bool = False  # the line over the demo's notes was read
    last_episode_id: int | None = None  # the episode loaded when the app last closed
    directory: str = "apple"  # where Find podcasts searches, one of DIRECTORY_IDS
    # whether search terms may be sent to each directory, one of CONSENTS (asked at the first search)
    directory_consent_apple: str = ""
    directory_consent_podcastindex: str = ""
    # sync (issue 20): the account as JSON (companion.sync.account; never the password), what the
    # last sync reached on the server, and how it ended
    sync_account: str | None = None
    sync_last_at: int = 0  # UTC epoch seconds of the last sync that finished
    sync_subscriptions_since: int = 0  # the server's timestamp of the last subscription changes read
    sync_actions_since: int = 0  # the server's timestamp of the last episode actions read
    sync_last_error: str = ""  # the one line of the last sync that failed ("" when it worked)


def _int_in(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text.strip())
        if not low <= value <= high:
            raise ValueError(f"{value} is not within {low}..{high}")
        return value

    return parse


def _rate(text: str) -> float:
    value = float(text)
    if not (math.isfinite(value) and MIN_RATE <= value <= MAX_RATE):
        raise ValueError(f"{text} is not a speed within {MIN_RATE}..{MAX_RATE}")
    return round(value, 2)


def _scheme(text: str) -> str:
    if text not in COLOR_SCHEMES:
        raise ValueError(f"{text!r} is not one of {', '.join(COLOR_SCHEMES)}")
    return text


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(f"{text!r} is not one of {', '.join(choices)}")
        return text

    return parse


def _account(text: str) -> str:
    value = json.loads(text)
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ACCOUNT_KEYS):
        raise ValueError(f"{text!r} is not a sync account")
    return text


def _line(text: str) -> str:
    if "\n" in text or len(text) > 1000:
        raise ValueError("not one line")
    return text


def _flag(text: str) -> bool:
    return bool(text)  # any stored text means yes (earlier versions wrote "1")


_YEAR_3000 = 32_503_680_000
# field -> (stored key, text -> value raising ValueError, value -> text)
_FIELDS: dict[str, tuple[str, Callable[[str], Any], Callable[[Any], str]]] = {
    "skip_back_ms": ("skip_back_ms", _int_in(1_000, 300_000), str),
    "skip_forward_ms": ("skip_forward_ms", _int_in(1_000, 600_000), str),
    "rate": ("rate", _rate, str),
    "volume": ("volume", _int_in(0, 100), str),
    "auto_refresh_minutes": ("auto_refresh_minutes", _int_in(0, 7 * 24 * 60), str),
    "last_refresh_at": ("last_refresh_at", _int_in(0, _YEAR_3000), str),
    "color_scheme": ("color_scheme", _scheme, str),
    "demo_hint_done": ("demo_hint_done", _flag, lambda done: "1" if done else ""),
    "last_episode_id": ("last_episode_id", _int_in(1, 2**63 - 1), str),
    "directory": ("directory", _one_of(DIRECTORY_IDS), str),
    "directory_consent_apple": ("directory_consent_apple", _one_of(CONSENTS[1:]), str),
    "directory_consent_podcastindex": ("directory_consent_podcastindex", _one_of(CONSENTS[1:]), str),
    "sync_account": ("sync_account", _account, str),  # the outbox's triggers look for this key
    "sync_last_at": ("sync_last_at", _int_in(0, _YEAR_3000), str),
    "sync_subscriptions_since": ("sync_subscriptions_since", _int_in(0, _YEAR_3000), str),
    "sync_actions_since": ("sync_actions_since", _int_in(0, _YEAR_3000), str),
    "sync_last_error": ("sync_last_error", _line, str),
}
_OPTIONAL = frozenset({"last_episode_id", "sync_account"})  # may be stored as None (removed)
ACCOUNT_KEYS = ("kind", "url", "user", "device_id", "device_name")
KEYS = {key: field for field, (key, _parse, _text) in _FIELDS.items()}  # stored key -> field


def parse_stored(key: str, text: str | None) -> Any:
    """The value a stored text gives the setting kept under ``key``; None when absent or malformed
    (a key that is not a setting of this object: the text itself)."""
    field = KEYS.get(key)
    if field is None or text is None:
        return text
    try:
        return _FIELDS[field][1](text)
    except (ValueError, OverflowError):
        log.warning("The stored setting %s=%r is not valid; its default is used", key, text)
        return None


def read_settings(library: Library) -> Settings:
    """The library's settings, each malformed or missing one at its default."""
    values = {}
    for field, (key, _parse, _text) in _FIELDS.items():
        value = parse_stored(key, library.setting(key))
        if value is not None:
            values[field] = value
    return Settings(**values)


def store_settings(library: Library, **changes: Any) -> Settings:
    """Write the given settings (``skip_back_ms=5000``...), each checked as a stored one is: a value
    out of range or of the wrong type raises ValueError and nothing is written. Returns the result."""
    texts: dict[str, str | None] = {}
    for field, value in changes.items():
        if field not in _FIELDS:
            raise ValueError(f"no setting called {field}")
        key, parse, to_text = _FIELDS[field]
        if value is None:
            if field not in _OPTIONAL:
                raise ValueError(f"{field} cannot be empty")
            texts[key] = None
            continue
        text = to_text(value)
        if text and parse(text) != value:
            raise ValueError(f"{value!r} is not a valid {field}")
        texts[key] = text or None
    with library.db.atomic():  # all of them or none
        for key, text in texts.items():
            library.set_setting(key, text)
    return read_settings(library)


def directory_consent(settings: Settings, directory_id: str) -> str:
    """Whether search terms may be sent to a directory: "yes", "no", or "" (not asked yet)."""
    return getattr(settings, f"directory_consent_{directory_id}", "")


def store_directory_consent(library: Library, directory_id: str, consent: str) -> Settings:
    """Remember the listener's answer for one directory (``yes``, ``no``, or "" to ask again)."""
    if directory_id not in DIRECTORY_IDS:
        raise ValueError(f"no directory called {directory_id}")
    return store_settings(library, **{f"directory_consent_{directory_id}": consent})


__all__ = [
    "ACCOUNT_KEYS",
    "COLOR_SCHEMES",
    "CONSENTS",
    "DIRECTORY_IDS",
    "KEYS",
    "MAX_RATE",
    "MIN_RATE",
    "Settings",
    "directory_consent",
    "parse_stored",
    "read_settings",
    "store_directory_consent",
    "store_settings",
]
