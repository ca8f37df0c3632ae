"""The ``companion queue`` command: list the Up Next queue, add to it and remove from it."""

from __future__ import annotations

import argparse
from typing import Any

from companion import shownotes
from companion.cli.errors import Cli
from companion.cli.output import print_json
from companion.library import Library, LibraryError


def add_queue_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``queue [list | add ID [--top] | remove ID | clear] [--json]``."""
    p = sub.add_parser("queue", parents=[common], help="the Up Next queue: list, add, remove, clear")
    p.add_argument("action", nargs="?", default="list", choices=("list", "add", "remove", "clear"))
    p.add_argument("id", nargs="?", type=int, metavar="ID", help="episode id (add, remove)")
    p.add_argument("--top", action="store_true", help="add at the top instead of the bottom")
    p.add_argument("--json", action="store_true", help="print the queue as JSON")


def cmd_queue(args: argparse.Namespace, library: Library) -> int:
    """Run ``companion queue``."""
    if args.action in ("add", "remove"):
        if args.id is None:
            raise LibraryError(
                Cli.tr("queue {action} needs an episode id, e.g. companion queue add 42").format(
                    action=args.action
                )
            )
        episode = library.episode(args.id)  # a clear error for an unknown id
        if args.action == "add":
            library.queue_add(episode.id, top=args.top)
        else:
            library.queue_remove(episode.id)
    elif args.action == "clear":
        library.queue_clear()
    episodes = library.episode_summaries(library.queue_ids())
    if args.json:
        print_json(
            [
                {
                    "position": index + 1,
                    "id": e.id,
                    "podcast": e.podcast_title,
                    "title": e.title,
                    "duration_ms": e.duration_ms,
                    "position_ms": e.position_ms,
                }
                for index, e in enumerate(episodes)
            ]
        )
        return 0
    if not episodes:
        print(Cli.tr("Up Next is empty. Add an episode with: companion queue add ID"))
        return 0
    for index, e in enumerate(episodes, 1):
        left = ""
        if e.duration_ms:
            left = Cli.tr("{time} left").format(
                time=shownotes.format_timestamp(max(0, e.duration_ms - e.position_ms))
            )
        print(f"{index:>3}. {e.id:>6}  {e.podcast_title} — {e.title}  {left}")
    return 0
