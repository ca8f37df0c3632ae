"""Transcript files of every kind, English and Chinese, with what real files do that specs forbid: each
fixture read to exactly the cues a listener should see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.transcriptgen import long_json, long_srt, long_vtt

from companion.transcripts import Cue, parse_transcript, transcript_kind

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "transcripts"


def read(name: str, kind: str | None = None):
    return parse_transcript((FIXTURES / name).read_bytes(), kind or transcript_kind(None, name))


def rows(name: str, kind: str | None = None) -> list[tuple[int, int, str, str]]:
    return [(c.start_ms, c.end_ms, c.speaker, c.text) for c in read(name, kind).cues]


# ----- WebVTT --------------------------------------------------------------------------------------


def test_webvtt_voices_tags_entities_notes_styles_regions_ids_and_settings():
    parsed = read("en_full.vtt")
    assert parsed.format == "vtt" and parsed.timed and parsed.warnings == ()
    assert rows("en_full.vtt") == [
        (0, 4200, "Ada", "Welcome back to the garden at night."),
        (4200, 8750, "Ben", "Thanks, Ada & hello everyone!"),  # <v.loud Ben>, &amp;
        (8750, 12000, "Ada", "Tonight: moths, bats and glow-worms <the quiet ones>."),  # two lines joined
        (12000, 15500, "Ben", "I brought a torch."),  # two voices in one cue: a cue each
        (12000, 15500, "Ada", "Red light only, please."),
        (15500, 19000, "Ben", "Right. Red light it is."),  # a karaoke <00:00:17.000> tag dropped
        (19000, 25000, "", "Birdsong in the background."),
    ]


def test_webvtt_in_chinese_joins_lines_without_a_space():
    assert rows("zh_full.vtt") == [
        (0, 3500, "主持人", "大家好，欢迎收听夜晚的花园。"),
        (3500, 7000, "嘉宾", "谢谢邀请，很高兴来到这里。"),
        (7000, 11000, "主持人", "今天我们聊聊萤火虫和 Python。"),
        (11000, 15000, "", "（背景音乐）"),
    ]


def test_bare_second_timings_lose_no_cue():
    # webvtt-py reads 29 of these 44 cues and drops the 15 with bare-second times, silently
    parsed = read("en_bare_seconds.vtt")
    assert len(parsed.cues) == 44 and parsed.warnings == ()
    assert parsed.cues[0] == Cue(0, 3240, "", "Sentence number 0 of the bare-seconds file.")
    assert parsed.cues[13].start_ms == 54_100  # "54.100 --> 57.340"
    assert (parsed.cues[14].start_ms, parsed.cues[14].end_ms) == (58_240, 61_480)  # "58.240 --> 1:01.480"
    assert parsed.cues[43].start_ms == 178_300  # "2:58.300"
    assert [c.text for c in parsed.cues] == [
        f"Sentence number {i} of the bare-seconds file." for i in range(44)
    ]


def test_a_missing_header_and_comma_decimals():
    assert rows("en_headerless_commas.vtt") == [
        (1000, 3000, "", "No header, and commas before the milliseconds."),
        (3000, 6500, "", "Still read."),
    ]


def test_hours_past_99():
    assert [c.start_ms for c in read("en_hours.vtt").cues] == [0, 359_998_000, 443_045_678]
    assert read("en_hours.vtt").cues[1].end_ms == 360_001_000


def test_one_bad_cue_never_loses_the_rest():
    parsed = read("en_broken.vtt")
    assert rows("en_broken.vtt") == [
        (1000, 2000, "", "The first cue is fine."),
        (5000, 6000, "", "This one ends before it starts: it ends where the next begins."),
        (6000, 8000, "", "No blank line before this one."),
        (9000, 16000, "", "A missing end."),  # ends where the next cue with text starts
        (16000, 18000, "", "The last cue is fine too."),
    ]
    assert any("broken timing" in w and "00:00:0X.000" in w for w in parsed.warnings)
    assert any("ending before they start" in w for w in parsed.warnings)


@pytest.mark.parametrize(
    ("convert", "label"),
    [
        (lambda b: b.replace(b"\n", b"\r\n"), "CRLF"),
        (lambda b: b.replace(b"\n", b"\r"), "CR"),
        (lambda b: b"\xef\xbb\xbf" + b, "UTF-8 BOM"),
        (lambda b: "\ufeff".encode("utf-16-le") + b.decode().encode("utf-16-le"), "UTF-16 LE BOM"),
        (lambda b: "\ufeff".encode("utf-16-be") + b.decode().encode("utf-16-be"), "UTF-16 BE BOM"),
        (lambda b: b.decode().encode("utf-16-le"), "UTF-16 LE without a BOM"),
    ],
)
@pytest.mark.parametrize("name", ["en_full.vtt", "zh_full.vtt", "zh.srt"])
def test_line_ends_and_encodings(name, convert, label):
    plain = read(name)
    converted = parse_transcript(convert((FIXTURES / name).read_bytes()), transcript_kind(None, name))
    assert converted.cues == plain.cues, label
    assert converted.warnings == plain.warnings


def test_gb18030_text():
    data = (FIXTURES / "zh.srt").read_text(encoding="utf-8").encode("gb18030")
    assert parse_transcript(data, "srt").cues == read("zh.srt").cues


# ----- SRT -----------------------------------------------------------------------------------------


def test_srt_speakers_tags_and_lines():
    assert rows("en.srt") == [
        (500, 3000, "Ada", "Welcome to the garden at night."),
        (3000, 6000, "Ben", "Thanks for having me. It's dark out here."),  # <i>Ben:</i>, <font>
        (6000, 9000, "", "[rustling leaves]"),  # {\an8}
        (9000, 12000, "Ada", "Listen."),  # a speaker a line: a cue each
        (9000, 12000, "Ben", "I hear it."),
        (12000, 15000, "", "Note this time: 10:30 at night, says https://example.org/moths."),
    ]


def test_srt_in_chinese_with_fullwidth_colons():
    assert rows("zh.srt") == [
        (0, 2500, "主持人", "大家好，欢迎收听。"),
        (2500, 5000, "嘉宾", "谢谢，很高兴来到这里。"),
        (5000, 8000, "主持人", "我们今天聊 Python 和萤火虫。"),
    ]


def test_srt_deviations_a_broken_block_is_skipped_not_merged():
    parsed = read("srt_deviations.srt")
    assert rows("srt_deviations.srt") == [
        (1000, 2000, "", "A point before the milliseconds."),
        (2000, 4000, "", "A wrong number."),
        (4000, 6000, "", "No number at all."),
        (8000, 10000, "", "After the broken block."),  # the broken block is in no cue
        (10000, 12000, "", "No blank line before this block."),  # the "6" before it is its number
        (14000, 16000, "", "The last block."),  # the block without timing is in none either
    ]
    assert parsed.warnings == (
        "1 cue(s) with a broken timing line skipped (00:00:06,000 --> 00:0X:08,000)",
        "1 line(s) outside any cue left out",
    )


# ----- Podcast Index JSON --------------------------------------------------------------------------


def test_json_segments_with_and_without_end_times():
    parsed = read("en_segments.json")
    assert rows("en_segments.json") == [
        (0, 4200, "Ada", "Welcome back to the garden at night."),
        (4200, 8750, "Ben", "Thanks, Ada & hello everyone!"),
        (8750, 12000, "Ada", "Tonight: moths, bats and glow-worms."),  # times as strings
        (12000, 15500, "Ben", "No end time here."),  # ends where the next starts
        (15500, 19000, "Ada", "A clock time as a string."),
        (21000, 25000, "", "No speaker."),
    ]
    assert parsed.warnings == ("2 segment(s) without a start time or a body skipped",)


def test_chinese_word_segments_join_without_spaces():
    assert rows("zh_words.json") == [
        (0, 1700, "主持人", "大家好，欢迎收听。"),  # a sentence ends at 。
        (1800, 3100, "主持人", "今天我们聊 Python"),  # a space only beside the Latin word
        (3300, 3900, "嘉宾", "好的"),  # a new speaker
        (6000, 6800, "嘉宾", "停顿之后"),  # a pause of 2.1 s
    ]


def test_japanese_word_segments_join_without_spaces():
    assert rows("ja_words.json") == [(0, 1000, "司会", "こんばんは、夜の庭です。")]  # last end estimated


def test_english_word_segments_join_with_spaces():
    assert rows("en_words.json") == [
        (0, 1000, "Ada", "Welcome back, everyone."),  # punctuation sticks to the word before
        (1100, 1700, "Ada", "It's dark"),
        (1800, 2100, "Ben", "Yes!"),
        (2200, 2500, "Ben", "Very"),
        (4000, 4300, "Ben", "quiet"),  # after a pause of 1.5 s
    ]


def test_word_segments_are_cut_into_cues_of_bounded_length():
    words = [
        {"speaker": "A", "startTime": i * 0.25, "endTime": i * 0.25 + 0.2, "body": "word"} for i in range(400)
    ]
    parsed = parse_transcript(json.dumps({"version": "1.0.0", "segments": words}).encode(), "json")
    assert 8 <= len(parsed.cues) <= 20
    assert all(len(c.text) <= 200 and c.end_ms - c.start_ms <= 21_000 for c in parsed.cues)
    assert " ".join(c.text for c in parsed.cues) == " ".join(["word"] * 400)


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (b"{not json", "the file is not JSON"),
        (b'{"version": "1.0.0"}', 'the JSON has no "segments" list'),
        (b"[" * 100_000 + b"]" * 100_000, "the file is not JSON"),
    ],
)
def test_json_that_is_no_transcript_says_so(data, warning):
    parsed = parse_transcript(data, "json")
    assert parsed.cues == () and warning in parsed.warnings


def test_json_segments_may_be_a_bare_list():
    data = json.dumps([{"startTime": 1, "endTime": 2, "body": "x"}]).encode()
    assert parse_transcript(data, "json").cues == (Cue(1000, 2000, "", "x"),)


# ----- HTML and plain text -------------------------------------------------------------------------


def test_html_cite_time_and_paragraphs_as_plain_text():
    parsed = read("en.html")
    assert rows("en.html") == [
        (0, 4000, "Ada", "Welcome back to the garden at night & good evening."),
        (4000, 65500, "Ben", "Thanks, Ada. A link stays text."),
        (4000, 65500, "Ben", "A second paragraph of Ben's."),  # the time before it holds
        (65500, 66500, "Ada", "Tonight: moths."),  # <time datetime="PT1M5.5S">1:05: the exact time
    ]
    assert parsed.format == "html" and parsed.timed
    assert not any("alert" in c.text or "color" in c.text for c in parsed.cues)


def test_html_in_chinese():
    assert rows("zh.html") == [(0, 3000, "主持人", "大家好，欢迎收听。"), (3000, 4000, "嘉宾", "谢谢邀请。")]


def test_html_without_times_is_untimed():
    parsed = parse_transcript(b"<p>One.</p><p><cite>Ada</cite>Two.</p>", "html")
    assert not parsed.timed and [(c.start_ms, c.end_ms, c.text) for c in parsed.cues] == [
        (0, 0, "One."),
        (0, 0, "Two."),
    ]


def test_plain_text_is_untimed_paragraphs():
    parsed = read("en.txt")
    assert not parsed.timed and parsed.format == "text"
    assert rows("en.txt") == [
        (0, 0, "Ada", "Welcome back to the garden at night."),
        (0, 0, "Ben", "Thanks, Ada. It's dark out here."),
        (0, 0, "", "A paragraph without a speaker."),
    ]


def test_plain_text_with_times_before_its_lines_is_timed():
    parsed = read("zh_timed.txt")
    assert parsed.timed
    assert rows("zh_timed.txt") == [
        (0, 3000, "主持人", "大家好，欢迎收听。"),
        (3000, 3_723_000, "嘉宾", "谢谢邀请。"),
        (3_723_000, 3_724_000, "主持人", "一个小时以后。"),
    ]


# ----- a file not of its declared kind, and nothing at all ------------------------------------------


@pytest.mark.parametrize(
    ("name", "declared"),
    [
        ("en.srt", "text"),
        ("en_full.vtt", "text"),
        ("en_full.vtt", "json"),
        ("en_segments.json", "vtt"),
        ("en.srt", None),
    ],
)
def test_a_file_served_as_another_kind_is_read_as_what_it_is(name, declared):
    assert read(name, declared).cues == read(name).cues


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\x00\x01\x02", b"WEBVTT\n\n", b"\xff\xfe"])
def test_nothing_to_read_is_no_error(data):
    parsed = parse_transcript(data, "vtt")
    assert parsed.cues == () and parsed.format == ""


def test_undecodable_bytes_are_replaced_and_said():
    parsed = parse_transcript(b"00:01.000 --> 00:02.000\nhello \x81\xff world\n", "vtt")
    assert [c.start_ms for c in parsed.cues] == [1000]
    assert any("unreadable characters replaced" in w for w in parsed.warnings)


# ----- three hours, 10,000 cues ----------------------------------------------------------------------


def test_a_three_hour_transcript_of_ten_thousand_cues():
    parsed = parse_transcript(long_vtt(), "vtt")
    assert len(parsed.cues) == 10_000 and parsed.warnings == ()
    assert parsed.cues[-1].end_ms <= 3 * 3600 * 1000
    assert parsed.cues[1].text.startswith("第1句：我们聊聊模型、数据") and parsed.cues[1].speaker == "主持人"
    assert (
        parsed.cues[2].text.startswith("Sentence 2, about models & data")
        and parsed.cues[3].speaker == "Guest Speaker"
    )
    assert parse_transcript(long_srt(), "srt").cues == parsed.cues
    assert parse_transcript(long_json(), "json").cues == parsed.cues


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"<a" * 50_000, "html"),  # html.parser takes seconds on this (quadratic); ours one pass
        (b"\n \n" * 50_000, "text"),
        (b"<cite>" * 20_000, "html"),
        (b"1" + b"-" * 100_000 + b">", "vtt"),
        (b"00:00:01.000 --> 00:00:02.000\n" + b"<v A>" * 20_000, "vtt"),
    ],
)
def test_hostile_files_are_read_in_one_pass(data, kind):
    # no timing asserted; a quadratic reading of these takes minutes and hits the suite's timeout
    parse_transcript(data * 4, kind)


def test_webvtt_without_voices_takes_a_name_that_starts_two_cues_as_the_speaker():
    vtt = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\nAda: Hello.\n\n00:02.000 --> 00:03.000\nBen: Hi.\n\n"
        "00:03.000 --> 00:04.000\nAda: Ready?\n\n00:04.000 --> 00:05.000\nBen: Yes.\n\n"
        "00:05.000 --> 00:06.000\nNote: once only, so no speaker.\n"
    )
    assert [(c.speaker, c.text) for c in parse_transcript(vtt.encode(), "vtt").cues] == [
        ("Ada", "Hello."),
        ("Ben", "Hi."),
        ("Ada", "Ready?"),
        ("Ben", "Yes."),
        ("", "Note: once only, so no speaker."),
    ]
