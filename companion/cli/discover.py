"""The ``companion discover`` command: find podcasts in a directory, marking those already subscribed.

Running the command is the listener's consent to send the term to the directory: it never asks, and
it does not change what the window remembers (the window asks once per directory itself).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from companion.cli.errors import CliError
from companion.cli.output import print_json
from companion.library import Library
from companion.library.settings import DIRECTORY_IDS

if TYPE_CHECKING:  # the search code loads when the command runs: the window starts without urllib
    from companion.services.directory import DirectoryHit

MAX_LIMIT = 200  # feeds.directory.MAX_LIMIT (a test checks they agree)


def add_discover_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``discover`` subcommand to the ``companion`` parser."""
    p = sub.add_parser(
        "discover",
        parents=[common],
        help="find podcasts by name in Apple Podcasts or Podcast Index (sends TERM there)",
    )
    p.add_argument("term", metavar="TERM", help="a podcast's name or part of it, in any language")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, default=20, help=f"at most N results (1-{MAX_LIMIT}, default 20)")
    p.add_argument(
        "--directory",
        choices=DIRECTORY_IDS,
        help="where to search (default: the one chosen in Preferences, else apple)",
    )


def hit_dict(hit: DirectoryHit) -> dict[str, Any]:
    """One result as the JSON object the command prints."""
    entry = hit.entry
    return {
        "title": entry.title,
        "author": entry.author,
        "feed_url": entry.feed_url,
        "episodes": entry.episode_count,
        "artwork_url": entry.artwork_url,
        "genre": entry.genre,
        "page_url": entry.page_url,
        "subscribed": hit.subscribed,
        "podcast_id": hit.podcast_id,
    }


def cmd_discover(args: argparse.Namespace, library: Library) -> int:
    """Search and print one result a line (title, author, episodes, feed address, subscribed)."""
    from companion.feeds.directory import directory
    from companion.services.directory import chosen_directory, describe_answer, find_podcasts

    if not 1 <= args.limit <= MAX_LIMIT:
        raise CliError(f"--limit must be from 1 to {MAX_LIMIT} (got {args.limit})")
    where = directory(args.directory) if args.directory else chosen_directory(library)
    answer, hits = find_podcasts(library, args.term, args.limit, where.id)
    if args.json:
        print_json(
            {
                "directory": where.id,
                "directory_name": where.name,
                "term": answer.term,
                "results": [hit_dict(h) for h in hits],
                "without_feed": answer.without_feed,
                "merged": answer.merged,
            }
        )
        return 0
    print(describe_answer(answer))
    for hit in hits:
        entry = hit.entry
        episodes = "" if entry.episode_count is None else f"{entry.episode_count} episodes"
        if entry.episode_count == 1:
            episodes = "1 episode"
        details = " · ".join(part for part in (entry.author, episodes) if part)
        mark = "  (subscribed)" if hit.subscribed else ""
        print(f"{entry.title}{mark}")
        if details:
            print(f"    {details}")
        print(f"    {entry.feed_url}")
    if hits and not all(h.subscribed for h in hits):
        print("Subscribe with: companion subscribe FEED_URL")
    return 0
