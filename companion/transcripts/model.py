"""A transcript's records (a cue, a parsed transcript) and the one rule that tidies a list of cues."""

from __future__ import annotations

from dataclasses import dataclass

MAX_MS = 1000 * 3600 * 1000  # a time past 1,000 hours is no time in a podcast
MAX_CUES = 200_000  # a 10-hour show cut into words joined back is well under this


@dataclass(frozen=True, slots=True)
class Cue:
    """One stretch of the transcript: its start and end in milliseconds, who speaks ('' when the
    transcript does not say) and what is said (plain text, one line, never empty)."""

    start_ms: int
    end_ms: int
    speaker: str
    text: str


@dataclass(frozen=True, slots=True)
class ParsedTranscript:
    """The cues read from one transcript file, sorted by start; ``format`` is the kind that was read
    (``vtt``, ``srt``, ``json``, ``html``, ``text``, or ``''`` when nothing could be); ``warnings``
    says in one line each what was skipped or guessed; ``timed`` is False for paragraphs without times
    (every start and end 0)."""

    cues: tuple[Cue, ...]
    format: str
    warnings: tuple[str, ...] = ()
    timed: bool = True


@dataclass(slots=True)
class RawCue:
    """A cue as a parser found it: the end may be missing (None) and is worked out by ``finish``."""

    start_ms: int
    end_ms: int | None
    speaker: str
    text: str


def _estimate_ms(text: str) -> int:
    """How long the last cue of a transcript without its end lasts: reading speed, 1 to 10 s."""
    return max(1000, min(10_000, 60 * len(text)))


def finish(raw: list[RawCue], warnings: list[str]) -> tuple[Cue, ...]:
    """The cues sorted by start (stable), without empty text, every end at or after its start: a
    missing or backward end becomes the next later start (or a reading-time estimate for the last)."""
    kept = [c for c in raw if c.text and 0 <= c.start_ms <= MAX_MS]
    if len(kept) < len(raw):
        dropped = sum(1 for c in raw if c.text) - len(kept)
        if dropped:
            warnings.append(f"{dropped} cue(s) with a time past 1,000 hours skipped")
    kept.sort(key=lambda c: c.start_ms)
    if len(kept) > MAX_CUES:
        warnings.append(f"only the first {MAX_CUES:,} cues kept of {len(kept):,}")
        del kept[MAX_CUES:]
    backward = 0
    cues: list[Cue] = []
    later: int | None = None  # the nearest start after this cue's (equal starts share their end)
    following: int | None = None  # the start of the cue just after this one
    for cue in reversed(kept):
        start, end = cue.start_ms, cue.end_ms
        if following is not None and following > start:
            later = following
        following = start
        if end is None or end < start:
            backward += end is not None
            end = later if later is not None else start + _estimate_ms(cue.text)
        if end > MAX_MS:
            end = MAX_MS
        cues.append(Cue(start, end, cue.speaker, cue.text))
    if backward:
        warnings.append(f"{backward} cue(s) ending before they start: their end is the next cue's start")
    cues.reverse()
    return tuple(cues)
