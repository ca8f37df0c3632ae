"""HTML transcripts as Podcast Index writes them: ``<cite>`` the speaker, ``<time>`` the start, ``<p>``
what is said; read as text only (nothing fetched or run, every tag dropped), in one linear pass."""

from __future__ import annotations

import html
import re

from companion.transcripts.inline import join_pieces
from companion.transcripts.model import MAX_MS, RawCue
from companion.transcripts.timing import parse_time

_BLOCKS = {"p", "li", "dd", "dt", "blockquote", "div", "tr", "td", "section", "article", "br", "hr"}
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "body"}
_HIDDEN = ("script", "style", "template", "head", "title", "noscript", "svg", "math", "textarea")
# a tag (its attributes hold no < or >, so every scan stops at the next one: linear on any input),
# a comment, or a declaration / processing instruction
_TOKEN_RE = re.compile(r"<(/?)([A-Za-z][\w:-]*)([^<>]*)>|<!--|<[!?][^<>]*>")
_DURATION_RE = re.compile(r"PT(?:(\d{1,4})H)?(?:(\d{1,6})M)?(?:(\d{1,9}(?:\.\d{1,9})?)S)?", re.IGNORECASE)
_DATETIME_RE = re.compile(r"""datetime\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


class _Reader:
    """Paragraphs with the speaker and the time last seen before them."""

    def __init__(self) -> None:
        self.paragraphs: list[tuple[int | None, str, str]] = []  # (start, speaker, text)
        self.speaker = ""
        self.start: int | None = None
        self.times_seen = 0
        self.text: list[str] = []

    def flush(self) -> None:
        text = join_pieces(self.text)
        self.text = []
        if text:
            self.paragraphs.append((self.start, self.speaker, text))

    def time(self, stamp: str) -> bool:
        """Takes ``stamp`` (``1:05``, ``00:01:05.5``, ``PT1M5.5S``) as the start of what follows."""
        stamp = stamp.strip()
        duration = _DURATION_RE.fullmatch(stamp)
        if duration:
            hours, minutes, seconds = (float(part) if part else 0.0 for part in duration.groups())
            ms: int | None = round(((hours * 60 + minutes) * 60 + seconds) * 1000)
        else:
            ms = parse_time(stamp)
        if ms is None or ms > MAX_MS:
            return False
        self.start, self.times_seen = ms, self.times_seen + 1
        return True


def _inner(text: str, lowered: str, position: int, tag: str) -> tuple[str, int]:
    """The text inside ``<tag>`` from ``position`` to its ``</tag>`` (tags in it dropped), and where
    reading goes on; an unclosed one ends at the next tag."""
    end = lowered.find(f"</{tag}", position, position + 2000)
    if end < 0:
        following = text.find("<", position)
        end = len(text) if following < 0 else following
        return html.unescape(text[position:end]), end
    inside = _TOKEN_RE.sub(" ", text[position:end])
    close = text.find(">", end)
    return html.unescape(inside), (len(text) if close < 0 else close + 1)


def _read(text: str, reader: _Reader) -> None:
    lowered = text.lower()
    position = 0
    while True:
        match = _TOKEN_RE.search(text, position)
        if match is None:
            reader.text.append(html.unescape(text[position:]))
            return
        reader.text.append(html.unescape(text[position : match.start()]))
        position = match.end()
        closing, name, attributes = match.group(1), (match.group(2) or "").lower(), match.group(3) or ""
        if match.group(0) == "<!--":
            end = text.find("-->", position)
            position = len(text) if end < 0 else end + 3
        elif not name:
            continue
        elif name in _HIDDEN and not closing:
            end = lowered.find(f"</{name}", position)
            position = len(text) if end < 0 else end
        elif name in ("cite", "time") and not closing:
            reader.flush()
            inner, position = _inner(text, lowered, position, name)
            if name == "cite":
                reader.speaker = join_pieces([inner]).rstrip(":：").strip()
            else:
                stamp = _DATETIME_RE.search(attributes)
                if not (stamp and reader.time(stamp.group(1))):
                    reader.time(inner)
        elif name in _BLOCKS:
            reader.flush()


def parse_html(text: str, warnings: list[str]) -> tuple[list[RawCue], bool]:
    """The paragraphs of an HTML transcript as cues, and whether any had a time (else all start 0)."""
    reader = _Reader()
    _read(text, reader)
    reader.flush()
    timed = reader.times_seen > 0
    raw = [
        RawCue((start or 0) if timed else 0, None if timed else 0, speaker, body)
        for start, speaker, body in reader.paragraphs
    ]
    return raw, timed
