"""Schema steps as sqlite-utils Migrations: one function per step, never edited once landed."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from companion.library.sync_schema import create_sync_schema

MIGRATIONS = Migrations("companion")
FIRST_STEP = "m001_podcasts_episodes_chapters"
APPLICATION_ID = 0x50434F4D  # "PCOM" in the file's header: the file is a Podcast Companion library
# Steps a read-only library can do without: it is read as it is.
READ_COMPATIBLE_STEPS = frozenset({"m009_application_id"})


@MIGRATIONS()
def m001_podcasts_episodes_chapters(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE podcasts (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            feed_url TEXT UNIQUE,
            link TEXT,
            description TEXT NOT NULL DEFAULT '',
            image_url TEXT,
            etag TEXT,
            last_modified TEXT,
            refreshed_at INTEGER,
            added_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER))
        )
        """
    )
    db.execute(
        """
        CREATE TABLE episodes (
            id INTEGER PRIMARY KEY,
            podcast_id INTEGER NOT NULL REFERENCES podcasts(id) ON DELETE CASCADE,
            guid TEXT NOT NULL,
            title TEXT NOT NULL,
            audio_url TEXT,
            audio_path TEXT,
            link TEXT,
            duration_ms INTEGER,
            published_at INTEGER,
            notes_html TEXT NOT NULL DEFAULT '',
            notes_text TEXT NOT NULL DEFAULT '',
            position_ms INTEGER NOT NULL DEFAULT 0,
            played_at INTEGER,
            added_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER)),
            updated_at INTEGER,
            UNIQUE (podcast_id, guid)
        )
        """
    )
    db.execute("CREATE INDEX episodes_published ON episodes (published_at DESC, id DESC)")
    db.execute("CREATE INDEX episodes_podcast ON episodes (podcast_id, published_at DESC)")
    db.execute(
        """
        CREATE TABLE chapters (
            id INTEGER PRIMARY KEY,
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
            end_ms INTEGER,
            title TEXT NOT NULL,
            section TEXT,
            source TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX chapters_episode ON chapters (episode_id, source, start_ms)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")


@MIGRATIONS()
def m002_queue(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE queue (
            episode_id INTEGER PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,
            position INTEGER NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX queue_position ON queue (position)")


@MIGRATIONS()
def m003_feed_sync_and_downloads(db: Database) -> None:
    # chapters: links and images (JSON, Podlove, ID3), toc:false chapters kept but hidden
    db.execute("ALTER TABLE chapters ADD COLUMN url TEXT")
    db.execute("ALTER TABLE chapters ADD COLUMN image_url TEXT")
    db.execute("ALTER TABLE chapters ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0")
    # episodes: what the feed said (to match and to skip unchanged items), downloads
    db.execute("ALTER TABLE episodes ADD COLUMN chapters_url TEXT")
    db.execute("ALTER TABLE episodes ADD COLUMN image_url TEXT")
    db.execute("ALTER TABLE episodes ADD COLUMN audio_size INTEGER")
    db.execute("ALTER TABLE episodes ADD COLUMN audio_type TEXT")
    db.execute("ALTER TABLE episodes ADD COLUMN feed_hash TEXT")
    db.execute("ALTER TABLE episodes ADD COLUMN vanished_at INTEGER")
    db.execute("ALTER TABLE episodes ADD COLUMN downloaded_at INTEGER")
    db.execute("CREATE INDEX episodes_audio_url ON episodes (podcast_id, audio_url)")


_TRIGRAM = "tokenize='trigram case_sensitive 0'"


@MIGRATIONS()
def m004_search_index(db: Database) -> None:
    # The bookmarks table (issue "Bookmarks") is created here so its notes are searchable from day one.
    db.execute(
        """
        CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY,
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            position_ms INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            chapter_title TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER
        )
        """
    )
    db.execute("CREATE INDEX bookmarks_episode ON bookmarks (episode_id, position_ms)")
    # 1-2 character searches scan episode titles newest first in this small covering index.
    db.execute("CREATE INDEX episodes_title_scan ON episodes (published_at DESC, id DESC, title)")
    # External-content trigram indexes (substrings of 3+ characters, any script), kept in step with
    # their tables by triggers, in the same transaction as every write, cascades included. Titles
    # have their own index so that title matches are found without walking the notes' long lists.
    indexes = [
        ("search_titles", "episodes", ["title"]),
        ("search_notes", "episodes", ["notes_text"]),
        ("search_chapters", "chapters", ["title", "section"]),
        ("search_bookmarks", "bookmarks", ["note"]),
    ]
    for fts, table, columns in indexes:
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in ["id", *columns])
        db.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols},"
            f" content='{table}', content_rowid='id', {_TRIGRAM})"
        )
        db.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN"
            f" INSERT INTO {fts} (rowid, {cols}) VALUES (new.id, {new}); END"
        )
        db.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN"
            f" INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END"
        )
        db.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF id, {cols} ON {table} WHEN {changed} BEGIN"
            f" INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
            f" INSERT INTO {fts} (rowid, {cols}) VALUES (new.id, {new}); END"
        )
        db.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
    # The trigrams of notes and chapters, for 2-character searches (every trigram starting with them).
    db.execute("CREATE VIRTUAL TABLE search_notes_terms USING fts5vocab(search_notes, row)")
    db.execute("CREATE VIRTUAL TABLE search_chapters_terms USING fts5vocab(search_chapters, row)")


@MIGRATIONS()
def m005_list_indexes(db: Database) -> None:
    # Covering indexes for the episode list: each sort order with the columns the filters read,
    # so sorting and filtering 100,000 episodes never walks the (large) rows with their notes.
    db.execute("DROP INDEX IF EXISTS episodes_published")
    db.execute(
        "CREATE INDEX episodes_list_published"
        " ON episodes (published_at DESC, id DESC, played_at, position_ms)"
    )
    db.execute(
        "CREATE INDEX episodes_list_title ON episodes (title COLLATE NOCASE, id, played_at, position_ms)"
    )
    db.execute("CREATE INDEX episodes_list_duration ON episodes (duration_ms, id, played_at, position_ms)")


@MIGRATIONS()
def m006_stars(db: Database) -> None:
    # Starred episodes; the partial index keeps the Starred filter of a large library an index walk.
    db.execute("ALTER TABLE episodes ADD COLUMN starred_at INTEGER")
    db.execute(
        "CREATE INDEX episodes_starred ON episodes (published_at DESC, id DESC) WHERE starred_at IS NOT NULL"
    )


@MIGRATIONS()
def m007_notes_raw(db: Database) -> None:
    # The notes as the feed (or the person adding an episode) gave them. Their safe HTML is rendered
    # from them when the episode is shown, not at import: notes_html stays '' for such rows. Rows
    # written before this step keep their rendered notes_html and a NULL here.
    db.execute("ALTER TABLE episodes ADD COLUMN notes_raw TEXT")


@MIGRATIONS()
def m008_audio_length(db: Database) -> None:
    # The audio's own length, once known from its file (when added) or from the player (when loaded);
    # duration_ms may be a feed's claim. Chapters past the audio's end are told apart by it.
    db.execute("ALTER TABLE episodes ADD COLUMN audio_length_ms INTEGER")


@MIGRATIONS()
def m009_application_id(db: Database) -> None:
    # Marks the file as ours in its header, so another application's file is told apart before
    # anything is written to it. Libraries made before this step are known by their schema steps.
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@MIGRATIONS()
def m010_feed_details(db: Database) -> None:
    # What real feeds carry beyond the basics: iTunes and Podcasting 2.0 numbering and kinds, the
    # podcast's own guid and lock, and (in their own tables, in feed order) every transcript, person
    # and funding link. Rows written before this step get them at their next refresh (their feed
    # fingerprint changes with the parser that reads them).
    db.execute("ALTER TABLE episodes ADD COLUMN season INTEGER")
    db.execute("ALTER TABLE episodes ADD COLUMN season_name TEXT")
    db.execute("ALTER TABLE episodes ADD COLUMN episode_number REAL")
    db.execute("ALTER TABLE episodes ADD COLUMN episode_label TEXT")
    db.execute("ALTER TABLE episodes ADD COLUMN episode_type TEXT")
    db.execute("ALTER TABLE episodes ADD COLUMN itunes_title TEXT")
    db.execute("ALTER TABLE podcasts ADD COLUMN podcast_guid TEXT")
    db.execute("ALTER TABLE podcasts ADD COLUMN locked INTEGER")
    db.execute("ALTER TABLE podcasts ADD COLUMN locked_owner TEXT")
    db.execute(
        """
        CREATE TABLE transcripts (
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            url TEXT NOT NULL,
            type TEXT,
            language TEXT,
            rel TEXT,
            PRIMARY KEY (episode_id, position)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE persons (
            id INTEGER PRIMARY KEY,
            podcast_id INTEGER REFERENCES podcasts(id) ON DELETE CASCADE,
            episode_id INTEGER REFERENCES episodes(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            person_group TEXT NOT NULL,
            href TEXT,
            img TEXT,
            CHECK ((podcast_id IS NULL) <> (episode_id IS NULL))
        )
        """
    )
    db.execute("CREATE INDEX persons_episode ON persons (episode_id, position) WHERE episode_id IS NOT NULL")
    db.execute("CREATE INDEX persons_podcast ON persons (podcast_id, position) WHERE podcast_id IS NOT NULL")
    db.execute(
        """
        CREATE TABLE funding (
            podcast_id INTEGER NOT NULL REFERENCES podcasts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            url TEXT NOT NULL,
            title TEXT,
            PRIMARY KEY (podcast_id, position)
        )
        """
    )


@MIGRATIONS()
def m011_podcast_kind(db: Database) -> None:
    # What a podcast is, instead of pseudo-addresses in feed_url: 'feed' (a subscription), 'local'
    # (episodes added by hand, once "companion:local") or 'demo' (once "companion:demo"). Those two
    # lose their pseudo-address (feed_url NULL: nothing to fetch, nothing to export), and there is
    # at most one of each.
    db.execute(
        "ALTER TABLE podcasts ADD COLUMN kind TEXT NOT NULL DEFAULT 'feed'"
        " CHECK (kind IN ('feed', 'local', 'demo'))"
    )
    for kind, address in (("local", "companion:local"), ("demo", "companion:demo")):
        db.execute("UPDATE podcasts SET kind = ?, feed_url = NULL WHERE feed_url = ?", [kind, address])
    db.execute("CREATE UNIQUE INDEX podcasts_one_of_kind ON podcasts (kind) WHERE kind != 'feed'")


@MIGRATIONS()
def m012_sync(db: Database) -> None:
    # The sync outbox and what came from other devices (issue 20), kept by triggers: see sync_schema.
    create_sync_schema(db)


@MIGRATIONS()
def m013_cover_cache(db: Database) -> None:
    # The cover-art cache: one row per image address of a podcast or an episode (downloaded once per
    # address), with the name of its cached copy in covers/ beside the library (NULL until one is
    # whole), the validators of the conditional GET, when it was last asked for and why the last
    # attempt failed (the old copy, if any, is kept).
    db.execute(
        """
        CREATE TABLE covers (
            url TEXT PRIMARY KEY,
            file TEXT,
            etag TEXT,
            last_modified TEXT,
            width INTEGER,
            height INTEGER,
            checked_at INTEGER,
            error TEXT
        ) WITHOUT ROWID
        """
    )


@MIGRATIONS()
def m014_transcript_cues(db: Database) -> None:
    # The transcript chosen for an episode (one of its podcast:transcript rows, or a file of the
    # listener's) and its cues. ``error`` holds why the last fetch failed while no cues are stored.
    # The cues' trigram index (contentless) is filled after they are stored, in steps
    # (Library.index_transcripts_step): indexing a 10,000-cue transcript takes 0.3-0.6 s, too long for
    # one step of the window, and searches read the cues not yet indexed directly. Ids only grow
    # (AUTOINCREMENT), so ``transcript_index.upto`` says which are in the indexes; an indexed cue that
    # is deleted waits in ``transcript_unindex`` (with its text, which the index needs) to leave it.
    db.execute(
        """
        CREATE TABLE episode_transcripts (
            episode_id INTEGER PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,
            url TEXT,
            path TEXT,
            type TEXT,
            language TEXT,
            format TEXT NOT NULL DEFAULT '',
            timed INTEGER NOT NULL DEFAULT 1,
            cue_count INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            fetched_at INTEGER NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE transcript_cues (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
            start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
            end_ms INTEGER NOT NULL,
            speaker TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX transcript_cues_episode ON transcript_cues (episode_id, start_ms)")
    db.execute(f"CREATE VIRTUAL TABLE search_cues USING fts5(text, content='', {_TRIGRAM})")
    # 1-2 CJK characters, below what trigrams find: each run of CJK characters as its single characters
    # and pairs, one token each (library/cue_grams.py), so such a query is one token's lookup.
    db.execute("CREATE VIRTUAL TABLE search_cue_grams USING fts5(grams, content='', tokenize='unicode61')")
    db.execute("CREATE TABLE transcript_index (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL)")
    db.execute("INSERT INTO transcript_index (id, upto) VALUES (1, 0)")
    db.execute("CREATE TABLE transcript_unindex (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    db.execute(
        "CREATE TRIGGER transcript_cues_unindex AFTER DELETE ON transcript_cues"
        " WHEN old.id <= (SELECT upto FROM transcript_index WHERE id = 1) BEGIN"
        " INSERT OR REPLACE INTO transcript_unindex (id, text) VALUES (old.id, old.text); END"
    )


@MIGRATIONS()
def m015_podcast_view(db: Database) -> None:
    # The Podcasts view: the feed's author (itunes:author), a playback speed of the podcast's own
    # (NULL: the global speed), when the listener last looked at it and the newest episode id then
    # (episodes above it, unplayed, are "new"; NULL: never looked, every unplayed episode counts),
    # and the last refresh's error (NULL when the last refresh worked). Existing podcasts count as
    # looked at now: nothing is new on the day of the upgrade.
    db.execute("ALTER TABLE podcasts ADD COLUMN author TEXT")
    db.execute("ALTER TABLE podcasts ADD COLUMN playback_rate REAL")
    db.execute("ALTER TABLE podcasts ADD COLUMN seen_at INTEGER")
    db.execute("ALTER TABLE podcasts ADD COLUMN seen_episode_id INTEGER")
    db.execute("ALTER TABLE podcasts ADD COLUMN refresh_error TEXT")
    db.execute("ALTER TABLE podcasts ADD COLUMN refresh_failed_at INTEGER")
    db.execute(
        "UPDATE podcasts SET seen_at = CAST(strftime('%s', 'now') AS INTEGER),"
        " seen_episode_id = (SELECT coalesce(max(id), 0) FROM episodes)"
    )
    # The view's counts per podcast from this index alone, never the episode rows (their notes make
    # them long): episodes, unplayed and the last date in one walk, the new ones (unplayed, id above
    # the one seen) as a range of it.
    db.execute("CREATE INDEX episodes_podcast_counts ON episodes (podcast_id, played_at, id, published_at)")
