"""OPML import/export round trips, and the feed commands of ``companion`` run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.cli.main import main
from companion.feeds import FeedError, OpmlOutline, parse_opml, write_opml
from companion.library import Library

FIXTURES = Path(__file__).parent / "fixtures"


def serve_all(feed_server) -> dict[str, str]:
    feed_server.add_fixture("/chapters/ep2.json", "chapters_ep2.json", content_type="application/json")
    return {
        "en": feed_server.add_fixture("/feeds/en.xml", "en_feed.xml", etag='"e1"'),
        "old": feed_server.add_fixture("/feeds/old.xml", "old_namespace.xml"),
        "gb": feed_server.add_fixture("/feeds/gb18030.xml", "zh_gb18030.xml"),
        "big5": feed_server.add_fixture("/feeds/big5.xml", "zh_big5.xml"),
    }


def opml_file(feed_server, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes((FIXTURES / name).read_bytes().replace(b"@BASE@", feed_server.base.encode()))
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("antennapod.opml", [("/feeds/en.xml", "Long Conversations"), ("/feeds/gb18030.xml", "中文播客")]),
        (
            "pocketcasts.opml",
            [("/feeds/en.xml", "Long Conversations"), ("/feeds/old.xml", "Old Namespace Show")],
        ),
        (
            "gpodder.opml",
            [("/feeds/big5.xml", "台灣播客"), ("/feeds/gb18030.xml", "中文播客"), ("/missing.xml", "Broken")],
        ),
    ],
)
def test_parse_opml_exports_of_other_apps(name, expected):
    data = (FIXTURES / name).read_bytes().replace(b"@BASE@", b"http://h")
    assert [(o.xml_url, o.title) for o in parse_opml(data, name)] == [
        ("http://h" + p, t) for p, t in expected
    ]


def test_write_then_parse_round_trips_with_escaping():
    outlines = [
        OpmlOutline("https://a.example/feed?x=1&y=2", "A & B <show>", "https://a.example"),
        OpmlOutline("https://b.example/rss", "中文 \"quoted\" 'single'"),
    ]
    assert parse_opml(write_opml(outlines).encode(), "mine.opml") == outlines


def test_bad_opml():
    with pytest.raises(FeedError, match="x.opml is not an OPML file"):
        parse_opml(b"<rss><channel/></rss>", "x.opml")
    with pytest.raises(FeedError, match="The OPML file x.opml is not well-formed"):
        parse_opml(b"<opml><body><outline></body>", "x.opml")
    with pytest.raises(FeedError, match="entities"):
        parse_opml((FIXTURES / "billion_laughs.xml").read_bytes().replace(b"rss", b"opml"), "x.opml")


def test_cli_import_opml_export_and_reimport_elsewhere(capsys, feed_server, tmp_path):
    serve_all(feed_server)
    lib = tmp_path / "a.db"
    code, out, err = run(
        capsys, "--library", str(lib), "import-opml", str(opml_file(feed_server, tmp_path, "gpodder.opml"))
    )
    assert code == 1  # one feed of the file is missing on the server
    assert "[3/3]" in out
    assert "2 of 3 feeds done, 1 failed:" in out
    assert f"{feed_server.base}/missing.xml" in out and "404" in out
    # importing again adds nothing twice; the AntennaPod list brings one more
    code, out, _ = run(
        capsys, "--library", str(lib), "import-opml", str(opml_file(feed_server, tmp_path, "antennapod.opml"))
    )
    assert (code, out.splitlines()[-1]) == (0, "1 of 1 feeds done.")
    exported = tmp_path / "out.opml"
    code, out, _ = run(capsys, "--library", str(lib), "export-opml", str(exported))
    assert (code, out) == (0, f"Wrote 3 subscriptions to {exported}\n")
    urls = sorted(o.xml_url for o in parse_opml(exported.read_bytes(), "out"))
    assert urls == sorted(
        feed_server.url(p) for p in ("/feeds/en.xml", "/feeds/big5.xml", "/feeds/gb18030.xml")
    )

    other = tmp_path / "b.db"
    code, out, _ = run(capsys, "--library", str(other), "import-opml", str(exported), "--json")
    assert code == 0
    assert sorted(r["title"] for r in json.loads(out)) == [
        "Long Conversations",
        "中文播客：深度对话",
        "台灣播客：說故事的人",
    ]


def test_cli_subscribe_refresh_show(capsys, feed_server, tmp_path):
    urls = serve_all(feed_server)
    lib = str(tmp_path / "lib.db")
    code, out, err = run(capsys, "--library", lib, "subscribe", urls["en"])
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"[0/1] Fetching {urls['en']}",
        "[0/1] Storing “Long Conversations”: 3 episodes",
        "[1/1] Long Conversations: 3 new, 0 updated",
        "Subscribed to “Long Conversations” (podcast 1): 3 new episodes, 0 updated.",
    ]
    code, out, _ = run(capsys, "--library", lib, "subscribe", urls["big5"], "--json")
    assert json.loads(out)["title"] == "台灣播客：說故事的人"
    code, out, _ = run(capsys, "--library", lib, "refresh")
    assert code == 0
    assert "[2/2]" in out and "Long Conversations: not modified" in out and "2 of 2 feeds done." in out

    library = Library(lib)
    try:
        ep2 = next(i for i in library.episode_ids() if library.episode(i).guid == "long-2")
    finally:
        library.close()
    code, out, _ = run(capsys, "--library", lib, "show", str(ep2), "--json")
    shown = json.loads(out)
    assert shown["chapter_sources"] == ["podcast-json", "shownotes"]
    assert shown["chapters"][1] == {
        "start_ms": 83_456,
        "title": "Introductions",
        "section": None,
        "source": "podcast-json",
    }


def test_cli_feed_errors_are_one_line(capsys, feed_server, tmp_path):
    url = feed_server.add_fixture("/page", "not_a_feed.html", content_type="text/html")
    code, out, err = run(capsys, "--library", str(tmp_path / "l.db"), "subscribe", url)
    assert (code, out) == (1, f"[0/1] Fetching {url}\n")
    assert err.startswith(f"companion: {url} is a web page, not a podcast feed.")
    assert err.count("\n") == 1


def test_cli_refresh_with_nothing_subscribed(capsys, tmp_path):
    code, out, _ = run(capsys, "--library", str(tmp_path / "l.db"), "refresh")
    assert (code, out) == (0, "No subscriptions to refresh. Subscribe with: companion subscribe URL\n")


def test_cli_download_and_delete(capsys, feed_server, tmp_path):
    urls = serve_all(feed_server)
    audio = bytes(range(256)) * 2000
    feed_server.add("/audio/ep1.mp3", audio, content_type="audio/mpeg", cut_at=100_000, cuts_left=1)
    lib = str(tmp_path / "lib.db")
    run(capsys, "--library", lib, "subscribe", urls["en"])
    library = Library(lib)
    try:
        ep1 = next(i for i in library.episode_ids() if library.episode(i).guid == "long-1")
    finally:
        library.close()
    code, out, err = run(capsys, "--library", lib, "download", str(ep1))
    assert code == 0
    path = Path(out.strip().rsplit(" to ", 1)[1])
    assert path.read_bytes() == audio
    assert path.parent == tmp_path / "media"
    assert "Downloading… 100% (0.5 of 0.5 MB)" in err
    code, out, _ = run(capsys, "--library", lib, "show", str(ep1), "--json")
    assert json.loads(out)["audio_path"] == str(path)
    code, out, _ = run(capsys, "--library", lib, "download", str(ep1), "--delete")
    assert (code, out) == (0, f"Deleted the download of episode {ep1}.\n")
    assert not path.exists()
    code, out, err = run(capsys, "--library", lib, "download", "999")
    assert (code, err) == (1, "companion: No episode with id 999 in the library.\n")


def test_subscribe_reports_the_episodes_written_while_a_big_feed_is_stored(library, feed_server):
    from companion.library.store_feed import STORE_CHUNK
    from companion.services import subscribe

    items = "".join(
        f"<item><title>Episode {i}</title><guid isPermaLink='false'>g{i}</guid>"
        f"<description>Part one 00:00 intro 12:30 talk</description></item>"
        for i in range(STORE_CHUNK * 3 + 5)
    )
    url = feed_server.add(
        "/big.xml", f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>"
    )
    seen: list[tuple[int, int]] = []
    messages: list[str] = []
    report = subscribe(library, url, lambda d, t, m: messages.append(m), lambda d, t: seen.append((d, t)))
    total = STORE_CHUNK * 3 + 5
    assert report.added == total
    assert seen == [(STORE_CHUNK * k, total) for k in (1, 2, 3)]
    assert messages == [f"Fetching {url}", f"Storing “Big”: {total} episodes", f"Big: {total} new, 0 updated"]
