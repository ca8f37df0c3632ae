"""Work in steps: drive a generator that yields ``(done, total)`` and returns its result at the end."""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Generic, TypeVar

R = TypeVar("R")
Steps = Generator[tuple[int, int], None, R]


@dataclass(frozen=True, slots=True)
class Finished(Generic[R]):
    """What ``advance`` gives once the steps are over: the generator's return value."""

    value: R


def advance(steps: Steps[R]) -> tuple[int, int] | Finished[R]:
    """One step: its ``(done, total)``, or ``Finished(result)`` when there are no more (an event
    loop calls this once a turn, so the window paints between steps)."""
    try:
        return next(steps)
    except StopIteration as stop:
        return Finished(stop.value)


def run_steps(steps: Steps[R], on_step: Callable[[int, int], None] | None = None) -> R:
    """Every step to the end, ``on_step(done, total)`` after each one; the generator's result."""
    while True:
        step = advance(steps)
        if isinstance(step, Finished):
            return step.value
        if on_step is not None:
            on_step(*step)
