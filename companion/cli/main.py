"""The ``companion`` command: the library from a terminal (no widgets), or the window."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from companion import services, shownotes
from companion.cli.bookmarks import BOOKMARK_COMMANDS, add_bookmark_parsers
from companion.cli.discover import add_discover_parser, cmd_discover
from companion.cli.errors import CliError
from companion.cli.feeds import FEED_COMMANDS, add_feed_parsers
from companion.cli.output import clean_output, print_json
from companion.cli.queue import add_queue_parser, cmd_queue
from companion.cli.search import add_search_parser, cmd_search
from companion.cli.sync import SYNC_COMMANDS, add_sync_parsers
from companion.feeds import FeedError
from companion.library import Library, LibraryError, default_library_path
from companion.library.details import episode_details, podcast_details
from companion.library.errors import describe
from companion.shownotes.textfile import UndecodableText, decode_text
from companion.shownotes.timestamps import parse_time_input


def read_text(source: str) -> str:
    """Read a notes file (or ``-`` for stdin) as ``decode_text`` reads it (UTF-8, GB18030 or Big5)."""
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {source}: {exc.strerror or exc}") from exc
    try:
        return decode_text(data)
    except UndecodableText as exc:
        raise CliError(f"cannot read {source}: {exc}") from exc


def parse_duration(text: str) -> int:
    """Seconds (``3600``, ``90.5``) or a timestamp (``1:02:03``) as milliseconds."""
    ms = parse_time_input(text)
    if ms is None:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (use seconds or H:MM:SS)")
    return ms


def _chapter_dicts(chapters: Sequence[Any]) -> list[dict[str, Any]]:
    return [
        {
            "start_ms": c.start_ms,
            "title": c.title,
            "section": c.section,
            **({"source": c.source} if hasattr(c, "source") else {}),
        }
        for c in chapters
    ]


# ----- commands ---------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, library: Library) -> int:
    if args.podcast is not None:
        library.podcast(args.podcast)  # a clear error for an unknown id
    episodes = library.episodes(limit=args.limit, podcast_id=args.podcast)
    if args.json:
        print_json(
            [
                {
                    "id": e.id,
                    "podcast": e.podcast_title,
                    "title": e.title,
                    "duration_ms": e.duration_ms,
                    "position_ms": e.position_ms,
                    "played": e.played_at is not None,
                    "starred": e.starred_at is not None,
                    "published_at": e.published_at,
                }
                for e in episodes
            ]
        )
        return 0
    if not episodes:
        print("The library has no episodes. Add one with: companion add FILE --title TITLE")
        return 0
    for e in episodes:
        duration = shownotes.format_timestamp(e.duration_ms) if e.duration_ms else "-"
        position = shownotes.format_timestamp(e.position_ms) if e.position_ms else "-"
        mark = "✓" if e.played_at else " "
        print(f"{e.id:>6} {mark} {duration:>8} {position:>8}  {e.podcast_title} — {e.title}")
    return 0


def cmd_show(args: argparse.Namespace, library: Library) -> int:
    episode = library.episode(args.id)
    chapters = library.chapters(episode.id)
    if args.json:
        print_json(
            {
                "id": episode.id,
                "podcast": episode.podcast_title,
                "title": episode.title,
                "guid": episode.guid,
                "audio_url": episode.audio_url,
                "audio_path": episode.audio_path,
                "link": episode.link,
                "duration_ms": episode.duration_ms,
                "audio_length_ms": episode.audio_length_ms,
                "published_at": episode.published_at,
                "position_ms": episode.position_ms,
                "played": episode.played_at is not None,
                "notes_text": episode.notes_text,
                "chapter_sources": library.chapter_sources(episode.id),
                "chapters": _chapter_dicts(chapters),
                **asdict(episode_details(library, episode.id)),
                "podcast_details": asdict(podcast_details(library, episode.podcast_id)),
            }
        )
        return 0
    print(f"{episode.title}\n{episode.podcast_title}")
    if episode.duration_ms:
        print(f"Length: {shownotes.format_timestamp(episode.duration_ms)}", end="")
        print(f"   Position: {shownotes.format_timestamp(episode.position_ms)}")
    print(f"Audio: {episode.media or '(none)'}")
    if chapters:
        print(f"\nChapters ({chapters[0].source}):")
    section = None
    length = episode.audio_length_ms
    for c in chapters:
        if c.section and c.section != section:
            section = c.section
            print(f"  {section}")
        indent = "    " if c.section else "  "
        beyond = "  (past the end of the audio)" if length and c.start_ms >= length else ""
        print(f"{indent}{shownotes.format_timestamp(c.start_ms):>8}  {c.title}{beyond}")
    if episode.notes_text:
        print(f"\n{episode.notes_text}")
    return 0


def cmd_add(args: argparse.Namespace, library: Library) -> int:
    if args.notes and args.notes != "-":
        library.refuse_own_file(args.notes, "read")
    notes = read_text(args.notes) if args.notes else ""
    # the service checks the address or file (one rule for the command and the window)
    episode = services.add_local_episode(library, args.audio, args.title, notes, args.duration)
    chapters = library.chapters(episode.id)
    if args.json:
        print_json({"id": episode.id, "title": episode.title, "chapters": len(chapters)})
    else:
        print(f"Added episode {episode.id}: {episode.title} ({len(chapters)} chapters)")
    return 0


def cmd_demo(args: argparse.Namespace, library: Library) -> int:
    from companion.services.demo import create_demo

    podcast = create_demo(library)
    print(f"Created the demo podcast “{podcast.title}” in {library.path}")
    return 0


def cmd_chapters(args: argparse.Namespace) -> int:
    notes = read_text(args.file)
    chapters = shownotes.extract_chapters(notes, args.duration)
    if args.json:
        print_json(_chapter_dicts(chapters))
        return 0
    section = None
    for c in chapters:
        if c.section and c.section != section:
            section = c.section
            print(section)
        indent = "  " if c.section else ""
        print(f"{indent}{shownotes.format_timestamp(c.start_ms):>8}  {c.title}")
    return 0


# ----- parsing ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``companion`` command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        type=Path,
        default=argparse.SUPPRESS,
        help="library file (default: $COMPANION_LIBRARY or the user data dir)",
    )
    parser = argparse.ArgumentParser(
        prog="companion",
        description="Podcast Companion: your podcast library, its show notes and chapters.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", parents=[common], help="open the window (the default)")
    p = sub.add_parser("list", parents=[common], help="list episodes, newest first")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, default=None, help="at most N episodes")
    p.add_argument("--podcast", type=int, metavar="PODCAST_ID", help="one podcast's only")
    p = sub.add_parser("show", parents=[common], help="one episode with its chapters")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("add", parents=[common], help="add an audio file or URL with its notes")
    p.add_argument("audio", metavar="AUDIO_PATH_OR_URL")
    p.add_argument("--title", required=True)
    p.add_argument("--notes", metavar="FILE", help="show notes file (text or HTML, - for stdin)")
    p.add_argument("--duration", type=parse_duration, help="length in seconds or H:MM:SS")
    p.add_argument("--json", action="store_true", help="print JSON")
    sub.add_parser("demo", parents=[common], help="(re)create the demo podcast")
    p = sub.add_parser("chapters", parents=[common], help="the chapters of a show-notes file")
    p.add_argument("file", metavar="FILE", help="show notes (text or HTML), - for stdin")
    p.add_argument("--duration", type=parse_duration, help="drop starts past this (seconds)")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_feed_parsers(sub, common)
    add_search_parser(sub, common)
    add_queue_parser(sub, common)
    add_bookmark_parsers(sub, common)
    add_discover_parser(sub, common)
    add_sync_parsers(sub, common)
    return parser


LIBRARY_COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "add": cmd_add,
    "demo": cmd_demo,
    **FEED_COMMANDS,
    "search": cmd_search,
    "queue": cmd_queue,
    **BOOKMARK_COMMANDS,
    "discover": cmd_discover,
    **SYNC_COMMANDS,
}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line, parsed; ``command`` is None or ``"gui"`` when the window is asked for."""
    args = build_parser().parse_args(argv)
    if not hasattr(args, "library"):
        args.library = None
    return args


def run(args: argparse.Namespace) -> int:
    """Run a parsed command (not the window: companion.entry opens that)."""
    with clean_output():  # no control character of a title or a note reaches the terminal
        return _run(args)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line's commands; the window is opened by ``companion.entry`` (the ``companion``
    entry point), which sits above both this package and the app."""
    args = parse_args(argv)
    if args.command in (None, "gui"):
        print("companion: the window opens from `companion` itself (companion.entry)", file=sys.stderr)
        return 2
    return run(args)


def _run(args: argparse.Namespace) -> int:
    path = args.library or default_library_path()
    try:
        if args.command == "chapters":
            return cmd_chapters(args)
        library = Library(path)
        try:
            return LIBRARY_COMMANDS[args.command](args, library)
        finally:
            library.close()
    except (CliError, LibraryError, FeedError) as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except (sqlite3.Error, OSError) as exc:  # one that no layer below told in its own words
        print(f"companion: {describe(exc, Path(path).expanduser())}", file=sys.stderr)
        return 1
