"""Cues written out as WebVTT (``<v Speaker>`` spans, escaped text) or SRT (``Speaker: text``)."""

from __future__ import annotations

from collections.abc import Iterable

from companion.transcripts.model import Cue


def _stamp(ms: int, separator: str) -> str:
    seconds, millis = divmod(max(0, ms), 1000)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    return f"{hours:02d}:{mins:02d}:{secs:02d}{separator}{millis:03d}"


def _one_line(text: str) -> str:
    """Cue text on lines of its own, without blank lines or ``-->`` (which would end or start a cue)."""
    lines = [line.strip() for line in text.replace("-->", "->").splitlines()]
    return "\n".join(line for line in lines if line)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(cues: Iterable[Cue]) -> str:
    """A WebVTT file of ``cues``."""
    out = ["WEBVTT", ""]
    for cue in cues:
        text = _escape(_one_line(cue.text))
        speaker = _escape(" ".join(cue.speaker.split()))
        if speaker:
            text = f"<v {speaker}>{text}"
        out += [f"{_stamp(cue.start_ms, '.')} --> {_stamp(cue.end_ms, '.')}", text, ""]
    return "\n".join(out)


def to_srt(cues: Iterable[Cue]) -> str:
    """An SRT file of ``cues``, numbered from 1."""
    out: list[str] = []
    for number, cue in enumerate(cues, 1):
        text = _one_line(cue.text)
        speaker = " ".join(cue.speaker.split())
        if speaker:
            text = f"{speaker}: {text}"
        out += [str(number), f"{_stamp(cue.start_ms, ',')} --> {_stamp(cue.end_ms, ',')}", text, ""]
    return "\n".join(out)
