"""A cue's marked-up lines to plain text by speaker: WebVTT voice spans, other tags dropped, entities
decoded, SRT's ``{\\an8}``, lines joined (no space between Chinese or Japanese characters)."""

from __future__ import annotations

import html
import re

TAG_RE = re.compile(r"<(/?)([^<>]*)>")
_VOICE_RE = re.compile(r"v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?", re.IGNORECASE)
# one line of one voice and no other markup: "<v Name>text" or "<v.loud Name>text</v>"
ONE_VOICE_RE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]+([^<>]*)>([^<>]*)(?:</v>)?\s*")
_ASS_RE = re.compile(r"\{\\[^{}]*\}")
# scripts written without spaces between words: CJK ideographs, kana, their punctuation, fullwidth forms
CLOSE_RE = re.compile(
    "[\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0002ffff]"
)


def is_close(char: str) -> bool:
    """True for a character of a script written without spaces (Chinese, Japanese)."""
    return char >= "\u2e80" and CLOSE_RE.match(char) is not None


def join_pieces(pieces: list[str]) -> str:
    """Pieces of text (lines, words) joined: nothing between two Chinese or Japanese characters, else
    one space; whitespace inside collapsed."""
    out = ""
    for piece in pieces:
        piece = " ".join(piece.split())
        if not piece:
            continue
        if out and not (is_close(out[-1]) and is_close(piece[0])):
            out += " "
        out += piece
    return out


def plain(text: str) -> str:
    """Markup-free text: tags dropped, entities decoded, whitespace collapsed."""
    if "<" in text:
        text = TAG_RE.sub("", text)
    if "{\\" in text:
        text = _ASS_RE.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def voiced(lines: list[str]) -> list[tuple[str, str]]:
    """``(speaker, text)`` runs of a cue's lines: a ``<v Name>`` span's text is Name's, text outside any
    span has no speaker (''); runs without text are left out, neighbours of one speaker joined."""
    if len(lines) == 1 and (simple := ONE_VOICE_RE.fullmatch(lines[0])):  # the usual cue, quickly
        text = plain(simple.group(2))
        return [(plain(simple.group(1)), text)] if text else []
    source = "\n".join(lines)
    if "<" not in source or not _has_voice(source):
        text = join_pieces([plain(line) for line in lines])
        return [("", text)] if text else []
    runs: list[tuple[str, list[str]]] = [("", [])]
    position = 0
    for match in TAG_RE.finditer(source):
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
