"""Translations in plain Python: the language to show, ``translate``, and the catalogue the CLI reads.

One source of truth: the Qt Linguist files in ``resources/translations/*.ts``. The window reads them
compiled to ``.qm`` by Qt (``companion/ui/translation.py`` installs Qt as this module's backend, so a
string marked here is translated by Qt there); the ``companion`` command, which never imports Qt,
reads the same texts compiled to a JSON catalogue (``scripts/translations.py build``).

Mark a text outside a QObject with a class that names its context (lupdate reads ``Name.tr``)::

    class Cli:
        tr = Tr()          # context "Cli", the class's own name

    print(Cli.tr("%n episode(s)", "", count))
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LANGUAGE_CHOICES = ("system", "en", "zh_CN", "zh_TW")  # the Preferences' choices
LANGUAGES = ("en", "zh_CN", "zh_TW")  # what the interface can be shown in
TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
BUILT = TRANSLATIONS / "build"  # .qm and the CLI's catalogues, made by `make translations`

Backend = Callable[[str, str, "str | None", int], str]


def language_of(locale_name: str) -> str | None:
    """The interface language for a POSIX locale or a BCP 47 tag (``zh_CN.UTF-8``, ``zh-Hant-HK``,
    ``en_GB``); None for ``C``/``POSIX`` or an empty name."""
    name = locale_name.split(".")[0].split("@")[0].replace("-", "_").strip()
    if not name or name in ("C", "POSIX"):
        return None
    parts = name.split("_")
    if parts[0].lower() != "zh":
        return "en"
    rest = {part.lower() for part in parts[1:]}
    return "zh_TW" if rest & {"tw", "hk", "mo", "hant"} else "zh_CN"


def system_language(env: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, as gettext reads it: ``LC_ALL``, else ``LC_MESSAGES``,
    else ``LANG``; ``LANGUAGE`` (a colon list) goes first unless the locale is ``C``. English when
    nothing names Chinese."""
    env = os.environ if env is None else env
    locale_name = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    chosen = language_of(locale_name)
    if chosen is not None:
        for entry in env.get("LANGUAGE", "").split(":"):
            listed = language_of(entry)
            if listed is not None:
                return listed
    return chosen or "en"


def resolve_language(choice: str, env: Mapping[str, str] | None = None) -> str:
    """A Preferences choice (``system``, ``en``, ``zh_CN``, ``zh_TW``) as the language to show."""
    return choice if choice in LANGUAGES else system_language(env)


def _untranslated(context: str, text: str, disambiguation: str | None, n: int) -> str:
    """The source text, ``%n`` filled in; a plural ``(s)`` as English writes it (when even the
    English catalogue is not built)."""
    if n < 0:
        return text
    return text.replace("(s)", "" if n == 1 else "s").replace("%n", str(n))


_english: list[Catalogue | None] = []  # loaded on the first plural asked for without a backend


def _source_language(context: str, text: str, disambiguation: str | None, n: int) -> str:
    """No language chosen: the English source texts, with English plural forms."""
    if n < 0:
        return text
    if not _english:
        _english.append(Catalogue.load("en"))
    catalogue = _english[0]
    return catalogue(context, text, disambiguation, n) if catalogue else _untranslated(context, text, None, n)


_backend: Backend = _source_language


def set_backend(backend: Backend | None) -> None:
    """Route ``translate`` through ``backend`` (Qt's, or a catalogue's); None: English."""
    global _backend
    _backend = backend or _source_language


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate reads)
    """Mark ``text`` for translation in ``context`` where it is defined; translate it where shown."""
    return text


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` of ``context`` in the current language; ``%n`` becomes ``n`` in the plural form it
    takes (``n >= 0``). Untranslated or without a catalogue: the source text."""
    return _backend(context, text, disambiguation, n)


class Tr:
    """``tr = Tr()`` in a class body: ``ThatClass.tr(text, disambiguation, n)`` translates in the
    context named as the class is (what lupdate reads for ``ThatClass.tr(...)``)."""

    context = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.context = owner.__name__

    def __get__(self, obj: Any, owner: type | None = None) -> Callable[..., str]:
        context = self.context

        def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
            return translate(context, text, disambiguation, n)

        return tr


def plural_index(language: str, n: int) -> int:
    """Which numerus form ``n`` takes: Chinese has one, English two (1, and the rest)."""
    return 0 if language.startswith("zh") or n == 1 else 1


class Catalogue:
    """The texts of one language as compiled for the CLI: ``{context: {source: text or [forms]}}``."""

    def __init__(self, language: str, entries: Mapping[str, Mapping[str, Any]]) -> None:
        self.language = language
        self.entries = entries

    @classmethod
    def load(cls, language: str, folder: Path = BUILT) -> Catalogue | None:
        """The built catalogue of ``language``, or None when it was not built (or cannot be read)."""
        path = folder / f"cli_{language}.json"
        try:
            return cls(language, json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            log.info("No translations for %s (%s): texts stay in English", language, exc)
            return None

    def __call__(self, context: str, text: str, disambiguation: str | None, n: int) -> str:
        found = self.entries.get(context, {}).get(
            text if not disambiguation else f"{text}\x04{disambiguation}"
        )
        if isinstance(found, list):
            found = found[min(plural_index(self.language, n), len(found) - 1)] if found else None
        return _untranslated(context, found or text, disambiguation, n)


def install_catalogue(language: str | None = None) -> str:
    """Translate with the CLI's catalogue for ``language`` (the environment's by default); English
    needs one only for its plural forms. Returns the language in use."""
    language = language or system_language()
    set_backend(Catalogue.load(language))
    return language
