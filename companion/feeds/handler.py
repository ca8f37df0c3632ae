"""The expat handler that reads a feed's elements into podcastparser's dicts, item by item, fast."""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Collection
from typing import Any

import podcastparser

from companion.domain import web_url_problem
from companion.feeds.errors import FeedError, FetchCancelled
from companion.feeds.items import EpisodeHead, LocalBatch, NotesBatch, episode_head
from companion.feeds.targets import FIRST_ONLY, MAPPING, VALID_ROOTS, Namespace

log = logging.getLogger(__name__)

# Podcast feeds nest elements a handful of levels deep; each level costs memory (the parser keeps a
# path per open element), so a document nesting deeper than this is refused as it is read.
MAX_DEPTH = 256


def _start_tag(name: str, attrs: dict[str, str]) -> str:
    if not attrs:
        return f"<{name}>"
    pairs = "".join(f' {key}="{html.escape(value)}"' for key, value in attrs.items())
    return f"<{name}{pairs}>"


class FeedHandler(podcastparser.PodcastHandler):
    """podcastparser's handler driven by expat directly (``run_expat``), with our element mapping.

    Same work as podcastparser's, done with less of it per element (a feed of 2,000 items has
    16,000): an element without xmlns attributes shares its parent's namespace scope, each scope
    remembers how it mapped a tag name, and each element's path is its parent's plus its name.
    Markup inside a text element (XHTML, raw HTML in a description) is kept in its text; of a
    repeated title, description, guid or chapter list only the first counts.

    ``unit`` is the start (byte index, tag name) of the channel's child being read (an item, or an
    element of the channel itself): what a well-formedness error there costs.
    """

    def __init__(
        self,
        url: str,
        notes: NotesBatch | None = None,
        known_fingerprints: Collection[str] = (),
        cancel: threading.Event | None = None,
    ) -> None:
        super().__init__(url, 0)
        self.parser: Any = None  # the expat parser, set by run_expat (positions)
        self.cancel = cancel
        self.warnings: list[str] = []  # the parts of items that were skipped, one line each
        self._scopes: list[Namespace] = []
        self._paths: list[str] = []
        # each item, once read, goes to ``notes`` (which may process it while the parse goes on)
        self.notes = notes if notes is not None else LocalBatch()
        self.known_fingerprints = known_fingerprints
        self.heads: list[EpisodeHead] = []
        self._guids: set[str] = set()
        self._seen_channel: set[str] = set()
        self._seen_item: set[str] = set()
        self._skip = 0  # the depth of a repeated element being skipped with its content (0: none)
        self.unit_depth = 2  # rss/channel/<unit>; atom:feed/<unit> is 1
        self.unit: tuple[int, str] | None = None
        self.in_item = False
        self.ended = False  # the root element closed: the document is whole
        # what targets keep between an element's start and its end
        self.link_href = ""
        self.funding_url = ""
        self.person: dict[str, Any] = {}

    def add_episode(self) -> None:
        super().add_episode()
        episode = self.episodes[-1]
        episode["_psc"] = []
        episode["_transcripts"] = []
        episode["published"] = None
        self._seen_item = set()
        self.in_item = True

    def offer_image(self, podcast: bool, rank: int, url: str) -> None:
        """An image for the podcast or the current episode: the best ranked wins, the first of a rank."""
        owner = self.data if podcast else self.episodes[-1]
        current = owner.get("_image")
        if current is None or rank < current[0]:
            owner["_image"] = (rank, url)

    def warn(self, problem: str) -> None:
        """One part of the item being read is skipped: say which and why."""
        title = (self.episodes[-1].get("title") or "").strip() if self.in_item and self.episodes else ""
        where = f"{self.url}, item “{title or len(self.episodes)}”" if self.in_item else self.url
        message = f"{where}: {problem}"
        log.warning("%s", message)
        self.warnings.append(message)

    def validate_episode(self) -> None:
        self.in_item = False
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

    def on_start(self, name: str, attrs: dict[str, str]) -> None:
        """An element starts (expat's StartElementHandler)."""
        paths = self._paths
        depth = len(paths)
        if depth >= MAX_DEPTH:
            raise FeedError(
                f"The feed {self.url} nests its elements more than {MAX_DEPTH} levels deep (line "
                f"{self.parser.CurrentLineNumber}); no podcast feed does, and reading on could exhaust "
                "memory, so it was refused. Ask the publisher to fix the feed."
            )
        scope = self._scopes[-1] if self._scopes else None
        if scope is None or (attrs and any(key == "xmlns" or key.startswith("xmlns:") for key in attrs)):
            scope = Namespace(attrs, scope)
        full = scope.mapped.get(name)
        if full is None:
            full = scope.mapped[name] = scope.map(name)
        self._scopes.append(scope)
        self.namespace = scope
        if depth:
            path = f"{paths[-1]}/{full}"
        else:
            if full not in VALID_ROOTS:
                raise FeedError(f"{self.url} is not a podcast feed: its document is <{full.lstrip('!')}>.")
            path = full
            self.unit_depth = 2 if full == "rss" else 1
        paths.append(path)
        self.path_stack.append(full)
        if depth == self.unit_depth:
            self.unit = (self.parser.CurrentByteIndex, name)
        if self._skip:
            return
        target = MAPPING.get(path)
        if target is None:
            if self.text is not None:  # markup inside a text element: part of its text
                self.text.append(_start_tag(name, attrs))
            return
        if path in FIRST_ONLY:
            seen = self._seen_item if depth > self.unit_depth else self._seen_channel
            if path in seen:
                self._skip = depth + 1
                return
            seen.add(path)
        self._run(path, target.start, attrs)
        if target.WANT_TEXT:
            self.text = []

    def on_text(self, text: str) -> None:
        """Text (expat's CharacterDataHandler, in runs of up to 64 KB)."""
        if self.text is not None:
            self.text.append(text)

    def on_end(self, name: str) -> None:
        """An element ends (expat's EndElementHandler)."""
        paths = self._paths
        depth = len(paths)
        path = paths.pop()
        if self._skip:
            if depth == self._skip:
                self._skip = 0
        else:
            target = MAPPING.get(path)
            if target is not None:
                self._run(path, target.end, "".join(self.text) if self.text is not None else "")
                self.text = None
            elif self.text is not None:
                self.text.append(f"</{name}>")
        self._scopes.pop()
        self.namespace = self._scopes[-1] if self._scopes else None
        self.path_stack.pop()
        if depth == self.unit_depth + 1:
            self.unit = None
        elif depth == 1:
            self.ended = True
