"""A scored corpus of show notes in every common shape: recall, precision, titles and sections."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from companion.shownotes import extract_chapters, format_timestamp, parse_timestamp

CORPUS = Path(__file__).parent / "fixtures" / "shownotes" / "corpus"
EXPECTED = Path(__file__).parent / "fixtures" / "shownotes" / "corpus.json"

Row = tuple[int, str, "str | None"]


@dataclass
class Score:
    """Counts over a set of notes; the figures are ratios of them."""

    expected: int = 0
    found: int = 0
    starts: int = 0  # expected starts found (each found chapter matches at most one)
    titles: int = 0  # expected chapters found with the exact title
    sectioned: int = 0  # expected chapters that have a section
    sections: int = 0  # of those, found with the exact section
    sections_all: int = 0  # expected chapters found with the exact section (None included)
    notes: int = 0
    empty_notes: int = 0  # notes without a timeline
    empty_with_chapters: list[str] = field(default_factory=list)

    def add(self, name: str, expected: list[Row], found: list[Row]) -> None:
        self.notes += 1
        self.expected += len(expected)
        self.found += len(found)
        if not expected:
            self.empty_notes += 1
            if found:
                self.empty_with_chapters.append(name)
        unused = list(found)
        for start, title, section in expected:
            same = [row for row in unused if row[0] == start]
            if not same:
                continue
            best = next((row for row in same if row[1] == title), same[0])
            unused.remove(best)
            self.starts += 1
            self.titles += best[1] == title
            self.sections_all += best[2] == section
            if section is not None:
                self.sections += best[2] == section
        self.sectioned += sum(1 for row in expected if row[2] is not None)

    def figures(self) -> dict[str, float]:
        def ratio(part: int, whole: int) -> float:
            return 100.0 * part / whole if whole else 100.0

        return {
            "recall": ratio(self.starts, self.expected),
            "precision": ratio(self.starts, self.found),
            "titles": ratio(self.titles, self.expected),
            "sections": ratio(self.sections, self.sectioned),
            "sections_all": ratio(self.sections_all, self.expected),
        }

    def line(self, label: str) -> str:
        f = self.figures()
        return (
            f"{label:<12} {self.notes:>3} notes, {self.expected:>3} chapters, found {self.found:>4}:"
            f" recall {f['recall']:5.1f}%"
            f"  precision {f['precision']:5.1f}%  titles {f['titles']:5.1f}%  sections {f['sections']:5.1f}%"
            f" (all {f['sections_all']:5.1f}%)  no-timeline notes with chapters "
            f"{len(self.empty_with_chapters)}/{self.empty_notes}"
        )


def load_corpus() -> list[tuple[str, str, str, int | None, list[Row]]]:
    """(name, class, notes, duration_ms, expected rows) for every note of the corpus."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    out = []
    for name in sorted(expected):
        spec = expected[name]
        notes = (CORPUS / name).read_text(encoding="utf-8")
        duration = parse_timestamp(spec["duration"]) if "duration" in spec else None
        rows: list[Row] = []
        for start, title, section in spec["chapters"]:
            ms = parse_timestamp(start)
            assert ms is not None, (name, start)
            rows.append((ms, title, section))
        out.append((name, spec["class"], notes, duration, rows))
    return out


def _rows(notes: str, duration_ms: int | None) -> list[Row]:
    return [(c.start_ms, c.title, c.section) for c in extract_chapters(notes, duration_ms)]


def _show(rows: list[Row]) -> str:
    return "\n".join(f"      {format_timestamp(s):>8} {t!r} [{sec}]" for s, t, sec in rows) or "      (none)"


def test_every_note_of_the_corpus_has_an_expectation() -> None:
    names = {path.name for path in CORPUS.iterdir()}
    assert names == set(json.loads(EXPECTED.read_text(encoding="utf-8")))
    assert len(names) >= 60


def test_corpus_scores() -> None:
    total = Score()
    by_class: dict[str, Score] = {}
    wrong: list[str] = []
    for name, label, notes, duration, expected in load_corpus():
        found = _rows(notes, duration)
        total.add(name, expected, found)
        by_class.setdefault(label, Score()).add(name, expected, found)
        if found != expected:
            wrong.append(f"  {name}\n    expected:\n{_show(expected)}\n    found:\n{_show(found)}")
    print()
    for label, score in sorted(by_class.items()):
        print(score.line(label))
    print(total.line("all"))
    figures = total.figures()
    assert not wrong, f"{len(wrong)} notes differ:\n" + "\n".join(wrong)
    assert figures == {key: 100.0 for key in figures}
    assert total.empty_with_chapters == [] and total.empty_notes >= 10
