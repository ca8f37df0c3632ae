"""Search on a generated 100,000-episode library: query times, index size, and the cost of the index
triggers when 1,000 episodes (with chapters) are added."""

from __future__ import annotations

import os
import random
import re
import sqlite3
import statistics
import time
from pathlib import Path

from companion import shownotes
from companion.library import Library

try:  # tests/benchmarks as a package, or as a plain directory on sys.path
    from .libgen import _EN, _ZH, cached_library, generate_library, make_notes
except ImportError:
    from libgen import _EN, _ZH, cached_library, generate_library, make_notes

N = int(os.environ.get("BENCH_SEARCH_N", "100000"))
CACHE = Path(__file__).resolve().parents[2] / ".bench" / f"search-{N}.db"
FTS = ("search_titles", "search_notes", "search_chapters", "search_bookmarks")
_RUNS = re.compile(r"[\u3400-\u9fff]+|[A-Za-z]+")
MISSES = ("zebra crossing", "不存在的词语", "qqqzzz", "量子纠缠", "kubernetes", "xyz 模型")


def _library() -> Library:
    """The cached benchmark library (generated once per N: minutes, the search triggers dominate)."""
    global CACHE
    if N == 100_000:  # the library the other benchmarks use too
        CACHE = cached_library(N)
    if CACHE.exists():
        library = Library(CACHE)
        tables = {row[0] for row in library.db.conn.execute("SELECT name FROM sqlite_master")}
        if library.episode_count() == N and tables.issuperset(FTS):
            return library
        library.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{CACHE}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    generate_library(CACHE, N).close()
    print(f"\ngenerated {N:,} episodes with the search index in {time.perf_counter() - start:.1f} s")
    return Library(CACHE)


def _substring(rng: random.Random, text: str, low: int, high: int) -> str:
    text = " ".join(text.split())
    size = rng.randint(low, high)
    if len(text) <= size:
        return text
    start = rng.randrange(0, len(text) - size)
    return text[start : start + size].strip() or text[:size]


def _word(rng: random.Random, text: str, low: int, high: int) -> str:
    """What a person would type: part of a run of Chinese characters, or a whole English word."""
    runs = [run for run in _RUNS.findall(text) if len(run) >= low] or [text]
    run = rng.choice(runs)
    if run.isascii():
        return run
    size = min(len(run), rng.randint(low, high))
    start = rng.randrange(0, len(run) - size + 1)
    return run[start : start + size]


def _queries(conn: sqlite3.Connection, rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """About 100 realistic queries of 3+ characters (words and Chinese runs from notes, titles and
    chapters; episode numbers; misses), 50 of 1-2 characters, and 40 raw fragments that cut across
    words and scripts (the slow case: rare phrases made of very common trigrams)."""
    ids = rng.sample(range(1, N + 1), 60)
    marks = ",".join("?" * len(ids))
    episodes = conn.execute(f"SELECT title, notes_text FROM episodes WHERE id IN ({marks})", ids).fetchall()
    chapters = [
        row[0]
        for row in conn.execute(f"SELECT title FROM chapters WHERE episode_id IN ({marks})", ids).fetchall()
    ]
    long = [_word(rng, notes, 3, 6) for _, notes in episodes[:40]]
    long += [_word(rng, title.split(" ", 1)[-1], 3, 5) for title, _ in episodes[40:55]]
    long += [title.split(" ", 1)[0] for title, _ in episodes[55:60]]  # 第123期
    long += [_word(rng, title, 3, 6) for title in rng.sample(chapters, 20)]
    long += [rng.choice(_EN) for _ in range(8)] + ["Model", "OPEN", "Startup", "开源模型", "医疗数据"]
    long += list(MISSES)
    fragments = [_substring(rng, notes, 3, 10) for _, notes in episodes[:30]]
    fragments += [_substring(rng, title, 3, 10) for title in rng.sample(chapters, 10)]
    short = [rng.choice(_ZH) for _ in range(15)]
    short += [_substring(rng, notes, 2, 2) for _, notes in episodes[:15]]
    short += [_substring(rng, title, 2, 2) for title in rng.sample(chapters, 10)]
    short += ["开源", "医疗", "AI", "go", "龘", "Xq", "鑫", "é", "😀", "𠀀"]
    keep = [q for q in long if len(q.strip()) >= 3]
    return keep, [q for q in short if 1 <= len(q.strip()) <= 2], [q for q in fragments if len(q) >= 3]


def _time_queries(library: Library, queries: list[str]) -> list[float]:
    times = []
    for query in queries:
        start = time.perf_counter()
        library.search(query)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _index_bytes(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\'"
        ).fetchone()
        return int(row[0] or 0)
    except sqlite3.Error:
        blocks = [f"SELECT sum(length(block)) FROM {fts}_data" for fts in FTS]
        return sum(conn.execute(sql).fetchone()[0] or 0 for sql in blocks)


def _add_episodes(library: Library, count: int, seed: int = 99) -> tuple[float, float]:
    """Seconds to add ``count`` new episodes with their chapters in one committed transaction, and
    to delete them again (chapters by cascade)."""
    rng = random.Random(seed)
    conn = library.db.conn
    base = conn.execute("SELECT max(id) FROM episodes").fetchone()[0] + 1000
    podcast = conn.execute("SELECT min(id) FROM podcasts").fetchone()[0]
    rows, chapter_rows = [], []
    for n in range(count):
        notes = make_notes(rng)
        chapters = shownotes.extract_chapters(notes)
        eid = base + n
        rows.append(
            (eid, podcast, f"bench-{eid}", f"新增 {eid} {notes[:20]}", notes,
             shownotes.notes_to_text(notes), 1_000_000_000 + n)
        )  # fmt: skip
        chapter_rows += [(eid, c.start_ms, c.title, c.section, "shownotes") for c in chapters]
    start = time.perf_counter()
    with library.db.atomic():
        conn.executemany(
            "INSERT INTO episodes (id, podcast_id, guid, title, notes_raw, notes_text, published_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO chapters (episode_id, start_ms, title, section, source) VALUES (?, ?, ?, ?, ?)",
            chapter_rows,
        )
    added = time.perf_counter() - start
    with library.db.atomic():
        conn.execute("DELETE FROM episodes WHERE id >= ?", [base])
    return added, time.perf_counter() - start - added


def _add_without_triggers(library: Library, count: int) -> tuple[float, float]:
    """The same insert with the episodes/chapters search triggers dropped (restored after)."""
    conn = library.db.conn
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'"
        " AND tbl_name IN ('episodes', 'chapters')"
    ).fetchall()
    with library.db.atomic():
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
    try:
        return _add_episodes(library, count)
    finally:
        with library.db.atomic():
            for _, sql in triggers:
                conn.execute(sql)


def test_search_100k(record):
    library = _library()
    try:
        conn = library.db.conn
        rng = random.Random(5)
        long, short, fragments = _queries(conn, rng)
        _time_queries(library, long[:10] + short[:5])  # warm the page cache
        long_ms = _time_queries(library, long)
        short_ms = _time_queries(library, short)
        fragment_ms = _time_queries(library, fragments)
        found = sum(1 for q in long if len(library.search(q)) > 0)
        worst = sorted(zip(long_ms, long, strict=True), reverse=True)[:3]
        worst_short = sorted(zip(short_ms, short, strict=True), reverse=True)[:3]
        index_mb = _index_bytes(conn) / 1e6
        file_mb = CACHE.stat().st_size / 1e6
        (with_triggers, delete_with), (without, delete_without) = (
            _add_episodes(library, 1000),
            _add_without_triggers(library, 1000),
        )
        if N == 100_000:  # the fixed keys are figures of the 100,000-episode library
            record("search_p50_ms", statistics.median(long_ms))
            record("search_p95_ms", _p95(long_ms))
            record("search_short_p50_ms", statistics.median(short_ms))
        print(
            f"\nsearch on {N:,} episodes: {len(long)} queries of 3+ characters ({found} with hits):"
            f" p50 {statistics.median(long_ms):.1f} ms, p95 {_p95(long_ms):.1f} ms,"
            f" max {max(long_ms):.1f} ms; slowest {[(round(t, 1), q) for t, q in worst]}"
            f"\n{len(short)} queries of 1-2 characters: p50 {statistics.median(short_ms):.1f} ms,"
            f" p95 {_p95(short_ms):.1f} ms, max {max(short_ms):.1f} ms;"
            f" slowest {[(round(t, 1), q) for t, q in worst_short]}"
            f"\n{len(fragments)} raw fragments across words: p50 {statistics.median(fragment_ms):.1f} ms,"
            f" p95 {_p95(fragment_ms):.1f} ms, max {max(fragment_ms):.1f} ms"
            f"\nsearch index {index_mb:.0f} MB of a {file_mb:.0f} MB library file"
            f"\nadd 1,000 episodes (+chapters): {with_triggers * 1000:.0f} ms with the search triggers,"
            f" {without * 1000:.0f} ms without ({with_triggers / max(without, 1e-9):.1f}x);"
            f" deleting them: {delete_with * 1000:.0f} ms with, {delete_without * 1000:.0f} ms without"
        )
    finally:
        library.close()
