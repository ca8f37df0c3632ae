"""Property tests: the transcript parser never raises (nor fails inside), keeps its cues sorted and in
range with text, and what the writers write reads back as the same cues."""

from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.transcripts import Cue, ParsedTranscript, blocks, parse_transcript, to_srt, to_vtt
from companion.transcripts.model import MAX_MS
from companion.transcripts.speakers import split_speaker
from companion.transcripts.timing import TIMING_LIKE_RE

# TRANSCRIPT_EXAMPLES=5000 for a deeper run by hand; the suite stays fast.
FAST = settings(max_examples=int(os.environ.get("TRANSCRIPT_EXAMPLES", "200")), deadline=None)
KINDS = st.sampled_from(["vtt", "srt", "json", "html", "text", None, "pdf"])

_PIECES = st.sampled_from(
    ["WEBVTT", "\n", "\n\n", "\r\n", "\r", " ", "-->", " --> ", "->", "00:00:01.000", "00:01.500", "46.280",
     "1:01.460", "00:00:02,000", "123:04:05.678", "99:59:59.999", "00:00:0X.000", "00:61.000", "9" * 30,
     "NOTE", "STYLE", "REGION", "<v Ada>", "<v.loud Ben>", "</v>", "<v>", "<b>", "</b>", "<i>", "<c.x>",
     "<00:00:01.000>", "&amp;", "&lt;", "&#0;", "&bogus;", "{\\an8}", "Ada:", "主持人：", "大家好", "。",
     "Hello", "align:start", "1", "42", "\ufeff", "\x00", "\u2028", "<", ">", "&", ":", "：", '"', "{",
     "}", "[", "]", '"segments":', '{"startTime": 1, "body": "x"}', '"startTime"', '"endTime"', '"body"',
     '"speaker"', "1e308", "-1", "NaN", "<p>", "</p>", "<cite>", "</cite>", "<time>", "</time>",
     "<script>", "<!--", "[00:01]", "\t"]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=400), st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=80).map("".join)
)
_STAMPS = st.one_of(
    st.sampled_from(
        ["00:00:01.000", "00:01.500", "46.280", "1:01.460", "00:00:02,000", "123:04:05.678", "0X:00"]
    ),
    st.integers(0, 400 * 3600 * 1000).map(
        lambda ms: f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
    ),
)
_ARROWS = st.sampled_from([" --> ", "-->", " -> ", " --> "])
_SETTINGS = st.sampled_from(["", " align:start", " line:0"])
_TIMING = st.tuples(_STAMPS, _ARROWS, st.one_of(_STAMPS, st.just("")), _SETTINGS).map("".join)
_INLINE = _PIECES.filter(lambda p: "\n" not in p and "\r" not in p)
_CUE_LINE = st.lists(st.one_of(_INLINE, st.text(max_size=6)), max_size=8).map("".join)
_BLOCK = st.tuples(
    st.sampled_from(["", "1\n", "intro\n", "NOTE x\n", "7\n"]), _TIMING, st.lists(_CUE_LINE, max_size=3)
).map(lambda b: b[0] + b[1] + "\n" + "\n".join(b[2]))
CUE_FILES = st.tuples(
    st.sampled_from(["", "WEBVTT\n\n", "\ufeffWEBVTT - x\nKind: captions\n\n"]),
    st.lists(_BLOCK, max_size=12),
    st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n \n"]),
).map(lambda f: f[0] + f[2].join(f[1]))
TEXTS = st.one_of(TEXTS, CUE_FILES)
DATA = st.one_of(st.binary(max_size=600), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")))


def one_line(text: str) -> bool:
    """No control character and no line or paragraph separator."""
    return not any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def check(parsed: ParsedTranscript) -> None:
    assert isinstance(parsed, ParsedTranscript)
    assert not any("could not be read" in w for w in parsed.warnings), parsed.warnings  # no failure inside
    starts = [c.start_ms for c in parsed.cues]
    assert starts == sorted(starts)
    for cue in parsed.cues:
        assert 0 <= cue.start_ms <= cue.end_ms <= MAX_MS
        assert cue.text and cue.text == cue.text.strip() and one_line(cue.text)
        assert cue.speaker == cue.speaker.strip() and one_line(cue.speaker)
        if not parsed.timed:
            assert cue.start_ms == cue.end_ms == 0
    assert all(isinstance(w, str) and "\n" not in w for w in parsed.warnings)
    assert parsed.format in ("vtt", "srt", "json", "html", "text", "")
    assert bool(parsed.cues) == bool(parsed.format)


@FAST
@given(DATA, KINDS)
def test_never_raises_and_keeps_its_promises(data: bytes, kind: str | None):
    check(parse_transcript(data, kind))


@FAST
@given(TEXTS, st.sampled_from(["vtt", "srt"]))
def test_what_was_read_is_written_back_the_same(text: str, kind: str):
    parsed = parse_transcript(text.encode("utf-8", "surrogatepass"), kind)
    check(parsed)
    if not parsed.timed or not parsed.cues:
        return
    again = parse_transcript(to_vtt(parsed.cues).encode(), "vtt")
    assert again.cues == parsed.cues and again.warnings == ()
    # SRT cannot tell a text starting "Name: " (or that its lines joined do) from a speaker's, nor one
    # starting like a timing ("0 ->", its lines joined) from a timing: its arrow is written "→"
    if parsed.format == "srt" and not any(
        not c.speaker and (split_speaker(c.text) or TIMING_LIKE_RE.match(c.text)) for c in parsed.cues
    ):
        assert parse_transcript(to_srt(parsed.cues).encode(), "srt").cues == parsed.cues


# generated cues: text of one line without colons (a "Name:" would be read as a speaker)
_WORDS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=":：\\"),
    min_size=1,
    max_size=30,
)
_LINE = _WORDS.map(lambda t: " ".join(t.split())).filter(bool)
_NAMES = st.sampled_from(
    ["", "Ada", "Ben Okri", "Guest 2", "主持人", "嘉宾", "Ludwig van Beethoven", "ALICE"]
)
_CUES = st.lists(
    st.tuples(st.integers(0, 500 * 3600 * 1000), st.integers(0, 60_000), _NAMES, _LINE), max_size=30
).map(lambda items: [Cue(s, s + d, who, text) for s, d, who, text in sorted(items, key=lambda i: i[0])])


@FAST
@given(_CUES)
def test_written_cues_read_back(cues: list[Cue]):
    assert parse_transcript(to_vtt(cues).encode(), "vtt").cues == tuple(cues)
    srt = parse_transcript(to_srt(cues).encode(), "srt").cues
    # SRT has no escaping: a text that is only a number or a time could be read as one; the rest is kept
    assert [(c.start_ms, c.end_ms, c.speaker) for c in srt] == [
        (c.start_ms, c.end_ms, c.speaker) for c in cues
    ]


USUAL_FILES = st.lists(st.tuples(_TIMING, _CUE_LINE), max_size=10).map(
    lambda cues: "\n\n".join(f"{i}\n{t}\n{line}" for i, (t, line) in enumerate(cues))
)  # numbered cues of one line: the quick reading's own


@FAST
@given(st.one_of(CUE_FILES, USUAL_FILES), st.sampled_from(["vtt", "srt"]))
def test_the_quick_reading_of_usual_cues_is_the_general_one(text: str, kind: str):
    data = text.encode("utf-8", "surrogatepass")
    quick = parse_transcript(data, kind)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(blocks, "_usual_chunk", lambda *args: False)
        patch.setattr(blocks, "_usual", lambda *args: False)
        general = parse_transcript(data, kind)
    assert quick == general
