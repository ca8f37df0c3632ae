"""Show notes: timeline -> chapters, notes -> safe HTML with clickable timestamps."""

from .chapters import extract_chapters
from .htmltext import notes_to_text
from .model import TimelineEntry
from .render import render_notes_html
from .timestamps import SEEK_SCHEME, format_timestamp, parse_seek_url, parse_timestamp

__all__ = [
    "SEEK_SCHEME",
    "TimelineEntry",
    "extract_chapters",
    "format_timestamp",
    "notes_to_text",
    "parse_seek_url",
    "parse_timestamp",
    "render_notes_html",
]
