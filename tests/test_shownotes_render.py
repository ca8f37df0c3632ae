"""Notes -> safe, linkified HTML for QTextBrowser, and notes -> plain text."""

from __future__ import annotations

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
