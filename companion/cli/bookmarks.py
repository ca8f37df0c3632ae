"""The ``companion`` commands for stars and bookmarks: star, unstar, bookmark, bookmarks (list, export)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from companion.cli.errors import Cli, CliError
from companion.cli.output import print_json
from companion.library import Library
from companion.services.bookmarks_export import FORMATS, bookmark_dict, export, format_hms
from companion.shownotes.timestamps import parse_time_input


def _cli_error(message: str) -> Exception:
    """The CLI's error (printed as one line, exit 1)."""
    return CliError(message)


def parse_moment(text: str) -> int:
    """Seconds (``3723``, ``90.5``) or a timestamp (``1:02:03``, ``62:03``) as milliseconds."""
    ms = parse_time_input(text)
    if ms is None:
        raise _cli_error(
            Cli.tr("not a time: {text} (use seconds or H:MM:SS, e.g. 1:02:03)").format(
                text=repr(text.strip())
            )
        )
    return ms


def add_bookmark_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``star``, ``unstar``, ``bookmark`` and ``bookmarks`` to the ``companion`` parser."""
    p = sub.add_parser("star", parents=[common], help="star an episode")
    p.add_argument("id", type=int, metavar="ID", help="episode id")
    p = sub.add_parser("unstar", parents=[common], help="take the star off an episode")
    p.add_argument("id", type=int, metavar="ID", help="episode id")
    p = sub.add_parser("bookmark", parents=[common], help="bookmark a moment of an episode")
    p.add_argument("id", type=int, metavar="ID", help="episode id")
    p.add_argument("--at", metavar="TIME", help="H:MM:SS or seconds (default: where you stopped)")
    p.add_argument("--note", default="", help="a note (any length, newlines kept)")
    p.add_argument("--chapter", default=None, help="chapter title (default: the chapter at that time)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("bookmarks", parents=[common], help="list bookmarks, newest first; export them")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--filter", default="", metavar="TEXT", help="only those whose text holds TEXT")
    p.add_argument("--episode", type=int, metavar="ID", help="only the bookmarks of one episode")
    actions = p.add_subparsers(dest="bookmarks_action", metavar="ACTION")
    e = actions.add_parser("export", parents=[common], help="write the bookmarks as Markdown or JSON")
    e.add_argument("--format", choices=FORMATS, default=None, help="md or json (default: from FILE, else md)")
    e.add_argument("--filter", default="", metavar="TEXT", help="only those whose text holds TEXT")
    e.add_argument("file", nargs="?", metavar="FILE", help="write here (default: standard output)")
    d = actions.add_parser("delete", parents=[common], help="delete a bookmark")
    d.add_argument("bookmark_id", type=int, metavar="BOOKMARK_ID")


def cmd_star(args: argparse.Namespace, library: Library) -> int:
    library.star(args.id, True)
    print(Cli.tr("Starred episode {id}: {title}").format(id=args.id, title=library.episode(args.id).title))
    return 0


def cmd_unstar(args: argparse.Namespace, library: Library) -> int:
    library.star(args.id, False)
    print(Cli.tr("Unstarred episode {id}: {title}").format(id=args.id, title=library.episode(args.id).title))
    return 0


def cmd_bookmark(args: argparse.Namespace, library: Library) -> int:
    episode = library.episode(args.id)
    position_ms = parse_moment(args.at) if args.at is not None else episode.position_ms
    if episode.duration_ms and position_ms > episode.duration_ms:
        raise _cli_error(
            Cli.tr("{time} is past the end of episode {id}, which lasts {length}.").format(
                time=format_hms(position_ms), id=episode.id, length=format_hms(episode.duration_ms)
            )
        )
    bookmark = library.add_bookmark(episode.id, position_ms, note=args.note, chapter_title=args.chapter)
    if args.json:
        print_json(bookmark_dict(bookmark))
        return 0
    chapter = f" ({bookmark.chapter_title})" if bookmark.chapter_title else ""
    text = Cli.tr("Bookmark {id}: {title} at {time}").format(
        id=bookmark.id, title=episode.title, time=format_hms(position_ms)
    )
    print(text + chapter)
    return 0


def cmd_bookmarks(args: argparse.Namespace, library: Library) -> int:
    action = getattr(args, "bookmarks_action", None)
    if action == "export":
        return _export(args, library)
    if action == "delete":
        old = library.delete_bookmark(args.bookmark_id)
        deleted = Cli.tr("Deleted bookmark {id} ({title} at {time})")
        print(deleted.format(id=old.id, title=old.episode_title, time=format_hms(old.position_ms)))
        return 0
    bookmarks = library.bookmarks(args.filter, episode_id=args.episode)
    if args.json:
        print_json([bookmark_dict(b) for b in bookmarks])
        return 0
    if not bookmarks:
        print(
            Cli.tr("No bookmarks.")
            if not args.filter
            else Cli.tr("No bookmarks hold “{text}”.").format(text=args.filter)
        )
        return 0
    for b in bookmarks:
        chapter = f" · {b.chapter_title}" if b.chapter_title else ""
        where = f"{b.podcast_title} — [{b.episode_id}] {b.episode_title}{chapter}"
        print(f"{b.id:>5} {format_hms(b.position_ms):>8}  {where}")
        for line in b.note.strip().splitlines():
            print(f"{'':>15}{line}")
    return 0


def _export(args: argparse.Namespace, library: Library) -> int:
    fmt = args.format
    if fmt is None:
        fmt = "json" if args.file and Path(args.file).suffix.lower() == ".json" else "md"
    bookmarks = library.bookmarks(args.filter)
    text = export(bookmarks, fmt)  # JSON with its controls escaped, as print_json writes it
    if not args.file or args.file == "-":
        sys.stdout.write(text)
        return 0
    library.refuse_own_file(args.file, "write to")
    try:
        Path(args.file).expanduser().write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _cli_error(
            Cli.tr("cannot write {path}: {reason}").format(path=args.file, reason=exc.strerror or exc)
        ) from exc
    print(Cli.tr("Wrote %n bookmark(s) to {path}", "", len(bookmarks)).format(path=args.file))
    return 0


BOOKMARK_COMMANDS = {
    "star": cmd_star,
    "unstar": cmd_unstar,
    "bookmark": cmd_bookmark,
    "bookmarks": cmd_bookmarks,
}
