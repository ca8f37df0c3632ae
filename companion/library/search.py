"""Library-wide search: chapters, episodes and bookmarks by substring, Chinese and English alike."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from companion.domain import SearchHit, SearchResults, source_rank
from companion.library.search_cues import cue_rows

MIN_INDEXED_CHARS = 3  # the trigram index finds substrings of 3+ characters
MAX_QUERY_CHARS = 500  # longer input is not a search: no results
MAX_LIMIT = 1000  # hits of each kind at most
FTS_PHRASE_CHARS = 16  # a longer query asks the index for its first 16 characters, then checks the rest
CANDIDATES = 100  # newest index matches ranked per kind (at least 2 x limit)
SHORT_NOTES_SCAN = 2000  # newest episodes whose notes a 1-2 character query reads
SHORT_CHAPTERS_SCAN = 60_000  # newest chapters a 1-2 character query reads
MAX_PREFIX_TERMS = 400  # a 2-character query asks the index for at most this many trigrams
SNIPPET_CONTEXT = 40  # characters shown each side of the match
MARK_OPEN, MARK_CLOSE = "«", "»"
_K1, _B = 1.2, 0.75  # BM25 constants, as FTS5's bm25()
_TITLE_WEIGHT = 10.0

# Preferred chapter source when two sources of one episode hold the same chapter title.

_CHAPTER_COLUMNS = "c.id, c.episode_id, c.start_ms, c.title, c.section, c.source, e.title, p.title"
_EPISODE_COLUMNS = "e.id, e.title, e.notes_text, p.title"
_BOOKMARK_COLUMNS = "b.id, b.episode_id, b.position_ms, b.note, e.title, p.title"
_JOIN_EPISODE = "JOIN episodes e ON e.id = {}.episode_id JOIN podcasts p ON p.id = e.podcast_id"


def clean_query(query: str) -> str:
    """The text to look for: control characters and lone surrogates dropped, spaces collapsed."""
    if not isinstance(query, str):
        return ""
    query = query.encode("utf-8", "ignore").decode("utf-8")
    query = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in query)
    query = " ".join(query.split())
    return "" if len(query) > MAX_QUERY_CHARS else query


def fts_phrase(text: str) -> str:
    """``text`` as one FTS5 string: every character literal, no operators, no syntax errors."""
    return '"' + text.replace('"', '""') + '"'


def like_pattern(text: str) -> str:
    """``text`` as a LIKE pattern (escape ``\\``) matching it anywhere."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def make_snippet(text: str, pattern: re.Pattern[str]) -> tuple[str, str] | None:
    """Plain (« ») and HTML (<b>) snippets around the first match of ``pattern``, or None."""
    found = pattern.search(text)
    if found is None:
        return None
    start = max(0, found.start() - SNIPPET_CONTEXT)
    end = min(len(text), found.end() + SNIPPET_CONTEXT)
    window = " ".join(text[start:end].split())
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    plain, rich = [lead], [lead]
    pos = 0
    for match in pattern.finditer(window):
        before, hit = window[pos : match.start()], match.group()
        plain += [before, MARK_OPEN, hit, MARK_CLOSE]
        rich += [html.escape(before), "<b>", html.escape(hit), "</b>"]
        pos = match.end()
    plain += [window[pos:], tail]
    rich += [html.escape(window[pos:]), tail]
    return "".join(plain), "".join(rich)


def _plain_snippet(text: str) -> tuple[str, str]:
    short = " ".join(text.split())
    short = short if len(short) <= 2 * SNIPPET_CONTEXT else short[: 2 * SNIPPET_CONTEXT] + "…"
    return short, html.escape(short)


def _bm25(fields: Sequence[tuple[str | None, float, float]], pattern: re.Pattern[str]) -> float:
    """BM25 of the one-phrase query over weighted (text, weight, mean length) columns, negated so that
    lower is better as with FTS5. IDF is left out: it is the same for every row of one phrase."""
    score = 0.0
    for text, weight, mean in fields:
        if not text:
            continue
        tf = len(pattern.findall(text))
        if tf:
            norm = _K1 * (1 - _B + _B * len(text) / max(mean, 1.0))
            score += weight * tf * (_K1 + 1) / (tf + norm)
    return -score


def _mean_length(texts: Iterable[str | None]) -> float:
    lengths = [len(t) for t in texts if t]
    return sum(lengths) / len(lengths) if lengths else 1.0


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


class SearchMixin:
    """Search methods of Library (kept apart to keep each module to one job)."""

    db: Database

    def search(self, query: str, limit: int = 50) -> SearchResults:
        """Chapters, episodes and bookmarks whose text holds ``query``: at most ``limit`` of each kind,
        title matches first, then by BM25. Any input is safe; empty or junk input finds nothing."""
        text = clean_query(query)
        limit = min(limit, MAX_LIMIT)
        if not text or limit <= 0:
            return SearchResults()
        pattern = re.compile(re.escape(text), re.IGNORECASE)
        candidates = max(CANDIDATES, 2 * limit)
        if len(text) >= MIN_INDEXED_CHARS:
            chapter_rows, episode_rows, bookmark_rows = self._search_index(text, candidates, limit)
        else:
            chapter_rows, episode_rows, bookmark_rows = self._search_scan(text, candidates)
        indexed = len(text) >= MIN_INDEXED_CHARS
        cues = cue_rows(self.db.conn, text, fts_phrase(text[:FTS_PHRASE_CHARS]) if indexed else None,
                        like_pattern(text), candidates)  # fmt: skip
        if len(text) > FTS_PHRASE_CHARS:  # the index was asked for a prefix: keep whole matches
            chapter_rows = [r for r in chapter_rows if pattern.search(f"{r[3]}\n{r[4] or ''}")]
            episode_rows = [r for r in episode_rows if pattern.search(f"{r[1]}\n{r[2]}")]
            bookmark_rows = [r for r in bookmark_rows if pattern.search(r[3])]
            cues = [r for r in cues if pattern.search(r[4])]
        return SearchResults(
            chapters=tuple(_chapter_hits(chapter_rows, pattern, limit)),
            transcripts=tuple(_cue_hits(cues, pattern, limit)),
            episodes=tuple(_episode_hits(episode_rows, self._podcast_episodes(text, limit), pattern, limit)),
            bookmarks=tuple(_bookmark_hits(bookmark_rows, pattern, limit)),
        )

    # ----- candidate rows -------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return self.db.conn.execute(sql, params).fetchall()

    def _search_index(self, text: str, k: int, limit: int) -> tuple[list, list, list]:
        """Candidates from the trigram indexes: the newest ``k`` matches of each (episode titles and
        show notes apart, so an old title match is not crowded out by newer notes matches; with
        ``limit`` title matches, notes-only matches could not rank, so notes are not asked)."""
        phrase = fts_phrase(text[:FTS_PHRASE_CHARS])
        ids_sql = "SELECT rowid FROM {0} WHERE {0} MATCH ? ORDER BY rowid DESC LIMIT ?"
        chapter_ids = self._ids(ids_sql.format("search_chapters"), [(phrase, k)])
        episode_ids = self._ids(ids_sql.format("search_titles"), [(phrase, k)])
        if len(episode_ids) < limit or len(text) > FTS_PHRASE_CHARS:
            episode_ids += self._ids(ids_sql.format("search_notes"), [(phrase, k)])
        bookmark_ids = self._ids(ids_sql.format("search_bookmarks"), [(phrase, k)])
        chapters = self._by_ids(
            f"SELECT {_CHAPTER_COLUMNS} FROM chapters c {_JOIN_EPISODE.format('c')}"
            " WHERE c.hidden = 0 AND c.id IN ({})",
            chapter_ids,
        )
        episodes = self._by_ids(
            f"SELECT {_EPISODE_COLUMNS} FROM episodes e JOIN podcasts p ON p.id = e.podcast_id"
            " WHERE e.id IN ({})",
            list(dict.fromkeys(episode_ids)),
        )
        bookmarks = self._by_ids(
            f"SELECT {_BOOKMARK_COLUMNS} FROM bookmarks b {_JOIN_EPISODE.format('b')} WHERE b.id IN ({{}})",
            bookmark_ids,
        )
        return chapters, episodes, bookmarks

    def _ids(self, sql: str, runs: Sequence[tuple[str, int]]) -> list[int]:
        seen: dict[int, None] = {}
        for match, k in runs:
            for (rowid,) in self.db.conn.execute(sql, [match, k]):
                seen[rowid] = None
        return list(seen)

    def _by_ids(self, sql: str, ids: Sequence[int]) -> list[tuple[Any, ...]]:
        if not ids:
            return []
        return self._rows(sql.format(",".join("?" * len(ids))), ids)

    def _search_scan(self, text: str, k: int) -> tuple[list, list, list]:
        """Candidates for 1-2 characters (below what trigrams index), scanned newest first: every
        episode title and bookmark note, the newest SHORT_CHAPTERS_SCAN chapters and the show notes
        of the newest SHORT_NOTES_SCAN episodes; for 2 characters also the trigram indexes of all
        chapters and notes (through the trigrams that start with them)."""
        like = like_pattern(text)
        chapter_ids = self._prefix_ids("search_chapters", text, k)
        chapters = self._by_ids(
            f"SELECT {_CHAPTER_COLUMNS} FROM chapters c {_JOIN_EPISODE.format('c')}"
            " WHERE c.hidden = 0 AND c.id IN ({})",
            chapter_ids,
        )
        chapters += self._rows(
            f"SELECT {_CHAPTER_COLUMNS} FROM chapters c {_JOIN_EPISODE.format('c')}"
            " WHERE c.id > (SELECT coalesce(max(id), 0) FROM chapters) - ? AND c.hidden = 0"
            " AND (c.title LIKE ? ESCAPE '\\' OR c.section LIKE ? ESCAPE '\\')"
            " ORDER BY c.id DESC LIMIT ?",
            [SHORT_CHAPTERS_SCAN, like, like, k],
        )
        title_ids = [
            row[0]
            for row in self._rows(
                "SELECT id FROM episodes INDEXED BY episodes_title_scan WHERE title LIKE ? ESCAPE '\\'"
                " ORDER BY published_at DESC, id DESC LIMIT ?",
                [like, k],
            )
        ]
        notes_ids = [
            row[0]
            for row in self._rows(
                "SELECT id FROM (SELECT id, notes_text FROM episodes"
                " ORDER BY published_at DESC, id DESC LIMIT ?)"
                " WHERE notes_text LIKE ? ESCAPE '\\' LIMIT ?",
                [SHORT_NOTES_SCAN, like, k],
            )
        ]
        notes_ids += self._prefix_ids("search_notes", text, k)
        episodes = self._by_ids(
            f"SELECT {_EPISODE_COLUMNS} FROM episodes e JOIN podcasts p ON p.id = e.podcast_id"
            " WHERE e.id IN ({})",
            list(dict.fromkeys(title_ids + notes_ids)),
        )
        bookmarks = self._rows(
            f"SELECT {_BOOKMARK_COLUMNS} FROM bookmarks b {_JOIN_EPISODE.format('b')}"
            " WHERE b.note LIKE ? ESCAPE '\\' ORDER BY b.id DESC LIMIT ?",
            [like, k],
        )
        return chapters, episodes, bookmarks

    def _prefix_ids(self, fts: str, text: str, k: int) -> list[int]:
        """For 2 characters: the newest ``k`` rows holding a trigram that starts with them, i.e. every
        occurrence but one at the very end of a text (the bounded scans cover those)."""
        if len(text) != 2:
            return []
        folded = text.lower()
        terms = [
            row[0]
            for row in self._rows(
                f"SELECT term FROM {fts}_terms WHERE term >= ? AND term < ? LIMIT ?",
                [folded, folded + "\U0010ffff", MAX_PREFIX_TERMS + 1],
            )
        ]
        if not terms or len(terms) > MAX_PREFIX_TERMS:
            return []
        match = " OR ".join(fts_phrase(term) for term in terms)
        return self._ids(
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC LIMIT ?", [(match, k)]
        )

    def _podcast_episodes(self, text: str, limit: int) -> list[tuple[Any, ...]]:
        """The newest episodes of podcasts whose title holds ``text`` (at most ``limit`` podcasts)."""
        podcast_ids = [
            row[0]
            for row in self._rows(
                "SELECT id FROM podcasts WHERE title LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
                [like_pattern(text), limit],
            )
        ]
        newest: list[tuple[int, int]] = []
        for podcast_id in podcast_ids:
            newest += self._rows(
                "SELECT id, coalesce(published_at, 0) FROM episodes WHERE podcast_id = ?"
                " ORDER BY published_at DESC LIMIT ?",
                [podcast_id, limit],
            )
        newest.sort(key=lambda row: (-row[1], -row[0]))
        return self._by_ids(
            f"SELECT {_EPISODE_COLUMNS} FROM episodes e JOIN podcasts p ON p.id = e.podcast_id"
            " WHERE e.id IN ({})",
            [row[0] for row in newest[:limit]],
        )


# ----- ranking and hits ---------------------------------------------------------------------


def _best(rows: list[Any], key: Callable[[Any], Any], limit: int) -> list[Any]:
    return sorted(rows, key=key)[:limit]


def _chapter_hits(rows: list[tuple[Any, ...]], pattern: re.Pattern[str], limit: int) -> list[SearchHit]:
    """Chapter rows as hits: one per (episode, title) from its best source; the best ``limit`` (title
    matches first, then BM25), grouped by episode (the best hit's first), each episode's in time order."""
    chosen: dict[tuple[int, str], tuple[Any, ...]] = {}
    for row in rows:
        key = (row[1], row[3].casefold())
        held = chosen.get(key)
        if held is None or source_rank(row[5]) < source_rank(held[5]):
            chosen[key] = row
    rows = list(chosen.values())
    mean_title = _mean_length(row[3] for row in rows)
    mean_section = _mean_length(row[4] for row in rows)
    scored = []
    for row in rows:
        titled = pattern.search(row[3]) is not None
        rank = _bm25([(row[3], _TITLE_WEIGHT, mean_title), (row[4], 1.0, mean_section)], pattern)
        scored.append((0 if titled else 1, rank, -row[0], row))
    best = _best(scored, lambda item: item[:3], limit)
    # episodes in the order of their best hit; within an episode, its chapters in time order
    order: dict[int, int] = {}
    for *_, row in best:
        order.setdefault(row[1], len(order))
    best.sort(key=lambda item: (order[item[3][1]], item[3][2], item[3][0]))
    hits = []
    for tier, rank, _, row in best:
        snippet = make_snippet(row[3] if tier == 0 else row[4] or "", pattern) or _plain_snippet(row[3])
        hits.append(SearchHit("chapter", row[1], row[3], row[6], row[7], row[2], *snippet, rank, row[0]))
    return hits


def _cue_hits(rows: list[tuple[Any, ...]], pattern: re.Pattern[str], limit: int) -> list[SearchHit]:
    """Transcript cues as hits (the sentence is the title): the best ``limit`` by BM25, grouped by
    episode as chapter hits are (the best hit's first), each episode's in time order."""
    mean = _mean_length(row[4] for row in rows)
    best = _best(
        [(_bm25([(row[4], 1.0, mean)], pattern), -row[0], row) for row in rows], lambda i: i[:2], limit
    )
    order: dict[int, int] = {}
    for *_, row in best:
        order.setdefault(row[1], len(order))
    best.sort(key=lambda item: (order[item[2][1]], item[2][2], item[2][0]))
    hits = []
    for rank, _, row in best:
        snippet = make_snippet(row[4], pattern) or _plain_snippet(row[4])
        hits.append(SearchHit("transcript", row[1], row[4], row[5], row[6], row[2], *snippet, rank, row[0]))
    return hits


def _episode_hits(
    rows: list[tuple[Any, ...]],
    podcast_rows: list[tuple[Any, ...]],
    pattern: re.Pattern[str],
    limit: int,
) -> list[SearchHit]:
    """Episode rows as hits: title matches, then podcast-title matches, then show-notes matches."""
    mean_title = _mean_length(row[1] for row in rows)
    mean_notes = _mean_length(row[2] for row in rows)
    scored: dict[int, tuple[Any, ...]] = {}
    for row in rows:
        tier = 0 if pattern.search(row[1]) else 2
        rank = _bm25([(row[1], _TITLE_WEIGHT, mean_title), (row[2], 1.0, mean_notes)], pattern)
        scored[row[0]] = (tier, rank, -row[0], row)
    for order, row in enumerate(podcast_rows):
        if row[0] not in scored or scored[row[0]][0] > 1:
            scored[row[0]] = (1, float(order), -row[0], row)
    hits = []
    for _, rank, _, row in _best(list(scored.values()), lambda item: item[:3], limit):
        snippet = (
            make_snippet(row[2], pattern)
            or make_snippet(row[1], pattern)
            or make_snippet(row[3], pattern)
            or _plain_snippet(row[2] or row[1])
        )
        hits.append(SearchHit("episode", row[0], row[1], row[1], row[3], None, *snippet, rank, row[0]))
    return hits


def _bookmark_hits(rows: list[tuple[Any, ...]], pattern: re.Pattern[str], limit: int) -> list[SearchHit]:
    """Bookmark rows as hits, by BM25 of the note."""
    mean = _mean_length(row[3] for row in rows)
    scored = [(_bm25([(row[3], 1.0, mean)], pattern), -row[0], row) for row in rows]
    hits = []
    for rank, _, row in _best(scored, lambda item: item[:2], limit):
        snippet = make_snippet(row[3], pattern) or _plain_snippet(row[3])
        title = _first_line(row[3])
        hits.append(SearchHit("bookmark", row[1], title, row[4], row[5], row[2], *snippet, rank, row[0]))
    return hits
