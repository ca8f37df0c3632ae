"""Run the timeline parser over a real-world seed file (one episode per line) and report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from companion.shownotes import extract_chapters, format_timestamp  # noqa: E402
from companion.shownotes.timestamps import TIMESTAMP_RE  # noqa: E402

DEFAULT_SEED = Path(__file__).resolve().parent.parent / "../shared/seeds/000_5e627e7e1c3047cb.txt"


def main(argv: list[str] | None = None) -> int:
    """Print every chapter found in each line of the seed file, then totals."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seed", nargs="?", default=str(DEFAULT_SEED))
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args(argv)
    lines = Path(args.seed).read_text(encoding="utf-8").splitlines()
    timelines = chapters_total = raw_total = 0
    sections: list[str] = []
    for number, line in enumerate(lines, 1):
        raw = sum(1 for _ in TIMESTAMP_RE.finditer(line))
        chapters = extract_chapters(line)
        raw_total += raw
        if not chapters:
            continue
        timelines += 1
        chapters_total += len(chapters)
        if not args.quiet:
            print(f"== line {number}: {len(chapters)} chapters ({raw} timestamps in line)")
        current = object()
        for chapter in chapters:
            if chapter.section != current:
                current = chapter.section
                if chapter.section and chapter.section not in sections:
                    sections.append(chapter.section)
                if not args.quiet:
                    print(f"  [section] {chapter.section}")
            if not args.quiet:
                stamp = format_timestamp(chapter.start_ms)
                print(f"    {stamp:>8} {chapter.start_ms:>8}  {chapter.title}")
    print(
        f"\nlines: {len(lines)}  timelines: {timelines}  chapters: {chapters_total}"
        f"  timestamps in file: {raw_total}  sections: {len(sections)}"
    )
    for section in sections:
        print(f"  section: {section}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
