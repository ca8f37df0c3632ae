"""RSS/Atom feed bytes to a ParsedFeed: podcastparser's fast SAX handler with its gaps closed."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from typing import Any

import podcastparser

from companion import shownotes
from companion.domain import ChapterSource
from companion.feeds.errors import FeedError, WebPageError
from companion.feeds.model import ParsedChapter, ParsedEpisode, ParsedFeed
from companion.feeds.timecodes import parse_clock_ms, parse_duration_ms
from companion.feeds.xmlsafe import decode_xml, looks_like_html, parse_safely, to_utf8_xml

PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
UNTITLED_CHAPTER = "Chapter {n}"


class _Namespace(podcastparser.Namespace):
    """podcastparser's namespace map plus the current Podcasting 2.0 URI (it only knows the GitHub one)."""

    NAMESPACES = {
        **podcastparser.Namespace.NAMESPACES,
        PODCAST_NAMESPACE: "podcast",
        PODCAST_NAMESPACE + "/": "podcast",
        "http://podcastindex.org/namespace/1.0": "podcast",
    }

    def __init__(self, attrs: Any, parent: podcastparser.Namespace | None = None) -> None:
        super().__init__(attrs, parent)
        self.mapped: dict[str, str] = {}  # tag names as written -> as mapped, in this scope


class _Duration(podcastparser.EpisodeAttr):
    """itunes:duration kept in ms, in all its forms (podcastparser keeps whole seconds of fewer forms)."""

    def end(self, handler: Any, text: str) -> None:
        handler.set_episode_attr("duration_ms", parse_duration_ms(text))


class _PodloveChapter(podcastparser.Target):
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


class _ChaptersUrl(podcastparser.Target):
    """podcast:chapters url, only when it is JSON chapters (the type we read)."""

    def start(self, handler: Any, attrs: Any) -> None:
        url = (attrs.get("url") or "").strip()
        kind = (attrs.get("type") or "application/json+chapters").lower()
        if url and "json" in kind:
            handler.set_episode_attr("chapters_json_url", url)


_MAPPING = {
    **podcastparser.MAPPING,
    "rss/channel/item/itunes:duration": _Duration("duration_ms"),
    "rss/channel/item/psc:chapters/psc:chapter": _PodloveChapter(),
    "atom:feed/atom:entry/psc:chapters/psc:chapter": _PodloveChapter(),
    "rss/channel/item/podcast:chapters": _ChaptersUrl(),
}
_VALID_ROOTS = {path.split("/")[0] for path in _MAPPING}


class _Handler(podcastparser.PodcastHandler):
    """podcastparser's handler with our namespace map and element mapping.

    Same work as podcastparser's, done with less of it per element (a feed of 2,000 items has
    16,000): an element without xmlns attributes shares its parent's namespace scope, each scope
    remembers how it mapped a tag name, and each element's path is its parent's plus its name.
    """

    def __init__(self, url: str, max_episodes: int) -> None:
        super().__init__(url, max_episodes)
        self._scopes: list[_Namespace] = []
        self._paths: list[str] = []

    def add_episode(self) -> None:
        super().add_episode()
        self.episodes[-1]["_psc"] = []

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 (SAX API)
        scope = self._scopes[-1] if self._scopes else None
        if scope is None or (
            attrs.getLength() and any(key == "xmlns" or key.startswith("xmlns:") for key in attrs.getNames())
        ):
            scope = _Namespace(attrs, scope)
        full = scope.mapped.get(name)
        if full is None:
            full = scope.mapped[name] = scope.map(name)
        self._scopes.append(scope)
        self.namespace = scope
        if not self._paths:
            if full not in _VALID_ROOTS:
                raise FeedError(f"{self.url} is not a podcast feed: its document is <{full.lstrip('!')}>.")
            path = full
        else:
            path = f"{self._paths[-1]}/{full}"
        self._paths.append(path)
        self.path_stack.append(full)
        target = _MAPPING.get(path)
        if target is not None:
            target.start(self, attrs)
            if target.WANT_TEXT:
                self.text = []

    def endElement(self, name: str) -> None:  # noqa: N802 (SAX API)
        target = _MAPPING.get(self._paths.pop())
        if target is not None:
            target.end(self, "".join(self.text) if self.text is not None else "")
            self.text = None
        self._scopes.pop()
        self.namespace = self._scopes[-1] if self._scopes else None
        self.path_stack.pop()


def chapters_with_titles(
    chapters: list[ParsedChapter] | tuple[ParsedChapter, ...],
) -> tuple[ParsedChapter, ...]:
    """Sorted by start, each untitled chapter given a placeholder title (``Chapter 3``)."""
    ordered = sorted(chapters, key=lambda c: c.start_ms)
    result = []
    for index, chapter in enumerate(ordered, start=1):
        if not chapter.title.strip():
            chapter = ParsedChapter(
                chapter.start_ms,
                UNTITLED_CHAPTER.format(n=index),
                chapter.section,
                chapter.end_ms,
                chapter.url,
                chapter.image_url,
                chapter.hidden,
            )
        result.append(chapter)
    return tuple(result)


NotesWork = tuple[str, int | None]  # (notes, duration_ms) of one item
NotesResult = tuple[str, tuple[tuple[int, str, str | None], ...]]  # (notes text, timeline)


def process_notes(items: list[NotesWork]) -> list[NotesResult]:
    """The slow part of parsing, per item: the notes' plain text and their timeline as plain tuples
    (a pure function of plain data, so it can run in another process)."""
    out: list[NotesResult] = []
    for notes, duration_ms in items:
        if not notes:
            out.append(("", ()))
            continue
        timeline = tuple(
            (e.start_ms, e.title, e.section) for e in shownotes.extract_chapters(notes, duration_ms)
        )
        out.append((shownotes.notes_to_text(notes), timeline))
    return out


def _raw_notes(raw: dict[str, Any]) -> str:
    return raw.get("description_html") or raw.get("description") or ""


def _episode(
    raw: dict[str, Any], known_fingerprints: Collection[str], processed: NotesResult | None = None
) -> ParsedEpisode:
    enclosures = raw.get("enclosures") or []
    audio = next(
        (e for e in enclosures if str(e.get("mime_type", "")).startswith(("audio/", "video/"))), None
    )
    audio = audio or (enclosures[0] if enclosures else None)
    notes = _raw_notes(raw)
    duration_ms = raw.get("duration_ms")
    published = raw.get("published") or None
    size = audio.get("file_size") if audio else None
    fields = (
        raw["guid"],
        raw.get("title") or "",
        audio["url"] if audio else None,
        raw.get("link") or None,
        duration_ms,
        published,
        notes,
        raw.get("chapters_json_url"),
        repr(raw.get("_psc")),
        raw.get("episode_art_url"),
    )
    fingerprint = hashlib.blake2b(repr(fields).encode("utf-8", "replace"), digest_size=16).hexdigest()
    title = (raw.get("title") or "").strip() or "(untitled episode)"
    if fingerprint in known_fingerprints:  # the slow part (notes, timeline) is skipped
        return ParsedEpisode(
            guid=raw["guid"],
            title=title,
            audio_url=audio["url"] if audio else None,
            chapters_url=raw.get("chapters_json_url"),
            fingerprint=fingerprint,
            unchanged=True,
        )
    notes_text, timeline = processed if processed is not None else process_notes([(notes, duration_ms)])[0]
    chapters: list[tuple[str, tuple[ParsedChapter, ...]]] = [
        (ChapterSource.SHOWNOTES.value, tuple(ParsedChapter(*entry) for entry in timeline)),
        (ChapterSource.PODLOVE.value, chapters_with_titles(raw.get("_psc") or [])),
    ]
    return ParsedEpisode(
        guid=raw["guid"],
        title=title,
        audio_url=audio["url"] if audio else None,
        audio_size=size if size and size > 0 else None,
        audio_type=audio.get("mime_type") if audio else None,
        link=raw.get("link") or None,
        duration_ms=duration_ms,
        published_at=published,
        notes=notes,
        notes_text=notes_text,
        image_url=raw.get("episode_art_url"),
        chapters_url=raw.get("chapters_json_url"),
        chapters=tuple(chapters),
        fingerprint=fingerprint,
    )


def parse_feed(
    data: bytes, url: str, http_charset: str | None = None, known_fingerprints: Collection[str] = ()
) -> ParsedFeed:
    """Parse feed bytes fetched from ``url``; FeedError naming the feed for anything that is not a feed.

    Items whose fingerprint is in ``known_fingerprints`` (already stored unchanged) come back as
    ``unchanged`` stubs without their notes being processed.
    """
    if not data.strip():
        raise FeedError(f"{url} returned an empty document instead of a podcast feed.")
    text = decode_xml(data, http_charset)
    if looks_like_html(text):
        raise WebPageError(
            f"{url} is a web page, not a podcast feed. Look on that page for the RSS or feed link "
            "and subscribe to that address instead.",
            text,
        )
    handler = _Handler(url, 0)
    parse_safely(to_utf8_xml(text), handler, f"The feed {url}")
    data_ = handler.data
    if "episodes" not in data_ or not handler.path_stack == []:
        raise FeedError(f"{url} ended before the feed was complete.")
    episodes = []
    seen: set[str] = set()
    for raw in data_.get("episodes", []):
        if raw["guid"] in seen:
            continue
        seen.add(raw["guid"])
        episodes.append(_episode(raw, known_fingerprints))
    return ParsedFeed(
        title=(data_.get("title") or "").strip() or url,
        link=data_.get("link") or None,
        description=data_.get("description") or "",
        image_url=data_.get("cover_url") or None,
        episodes=tuple(episodes),
        new_url=_http_url(data_.get("new_url")),
    )


def _http_url(value: object) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    return text if text.lower().startswith(("http://", "https://")) and " " not in text else None
