"""Notes -> safe, linkified HTML for QTextBrowser, and notes -> plain text."""

from __future__ import annotations

import html
import re

import pytest

from companion.shownotes import notes_to_text, render_notes_html


def test_plain_text_is_escaped_linked_and_keeps_line_breaks() -> None:
    out = render_notes_html("00:00 Intro <x>\n05:46 Topic & more")
    assert '<a href="seek:0"' in out and ">00:00</a>" in out
    assert '<a href="seek:346000"' in out and ">05:46</a>" in out
    assert "&lt;x&gt;" in out and "&amp; more" in out
    assert "<br>" in out


def test_timestamps_in_prose_are_links_too() -> None:
    out = render_notes_html("我们在 1:02:03 聊到这个。")
    assert '<a href="seek:3723000" rel="noopener noreferrer">1:02:03</a>' in out


def test_non_timestamps_stay_text() -> None:
    out = render_notes_html("比分 3:2,画面 16:9,版本 2.1.3,下午3:30,12:30pm")
    assert "seek:" not in out


def test_plain_urls_become_links_without_linking_timestamps_inside() -> None:
    out = render_notes_html("See https://example.com/a?t=12:30. Or www.example.org, thanks")
    assert '<a href="https://example.com/a?t=12:30"' in out
    assert '<a href="http://www.example.org"' in out
    assert "seek:" not in out
    assert "12:30.</a>" not in out


def test_existing_links_kept_and_their_text_not_linked() -> None:
    out = render_notes_html('<p>Part at <a href="https://example.com/x">05:00 in video</a> 06:00</p>')
    assert '<a href="https://example.com/x" rel="noopener noreferrer">05:00 in video</a>' in out
    assert '<a href="seek:360000"' in out
    assert "seek:300000" not in out


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script><p>00:00 hi</p>",
        '<p onclick="alert(1)" style="color:red">00:00 hi</p>',
        '<a href="javascript:alert(1)">00:00 hi</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a><p>00:00 hi</p>',
        "<img src=x onerror=alert(1)><p>00:00 hi</p>",
        "<style>body{display:none}</style><p>00:00 hi</p>",
        '<iframe src="https://evil.example"></iframe><p>00:00 hi</p>',
        "<svg><script>alert(1)</script></svg><p>00:00 hi</p>",
        "<p>00:00 hi</p><!-- <script>alert(1)</script> -->",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a><p>00:00 hi</p>',
        "<<script>script>alert(1)<</script>/script><p>00:00 hi</p>",
        "<p>00:00 hi<form action=x><input></form><object data=x></object></p>",
    ],
)
def test_hostile_html_is_neutralised(hostile: str) -> None:
    out = render_notes_html(hostile).lower()
    for bad in ("<script", "javascript:", "onerror", "onclick", "<style", "<iframe", "<img",
                "data:", "<svg", "<form", "<object", "<input", "style="):  # fmt: skip
        assert bad not in out
    assert '<a href="seek:0"' in out


def test_remote_images_not_loaded_but_alt_text_kept() -> None:
    out = render_notes_html('<p>Look <img src="https://tracker.example/p.gif" alt="a cat"></p>')
    assert "<img" not in out and "tracker.example" not in out
    assert "a cat" in out


def test_output_uses_only_simple_tags() -> None:
    notes = (
        "<div class='x'><h2>Title</h2><table><tr><td>00:10 a</td></tr></table>"
        "<section><article><p>02:00 b</p></article></section><custom-tag>c</custom-tag></div>"
    )
    out = render_notes_html(notes)
    tags = set(re.findall(r"</?([a-z0-9]+)", out))
    assert tags <= {"a", "div", "h2", "table", "tr", "td", "tbody", "p", "br"}
    assert "class=" not in out


def test_render_never_raises_on_odd_input() -> None:
    for odd in ["", "   ", "<", "&", "&#xD800;", "<a href='seek:1'>x", "\x00\x01", None, 5]:
        assert isinstance(render_notes_html(odd), str)  # type: ignore[arg-type]


def test_notes_to_text_html_and_plain() -> None:
    html_notes = "<p>Hello &amp; welcome</p><script>var x=1</script><ul><li>00:00 A</li><li>B</li></ul>"
    assert notes_to_text(html_notes) == "Hello & welcome\n\n00:00 A\n\nB"
    assert notes_to_text("line one\r\nline two\n\n\n\nline three") == ("line one\nline two\n\nline three")
    assert notes_to_text("") == ""


def test_text_with_a_stray_tag_keeps_its_line_breaks() -> None:
    out = render_notes_html("00:00 <b>Intro</b>\n05:46 Topic")
    assert "<br>" in out and "<b>Intro</b>" in out
    assert notes_to_text("00:00 <b>Intro</b>\n05:46 Topic") == "00:00 Intro\n05:46 Topic"


def test_host_in_page_timestamp_links_become_seek_links() -> None:
    out = render_notes_html('<p><a href="#t=346">05:46</a> Topic</p>')
    assert '<a href="seek:346000" rel="noopener noreferrer">05:46</a>' in out


def test_url_glued_to_chinese_text_is_linked_and_trailing_punctuation_kept_out() -> None:
    out = render_notes_html("主页https://example.com/a，以及 (www.example.org).")
    assert '<a href="https://example.com/a" rel="noopener noreferrer">https://example.com/a</a>' in out
    assert '<a href="http://www.example.org" rel="noopener noreferrer">www.example.org</a>).' in out


def _lines(rendered: str) -> list[str]:
    """The rendered notes as the view shows them: one string per line, tags dropped."""
    text = re.sub(r"<br>\n?|</p>|</li>", "\n", rendered)
    text = re.sub(r"<[^>]+>", "", text)
    return [" ".join(line.split()) for line in html.unescape(text).split("\n") if line.strip()]


def test_an_inline_timeline_shows_one_entry_a_line() -> None:
    out = render_notes_html("时间轴 00:00 开场 05:46 第二段 08:20 第三段")
    assert _lines(out) == ["时间轴", "00:00 开场", "05:46 第二段", "08:20 第三段"]
    for ms in (0, 346_000, 500_000):  # still links
        assert f'<a href="seek:{ms}"' in out


def test_an_inline_timeline_keeps_sections_and_trailer_on_their_own_lines() -> None:
    notes = (
        "这一期聊开源。 时间轴： - 第一部分：起点 00:00 开场 00:42 第一次提交 - 第二部分：成长 "
        "02:15 第一个用户 03:05 社区 相关链接： https://example.org/x 本期主播：小林"
    )
    assert _lines(render_notes_html(notes)) == [
        "这一期聊开源。",
        "时间轴：",
        "- 第一部分：起点",
        "00:00 开场",
        "00:42 第一次提交",
        "- 第二部分：成长",
        "02:15 第一个用户",
        "03:05 社区",
        "相关链接： https://example.org/x 本期主播：小林",
    ]
    assert '<a href="https://example.org/x"' in render_notes_html(notes)


@pytest.mark.parametrize(
    ("notes", "lines"),
    [
        ("1. 00:00 a 2. 05:46 b 3. 08:20 c", ["1. 00:00 a", "2. 05:46 b", "3. 08:20 c"]),
        ("• 00:00 开场 • 05:46 二 • 08:20 三", ["• 00:00 开场", "• 05:46 二", "• 08:20 三"]),
        (
            "00:00-05:00 Intro 05:00-10:00 Talk 10:00 End",
            ["00:00-05:00 Intro", "05:00-10:00 Talk", "10:00 End"],
        ),
        (
            "<p>Chapters: <b>00:00</b> Intro 05:46 Topic 08:20 <i>End</i></p><p>More</p>",
            ["Chapters:", "00:00 Intro", "05:46 Topic", "08:20 End", "More"],
        ),
    ],
)
def test_inline_timelines_in_other_shapes(notes: str, lines: list[str]) -> None:
    assert _lines(render_notes_html(notes)) == lines


@pytest.mark.parametrize(
    "notes",
    [
        "00:00 a\n05:46 b\n08:20 c",  # already one entry a line
        "<ul><li>00:00 a</li><li>05:46 b</li></ul>",
        "我们在 1:02:03 聊到这个，后来 1:05:00 又说回来。",  # prose, not a timeline
        "比分 3:2，下午 3:30 开始",
    ],
)
def test_notes_that_are_not_inline_timelines_keep_their_lines(notes: str) -> None:
    out = render_notes_html(notes)
    assert out.count("<br>") == notes.count("\n")
