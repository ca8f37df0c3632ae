"""The ``companion`` commands for sync and listening from a terminal: sync (login, status, logout),
position and mark, the last two through the library's own paths, so they are queued for sync."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from typing import Any

from companion import sync
from companion.cli.errors import CliError
from companion.cli.output import print_json
from companion.library import Library
from companion.shownotes.timestamps import format_timestamp, parse_time_input


def add_sync_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``sync [login URL USER | status | logout]``, ``position ID TIME`` and ``mark ID``."""
    p = sub.add_parser("sync", parents=[common], help="sync with a gpodder.net or Nextcloud gPodder server")
    p.add_argument("action", nargs="?", default="now", choices=("now", "login", "status", "logout"))
    p.add_argument("url", nargs="?", metavar="URL", help="the server's address (login)")
    p.add_argument("user", nargs="?", metavar="USER", help="your user name there (login)")
    p.add_argument("--nextcloud", action="store_true", help="the server is Nextcloud with gPodder Sync")
    p.add_argument("--device", default="Podcast Companion", metavar="NAME", help="this device's name there")
    p.add_argument("--full", action="store_true", help="read everything again, not only what changed")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("position", parents=[common], help="set where you are in an episode (synced)")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("time", metavar="TIME", help="seconds or a timestamp, e.g. 12:34 or 1:02:03")
    p = sub.add_parser("mark", parents=[common], help="mark an episode played or unplayed (synced)")
    p.add_argument("id", type=int, metavar="ID")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--played", action="store_true")
    group.add_argument("--unplayed", action="store_true")


def _password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Password: ")
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _when(epoch: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch)) if epoch else "never"


def cmd_sync(args: argparse.Namespace, library: Library) -> int:
    """Run ``companion sync``."""
    try:
        return _sync(args, library)
    except sync.SyncError as exc:
        raise CliError(str(exc)) from exc


def _sync(args: argparse.Namespace, library: Library) -> int:
    if args.action == "login":
        if not args.url or not args.user:
            raise CliError(
                "sync login needs the server's address and your user name: companion sync login URL USER"
            )
        password = _password()
        kind = "nextcloud" if args.nextcloud else "gpodder"
        account = sync.login(library, kind, args.url, args.user, password, args.device)
        print(f"Logged in to {account.url} as {account.user}; this device is {account.device_id}.")
        print("Run `companion sync` to sync now. Up Next, stars and bookmarks stay here: the protocol has no")
        print("place for them.")
        return 0
    if args.action == "logout":
        account = sync.logout(library)
        print(f"Logged out of {account.url}." if account else "Sync was not set up.")
        return 0
    if args.action == "status":
        state = sync.status(library)
        if args.json:
            print_json(state.to_json())
            return 0
        if state.account is None:
            print("Sync is not set up. Log in with: companion sync login URL USER [--nextcloud]")
            return 0
        a = state.account
        print(f"Account: {a.user} on {a.url} ({a.kind}); this device: {a.device_name} ({a.device_id})")
        print(f"Last sync: {_when(state.last_sync_at)}; waiting to be sent: {state.pending}")
        if state.last_error:
            print(f"Last error: {state.last_error}")
        return 0
    report = sync.sync_now(library, full=args.full, progress=None if args.json else _progress)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.lines():
            print(line)
    return 1 if report.errors else 0


def _progress(done: int, total: int, message: str) -> None:
    print(message, file=sys.stderr)


def cmd_position(args: argparse.Namespace, library: Library) -> int:
    """Run ``companion position ID TIME``: the player's own save of a place."""
    episode = library.episode(args.id)
    ms = parse_time_input(args.time)
    if ms is None:
        raise CliError(f"not a time: {args.time!r} (use seconds or a timestamp like 12:34 or 1:02:03)")
    length = episode.audio_length_ms or episode.duration_ms
    if length and ms > length:
        raise CliError(
            f"{format_timestamp(ms)} is past the end of “{episode.title}” ({format_timestamp(length)})."
        )
    library.save_position(episode.id, ms)
    print(f"“{episode.title}”: at {format_timestamp(ms)}")
    return 0


def cmd_mark(args: argparse.Namespace, library: Library) -> int:
    """Run ``companion mark ID --played|--unplayed``: what the player's mark does (its place starts over)."""
    episode = library.episode(args.id)
    with library.db.atomic():
        library.set_played(episode.id, bool(args.played))
        library.save_position(episode.id, 0)
    print(f"“{episode.title}”: marked {'played' if args.played else 'unplayed'}")
    return 0


SYNC_COMMANDS = {"sync": cmd_sync, "position": cmd_position, "mark": cmd_mark}
