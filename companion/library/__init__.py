"""The local SQLite library: opening, migrations and the Library facade."""

import importlib
import sys


def _import_sqlite_utils_without_numpy() -> None:
    """sqlite-utils imports numpy and pandas, when installed, only to map their column types, which
    this app never stores: the test tools put numpy in the same venv, and importing it cost 0.1-0.15 s
    at every start of the window and of each command. They stay importable for whoever needs them."""
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        importlib.import_module("sqlite_utils.db")
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


_import_sqlite_utils_without_numpy()

# after sqlite-utils was imported lean:
from companion.library.db import LibraryError, default_library_path, media_dir  # noqa: E402
from companion.library.library import EpisodeFilter, EpisodeSort, Library  # noqa: E402

__all__ = [
    "EpisodeFilter",
    "EpisodeSort",
    "Library",
    "LibraryError",
    "default_library_path",
    "media_dir",
]
