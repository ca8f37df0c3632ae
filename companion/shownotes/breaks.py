"""Inline timelines in rendered notes: a line break before each chapter's timestamp link.

Most notes write their timeline as one paragraph (``时间轴 00:00 开场 05:46 第二段 08:20 第三段``).
Shown as written it is one dense block; here, on a line holding two or more timestamp links that start
chapters, each of them starts a line, and so does a section marker (``- 第二部分``) or a trailer
(``相关链接``) between them. Links stay links: only ``<br>`` is added.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection

from .markers import LABEL_RE, SECTION_MARK_RE, TRAILER_RE

# nh3 output: attribute values are double-quoted with '"' escaped, so this is exact there.
_TAG_RE = re.compile(r"(<(?:[^<>\"]|\"[^\"]*\")*>)")
_SEEK_OPEN_RE = re.compile(r'<a href="seek:(\d+)"')
_LINE_TAG_RE = re.compile(r"</?(?:br|p|div|li|ul|ol|tr|td|th|h[1-6]|blockquote|pre|hr|dt|dd|table)\b", re.I)
_BARE = " \t\u3000\u00a0-–—~～*·•●▪◆►|>.、)）0123456789"
_PREFIX_RE = re.compile(r"\s((?:[0-9]{1,3}[.)、]|[-*·•●▪◆►])\s*)$")  # "2. " or "- " right before a link
_RANGE_GAPS = frozenset(["-", "–", "—", "~", "～", "至", "到", "to"])
BREAK = "<br>"


def _text(parts: list[str], start: int, stop: int) -> str:
    """The unescaped text of parts[start:stop] (tags left out)."""
    return html.unescape("".join(p for p in parts[start:stop] if not p.startswith("<")))


def _break_inside(parts: list[str], index: int, pattern: re.Pattern[str]) -> bool:
    """Put a break in front of the first match of ``pattern`` in text part ``index`` (not when only
    bullets come before it there: the line already starts with it); True if one was put."""
    part = parts[index]
    found = pattern.search(part)
    if found is None or not part[: found.start()].strip(_BARE):
        return False
    at = found.start() + (1 if part[found.start()].isspace() else 0)
    parts[index] = part[:at].rstrip() + BREAK + part[at:]
    return True


def _break_before_link(parts: list[str], link: int) -> None:
    """A break before the link at ``link``, or before its numbering or bullet (``2. 05:46``)."""
    text = parts[link - 1]
    prefix = _PREFIX_RE.search(text)
    if prefix is not None and text[: prefix.start()].strip():
        parts[link - 1] = text[: prefix.start()].rstrip() + BREAK + prefix.group(1)
    else:
        parts[link] = BREAK + parts[link]


def _break_heading(parts: list[str], start: int, stop: int) -> None:
    """Before a timeline's first entry: its label (``时间轴：``) and a section heading
    (``- 第一部分``) each start a line."""
    for index in range(start, stop, 2):
        if _break_inside(parts, index, LABEL_RE):
            break
    for index in range(start, stop, 2):
        if _break_inside(parts, index, SECTION_MARK_RE):
            break


def break_timelines(body: str, chapter_starts: Collection[int]) -> str:
    """``body`` (rendered notes HTML) with inline timelines broken one entry a line."""
    if not chapter_starts or "seek:" not in body:
        return body
    parts = _TAG_RE.split(body)
    lines: list[list[int]] = [[]]  # per line: indexes of its chapter links' opening tags
    for i in range(1, len(parts), 2):
        tag = parts[i]
        if _LINE_TAG_RE.match(tag):
            lines.append([])
            continue
        found = _SEEK_OPEN_RE.match(tag)
        if found is not None and int(found.group(1)) in chapter_starts:
            lines[-1].append(i)
    line_starts = [0] + [i + 1 for i in range(1, len(parts), 2) if _LINE_TAG_RE.match(parts[i])]
    for line_start, links in zip(line_starts, lines, strict=True):
        if len(links) < 2:
            continue  # a timestamp in prose, or a timeline already one entry a line
        previous_end = None
        for link in links:
            if previous_end is not None and _text(parts, previous_end, link).strip() in _RANGE_GAPS:
                previous_end = _link_end(parts, link)
                continue  # "00:00-05:00": the range's end is no entry of its own
            if previous_end is None:  # the first entry: a break unless the line starts with it
                if _text(parts, line_start, link).strip(_BARE):
                    parts[link] = BREAK + parts[link]
                    _break_heading(parts, line_start, link)
            else:  # text parts are the even indexes; a section marker between entries starts a line
                for text_index in range(previous_end, link, 2):
                    if _break_inside(parts, text_index, SECTION_MARK_RE):
                        break
                _break_before_link(parts, link)
            previous_end = _link_end(parts, link)
        for text_index in range(previous_end or 0, len(parts), 2):  # what follows the last entry
            if _break_inside(parts, text_index, TRAILER_RE):
                break
            if text_index + 1 < len(parts) and _LINE_TAG_RE.match(parts[text_index + 1]):
                break
    return "".join(parts)


def _link_end(parts: list[str], link: int) -> int:
    """The index just past the ``</a>`` that closes the link opened at ``link``."""
    for i in range(link + 2, len(parts), 2):
        if parts[i].lower().startswith("</a"):
            return i + 1
    return len(parts)
