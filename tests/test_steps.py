"""Work in steps is driven one way (``companion.library.steps``): step by step, or to the end."""

from __future__ import annotations

import pytest

from companion.library.steps import Finished, advance, run_steps
from companion.library.unsubscribe import unsubscribe


def _counting(total: int, result: str):
    for done in range(1, total + 1):
        yield done, total
    return result


def test_advance_gives_each_step_then_the_result():
    steps = _counting(2, "over")
    assert [advance(steps), advance(steps), advance(steps)] == [(1, 2), (2, 2), Finished("over")]


def test_run_steps_reports_every_step_and_returns_the_result():
    seen: list[tuple[int, int]] = []
    assert run_steps(_counting(3, "done"), lambda done, total: seen.append((done, total))) == "done"
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert run_steps(_counting(0, "nothing to do")) == "nothing to do"


def test_an_error_in_a_step_reaches_the_caller():
    def failing():
        yield 1, 2
        raise ValueError("the second step failed")

    with pytest.raises(ValueError, match="second step"):
        run_steps(failing())


def test_unsubscribe_runs_its_steps_to_the_end(library, tone_episode):
    usage = unsubscribe(library, tone_episode.podcast_id)
    assert usage.title == "Test Cast"
    assert library.episodes() == []
