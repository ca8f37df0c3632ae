"""RSS/Atom feed bytes to a ParsedFeed, read the way other podcast apps read real feeds: mended, never refused
for one bad item, cut-off documents kept up to their last whole item."""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from typing import Any

from companion.domain import ParsedFeed, ParsedFunding, ParsedPerson, web_url_problem
from companion.feeds.errors import FeedError, WebPageError
from companion.feeds.handler import FeedHandler
from companion.feeds.items import NotesProcessor, make_episode
from companion.feeds.xmlrepair import repair_xml
from companion.feeds.xmlsafe import (
    TRUNCATION_CODES,
    UndefinedEntity,
    XmlError,
    decode_xml,
    looks_like_html,
    run_expat,
    to_utf8_xml,
)

log = logging.getLogger(__name__)

MAX_SKIPPED = 20  # items (or channel elements) skipped as not well-formed before the rest is given up


class _Reading:
    """One feed document read with as much recovery as peers give it; ``handler`` holds what was read."""

    def __init__(
        self,
        text: str,
        url: str,
        notes_processor: NotesProcessor | None,
        known_fingerprints: Collection[str],
        cancel: threading.Event | None,
    ) -> None:
        self.text, self.url = text, url
        self.notes_processor, self.known, self.cancel = notes_processor, known_fingerprints, cancel
        self.warnings: list[str] = []
        self.complete = True
        self.repaired = False
        self.document = self.original = to_utf8_xml(text)
        self.cuts: list[tuple[int, int]] = []  # (where, how many bytes) cut from the document, in order
        self.handler = self._read()

    def _new_handler(self) -> FeedHandler:
        notes = self.notes_processor() if self.notes_processor else None
        return FeedHandler(self.url, notes, self.known, self.cancel)

    def _line(self, index: int) -> int:
        """The line in the document as it came (before any cut) of ``index`` in the document now."""
        for where, size in reversed(self.cuts):
            if index >= where:
                index += size
        return self.original.count(b"\n", 0, index) + 1

    def _read(self) -> FeedHandler:
        while True:
            handler = self._new_handler()
            try:
                run_expat(self.document, handler, f"The feed {self.url}")
                return handler
            except (XmlError, UndefinedEntity) as problem:
                kept = self._recover(handler, problem)
            except BaseException:
                handler.notes.cancel()  # notes already sent to worker processes are dropped
                raise
            if kept:
                return handler
            handler.notes.cancel()

    def _recover(self, handler: FeedHandler, problem: XmlError | UndefinedEntity) -> bool:
        """Mend what ``problem`` shows: True to keep what ``handler`` read (the rest of the document is
        lost), False to read the mended document again; FeedError when nothing can be kept."""
        error = problem if isinstance(problem, XmlError) else None
        at_end = error is not None and error.code in TRUNCATION_CODES and not handler.ended
        if not self.repaired and not at_end:
            # stray '&', HTML entities, control characters...: mend them all and read again
            self.repaired = True
            self.document = self.original = to_utf8_xml(repair_xml(self.text))
            return False
        assert error is not None  # a repaired document has no undefined entity left
        line = self._line(error.index)
        unit = handler.unit
        if at_end:
            return self._keep(handler, f"it ends before it is complete (cut off at line {line})", error)
        broken = f"it is not well-formed XML from line {line} on ({error.message})"
        if unit is None or len(self.cuts) >= MAX_SKIPPED:
            return self._keep(handler, broken, error)
        start, name = unit
        closing = f"</{name}>".encode()
        end = self.document.find(closing, error.index)
        if end < 0:
            return self._keep(handler, broken, error)
        end += len(closing)
        what = "element" if not handler.in_item else "item"
        title = (handler.episodes[-1].get("title") or "").strip() if handler.in_item else ""
        label = f"{what} “{title}”" if title else f"the <{name}> {what}"
        message = (
            f"{self.url}: {label} at line {self._line(start)} is not well-formed XML ({error.message}, line "
            f"{line}) and was skipped"
        )
        log.warning("%s", message)
        self.warnings.append(message)
        self.complete = False  # the skipped item is still in the feed: it did not leave it
        self.cuts.append((start, end - start))
        self.document = self.document[:start] + self.document[end:]
        return False

    def _keep(self, handler: FeedHandler, why: str, error: XmlError) -> bool:
        """Keep the whole items read before the document broke off; FeedError when there are none."""
        if not handler.heads:
            if error.code in TRUNCATION_CODES:
                raise FeedError(f"{self.url} ended before the feed was complete ({error}).")
            raise FeedError(
                f"The feed {self.url} is not well-formed XML ({error}). The publisher has to fix it; the "
                "library was not changed."
            )
        count = len(handler.heads)
        message = (
            f"{self.url}: {why}; the {count} whole episode{'s' if count != 1 else ''} before that were "
            "read, and no episode is taken for gone"
        )
        log.warning("%s", message)
        self.warnings.append(message)
        self.complete = False
        return True


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

    What peers read is read: a stray ``&``, HTML entities, control characters are mended; an item
    that is not well-formed is skipped; a document that breaks off keeps its whole items. A bad part
    of an item (an enclosure that is not http(s), an address with a port that is not a number) costs
    that part. Each is named in ``warnings``, and the feed is then not ``complete`` (nothing left it).
    Setting ``cancel`` stops the parse (FetchCancelled).
    """
    if not data.strip():
        raise FeedError(f"{url} returned an empty document instead of a podcast feed.")
    try:
        return _parse(data, url, http_charset, known_fingerprints, notes_processor, cancel)
    except FeedError:
        raise
    except Exception as exc:  # a bug must not reach the listener as a traceback
        log.exception("reading the feed %s", url)
        raise FeedError(f"The feed {url} could not be read ({type(exc).__name__}: {exc}).") from exc


def _parse(
    data: bytes,
    url: str,
    http_charset: str | None,
    known_fingerprints: Collection[str],
    notes_processor: NotesProcessor | None,
    cancel: threading.Event | None,
) -> ParsedFeed:
    text = decode_xml(data, http_charset)
    if looks_like_html(text):
        raise WebPageError(
            f"{url} is a web page, not a podcast feed. Look on that page for the RSS or feed link "
            "and subscribe to that address instead.",
            text,
        )
    reading = _Reading(text, url, notes_processor, known_fingerprints, cancel)
    handler = reading.handler
    try:
        results = iter(handler.notes.results())
    except BaseException:
        handler.notes.cancel()
        raise
    base = handler.base if isinstance(handler.base, str) else url
    episodes = tuple(
        make_episode(head, None if head.unchanged else next(results), base) for head in handler.heads
    )
    data_ = handler.data
    image = data_.get("_image")
    locked = data_.get("locked")
    return ParsedFeed(
        title=(data_.get("title") or "").strip() or url,
        link=data_.get("link") or None,
        description=data_.get("description") or "",
        image_url=image[1] if image else None,
        episodes=episodes,
        new_url=_http_url(handler, "itunes:new-feed-url", data_.get("new_url")),
        next_page=_http_url(handler, "next page", data_.get("paged_feed_next")),
        complete=reading.complete,
        warnings=(*reading.warnings, *handler.warnings),
        podcast_guid=data_.get("podcast_guid") or None,
        locked=locked if isinstance(locked, bool) else None,
        locked_owner=data_.get("locked_owner"),
        funding=tuple(ParsedFunding(**entry) for entry in data_.get("_funding") or ()),
        persons=tuple(ParsedPerson(**entry) for entry in data_.get("_persons") or ()),
        author=(data_.get("itunes_author") or "").strip(),
    )


def _http_url(handler: FeedHandler, name: str, value: Any) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return None
    problem = web_url_problem(text)
    if problem:
        handler.warnings.append(f"{handler.url}: its {name} {text!r} is ignored ({problem})")
        log.warning("%s", handler.warnings[-1])
        return None
    return text
