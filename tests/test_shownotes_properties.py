"""Property tests: the show-notes parser and renderer never raise and keep their promises."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.shownotes import (
    extract_chapters,
    format_timestamp,
    notes_to_text,
    parse_seek_url,
    parse_timestamp,
    render_notes_html,
)
from companion.shownotes.chapters import _extract
from companion.shownotes.timestamps import has_timestamp

# SHOWNOTES_EXAMPLES=5000 for a deeper run by hand; the suite stays fast.
FAST = settings(max_examples=int(os.environ.get("SHOWNOTES_EXAMPLES", "250")), deadline=None)

_PIECES = st.sampled_from(
    [" ", "\n", "-", " - ", "*", "·", "•", ":", "：", "|", "[", "]", "(", ")", "【", "】", "Part 2",
     "第二部分", "相关链接", "附录", "☆", "Links:", "00:00", "5:46", "05:46", "1:02:03", "75:30",
     "00:05.500", "05：46", "16:9", "3:2", "12:30pm", "下午3:30", "2.1.3", "50%", "a01:02:03",
     "https://x.y/12:30", "www.a.b", "标题", "Intro", "。", ".", "–", "~", "0", "9", ":0"]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=60).map("".join),
)
_ATTRS = st.sampled_from(
    [
        "",
        ' href="seek:5"',
        ' href="seek:x1"',
        ' href="javascript:x"',
        ' onclick="x"',
        " alt='05:00 x'",
        ' href="http://a/1:00"',
    ]
)
_TAGS = st.sampled_from(["p", "br", "li", "ul", "a", "b", "div", "script", "style", "img", "span"])


@st.composite
def html_fragments(draw: st.DrawFn) -> str:
    out = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.integers(0, 4))
        tag = draw(_TAGS)
        if kind == 0:
            attrs = draw(_ATTRS)
            out.append(f"<{tag}{attrs}>")
        elif kind == 1:
            out.append(f"</{tag}>")
        elif kind == 2:
            out.append(draw(st.sampled_from(["&amp;", "&lt;", "&#12;", "&#x3a;", "&bogus;", "<!--"])))
        else:
            out.append(draw(TEXTS))
    return "".join(out)


NOTES = st.one_of(TEXTS, html_fragments())
DURATIONS = st.one_of(st.none(), st.integers(min_value=0, max_value=10_000_000))


def _check(chapters: list, duration_ms: int | None) -> None:
    starts = [c.start_ms for c in chapters]
    assert starts == sorted(starts)
    for chapter in chapters:
        assert chapter.start_ms >= 0
        if duration_ms is not None:
            assert chapter.start_ms <= duration_ms
        assert isinstance(chapter.title, str) and not has_timestamp(chapter.title)
        assert chapter.section is None or (chapter.section and not has_timestamp(chapter.section))


@FAST
@given(NOTES, DURATIONS)
def test_extract_never_raises_and_keeps_invariants(notes: str, duration_ms: int | None) -> None:
    _check(_extract(notes, duration_ms), duration_ms)  # the unguarded core: bugs surface here
    _check(extract_chapters(notes, duration_ms), duration_ms)


@FAST
@given(NOTES)
def test_render_and_text_never_raise_and_stay_safe(notes: str) -> None:
    out = render_notes_html(notes).lower()
    assert "<script" not in out and "javascript:" not in out and "onclick" not in out
    assert "<img" not in out
    assert isinstance(notes_to_text(notes), str)


# No "m" in titles: "0:01 am ..." is a clock time, rightly not a chapter.
_TITLE = (
    st.text(alphabet="abcdefghij klnop咖啡城市音乐", min_size=1, max_size=20)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@FAST
@given(
    st.lists(st.tuples(st.integers(0, 35_999), _TITLE), min_size=2, max_size=15, unique_by=lambda t: t[0]),
    st.sampled_from(
        [
            "{t} {title}\n",
            "[{t}] {title}\n",
            "- {t} - {title}\n",
            " {t} {title}",
            "<li>{t} {title}</li>",
            "{title} {t}\n",
        ]
    ),  # fmt: skip
)
def test_generated_timelines_round_trip(entries: list[tuple[int, str]], layout: str) -> None:
    notes = "".join(layout.format(t=format_timestamp(s * 1000), title=title) for s, title in entries)
    if layout.startswith("<li>"):
        notes = f"<ul>{notes}</ul>"
    chapters = extract_chapters(notes)
    expected = sorted((s * 1000, title) for s, title in entries)
    got = sorted((c.start_ms, c.title) for c in chapters)
    assert got == expected


@FAST
@given(st.integers(min_value=0, max_value=359_999_999))
def test_format_parse_round_trip(ms: int) -> None:
    assert parse_timestamp(format_timestamp(ms)) == ms - ms % 1000
    assert parse_seek_url(f"seek:{ms}") == ms


@FAST
@given(st.text(max_size=40))
def test_parsers_never_raise(text: str) -> None:
    value = parse_timestamp(text)
    assert value is None or value >= 0
    assert parse_seek_url(text) is None or text.strip().startswith("seek:")


@FAST
@given(st.text(alphabet="0123456789::：..  apm%下午x/-", max_size=24), st.integers(0, 3))
def test_fast_scan_equals_reference_regex(text: str, pos: int) -> None:
    from companion.shownotes.timestamps import TIMESTAMP_RE, finditer_timestamps

    fast = [m.span() for m in finditer_timestamps(text, pos)]
    assert fast == [m.span() for m in TIMESTAMP_RE.finditer(text, pos)]


@FAST
@given(NOTES)
def test_every_rendered_seek_link_parses(notes: str) -> None:
    import re

    for href in re.findall(r'href="(seek:[^"]*)"', render_notes_html(notes)):
        assert parse_seek_url(href) is not None


_POINT = (
    st.text(alphabet="qrstuvwxyz 点要细节", min_size=1, max_size=12)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@FAST
@given(
    st.lists(
        st.tuples(st.integers(0, 35_999), _TITLE, st.lists(_POINT, max_size=4)),
        min_size=2,
        max_size=12,
        unique_by=lambda t: t[0],
    ),
    st.sampled_from(["plain", "markdown", "html"]),
    st.sampled_from(["", "时间线：", "【时间轴】", "Chapters:"]),
    st.integers(0, 3),
)
def test_generated_timelines_with_points_and_sections_round_trip(
    entries: list[tuple[int, str, list[str]]], shape: str, label: str, every: int
) -> None:
    """Points under an entry never become chapters or sections; headings do become sections."""
    lines: list[str] = [label] if label else []
    expected = []
    section = None
    for i, (s, title, points) in enumerate(sorted(entries)):
        if every and i % (every + 1) == 0:
            section = f"第{i + 1}部分 标题"
            lines.append(f"<h3>{section}</h3>" if shape == "html" else f"## {section}")
        stamp = format_timestamp(s * 1000)
        if shape == "html":
            lines.append(f"<p>{stamp} {title}</p>")
            if points:
                lines.append("<ul>" + "".join(f"<li>{p}</li>" for p in points) + "</ul>")
        else:
            lines.append(f"- {stamp} {title}" if shape == "markdown" else f"{stamp} {title}")
            lines.extend(f"  - {p}" for p in points)
        expected.append((s * 1000, title, section))
    notes = ("" if shape == "html" else "\n").join(lines)
    assert [(c.start_ms, c.title, c.section) for c in extract_chapters(notes)] == expected
