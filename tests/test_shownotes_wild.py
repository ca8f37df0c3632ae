"""Timelines as published in the wild (issue 16): one test per failure class, and notes with times
that are not chapters (times of day, schedules, dates, glossaries, prices, scores, versions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.shownotes import extract_chapters, parse_timestamp
from companion.shownotes.timestamps import finditer_timestamps

FIXTURES = Path(__file__).parent / "fixtures" / "shownotes"
CORPUS = json.loads((FIXTURES / "corpus.json").read_text(encoding="utf-8"))

Row = tuple[int, str, "str | None"]


def _rows(notes: str, duration_ms: int | None = None) -> list[Row]:
    return [(c.start_ms, c.title, c.section) for c in extract_chapters(notes, duration_ms)]


def _ms(stamp: str) -> int:
    ms = parse_timestamp(stamp)
    assert ms is not None, stamp
    return ms


def _expected(name: str) -> list[Row]:
    return [(_ms(start), title, section) for start, title, section in CORPUS[name]["chapters"]]


def _corpus_notes(label: str) -> list[str]:
    return sorted(name for name, spec in CORPUS.items() if spec["class"] == label)


def _check_corpus_note(name: str) -> None:
    spec = CORPUS[name]
    duration = _ms(spec["duration"]) if "duration" in spec else None
    notes = (FIXTURES / "corpus" / name).read_text(encoding="utf-8")
    assert _rows(notes, duration) == _expected(name)


def _flat(*rows: tuple[str, str, str | None]) -> list[Row]:
    return [(_ms(start), title, section) for start, title, section in rows]


# 1. Markdown seek anchors double every chapter.


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        (
            "* **[00:00](#t=00:00)** Intro\n* **[02:55](#t=02:55)** Guest's story\n"
            "* **[09:10](#t=09:10)** Q&A",
            [("0:00", "Intro", None), ("2:55", "Guest's story", None), ("9:10", "Q&A", None)],
        ),
        (
            "The talk itself starts at [4:29](#t=4:29), after the news.\n\n"
            "- [0:00](#t=0:00) News\n- [4:29](#t=4:29) The talk\n- [31:02](#t=31:02) Questions",
            [("0:00", "News", None), ("4:29", "The talk", None), ("31:02", "Questions", None)],
        ),
        (
            "1. [00:00:00](#t=0) 开场\n2. [00:12:40](#t=760) 正题\n3. [01:02:03](#t=3723) 结尾",
            [("0:00", "开场", None), ("12:40", "正题", None), ("1:02:03", "结尾", None)],
        ),
        (
            "- [00:00](#t=00:00) 00:00 开场\n- [07:30](#t=07:30) 07:30 [资料](https://example.com/a) 怎么找",
            [("0:00", "开场", None), ("7:30", "资料 怎么找", None)],
        ),
    ],
)
def test_markdown_seek_anchors_give_one_chapter_each(notes: str, expected: list) -> None:
    assert _rows(notes) == _flat(*expected)


@pytest.mark.parametrize("name", _corpus_notes("1 md-anchor"))
def test_markdown_anchor_corpus(name: str) -> None:
    _check_corpus_note(name)


# 2. Frames written like hours.


def test_frames_in_hour_brackets_read_as_minutes_and_seconds() -> None:
    notes = "[00:00:00] 片头\n[00:16:18] 开场\n[21:40:02] 正题\n[59:42:22] 推荐"
    assert _rows(notes) == _flat(("0:00", "片头", None), ("0:16", "开场", None), ("21:40", "正题", None),
                                 ("59:42", "推荐", None))  # fmt: skip


def test_the_known_duration_tells_frames_from_hours() -> None:
    notes = "[00:00:00] Hello\n[03:10:05] Middle\n[08:45:12] Bye"
    assert _rows(notes, duration_ms=600_000) == _flat(("0:00", "Hello", None), ("3:10", "Middle", None),
                                                      ("8:45", "Bye", None))  # fmt: skip
    assert [c.start_ms for c in extract_chapters(notes)] == [0, _ms("3:10:05"), _ms("8:45:12")]
    hours = "00:00:00 A\n01:10:00 B\n02:30:00 C"  # a long show: hours stay hours
    assert [c.start_ms for c in extract_chapters(hours, 9_000_000)] == [0, 4_200_000, 9_000_000]


@pytest.mark.parametrize("name", _corpus_notes("2 frames"))
def test_frames_corpus(name: str) -> None:
    _check_corpus_note(name)


# 3. Untimed sub-lists split a timeline.


def test_untimed_sub_lists_belong_to_the_chapter_above() -> None:
    topics = [(61 + 339 * i, f"话题{i + 1}") for i in range(10)]
    html = "".join(
        f"<p>{s // 60:02d}:{s % 60:02d} {t}</p><ul>"
        + "".join(f"<li>要点{j}</li>" for j in range(i % 9))
        + "</ul>"
        for i, (s, t) in enumerate(topics)
    )
    assert _rows(html) == [(s * 1000, t, None) for s, t in topics]


@pytest.mark.parametrize(
    "notes",
    [
        "- 00:00 Intro\n  - one\n  - two\n- 05:00 Middle\n  - three\n- 09:00 End",
        "00:00 Intro\n· one\n· two\n05:00 Middle\n· three\n· four\n09:00 End",
        "<ul><li>00:00 Intro<ul><li>one</li><li>two</li></ul></li><li>05:00 Middle<ul><li>three</li></ul>"
        "</li><li>09:00 End</li></ul>",
        "00:00 Intro\nWe say hello.\n\n05:00 Middle\nThe main part\n\n09:00 End",
    ],
)
def test_points_and_descriptions_under_entries_are_not_sections(notes: str) -> None:
    assert _rows(notes) == [(0, "Intro", None), (300_000, "Middle", None), (540_000, "End", None)]


@pytest.mark.parametrize("name", _corpus_notes("3 sublist"))
def test_sub_list_corpus(name: str) -> None:
    _check_corpus_note(name)


# 4. A full-width colon after the time.


@pytest.mark.parametrize("colon", ["： ", "：", ": ", "："])
def test_a_colon_after_the_time(colon: str) -> None:
    notes = f"00:00{colon}开场\n01:50{colon}标题\n12:05{colon}结尾"
    assert _rows(notes) == [(0, "开场", None), (110_000, "标题", None), (725_000, "结尾", None)]
    assert [m.group(0) for m in finditer_timestamps("01:50：标题 1:02:03: x")] == ["01:50", "1:02:03"]
    assert parse_timestamp("1:02:03:04") is None  # a colon and a digit: not a timestamp


@pytest.mark.parametrize("name", _corpus_notes("4 colon"))
def test_colon_corpus(name: str) -> None:
    _check_corpus_note(name)


# 5. Times outside the timeline become chapters.

_BASE = "时间线\n00:00 开场\n04:10 正题\n16:30 问答\n"
_BASE_ROWS = [(0, "开场", None), (250_000, "正题", None), (990_000, "问答", None)]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("活动：3月15日（周五）14:40~17:30，某图书馆。\n", ""),
        ("某卫视 20:20，某平台 21:10 播出。\n", ""),
        ("", "\n名词解释\n术语一：一个解释（01:30）\n术语二：另一个解释（13:00）\n"),
        ("正片从 04:10 开始，前面是闲聊。\n", ""),
        ("直播时间：每周三 20:00，北京时间。\n", ""),
        ("", "\nMusic in this episode:\nSong – Band (3:45)\nOther song – Band (2:58)\n"),
        ("", "本期时长 22:40，录制于 3月2日 20:00。\n"),
    ],
)
def test_times_outside_the_timeline_are_not_chapters(before: str, after: str) -> None:
    assert _rows(before + _BASE + after) == _BASE_ROWS


@pytest.mark.parametrize("name", _corpus_notes("5 outside"))
def test_outside_corpus(name: str) -> None:
    _check_corpus_note(name)


# 6. The title elsewhere on the line.


def test_title_before_the_time_in_a_list_of_titles_after() -> None:
    notes = "00:00 开场\n04:20 第二段\n四 后来怎么样了 01:07:18\n1:20:00 结尾"
    assert _rows(notes) == _flat(("0:00", "开场", None), ("4:20", "第二段", None),
                                 ("1:07:18", "后来怎么样了", None), ("1:20:00", "结尾", None))  # fmt: skip


def test_a_heading_with_its_own_range_is_the_section_not_an_empty_chapter() -> None:
    notes = "第一部分 出发（00:00~16:11）\n00:00 开场\n05:30 行李\n第二部分 标题（16:11~1:32:21）\n16:11 车站"
    assert _rows(notes) == _flat(("0:00", "开场", "第一部分 出发"), ("5:30", "行李", "第一部分 出发"),
                                 ("16:11", "车站", "第二部分 标题"))  # fmt: skip
    alone = "Part one: Up (0:00-20:00)\n0:00 Start\n9:00 Climb\nPart two: Down (20:00-40:00)\n31:00 Valley"
    assert _rows(alone) == _flat(("0:00", "Start", "Part one: Up"), ("9:00", "Climb", "Part one: Up"),
                                 ("20:00", "Part two: Down", "Part two: Down"),
                                 ("31:00", "Valley", "Part two: Down"))  # fmt: skip


@pytest.mark.parametrize("colon", ["：", "： ", ": ", " — ", " "])
def test_title_then_a_colon_then_the_time(colon: str) -> None:
    notes = f"开场{colon}00:00\n为什么要早起{colon}03:40\n放弃{colon}27:55"
    assert _rows(notes) == [(0, "开场", None), (220_000, "为什么要早起", None), (1_675_000, "放弃", None)]
    assert [m.group(0) for m in finditer_timestamps("12：34：56 t：1:00 ab：02:00")] == ["12：34：56"]


def test_a_list_item_with_its_title_before_the_time() -> None:
    notes = "<ul><li>00:00 Welcome</li><li>The ending (spoilers!) — 24:30</li><li>31:12 Ratings</li></ul>"
    assert _rows(notes) == _flat(("0:00", "Welcome", None), ("24:30", "The ending (spoilers!)", None),
                                 ("31:12", "Ratings", None))  # fmt: skip


@pytest.mark.parametrize("name", _corpus_notes("6 title"))
def test_title_corpus(name: str) -> None:
    _check_corpus_note(name)


# 7. The first section after a label line is lost.


@pytest.mark.parametrize(
    "label", ["【时间线】", "时间轴：", "【内容提要】", "食用指南：", "Timestamps:", "## 时间线"]
)
@pytest.mark.parametrize("html", [False, True])
def test_the_first_section_after_a_label_line(label: str, html: bool) -> None:
    _check_sections_after(label, html, "")


@pytest.mark.parametrize("deco", ["▍", "🔹 ", "■ ", "➤ "])
def test_decorated_headings_and_bullets(deco: str) -> None:
    _check_sections_after("本期时间轴", False, deco)


def test_signs_that_mean_something_stay_in_titles() -> None:
    notes = "00:00 $5 lunches\n05:00 +1 for the plan\n09:00 <5 minute tips\n12:00 ¥99 的耳机\n15:00 ▍ 结尾"
    assert [c.title for c in extract_chapters(notes)] == ["$5 lunches", "+1 for the plan", "<5 minute tips",
                                                          "¥99 的耳机", "结尾"]  # fmt: skip


def _check_sections_after(label: str, html: bool, deco: str) -> None:
    lines = [label, deco + "第一部分 出发", "00:00 开场", "05:00 路上", deco + "第二部分 回家", "20:00 到家"]
    notes = "".join(f"<p>{line}</p>" for line in lines) if html else "\n".join(lines)
    assert _rows(notes) == [(0, "开场", "第一部分 出发"), (300_000, "路上", "第一部分 出发"),
                            (1_200_000, "到家", "第二部分 回家")]  # fmt: skip


@pytest.mark.parametrize("name", _corpus_notes("7 label"))
def test_label_corpus(name: str) -> None:
    _check_corpus_note(name)


# 8. Duplicates.


@pytest.mark.parametrize(
    "notes",
    [
        "## 上半场 00:00\n00:00 开场\n10:00 正题\n## 下半场 20:00\n20:00 问答",
        "<h3>上半场 (00:00)</h3><ul><li>00:00 开场</li><li>10:00 正题</li></ul>"
        "<h3>下半场 (20:00)</h3><ul><li>20:00 问答</li></ul>",
        "上半场（00:00~20:00）\n00:00 开场\n10:00 正题\n下半场（20:00~30:00）\n20:00 问答",
    ],
)
def test_a_heading_and_its_first_entry_give_one_chapter(notes: str) -> None:
    assert _rows(notes) == [(0, "开场", "上半场"), (600_000, "正题", "上半场"), (1_200_000, "问答", "下半场")]


@pytest.mark.parametrize(
    "notes",
    [
        "- [00:00](#t=00:00) 00:00 开场\n- [10:00](#t=10:00) 10:00 正题",
        '<p><a href="https://x.fm/e1#t=00:00">00:00</a> 00:00 开场</p>'
        '<p><a href="https://x.fm/e1#t=10:00">10:00</a> 10:00 正题</p>',
        "时间线: 00:00 (00:00) 开场 10:00 (10:00) 正题",
    ],
)
def test_a_time_in_a_link_and_its_text_gives_one_chapter(notes: str) -> None:
    assert _rows(notes) == [(0, "开场", None), (600_000, "正题", None)]


@pytest.mark.parametrize("name", _corpus_notes("8 duplicate"))
def test_duplicate_corpus(name: str) -> None:
    _check_corpus_note(name)


# Notes without a timeline.


@pytest.mark.parametrize(
    "notes",
    [
        "我们每天 06:30 起床，07:00 跑步，07:45 吃早餐，然后 08:30 开工。",  # times of day
        "We met at 09:30, broke at 10:45 and were done by 12:15.",
        "直播安排\n周五 20:00 B 站\n周六 21:30 视频号\n周日 19:00 小红书",  # schedules
        "Live Q&A: 18:00 UTC / 19:00 CET / 13:00 ET.",
        "Meetup details\nSaturday, May 4\n10:00 Registration\n10:30 Welcome\n11:00 Talks\n12:30 Lunch",
        "活动议程：\n13:30 签到\n14:00 开场\n14:30 录制\n16:00 交流",
        "2024-03-05 14:30 录制，2024-03-06 16:00 剪辑，2024-03-08 09:00 上线。",  # dates
        "<ul><li>报名截止：3月1日 23:59</li><li>开营：3月5日 20:00</li><li>结营：3月30日 19:30</li></ul>",
        "术语：一个解释（13:00）",  # a glossary line on its own
        "早鸟价 ¥199，原价 ¥299，咨询时间 09:00-18:00，截止 23:59。",  # prices
        "终场 2:1，半场 1:0，加时 3:2。第 89:30 分钟进球。",  # scores
        "v1.2.3 and 2.10.1 shipped; iOS 17.4 needs 16:9 and 4:3 video.",  # versions, ratios
        "John 3:16, Romans 8:28 and Psalm 23:1.",
        "* 话题一 * 话题二 * 话题三 * 话题四",  # a list without times
    ],
)
def test_notes_without_a_timeline_give_no_chapters(notes: str) -> None:
    assert extract_chapters(notes) == []


@pytest.mark.parametrize("name", _corpus_notes("no-timeline"))
def test_no_timeline_corpus(name: str) -> None:
    _check_corpus_note(name)
