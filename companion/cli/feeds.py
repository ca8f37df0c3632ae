"""The ``companion`` commands for podcasts: subscribe, unsubscribe, refresh, OPML and downloads."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from companion import feeds, services
from companion.cli.output import print_json, terminal_control
from companion.domain import PodcastKind
from companion.library import Library, LibraryError
from companion.library.unsubscribe import podcast_usage, unsubscribe


def add_feed_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add subscribe, unsubscribe, refresh, import-opml, export-opml and download."""
    p = sub.add_parser("subscribe", parents=[common], help="subscribe to a feed URL or feed file")
    p.add_argument("source", metavar="URL_OR_FILE")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("refresh", parents=[common], help="refresh every subscription (or some)")
    p.add_argument("podcast_ids", nargs="*", type=int, metavar="PODCAST_ID", help="only these podcasts")
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
    p = sub.add_parser("unsubscribe", parents=[common], help="remove a podcast and its episodes")
    p.add_argument("podcast_id", type=int, metavar="PODCAST_ID", help="the podcast's id (companion podcasts)")
    p.add_argument("--yes", action="store_true", help="do not ask (needed when not run from a terminal)")
    p = sub.add_parser("podcasts", parents=[common], help="list the subscriptions with their ids")
    p.add_argument("--json", action="store_true", help="print JSON")


def _print_progress(done: int, total: int, message: str) -> None:
    print(f"[{done}/{total}] {message}", flush=True)


def _report_dict(report: services.SyncReport) -> dict[str, Any]:
    return {
        "podcast_id": report.podcast_id,
        "title": report.title,
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "vanished": report.vanished,
        "not_modified": report.not_modified,
        "moved_to": report.moved_to,
        "warnings": list(report.warnings),
    }


def _result_dict(result: services.RefreshResult) -> dict[str, Any]:
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
            terminal_control("\r")
            print(f"      {done * 100 // total}% ({done} of {total} episodes)", end="", flush=True)
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            terminal_control("\r\033[K")  # the line is cleared for the result


def cmd_subscribe(args: argparse.Namespace, library: Library) -> int:
    store_progress = None if args.json else _StoreProgress()
    progress = None if args.json else _print_progress
    try:
        with feeds.NotesWorkers() as workers:  # a big feed's notes on every core
            report = services.subscribe(library, args.source, progress, store_progress, workers.batch)
    finally:
        if store_progress:
            store_progress.finish()
    _print_warnings(report)
    if report.podcast_id is not None:
        _fetch_covers(library, [report.podcast_id], args.json)
    if args.json:
        print_json(_report_dict(report))
    else:
        print(
            f"Subscribed to “{report.title}” (podcast {report.podcast_id}): {report.added} new episodes,"
            f" {report.updated} updated."
        )
        if report.moved_to:
            print(f"The feed moved permanently; its new address is stored: {report.moved_to}")
    return 0


def _print_warnings(report: services.SyncReport) -> None:
    """What of a feed was skipped or mended (a broken item, a cut-off document), on stderr."""
    for warning in report.warnings:
        print(f"companion: note: {warning}", file=sys.stderr)


def _print_results(results: list[services.RefreshResult], as_json: bool) -> int:
    failed = [r for r in results if not r.ok]
    for result in results:
        if result.report is not None:
            _print_warnings(result.report)
    if as_json:
        print_json([_result_dict(r) for r in results])
    else:
        ok = len(results) - len(failed)
        print(f"{ok} of {len(results)} feeds done" + (f", {len(failed)} failed:" if failed else "."))
        for r in failed:
            print(f"  {r.title}: {r.error}")
    return 1 if failed else 0


def cmd_refresh(args: argparse.Namespace, library: Library) -> int:
    if not library.subscriptions():
        print("No subscriptions to refresh. Subscribe with: companion subscribe URL")
        return 0
    for podcast_id in args.podcast_ids:
        library.podcast(podcast_id)  # a clear error for an unknown id
    wanted = args.podcast_ids or None
    progress = None if args.json else _print_progress
    with feeds.NotesWorkers() as workers:
        results = services.refresh_all(library, progress, args.workers, wanted, workers.batch)
    _fetch_covers(library, [r.podcast_id for r in results if r.ok and r.podcast_id], args.json)
    return _print_results(results, args.json)


def _fetch_covers(library: Library, podcast_ids: list[int], quiet: bool) -> None:
    """The covers of these podcasts that are due (new, changed, or a day since their conditional GET),
    through the same plans as the window; a failure is a line on stderr, never the command's."""
    from companion.services.covers import fetch_covers, plan_covers

    jobs = plan_covers(library, podcast_ids)
    if not jobs:
        return
    summary = fetch_covers(library, jobs)  # each failure is logged: one line naming the image
    if not quiet and summary.stored:
        print(f"Covers: {summary.stored} stored" + (f", {summary.failed} failed" if summary.failed else ""))


def cmd_import_opml(args: argparse.Namespace, library: Library) -> int:
    progress = None if args.json else _print_progress
    with feeds.NotesWorkers() as workers:
        results = services.import_opml(library, args.file, progress, args.workers, workers.batch)
    if not results and not args.json:
        print(f"Nothing new to subscribe to in {args.file}.")
        return 0
    return _print_results(results, args.json)


def cmd_export_opml(args: argparse.Namespace, library: Library) -> int:
    count = services.export_opml(library, args.file)
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
            terminal_control("\r", sys.stderr)
            print(
                f"Downloading… {f'{percent}% ' if percent is not None else ''}({mb})", end="", file=sys.stderr
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
        removed = services.delete_download(library, args.id)
        print(
            f"Deleted the download of episode {args.id}."
            if removed
            else f"Episode {args.id} had no download."
        )
        return 0
    progress = _DownloadProgress()
    try:
        path = services.download_episode(library, args.id, progress)
    except KeyboardInterrupt:
        progress.finish()
        print("Stopped; run the same command again to resume.", file=sys.stderr)
        return 130
    progress.finish()
    print(f"Downloaded episode {args.id} to {path}")
    return 0


_NOT_A_FEED = {
    PodcastKind.LOCAL: "local: episodes added by hand, not a subscription",
    PodcastKind.DEMO: "demo: made by the app to try it, not a subscription",
}


def _podcast_dicts(library: Library) -> list[dict[str, Any]]:
    """The podcasts as ``companion podcasts --json`` gives them (a stable shape: tests pin it)."""
    listed = []
    for row in library.podcast_listing():
        path = library.cover_path(row["id"])
        listed.append(
            {
                "id": row["id"],
                "title": row["title"],
                "author": row["author"],
                "feed_url": row["feed_url"],
                "kind": row["kind"],
                "local": row["kind"] == PodcastKind.LOCAL.value,
                "episodes": row["episodes"],
                "unplayed": row["unplayed"],
                "last_refresh_at": row["refreshed_at"],
                "last_error": row["last_error"],
                "image_url": row["image_url"],
                "image_path": str(path) if path is not None else None,
            }
        )
    return sorted(listed, key=lambda p: p["kind"] != PodcastKind.FEED.value)  # stable: by title


def cmd_podcasts(args: argparse.Namespace, library: Library) -> int:
    """List every podcast with its id, author, episode and unplayed counts, feed address, last refresh
    (and its error) and cached cover; the subscriptions first, then the local podcast and the demo."""
    podcasts = _podcast_dicts(library)
    if args.json:
        print_json(podcasts)
        return 0
    for p in podcasts:
        where = _NOT_A_FEED.get(PodcastKind(p["kind"])) or p["feed_url"] or "no feed"
        count = p["episodes"]
        episodes = "1 episode" if count == 1 else f"{count} episodes"
        author = f" by {p['author']}" if p["author"] else ""
        print(f"{p['id']:>5}  {p['title']}{author}  ({episodes}, {p['unplayed']} unplayed)  {where}")
        if p["kind"] == PodcastKind.FEED.value:
            refreshed = _when(p["last_refresh_at"])
            print(
                f"       last refresh: {refreshed}"
                + (f"; failed: {p['last_error']}" if p["last_error"] else "")
            )
        if p["image_path"]:
            print(f"       cover: {p['image_path']}")
    if not any(p["kind"] == PodcastKind.FEED.value for p in podcasts):
        print("No subscriptions. Subscribe with: companion subscribe URL")
    return 0


def _when(epoch: int | None) -> str:
    if not epoch:
        return "never"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))


def cmd_unsubscribe(args: argparse.Namespace, library: Library) -> int:
    """Remove a podcast after saying what goes with it (and asking, unless --yes)."""
    usage = podcast_usage(library, args.podcast_id)
    print(f"Unsubscribe from “{usage.title}”? {usage.describe()}")
    if not args.yes:
        if not sys.stdin.isatty():
            raise LibraryError("Nothing was removed: add --yes to unsubscribe without being asked.")
        if input("Type yes to unsubscribe: ").strip().lower() not in ("y", "yes"):
            print("Nothing was removed.")
            return 1
    unsubscribe(library, args.podcast_id)
    print(f"Unsubscribed from “{usage.title}”.")
    return 0


FEED_COMMANDS = {
    "podcasts": cmd_podcasts,
    "subscribe": cmd_subscribe,
    "unsubscribe": cmd_unsubscribe,
    "refresh": cmd_refresh,
    "import-opml": cmd_import_opml,
    "export-opml": cmd_export_opml,
    "download": cmd_download,
}
