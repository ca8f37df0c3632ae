"""Which kind a transcript is (by its type, else its name) and which of an episode's transcripts to show:
by language (the interface's, then the channel's, then any) and format (WebVTT, JSON, SRT, HTML, text)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from companion.domain import Transcript

KINDS = ("vtt", "json", "srt", "html", "text")  # best first
_TYPES = {
    "text/vtt": "vtt",
    "text/webvtt": "vtt",
    "application/vtt": "vtt",
    "application/x-vtt": "vtt",
    "application/srt": "srt",
    "application/x-subrip": "srt",
    "application/x-srt": "srt",
    "text/srt": "srt",
    "text/x-srt": "srt",
    "text/x-subrip": "srt",
    "application/json": "json",
    "text/json": "json",
    "application/x-json": "json",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}
_EXTENSIONS = {
    "vtt": "vtt",
    "webvtt": "vtt",
    "srt": "srt",
    "json": "json",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "txt": "text",
    "text": "text",
}
_VAGUE = {None, "text", "octet"}  # a type that a file's extension may make more precise


def _of_type(mime: str | None) -> str | None:
    if not mime:
        return None
    base = mime.split(";", 1)[0].strip().lower()
    if base in _TYPES:
        return _TYPES[base]
    if base.endswith("+json"):
        return "json"
    if base in ("application/octet-stream", "binary/octet-stream", ""):
        return "octet"
    return "other"


def _of_name(url_or_name: str | None) -> str | None:
    if not url_or_name:
        return None
    try:
        path = urlsplit(url_or_name.strip()).path if "://" in url_or_name else url_or_name.strip()
    except ValueError:
        path = url_or_name
    name = path.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." not in name:
        return None
    return _EXTENSIONS.get(name.rsplit(".", 1)[1].lower())


def transcript_kind(mime: str | None, url_or_name: str | None = None) -> str | None:
    """``vtt``, ``srt``, ``json``, ``html`` or ``text`` for a transcript's type (``Text/VTT``,
    ``application/x-subrip``, ``text/plain; charset=utf-8``...); when the type is missing, plain text or
    octets, the file's extension decides where it says more; None for what is no transcript we read."""
    by_type = _of_type(mime)
    if by_type in _VAGUE:
        by_name = _of_name(url_or_name)
        if by_name is not None and by_name != "text":
            return by_name
        return "text" if by_type == "text" or by_name == "text" else None
    return None if by_type == "other" else by_type


def _language_rank(language: str | None, ui_language: str, channel_language: str | None) -> int:
    """0 the interface's language exactly, 1 its base (zh for zh-CN), 2 the channel's, 3 other."""
    given = (language or channel_language or "").strip().lower().replace("_", "-")
    ui = ui_language.strip().lower().replace("_", "-")
    if given and ui and given == ui:
        return 0
    if given and ui and given.split("-")[0] == ui.split("-")[0]:
        return 1
    channel = (channel_language or "").strip().lower().replace("_", "-")
    if given and channel and given.split("-")[0] == channel.split("-")[0]:
        return 2
    return 2 if not given else 3


def format_rank(candidate: Transcript) -> int:
    """0 WebVTT, 1 Podcast Index JSON, 2 SRT, 3 a caption file of another or no type, 4 HTML, 5 text,
    6 a file whose kind the type does not tell."""
    kind = transcript_kind(candidate.type, candidate.url)
    captions = (candidate.rel or "").strip().lower() == "captions"
    if kind in ("vtt", "json", "srt"):
        return KINDS.index(kind)
    if captions:
        return 3
    return {"html": 4, "text": 5}.get(kind or "", 6)


def choose_transcript(
    candidates: Iterable[Transcript], ui_language: str, channel_language: str | None
) -> tuple[Transcript, ...]:
    """The episode's transcripts best first (language, then format, then feed order), one per address;
    those of a type that is no transcript (``application/pdf``) are left out."""
    seen: set[str] = set()
    ranked = []
    for position, candidate in enumerate(candidates):
        if not candidate.url or candidate.url in seen:
            continue
        seen.add(candidate.url)
        if candidate.type and _of_type(candidate.type) == "other" and (candidate.rel or "") != "captions":
            continue
        key = (_language_rank(candidate.language, ui_language, channel_language), format_rank(candidate))
        ranked.append((key, position, candidate))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return tuple(candidate for _, _, candidate in ranked)
