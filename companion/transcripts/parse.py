"""One entry for every transcript file: bytes and their kind in, sorted cues and warnings out, never an
exception; a file that is not of its declared kind is read as the kind it is."""

from __future__ import annotations

import re

from companion.transcripts.blocks import parse_blocks
from companion.transcripts.decode import decode_transcript
from companion.transcripts.htmltext import parse_html
from companion.transcripts.kinds import transcript_kind
from companion.transcripts.model import Cue, ParsedTranscript, RawCue, finish
from companion.transcripts.pijson import parse_json
from companion.transcripts.plaintext import parse_text
from companion.transcripts.speakers import split_speaker

MAX_BYTES = 16 * 1024 * 1024  # ten hours of word segments are under 10 MB; more is read to here
_KINDS = ("vtt", "srt", "json", "html", "text")
_TIMING_SNIFF = re.compile(r"^[ \t]*[\d:.,]{1,16}[ \t]*-+>", re.MULTILINE)
# C0 and C1 controls and the separators that split lines; the text of a cue is one line
_CONTROLS = {i: " " for i in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029]}


def sniff(text: str) -> str:
    """The kind the text looks like: a WebVTT header, JSON, markup, timing lines (SRT with a comma),
    else plain text."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith("WEBVTT"):
        return "vtt"
    if head[:1] == "{" or (head[:1] == "[" and head[1:].lstrip()[:1] in ("{", "]")):
        return "json"
    timing = _TIMING_SNIFF.search(text[:20000])
    if timing:
        return "srt" if "," in timing.group(0) else "vtt"
    if head[:1] == "<":
        return "html"
    return "text"


def _recurring_speakers(raw: list[RawCue]) -> None:
    """WebVTT without voice spans: a ``Name:`` that starts two or more cues is their speaker."""
    if any(cue.speaker for cue in raw):
        return
    found = [split_speaker(cue.text) for cue in raw]
    counts: dict[str, int] = {}
    for item in found:
        if item:
            counts[item[0]] = counts.get(item[0], 0) + 1
    for cue, item in zip(raw, found, strict=True):
        if item and counts[item[0]] >= 2:
            cue.speaker, cue.text = item


def _read(text: str, kind: str, warnings: list[str]) -> tuple[list[RawCue], bool]:
    if kind in ("vtt", "srt"):
        raw = parse_blocks(text, warnings, colon_speakers=kind == "srt")
        if kind == "vtt":
            _recurring_speakers(raw)
        return raw, True
    if kind == "json":
        return parse_json(text, warnings), True
    if kind == "html":
        return parse_html(text, warnings)
    return parse_text(text, warnings)


def _clean(raw: list[RawCue]) -> None:
    for cue in raw:
        if not cue.text.isprintable():
            cue.text = " ".join(cue.text.translate(_CONTROLS).split())
        if cue.speaker and not cue.speaker.isprintable():
            cue.speaker = " ".join(cue.speaker.translate(_CONTROLS).split())


def parse_transcript(data: bytes, kind: str | None) -> ParsedTranscript:
    """The cues of a transcript file of ``kind`` (``vtt``, ``srt``, ``json``, ``html``, ``text``, or a MIME
    type; None or anything else: told from the content), sorted by start, ends filled in; never raises."""
    warnings: list[str] = []
    try:
        if len(data) > MAX_BYTES:
            warnings.append(f"the file is over {MAX_BYTES // 2**20} MB: only its start is read")
            data = data[:MAX_BYTES]
        text = decode_transcript(data, warnings).replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        declared = (kind or "").strip().lower()
        if "/" in declared:  # a MIME type given for the kind
            declared = transcript_kind(declared) or ""
        actual = declared if declared in _KINDS else sniff(text)
        if actual == "text" and (looks := sniff(text)) != "html":
            actual = looks  # served as text/plain, as many .vtt and .srt files are
        raw, timed = _read(text, actual, warnings)
        if not raw and text.strip():
            other = sniff(text)
            if other != actual and other in ("vtt", "srt", "json"):  # never a server's error page as text
                tried: list[str] = []
                raw, timed = _read(text, other, tried)
                if raw:
                    warnings = [f"the file is not {actual.upper()} but {other.upper()}: read as that", *tried]
                    actual = other
        _clean(raw)
        cues: tuple[Cue, ...] = finish(raw, warnings)
        if not cues and text.strip():
            warnings.append("no cue could be read")
        return ParsedTranscript(cues, actual if cues else "", tuple(warnings), timed)
    except Exception as error:  # noqa: BLE001 - a transcript never takes the app down; say what broke
        problem = f"the transcript could not be read ({type(error).__name__})"
        return ParsedTranscript((), "", (*warnings, problem))
