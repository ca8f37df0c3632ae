"""Bookmarks as Markdown and JSON: podcast, episode, moment, chapter, note and link of each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from companion.domain import Bookmark
from companion.services.json_text import json_text
from companion.shownotes.timestamps import format_timestamp

FORMATS = ("md", "json")


def format_hms(ms: int) -> str:
    """Milliseconds as ``H:MM:SS`` (fractions dropped): ``format_timestamp(ms, hours=True)``."""
    return format_timestamp(ms, hours=True)


def bookmark_dict(bookmark: Bookmark) -> dict[str, Any]:
    """One bookmark as the JSON object of an export."""
    return {
        "id": bookmark.id,
        "podcast": bookmark.podcast_title,
        "episode": bookmark.episode_title,
        "episode_id": bookmark.episode_id,
        "start_ms": bookmark.position_ms,
        "time": format_hms(bookmark.position_ms),
        "chapter": bookmark.chapter_title,
        "note": bookmark.note,
        "link": bookmark.episode_link,
        "created_at": bookmark.created_at,
    }


def to_json(bookmarks: Iterable[Bookmark]) -> str:
    """A JSON list of the bookmarks (UTF-8 text, not ASCII-escaped, controls escaped: ``json_text``)."""
    return json_text([bookmark_dict(b) for b in bookmarks])


def _md_text(text: str) -> str:
    """Text safe inside a Markdown line: no leading markup, no link brackets breaking the line."""
    return " ".join(text.split()).replace("[", "\\[").replace("]", "\\]")


def to_markdown(bookmarks: Iterable[Bookmark], title: str = "Bookmarks") -> str:
    """A Markdown document: a heading per podcast and per episode (linked when it has a link), in the
    order of their newest bookmark; under each episode its bookmarks by time, each with its time,
    ``start_ms``, chapter and note (a multi-line note as a quote that keeps its lines)."""
    groups: dict[str, dict[int, list[Bookmark]]] = {}
    for b in bookmarks:
        groups.setdefault(b.podcast_title, {}).setdefault(b.episode_id, []).append(b)
    lines = [f"# {title}", ""]
    if not groups:
        lines.append("No bookmarks.")
    for podcast, episodes in groups.items():
        lines += [f"## {_md_text(podcast)}", ""]
        for entries in episodes.values():
            first = entries[0]
            name = _md_text(first.episode_title)
            heading = f"[{name}](<{first.episode_link}>)" if first.episode_link else name
            lines += [f"### {heading}", ""]
            for b in sorted(entries, key=lambda b: (b.position_ms, b.id)):
                entry = f"- **{format_hms(b.position_ms)}** ({b.position_ms} ms)"
                if b.chapter_title:
                    entry += f" — *{_md_text(b.chapter_title)}*"
                lines.append(entry)
                note = [line.rstrip() for line in b.note.strip().splitlines()]
                for index, line in enumerate(note):
                    brk = "\\" if index + 1 < len(note) else ""
                    lines.append(f"  > {line}{brk}" if line else f"  >{brk}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def export(bookmarks: Iterable[Bookmark], fmt: str) -> str:
    """The export of ``bookmarks`` in ``fmt`` (``md`` or ``json``)."""
    if fmt == "json":
        return to_json(bookmarks)
    if fmt == "md":
        return to_markdown(bookmarks)
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
