"""Timelines in show notes -> chapters: layouts, sections, trailers, ranges, noise."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.shownotes import TimelineEntry, extract_chapters

FIXTURES = Path(__file__).parent / "fixtures" / "shownotes"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _rows(notes: str, duration_ms: int | None = None) -> list[tuple[int, str, str | None]]:
    return [(c.start_ms, c.title, c.section) for c in extract_chapters(notes, duration_ms)]


def test_entry_is_frozen_slotted_dataclass() -> None:
    entry = TimelineEntry(1000, "Intro", None)
    with pytest.raises(AttributeError):
        entry.start_ms = 5  # type: ignore[misc]
    assert not hasattr(entry, "__dict__")


def test_flattened_chinese_timeline_with_sections_and_trailer() -> None:
    assert _rows(_fixture("flat_zh.txt")) == [
        (0, "开场白,两位主播的早晨习惯", "第一部分:咖啡从哪里来"),
        (195_000, "云南豆子的故事:海拔与风味", "第一部分:咖啡从哪里来"),
        (460_000, "烘焙厂的一天,Roast Master 的工作流程", "第一部分:咖啡从哪里来"),
        (725_000, "街角小店为什么能活下来", "Part 2 城市里的咖啡馆"),
        (1_110_000, "连锁品牌 VS 独立咖啡馆", "Part 2 城市里的咖啡馆"),
        (1_510_000, "咖啡馆里的远程办公者", "Part 2 城市里的咖啡馆"),
        (1_905_000, "两座城市的咖啡馆比较", "从巴黎到上海"),
        (2_700_000, "我们最喜欢的三家店", "从巴黎到上海"),
        (3_750_000, "听众来信与下期预告", "从巴黎到上海"),
    ]


def test_lines_with_brackets_bullets_and_separators() -> None:
    assert _rows(_fixture("lines_en.txt")) == [
        (0, "Intro", None),
        (135_000, "Why bread rises", None),
        (450_000, "Feeding a starter", None),
        (765_000, "The oven question", None),
        (1_080_000, "Listener mail", None),
        (1_450_000, "Wrap-up and what's next", None),
    ]


def test_title_before_timestamp() -> None:
    assert _rows(_fixture("title_before.txt")) == [
        (0, "Cold open", None),
        (185_000, "The history of maps", None),
        (700_000, "Projections and their lies", None),
        (3_723_000, "Digital maps", None),
    ]


def test_section_lines_between_timeline_lines() -> None:
    assert _rows(_fixture("sections_lines.txt")) == [
        (0, "Hello and welcome", "Part 1: The basics"),
        (260_000, "What is a tide?", "Part 1: The basics"),
        (600_000, "Gravity explained", "Part 2: The moon"),
        (930_000, "Spring and neap tides", "Part 2: The moon"),
        (1_200_000, "Outtakes", "Bonus"),
    ]


def test_html_list_ignores_link_text_and_href() -> None:
    assert _rows(_fixture("list.html")) == [
        (0, "Arrival at the island", None),
        (390_000, "Climbing the 200 steps", None),
        (845_000, "The lamp room & its lens", None),
        (1_360_000, "Storm stories", None),
    ]


def test_unmarked_section_headings_in_flattened_chinese() -> None:
    rows = _rows(_fixture("unmarked_sections.txt"))
    assert [r[2] for r in rows] == ["北方城市"] * 2 + ["南方城市"] * 2 + ["西部城市"] * 2
    assert rows[1] == (585_000, "冰雕是怎么做出来的", "北方城市")
    assert rows[-1] == (2_295_000, "我们的旅行建议", "西部城市")


def test_prose_gives_no_chapters() -> None:
    assert extract_chapters(_fixture("prose.txt")) == []
    assert extract_chapters("我们在第 12:30 分钟聊到了这个话题。") == []
    assert extract_chapters("") == []


@pytest.mark.parametrize(
    "notes",
    [
        "<p>00:00 Start</p><p>03:20 Middle</p><p>09:00 End</p>",
        "00:00 Start<br>03:20 Middle<br/>09:00 End",
        "<ol><li>[00:00] Start</li><li>[03:20] Middle</li><li>[09:00] End</li></ol>",
        "00:00 Start\n03:20 Middle\n09:00 End",
        "00:00 Start 03:20 Middle 09:00 End",
        "- 00:00 Start\n- 03:20 Middle\n- 09:00 End",
        "* 00:00 - Start\n* 03:20 - Middle\n* 09:00 - End",
        "00:00 | Start\n03:20 | Middle\n09:00 | End",
        "(00:00) Start\n(03:20) Middle\n(09:00) End",
        "【00:00】Start\n【03:20】Middle\n【09:00】End",
        "Start 00:00\nMiddle 03:20\nEnd 09:00",
        "Start: 00:00\nMiddle: 03:20\nEnd: 09:00",
        "1. Start 0:00\n2. Middle 3:20\n3. End 9:00",
        "00:00–01:00 Start\n03:20-04:00 Middle\n09:00 ~ 10:00 End",
        "00：00 Start\n03：20 Middle\n09：00 End",
        "09:00 End\n00:00 Start\n03:20 Middle",
    ],
)
def test_layouts_give_the_same_chapters(notes: str) -> None:
    assert _rows(notes) == [(0, "Start", None), (200_000, "Middle", None), (540_000, "End", None)]


def test_fractional_hours_and_long_minutes() -> None:
    rows = _rows("00:05.500 Cold open\n75:30 Late part\n1:20:00.25 Finale")
    assert rows == [(5_500, "Cold open", None), (4_530_000, "Late part", None),
                    (4_800_250, "Finale", None)]  # fmt: skip


def test_out_of_order_list_is_sorted_stably() -> None:
    rows = _rows("10:00 B\n05:00 A\n10:00 C\n00:00 Z")
    assert rows == [(0, "Z", None), (300_000, "A", None), (600_000, "B", None),
                    (600_000, "C", None)]  # fmt: skip


def test_duration_drops_starts_beyond_it() -> None:
    notes = "00:00 Intro\n10:00 Middle\n50:00 Past the end"
    assert [c.start_ms for c in extract_chapters(notes, duration_ms=1_800_000)] == [0, 600_000]
    assert [c.start_ms for c in extract_chapters(notes, duration_ms=600_000)] == [0, 600_000]
    assert len(extract_chapters(notes)) == 3


@pytest.mark.parametrize(
    ("trailer", "expected"),
    [
        (" 相关链接: 另一期", "最后一章"),
        (" 附录: 名词解释", "最后一章"),
        (" 本期主播:阿青", "最后一章"),
        (" 剪辑:小林 封面:AI", "最后一章"),
        (" ☆ 加入听友群 ☆", "最后一章"),
        (" Links: https://example.com", "最后一章"),
        (" Related episodes: #12", "最后一章"),
        (" Credits go to everyone", "最后一章"),
        (" --- 图注", "最后一章"),
    ],
)
def test_last_title_stops_before_trailer(trailer: str, expected: str) -> None:
    notes = "时间线: 00:00 开场 05:00 " + expected + trailer
    assert extract_chapters(notes)[-1].title == expected


def test_sub_bullets_are_not_sections_when_timeline_uses_dashes() -> None:
    notes = "时间线: - 开篇 00:00 介绍 05:00 看什么? ·看文档 ·看问题列表 10:00 下一段 - 第二节 15:00 结尾"
    assert _rows(notes) == [
        (0, "介绍", "开篇"),
        (300_000, "看什么?", "开篇"),
        (600_000, "下一段", "开篇"),
        (900_000, "结尾", "第二节"),
    ]


def test_middle_dot_sections_and_star_sections() -> None:
    dots = "时间线跳转: ·聊开场 00:10 第一件事 02:00 第二件事 ·聊收尾 04:00 最后"
    assert [r[2] for r in _rows(dots)] == ["聊开场", "聊开场", "聊收尾"]
    stars = "时间线跳转 * 开场 00:10 第一件事 02:00 第二件事 * 收尾 04:00 最后"
    assert [r[2] for r in _rows(stars)] == ["开场", "开场", "收尾"]


def test_titles_never_contain_timestamps_or_separators() -> None:
    notes = "00:00 - Intro: 03:00 | Topic | 06:00 [Outro]"
    for chapter in extract_chapters(notes):
        assert ":" not in chapter.title[-1:] and "|" not in chapter.title
    assert [c.title for c in extract_chapters(notes)] == ["Intro", "Topic", "Outro"]


def test_two_timestamps_in_prose_are_not_a_list() -> None:
    assert extract_chapters("We talked from 10:30 to 11:45 about bread.") == []


@pytest.mark.parametrize("bad", [None, 42, b"00:00 a\n01:00 b", ["00:00"]])
def test_non_string_input_gives_nothing(bad: object) -> None:
    assert extract_chapters(bad) == []  # type: ignore[arg-type]


def test_prose_timestamp_before_the_label_is_not_a_chapter() -> None:
    rows = _rows("We talk about 12:30 today. 时间线: 00:00 开场 03:00 正题 08:00 结尾")
    assert rows == [(0, "开场", None), (180_000, "正题", None), (480_000, "结尾", None)]


def test_markdown_heading_lines_become_sections() -> None:
    rows = _rows("00:00 开场\n\n## 第二部分 深入\n03:20 正题\n07:00 结尾 (12:30pm 录制)")
    assert rows == [
        (0, "开场", None),
        (200_000, "正题", "第二部分 深入"),
        (420_000, "结尾 (12:30pm 录制)", "第二部分 深入"),
    ]


def test_english_flattened_with_parentheses_and_links_trailer() -> None:
    notes = "Chapters: (00:00) Intro (02:30) The problem (10:00) Solutions Links: https://x.com"
    assert [c.title for c in extract_chapters(notes)] == ["Intro", "The problem", "Solutions"]


def test_host_seek_links_count_but_outside_links_do_not() -> None:
    notes = (
        '<p><a href="#t=0">00:00</a> Intro</p><p><a href="#t=346">05:46</a> Topic</p>'
        '<p><a href="javascript:seek(600)">10:00</a> End</p>'
        '<p>Clip: <a href="https://video.example/x">12:00</a></p>'
    )
    assert _rows(notes) == [(0, "Intro", None), (346_000, "Topic", None), (600_000, "End", None)]
