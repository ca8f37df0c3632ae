"""How much of a show note is shown and read: size, nesting depth, timestamp links, chapters."""

from __future__ import annotations

import re

# What the window shows of one show note (show notes run to a few thousand characters, a transcript
# pasted as notes to a few hundred thousand); the rest is left out, with a line saying so. Qt lays out
# 100,000 characters of text in ~0.1 s; these keep the worst notes under ~0.5 s (measured: README).
MAX_RENDER_CHARS = 100_000
MAX_RENDER_LINES = 3_000  # lines of plain-text notes (each a line break in one paragraph)
MAX_LAYOUT_COST = 10_000  # elements of HTML notes, weighted by what each costs Qt (a paragraph: 1)
# Elements open at once in rendered notes; deeper ones are flattened (their text kept).
MAX_DEPTH = 50
# Links (timestamps and web addresses) in rendered notes; later ones stay text.
MAX_LINKS = 2_000
# A run of this many characters without a space gets a zero-width break opportunity (Qt's line
# breaking is quadratic in the length of an unbreakable word).
MAX_WORD_CHARS = 1_000
# Read for chapters and for the search text: the first 1,000,000 characters.
MAX_READ_CHARS = 1_000_000
# Chapters taken from one show note's timeline (the first by start time), found among its first
# MAX_MARKS timestamps.
MAX_CHAPTERS = 500
MAX_MARKS = 5_000


def shorten(notes: str, limit: int) -> str:
    """``notes`` cut to at most ``limit`` characters, at a line end, a tag or a space where one is near."""
    if len(notes) <= limit:
        return notes
    floor = limit - limit // 10
    for mark in ("\n", "<", " "):
        cut = notes.rfind(mark, floor, limit + 1)
        if cut > 0:
            return notes[:cut]
    return notes[:limit]


_LINK_RE = re.compile(r"<a\b[^>]*>(.*?)</a>", re.DOTALL)  # sanitized HTML: links never nest


def cap_links(clean: str, limit: int) -> str:
    """Sanitized HTML whose links after the first ``limit`` are plain text again."""
    if clean.count("<a ") <= limit:
        return clean
    seen = 0

    def keep_or_unwrap(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return match.group(0) if seen <= limit else match.group(1)

    return _LINK_RE.sub(keep_or_unwrap, clean)


_TAG_RE = re.compile(r"(<(?:[^<>\"]|\"[^\"]*\")*>)")  # sanitized HTML: attributes are double-quoted
_WORD_RE = re.compile(r"\S+")


def _break_run(run: str) -> str:
    """A zero-width space after every MAX_WORD_CHARS characters of ``run``, never inside an entity."""
    pieces = []
    pos = 0
    while len(run) - pos > MAX_WORD_CHARS:
        cut = pos + MAX_WORD_CHARS
        amp = run.rfind("&", cut - 10, cut)
        if amp >= 0:
            semi = run.find(";", amp, amp + 12)
            if semi >= cut:  # the cut falls inside "&amp;": after it instead
                cut = semi + 1
        pieces.append(run[pos:cut])
        pos = cut
    pieces.append(run[pos:])
    return "\u200b".join(pieces)


def break_long_words(clean: str) -> str:
    """Sanitized HTML with a zero-width space after every MAX_WORD_CHARS characters of a word (text
    only, never inside a tag or an entity), so Qt can wrap it without a long stall."""
    if max(map(len, clean.split()), default=0) <= MAX_WORD_CHARS:  # (a regex would be quadratic)
        return clean

    def broken(match: re.Match[str]) -> str:
        word = match.group(0)
        return _break_run(word) if len(word) > MAX_WORD_CHARS else word

    parts = _TAG_RE.split(clean)
    for i in range(0, len(parts), 2):
        if len(parts[i]) > MAX_WORD_CHARS:
            parts[i] = _WORD_RE.sub(broken, parts[i])
    return "".join(parts)


def shortened_note(shown: int, total: int) -> str:
    """The line under notes that were cut: how much of them is shown."""
    return (
        f"<p><i>These show notes are too long to show whole: the first {shown:,} of {total:,}"
        " characters are shown.</i></p>"
    )
