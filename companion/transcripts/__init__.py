"""Transcripts: files of every kind to sorted cues (leniently), the choice among an episode's, and writers."""

from __future__ import annotations

from companion.transcripts.kinds import choose_transcript as choose_transcript
from companion.transcripts.kinds import transcript_kind as transcript_kind
from companion.transcripts.model import Cue as Cue
from companion.transcripts.model import ParsedTranscript as ParsedTranscript
from companion.transcripts.parse import parse_transcript as parse_transcript
from companion.transcripts.writers import to_srt as to_srt
from companion.transcripts.writers import to_vtt as to_vtt
