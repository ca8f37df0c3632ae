"""Candidate transcript cues for a search: the trigram index for 3+ characters, a scan for 1-2."""

from __future__ import annotations

import sqlite3
from typing import Any

from companion.library.cue_grams import is_cjk


def fts_phrase(text: str) -> str:
    """``text`` as one FTS5 string (as library.search's)."""
    return '"' + text.replace('"', '""') + '"'


# 1-2 CJK characters: measured over 1,000 transcripts (10 million characters, 240,000 cues), LIKE over
# the cues newest first took 36 ms for a common pair but a full scan for a rare one (100 ms on a quiet
# machine, 300-600 ms on a busy one), instr over one text per episode 60-480 ms: a token index of the
# characters and pairs (search_cue_grams) answers in a few ms. Other 1-2 characters ("AI") are scanned.
_CUE_COLUMNS = "c.id, c.episode_id, c.start_ms, c.speaker, c.text, e.title, p.title"
_JOIN = "JOIN episodes e ON e.id = c.episode_id JOIN podcasts p ON p.id = e.podcast_id"
_LIKE = "text LIKE ? ESCAPE '\\'"


def cue_rows(
    conn: sqlite3.Connection, text: str, match: str | None, like: str, k: int
) -> list[tuple[Any, ...]]:
    """The newest ``k`` cues holding ``text``: by the trigram index with the FTS5 phrase ``match`` (3+
    characters), else by the CJK character index, else by the LIKE pattern ``like``; cues not indexed
    yet are scanned. Rows are ``(id, episode id, start_ms, speaker, text, episode, podcast)``; index hits
    of cues deleted since (still leaving the index) drop out."""
    table = "search_cues"
    if match is None:
        if not is_cjk(text):
            scan = f"SELECT id FROM transcript_cues WHERE {_LIKE} ORDER BY id DESC LIMIT ?"
            return _rows(conn, scan, [like, k])
        table, match = "search_cue_grams", fts_phrase(text)
    (upto,) = conn.execute("SELECT upto FROM transcript_index WHERE id = 1").fetchone()
    ids = [
        row[0]
        for row in conn.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?", [match, k]
        )
    ]
    fresh = _rows(
        conn,
        f"SELECT id FROM transcript_cues WHERE id > ? AND {_LIKE} ORDER BY id DESC LIMIT ?",
        [upto, like, k],
    )
    if not ids:
        return fresh
    marks = ",".join("?" * len(ids))
    return (
        fresh
        + conn.execute(
            f"SELECT {_CUE_COLUMNS} FROM transcript_cues c {_JOIN} WHERE c.id IN ({marks})", ids
        ).fetchall()
    )


def _rows(conn: sqlite3.Connection, ids_sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return conn.execute(
        f"SELECT {_CUE_COLUMNS} FROM transcript_cues c {_JOIN} WHERE c.id IN ({ids_sql})", params
    ).fetchall()
