"""Library-wide search: notes, chapters and bookmark notes in Chinese and English, short queries, hostile
input, and an index that stays right through refresh, edit and delete."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from companion.domain import SearchHit
from companion.library import Library
from companion.library.migrations import MIGRATIONS
from companion.library.search import SHORT_NOTES_SCAN, clean_query, fts_phrase, make_snippet

NOTES = (
    "这一期我们聊开源模型和医疗数据。Our guest explains retrieval augmented generation.\n"
    "时间轴\n"
    "00:00 开场 Opening\n"
    "Part two 深入\n"
    "05:00 医疗影像的标注 Labelling medical images\n"
    "12:30 Vector databases 向量数据库\n"
)

HOSTILE = ['"', '""', "*", "AND OR NOT", "NEAR(", "NEAR(a b)", ")", "(", "-", "^", ":", "{title}:",
           "title:foo", "a*", "'; DROP TABLE episodes; --", "%", "_", "\\", "😀", "😀😀😀",
           "x" * 10_000, "", "   ", "\n\t", "\x00", "\ud800abc"]  # fmt: skip


def add_bookmark(library: Library, episode_id: int, position_ms: int, note: str) -> int:
    with library.db.atomic():
        cur = library.db.conn.execute(
            "INSERT INTO bookmarks (episode_id, position_ms, note, created_at) VALUES (?, ?, ?, ?)",
            [episode_id, position_ms, note, int(time.time())],
        )
    return int(cur.lastrowid)


def kinds(hits) -> list[tuple[str, int, int | None]]:
    return [(h.kind, h.episode_id, h.start_ms) for h in hits]


def fts_ok(library: Library) -> None:
    """The external-content indexes agree with their tables (FTS5's own check)."""
    for fts in ("search_titles", "search_notes", "search_chapters", "search_bookmarks"):
        library.db.conn.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")


@pytest.fixture
def podcast(library):
    return library.add_podcast("开源漫谈 Open Talk", feed_url="https://example.org/feed.xml")


@pytest.fixture
def episode(library, podcast):
    return library.add_episode(
        podcast.id, "第42期 Retrieval 检索", notes=NOTES, duration_ms=1_800_000, published_at=1_700_000_000
    )


def test_english_and_chinese_in_show_notes(library, episode):
    for query in ("retrieval augmented", "RETRIEVAL AUGMENTED", "开源模型", "医疗数据"):
        results = library.search(query)
        assert [h.episode_id for h in results.episodes] == [episode.id], query
        hit = results.episodes[0]
        assert hit.kind == "episode" and hit.start_ms is None
        assert hit.title == hit.episode_title == "第42期 Retrieval 检索"
        assert hit.podcast_title == "开源漫谈 Open Talk"
        assert "«" in hit.snippet and "<b>" in hit.snippet_html
    assert "«开源模型»" in library.search("开源模型").episodes[0].snippet
    assert "«retrieval augmented»" in library.search("RETRIEVAL augmented").episodes[0].snippet


def test_chapter_titles_and_sections_give_the_moment(library, episode):
    hit = library.search("Labelling medical").chapters[0]
    assert hit == SearchHit(
        "chapter",
        episode.id,
        "医疗影像的标注 Labelling medical images",
        "第42期 Retrieval 检索",
        "开源漫谈 Open Talk",
        300_000,
        "医疗影像的标注 «Labelling medical» images",
        "医疗影像的标注 <b>Labelling medical</b> images",
        hit.rank,
        hit.id,
    )
    assert [h.start_ms for h in library.search("向量数据库").chapters] == [750_000]
    # a section heading finds the chapters under it
    assert {h.start_ms for h in library.search("Part two").chapters} == {300_000, 750_000}


def test_bookmark_notes(library, episode):
    bookmark = add_bookmark(library, episode.id, 421_000, "值得重听：标注成本 annotation cost\nsecond line")
    for query in ("标注成本", "annotation cost", "标注"):
        hits = library.search(query).bookmarks
        assert [(h.id, h.episode_id, h.start_ms) for h in hits] == [(bookmark, episode.id, 421_000)], query
        assert hits[0].title == "值得重听：标注成本 annotation cost"
        assert hits[0].kind == "bookmark"


def test_one_and_two_character_chinese_queries(library, episode):
    add_bookmark(library, episode.id, 1_000, "医生说")
    two = library.search("医疗")
    assert kinds(two.chapters) == [("chapter", episode.id, 300_000)]
    assert kinds(two.episodes) == [("episode", episode.id, None)]
    one = library.search("医")
    assert kinds(one.chapters) == [("chapter", episode.id, 300_000)]
    assert [h.start_ms for h in one.bookmarks] == [1_000]
    assert "«医»" in one.bookmarks[0].snippet
    # two characters at the very end of a title, and a whole two-character title
    library.set_chapters(episode.id, "podcast-json", [_Entry(0, "聊医疗"), _Entry(60_000, "开源")])
    assert [h.start_ms for h in library.search("开源").chapters] == [60_000]
    assert 0 in [h.start_ms for h in library.search("医疗").chapters]


def test_short_queries_in_ascii_are_case_insensitive(library, podcast):
    ep = library.add_episode(podcast.id, "Talking about AI", notes="00:00 Why Go\n10:00 end")
    assert [h.episode_id for h in library.search("ai").episodes] == [ep.id]
    assert [h.start_ms for h in library.search("go").chapters] == [0]


def test_podcast_title_finds_its_episodes(library, podcast, episode):
    other = library.add_podcast("Another show")
    library.add_episode(other.id, "Unrelated", notes="nothing here")
    for query in ("Open Talk", "漫谈"):
        assert [h.episode_id for h in library.search(query).episodes] == [episode.id]


def test_title_matches_rank_first_and_groups_are_ordered(library, podcast):
    notes_only = library.add_episode(podcast.id, "Plain", notes="quantum " * 5, published_at=2)
    titled = library.add_episode(podcast.id, "Quantum leaps", notes="no match", published_at=1)
    add_bookmark(library, titled.id, 5_000, "quantum note")
    results = library.search("quantum")
    assert [h.episode_id for h in results.episodes] == [titled.id, notes_only.id]
    assert [h.kind for h in results] == ["episode", "episode", "bookmark"]
    assert len(results) == 3
    assert results.episodes[0].rank <= results.episodes[1].rank


def test_hidden_chapters_are_not_found_and_sources_do_not_repeat(library, episode):
    library.set_chapters(
        episode.id,
        "podcast-json",
        [_Entry(0, "Opening"), _Entry(300_500, "医疗影像的标注 Labelling medical images"),
         _Entry(900_000, "Secret sponsor read", hidden=True)],
    )  # fmt: skip
    assert library.search("Secret sponsor").chapters == ()
    hits = library.search("Labelling medical").chapters
    assert [h.start_ms for h in hits] == [300_500]  # the publisher's chapter, not the notes' twin


def test_limit_applies_to_each_kind(library, podcast):
    for n in range(8):
        library.add_episode(podcast.id, f"Episode {n} widget", notes=f"00:00 widget part {n}\n01:00 outro")
    results = library.search("widget", limit=3)
    assert len(results.episodes) == 3 and len(results.chapters) == 3
    assert library.search("widget", limit=0) == library.search("")


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(library, episode, query):
    results = library.search(query)
    assert all(isinstance(h, SearchHit) for h in results)


def test_query_syntax_is_text(library, podcast):
    ep = library.add_episode(
        podcast.id,
        'Say "AND" NEAR(this) -x',
        notes="C++ * wildcards 100% of_the time <script>alert(1)</script>",
    )
    for query in ('"AND"', "NEAR(this)", "-x", "C++ *", "100%", "of_the", "(th"):
        assert [h.episode_id for h in library.search(query).episodes] == [ep.id], query
    assert library.search("100_").episodes == ()  # LIKE wildcards are literal too
    assert library.search("10%0").episodes == ()
    with library.db.atomic():
        library.db.conn.execute("UPDATE episodes SET notes_text = '<script>x</script>' WHERE id = ?", [ep.id])
    html = library.search("script").episodes[0].snippet_html
    assert "<script>" not in html and "&lt;<b>script</b>&gt;" in html


def test_index_follows_edit_refresh_and_delete(library, podcast, episode):
    conn = library.db.conn
    # an edit of the title and notes, as a feed refresh writes them
    with library.db.atomic():
        conn.execute(
            "UPDATE episodes SET title = ?, notes_text = ? WHERE id = ?",
            ["第42期 Rewritten 改写", "全新的说明 brand new notes", episode.id],
        )
    assert library.search("Retrieval").episodes == ()
    assert library.search("开源模型").episodes == ()
    assert [h.episode_id for h in library.search("brand new").episodes] == [episode.id]
    assert [h.episode_id for h in library.search("改写").episodes] == [episode.id]
    # a refresh that writes the same values (the update trigger skips it) and other column updates
    with library.db.atomic():
        conn.execute("UPDATE episodes SET title = title, notes_text = notes_text WHERE id = ?", [episode.id])
    library.save_position(episode.id, 10_000)
    assert [h.episode_id for h in library.search("brand new").episodes] == [episode.id]
    # chapters replaced
    library.set_chapters(episode.id, "shownotes", [_Entry(0, "Only chapter now")])
    assert library.search("Labelling medical").chapters == ()
    assert [h.start_ms for h in library.search("chapter now").chapters] == [0]
    with library.db.atomic():
        conn.execute("UPDATE chapters SET title = 'Renamed chapter' WHERE episode_id = ?", [episode.id])
    assert library.search("chapter now").chapters == ()
    assert len(library.search("Renamed").chapters) == 1
    # bookmarks edited and deleted
    bookmark = add_bookmark(library, episode.id, 2_000, "first thought")
    with library.db.atomic():
        conn.execute("UPDATE bookmarks SET note = 'second thought' WHERE id = ?", [bookmark])
    assert library.search("first thought").bookmarks == ()
    assert len(library.search("second thought").bookmarks) == 1
    fts_ok(library)
    # deleting the episode takes its chapters and bookmarks out of the index (cascades)
    library.delete_episode(episode.id)
    for query in ("brand new", "Renamed", "second thought", "改写"):
        assert len(library.search(query)) == 0, query
    fts_ok(library)


def test_deleting_a_podcast_cascades_out_of_the_index(library, podcast, episode):
    add_bookmark(library, episode.id, 1, "bookmark of a gone podcast")
    library.delete_podcast(podcast.id)
    assert len(library.search("Labelling medical")) == 0
    assert len(library.search("gone podcast")) == 0
    assert len(library.search("医疗")) == 0
    fts_ok(library)


def test_index_is_backfilled_by_the_migration(tmp_path: Path):
    path = tmp_path / "old.db"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="m004_search_index")
    db.execute("INSERT INTO podcasts (id, title) VALUES (1, 'Old show')")
    db.execute(
        "INSERT INTO episodes (id, podcast_id, guid, title, notes_text)"
        " VALUES (7, 1, 'g', '旧节目', '老笔记 old notes')"
    )
    db.execute(
        "INSERT INTO chapters (episode_id, start_ms, title, source)"
        " VALUES (7, 60000, '旧章节 old chapter', 'shownotes')"
    )
    db.conn.commit()
    db.close()  # fmt: skip
    library = Library(path)
    try:
        assert [h.episode_id for h in library.search("old notes").episodes] == [7]
        assert [h.start_ms for h in library.search("旧章节").chapters] == [60_000]
        assert [h.episode_id for h in library.search("旧节").episodes] == [7]
        fts_ok(library)
    finally:
        library.close()


def test_short_queries_past_the_scanned_window(library, podcast, monkeypatch):
    from companion.library import search

    assert SHORT_NOTES_SCAN >= 1000
    old = library.add_episode(
        podcast.id, "Old", notes="我们找到了\n00:00 开场找到你\n01:00 结尾", published_at=1
    )
    library.add_episode(podcast.id, "New", notes="nothing\n00:00 a\n01:00 b", published_at=2)
    monkeypatch.setattr(search, "SHORT_NOTES_SCAN", 1)
    monkeypatch.setattr(search, "SHORT_CHAPTERS_SCAN", 1)
    # two characters: the trigram index still finds old notes and chapters
    assert [h.episode_id for h in library.search("找到").episodes] == [old.id]
    assert 0 in [h.start_ms for h in library.search("找到").chapters]
    # one character, or two at the very end of an old text: only the scanned window is read
    assert library.search("找").chapters == ()
    assert library.search("到你").chapters == ()


def test_helpers():
    assert fts_phrase('say "hi"') == '"say ""hi"""'
    assert clean_query("  a \x00 b\n\tc ") == "a b c"
    assert clean_query("x" * 501) == ""
    import re

    plain, rich = make_snippet("<b>x</b> hello WORLD", re.compile("world", re.I))
    assert plain == "<b>x</b> hello «WORLD»"
    assert rich == "&lt;b&gt;x&lt;/b&gt; hello <b>WORLD</b>"
    plain, _ = make_snippet("a" * 100 + "needle" + "b" * 100, re.compile("needle"))
    assert plain.startswith("…") and plain.endswith("…") and "«needle»" in plain
    assert make_snippet("abc", re.compile("zzz")) is None


class _Entry:
    def __init__(self, start_ms: int, title: str, section: str | None = None, hidden: bool = False):
        self.start_ms, self.title, self.section, self.hidden = start_ms, title, section, hidden


def test_old_title_match_is_not_crowded_out_by_newer_notes(library, podcast, monkeypatch):
    from companion.library import search

    monkeypatch.setattr(search, "CANDIDATES", 2)
    titled = library.add_episode(podcast.id, "Gardening basics", notes="soil", published_at=1)
    for n in range(6):
        library.add_episode(podcast.id, f"Other {n}", notes="we talk gardening a lot", published_at=10 + n)
    assert [h.episode_id for h in library.search("gardening", limit=1).episodes] == [titled.id]
    assert len(library.search("gardening", limit=3).episodes) == 3


def test_long_queries_match_whole(library, podcast):
    jumps = library.add_episode(
        podcast.id, "A", notes="the quick brown fox jumps over the lazy dog 一只敏捷的狐狸"
    )
    library.add_episode(podcast.id, "B", notes="the quick brown fox sleeps all day long")
    assert [h.episode_id for h in library.search("the quick brown fox jumps over").episodes] == [jumps.id]
    assert [h.episode_id for h in library.search("QUICK BROWN FOX").episodes] != []
    query = "brown fox jumps over the lazy dog 一只敏捷的狐狸"
    hit = library.search(query).episodes[0]
    assert hit.episode_id == jumps.id and f"«{query}»" in hit.snippet
    assert library.search("the quick brown fox jumps over the lazy cat").episodes == ()


def test_chapter_hits_of_an_episode_come_in_time_order(library, podcast):
    # the later chapters hold the word more often (a better BM25): they must still follow the earlier
    notes = "00:00 Intro\n05:00 Widget\n10:00 Widget widget widget\n20:00 Widget widget\n30:00 Outro"
    first = library.add_episode(podcast.id, "Widgets one", notes=notes, published_at=1)
    second = library.add_episode(
        podcast.id, "Widgets two", notes="00:00 widget widget widget widget\n10:00 end"
    )
    hits = library.search("widget").chapters
    assert [(h.episode_id, h.start_ms) for h in hits] == [
        (second.id, 0),  # the best hit's episode first
        (first.id, 300_000),
        (first.id, 600_000),
        (first.id, 1_200_000),
    ]
    for query in ("wi", "Widget w"):  # the short scan and a phrase keep the same order
        ours = [h.start_ms for h in library.search(query).chapters if h.episode_id == first.id]
        assert ours == sorted(ours), query
