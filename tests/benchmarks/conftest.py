"""Benchmark plumbing: each benchmark records figures; the session prints one table and writes
``.bench/results.json`` (keys fixed by the performance issue, ``null`` where a figure is missing)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RESULTS = Path(__file__).resolve().parents[2] / ".bench" / "results.json"
KEYS = {
    "startup_empty_s": "start-up, empty library (s)",
    "startup_100k_s": "start-up, 100,000 episodes (s)",
    "startup_zh_cn_s": "start-up in Chinese, empty library (s)",
    "translations_load_ms": "loading the translations at start (ms)",
    "scroll_end_100k_ms": "show the last rows of 100,000 (ms)",
    "sort_100k_ms": "sort 100,000 episodes (ms)",
    "filter_100k_ms": "filter 100,000 episodes (ms)",
    "podcasts_model_100k_ms": "Podcasts view model, 200 podcasts / 100k episodes (ms)",
    "podcasts_sort_100k_ms": "sort the Podcasts view, slowest order (ms)",
    "peak_rss_100k_mb": "peak memory, 100,000 episodes (MB)",
    "anon_rss_100k_mb": "of it allocated by the app (anonymous, MB)",
    "extract_mb_per_s": "chapter extraction (MB/s)",
    "feed_import_2000_s": "2,000-item feed parse + store (s)",
    "feed_import_one_process_2000_s": "the same, all in one process (s)",
    "companion_subscribe_2000_s": "companion subscribe of it, end to end (s)",
    "gpo_import_2000_s": "gpo subscribe, as installed, no charset (s)",
    "gpo_whole_feed_2000_s": "gpo subscribe, all items, charset (s)",
    "refresh_200_s": "refresh all, 200 feeds, 10 changed (s)",
    "refresh_200_cpu_s": "the same, CPU (s)",
    "gpo_update_200_s": "gpo update, the same 200 feeds (s)",
    "gpo_update_200_cpu_s": "the same, CPU (s)",
    "search_p50_ms": "search, 3+ characters, median (ms)",
    "search_p95_ms": "search, 3+ characters, p95 (ms)",
    "search_short_p50_ms": "search, 1-2 characters, median (ms)",
    "click_to_audio_p50_ms": "chapter click to heard audio, median (ms)",
    "click_to_audio_max_ms": "chapter click to heard audio, worst (ms)",
    "seeks_heard_clean": "seeks heard clean, every way to seek (%)",
    "transcript_parse_vtt_10k_ms": "parse a 3-hour WebVTT transcript, 10,000 cues (ms)",
    "transcript_parse_srt_10k_ms": "the same as SRT (ms)",
    "transcript_parse_json_10k_ms": "the same as Podcast Index JSON (ms)",
    "transcript_parse_words_30k_ms": "30,000 word segments joined into sentences (ms)",
    "transcript_parse_store_10k_s": "parse + store a 10,000-cue transcript (s)",
    "transcript_index_10k_s": "then index it for search, in steps (s)",
    "transcript_search_p50_ms": "search 1,000 transcripts, 3+ characters, median (ms)",
    "transcript_search_short_p50_ms": "search 1,000 transcripts, 1-2 CJK characters, median (ms)",
    "transcript_follow_tick_ms": "follow the playing cue, per position tick (ms)",
}
_figures: dict[str, float | None] = {}


@pytest.fixture(scope="session")
def record():
    """``record(key, value)`` stores a figure for the table and results.json."""

    def store(key: str, value: float | None) -> None:
        if key not in KEYS:
            raise KeyError(f"unknown benchmark key {key}")
        _figures[key] = None if value is None else round(float(value), 3)

    return store


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _figures:
        return
    previous: dict[str, float | None] = {}
    if RESULTS.exists():
        try:
            previous = json.loads(RESULTS.read_text())
        except (OSError, ValueError):
            previous = {}
    merged = {key: _figures.get(key, previous.get(key)) for key in KEYS}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(merged, indent=2) + "\n")
    width = max(len(v) for v in KEYS.values())
    lines = ["", f"{'figure':<{width}}  {'value':>10}  key", "-" * (width + 36)]
    for key, label in KEYS.items():
        value = merged[key]
        shown = "—" if value is None else f"{value:,.3f}".rstrip("0").rstrip(".")
        lines.append(f"{label:<{width}}  {shown:>10}  {key}")
    lines.append(f"(written to {RESULTS})")
    print("\n".join(lines))
