"""WebVTT and SRT, leniently: blocks of lines, each cue found by its timing line wherever it is.

A line with a timing (``start --> end``, bare seconds, a comma or a point before the milliseconds,
hours past 99, settings after it) starts a cue, even without the blank line before it; a line that
looks like a timing but is none skips its cue (said in the warnings) and never joins the one before.
NOTE, STYLE and REGION blocks and the header are left out; a missing ``WEBVTT`` header is no error.
"""

from __future__ import annotations

import re

from companion.transcripts.inline import ONE_VOICE_RE, join_pieces, plain, voiced
from companion.transcripts.model import RawCue
from companion.transcripts.speakers import split_speaker
from companion.transcripts.timing import TIMING_LIKE_RE, parse_timing

_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION", "WEBVTT", "X-TIMESTAMP")
_VOICE_TAG_RE = re.compile(r"<v[\s.>][^<>]*>", re.IGNORECASE)
_STAMP = r"(\d{2,7}):([0-5]\d):([0-5]\d)[.,](\d{3})"
_USUAL_CUE_RE = re.compile(
    r"(?:(?![^\n]*->)[^\n]*\n)?"  # an id (no timing)
    rf"{_STAMP} --> {_STAMP}(?:[ \t][^\n]*)?\n"  # the timing, settings after it
    r"(?![^\n]*->)(?:<v(?:\.[^\s<>]*)?[ \t]+([^<>\n]*)>)?([^<>\n]*)(?:</v>)?[ \t]*\n?"  # one line of text
)
_SKIPPED_STARTS = set("NSRWX\ufeff \t")
_BLANK_RE = re.compile(r"\n[ \t\f\v]*\n")


def _skipped(first: str) -> bool:
    if first[:1] not in _SKIPPED_STARTS:
        return False
    head = first.lstrip("\ufeff").strip()
    return any(head == w or (head.startswith(w) and head[len(w)] in " \t") for w in _SKIPPED_BLOCKS)


def _cues_of(block: list[str], raw: list[RawCue], broken: list[str], colon_speakers: bool) -> int:
    """The cues of one block into ``raw``; returns how many lines of the block were left out."""
    timing: tuple[int, int | None] | None = None
    text: list[str] = []
    skipping = False
    left_out = 0

    def close() -> None:
        if timing is not None:
            _add(raw, timing, text, colon_speakers)

    for index, line in enumerate(block):
        if "->" in line:
            found = parse_timing(line)
            if found is not None:
                if timing is not None and text and text[-1].strip().isdigit():
                    text.pop()  # the next cue's number, its blank line missing
                close()
                timing, text, skipping = found, [], False
                continue
            if TIMING_LIKE_RE.match(line):
                close()
                broken.append(line.strip()[:60])
                timing, text, skipping = None, [], True
                continue
        if timing is not None:
            text.append(line)
        elif not skipping and index > 0 and line.strip() and not _skipped(block[0]):
            left_out += 1
    close()
    return left_out


def _add(raw: list[RawCue], timing: tuple[int, int | None], lines: list[str], colon_speakers: bool) -> None:
    start, end = timing
    if colon_speakers and not any("<" in line and _VOICE_TAG_RE.search(line) for line in lines):
        runs = _colon_runs(lines)
    else:
        runs = voiced(lines)
    raw.extend(RawCue(start, end, speaker, text) for speaker, text in runs)


def _colon_runs(lines: list[str]) -> list[tuple[str, str]]:
    """A cue's lines by the ``Name:`` that starts them (each such line begins a run)."""
    if len(lines) == 1:
        text = plain(lines[0])
        if not text:
            return []
        return [split_speaker(text) or ("", text)]
    runs: list[tuple[str, list[str]]] = []
    for line in lines:
        text = plain(line)
        found = split_speaker(text)
        if found:
            runs.append((found[0], [found[1]]))
        elif runs:
            runs[-1][1].append(text)
        else:
            runs.append(("", [text]))
    return [(speaker, text) for speaker, parts in runs if (text := join_pieces(parts))]


def _usual_chunk(chunk: str, raw: list[RawCue], colon_speakers: bool) -> bool:
    """Reads the block nearly every cue is (an id or none, the usual timing, one line of text, maybe
    one voice) with one match; False for any other, which the general reading takes."""
    match = _USUAL_CUE_RE.fullmatch(chunk)
    if match is None:
        return False
    h1, m1, s1, f1, h2, m2, s2, f2, voice, body = match.groups()
    text = plain(body)
    if not text:
        return True
    start = int(h1) * 3_600_000 + int(m1) * 60_000 + int(s1) * 1000 + int(f1)
    end = int(h2) * 3_600_000 + int(m2) * 60_000 + int(s2) * 1000 + int(f2)
    speaker = plain(voice) if voice is not None else ""
    if colon_speakers and voice is None and (found := split_speaker(text)):
        speaker, text = found
    raw.append(RawCue(start, end, speaker, text))
    return True


def _usual(block: list[str], raw: list[RawCue], colon_speakers: bool) -> bool:
    """Reads the usual block (an id or none, the timing, one line of text) quickly; False for others."""
    size = len(block)
    if size and not block[-1]:
        size -= 1
    if size not in (2, 3):
        return False
    line, text = block[size - 2], block[size - 1]
    if "->" not in line or "->" in text or (size == 3 and "->" in block[0]):
        return False
    timing = parse_timing(line)
    if timing is None:
        return False
    if not colon_speakers and text[:3] == "<v " and (voice := ONE_VOICE_RE.fullmatch(text)):
        body = plain(voice.group(2))  # the commonest cue of all: one voice, one line
        if body:
            raw.append(RawCue(timing[0], timing[1], plain(voice.group(1)), body))
        return True
    _add(raw, timing, [text], colon_speakers)
    return True


def parse_blocks(text: str, warnings: list[str], colon_speakers: bool) -> list[RawCue]:
    """Every cue of a WebVTT or SRT text (line ends already ``\\n``), in file order, ends maybe None."""
    raw: list[RawCue] = []
    broken: list[str] = []
    left_out = 0
    for chunk in _BLANK_RE.split(text):
        if _usual_chunk(chunk, raw, colon_speakers):
            continue
        block = chunk.split("\n")
        if _usual(block, raw, colon_speakers):
            continue
        if _skipped(block[0]) and not any("->" in line for line in block):
            continue
        left_out += _cues_of(block, raw, broken, colon_speakers)
    if broken:
        shown = "; ".join(broken[:3])
        warnings.append(f"{len(broken)} cue(s) with a broken timing line skipped ({shown})")
    if left_out:
        warnings.append(f"{left_out} line(s) outside any cue left out")
    return raw
