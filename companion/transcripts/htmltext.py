"""HTML transcripts as Podcast Index writes them: ``<cite>`` the speaker, ``<time>`` the start, ``<p>``
what is said; read as text only (nothing fetched or run, every tag dropped)."""

from __future__ import annotations

from html.parser import HTMLParser

from companion.transcripts.inline import join_pieces
from companion.transcripts.model import RawCue
from companion.transcripts.timing import parse_time

_BLOCKS = {"p", "li", "dd", "blockquote", "div", "tr", "section", "article", "h1", "h2", "h3", "h4"}
_HIDDEN = {"script", "style", "template", "head", "title", "noscript", "svg", "math"}
MAX_DEPTH = 1000


class _Reader(HTMLParser):
    """Collects paragraphs with the speaker and time last seen before them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[int | None, str, str]] = []  # (start, speaker, text)
        self.speaker = ""
        self.start: int | None = None
        self.hidden = 0
        self.capture: str | None = None  # "cite" or "time" while inside one
        self.captured: list[str] = []
        self.text: list[str] = []
        self.times_seen = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in ("cite", "time") and not self.hidden:
            self.flush()
            self.capture, self.captured = tag, []
            if tag == "time":
                stamp = dict(attrs).get("datetime")
                if stamp and (ms := _time_of(stamp)) is not None:
                    self.start, self.times_seen = ms, self.times_seen + 1
                    self.capture = "time-done"
        elif tag in _BLOCKS or tag == "br":
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "cite" and self.capture == "cite":
            name = join_pieces(self.captured).rstrip(":：").strip()
            self.speaker, self.capture = name, None
        elif tag == "time" and self.capture in ("time", "time-done"):
            if self.capture == "time" and (ms := _time_of(join_pieces(self.captured))) is not None:
                self.start, self.times_seen = ms, self.times_seen + 1
            self.capture = None
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.capture in ("cite", "time"):
            self.captured.append(data)
        elif self.capture is None:
            self.text.append(data)

    def flush(self) -> None:
        text = join_pieces(self.text)
        self.text = []
        if text:
            self.paragraphs.append((self.start, self.speaker, text))


def _time_of(text: str) -> int | None:
    text = text.strip().removeprefix("PT")
    return parse_time(text)


def parse_html(text: str, warnings: list[str]) -> tuple[list[RawCue], bool]:
    """The paragraphs of an HTML transcript as cues, and whether any had a time (else all start 0)."""
    reader = _Reader()
    try:
        reader.feed(text)
        reader.close()
    except (AssertionError, ValueError, RecursionError):  # html.parser's own failures on broken markup
        warnings.append("the HTML breaks off: the paragraphs before the break are kept")
    reader.flush()
    timed = reader.times_seen > 0
    raw = [RawCue(start or 0 if timed else 0, None if timed else 0, speaker, body)
           for start, speaker, body in reader.paragraphs]  # fmt: skip
    return raw, timed
