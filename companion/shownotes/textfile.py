"""Text of a file a person gives (show notes): UTF-8, else GB18030 or Big5, whichever reads as Chinese."""

from __future__ import annotations

ENCODINGS = ("utf-8-sig", "gb18030", "big5hkscs")  # tried in this order; big5hkscs is a superset of Big5
SAMPLE_CHARS = 20_000  # non-ASCII characters looked at
MIN_CHARS = 8  # fewer than this tell nothing


class UndecodableText(ValueError):
    """The bytes are not UTF-8, GB18030 or Big5 text."""


def _common(char: str) -> bool:
    """True for the few thousand characters most Chinese text is made of: GB2312's level 1 (the 3,755
    most used simplified characters) and Big5's level 1 (the 5,401 most used traditional ones)."""
    try:
        code = char.encode("gb2312")
        if len(code) == 2 and 0xB0 <= code[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        code = char.encode("big5")
        return len(code) == 2 and 0xA4 <= code[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _ignored(char: str) -> bool:
    point = ord(char)
    return point < 0x80 or 0x2000 <= point <= 0x206F or 0x3000 <= point <= 0x303F or 0xFF00 <= point <= 0xFFEF


def plausibility(text: str, min_chars: int = MIN_CHARS) -> float | None:
    """The share of common Chinese characters among the text's non-ASCII letters (punctuation aside);
    None when there are fewer than ``min_chars`` to tell."""
    sample: list[str] = []
    for char in text:
        if not _ignored(char):
            sample.append(char)
            if len(sample) >= SAMPLE_CHARS:
                break
    if not sample or len(sample) < min_chars:
        return None
    return sum(1 for char in sample if _common(char)) / len(sample)


def _score(text: str) -> float:
    """How much ``text`` looks like real Chinese: private-use characters (what GB18030 makes of many
    Big5 pairs, 的 for one) never occur in real notes; else the share of common characters."""
    if any("\ue000" <= ch <= "\uf8ff" for ch in text):
        return -1.0
    score = plausibility(text, min_chars=1)  # a person's file: even a short title tells
    return 0.5 if score is None else score


def decode_text(data: bytes) -> str:
    """The text of a notes file: UTF-8 (a BOM dropped) when it is UTF-8; else the one of GB18030 and
    Big5 that decodes and reads as Chinese best (GB18030 on a tie). Raises ``UndecodableText``."""
    try:
        return data.decode(ENCODINGS[0])
    except UnicodeDecodeError:
        pass
    best: str | None = None
    best_score = -2.0
    for encoding in ENCODINGS[1:]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _score(text)
        if score > best_score:
            best, best_score = text, score
    if best is None:
        raise UndecodableText("it is not UTF-8, GB18030 or Big5 text")
    return best
