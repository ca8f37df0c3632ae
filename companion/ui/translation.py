"""Loads the interface's translations into Qt: ours (.qm), Qt's own dialogs', and the QLocale.

PySide6's ``self.tr`` looks a text up under the *runtime* class name, while lupdate files it under the
class whose body holds the call: a text of a base class or of a mixin (``EpisodeDetailMixin``) is asked
for as ``MainWindow``. ``ClassTranslator`` answers such a miss from the classes of the runtime class's
MRO, so ``self.tr`` works in any class, subclassed or mixed in. Plain-Python code translates through
``companion.i18n.translate``, which is pointed at Qt here.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from companion import i18n

log = logging.getLogger(__name__)

QT_LOCALES = {"en": "en_US", "zh_CN": "zh_CN", "zh_TW": "zh_TW"}


def _class_names(root: type) -> dict[str, list[str]]:
    """Every companion class under ``root`` -> the names of its MRO's classes, itself first."""
    names: dict[str, list[str]] = {}
    stack, seen = [root], set()
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
                if sub.__module__.startswith("companion"):
                    names.setdefault(sub.__name__, [])
                    for base in sub.__mro__[1:]:
                        if (
                            base.__module__.startswith("companion")
                            and base.__name__ not in names[sub.__name__]
                        ):
                            names[sub.__name__].append(base.__name__)
    return names


class ClassTranslator(QTranslator):
    """Our catalogue; a text asked for under a class that lacks it is looked for under its bases."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bases: dict[str, list[str]] = {}
        self._foreign: set[str] = set()  # contexts that are no class of ours (Qt's own, QMessageBox...)
        self._modules = 0  # how many modules were loaded when the classes were last listed

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:  # type: ignore[override]
        """The translation, or None (Qt's null string: "not here", so Qt asks on or keeps the source;
        an empty string would be taken as the translation)."""
        found = super().translate(context, source, disambiguation, n)
        if found or not context or context in self._foreign:
            return found or None
        if context not in self._bases:
            if len(sys.modules) != self._modules:  # a module (and its classes) came in since the last look
                self._modules = len(sys.modules)
                self._bases = _class_names(QObject)
            if context not in self._bases:
                self._foreign.add(context)
                return None
        for base in self._bases[context]:
            found = super().translate(base, source, disambiguation, n)
            if found:
                return found
        return None


@dataclass
class Installed:
    """The translators put into the application, to take out again (tests, a language change)."""

    language: str
    translators: list[QTranslator] = field(default_factory=list)
    load_ms: float = 0.0

    def remove(self) -> None:
        app = QCoreApplication.instance()
        for translator in self.translators:
            if app is not None:
                app.removeTranslator(translator)
        self.translators.clear()
        i18n.set_backend(None)
        QLocale.setDefault(QLocale("en_US"))


def _qt_translate(context: str, text: str, disambiguation: str | None, n: int) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)


def install_translations(language: str) -> Installed:
    """Show the interface in ``language`` (``en``, ``zh_CN``, ``zh_TW``): our .qm (English has one
    for its plural forms), Qt's ``qtbase_*.qm`` for its own dialogs, and QLocale for dates and
    numbers. A missing .qm is logged and its texts stay in English."""
    started = time.perf_counter()
    app = QCoreApplication.instance()
    installed = Installed(language)
    QLocale.setDefault(QLocale(QT_LOCALES.get(language, "en_US")))
    ours = ClassTranslator(app)
    if ours.load(str(i18n.BUILT / f"companion_{language}.qm")):
        installed.translators.append(ours)
    else:
        log.warning("No translation built for %s (run `make translations`)", language)
    if language != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            installed.translators.append(qt)
    for translator in installed.translators:
        app.installTranslator(translator)
    i18n.set_backend(_qt_translate)
    installed.load_ms = (time.perf_counter() - started) * 1000
    return installed
