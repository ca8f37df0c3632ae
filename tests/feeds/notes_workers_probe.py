"""Runs big notes batches on NotesWorkers for ever (until killed), printing "busy" once they work."""

from __future__ import annotations

import sys

from companion.feeds.notes_workers import NotesWorkers


def main() -> None:
    notes = "".join(f"{m:02d}:{s:02d} 第{m}部分 Topic {s}<br/>" for m in range(60) for s in range(0, 60, 7))
    items = [(notes, None)] * 400
    with NotesWorkers(max_workers=2, min_items=100) as workers:
        workers.process(items)
        print("busy", flush=True)
        while True:
            workers.process(items)


if __name__ == "__main__":
    sys.exit(main())
