"""Downloaded files' stable names (this library's tag and the episode id) and the cleaning of strays."""

from __future__ import annotations

import logging
import re
import secrets
import time
from pathlib import Path

from companion.library.db import media_dir
from companion.library.library import Library

log = logging.getLogger(__name__)

TAG_KEY = "download_tag"
PART_SUFFIX = ".part"
RECENT_S = 3600  # a finished file not recorded yet may be a download another process is just recording


def download_tag(library: Library) -> str:
    """This library's tag, made once: every file it downloads is named ``<tag>-<episode id><.ext>``,
    so a title change never renames a download and two libraries in one folder never touch each
    other's files."""
    tag = library.setting(TAG_KEY)
    if not tag or not re.fullmatch(r"[0-9a-f]{8}", tag):
        tag = secrets.token_hex(4)
        library.set_setting(TAG_KEY, tag)
    return tag


def download_stem(library: Library, episode_id: int) -> str:
    """The file name of an episode's download, without its extension."""
    return f"{download_tag(library)}-{episode_id}"


def stray_downloads(library: Library, planned: dict[int, str] | None = None) -> list[Path]:
    """This library's downloaded files that no episode owns: a deleted episode's file or partial
    file, and an episode's file under another name than ``planned`` gives it (episode id -> file
    name: its enclosure changed type). A recorded file, a partial file its episode can resume and a
    file finished in the last hour (another process may be recording it) are kept."""
    tag = library.setting(TAG_KEY)
    base = media_dir(library.path)
    if not tag or not base.is_dir():
        return []
    pattern = re.compile(rf"{re.escape(tag)}-(\d+)(\.[a-z0-9]{{1,5}})?({re.escape(PART_SUFFIX)})?")
    conn = library.db.conn
    paths = conn.execute("SELECT audio_path FROM episodes WHERE audio_path IS NOT NULL")
    recorded = {Path(p).name for (p,) in paths}
    ids = {row[0] for row in conn.execute("SELECT id FROM episodes")}
    planned = planned or {}
    strays = []
    for path in base.iterdir():
        match = pattern.fullmatch(path.name)
        if match is None or path.name in recorded or not path.is_file():
            continue
        episode_id = int(match.group(1))
        if episode_id in ids:
            name = planned.get(episode_id)
            ours = name is None or path.name.removesuffix(PART_SUFFIX) == name
            if ours and (match.group(3) or time.time() - path.stat().st_mtime < RECENT_S):
                continue  # resumable, or just finished (being recorded)
        strays.append(path)
    return strays


def remove_stray_downloads(library: Library, planned: dict[int, str] | None = None) -> int:
    """Delete ``stray_downloads``; returns how many went (a file that cannot go is logged)."""
    removed = 0
    for path in stray_downloads(library, planned):
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("Could not delete the stray download %s: %s", path, exc)
    return removed
