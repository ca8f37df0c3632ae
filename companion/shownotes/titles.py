"""Title and heading text of a timeline: cleaning, bare fragments, numbering, heading lines."""

from __future__ import annotations

import re
from unicodedata import category

from .markers import LABEL_RE, SECTION_MARK_RE
from .timestamps import has_timestamp, sub_timestamps

MAX_TITLE = 300
MAX_HEADING = 80

LEAD_CHARS = " \t\n\r\u3000\u00a0-–—~～*·•●▪◆►|｜丨:：.,，、;；])）】」』>»"
_BRACKETS = {"[": "]", "(": ")", "（": "）", "【": "】", "「": "」", "『": "』", "<": ">"}
_CLOSERS = frozenset(_BRACKETS.values())
BARE_CHARS = "\t\n\r\u3000\u00a0 -–—~～*·•●▪◆►|｜丨:：.,，、;；[](){}（）【】「」『』<>«»@#"
TRAIL_CHARS = " \t\n\r\u3000\u00a0-–—~～*·•●▪◆►|｜丨:：,，、;；[(（【「『<«@"
NUMBERING_RE = re.compile(
    r"^\s*(?:[-*·•●▪◆►]\s*)?(?:(?:[0-9]{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3})[.)、）](?!\d)\s*)?"
)
# "四 后来怎么样了 01:07:18": a Chinese numeral and a space number a title like "四、" does.
CN_NUMBER_RE = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s+(?=\S)")
_ARROWS = frozenset("→⇒⟶➔")
_SENTENCE_INSIDE_RE = re.compile(r"[。！？]|[.!?](?=\s)")
_HEADING_END = frozenset("。.!！?？")  # text from clean ends in no newline: no "$" subtlety


def clean(text: str, limit: int = MAX_TITLE) -> str:
    """Collapse whitespace, drop timestamps and strip separators/brackets at both ends."""
    # " ".join(text.split()) without the split when the only whitespace is single spaces: every
    # whitespace character other than " " is unprintable, so then the collapse is a strip(" ").
    text = text.strip(" ") if "  " not in text and text.isprintable() else " ".join(text.split())
    if (":" in text or "：" in text) and has_timestamp(text):
        for _ in range(3):
            text = " ".join(sub_timestamps(text, " ").split())
            if not has_timestamp(text):
                break
        else:
            return ""
    stripped = text.lstrip(LEAD_CHARS).rstrip(TRAIL_CHARS)
    if stripped and not stripped[0].isalnum() and _decoration(stripped[0]):
        stripped = _strip_symbols(stripped)  # "▍第一部分", "🔹 开场"
    size = len(stripped)
    if (
        size > 2
        and stripped[-1] in _CLOSERS
        and _BRACKETS.get(stripped[0]) == stripped[-1]
        and stripped.count(stripped[0]) == 1
    ):
        stripped = stripped[1:-1].strip(LEAD_CHARS)
        size = len(stripped)
    if size > limit:
        cut = stripped.rfind(" ", 0, limit)
        stripped = stripped[: cut if cut > limit // 2 else limit].rstrip(TRAIL_CHARS)
    elif size == len(text):
        return stripped
    if (":" in stripped or "：" in stripped) and has_timestamp(stripped):  # stripping exposed one
        return ""
    return stripped


def _decoration(char: str) -> bool:
    """True for a pictograph or arrow that decorates a line (▍, ■, 🔹, ➤, →), not for a sign
    that means something ("<", "+", "$")."""
    return category(char) == "So" or char in _ARROWS


def _strip_symbols(text: str) -> str:
    """Text without the symbols (▍, 🔹, ➤, an emoji) that decorate its start."""
    start = 0
    while start < len(text) and (
        text[start] in LEAD_CHARS
        or _decoration(text[start])
        or (start and category(text[start])[0] == "M")  # a variation selector after an emoji
    ):
        start += 1
    return text[start:]


def is_bare(fragment: str) -> bool:
    """True when a line fragment is only bullets, numbering, brackets or separators."""
    core = fragment.strip(BARE_CHARS)
    if not core:
        return True
    if len(core) > 6:
        return False
    if len(core) <= 4 and not any(char.isalnum() for char in core):
        return True  # an emoji or an arrow for a bullet ("⏰ 00:00 开场")
    rest = NUMBERING_RE.sub("", fragment, count=1)
    return not rest.lstrip(LEAD_CHARS).rstrip(TRAIL_CHARS)


def heading_from_line(line: str) -> str | None:
    """A section heading if this whole line looks like one."""
    raw = line.strip().lstrip("#").strip()
    if not raw or LABEL_RE.fullmatch(raw):
        return None
    text = clean(raw, MAX_HEADING * 2)
    if not text or len(text) > MAX_HEADING or _SENTENCE_INSIDE_RE.search(text, 0, len(text) - 1):
        return None  # a heading holds no sentence
    # A sentence end rules the line out unless it is marked (bullet, Part N, trailing colon).
    if (
        text[-1] in _HEADING_END
        and not raw.endswith((":", "："))
        and SECTION_MARK_RE.match(" " + raw) is None
    ):
        return None
    return text
