"""The transcript kept with each episode: its source and cues, replaced atomically, read back in order."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from typing import Any

from companion.domain import FetchedTranscript, StoredTranscript
from companion.library.chapter_store import MAX_PARAMETERS
from companion.library.cue_grams import cjk_grams
from companion.library.db import LibraryError

_CUE_COLUMNS = 5  # episode_id, start_ms, end_ms, speaker, text
INDEX_STEP_CUES = 150  # cues indexed per step: 10-35 ms (measured), so the window never stalls on it
_SOURCE_COLUMNS = "episode_id, url, path, type, language, format, timed, cue_count, error, fetched_at"


def _stored(row: Sequence[Any] | None) -> StoredTranscript | None:
    if row is None:
        return None
    return StoredTranscript(*row[:6], bool(row[6]), *row[7:])


def write_transcript(conn: sqlite3.Connection, episode_id: int, fetched: FetchedTranscript) -> None:
    """Replace the episode's transcript with ``fetched`` inside the caller's transaction. A failure
    (``fetched.error``) never takes away cues already stored: it is only recorded when there are none."""
    if fetched.error is not None:
        held = conn.execute(
            "SELECT cue_count FROM episode_transcripts WHERE episode_id = ?", [episode_id]
        ).fetchone()
        if held is not None and held[0] > 0:
            return
    conn.execute("DELETE FROM transcript_cues WHERE episode_id = ?", [episode_id])
    cues = [] if fetched.error is not None else list(fetched.cues)
    conn.execute(
        f"INSERT OR REPLACE INTO episode_transcripts ({_SOURCE_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [episode_id, fetched.url, fetched.path, fetched.type, fetched.language, fetched.format,
         int(fetched.timed), len(cues), fetched.error, int(time.time())],
    )  # fmt: skip
    # few multi-row statements: each statement on a table with search triggers flushes FTS5's data
    size = MAX_PARAMETERS // _CUE_COLUMNS
    for start in range(0, len(cues), size):
        batch = cues[start : start + size]
        conn.execute(
            "INSERT INTO transcript_cues (episode_id, start_ms, end_ms, speaker, text) VALUES "
            + ",".join(["(?, ?, ?, ?, ?)"] * len(batch)),
            [v for c in batch for v in (episode_id, int(c.start_ms), int(c.end_ms), c.speaker or "", c.text)],
        )


def _index(conn: sqlite3.Connection, rows: list[tuple[int, str]], delete: bool) -> None:
    """Put cues ``(id, text)`` in the trigram and the CJK character indexes, or (``delete``) take them
    out, with a few multi-row statements (contentless indexes: taking out needs the same text)."""
    size = MAX_PARAMETERS // 3
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        for table, column, convert in (
            ("search_cues", "text", str),
            ("search_cue_grams", "grams", cjk_grams),
        ):
            values = [(cue_id, convert(text)) for cue_id, text in batch]
            if delete:
                values = [v for v in values if v[1]]
                sql = f"INSERT INTO {table} ({table}, rowid, {column}) VALUES " + ",".join(
                    ["('delete', ?, ?)"] * len(values)
                )
            else:
                sql = f"INSERT INTO {table} (rowid, {column}) VALUES " + ",".join(["(?, ?)"] * len(values))
            if values:
                conn.execute(sql, [v for pair in values for v in pair])


class TranscriptStoreMixin:
    """Transcript methods of Library (kept apart to keep each module to one job)."""

    _conn: sqlite3.Connection
    db: Any

    def store_transcript(self, episode_id: int, fetched: FetchedTranscript) -> StoredTranscript | None:
        """Keep ``fetched`` as the episode's transcript (all of it or nothing); returns what is stored."""
        with self.db.atomic():
            if self._conn.execute("SELECT 1 FROM episodes WHERE id = ?", [episode_id]).fetchone() is None:
                raise LibraryError(f"No episode with id {episode_id} in the library.")
            write_transcript(self._conn, episode_id, fetched)
        return self.stored_transcript(episode_id)

    def stored_transcript(self, episode_id: int) -> StoredTranscript | None:
        """The source of the episode's transcript, or None when none was ever stored or tried."""
        row = self._conn.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM episode_transcripts WHERE episode_id = ?", [episode_id]
        ).fetchone()
        return _stored(row)

    def transcript_cues(self, episode_id: int) -> list[tuple[int, int, str, str]]:
        """The stored cues of an episode as ``(start_ms, end_ms, speaker, text)``, in time order."""
        return self._conn.execute(
            "SELECT start_ms, end_ms, speaker, text FROM transcript_cues WHERE episode_id = ?"
            " ORDER BY start_ms, id",
            [episode_id],
        ).fetchall()

    def transcripts_to_index(self) -> int:
        """How many cues wait to enter (or leave) the search index."""
        (upto,) = self._conn.execute("SELECT upto FROM transcript_index WHERE id = 1").fetchone()
        waiting = self._conn.execute("SELECT count(*) FROM transcript_cues WHERE id > ?", [upto]).fetchone()[
            0
        ]
        return waiting + self._conn.execute("SELECT count(*) FROM transcript_unindex").fetchone()[0]

    def index_transcripts_step(self, budget: int = INDEX_STEP_CUES) -> int:
        """Take up to ``budget`` deleted cues out of the search indexes and put new ones in, in one
        transaction; returns how many still wait. Searches find cues not yet indexed all the same."""
        conn = self._conn
        with self.db.atomic():
            gone = conn.execute(
                "SELECT id, text FROM transcript_unindex ORDER BY id LIMIT ?", [budget]
            ).fetchall()
            if gone:
                _index(conn, gone, delete=True)
                conn.execute("DELETE FROM transcript_unindex WHERE id <= ?", [gone[-1][0]])
            (upto,) = conn.execute("SELECT upto FROM transcript_index WHERE id = 1").fetchone()
            if budget > len(gone):
                rows = conn.execute(
                    "SELECT id, text FROM transcript_cues WHERE id > ? ORDER BY id LIMIT ?",
                    [upto, budget - len(gone)],
                ).fetchall()
                if rows:
                    _index(conn, rows, delete=False)
                    conn.execute("UPDATE transcript_index SET upto = ? WHERE id = 1", [rows[-1][0]])
        return self.transcripts_to_index()

    def index_transcripts(self, budget: int = INDEX_STEP_CUES) -> None:
        """Bring the transcripts' search index up to date (the command does it before it ends)."""
        while self.index_transcripts_step(budget):
            pass

    def remove_transcript(self, episode_id: int) -> None:
        """Forget the episode's transcript (its cues and its source)."""
        with self.db.atomic():
            self._conn.execute("DELETE FROM transcript_cues WHERE episode_id = ?", [episode_id])
            self._conn.execute("DELETE FROM episode_transcripts WHERE episode_id = ?", [episode_id])
