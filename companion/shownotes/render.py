"""Show notes -> safe HTML for QTextBrowser with every timestamp a seek: link."""

from __future__ import annotations

import html
import re

import nh3

from .breaks import break_timelines
from .chapters import extract_chapters
from .htmlbound import bound_html
from .htmltext import keep_line_breaks, looks_like_html, url_spans
from .limits import (
    MAX_DEPTH,
    MAX_LAYOUT_COST,
    MAX_LINKS,
    MAX_RENDER_CHARS,
    MAX_RENDER_LINES,
    break_long_words,
    cap_links,
    shorten,
    shortened_note,
)
from .timestamps import (
    SEEK_SCHEME,
    finditer_timestamps,
    match_to_ms,
    parse_seek_url,
    parse_timestamp,
)

# Tags QTextBrowser renders; everything else is unwrapped (text kept) by nh3.
_TAGS = {
    "a", "b", "strong", "i", "em", "u", "s", "p", "br", "ul", "ol", "li", "h1", "h2", "h3",
    "h4", "h5", "h6", "blockquote", "pre", "code", "hr", "sub", "sup", "small", "table",
    "thead", "tbody", "tr", "td", "th", "div", "span", "dl", "dt", "dd",
}  # fmt: skip
_ATTRS = {"a": {"href"}}
_SCHEMES = {"http", "https", "mailto", SEEK_SCHEME}
# Dropped together with their content (never shown as text).
_DROP_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg"}
_DROP_CONTENT |= {"math", "head", "title", "select", "textarea", "button", "form"}

# nh3 output: attribute values are double-quoted with '"' escaped, so this is exact there.
_TAG_RE = re.compile(r"(<(?:[^<>\"]|\"[^\"]*\")*>)")
_IMG_ALT_RE = re.compile(r"\balt=\"([^\"]*)\"")
_URL_TAIL_CHARS = ".,;:!?)]}'*"  # sentence punctuation after a URL is not part of it


_SEEK_HREF_RE = re.compile(r'href="([sS][eE][eE][kK]:[^"]*)"')


def _bad_seek(tag: str) -> bool:
    """True for an <a> whose seek: target is not a position (left as plain text)."""
    found = _SEEK_HREF_RE.search(tag)
    return found is not None and parse_seek_url(found.group(1)) is None


def _seek_link(match: re.Match[str]) -> str:
    return f'<a href="{SEEK_SCHEME}:{match_to_ms(match)}">{match.group(0)}</a>'


def _link_timestamps(text: str, out: list[str]) -> None:
    pos = 0
    for match in finditer_timestamps(text):
        out.append(text[pos : match.start()])
        out.append(_seek_link(match))
        pos = match.end()
    out.append(text[pos:])


def linkify_text(escaped: str) -> str:
    """Link plain URLs and timestamps in an HTML-escaped text node."""
    if ":" not in escaped and "：" not in escaped and "www." not in escaped.lower():
        return escaped
    out: list[str] = []
    pos = 0
    for start, end in url_spans(escaped):
        for stop in ("&quot;", "&lt;", "&gt;", "&#x27;", "&#39;"):
            cut = escaped.find(stop, start, end)
            if cut >= 0:
                end = cut
        end = start + len(escaped[start:end].rstrip(_URL_TAIL_CHARS))
        if end - start < 8:
            continue
        _link_timestamps(escaped[pos:start], out)
        target = escaped[start:end]
        href = target if "://" in target else "http://" + target
        out.append(f'<a href="{href}">{target}</a>')
        pos = end
    _link_timestamps(escaped[pos:], out)
    return "".join(out)


def _sanitize(fragment: str, keep_img: bool = False) -> str:
    tags = _TAGS | {"img"} if keep_img else _TAGS
    attrs = {**_ATTRS, "img": {"alt"}} if keep_img else _ATTRS
    return nh3.clean(
        fragment,
        tags=tags,
        clean_content_tags=_DROP_CONTENT - tags,
        attributes=attrs,
        url_schemes=_SCHEMES,
        strip_comments=True,
    )


def _linkify_html(clean: str) -> str:
    parts = _TAG_RE.split(clean)
    in_link = dead_links = 0
    for i, part in enumerate(parts):
        if i % 2:
            low = part[:4].lower()
            if low.startswith("<a "):
                if 'href="#' in part and i + 2 < len(parts) and parts[i + 2][:3] == "</a":
                    ms = parse_timestamp(html.unescape(parts[i + 1]))
                    if ms is not None:  # a host's in-page seek link: make it ours
                        parts[i] = f'<a href="{SEEK_SCHEME}:{ms}">'
                        parts[i + 1] = parts[i + 1].strip()
                    in_link += 1
                elif 'href="' in part and not _bad_seek(part):
                    in_link += 1
                else:  # link whose href was unsafe or no position: plain text now
                    parts[i] = ""
                    dead_links += 1
            elif low.startswith("</a"):
                if dead_links:
                    dead_links -= 1
                    parts[i] = ""
                else:
                    in_link = max(0, in_link - 1)
            elif low.startswith("<img"):
                alt = _IMG_ALT_RE.search(part)
                parts[i] = f"[{alt.group(1)}]" if alt and alt.group(1).strip() else ""
        elif part and not in_link:
            parts[i] = linkify_text(part)
    return "".join(parts)


def _bounded(notes: str) -> tuple[str, int]:
    """Notes HTML balanced and bounded (depth, tables, layout cost), only the tags the first pass keeps;
    and how many characters of ``notes`` that holds."""
    keep, attrs = _TAGS | {"img"}, {**_ATTRS, "img": {"alt"}}
    return bound_html(notes, keep, attrs, _DROP_CONTENT, MAX_DEPTH, MAX_LAYOUT_COST)


def render_notes_html(notes: str) -> str:
    """Safe HTML of the notes (QTextBrowser subset), timestamps linked as <a href="seek:MS">, an
    inline timeline shown one entry a line; bounded in size, depth, layout cost and links (see
    limits.py), with a line saying so when notes are cut."""
    if not isinstance(notes, str) or not notes or notes.isspace():  # (no copy of huge notes)
        return ""
    shown = shorten(notes, MAX_RENDER_CHARS)
    used = len(shown)
    try:
        if looks_like_html(shown):
            source = keep_line_breaks(shown)
            bounded, consumed = _bounded(source)
            if consumed < len(source):  # in characters of the notes, near enough
                used = len(shown) * consumed // len(source)
            body = _linkify_html(_sanitize(bounded, keep_img=True))
        else:
            text = shown.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
            lines = text.split("\n", MAX_RENDER_LINES)[:MAX_RENDER_LINES]
            if len(lines) == MAX_RENDER_LINES and len(text) > sum(map(len, lines)) + len(lines):
                used = sum(map(len, lines)) + len(lines)
            body = "<br>\n".join(linkify_text(html.escape(line)) for line in lines)
        starts = {chapter.start_ms for chapter in extract_chapters(shown)}
        body = _sanitize(break_timelines(_sanitize(body), starts))
        out = break_long_words(cap_links(body, MAX_LINKS))
    except Exception:  # last resort: escaped text, never an exception in the UI
        out = html.escape(shown[:used]).replace("\n", "<br>\n")
    if used < len(notes):
        out += shortened_note(used, len(notes))
    return out
