"""OPML subscription lists: read AntennaPod, Pocket Casts and gPodder exports (nested too), write our own."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from typing import Any
from xml import sax
from xml.sax.saxutils import quoteattr as _quoteattr

from companion.domain import OpmlOutline
from companion.feeds.errors import FeedError
from companion.feeds.xmlsafe import decode_xml, parse_safely, to_utf8_xml


class _OutlineHandler(sax.handler.ContentHandler):
    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self.root: str | None = None
        self.outlines: list[OpmlOutline] = []
        self.seen: set[str] = set()

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 (SAX API)
        local = name.rsplit(":", 1)[-1].lower()
        if self.root is None:
            self.root = local
            if local != "opml":
                raise FeedError(f"{self.source} is not an OPML file: its document is <{name}>.")
        if local != "outline":
            return
        # attribute names vary in case between apps (xmlUrl, xmlurl, XMLURL)
        lower = {k.lower(): v for k, v in attrs.items()}
        url = (lower.get("xmlurl") or "").strip()
        kind = (lower.get("type") or "rss").strip().lower()
        if not url or kind not in ("rss", "atom", "feed", "link", ""):
            return  # a folder (nested outlines follow) or something that is not a feed
        if url in self.seen:
            return
        self.seen.add(url)
        title = (lower.get("title") or lower.get("text") or "").strip()
        self.outlines.append(OpmlOutline(url, title, (lower.get("htmlurl") or "").strip() or None))


def parse_opml(data: bytes, source: str) -> list[OpmlOutline]:
    """The feeds listed in an OPML document (``source`` names it in errors), in file order, no duplicates."""
    text = decode_xml(data)
    if not text.strip():
        raise FeedError(f"{source} is empty, not an OPML file.")
    handler = _OutlineHandler(source)
    parse_safely(to_utf8_xml(text), handler, f"The OPML file {source}")
    return handler.outlines


def write_opml(outlines: Iterable[OpmlOutline], title: str = "Podcast Companion subscriptions") -> str:
    """An OPML 2.0 document other apps import: one ``outline type="rss"`` per feed."""
    created = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_escape(title)}</title>",
        f"    <dateCreated>{created}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for o in outlines:
        attrs = f"text={quoteattr(o.title or o.xml_url)} title={quoteattr(o.title or o.xml_url)}"
        attrs += f' type="rss" xmlUrl={quoteattr(o.xml_url)}'
        if o.html_url:
            attrs += f" htmlUrl={quoteattr(o.html_url)}"
        lines.append(f"    <outline {attrs} />")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


# characters XML 1.0 cannot hold at all (a title may carry them from a sloppy feed)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def quoteattr(text: str) -> str:
    """An XML attribute value, quoted, without the characters XML cannot hold."""
    return _quoteattr(_NOT_XML.sub("", text))


def _escape(text: str) -> str:
    return quoteattr(text)[1:-1]
