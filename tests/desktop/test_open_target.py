"""What ``companion URL_OR_FILE`` opens: podcast links mapped as other podcast apps map them, files told
apart by name and content, everything else refused with a reason (pure parsing, no window)."""

from __future__ import annotations

import os

import pytest

from companion.cli.main import parse_args
from companion.services.open_target import (
    TargetError,
    TargetKind,
    feed_url_from_link,
    parse_target,
    parse_targets,
)
from companion.services.tones import write_tone_wav


@pytest.mark.parametrize(
    ("link", "feed"),
    [
        ("https://example.org/feed.xml", "https://example.org/feed.xml"),
        ("HTTP://Example.org/Feed.xml", "http://Example.org/Feed.xml"),
        ("podcast://example.org/feed.xml", "http://example.org/feed.xml"),
        ("itpc://example.org/feed.xml?id=1", "http://example.org/feed.xml?id=1"),
        ("ITPC://example.org/feed", "http://example.org/feed"),
        ("pcast://example.org/feed", "http://example.org/feed"),
        ("feed://example.org/rss", "http://example.org/rss"),
        ("feed:https://example.org/rss", "https://example.org/rss"),
        ("feed:http://example.org/rss", "http://example.org/rss"),
        ("podcast:https://example.org/feed.xml", "https://example.org/feed.xml"),
        ("pcast:https://example.org/feed.xml", "https://example.org/feed.xml"),
        ("podcast://https://example.org/feed.xml", "https://example.org/feed.xml"),
        ("itpc://http://example.org:8080/feed", "http://example.org:8080/feed"),
        ("podcast:///example.org/feed", "http://example.org/feed"),
        ("podcast://127.0.0.1:8000/中文.xml", "http://127.0.0.1:8000/中文.xml"),
        ("  itpc://example.org/feed  ", "http://example.org/feed"),
    ],
)
def test_podcast_links_become_the_feed_address(link, feed):
    assert feed_url_from_link(link.strip()) == feed
    target = parse_target(link)
    assert target.kind is TargetKind.FEED and target.value == feed and not target.is_file


def test_an_audio_address_opens_add_episode():
    target = parse_target("https://example.org/episodes/ep1.MP3?token=x")
    assert target.kind is TargetKind.AUDIO and target.value == "https://example.org/episodes/ep1.MP3?token=x"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("itpc://", "holds no feed address"),
        ("podcast:", "holds no feed address"),
        ("feed:mailto:a@b", "holds no feed address"),
        ("https://", "names no server"),
        ("https://example.org:port/feed", "not a valid address"),
        ("https://example.org/a feed", "spaces"),
        ("mailto:someone@example.org", "mailto: links are not podcasts"),
        ("javascript:alert(1)", "javascript: links are not podcasts"),
        ("itms://itunes.apple.com/podcast/id1", "itms: links are not podcasts"),
        ("file://server/share/a.opml", "another computer"),
        ("", "Nothing to open"),
        ("https://example.org/" + "a" * 9000, "characters"),
    ],
)
def test_what_is_not_a_podcast_link_is_refused_with_a_reason(text, says):
    with pytest.raises(TargetError, match=says):
        parse_target(text)


OPML = '<?xml version="1.0"?>\n<!-- subscriptions -->\n<opml version="2.0"><body/></opml>\n'
RSS = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel/></rss>\n'


def test_files_are_told_apart_by_name_and_content(tmp_path):
    (tmp_path / "subs.opml").write_text(OPML, encoding="utf-8")
    (tmp_path / "subscriptions.xml").write_text(OPML, encoding="utf-8")  # OPML under another name
    (tmp_path / "utf16.xml").write_bytes(OPML.encode("utf-16"))
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "noname").write_text(RSS, encoding="utf-8")
    write_tone_wav(tmp_path / "talk.wav", [(440, 1)])
    (tmp_path / "talk-without-suffix").write_bytes((tmp_path / "talk.wav").read_bytes())
    (tmp_path / "id3").write_bytes(b"ID3\x04\x00" + bytes(100))
    kinds = {
        name: parse_target(str(tmp_path / name)).kind
        for name in ("subs.opml", "subscriptions.xml", "utf16.xml", "feed.rss", "noname", "talk.wav")
    }
    assert kinds == {
        "subs.opml": TargetKind.OPML,
        "subscriptions.xml": TargetKind.OPML,
        "utf16.xml": TargetKind.OPML,
        "feed.rss": TargetKind.FEED,
        "noname": TargetKind.FEED,
        "talk.wav": TargetKind.AUDIO,
    }
    assert parse_target(str(tmp_path / "talk-without-suffix")).kind is TargetKind.AUDIO
    assert parse_target(str(tmp_path / "id3")).kind is TargetKind.AUDIO


def test_relative_paths_and_file_urls_name_the_whole_path(tmp_path):
    folder = tmp_path / "我的 播客"
    folder.mkdir()
    opml = folder / "订阅 list.opml"
    opml.write_text(OPML, encoding="utf-8")
    relative = parse_target("订阅 list.opml", cwd=folder)
    assert relative.value == str(opml) and relative.is_file
    assert parse_target(opml.as_uri()).value == str(opml)  # percent-encoded file:// URL
    assert parse_target("file://localhost" + opml.as_uri()[len("file://") :]).value == str(opml)


def test_files_that_are_none_of_these_are_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("时间轴 00:00 开场", encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body>hi</body></html>", encoding="utf-8")
    (tmp_path / "empty.opml").write_bytes(b"")
    for name, says in [
        ("notes.txt", "not an OPML file, a feed or audio"),
        ("page.html", "not an OPML file, a feed or audio"),
        ("empty.opml", "not an OPML file, a feed or audio"),
        ("missing.opml", "no such file"),
    ]:
        with pytest.raises(TargetError, match=says):
            parse_target(str(tmp_path / name))
    with pytest.raises(TargetError, match="folder"):
        parse_target(str(tmp_path))
    locked = tmp_path / "locked.opml"
    locked.write_text(OPML, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.geteuid() != 0:  # root reads anything
            with pytest.raises(TargetError, match="ermission"):
                parse_target(str(locked))
    finally:
        locked.chmod(0o600)


@pytest.mark.parametrize(
    ("argv", "command", "targets", "library"),
    [
        (["https://example.org/f.xml"], "gui", ["https://example.org/f.xml"], None),
        (["--library", "L.db", "itpc://example.org/f"], "gui", ["itpc://example.org/f"], "L.db"),
        (["--library=L.db", "a.opml", "b.mp3"], "gui", ["a.opml", "b.mp3"], "L.db"),  # Exec=companion %U
        (["gui", "a.opml"], "gui", ["a.opml"], None),
        (["list"], "list", [], None),
        (["--library", "L.db", "search", "开源"], "search", [], "L.db"),
        ([], None, [], None),
    ],
)
def test_the_command_line_takes_targets_for_the_window(argv, command, targets, library):
    args = parse_args(argv)
    assert args.command == command and args.targets == targets
    assert (str(args.library) if args.library else None) == library


def test_several_targets_are_all_checked_before_any_is_opened(tmp_path):
    (tmp_path / "a.opml").write_text(OPML, encoding="utf-8")
    found = parse_targets([str(tmp_path / "a.opml"), "itpc://example.org/f"])
    assert [t.kind for t in found] == [TargetKind.OPML, TargetKind.FEED]
    with pytest.raises(TargetError, match="mailto"):
        parse_targets([str(tmp_path / "a.opml"), "mailto:x@example.org"])
