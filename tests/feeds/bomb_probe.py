"""Runs one bomb under an address-space cap and prints its outcome and the peak memory as JSON."""

from __future__ import annotations

import json
import logging
import re
import resource
import sys
from pathlib import Path


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def peak_mb() -> float:
    """The process's peak resident memory since the last reset, in MB (VmHWM)."""
    status = Path("/proc/self/status").read_text()
    return round(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024, 1)


def reset_peak() -> None:
    """Start the peak afresh (it is inherited from the test process through fork and exec)."""
    Path("/proc/self/clear_refs").write_text("5")


def run(kind: str, arg: str) -> str:
    """The message the bomb ends with (the app's own error), or "ok"."""
    from companion.feeds import FeedError, fetch_feed_update, parse_feed
    from companion.feeds.chapters_json import parse_chapters_json
    from companion.feeds.download import DownloadLimits, download_episode_file

    try:
        if kind in ("gzip-feed", "gzip-chapters", "local-file"):
            kept = _Kept()
            logging.getLogger().addHandler(kept)
            update = fetch_feed_update(arg)
            refused = sum("once uncompressed" in m for m in kept.messages)
            return f"ok: {len(update.feed.episodes) if update.feed else 0} episodes, {refused} refused"
        if kind == "nesting":
            parse_feed(Path(arg).read_bytes(), "https://example.org/deep.xml")
        elif kind == "json-nesting":
            parse_chapters_json(Path(arg).read_bytes(), "https://example.org/c.json")
        elif kind == "endless-download":
            url, dest = arg.split(" ", 1)
            download_episode_file(url, Path(dest), limits=DownloadLimits(max_bytes=64 * 2**20))
        return "ok"
    except FeedError as exc:
        return str(exc)
    except MemoryError:
        return "MemoryError"


def main() -> None:
    kind, arg, cap_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
    resource.setrlimit(resource.RLIMIT_AS, (cap_mb * 2**20, cap_mb * 2**20))
    import companion.feeds.download  # noqa: F401 (what a fetch loads, before the baseline)
    import companion.feeds.fetch  # noqa: F401

    reset_peak()
    baseline = peak_mb()
    outcome = run(kind, arg)
    print(json.dumps({"outcome": outcome, "peak_mb": peak_mb(), "start_mb": baseline}))


if __name__ == "__main__":
    main()
