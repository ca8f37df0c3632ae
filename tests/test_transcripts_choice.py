"""Which kind a transcript is, which of an episode's to show first, and the WebVTT and SRT writers."""

from __future__ import annotations

import pytest

from companion.domain import Transcript
from companion.transcripts import Cue, choose_transcript, parse_transcript, to_srt, to_vtt, transcript_kind


@pytest.mark.parametrize(
    ("mime", "name", "kind"),
    [
        ("text/vtt", None, "vtt"),
        ("Text/VTT", "x.srt", "vtt"),  # a precise type wins over the name
        ("application/srt", None, "srt"),
        ("application/x-subrip", None, "srt"),
        ("text/srt", None, "srt"),
        ("application/json", None, "json"),
        ("application/vnd.podcastindex+json", None, "json"),
        ("text/html; charset=UTF-8", None, "html"),
        ("Text/Plain; charset=utf-8", None, "text"),
        ("text/plain", "https://host.example/ep/12.vtt?token=a.b", "vtt"),  # served as text: the name tells
        ("text/plain", "https://host.example/ep/12.txt", "text"),
        ("application/octet-stream", "Episode 12.SRT", "srt"),
        (None, "https://host.example/t.json#x", "json"),
        (None, "https://host.example/transcript", None),
        (None, None, None),
        ("", "a.htm", "html"),
        ("application/pdf", "a.vtt", None),  # a PDF is no transcript, whatever its name
        ("audio/mpeg", None, None),
    ],
)
def test_transcript_kind(mime, name, kind):
    assert transcript_kind(mime, name) == kind


FEED = (
    Transcript("https://x.example/en.html", "text/html", "en"),
    Transcript("https://x.example/zh.srt", "application/x-subrip", "zh-CN"),
    Transcript("https://x.example/en.vtt", "text/vtt", "en"),
    Transcript("https://x.example/t.json", "application/json", None),  # no language: the channel's
    Transcript("https://x.example/zh-captions", None, "zh", rel="captions"),
    Transcript("https://x.example/en.txt", "text/plain", "en-US"),
    Transcript("https://x.example/en.pdf", "application/pdf", "en"),
    Transcript("https://x.example/en.vtt", "text/vtt", "en"),  # the same address twice
)


def urls(chosen):
    return [t.url.rsplit("/", 1)[-1] for t in chosen]


def test_the_interface_language_first_then_format():
    assert urls(choose_transcript(FEED, "zh_CN", "en")) == [
        "zh.srt",  # zh-CN exactly
        "zh-captions",  # zh: captions count as timed
        "en.vtt",  # then the channel's language (en), WebVTT first
        "t.json",
        "en.html",
        "en.txt",
    ]  # the PDF and the repeated address are left out


def test_the_channel_language_when_none_is_the_interfaces():
    assert urls(choose_transcript(FEED, "fr", "zh")) == [
        "t.json",
        "zh.srt",
        "zh-captions",
        "en.vtt",
        "en.html",
        "en.txt",
    ]


def test_english_interface():
    assert urls(choose_transcript(FEED, "en", "zh")) == [
        "en.vtt",
        "en.html",
        "en.txt",
        "t.json",
        "zh.srt",
        "zh-captions",
    ]


def test_format_order_in_one_language():
    feed = [
        Transcript("a.txt", "text/plain"),
        Transcript("a.html", "text/html"),
        Transcript("a.srt", "application/srt"),
        Transcript("a.json", "application/json"),
        Transcript("a.vtt", "text/vtt"),
    ]
    assert urls(choose_transcript(feed, "en", None)) == ["a.vtt", "a.json", "a.srt", "a.html", "a.txt"]
    assert choose_transcript([], "en", None) == ()


CUES = (
    Cue(0, 4200, "Ada", "Welcome & good evening <all>."),
    Cue(4200, 8750, "", "大家好，欢迎收听。"),
    Cue(8750, 3_723_004, "Guest Speaker", "A cue past an hour."),
    Cue(443_045_678, 443_049_000, "", "Past a hundred and twenty hours."),
)


def test_to_vtt():
    assert to_vtt(CUES) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:04.200\n<v Ada>Welcome &amp; good evening &lt;all&gt;.\n\n"
        "00:00:04.200 --> 00:00:08.750\n大家好，欢迎收听。\n\n"
        "00:00:08.750 --> 01:02:03.004\n<v Guest Speaker>A cue past an hour.\n\n"
        "123:04:05.678 --> 123:04:09.000\nPast a hundred and twenty hours.\n"
    )
    assert parse_transcript(to_vtt(CUES).encode(), "vtt").cues == CUES


def test_to_srt():
    assert to_srt(CUES[:3]) == (
        "1\n00:00:00,000 --> 00:00:04,200\nAda: Welcome &amp; good evening &lt;all&gt;.\n\n"  # else a tag
        "2\n00:00:04,200 --> 00:00:08,750\n大家好，欢迎收听。\n\n"
        "3\n00:00:08,750 --> 01:02:03,004\nGuest Speaker: A cue past an hour.\n"
    )
    assert to_srt([Cue(0, 1, "", "Tom & Jerry")]) == "1\n00:00:00,000 --> 00:00:00,001\nTom & Jerry\n"
    assert parse_transcript(to_srt(CUES).encode(), "srt").cues == CUES


def test_writers_never_let_text_end_or_start_a_cue():
    cue = Cue(1000, 2000, "A", "one\n\n00:00:05.000 --> 00:00:06.000\ntwo")
    for text, kind in ((to_vtt([cue]), "vtt"), (to_srt([cue]), "srt")):
        parsed = parse_transcript(text.encode(), kind)
        assert parsed.cues == (Cue(1000, 2000, "A", "one 00:00:05.000 --> 00:00:06.000 two"),)
    bare = Cue(1000, 2000, "", "5 --> 6 apples")
    assert parse_transcript(to_vtt([bare]).encode(), "vtt").cues == (bare,)  # "&gt;": no timing
    assert parse_transcript(to_srt([bare]).encode(), "srt").cues == (Cue(1000, 2000, "", "5 → 6 apples"),)


def test_an_error_page_served_for_a_transcript_is_no_transcript():
    page = b"<html><body><h1>404 Not Found</h1><p>The page is gone.</p></body></html>"
    parsed = parse_transcript(page, "vtt")
    assert parsed.cues == () and "no cue could be read" in parsed.warnings
