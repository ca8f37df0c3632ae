"""Small feeds and OPML files written for the desktop tests."""

from __future__ import annotations

from xml.sax.saxutils import escape


def rss(title: str, episodes: list[str], base: str = "@BASE@") -> str:
    """An RSS 2.0 feed called ``title`` with one item per episode title (newest first)."""
    items = "".join(
        f"<item><title>{escape(name)}</title><guid isPermaLink='false'>{escape(title)}-{n}</guid>"
        f"<pubDate>Mon, 0{1 + n % 9} Jan 2024 10:00:00 +0000</pubDate>"
        f"<enclosure url='{base}/audio/{n}.mp3' length='4096' type='audio/mpeg'/>"
        f"<description>时间轴 00:00 开场 05:00 正题</description></item>"
        for n, name in enumerate(episodes)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://example.org/</link>"
        f"<description>For the desktop tests</description>{items}</channel></rss>\n"
    )


def opml(feeds: dict[str, str]) -> str:
    """An OPML 2.0 file listing ``feeds`` (title -> address)."""
    outlines = "".join(
        f'<outline type="rss" text="{escape(t)}" title="{escape(t)}" xmlUrl="{escape(u)}"/>'
        for t, u in feeds.items()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head/><body>{outlines}</body></opml>\n'
    )
