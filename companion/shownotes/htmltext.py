"""Notes as plain text: detect HTML, flatten it to lines, and mark link spans."""

from __future__ import annotations

import functools
import html
import re
from typing import NamedTuple

from .limits import MAX_READ_CHARS
from .timestamps import parse_timestamp

_HTML_HINT_RE = re.compile(
    r"<(?:p|br|li|ul|ol|a|div|span|strong|b|i|em|u|h[1-6]|img|table|tr|td|blockquote|pre"
    r"|code|hr|section|article|font|small|sup|sub|script|style|iframe)\b[^<>]*>"
    r"|</[a-zA-Z][a-zA-Z0-9]*\s*>|<!--|&(?:[a-zA-Z]{2,8}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});",
    re.IGNORECASE,
)
_TOKEN_RE = re.compile(  # "<" factored out: the engine then skips to each "<" fast
    r"<(?:!--.*?(?:-->|\Z)"
    r"|(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>)",
    re.DOTALL,
)
_URL_AT_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'\u3000-\u303f\uff01-\uff5e]+", re.IGNORECASE)
_ASCII_WORD = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_HREF_RE = re.compile(r"\bhref\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_IN_PAGE = ("#", "seek:", "javascript:")
# A link to a moment of the episode somewhere else ("…/ep42#t=00:04:31", "…?t=173"): its text, when
# it is a timestamp, is one of the episode's timestamps like a host's in-page seek link.
_TIME_HREF_RE = re.compile(r"[#?&](?:t|time|start|ts)=[0-9]|#[0-9]", re.IGNORECASE)
# Markdown links in plain notes: [text](target), the target without spaces (one level of parentheses).
_MD_LINK_RE = re.compile(r"\[([^\[\]\n]{0,300})\]\(([^()\s]{0,2000}(?:\([^()\s]*\)[^()\s]*)?)\)")
# Runs of spaces that become one space: two or more, or one that is not " " (a lone " " is left as it
# is: fewer, faster substitutions); and runs of blank lines that notes_to_text keeps as one.
_WS_RUN_RE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u3000]{2,}|[\t\r\f\v\u00a0\u2000-\u200b\u3000]")
_BLANK_LINES_RE = re.compile(r"\n{3,}")

_BLOCK_TAGS = frozenset(
    ["p", "br", "li", "ul", "ol", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
     "blockquote", "pre", "hr", "section", "article", "header", "footer", "dt", "dd", "dl",
     "figure", "figcaption", "aside", "nav", "main", "address", "tbody", "thead"]
)  # fmt: skip
_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "dt"])
_BOLD_TAGS = frozenset(["strong", "b"])
_CELL_TAGS = frozenset(["td", "th"])
_SKIP_TAGS = frozenset(
    ["script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg"]
)


class FlatNotes(NamedTuple):
    """Notes flattened to text plus the spans (start, end) that hold link text or URLs; for HTML,
    where lines that are list items start, and where heading or bold text starts a line.
    (A named tuple: made once per notes text, on the hot path, it is cheaper than a dataclass.)"""

    text: str
    excluded: tuple[tuple[int, int], ...]
    html: bool = False
    items: frozenset[int] = frozenset()
    heads: frozenset[int] = frozenset()


def looks_like_html(notes: str) -> bool:
    """True when the notes carry HTML tags or entities."""
    if "<" not in notes and "&" not in notes:
        return False
    return _HTML_HINT_RE.search(notes) is not None


_BREAK_TAG_RE = re.compile(r"<(?:p|br|li|div|tr|h[1-6]|pre|blockquote)\b", re.IGNORECASE)


def keep_line_breaks(notes: str) -> str:
    """HTML without any block tags keeps its newlines as <br> (text with a stray tag or two)."""
    if "\n" in notes and _BREAK_TAG_RE.search(notes) is None:
        return notes.replace("\r\n", "\n").replace("\n", "<br>\n")
    return notes


def _url_starts(text: str) -> list[int]:
    """Where http(s):// and www. URLs start (str.find is far faster than a regex scan)."""
    starts = []
    i = text.find("://")
    while i >= 0:
        for scheme in ("https", "http"):
            start = i - len(scheme)
            if start >= 0 and text[start:i].lower() == scheme:
                if not (start and text[start - 1] in _ASCII_WORD):
                    starts.append(start)
                break
        i = text.find("://", i + 3)
    for hint in ("www.", "WWW."):
        i = text.find(hint)
        while i >= 0:
            if not (i and text[i - 1] in _ASCII_WORD):
                starts.append(i)
            i = text.find(hint, i + 4)
    starts.sort()
    return starts


def url_spans(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) of every plain-text URL in text, shifted by base."""
    if "://" not in text and "www." not in text and "WWW." not in text:
        return []
    spans: list[tuple[int, int]] = []
    covered = -1
    for start in _url_starts(text):
        if start < covered:
            continue  # the www. inside https://www.
        match = _URL_AT_RE.match(text, start)
        if match is not None:
            spans.append((base + start, base + match.end()))
            covered = match.end()
    return spans


def seek_target(href: str) -> bool:
    """True for a link target that points at a moment: in-page (#t=…, seek:) or with a time in it."""
    target = href.strip("\"' ").lower()
    return not target or target.startswith(_IN_PAGE) or _TIME_HREF_RE.search(target) is not None


def _markdown_links(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Markdown links replaced by their text; the spans of link texts that are not seek links."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    size = pos = 0
    for match in _MD_LINK_RE.finditer(text):
        before = text[pos : match.start()]
        label = match.group(1)
        parts.append(before)
        size += len(before)
        parts.append(label)
        if parse_timestamp(label) is None or not seek_target(match.group(2)):
            spans.append((size, size + len(label)))
        size += len(label)
        pos = match.end()
    if not parts:
        return text, spans
    parts.append(text[pos:])
    return "".join(parts), spans


def _plain_flat(text: str) -> FlatNotes:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "](" in text:
        text, links = _markdown_links(text)
        if links:
            return FlatNotes(text, tuple(sorted(links + url_spans(text))))
    spans = tuple(url_spans(text))
    return FlatNotes(text, spans)


def _html_flat(notes: str) -> FlatNotes:
    """HTML notes as flat text with the spans that hold link text or URLs, in one pass over the tags.

    Long on purpose: one tag walk whose state (open links, the skipped element, the text so far) the
    small closures inside share; split apart, that state would be passed through every call.
    """
    parts: list[str] = []
    size = 0
    spans: list[tuple[int, int]] = []
    items: list[int] = []
    heads: list[int] = []
    link_depth = 0
    link_start = link_part = 0
    in_page_link = False
    skip_tag: str | None = None
    pos = 0

    def emit(chunk: str) -> None:
        nonlocal size
        if chunk:
            parts.append(chunk)
            size += len(chunk)

    for match in _TOKEN_RE.finditer(notes):
        if skip_tag is None and match.start() > pos:
            # emit(html.unescape(raw).replace("\n", " ")) + url_spans, inlined (hot loop)
            chunk = notes[pos : match.start()]
            if "&" in chunk:
                chunk = html.unescape(chunk)
            if "\n" in chunk:
                chunk = chunk.replace("\n", " ")
            if chunk:
                if link_depth == 0 and ("://" in chunk or "www." in chunk or "WWW." in chunk):
                    spans.extend(url_spans(chunk, size))
                parts.append(chunk)
                size += len(chunk)
        pos = match.end()
        closing_mark, name, _ = match.groups()
        if name is None:  # comment
            continue
        name = name.lower()
        closing = bool(closing_mark)
        if skip_tag is not None:
            if closing and name == skip_tag:
                skip_tag = None
            continue
        if name in _SKIP_TAGS and not closing:
            if not match.group(3).rstrip().endswith("/"):
                skip_tag = name
            continue
        if name == "a":
            if closing:
                if link_depth:
                    link_depth = 0
                    # <a href="#t=346">05:46</a>: a host's own seek link is still a timestamp.
                    if not in_page_link or parse_timestamp("".join(parts[link_part:])) is None:
                        spans.append((link_start, size))
            elif link_depth == 0:
                link_depth = 1
                link_start = size
                link_part = len(parts)
                href = _HREF_RE.search(match.group(3))
                in_page_link = seek_target(href.group(1)) if href else True
        elif name in _BLOCK_TAGS:
            parts.append("\n")
            size += 1
            if not closing:
                if name == "li":
                    items.append(size)
                elif name in _HEADING_TAGS:
                    heads.append(size)
        elif name in _BOLD_TAGS:
            if not closing and parts and parts[-1] == "\n":
                heads.append(size)
        elif name in _CELL_TAGS:
            if not closing:
                emit(" ")
        elif name == "img" and not closing:
            alt = re.search(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", match.group(3), re.IGNORECASE)
            if alt:
                emit(" " + html.unescape(alt.group(1)[1:-1]) + " ")
    if skip_tag is None and pos < len(notes):
        raw = notes[pos:]
        chunk = html.unescape(raw).replace("\n", " ")
        url_base = size
        emit(chunk)
        if link_depth == 0:
            spans.extend(url_spans(chunk, url_base))
    if link_depth:
        spans.append((link_start, size))
    spans.sort()
    return FlatNotes("".join(parts), tuple(spans), True, frozenset(items), frozenset(heads))


def flatten_notes(notes: str) -> FlatNotes:
    """Plain text of the notes (HTML or plain) with link/URL spans to leave alone: of the first
    MAX_READ_CHARS characters."""
    if not isinstance(notes, str):
        return FlatNotes("", ())
    return _flatten_cached(notes[:MAX_READ_CHARS])


@functools.lru_cache(maxsize=8)
def _flatten_cached(notes: str) -> FlatNotes:
    # extract_chapters and notes_to_text flatten the same notes one after the other at import
    if looks_like_html(notes):
        return _html_flat(keep_line_breaks(notes))
    return _plain_flat(notes)


def notes_to_text(notes: str) -> str:
    """Plain text of notes (HTML or plain) for search and indexing."""
    # Spaces collapsed and each line stripped; runs of blank lines kept as one. Whole-text steps
    # (a match never spans lines) rather than a loop over lines: same text, twice as fast.
    text = _WS_RUN_RE.sub(" ", flatten_notes(notes).text)
    lines = "\n".join([line.strip() for line in text.split("\n")])
    return _BLANK_LINES_RE.sub("\n\n", lines).strip()
