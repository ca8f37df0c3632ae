"""Cues written out as WebVTT (``<v Speaker>`` spans, escaped text) or SRT (``Speaker: text``), each cue's
text on one line."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from companion.transcripts.inline import TAG_RE as _TAG_RE
from companion.transcripts.inline import join_pieces
from companion.transcripts.model import Cue
from companion.transcripts.timing import TIMING_LIKE_RE


def _stamp(ms: int, separator: str) -> str:
    seconds, millis = divmod(max(0, ms), 1000)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    return f"{hours:02d}:{mins:02d}:{secs:02d}{separator}{millis:03d}"


def _one_line(text: str) -> str:
    """Cue text on one line (the parser's never has more; a blank line would end the cue)."""
    return join_pieces(text.splitlines())


def _not_a_timing(line: str) -> str:
    """An SRT text line that would read as a timing line (``5 --> 6``) with its arrows as ``→``."""
    return re.sub(r"-+>", "→", line) if TIMING_LIKE_RE.match(line) else line


def _escape(text: str) -> str:
    """Text the parser reads back as itself: ``&``, ``<``, ``>`` as entities, ``{\\`` (an SRT override)
    with its brace as one."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("{\\", "&#123;\\")


def _srt_text(text: str) -> str:
    """SRT has no escaping: text is written as it is unless it would read as markup (then escaped)."""
    if (
        "{\\" in text
        or ("<" in text and _TAG_RE.search(text))
        or ("&" in text and html.unescape(text) != text)
    ):
        return _escape(text)
    return text


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
        text = _srt_text(_one_line(cue.text))
        speaker = _srt_text(" ".join(cue.speaker.split()))
        text = f"{speaker}: {text}" if speaker else _not_a_timing(text)
        out += [str(number), f"{_stamp(cue.start_ms, ',')} --> {_stamp(cue.end_ms, ',')}", text, ""]
    return "\n".join(out)
