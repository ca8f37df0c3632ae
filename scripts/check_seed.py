"""Run the timeline parser over a real-world seed file (one episode per line) and report."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from companion.shownotes import extract_chapters, format_timestamp  # noqa: E402
from companion.shownotes.timestamps import TIMESTAMP_RE  # noqa: E402

DEFAULT_SEED = Path(__file__).resolve().parent.parent / "../shared/seeds/000_5e627e7e1c3047cb.txt"
# sha256 of the default seed's dump (every chapter's start, title and section, and the totals):
# --check fails when a change to the parser changes any of it.
REFERENCE_SHA256 = "09f6b5b5c1e19ac49aeebcd7a2bc30eaeeeec85c38c0aacdf5d84ee6d8d9955d"


def main(argv: list[str] | None = None) -> int:
    """Print every chapter found in each line of the seed file, then totals."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seed", nargs="?", default=str(DEFAULT_SEED))
    parser.add_argument("--quiet", action="store_true", help="totals only")
    parser.add_argument("--check", action="store_true", help="fail unless the dump is the reference")
    args = parser.parse_args(argv)
    out: list[str] = []
    code = _dump(Path(args.seed), out, args.quiet)
    if args.check:
        digest = hashlib.sha256("\n".join(out).encode("utf-8")).hexdigest()
        if digest != REFERENCE_SHA256:
            print(f"seed dump changed: sha256 {digest}, reference {REFERENCE_SHA256}")
            return 1
        print("seed dump: the reference (unchanged)")
    return code


def _dump(seed: Path, out: list[str], quiet: bool) -> int:
    def emit(line: str, always: bool = False) -> None:
        out.append(line)
        if always or not quiet:
            print(line)

    lines = seed.read_text(encoding="utf-8").splitlines()
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
        emit(f"== line {number}: {len(chapters)} chapters ({raw} timestamps in line)")
        current = object()
        for chapter in chapters:
            if chapter.section != current:
                current = chapter.section
                if chapter.section and chapter.section not in sections:
                    sections.append(chapter.section)
                emit(f"  [section] {chapter.section}")
            stamp = format_timestamp(chapter.start_ms)
            emit(f"    {stamp:>8} {chapter.start_ms:>8}  {chapter.title}")
    emit(
        f"\nlines: {len(lines)}  timelines: {timelines}  chapters: {chapters_total}"
        f"  timestamps in file: {raw_total}  sections: {len(sections)}",
        always=True,
    )
    for section in sections:
        emit(f"  section: {section}", always=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
