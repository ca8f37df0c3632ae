"""Show notes -> safe HTML for QTextBrowser with every timestamp a seek: link."""

from __future__ import annotations

import html
import re

import nh3

from .htmltext import looks_like_html
from .timestamps import SEEK_SCHEME, TIMESTAMP_RE, match_to_ms

_ALLOWED_TAGS = {
    "a", "b", "strong", "i", "em", "u", "s", "p", "br", "ul", "ol", "li", "h1", "h2", "h3",
    "h4", "h5", "h6", "blockquote", "pre", "code", "hr", "sub", "sup", "small", "table",
    "thead", "tbody", "tr", "td", "th", "div", "span",
}  # fmt: skip
_ALLOWED_ATTRS = {"a": {"href"}}
_SCHEMES = {"http", "https", "mailto", SEEK_SCHEME}
_TAG_RE = re.compile(r"(<(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>)")


def _link_timestamps(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        return f'<a href="{SEEK_SCHEME}:{match_to_ms(m)}">{m.group(0)}</a>'

    return TIMESTAMP_RE.sub(repl, text)


def _sanitize(fragment: str) -> str:
    return nh3.clean(fragment, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS, url_schemes=_SCHEMES)


def render_notes_html(notes: str) -> str:
    """Safe HTML of the notes with timestamps linked as <a href="seek:MS">."""
    if not isinstance(notes, str) or not notes:
        return ""
    if looks_like_html(notes):
        clean = _sanitize(notes)
    else:
        clean = html.escape(notes, quote=False).replace("\n", "<br>")
    parts = _TAG_RE.split(clean)
    in_link = 0
    for i, part in enumerate(parts):
        if i % 2:
            low = part.lower()
            if low.startswith("<a ") or low == "<a>":
                in_link += 1
            elif low.startswith("</a"):
                in_link = max(0, in_link - 1)
        elif part and not in_link:
            parts[i] = _link_timestamps(part)
    return _sanitize("".join(parts))
