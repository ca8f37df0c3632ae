"""Transcripts: files of every kind to sorted cues (leniently), the choice among an episode's, and writers.

Names load on first use (PEP 562): the window chooses among an episode's transcripts (``kinds``) at
start-up without loading the parsers."""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "choose_transcript": "companion.transcripts.kinds",
    "transcript_kind": "companion.transcripts.kinds",
    "Cue": "companion.transcripts.model",
    "ParsedTranscript": "companion.transcripts.model",
    "parse_transcript": "companion.transcripts.parse",
    "to_srt": "companion.transcripts.writers",
    "to_vtt": "companion.transcripts.writers",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'companion.transcripts' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
