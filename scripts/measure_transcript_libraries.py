"""Measures the subtitle libraries on PyPI against our transcript fixtures: how many cues each reads.

Run it with a Python that has them (not the app's venv; the app depends on none of them):

    python -m venv /tmp/libs && /tmp/libs/bin/pip install webvtt-py pysrt srt pycaption
    PYTHONPATH=. /tmp/libs/bin/python scripts/measure_transcript_libraries.py

Each cell is "cues read right / cues in the file", counted by start (our parser's reading, which the
tests check by hand): right is our start with our text (spacing aside; no tag left, entities decoded),
"(n wrong)" counts cues read with another start or other text (a broken cue merged into the one before,
a time misread, a tag or an entity left), "!" that the library raised and read nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from companion.transcripts import Cue, parse_transcript
from companion.transcripts.timing import parse_time

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "transcripts"
VTT = ["en_full.vtt", "zh_full.vtt", "en_bare_seconds.vtt", "en_headerless_commas.vtt", "en_hours.vtt",
       "en_broken.vtt"]  # fmt: skip
SRT = ["en.srt", "zh.srt", "srt_deviations.srt"]


def _webvtt(text: str, kind: str) -> list[tuple[int, str]]:
    import tempfile

    import webvtt

    if kind == "vtt":
        captions = webvtt.from_string(text)
    else:
        with tempfile.NamedTemporaryFile("w", suffix=".srt", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            captions = webvtt.from_srt(file.name)
    return [(parse_time(c.start) or 0, c.text) for c in captions]


def _pycaption(text: str, kind: str) -> list[tuple[int, str]]:
    from pycaption import SRTReader, WebVTTReader

    reader = WebVTTReader() if kind == "vtt" else SRTReader()
    captions = reader.read(text)
    return [
        (c.start // 1000, c.get_text())
        for lang in captions.get_languages()
        for c in captions.get_captions(lang)
    ]


def _pysrt(text: str, kind: str) -> list[tuple[int, str]]:
    import pysrt

    return [(item.start.ordinal, item.text_without_tags) for item in pysrt.from_string(text)]


def _srt(text: str, kind: str) -> list[tuple[int, str]]:
    import srt

    return [(round(s.start.total_seconds() * 1000), s.content) for s in srt.parse(text)]


READERS: dict[str, tuple[Callable[[str, str], list[tuple[int, str]]], tuple[str, ...]]] = {
    "webvtt-py": (_webvtt, ("vtt", "srt")),
    "pycaption": (_pycaption, ("vtt", "srt")),
    "pysrt": (_pysrt, ("srt",)),
    "srt": (_srt, ("srt",)),
}


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _cell(reader: Callable[[str, str], list[tuple[int, str]]], text: str, kind: str, ours: list[Cue]) -> str:
    """ "right/ours" counted by start: a start is right when the library read a cue there holding our
    text of it (spaces aside, a ``Name:`` before it allowed) and no more (no cue merged into it)."""
    try:
        read = reader(text, kind)
    except Exception as error:  # noqa: BLE001 - what a library does with the file is what we measure
        return f"! {type(error).__name__}"
    at: dict[int, list[Cue]] = {}
    for cue in ours:
        at.setdefault(cue.start_ms, []).append(cue)
    right = wrong = 0
    for start, body in read:
        squeezed = _squeezed(body)
        mine = at.get(start, [])
        room = sum(len(_squeezed(c.text)) + len(_squeezed(c.speaker)) + 1 for c in mine)
        if mine and all(_squeezed(c.text) in squeezed for c in mine) and len(squeezed) <= room:
            right += 1
        else:
            wrong += 1
    return f"{right}/{len(at)}" + (f" ({wrong} wrong)" if wrong else "")


def main() -> None:
    names = list(READERS)
    print("| fixture | ours | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for name in VTT + SRT:
        kind = "vtt" if name in VTT else "srt"
        data = (FIXTURES / name).read_bytes()
        ours = list(parse_transcript(data, kind).cues)
        text = data.decode("utf-8")
        cells = [
            _cell(reader, text, kind, ours) if kind in kinds else "n/a" for reader, kinds in READERS.values()
        ]
        print(f"| {name} | {len({c.start_ms for c in ours})} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
