"""Find podcasts without the window: the directory search, its failures, and ``companion discover``."""

from __future__ import annotations

import json

import pytest
from directory_server import directory_server_fixture  # noqa: F401 (the directory_server fixture)
from procs import run_companion

from companion.cli import discover as cli_discover
from companion.cli.main import main
from companion.feeds import directory as dirs
from companion.feeds.directory import APPLE, PODCAST_INDEX, DirectoryError, feed_key, search
from companion.library.settings import DIRECTORY_IDS, read_settings
from companion.services.directory import find_podcasts, mark_subscriptions


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--library", str(argv[0]), *argv[1:]])
    out, err = capsys.readouterr()
    return code, out, err


def test_apple_search_reads_results_drops_those_without_feed_and_merges_duplicates(directory_server):
    directory_server.answer_fixture("山谷 夜话", "zh_results.json")
    answer = search(APPLE, "  山谷   夜话 ", limit=10)
    assert directory_server.searches == [
        {"media": "podcast", "entity": "podcast", "term": "山谷 夜话", "limit": "10"}
    ]
    titles = [e.title for e in answer.entries]
    assert titles == ["山谷夜话", "代码与咖啡 Code & Coffee", "城市漫步"]
    assert (answer.without_feed, answer.merged) == (1, 1)
    first = answer.entries[0]
    feeds = directory_server.feeds_base
    assert first.author == "山谷电台工作室" and first.episode_count == 128 and first.genre == "社会与文化"
    assert first.feed_url == f"{feeds}/shangu.xml"
    assert first.artwork_url == f"{feeds}/art/shangu-100.png"  # the small picture, for the list
    walk = answer.entries[2]
    assert (walk.author, walk.episode_count, walk.artwork_url) == ("", None, None)


def test_podcast_index_gets_only_the_term_and_the_limit_is_kept_here(directory_server):
    directory_server.answer_fixture("Lighthouse", "en_results.json")
    answer = search(PODCAST_INDEX, "Lighthouse", limit=1)
    assert directory_server.searches == [{"term": "Lighthouse"}]
    assert [e.title for e in answer.entries] == ["The Lighthouse Hour"]


def test_a_feed_address_that_is_not_http_is_dropped_and_markup_stays_text(directory_server):
    directory_server.answer_fixture("Lighthouse", "en_results.json")
    answer = search(APPLE, "Lighthouse")
    assert [e.title for e in answer.entries] == ["The Lighthouse Hour", "Lighthouses of the North"]
    assert answer.without_feed == 1  # javascript: is no feed
    assert answer.entries[1].artwork_url.endswith("/art/north-600.png")


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ({"status": 500}, "the server answered 500"),
        ({"delay_s": 3.0}, "took longer than 0.5 seconds"),
        ({"body": b'{"resultCount": 1, "results": [{"collectionName": "x"'}, "is not valid JSON"),
        ({"body": b"<html><body>Service unavailable</body></html>"}, "is not valid JSON"),
        ({"body": b'{"errorMessage": "Invalid value(s) for key(s): [mediaType]"}'}, "no list of results"),
        ({"body": b"[1, 2, 3]"}, "holds no list of results"),
        ({"body": b"\xff\xfe\x00garbage"}, "is not valid JSON"),
        ({"body": b" " * (dirs.MAX_ANSWER_BYTES + 10)}, "larger than 4 MB"),
    ],
    ids=["500", "timeout", "cut-json", "html", "error-object", "a-list", "binary", "huge"],
)
def test_each_failure_is_one_clear_message(directory_server, setup, expected):
    body = setup.pop("body", b'{"resultCount": 0, "results": []}')
    directory_server.answer("bad", body, **setup)
    with pytest.raises(DirectoryError) as caught:
        search(APPLE, "bad", deadline_s=0.5)
    message = str(caught.value)
    assert expected in message and "Apple Podcasts" in message
    assert "\n" not in message and "Traceback" not in message


def test_nothing_to_search_for_is_refused_before_sending(directory_server):
    for term in ("", "   ", "x" * 201):
        with pytest.raises(DirectoryError):
            search(APPLE, term)
    assert directory_server.searches == []


def test_the_address_keys_and_the_subscriptions_marked(library):
    assert feed_key(" HTTP://Example.ORG:80/feed.xml ") == feed_key("https://example.org/feed.xml")
    assert feed_key("https://example.org") == feed_key("https://example.org/")
    assert feed_key("https://example.org/Feed.xml") != feed_key("https://example.org/feed.xml")
    assert feed_key("https://example.org:8443/f") != feed_key("https://example.org/f")
    podcast = library.add_podcast("已订阅 Subscribed", feed_url="https://example.org/feed.xml")
    library.add_podcast("Elsewhere", feed_url="https://example.net/other.xml")
    entries = [
        dirs.DirectoryEntry("A", "", "http://EXAMPLE.org/feed.xml"),
        dirs.DirectoryEntry("B", "", "https://example.org/feed.xml?page=2"),
    ]
    hits = mark_subscriptions(library, entries)
    assert [(h.subscribed, h.podcast_id) for h in hits] == [(True, podcast.id), (False, None)]


def test_the_directories_agree_with_settings_and_the_command(library):
    assert tuple(dirs.DIRECTORIES) == DIRECTORY_IDS
    assert cli_discover.MAX_LIMIT == dirs.MAX_LIMIT
    library.set_setting("directory", "altavista")  # written by another tool: the default is used
    assert read_settings(library).directory == "apple"


def test_find_podcasts_uses_the_chosen_directory(library, directory_server):
    directory_server.answer_fixture("Lighthouse", "en_results.json")
    library.set_setting("directory", "podcastindex")
    answer, hits = find_podcasts(library, "Lighthouse")
    assert answer.directory_id == "podcastindex" and len(hits) == 2
    assert directory_server.searches == [{"term": "Lighthouse"}]


# ----- companion discover ------------------------------------------------------------------------


def test_discover_prints_results_and_marks_a_subscription(
    capsys, library_path, directory_server, feed_server
):
    feed_server.add_fixture("/shangu.xml", "en_feed.xml")
    feed_server.add_fixture("/chapters/ep2.json", "chapters_ep2.json", content_type="application/json")
    directory_server.answer_fixture("山谷", "zh_results.json")
    code, out, err = _run(capsys, library_path, "subscribe", feed_server.url("/shangu.xml"))
    assert code == 0, err
    code, out, err = _run(capsys, library_path, "discover", "山谷")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "Apple Podcasts: 3 podcasts for “山谷”. 1 result without a feed address is not shown."
    )
    assert lines[1] == "山谷夜话  (subscribed)"
    assert lines[2] == "    山谷电台工作室 · 128 episodes"
    assert lines[3] == f"    {feed_server.url('/shangu.xml')}"
    assert "代码与咖啡 Code & Coffee" in lines and "    两个程序员 · 1 episode" in lines
    assert lines[-1] == "Subscribe with: companion subscribe FEED_URL"


def test_discover_json_is_stable(capsys, library_path, directory_server):
    directory_server.answer_fixture("Lighthouse", "en_results.json")
    code, out, err = _run(capsys, library_path, "discover", "Lighthouse", "--json", "--limit", "5")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["directory", "directory_name", "term", "results", "without_feed", "merged"]
    assert (data["directory"], data["directory_name"], data["without_feed"]) == ("apple", "Apple Podcasts", 1)
    first = data["results"][0]
    assert list(first) == [
        "title",
        "author",
        "feed_url",
        "episodes",
        "artwork_url",
        "genre",
        "page_url",
        "subscribed",
        "podcast_id",
    ]
    assert (first["title"], first["episodes"], first["subscribed"], first["podcast_id"]) == (
        "The Lighthouse Hour",
        42,
        False,
        None,
    )
    assert directory_server.searches[0]["limit"] == "5"


def test_discover_says_what_is_missing(capsys, library_path, directory_server):
    directory_server.answer_fixture("空", "empty.json")
    directory_server.answer_fixture("档案", "none_with_feed.json")
    code, out, _err = _run(capsys, library_path, "discover", "空")
    assert (code, out) == (0, "Apple Podcasts found no podcasts for “空”.\n")
    code, out, _err = _run(capsys, library_path, "discover", "档案", "--directory", "podcastindex")
    assert code == 0
    assert out == (
        "Podcast Index found 2 results for “档案”, but none gives a feed address, so none can be"
        " subscribed to.\n"
    )


def test_discover_failures_are_one_line_each(capsys, monkeypatch, library_path, directory_server):
    monkeypatch.setattr(dirs, "DIRECTORY_DEADLINE_S", 0.5)
    directory_server.answer("down", b"", status=503)
    directory_server.answer("slow", b"{}", delay_s=3.0)
    directory_server.answer("junk", b"{not json")
    cases = {
        ("down",): "the server answered 503",
        ("slow",): "took longer than 0.5 seconds",
        ("junk",): "not valid JSON",
        ("  ",): "Type a podcast's name",
        ("x", "--limit", "0"): "--limit must be from 1 to 200",
    }
    for argv, expected in cases.items():
        code, out, err = _run(capsys, library_path, "discover", *argv, "--json")
        assert code == 1 and out == ""
        assert err.startswith("companion: ") and expected in err and err.count("\n") == 1, err


def test_discover_as_a_real_program(library_path, directory_server):
    directory_server.answer_fixture("Lighthouse", "en_results.json")
    result = run_companion(library_path, "discover", "Lighthouse")
    assert result.returncode == 0, result.stderr
    assert "The Lighthouse Hour" in result.stdout and "Lighthouse Keepers" not in result.stdout
    failed = run_companion(library_path, "discover", "x", COMPANION_DIRECTORY_URL="ftp://example.org")
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert failed.stderr.startswith("companion: Cannot search Apple Podcasts")
