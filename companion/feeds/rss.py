"""RSS/Atom feed bytes to a ParsedFeed: podcastparser's fast SAX handler with its gaps closed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from typing import Any

import podcastparser

from companion.domain import ParsedChapter, ParsedFeed, web_url_problem
from companion.feeds.errors import FeedError, FetchCancelled, WebPageError
from companion.feeds.items import (
    EpisodeHead,
    LocalBatch,
    NotesBatch,
    NotesProcessor,
    episode_head,
    make_episode,
)
from companion.feeds.timecodes import parse_clock_ms, parse_duration_ms
from companion.feeds.xmlsafe import decode_xml, looks_like_html, parse_safely, to_utf8_xml

log = logging.getLogger(__name__)

PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
# Podcast feeds nest elements a handful of levels deep; each level costs memory (the parser keeps a
# path per open element), so a document nesting deeper than this is refused as it is read.
MAX_DEPTH = 256


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

    def __init__(
        self,
        url: str,
        max_episodes: int,
        notes: NotesBatch | None = None,
        known_fingerprints: Collection[str] = (),
        cancel: threading.Event | None = None,
    ) -> None:
        super().__init__(url, max_episodes)
        self.cancel = cancel
        self.warnings: list[str] = []  # the parts of items that were skipped, one line each
        self._scopes: list[_Namespace] = []
        self._paths: list[str] = []
        # each item, once read, goes to ``notes`` (which may process it while the parse goes on)
        self.notes = notes if notes is not None else LocalBatch()
        self.known_fingerprints = known_fingerprints
        self.heads: list[EpisodeHead] = []
        self._guids: set[str] = set()

    def add_episode(self) -> None:
        super().add_episode()
        self.episodes[-1]["_psc"] = []

    def warn(self, problem: str) -> None:
        """One part of the item being read is skipped: say which and why."""
        inside = self.episodes and any(p in ("item", "atom:entry") for p in self.path_stack[:3])
        title = (self.episodes[-1].get("title") or "").strip() if inside else ""
        where = f"{self.url}, item “{title or len(self.episodes)}”" if inside else self.url
        message = f"{where}: {problem}"
        log.warning("%s", message)
        self.warnings.append(message)

    def validate_episode(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise FetchCancelled(f"Stopped reading the feed {self.url}.")
        count = len(self.episodes)
        super().validate_episode()  # may drop the item (no guid and no single enclosure)
        if len(self.episodes) == count and self.episodes[-1]["guid"] not in self._guids:
            raw = self.episodes[-1]
            self._check_enclosures(raw)
            self._guids.add(raw["guid"])  # a repeated guid: the first item wins
            head = episode_head(raw, self.known_fingerprints)
            self.heads.append(head)
            if not head.unchanged:
                self.notes.add(head.work)

    def _check_enclosures(self, raw: dict[str, Any]) -> None:
        """Only http(s) audio from a feed: any other enclosure (file:, ftp:, javascript:, a bad port)
        is dropped with a warning; the item stays, without that audio."""
        kept = []
        for enclosure in raw.get("enclosures") or []:
            problem = web_url_problem(enclosure.get("url"))
            if problem is None:
                kept.append(enclosure)
            else:
                title = (raw.get("title") or "").strip() or raw["guid"]
                address = enclosure.get("url")
                message = f"{self.url}, item “{title}”: its audio address {address!r} was refused ({problem})"
                log.warning("%s", message)
                self.warnings.append(message)
        raw["enclosures"] = kept

    def _run(self, path: str, step: Any, *args: Any) -> None:
        """One element's part of the item (a target's start or end): a failure costs that part only."""
        try:
            step(self, *args)
        except (FeedError, RecursionError, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 (an address urllib cannot parse, a value it chokes on...)
            self.warn(f"its <{path.rsplit('/', 1)[-1]}> was skipped ({exc})")

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 (SAX API)
        if len(self._paths) >= MAX_DEPTH:
            line = self._locator.getLineNumber() if self._locator else "?"
            raise FeedError(
                f"The feed {self.url} nests its elements more than {MAX_DEPTH} levels deep (line {line}); "
                "no podcast feed does, and reading on could exhaust memory, so it was refused. Ask the "
                "publisher to fix the feed."
            )
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
            self._run(path, target.start, attrs)
            if target.WANT_TEXT:
                self.text = []

    def endElement(self, name: str) -> None:  # noqa: N802 (SAX API)
        path = self._paths.pop()
        target = _MAPPING.get(path)
        if target is not None:
            self._run(path, target.end, "".join(self.text) if self.text is not None else "")
            self.text = None
        self._scopes.pop()
        self.namespace = self._scopes[-1] if self._scopes else None
        self.path_stack.pop()


def parse_feed(
    data: bytes,
    url: str,
    http_charset: str | None = None,
    known_fingerprints: Collection[str] = (),
    notes_processor: NotesProcessor | None = None,
    cancel: threading.Event | None = None,
) -> ParsedFeed:
    """Parse feed bytes fetched from ``url``; FeedError naming the feed for anything that is not a feed.

    Items whose fingerprint is in ``known_fingerprints`` (already stored unchanged) come back as
    ``unchanged`` stubs without their notes being processed. ``notes_processor`` gives the batch that
    processes the others' notes (timelines, search text) as they are read (NotesWorkers.batch: on
    every core, while the parse goes on); by default they are processed here at the end.

    A bad part of an item (an enclosure that is not http(s), an address with a port that is not a
    number) costs that part, not the feed: it is skipped and named in ``warnings``. Setting
    ``cancel`` stops the parse (FetchCancelled).
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
    handler = _Handler(url, 0, notes_processor() if notes_processor else None, known_fingerprints, cancel)
    try:
        parse_safely(to_utf8_xml(text), handler, f"The feed {url}")
        if "episodes" not in handler.data or not handler.path_stack == []:
            raise FeedError(f"{url} ended before the feed was complete.")
    except BaseException:
        handler.notes.cancel()  # notes already sent to worker processes are dropped
        raise
    data_ = handler.data
    results = iter(handler.notes.results())
    episodes = tuple(make_episode(head, None if head.unchanged else next(results)) for head in handler.heads)
    return ParsedFeed(
        title=(data_.get("title") or "").strip() or url,
        link=data_.get("link") or None,
        description=data_.get("description") or "",
        image_url=data_.get("cover_url") or None,
        episodes=episodes,
        new_url=_http_url(handler, "itunes:new-feed-url", data_.get("new_url")),
        next_page=_http_url(handler, "next page", data_.get("paged_feed_next")),
        warnings=tuple(handler.warnings),
    )


def _http_url(handler: _Handler, name: str, value: object) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return None
    problem = web_url_problem(text)
    if problem:
        handler.warnings.append(f"{handler.url}: its {name} {text!r} is ignored ({problem})")
        log.warning("%s", handler.warnings[-1])
        return None
    return text
