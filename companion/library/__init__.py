"""The local SQLite library: opening, migrations and the Library facade."""

from companion.library.db import LibraryError, default_library_path, media_dir
from companion.library.library import EpisodeFilter, EpisodeSort, Library

__all__ = [
    "EpisodeFilter",
    "EpisodeSort",
    "Library",
    "LibraryError",
    "default_library_path",
    "media_dir",
]
