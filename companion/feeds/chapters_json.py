"""Podcasting 2.0 ``podcast:chapters`` JSON to chapters: ms starts, toc:false hidden, untitled kept."""

from __future__ import annotations

import json
from typing import Any

from companion.domain import ParsedChapter
from companion.feeds.errors import FeedError
from companion.feeds.items import chapters_with_titles
from companion.feeds.timecodes import seconds_to_ms


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def parse_chapters_json(data: bytes | str, url: str) -> tuple[ParsedChapter, ...]:
    """The chapters of a JSON chapters document fetched from ``url``, sorted by start."""
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"The chapters file {url} is not valid JSON ({exc}).") from exc
    except RecursionError as exc:  # arrays in arrays, thousands deep: no chapters file looks like that
        raise FeedError(f"The chapters file {url} nests its JSON too deeply to be a chapters file.") from exc
    items = doc.get("chapters") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise FeedError(f'The chapters file {url} has no "chapters" list.')
    chapters = []
    for item in items:
        if not isinstance(item, dict):
            continue
        start_ms = seconds_to_ms(item.get("startTime"))
        if start_ms is None:
            continue
        end_ms = seconds_to_ms(item.get("endTime"))
        chapters.append(
            ParsedChapter(
                start_ms=start_ms,
                title=_text(item.get("title")) or "",
                end_ms=end_ms if end_ms is not None and end_ms > start_ms else None,
                url=_text(item.get("url")),
                image_url=_text(item.get("img")),
                hidden=item.get("toc") is False,
            )
        )
    return chapters_with_titles(chapters)
