"""The ``companion transcript`` command: an episode's transcript as text, JSON, SRT or WebVTT."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from companion.cli.errors import CliError
from companion.cli.output import print_json
from companion.library import Library
from companion.services.bookmarks_export import format_hms


def add_transcript_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``transcript`` subcommand to the ``companion`` parser."""
    p = sub.add_parser("transcript", parents=[common], help="an episode's transcript (fetched when needed)")
    p.add_argument("id", type=int, metavar="ID")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="its source and cues as JSON")
    form.add_argument("--srt", action="store_true", help="as SubRip (.srt)")
    form.add_argument("--vtt", action="store_true", help="as WebVTT (.vtt)")


def _ensure_stored(library: Library, episode_id: int) -> None:
    """Fetch the episode's best transcript when none is stored yet (as the window does when shown)."""
    from companion.services.transcripts import plan_transcript_fetch

    stored = library.stored_transcript(episode_id)
    if stored is not None and stored.cue_count:
        return
    plan = plan_transcript_fetch(library, episode_id)
    if plan is None:
        if stored is None:
            title = library.episode(episode_id).title
            raise CliError(f"“{title}” (episode {episode_id}) has no transcript.")
        return
    print(f"Fetching the transcript of “{plan.title}” ({plan.candidate.url})", file=sys.stderr)
    plan.store(library, plan.fetch())


def cmd_transcript(args: argparse.Namespace, library: Library) -> int:
    """Print the episode's transcript (fetching it first when the feed has one not yet stored)."""
    from companion.services.transcripts import stored_cues
    from companion.transcripts import to_srt, to_vtt

    library.episode(args.id)  # a clear error for an unknown id
    _ensure_stored(library, args.id)
    stored = library.stored_transcript(args.id)
    assert stored is not None
    if stored.error:
        raise CliError(stored.error)
    cues = stored_cues(library, args.id)
    if args.json:
        source = {k: getattr(stored, k) for k in ("url", "path", "type", "language", "format", "timed")}
        print_json(
            {
                "episode_id": args.id,
                "source": source,
                "cues": [
                    {"start_ms": c.start_ms, "end_ms": c.end_ms, "speaker": c.speaker, "text": c.text}
                    for c in cues
                ],
            }
        )
    elif args.srt or args.vtt:
        sys.stdout.write(to_srt(cues) if args.srt else to_vtt(cues))
    else:
        for c in cues:
            speaker = f"{c.speaker}: " if c.speaker else ""
            print(f"{format_hms(c.start_ms):>8}  {speaker}{c.text}")
    return 0
