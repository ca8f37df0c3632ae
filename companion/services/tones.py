"""Generates WAV files of plain tones, fast: the demo's audio and the tests' audio."""

from __future__ import annotations

import math
import os
import wave
from array import array
from collections.abc import Sequence
from pathlib import Path

SAMPLE_RATE = 8000


def _second_of_tone(frequency: int, sample_rate: int, amplitude: float) -> bytes:
    """One second of a sine (whole cycles, so it repeats seamlessly) with a soft pulse per second."""
    samples = array("h")
    peak = 32767 * amplitude
    for n in range(sample_rate):
        # fade the last 10% of each second, so chapters are heard as a rhythm of pulses too
        envelope = 1.0 if n < sample_rate * 0.9 else (sample_rate - n) / (sample_rate * 0.1)
        samples.append(int(peak * envelope * math.sin(2 * math.pi * frequency * n / sample_rate)))
    return samples.tobytes()


def write_tone_wav(
    path: Path | str,
    segments: Sequence[tuple[int, int]],
    sample_rate: int = SAMPLE_RATE,
    amplitude: float = 0.3,
) -> Path:
    """Write a mono 16-bit WAV of ``(seconds, frequency_hz)`` segments; atomic via a temp name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    blocks: dict[int, bytes] = {}
    with wave.open(str(tmp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        for seconds, frequency in segments:
            if frequency not in blocks:
                blocks[frequency] = _second_of_tone(frequency, sample_rate, amplitude)
            out.writeframes(blocks[frequency] * int(seconds))
    os.replace(tmp, path)
    return path


def chapter_tones(chapter_starts_s: Sequence[int], total_s: int, base_hz: int = 220) -> list[tuple[int, int]]:
    """Segments giving each chapter (by its start second) a distinct frequency."""
    starts = sorted({0, *(s for s in chapter_starts_s if 0 <= s < total_s)})
    segments = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else total_s
        segments.append((end - start, base_hz + 110 * (index % 8)))
    return segments
