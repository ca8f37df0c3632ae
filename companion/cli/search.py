"""The ``companion search`` command: find chapters, episodes and bookmarks across the library."""

from __future__ import annotations

import argparse
from typing import Any

from companion.cli.errors import Cli
from companion.cli.output import print_json
from companion.domain import SearchHit
from companion.i18n import QT_TRANSLATE_NOOP
from companion.services.bookmarks_export import format_hms

GROUPS = (  # headings shown translated (context Cli)
    ("chapters", QT_TRANSLATE_NOOP("Cli", "Chapters")),
    ("transcripts", QT_TRANSLATE_NOOP("Cli", "Said in transcripts")),
    ("episodes", QT_TRANSLATE_NOOP("Cli", "Episodes")),
    ("bookmarks", QT_TRANSLATE_NOOP("Cli", "Bookmarks")),
)


def add_search_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``search`` subcommand to the ``companion`` parser."""
    p = sub.add_parser("search", parents=[common], help="find chapters, transcripts, episodes and bookmarks")
    p.add_argument("query", metavar="QUERY", help="text to find (any language; 1-2 characters work too)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, default=20, help="at most N hits of each kind (default 20)")


def hit_dict(hit: SearchHit) -> dict[str, Any]:
    """One hit as the JSON object the command prints."""
    return {
        "kind": hit.kind,
        "episode_id": hit.episode_id,
        "title": hit.title,
        "start_ms": hit.start_ms,
        "snippet": hit.snippet,
        "episode_title": hit.episode_title,
        "podcast_title": hit.podcast_title,
        "id": hit.id,
    }


def cmd_search(args: argparse.Namespace, library: Any) -> int:
    """Run a search and print the hits grouped by kind (or as a JSON list)."""
    results = library.search(args.query, limit=max(0, args.limit))
    if args.json:
        print_json([hit_dict(h) for h in results])
        return 0
    if not results:
        print(Cli.tr("Nothing found for “{query}”.").format(query=args.query.strip()))
        return 0
    for attr, heading in GROUPS:
        hits = getattr(results, attr)
        if not hits:
            continue
        print(f"{Cli.tr(heading)} ({len(hits)})")
        for h in hits:
            if h.kind == "episode":
                print(f"  [{h.episode_id}] {h.title} — {h.podcast_title}")
            elif h.kind == "transcript":
                where = f"[{h.episode_id}] {h.episode_title} — {h.podcast_title}"
                print(f"  {format_hms(h.start_ms or 0):>8}  {where}")
            else:
                print(f"  {format_hms(h.start_ms or 0):>8}  {h.title} — [{h.episode_id}] {h.episode_title}")
            print(f"            {h.snippet}")
        print()
    return 0
