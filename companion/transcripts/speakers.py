"""A speaker written at the start of a cue or paragraph: ``Name: text`` or ``Name：text``."""

from __future__ import annotations

import re

# a name: up to 40 characters, at most four words, no sentence punctuation or digits-only, not a URL;
# after an ASCII colon a space (so "10:30" and "https://" are no names), after a fullwidth one anything
_NAME_RE = re.compile(
    r"(?P<name>[^\s:：.?!,;。？！，；\"“”()（）<>\[\]{}\d][^:：.?!,;。？！，；\"“”()（）<>\[\]{}]{0,39}?)"
    r"\s*(?::\s+|：\s*)(?P<rest>\S.*)",
    re.DOTALL,
)


def split_speaker(text: str) -> tuple[str, str] | None:
    """``(name, rest)`` when ``text`` starts with a speaker's name and a colon, else None."""
    match = _NAME_RE.match(text)
    if not match:
        return None
    name = match.group("name").strip()
    if len(name.split()) > 4 or name.lower().startswith(("http", "www")):
        return None
    return name, match.group("rest").strip()
