"""Fuzzing the whole way from bytes to stored rows: any input is a feed or a FeedError, and the library stays
consistent (its rows are the feed's, nothing half-written, indexes whole)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.feeds import FeedError, FeedUpdate, parse_feed
from companion.library import Library
from companion.library.store_feed import store_feed_update

NAMESPACES = (
    'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0"'
    ' xmlns:psc="http://podlove.org/simple-chapters" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
)
TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "Society & Culture", "&lt;/p&gtgt;", "&nbsp;&aacute;", "&#0;", "&#xD800;", "&#99999999;", "a < b",
            "<br>", "<b>bold</b>", "<![CDATA[<p>x</p>]]>", "]]>", "&unknown;", "\x00\x0c", "深夜电台",
            "http://example.c[o.test/", "https://a.example.org:99999/x.mp3", "javascript:alert(1)",
            "/rel/x.mp3",
            "2024-05-08T22:18:52.485Z", "Thu, 01 Jan 2004", "GMT-0400 (EDT)", "1970-01-01T00:00:00Z",
            "1704276000", "-1", "1.5", "NaN", "99999999999999999999", "01:02:03.5", "",
        ]
    ),
)  # fmt: skip
ATTRIBUTE_TEXT = TEXTS.map(lambda t: t.replace('"', "&quot;"))
ITEM_PARTS = [
    ("title", None), ("guid", None), ("link", None), ("description", None), ("pubDate", None),
    ("itunes:duration", None), ("itunes:season", None), ("itunes:episode", None),
    ("itunes:episodeType", None),
    ("itunes:title", None), ("podcast:season", None), ("podcast:episode", None), ("content:encoded", None),
    ("enclosure", ("url", "type", "length")), ("podcast:transcript", ("url", "type", "language", "rel")),
    ("podcast:person", ("role", "group", "href", "img")), ("podcast:chapters", ("url", "type")),
    ("itunes:image", ("href",)), ("podcast:image", ("href",)), ("link", ("href",)),
]  # fmt: skip
CHANNEL_PARTS = [
    ("title", None), ("link", None), ("description", None), ("podcast:guid", None),
    ("podcast:locked", ("owner",)),
    ("podcast:funding", ("url",)), ("podcast:person", ("role", "img")), ("itunes:image", ("href",)),
    ("itunes:new-feed-url", None), ("atom:link", ("rel", "href")),
]  # fmt: skip


@st.composite
def element(draw, parts) -> str:
    name, attributes = draw(st.sampled_from(parts))
    attrs = "".join(f' {a}="{draw(ATTRIBUTE_TEXT)}"' for a in attributes or () if draw(st.booleans()))
    if attributes and draw(st.booleans()):
        return f"<{name}{attrs}/>"
    return f"<{name}{attrs}>{draw(TEXTS)}</{name}>"


@st.composite
def feed_document(draw) -> bytes:
    prolog = draw(
        st.sampled_from(
            [
                "", '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="GB2312"?>',
                '<?xml version="1.0" encoding="Big5"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>',
                '<?xml version="1.0" encoding="UTF-16"?>', '<?xml version="1.0" encoding="nonsense"?>',
                '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/x.dtd">',
                '<!DOCTYPE rss [<!ENTITY a "b">]>', '<!DOCTYPE rss [<!ATTLIST item x CDATA "y">]>',
            ]
        )
    )  # fmt: skip
    default = draw(
        st.sampled_from(["", ' xmlns=""', ' xmlns="http://backend.userland.com/rss2"', ' xmlns="x:y"'])
    )
    channel = "".join(draw(st.lists(element(CHANNEL_PARTS), max_size=5)))
    items = "".join(
        "<item>"
        + (f"<guid>{draw(TEXTS)}</guid>" if draw(st.integers(0, 9)) < 7 else "")  # most items have one
        + "".join(draw(st.lists(element(ITEM_PARTS), max_size=8)))
        + "</item>"
        for _ in range(draw(st.integers(0, 4)))
    )
    text = f"{prolog}<rss{default} {NAMESPACES}><channel>{channel}{items}</channel></rss>"
    encoding = draw(st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "gb18030", "big5", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))
    if cut is not None:  # cut off, or one byte changed
        data = (
            data[:cut]
            if draw(st.booleans())
            else data[:cut] + bytes([draw(st.integers(0, 255))]) + data[cut:]
        )
    return data


def _counts(library: Library) -> tuple[int, ...]:
    tables = ("podcasts", "episodes", "chapters", "transcripts", "persons", "funding")
    conn = library.db.conn
    return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables)


def _consistent(library: Library) -> None:
    conn = library.db.conn
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for fts in ("search_titles", "search_notes", "search_chapters"):
        conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('integrity-check')")


@pytest.fixture(scope="module")
def fuzz_library(tmp_path_factory):
    library = Library(tmp_path_factory.mktemp("fuzz") / "library.db")
    yield library
    library.close()


_feeds = itertools.count()


def _bytes_to_rows(library: Library, data: bytes) -> None:
    url = f"https://fuzz.example.org/{next(_feeds)}.xml"
    before = _counts(library)
    try:
        feed = parse_feed(data, url)
    except FeedError as exc:
        assert url in str(exc)  # names the feed
        assert _counts(library) == before
        return
    report = store_feed_update(library, FeedUpdate(url, False, feed))
    conn = library.db.conn
    stored = conn.execute(
        "SELECT guid, title, audio_url, published_at FROM episodes WHERE podcast_id = ? ORDER BY id",
        [report.podcast_id],
    ).fetchall()
    assert [row[0] for row in stored] == [ep.guid for ep in feed.episodes]
    for (_, title, audio_url, published_at), ep in zip(stored, feed.episodes, strict=True):
        assert (title, audio_url) == (ep.title, ep.audio_url)
        assert published_at == ep.published_at or (ep.published_at is None and published_at > 0)
    transcripts = conn.execute(
        "SELECT count(*) FROM transcripts t JOIN episodes e ON e.id = t.episode_id WHERE e.podcast_id = ?",
        [report.podcast_id],
    ).fetchone()[0]
    assert transcripts == sum(len(ep.transcripts) for ep in feed.episodes)
    again = store_feed_update(library, FeedUpdate(url, False, feed))  # a refresh of the same feed
    assert (again.added, again.unchanged) == (0, len(feed.episodes))
    _consistent(library)


FUZZ = settings(
    max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@FUZZ
@given(data=feed_document())
def test_feedlike_bytes_to_rows(fuzz_library, data: bytes):
    _bytes_to_rows(fuzz_library, data)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_to_rows(fuzz_library, data: bytes):
    _bytes_to_rows(fuzz_library, data)
