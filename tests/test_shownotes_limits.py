"""Hostile show notes cost a bounded amount: what is rendered (size, nesting, tables, links, layout
work) and what is read (characters, timestamps, chapters); ordinary notes render as before."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.shownotes import extract_chapters, notes_to_text, render_notes_html
from companion.shownotes.htmlbound import VOID, bound_html
from companion.shownotes.limits import (
    MAX_CHAPTERS,
    MAX_DEPTH,
    MAX_LINKS,
    MAX_READ_CHARS,
    MAX_RENDER_CHARS,
    MAX_RENDER_LINES,
    MAX_WORD_CHARS,
)

_TAG_RE = re.compile(r"<(/?)([a-z][a-z0-9]*)[^>]*>")


def _depth(html: str) -> int:
    """The deepest nesting of elements in (balanced) HTML."""
    depth = deepest = 0
    for closing, name in _TAG_RE.findall(html):
        if name in VOID:
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


def _max_open(html: str, name: str) -> int:
    depth = deepest = 0
    for closing, tag in _TAG_RE.findall(html):
        if tag == name:
            depth += -1 if closing else 1
            deepest = max(deepest, depth)
    return deepest


def _timeline(count: int) -> str:
    return "\n".join(f"{i // 3600}:{i // 60 % 60:02d}:{i % 60:02d} chapter {i}" for i in range(count))


def test_deep_nesting_is_flattened_and_the_text_kept() -> None:
    # 300 KB of unclosed <b> froze the window for 91-139 s each time they were shown
    assert _depth(render_notes_html("<b>" * 100_000 + "the end")) <= MAX_DEPTH + 2
    assert _depth(render_notes_html("<div>" * 10_000 + "the end" + "</div>" * 10_000)) <= MAX_DEPTH + 2
    assert _depth(render_notes_html("<ul><li>" * 20_000 + "the end")) <= MAX_DEPTH + 2
    for unit in ("<b>", "<div>", "<blockquote><span>", "<table><tr><td>"):
        notes = unit * (MAX_RENDER_CHARS // 2 // len(unit)) + "the end"  # within the size limit
        html = render_notes_html(notes)
        assert _depth(html) <= MAX_DEPTH + 2, unit
        assert "the end" in html, unit


def test_huge_notes_are_shortened_and_say_so() -> None:
    para = "<p>Words about things 12:34 and a link https://example.org/x.</p>\n"
    notes = para * (50_000_000 // len(para))  # 50 MB
    html = render_notes_html(notes)
    assert len(html) < 4 * MAX_RENDER_CHARS
    assert "Words about things" in html
    note = re.search(r"the first ([0-9,]+) of ([0-9,]+) characters are shown", html)
    assert note is not None
    shown, total = (int(n.replace(",", "")) for n in note.groups())
    assert total == len(notes) and 0.9 * MAX_RENDER_CHARS <= shown <= MAX_RENDER_CHARS


def test_short_notes_are_not_shortened() -> None:
    assert "shown." not in render_notes_html("<p>00:10 a</p>" * 100)
    assert "shown." not in render_notes_html("00:10 a\n" * 100)


def test_many_timestamps_give_a_bounded_number_of_links_and_lines() -> None:
    html = render_notes_html(_timeline(100_000))
    assert html.count("<a ") <= MAX_LINKS
    assert html.count("<br>") <= MAX_RENDER_LINES
    assert '<a href="seek:0"' in html  # the first ones are links
    assert "characters are shown" in html


def test_many_web_links_are_capped_too() -> None:
    html = render_notes_html('<a href="https://example.org/">x</a> ' * 50_000)
    assert 0 < html.count("<a ") <= MAX_LINKS


def test_tables_inside_tables_are_flattened() -> None:
    html = render_notes_html("<table><tr><td>cell " * 2_000)
    assert _max_open(html, "table") == 1
    assert html.count("<td") <= 1_000 and "cell" in html


def test_layout_work_is_bounded_whatever_the_elements() -> None:
    for notes, tag, most in (
        ("<ul>" + "<li>x</li>" * 100_000 + "</ul>", "<li>", 1_500),
        ("<table>" + ("<tr>" + "<td>a</td>" * 10 + "</tr>") * 10_000 + "</table>", "<td>", 600),
        ("<b>x</b><i>y</i>" * 100_000, "<b>", 2_000),
        ("x<br>" * 100_000, "<br>", 5_001),
    ):
        html = render_notes_html(notes)
        assert 0 < html.count(tag) <= most, tag
        assert "characters are shown" in html, tag


def test_a_word_too_long_to_wrap_gets_break_opportunities() -> None:
    html = render_notes_html("x" * 50_000)
    assert html.count("\u200b") == 50_000 // MAX_WORD_CHARS - 1
    entities = render_notes_html("<p>" + "&amp;" * 5_000 + "</p>")
    assert "\u200b" in entities
    assert re.search(r"&[a-z]*\u200b", entities) is None  # never inside an entity
    link = render_notes_html(f'<p><a href="https://example.org/{"y" * 3_000}">go</a></p>')
    assert "\u200b" not in link  # never inside a tag


def test_reading_for_chapters_and_search_is_bounded() -> None:
    chapters = extract_chapters(_timeline(100_000))
    assert len(chapters) == MAX_CHAPTERS
    assert [c.start_ms for c in chapters] == [i * 1000 for i in range(MAX_CHAPTERS)]
    text = notes_to_text("word " * 1_000_000)  # 5 MB
    assert MAX_READ_CHARS * 0.9 <= len(text) <= MAX_READ_CHARS


def test_ordinary_notes_render_as_before() -> None:
    notes = (
        "<p>Intro <b>bold <i>both</i></b> and <a href='https://example.org/a?b=1&amp;c=2'>a link</a>.</p>"
        "<ul><li>00:10 one<li>05:46 two</ul><table><tr><td>a<td>b</tr></table><p>end"
    )
    assert render_notes_html(notes) == (
        '<p>Intro <b>bold <i>both</i></b> and <a href="https://example.org/a?b=1&amp;c=2" '
        'rel="noopener noreferrer">a link</a>.</p><ul><li><a href="seek:10000" rel="noopener noreferrer">'
        '00:10</a> one</li><li><a href="seek:346000" rel="noopener noreferrer">05:46</a> two</li></ul>'
        "<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table><p>end</p>"
    )


_SOUP = st.lists(
    st.one_of(
        st.sampled_from(["b", "i", "div", "p", "li", "ul", "table", "tr", "td", "span", "a", "pre",
                         "script", "svg", "h2", "em", "blockquote", "br", "img", "x-y", "dd"]).flatmap(
            lambda tag: st.sampled_from([f"<{tag}>", f"</{tag}>", f"<{tag} title='>'>", f"<{tag}/>"])
        ),
        st.sampled_from(["text ", "00:10 ", "<", "&amp;", "<!--", "-->", '"', "'", "=", "\n"]),
    ),
    max_size=400,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_SOUP, st.integers(min_value=1, max_value=8))
def test_bound_html_is_balanced_and_shallow_for_any_soup(soup: str, repeat: int) -> None:
    keep = {"b", "i", "div", "p", "li", "ul", "table", "tr", "td", "span", "a", "pre", "h2", "em", "br",
            "blockquote", "img", "dd"}  # fmt: skip
    out, used = bound_html(soup * repeat, keep, {"a": {"href"}}, {"script", "svg"}, max_depth=6)
    stack = []
    for closing, name in _TAG_RE.findall(out):
        if name in VOID:
            continue
        if closing:
            assert stack and stack.pop() == name
        else:
            stack.append(name)
            assert len(stack) <= 6
    assert not stack and 0 <= used <= len(soup * repeat)
    assert _depth(render_notes_html(soup * repeat)) <= MAX_DEPTH + 2
