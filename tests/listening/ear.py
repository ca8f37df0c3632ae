"""The ear: reads what VLC's afile output wrote, decodes the heard positions, and judges each seek."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from listening.positional import decode_samples, read_wav_growing

JUMP_S = 0.3  # a step in the heard position beyond what the rate explains, larger than this, is a jump
LAND_S = 1.0  # the first audio after a seek must come from this close to the target
CLEAN_S = 5.0  # ... and play on without a jump for this long


@dataclass
class Verdict:
    """How one seek sounded."""

    what: str
    target_s: float
    landed_s: float | None = None
    clean_s: float = 0.0  # how long it played on without a jump
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        landed = "never" if self.landed_s is None else f"{self.landed_s:.2f}"
        status = "clean" if self.ok else "; ".join(self.problems)
        heard = f"heard from {landed} s, then {self.clean_s:.1f} s"
        return f"{self.what}: target {self.target_s:.2f} s, {heard}: {status}"


def _follows(a: tuple[float, float], b: tuple[float, float], rate: float) -> bool:
    return abs((b[1] - a[1]) - rate * (b[0] - a[0])) <= JUMP_S


def clean(heard: list[tuple[float, float]], rate: float) -> list[tuple[float, float]]:
    """Drop lone misreadings: a moment that follows neither neighbour while they follow each other."""
    out = []
    for i, h in enumerate(heard):
        if 0 < i < len(heard) - 1:
            a, b = heard[i - 1], heard[i + 1]
            if not _follows(a, h, rate) and not _follows(h, b, rate) and _follows(a, b, rate):
                continue
        elif i == 0 and len(heard) > 2 and not _follows(h, heard[1], rate) and _follows(*heard[1:3], rate):
            continue
        out.append(h)
    return out


def run_start(heard: list[tuple[float, float]], i: int, rate: float) -> int:
    """The first index from ``i`` on where a steady run begins (a window across a seek hears both sides)."""
    for k in range(i, min(len(heard) - 2, i + 4)):
        if _follows(heard[k], heard[k + 1], rate) and _follows(heard[k + 1], heard[k + 2], rate):
            return k
    return i


def jumps(heard: list[tuple[float, float]], rate: float) -> list[int]:
    """Indexes i where heard[i] does not follow on from heard[i-1] at ``rate``."""
    out = []
    for i in range(1, len(heard)):
        (t0, p0), (t1, p1) = heard[i - 1], heard[i]
        if not _follows((t0, p0), (t1, p1), rate):
            out.append(i)
    return out


class Ear:
    """Listens to one afile output. ``mark()`` before an action, ``judge()`` once enough is heard."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._take: bytes | None = None  # what the file began with at the mark (a new take truncates it)
        self._mark_t = 0.0  # seconds of audio the take held at the mark

    def _read(self):
        samples, rate = read_wav_growing(self.path) if self.path.exists() else (None, 0)
        if samples is None or len(samples) == 0:
            return b"", [], 0.0
        head = hashlib.sha1(samples[: rate // 2].tobytes()).digest() if len(samples) >= rate // 2 else b""
        return head, decode_samples(samples, rate), len(samples) / rate

    def heard(self) -> list[tuple[float, float]]:
        """Every (output s, heard position s) of the current take."""
        return self._read()[1]

    def mark(self) -> None:
        """Remember where the output is now: what comes after is judged."""
        self._take, _, self._mark_t = self._read()

    def _since_mark(self) -> tuple[list[tuple[float, float]], bool]:
        head, heard, _ = self._read()
        new_take = self._take is None or head != self._take or not self._take
        if new_take:
            return heard, True
        return [h for h in heard if h[0] >= self._mark_t - 0.1], False

    def heard_since_mark_s(self, target_s: float) -> float:
        """How much clean-enough audio came after the landing near ``target_s`` (for waiting)."""
        heard, _ = self._since_mark()
        near = [t for t, p in heard if abs(p - target_s) <= LAND_S + 0.5]
        return (heard[-1][0] - near[0]) if near else 0.0

    def judge(self, what: str, target_s: float, rate: float, slack_s: float = 0.0) -> Verdict:
        """How the seek to ``target_s`` (known to ``slack_s``) sounded, from the mark on."""
        heard, new_take = self._since_mark()
        heard = clean(heard, rate)
        verdict = Verdict(what, target_s)
        if not heard:
            verdict.problems.append("nothing was heard")
            return verdict
        if new_take:
            start = 0  # new media: its very first audio must be the target
        else:
            found = jumps(heard, rate)
            if not found:
                verdict.problems.append(f"no seek was heard (playing on from {heard[0][1]:.2f} s)")
                return verdict
            start = found[0]
        start = run_start(heard, start, rate)
        landed = heard[start][1]
        verdict.landed_s = landed
        if abs(landed - target_s) > LAND_S + slack_s:
            verdict.problems.append(f"the first audio was {landed - target_s:+.2f} s off the target")
        after = heard[start:]
        later = jumps(after, rate)
        end = after[later[0] - 1][0] if later else after[-1][0]
        verdict.clean_s = end - after[0][0]
        if later:
            t, p = after[later[0]]
            prev = after[later[0] - 1][1]
            verdict.problems.append(f"after {verdict.clean_s:.2f} s it jumped from {prev:.2f} s to {p:.2f} s")
        elif verdict.clean_s < CLEAN_S:
            verdict.problems.append(f"only {verdict.clean_s:.2f} s were heard after the seek")
        return verdict
