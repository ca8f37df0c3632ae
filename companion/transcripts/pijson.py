"""Podcast Index JSON transcripts: segments with speaker, start, end (maybe missing) and body; a
transcript of one word a segment is joined back into sentences."""

from __future__ import annotations

import json
import math
from typing import Any

from companion.transcripts.inline import CLOSE_RE, join_pieces, plain
from companion.transcripts.model import MAX_MS, RawCue
from companion.transcripts.timing import parse_time

SENTENCE_END = ".?!。？！…"
_STICKY = set(",.;:?!%)]}，。；：？！、）》」』")
PAUSE_MS = 1000  # a pause longer than this between words ends a sentence
MAX_CHARS = 160  # a joined cue is cut at the next word past this
MAX_CUE_MS = 20_000  # or past this long


def _seconds(value: Any) -> int | None:
    """Milliseconds of a JSON time: seconds as a number or a string (``"12.5"``, ``"00:00:12.500"``)."""
    if type(value) is float and 0 <= value < MAX_MS / 1000:  # the usual, quickly (NaN fails the test)
        return round(value * 1000)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value < 0 or value * 1000 > MAX_MS:
            return None
        return round(value * 1000)
    if isinstance(value, str):
        text = value.strip()
        try:
            return _seconds(float(text)) if ":" not in text else parse_time(text)
        except ValueError:
            return None
    return None


def _segments(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("segments", "Segments", "cues", "transcript"):
            if isinstance(document.get(key), list):
                return document[key]
    return None


def _word_like(cue: RawCue) -> bool:
    text = cue.text
    if " " in text:
        return False
    return len(text) <= 4 if CLOSE_RE.search(text) else len(text) <= 25


def _word_level(raw: list[RawCue]) -> bool:
    """True when the segments are words (most of the first 500 are one word each)."""
    sample = raw[:500]
    return len(sample) >= 2 and sum(map(_word_like, sample)) >= 0.8 * len(sample)


def parse_json(text: str, warnings: list[str]) -> list[RawCue]:
    """The cues of a Podcast Index JSON transcript, in file order; a bad segment is skipped and said."""
    try:
        segments = _segments(json.loads(text))
    except (ValueError, RecursionError):
        warnings.append("the file is not JSON")
        return []
    if segments is None:
        warnings.append('the JSON has no "segments" list')
        return []
    raw: list[RawCue] = []
    bad = 0
    speakers: dict[Any, str] = {}
    for segment in segments:
        if not isinstance(segment, dict):
            bad += 1
            continue
        start = _seconds(segment.get("startTime", segment.get("start")))
        body = segment.get("body", segment.get("text"))
        if start is None or not isinstance(body, str):
            bad += 1
            continue
        end = _seconds(segment.get("endTime", segment.get("end")))
        speaker = segment.get("speaker")
        if speaker in speakers:
            speaker = speakers[speaker]
        else:
            speaker = speakers[speaker] = plain(speaker) if isinstance(speaker, str) else ""
        body = plain(body)
        if body:
            raw.append(RawCue(start, end, speaker, body))
    if bad:
        warnings.append(f"{bad} segment(s) without a start time or a body skipped")
    if _word_level(raw):
        return join_words(raw)
    return raw


def _breaks(current: list[RawCue], chars: int, word: RawCue) -> bool:
    """True when ``word`` starts a new sentence after the words in ``current`` (``chars`` long)."""
    last = current[-1]
    if word.speaker != last.speaker or last.text[-1] in SENTENCE_END:
        return True
    gap_from = last.end_ms if last.end_ms is not None else last.start_ms
    if word.start_ms - gap_from > PAUSE_MS:
        return True
    return chars >= MAX_CHARS or word.start_ms - current[0].start_ms >= MAX_CUE_MS


def _joined(words: list[RawCue]) -> RawCue:
    pieces: list[str] = []
    for word in words:
        if pieces and (word.text[0] in _STICKY or word.text[0] == "'"):
            pieces[-1] += word.text  # punctuation and "'s" stick to the word before
        else:
            pieces.append(word.text)
    end = words[-1].end_ms
    return RawCue(words[0].start_ms, end, words[0].speaker, join_pieces(pieces))


def join_words(words: list[RawCue]) -> list[RawCue]:
    """Word segments joined into sentences: at sentence punctuation, a change of speaker, a pause over
    a second, or a cue grown past 160 characters or 20 s; Chinese and Japanese without spaces."""
    words = sorted(words, key=lambda w: w.start_ms)
    cues: list[RawCue] = []
    current: list[RawCue] = []
    chars = 0
    for word in words:
        if current and _breaks(current, chars, word):
            cues.append(_joined(current))
            current, chars = [], 0
        current.append(word)
        chars += len(word.text)
    if current:
        cues.append(_joined(current))
    return cues
