"""What each feed element means: podcastparser's element targets, with dates, images, people, transcripts."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import podcastparser

from companion.domain import ParsedChapter
from companion.feeds.dates import parse_date
from companion.feeds.timecodes import parse_clock_ms, parse_duration_ms

PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
# Default namespaces that mean plain RSS: Userland's and Harvard's old RSS 2.0 URIs, and none at all.
RSS_NAMESPACES = frozenset(
    (
        "",
        "http://backend.userland.com/rss2",
        "http://backend.userland.com/rss2/",
        "http://backend.userland.com/rss",
        "http://blogs.law.harvard.edu/tech/rss",
        "http://blogs.law.harvard.edu/tech/rss/",
        "http://purl.org/rss/2.0/",
    )
)


_KNOWN_PREFIXES = frozenset(("itunes", "podcast", "psc", "media", "content", "atom", "dc"))


class Namespace(podcastparser.Namespace):
    """podcastparser's namespace map plus the current Podcasting 2.0 URI, Dublin Core, Atom 0.3, and
    plain RSS for an empty or old Userland default namespace (podcastparser makes ``None:title`` of
    those)."""

    NAMESPACES = {
        **podcastparser.Namespace.NAMESPACES,
        PODCAST_NAMESPACE: "podcast",
        PODCAST_NAMESPACE + "/": "podcast",
        "http://podcastindex.org/namespace/1.0": "podcast",
        "http://purl.org/dc/elements/1.1/": "dc",
        "http://purl.org/atom/ns#": "atom",
    }

    def __init__(self, attrs: Any, parent: podcastparser.Namespace | None = None) -> None:
        super().__init__(attrs, parent)
        self.mapped: dict[str, str] = {}  # tag names as written -> as mapped, in this scope

    def map(self, name: str) -> str:
        """``name`` with its prefix as the mapping spells it (``itunes:duration``); an unprefixed
        name in no namespace, an unknown one or an old RSS one is the plain name."""
        if ":" not in name:
            uri = self.lookup("")
            prefix = self.NAMESPACES.get(uri) if uri is not None else None
            return name if prefix is None else f"{prefix}:{name}"
        mapped = super().map(name)
        if mapped[0] == "!" and name.split(":", 1)[0] in _KNOWN_PREFIXES:
            return mapped[1:]  # xmlns:itunes="https://www.itunes.com/..." (a misspelt URI): still iTunes
        return mapped


def _join(handler: Any, value: str) -> str:
    """``value`` resolved against the feed's base; as it is when urllib cannot parse it."""
    try:
        return urljoin(handler.base, value)
    except ValueError:
        return value


def _positive(text: str, kind: type = int) -> int | float | None:
    try:
        value = kind(text.strip())
    except ValueError:
        return None
    if value != value or value <= 0 or value > 1_000_000:  # NaN, zero, negative, absurd
        return None
    return int(value) if float(value).is_integer() else value


# An absolute address that urljoin and podcastparser's normalizing give back unchanged: most enclosures.
_PLAIN_URL_RE = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]{1,5})?/[^\s?#;\\%]*")


class Enclosure(podcastparser.Enclosure):
    """enclosure and media:content, as podcastparser reads them, a plain absolute address faster."""

    def start(self, handler: Any, attrs: Any) -> None:
        url = attrs.get("url")
        if url is None:
            return
        url = url.lstrip()
        if _PLAIN_URL_RE.fullmatch(url) is None:
            url = podcastparser.parse_url(urljoin(handler.base, url))
        file_size = podcastparser.parse_length(attrs.get(self.file_size_attribute))
        handler.add_enclosure(url, file_size, podcastparser.parse_type(attrs.get("type")))


class Container(podcastparser.Target):
    """rss/channel and atom:feed: nothing to do (podcastparser sorts items here; we keep feed order)."""


class Duration(podcastparser.EpisodeAttr):
    """itunes:duration kept in ms, in all its forms (podcastparser keeps whole seconds of fewer forms)."""

    def end(self, handler: Any, text: str) -> None:
        handler.set_episode_attr("duration_ms", parse_duration_ms(text))


class Date(podcastparser.Target):
    """pubDate, dc:date, atom:published/updated as UTC seconds (None: not a date)."""

    WANT_TEXT = True

    def end(self, handler: Any, text: str) -> None:
        if not self.overwrite and handler.get_episode_attr(self.key) is not None:
            return
        value = parse_date(text)
        if value is not None or handler.get_episode_attr(self.key) is None:
            handler.set_episode_attr(self.key, value)


class Guid(podcastparser.EpisodeAttr):
    """guid: a permalink resolved against the base, kept as written when urllib cannot parse it."""

    def start(self, handler: Any, attrs: Any) -> None:
        handler.set_episode_attr("_guid_is_permalink", attrs.get("isPermaLink", "true").lower() == "true")

    def end(self, handler: Any, text: str) -> None:
        guid = text.strip()
        if guid and handler.get_episode_attr("_guid_is_permalink"):
            guid = _join(handler, guid)
        if guid:
            handler.set_episode_attr("guid", guid)


class Link(podcastparser.Target):
    """<link> of the channel or an item: its text, or its href (``<link href="..."/>``); an empty one
    says nothing (podcastparser makes the feed's own address of it)."""

    WANT_TEXT = True

    def __init__(self, podcast: bool) -> None:
        super().__init__("link")
        self.podcast = podcast

    def start(self, handler: Any, attrs: Any) -> None:
        handler.link_href = (attrs.get("href") or "").strip()

    def end(self, handler: Any, text: str) -> None:
        value = text.strip() or handler.link_href
        if not value:
            return
        value = _join(handler, value)
        if self.podcast:
            handler.set_podcast_attr("link", value)
        else:
            handler.set_episode_attr("link", value)


class Image(podcastparser.Target):
    """An image of the podcast or an episode, ranked: podcast:image, then itunes:image (its href or
    its text), then RSS image/url, then Atom logo and icon (media:thumbnail for an episode)."""

    WANT_TEXT = True

    def __init__(self, podcast: bool, rank: int, attribute: str | None = "href", text: bool = False) -> None:
        super().__init__("image")
        self.podcast, self.rank, self.attribute, self.text = podcast, rank, attribute, text

    def start(self, handler: Any, attrs: Any) -> None:
        value = (attrs.get(self.attribute) or "").strip() if self.attribute else ""
        if value:
            handler.offer_image(self.podcast, self.rank, _join(handler, value))

    def end(self, handler: Any, text: str) -> None:
        if self.text and text.strip():
            handler.offer_image(self.podcast, self.rank, _join(handler, text.strip()))


class Number(podcastparser.Target):
    """A season or episode number (a positive number; Podcasting 2.0 allows 1.5), with the name the
    podcast:season/podcast:episode element gives it."""

    WANT_TEXT = True

    def __init__(self, key: str, kind: type = int, label: str | None = None) -> None:
        super().__init__(key)
        self.kind, self.label = kind, label

    def start(self, handler: Any, attrs: Any) -> None:
        if self.label:
            name = (attrs.get(self.label) or "").strip()
            if name:
                handler.set_episode_attr(f"{self.key}_name", name)

    def end(self, handler: Any, text: str) -> None:
        value = _positive(text, self.kind)
        if value is not None and handler.get_episode_attr(self.key) is None:
            handler.set_episode_attr(self.key, value)


class Transcript(podcastparser.Target):
    """podcast:transcript: every one, with its type, language and rel."""

    def start(self, handler: Any, attrs: Any) -> None:
        url = (attrs.get("url") or "").strip()
        if url:
            entry = {key: (attrs.get(key) or "").strip() or None for key in ("type", "language", "rel")}
            handler.get_episode_attr("_transcripts").append({"url": _join(handler, url), **entry})


class Person(podcastparser.Target):
    """podcast:person of the podcast or an episode: name, role and group (host and cast by default),
    href and img."""

    WANT_TEXT = True

    def __init__(self, podcast: bool) -> None:
        super().__init__("persons")
        self.podcast = podcast

    def start(self, handler: Any, attrs: Any) -> None:
        handler.person = {
            "role": (attrs.get("role") or "host").strip().lower(),
            "group": (attrs.get("group") or "cast").strip().lower(),
            "href": (attrs.get("href") or "").strip() or None,
            "img": (attrs.get("img") or "").strip() or None,
        }

    def end(self, handler: Any, text: str) -> None:
        name = " ".join(text.split())
        if name:
            owner = handler.data if self.podcast else handler.episodes[-1]
            owner.setdefault("_persons", []).append({"name": name, **handler.person})


class Funding(podcastparser.Target):
    """podcast:funding: every one, its address and what it says."""

    WANT_TEXT = True

    def start(self, handler: Any, attrs: Any) -> None:
        handler.funding_url = (attrs.get("url") or "").strip()

    def end(self, handler: Any, text: str) -> None:
        if handler.funding_url:
            entry = {"url": _join(handler, handler.funding_url), "title": " ".join(text.split()) or None}
            handler.data.setdefault("_funding", []).append(entry)


class Locked(podcastparser.Target):
    """podcast:locked: yes or no (and who owns it)."""

    WANT_TEXT = True

    def start(self, handler: Any, attrs: Any) -> None:
        owner = (attrs.get("owner") or "").strip()
        if owner:
            handler.set_podcast_attr("locked_owner", owner)

    def end(self, handler: Any, text: str) -> None:
        value = text.strip().lower()
        if value in ("yes", "true", "no", "false"):
            handler.set_podcast_attr("locked", value in ("yes", "true"))


class PodloveChapter(podcastparser.Target):
    """psc:chapter with its milliseconds, and kept even without a title (podcastparser drops both)."""

    def start(self, handler: Any, attrs: Any) -> None:
        start_ms = parse_clock_ms(attrs.get("start"))
        if start_ms is None:
            return
        chapters = handler.get_episode_attr("_psc")
        chapters.append(
            ParsedChapter(
                start_ms=start_ms,
                title=(attrs.get("title") or "").strip(),
                url=attrs.get("href") or None,
                image_url=attrs.get("image") or None,
            )
        )


class ChaptersUrl(podcastparser.Target):
    """podcast:chapters url, only when it is JSON chapters (the type we read)."""

    def start(self, handler: Any, attrs: Any) -> None:
        url = (attrs.get("url") or "").strip()
        kind = (attrs.get("type") or "application/json+chapters").lower()
        if url and "json" in kind and handler.get_episode_attr("chapters_json_url") is None:
            handler.set_episode_attr("chapters_json_url", url)


_ITEM = "rss/channel/item"
_ENTRY = "atom:feed/atom:entry"
MAPPING: dict[str, podcastparser.Target] = {
    **podcastparser.MAPPING,
    "rss/channel": Container(),
    "atom:feed": Container(),
    "rss/channel/link": Link(podcast=True),
    "rss/channel/image/url": Image(True, 2, None, text=True),
    "rss/channel/itunes:image": Image(True, 1, text=True),
    "rss/channel/podcast:image": Image(True, 0),
    "atom:feed/atom:logo": Image(True, 3, None, text=True),
    "atom:feed/atom:icon": Image(True, 4, None, text=True),
    "rss/channel/podcast:person": Person(podcast=True),
    "rss/channel/podcast:funding": Funding(),
    "rss/channel/podcast:locked": Locked(),
    "rss/channel/podcast:guid": podcastparser.PodcastAttr("podcast_guid", podcastparser.squash_whitespace),
    f"{_ITEM}/guid": Guid("guid"),
    f"{_ITEM}/enclosure": Enclosure("length"),
    f"{_ITEM}/media:content": Enclosure("fileSize"),
    f"{_ITEM}/media:group/media:content": Enclosure("fileSize"),
    f"{_ITEM}/link": Link(podcast=False),
    f"{_ITEM}/itunes:duration": Duration("duration_ms"),
    f"{_ITEM}/pubDate": Date("published"),
    f"{_ITEM}/dc:date": Date("published", overwrite=False),
    f"{_ITEM}/itunes:title": podcastparser.EpisodeAttr("itunes_title", podcastparser.squash_whitespace),
    f"{_ITEM}/itunes:season": Number("itunes_season"),
    f"{_ITEM}/itunes:episode": Number("itunes_episode"),
    f"{_ITEM}/podcast:season": Number("season", label="name"),
    f"{_ITEM}/podcast:episode": Number("episode", float, label="display"),
    f"{_ITEM}/podcast:image": Image(False, 0),
    f"{_ITEM}/itunes:image": Image(False, 1, text=True),
    f"{_ITEM}/media:thumbnail": Image(False, 2, "url"),
    f"{_ITEM}/media:group/media:thumbnail": Image(False, 2, "url"),
    f"{_ITEM}/podcast:transcript": Transcript(),
    f"{_ITEM}/podcast:person": Person(podcast=False),
    f"{_ITEM}/psc:chapters/psc:chapter": PodloveChapter(),
    f"{_ITEM}/podcast:chapters": ChaptersUrl(),
    f"{_ENTRY}/atom:published": Date("published"),
    f"{_ENTRY}/atom:updated": Date("published", overwrite=False),
    f"{_ENTRY}/media:thumbnail": Image(False, 2, "url"),
    f"{_ENTRY}/media:group/media:thumbnail": Image(False, 2, "url"),
    f"{_ENTRY}/psc:chapters/psc:chapter": PodloveChapter(),
}
VALID_ROOTS = frozenset(path.split("/")[0] for path in MAPPING)
# Elements of which only the first counts, as peers read them (the Podlove spec says so of its
# chapters): a repeated one is skipped with everything inside it.
FIRST_ONLY = frozenset(
    (
        "rss/channel/title",
        "rss/channel/link",
        "rss/channel/description",
        f"{_ITEM}/title",
        f"{_ITEM}/link",
        f"{_ITEM}/guid",
        f"{_ITEM}/description",
        f"{_ITEM}/content:encoded",
        f"{_ITEM}/pubDate",
        f"{_ITEM}/itunes:duration",
        f"{_ITEM}/itunes:title",
        f"{_ITEM}/itunes:episodeType",
        f"{_ITEM}/psc:chapters",
        f"{_ITEM}/podcast:chapters",
        "atom:feed/atom:title",
        f"{_ENTRY}/atom:title",
        f"{_ENTRY}/atom:id",
        f"{_ENTRY}/atom:content",
        f"{_ENTRY}/psc:chapters",
    )
)
