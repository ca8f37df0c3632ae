"""The ``companion`` command: the library from a terminal (no widgets), or the window."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from companion import feeds, shownotes
from companion.cli_bookmarks import BOOKMARK_COMMANDS, add_bookmark_parsers
from companion.cli_queue import add_queue_parser, cmd_queue
from companion.cli_search import add_search_parser, cmd_search
from companion.feeds import FeedError
from companion.library import Library, LibraryError, default_library_path
from companion.library.sync import subscriptions

TEXT_ENCODINGS = ("utf-8-sig", "gb18030", "big5")


class CliError(Exception):
    """A problem to print as one line and exit 1."""


def read_text(source: str) -> str:
    """Read a notes file (or ``-`` for stdin), trying UTF-8, then GB18030 and Big5."""
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {source}: {exc.strerror or exc}") from exc
    fallback = None
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # GB18030 accepts nearly any byte pairs, Big5 included, and maps many Big5 characters
        # (的, for one) to its private use area, which real notes do not use: then try Big5.
        if encoding == "gb18030" and any("\ue000" <= ch <= "\uf8ff" for ch in text):
            fallback = text
            continue
        return text
    if fallback is not None:
        return fallback
    raise CliError(f"cannot read {source}: it is not UTF-8, GB18030 or Big5 text")


def parse_duration(text: str) -> int:
    """Seconds (``3600``, ``90.5``) or a timestamp (``1:02:03``) as milliseconds."""
    try:
        return int(round(float(text) * 1000))
    except ValueError:
        pass
    ms = shownotes.parse_timestamp(text)
    if ms is None:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (use seconds or H:MM:SS)")
    return ms


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


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


def cmd_gui(args: argparse.Namespace) -> int:
    from companion.app import main as gui_main

    argv = ["--library", str(args.library)] if args.library else []
    return gui_main(argv)


def cmd_list(args: argparse.Namespace, library: Library) -> int:
    episodes = library.episodes(limit=args.limit)
    if args.json:
        _print_json(
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
        _print_json(
            {
                "id": episode.id,
                "podcast": episode.podcast_title,
                "title": episode.title,
                "guid": episode.guid,
                "audio_url": episode.audio_url,
                "audio_path": episode.audio_path,
                "link": episode.link,
                "duration_ms": episode.duration_ms,
                "published_at": episode.published_at,
                "position_ms": episode.position_ms,
                "played": episode.played_at is not None,
                "notes_text": episode.notes_text,
                "chapter_sources": library.chapter_sources(episode.id),
                "chapters": _chapter_dicts(chapters),
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
    for c in chapters:
        if c.section and c.section != section:
            section = c.section
            print(f"  {section}")
        indent = "    " if c.section else "  "
        print(f"{indent}{shownotes.format_timestamp(c.start_ms):>8}  {c.title}")
    if episode.notes_text:
        print(f"\n{episode.notes_text}")
    return 0


def cmd_add(args: argparse.Namespace, library: Library) -> int:
    notes = read_text(args.notes) if args.notes else ""
    source = args.audio
    audio_url = audio_path = None
    if "://" in source:
        if not source.lower().startswith(("http://", "https://", "file://")):
            raise CliError(f"unsupported address {source}: use an http(s) URL or a local file")
        audio_url = source
    else:
        path = Path(source).expanduser()
        if not path.is_file():
            raise CliError(f"no audio file at {source}")
        audio_path = str(path.resolve())
    episode = feeds.add_local_episode(
        library, audio_url or audio_path or source, args.title, notes, args.duration
    )
    chapters = library.chapters(episode.id)
    if args.json:
        _print_json({"id": episode.id, "title": episode.title, "chapters": len(chapters)})
    else:
        print(f"Added episode {episode.id}: {episode.title} ({len(chapters)} chapters)")
    return 0


def _print_progress(done: int, total: int, message: str) -> None:
    print(f"[{done}/{total}] {message}", flush=True)


def _report_dict(report: feeds.SyncReport) -> dict[str, Any]:
    return {
        "podcast_id": report.podcast_id,
        "title": report.title,
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "vanished": report.vanished,
        "not_modified": report.not_modified,
        "moved_to": report.moved_to,
    }


def _result_dict(result: feeds.RefreshResult) -> dict[str, Any]:
    return {
        "url": result.url,
        "title": result.title,
        "podcast_id": result.podcast_id,
        "error": result.error,
        **({"report": _report_dict(result.report)} if result.report else {}),
    }


class _StoreProgress:
    """A live "Storing… 40%" line on a terminal while a big feed is written; nothing otherwise."""

    def __init__(self) -> None:
        self.live = sys.stdout.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.live and total:
            print(f"\r      {done * 100 // total}% ({done} of {total} episodes)", end="", flush=True)
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            print("\r\033[K", end="", flush=True)  # the line is cleared for the result


def cmd_subscribe(args: argparse.Namespace, library: Library) -> int:
    store_progress = None if args.json else _StoreProgress()
    progress = None if args.json else _print_progress
    try:
        with feeds.NotesWorkers() as workers:  # a big feed's notes on every core
            report = feeds.subscribe(library, args.source, progress, store_progress, workers.batch)
    finally:
        if store_progress:
            store_progress.finish()
    if args.json:
        _print_json(_report_dict(report))
    else:
        print(
            f"Subscribed to “{report.title}” (podcast {report.podcast_id}): {report.added} new episodes,"
            f" {report.updated} updated."
        )
        if report.moved_to:
            print(f"The feed moved permanently; its new address is stored: {report.moved_to}")
    return 0


def _print_results(results: list[feeds.RefreshResult], as_json: bool) -> int:
    failed = [r for r in results if not r.ok]
    if as_json:
        _print_json([_result_dict(r) for r in results])
    else:
        ok = len(results) - len(failed)
        print(f"{ok} of {len(results)} feeds done" + (f", {len(failed)} failed:" if failed else "."))
        for r in failed:
            print(f"  {r.title}: {r.error}")
    return 1 if failed else 0


def cmd_refresh(args: argparse.Namespace, library: Library) -> int:
    if not subscriptions(library):
        print("No subscriptions to refresh. Subscribe with: companion subscribe URL")
        return 0
    progress = None if args.json else _print_progress
    with feeds.NotesWorkers() as workers:
        results = feeds.refresh_all(library, progress, args.workers, notes_processor=workers.batch)
    return _print_results(results, args.json)


def cmd_import_opml(args: argparse.Namespace, library: Library) -> int:
    progress = None if args.json else _print_progress
    with feeds.NotesWorkers() as workers:
        results = feeds.import_opml(library, args.file, progress, args.workers, workers.batch)
    if not results and not args.json:
        print(f"Nothing new to subscribe to in {args.file}.")
        return 0
    return _print_results(results, args.json)


def cmd_export_opml(args: argparse.Namespace, library: Library) -> int:
    count = feeds.export_opml(library, args.file)
    print(f"Wrote {count} subscriptions to {args.file}")
    return 0


class _DownloadProgress:
    """Prints a download's progress to stderr: a live line on a terminal, every 10% otherwise."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()
        self.last = -1

    def __call__(self, done: int, total: int | None) -> None:
        mb = f"{done / 1e6:.1f}" + (f" of {total / 1e6:.1f} MB" if total else " MB")
        percent = int(done * 100 / total) if total else None
        if self.live:
            print(
                f"\rDownloading… {f'{percent}% ' if percent is not None else ''}({mb})",
                end="",
                file=sys.stderr,
            )
            return
        step = (percent // 10) if percent is not None else done // 10_000_000
        if step != self.last:
            self.last = step
            print(f"Downloading… {f'{percent}% ' if percent is not None else ''}({mb})", file=sys.stderr)

    def finish(self) -> None:
        if self.live:
            print(file=sys.stderr)


def cmd_download(args: argparse.Namespace, library: Library) -> int:
    if args.delete:
        removed = feeds.delete_download(library, args.id)
        print(
            f"Deleted the download of episode {args.id}."
            if removed
            else f"Episode {args.id} had no download."
        )
        return 0
    progress = _DownloadProgress()
    try:
        path = feeds.download_episode(library, args.id, progress)
    except KeyboardInterrupt:
        progress.finish()
        print("Stopped; run the same command again to resume.", file=sys.stderr)
        return 130
    progress.finish()
    print(f"Downloaded episode {args.id} to {path}")
    return 0


def cmd_demo(args: argparse.Namespace, library: Library) -> int:
    from companion.demo import create_demo

    podcast = create_demo(library)
    print(f"Created the demo podcast “{podcast.title}” in {library.path}")
    return 0


def cmd_chapters(args: argparse.Namespace) -> int:
    notes = read_text(args.file)
    chapters = shownotes.extract_chapters(notes, args.duration)
    if args.json:
        _print_json(_chapter_dicts(chapters))
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
    p = sub.add_parser("subscribe", parents=[common], help="subscribe to a feed URL or feed file")
    p.add_argument("source", metavar="URL_OR_FILE")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("refresh", parents=[common], help="refresh every subscription")
    p.add_argument("--workers", type=int, default=4, help="feeds fetched at once (default 4)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("import-opml", parents=[common], help="subscribe to the feeds of an OPML file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--workers", type=int, default=4, help="feeds fetched at once (default 4)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("export-opml", parents=[common], help="write the subscriptions to an OPML file")
    p.add_argument("file", metavar="FILE")
    p = sub.add_parser("download", parents=[common], help="download an episode (resumes a broken one)")
    p.add_argument("id", type=int)
    p.add_argument("--delete", action="store_true", help="delete the downloaded file instead")
    p = sub.add_parser("chapters", parents=[common], help="the chapters of a show-notes file")
    p.add_argument("file", metavar="FILE", help="show notes (text or HTML), - for stdin")
    p.add_argument("--duration", type=parse_duration, help="drop starts past this (seconds)")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_search_parser(sub, common)
    add_queue_parser(sub, common)
    add_bookmark_parsers(sub, common)
    return parser


LIBRARY_COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "add": cmd_add,
    "demo": cmd_demo,
    "subscribe": cmd_subscribe,
    "refresh": cmd_refresh,
    "import-opml": cmd_import_opml,
    "export-opml": cmd_export_opml,
    "download": cmd_download,
    "search": cmd_search,
    "queue": cmd_queue,
    **BOOKMARK_COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``companion`` command."""
    args = build_parser().parse_args(argv)
    if not hasattr(args, "library"):
        args.library = None
    try:
        if args.command in (None, "gui"):
            return cmd_gui(args)
        if args.command == "chapters":
            return cmd_chapters(args)
        library = Library(args.library or default_library_path())
        try:
            return LIBRARY_COMMANDS[args.command](args, library)
        finally:
            library.close()
    except (CliError, LibraryError, FeedError) as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
