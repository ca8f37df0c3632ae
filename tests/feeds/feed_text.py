"""Small RSS documents written for tests: items with a guid, an enclosure and a show-notes timeline."""

from __future__ import annotations

ATOM = "http://www.w3.org/2005/Atom"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def rss(
    title: str,
    guids: list[str],
    head: str = "",
    notes: str = "00:00 开场 05:00 Topic {guid}",
    item_title: str = "{title} {guid}",
) -> str:
    """An RSS 2.0 feed (atom and itunes namespaces declared) with one item per guid; ``head`` goes
    into the channel before the items; ``notes`` and ``item_title`` may use {guid} and {title}."""
    items = "".join(
        f"<item><title>{item_title.format(title=title, guid=g)}</title>"
        f"<guid isPermaLink='false'>{g}</guid>"
        f"<enclosure url='https://cdn.example.org/{g}.mp3' type='audio/mpeg' length='1'/>"
        f"<description>{notes.format(title=title, guid=g)}</description></item>"
        for g in guids
    )
    return (
        f"<rss version='2.0' xmlns:atom='{ATOM}' xmlns:itunes='{ITUNES}'>"
        f"<channel><title>{title}</title>{head}{items}</channel></rss>"
    )
