"""Generated long transcripts (a 3-hour show of 10,000 cues) for the benchmark and the parser's tests."""

from __future__ import annotations

import json

HOURS = 3.0
CUES = 10_000


def _stamp(ms: int, separator: str = ".") -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{separator}{ms % 1000:03d}"


def _lines(cues: int, hours: float):
    """(start, end, speaker, text) of each cue: two speakers, English and Chinese in turn."""
    step = int(hours * 3600 * 1000 / cues)
    for i in range(cues):
        speaker = "主持人" if i % 3 else "Guest Speaker"
        if i % 2:
            text = f"第{i}句：我们聊聊模型、数据和开源社区这些年的变化，还有它们对普通人意味着什么。"
        else:
            text = f"Sentence {i}, about models &amp; data, open source and what it means for the rest of us."
        yield i * step, i * step + step - 40, speaker, text


def long_vtt(cues: int = CUES, hours: float = HOURS) -> bytes:
    """A WebVTT file: numbered cues, settings after the timing, a voice span each, an entity in half."""
    out = ["WEBVTT", ""]
    for i, (start, end, speaker, text) in enumerate(_lines(cues, hours)):
        out += [str(i + 1), f"{_stamp(start)} --> {_stamp(end)} align:start", f"<v {speaker}>{text}", ""]
    return "\n".join(out).encode("utf-8")


def long_srt(cues: int = CUES, hours: float = HOURS) -> bytes:
    """An SRT file of the same cues: ``Name: text``, CRLF line ends."""
    out = []
    for i, (start, end, speaker, text) in enumerate(_lines(cues, hours)):
        out += [str(i + 1), f"{_stamp(start, ',')} --> {_stamp(end, ',')}", f"{speaker}: {text}", ""]
    return "\r\n".join(out).encode("utf-8")


def long_json(cues: int = CUES, hours: float = HOURS) -> bytes:
    """A Podcast Index JSON transcript of the same cues (sentence segments)."""
    segments = [
        {"speaker": speaker, "startTime": start / 1000, "endTime": end / 1000, "body": text}
        for start, end, speaker, text in _lines(cues, hours)
    ]
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False).encode("utf-8")


def word_json(words: int = 30_000, hours: float = HOURS) -> bytes:
    """A Podcast Index JSON transcript of one word a segment (what speech-to-text services write)."""
    step = hours * 3600 / words
    vocabulary = ["we", "talk", "about", "models", "and", "data", "today.", "我们", "聊", "模型", "。"]
    segments = [
        {"speaker": "A" if i // 40 % 2 else "B", "startTime": round(i * step, 3),
         "endTime": round(i * step + step * 0.8, 3), "body": vocabulary[i % len(vocabulary)]}
        for i in range(words)
    ]  # fmt: skip
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False).encode("utf-8")
