"""Transcripts fetched with a feed from a real 127.0.0.1 server: each format stored, failures recorded in one
line (404, a timeout, a huge file), the chosen one first, fetched again only when its address changes."""

from __future__ import annotations

import json

from companion.domain import Transcript
from companion.feeds import fetch_feed_update
from companion.feeds.transcript_fetch import MAX_TRANSCRIPT_BYTES, fetch_transcript
from companion.library import Library
from companion.services import refresh_all, subscribe
from companion.services.transcripts import plan_transcript_fetch

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ada>Hello from the VTT.\n"
SRT = "1\n00:00:01,000 --> 00:00:02,000\nBo: Hello from the SRT.\n"
PI_JSON = json.dumps(
    {
        "version": "1.0.0",
        "segments": [{"speaker": "Cy", "startTime": 1.0, "endTime": 2.0, "body": "Hello JSON."}],
    }
)
HTML = "<p><cite>Di:</cite> <time>0:01</time> Hello from the HTML.</p>"


def feed(items: list[tuple[str, list[tuple[str, str, str | None]]]]) -> str:
    """A feed whose items are ``(guid, [(transcript url, type, language)])``."""
    parts = []
    for guid, transcripts in items:
        tags = "".join(
            f'<podcast:transcript url="{url}" type="{kind}"' + (f' language="{lang}"' if lang else "") + "/>"
            for url, kind, lang in transcripts
        )
        parts.append(
            f"<item><title>Episode {guid}</title><guid>{guid}</guid>"
            f'<enclosure url="@BASE@/audio/{guid}.mp3" type="audio/mpeg"/>{tags}</item>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>'
        f"<title>Transcribed</title>{''.join(parts)}</channel></rss>"
    )


def episode_id_of(library: Library, guid: str) -> int:
    title = f"Episode {guid}"
    return library.db.conn.execute("SELECT id FROM episodes WHERE title = ?", [title]).fetchone()[0]


def cues_of(library: Library, guid: str) -> list[tuple[int, int, str, str]]:
    return library.transcript_cues(episode_id_of(library, guid))


def stored_of(library: Library, guid: str):
    return library.stored_transcript(episode_id_of(library, guid))


def test_each_format_is_fetched_with_the_feed_and_stored(feed_server, library):
    feed_server.add("/t/a.vtt", VTT, content_type="text/vtt")
    feed_server.add("/t/b.srt", SRT, content_type="application/x-subrip")
    feed_server.add("/t/c.json", PI_JSON, content_type="application/json")
    feed_server.add("/t/d.html", HTML, content_type="text/html")
    url = feed_server.add(
        "/feed.xml",
        feed([
            ("a", [("/t/a.vtt", "text/vtt", None)]),
            ("b", [("/t/b.srt", "application/srt", None)]),
            ("c", [("/t/c.json", "application/json", None)]),
            ("d", [("/t/d.html", "text/html", None)]),
            ("none", []),
        ]),
    )  # fmt: skip
    subscribe(library, url)
    assert cues_of(library, "a") == [(1000, 3000, "Ada", "Hello from the VTT.")]
    assert cues_of(library, "b") == [(1000, 2000, "Bo", "Hello from the SRT.")]
    assert cues_of(library, "c") == [(1000, 2000, "Cy", "Hello JSON.")]
    assert [c[3] for c in cues_of(library, "d")] == ["Hello from the HTML."]
    assert stored_of(library, "none") is None
    assert (stored_of(library, "a").url, stored_of(library, "a").format) == (
        feed_server.url("/t/a.vtt"),
        "vtt",
    )


def test_the_best_transcript_is_fetched_and_the_others_can_be_switched_to(feed_server, library):
    feed_server.add("/t/e.txt", "Plain words.", content_type="text/plain")
    feed_server.add("/t/e.vtt", VTT, content_type="text/vtt")
    url = feed_server.add(
        "/feed.xml", feed([("e", [("/t/e.txt", "text/plain", "en"), ("/t/e.vtt", "text/vtt", "en")])])
    )
    subscribe(library, url)
    assert stored_of(library, "e").url == feed_server.url("/t/e.vtt")  # WebVTT before plain text
    assert feed_server.hits("/t/e.txt") == []
    plan = plan_transcript_fetch(library, episode_id_of(library, "e"), feed_server.url("/t/e.txt"))
    plan.store(library, plan.fetch())
    assert stored_of(library, "e").url == feed_server.url("/t/e.txt")
    assert cues_of(library, "e")[0][3] == "Plain words."
    refresh_all(library)  # the listener's choice is one of the episode's: nothing fetched again
    assert len(feed_server.hits("/t/e.vtt")) == 1 and stored_of(library, "e").url == feed_server.url(
        "/t/e.txt"
    )


def test_a_404_a_timeout_and_a_huge_file_are_recorded_in_one_line_each(feed_server, library):
    feed_server.add("/t/missing.vtt", "gone", status=404)
    feed_server.add("/t/slow.vtt", VTT, content_type="text/vtt", delay_s=3.0)
    feed_server.add(
        "/t/huge.vtt", b"WEBVTT\n\n" + b"x" * (MAX_TRANSCRIPT_BYTES + 10), content_type="text/vtt"
    )
    feed_server.add("/t/ok.vtt", VTT, content_type="text/vtt")
    items = [("m", "/t/missing.vtt"), ("s", "/t/slow.vtt"), ("h", "/t/huge.vtt"), ("ok", "/t/ok.vtt")]
    url = feed_server.add("/feed.xml", feed([(guid, [(path, "text/vtt", None)]) for guid, path in items]))
    update = fetch_feed_update(url, deadline_s=1.5)
    by_guid = {ep.title.split()[-1]: ep.transcript for ep in update.feed.episodes}
    assert "404" in by_guid["m"].error and "/t/missing.vtt" in by_guid["m"].error
    assert by_guid["s"].error and "/t/slow.vtt" in by_guid["s"].error
    assert "MB" in by_guid["h"].error
    for fetched in (by_guid["m"], by_guid["s"], by_guid["h"]):
        assert "\n" not in fetched.error and fetched.cues == ()
        assert fetched.error.startswith("Could not fetch the transcript of “Episode ")
    assert by_guid["ok"].cues[0].text == "Hello from the VTT."


def test_a_refresh_fetches_again_only_when_the_address_changes(feed_server, library):
    feed_server.add("/t/1.vtt", VTT, content_type="text/vtt")
    feed_server.add("/t/bad.vtt", "nope", status=500)
    url = feed_server.add(
        "/feed.xml",
        feed([("x", [("/t/1.vtt", "text/vtt", None)]), ("y", [("/t/bad.vtt", "text/vtt", None)])]),
    )
    subscribe(library, url)
    assert "500" in stored_of(library, "y").error
    refresh_all(library)
    assert len(feed_server.hits("/t/1.vtt")) == 1  # stored: not asked again
    assert (
        len(feed_server.hits("/t/bad.vtt")) == 1
    )  # an unchanged item is not read again: Retry is the window's
    feed_server.add("/t/2.vtt", VTT.replace("VTT.", "second file."), content_type="text/vtt")
    feed_server.add(
        "/feed.xml",
        feed([("x", [("/t/2.vtt", "text/vtt", None)]), ("y", [("/t/bad.vtt", "text/vtt", None)])]),
    )
    refresh_all(library)
    assert cues_of(library, "x") == [(1000, 3000, "Ada", "Hello from the second file.")]
    assert stored_of(library, "x").url == feed_server.url("/t/2.vtt")


def test_one_transcript_fetched_by_hand_names_what_failed(feed_server):
    missing = feed_server.url("/nothing.vtt")
    fetched = fetch_transcript(Transcript(missing, "text/vtt"), "An episode")
    assert fetched.error and "404" in fetched.error and fetched.cues == ()
    refused = fetch_transcript(Transcript("file:///etc/passwd", "text/plain"), "An episode")
    assert "not an http or https address" in refused.error
    feed_server.add("/doc.pdf", b"%PDF-1.4", content_type="application/pdf")
    odd = fetch_transcript(Transcript(feed_server.url("/doc.pdf"), None), "An episode")
    assert "type the app does not read" in odd.error
