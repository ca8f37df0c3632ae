"""A cue's marked-up lines to plain text by speaker: WebVTT voice spans, other tags dropped, entities
decoded, SRT's ``{\\an8}``, lines joined (no space between Chinese or Japanese characters)."""

from __future__ import annotations

import html
import re

_TAG_RE = re.compile(r"<(/?)([^<>]*)>")
_VOICE_RE = re.compile(r"v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?", re.IGNORECASE)
_ASS_RE = re.compile(r"\{\\[^{}]*\}")
_SPACE_RE = re.compile(r"\s+")
# scripts written without spaces between words: CJK ideographs, kana, their punctuation, fullwidth forms
_CLOSE_RANGES = (
    (0x2E80, 0x2FFF),
    (0x3000, 0x30FF),
    (0x3100, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),
    (0x20000, 0x2FFFF),
)


def is_close(char: str) -> bool:
    """True for a character of a script written without spaces (Chinese, Japanese)."""
    point = ord(char)
    return point >= 0x2E80 and any(low <= point <= high for low, high in _CLOSE_RANGES)


def join_pieces(pieces: list[str]) -> str:
    """Pieces of text (lines, words) joined: nothing between two Chinese or Japanese characters, else
    one space; whitespace inside collapsed."""
    out = ""
    for piece in pieces:
        piece = _SPACE_RE.sub(" ", piece).strip()
        if not piece:
            continue
        if out and not (is_close(out[-1]) and is_close(piece[0])):
            out += " "
        out += piece
    return out


def plain(text: str) -> str:
    """Markup-free text: tags dropped, entities decoded, whitespace collapsed."""
    if "<" in text:
        text = _TAG_RE.sub("", text)
    if "{\\" in text:
        text = _ASS_RE.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return _SPACE_RE.sub(" ", text).strip()


def voiced(lines: list[str]) -> list[tuple[str, str]]:
    """``(speaker, text)`` runs of a cue's lines: a ``<v Name>`` span's text is Name's, text outside any
    span has no speaker (''); runs without text are left out, neighbours of one speaker joined."""
    source = "\n".join(lines)
    if "<" not in source or not _has_voice(source):
        text = join_pieces([plain(line) for line in lines])
        return [("", text)] if text else []
    runs: list[tuple[str, list[str]]] = [("", [])]
    position = 0
    for match in _TAG_RE.finditer(source):
        runs[-1][1].append(source[position : match.start()])
        position = match.end()
        closing, body = match.group(1), match.group(2)
        voice = _VOICE_RE.fullmatch(body.strip())
        if voice and not closing:
            runs.append((plain(voice.group(1) or ""), []))
        elif closing and body.strip().lower() == "v":
            runs.append(("", []))
    runs[-1][1].append(source[position:])
    merged: list[tuple[str, str]] = []
    for speaker, parts in runs:
        text = join_pieces([plain(line) for line in "".join(parts).split("\n")])
        if not text:
            continue
        if merged and merged[-1][0] == speaker:
            merged[-1] = (speaker, join_pieces([merged[-1][1], text]))
        else:
            merged.append((speaker, text))
    return merged


def _has_voice(source: str) -> bool:
    lowered = source.lower()
    return "<v " in lowered or "<v." in lowered or "<v>" in lowered or "<v\t" in lowered
