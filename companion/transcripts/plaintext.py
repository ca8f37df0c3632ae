"""Plain-text transcripts: paragraphs (or lines), a ``Name:`` speaker before them, and a time when the
paragraphs start with one (``[00:01:02] Name: text``, ``00:01 text``); else untimed."""

from __future__ import annotations

import re

from companion.transcripts.inline import join_pieces
from companion.transcripts.model import RawCue
from companion.transcripts.speakers import split_speaker
from companion.transcripts.timing import parse_time

_LEADING_TIME_RE = re.compile(
    r"[\[(]?(\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?)[\])]?\s*[-–—|]?\s*(.*)", re.DOTALL
)
_BLANK_RE = re.compile(r"\n[ \t\f\v]*\n")


def _paragraphs(text: str) -> list[str]:
    parts = [p for p in _BLANK_RE.split(text) if p.strip()]
    if len(parts) <= 1:
        parts = [line for line in text.split("\n") if line.strip()]
    return parts


def _leading_time(paragraph: str) -> tuple[int, str] | None:
    match = _LEADING_TIME_RE.match(paragraph.strip())
    if not match:
        return None
    ms = parse_time(match.group(1))
    return None if ms is None else (ms, match.group(2))


def parse_text(text: str, warnings: list[str]) -> tuple[list[RawCue], bool]:
    """The paragraphs as cues, and whether they are timed (most start with a time)."""
    paragraphs = _paragraphs(text)
    stamps = [_leading_time(p) for p in paragraphs]
    timed = bool(paragraphs) and sum(s is not None for s in stamps) >= 0.6 * len(paragraphs)
    raw: list[RawCue] = []
    start = 0
    for paragraph, stamp in zip(paragraphs, stamps, strict=True):
        body = paragraph
        if timed and stamp is not None:
            start, body = stamp
        body = join_pieces(body.split("\n"))
        speaker = ""
        found = split_speaker(body)
        if found:
            speaker, body = found
        if body:
            raw.append(RawCue(start if timed else 0, None if timed else 0, speaker, body))
    return raw, timed
