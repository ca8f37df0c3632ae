"""Feed autodiscovery: the podcast feed links a web page declares (``<link rel="alternate">``)."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []  # (rank of the type, href) in document order

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name: (value or "") for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        href = values.get("href", "").strip()
        if "alternate" in rel and kind in _FEED_TYPES and href:
            self.links.append((_FEED_TYPES.index(kind), href))


def feed_links(page: str, page_url: str) -> list[str]:
    """The http(s) feed addresses a web page links to, RSS before Atom, each once, in page order.

    Only ``<link rel="alternate" type="application/rss+xml">`` (and Atom/XML) counts: that is how
    podcast sites name their feed; anchors in the text are not followed.
    """
    parser = _LinkParser()
    try:
        parser.feed(page[: 2 * 1024 * 1024])  # feed links sit in <head>
        parser.close()
    except Exception:  # HTMLParser is lenient; a page it cannot read has no links for us
        pass
    found: list[str] = []
    for _, href in sorted(parser.links, key=lambda link: link[0]):
        url = urljoin(page_url, href)
        if url.lower().startswith(("http://", "https://")) and url not in found:
            found.append(url)
    return found
