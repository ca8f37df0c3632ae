"""A speaker written at the start of a cue or paragraph: ``Name: text`` or ``Name：text``."""

from __future__ import annotations

import re

# a name: up to 40 characters, at most four words each starting with a capital (or in a script without
# them; "van", "de" and the like inside), no sentence punctuation, not starting with a digit, not a URL;
# after an ASCII colon a space (so "10:30" and "https://" are no names), after a fullwidth one anything
_NAME_RE = re.compile(
    r"(?P<name>[^\s:：.?!,;。？！，；\"“”()（）<>\[\]{}\d][^:：.?!,;。？！，；\"“”()（）<>\[\]{}]{0,39}?)"
    r"\s*(?::\s+|：\s*)(?P<rest>\S.*)",
    re.DOTALL,
)


_PARTICLES = {"de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "bin", "al", "y"}


def split_speaker(text: str) -> tuple[str, str] | None:
    """``(name, rest)`` when ``text`` starts with a speaker's name and a colon, else None."""
    match = _NAME_RE.match(text)
    if not match:
        return None
    name = match.group("name").strip()
    words = name.split()
    if len(words) > 4 or name.lower().startswith(("http", "www")):
        return None
    if not all(
        _name_word(word) or (index and word.lower() in _PARTICLES) for index, word in enumerate(words)
    ):
        return None
    return name, match.group("rest").strip()


def _name_word(word: str) -> bool:
    """A word of a name: it starts with a capital or a digit, or is of a script without capitals."""
    first = word[0]
    return first.isupper() or first.isdigit() or not first.islower()
