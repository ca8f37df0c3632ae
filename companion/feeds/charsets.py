"""Chinese text whose declared charset is wrong: Big5 bytes declared GB18030 (or the reverse) told apart."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from companion.shownotes.textfile import plausibility

__all__ = ["CJK_FAMILY", "best_decoding", "plausibility"]

log = logging.getLogger(__name__)

CJK_FAMILY = ("gb18030", "big5hkscs")  # codecs.lookup names of the superset codecs xmlsafe uses
PLAUSIBLE = 0.8  # real Chinese text has nearly all of its characters among the common ones


# Windows-1252's letters and quotes where ISO-8859-1 has C1 control characters (0x80-0x9F): what
# HTML readers do for text declared ISO-8859-1, since such "Latin-1" text is nearly always cp1252.
_C1_TO_CP1252 = {}
for _byte in range(0x80, 0xA0):
    try:
        _C1_TO_CP1252[_byte] = bytes([_byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: cp1252 has none, Latin-1's is kept
        pass
WESTERN = frozenset(("latin-1", "iso8859-1", "ascii", "cp1252", "iso8859-15"))
_C1_RE = re.compile("[\x80-\x9f]")


def western(data: bytes, encoding: str = "latin-1") -> str:
    """``data`` as ISO-8859-1/15 (or ASCII) text read as browsers read it: its 0x80-0x9F bytes are
    Windows-1252's quotes, dashes and letters (``don\x92t`` is ``don’t``)."""
    text = data.decode("iso8859-15" if encoding == "iso8859-15" else "latin-1")
    if _C1_RE.search(text) is None:
        return text
    return text.translate(_C1_TO_CP1252)


def guess_undeclared(data: bytes, said: str | None) -> str:
    """The text of ``data`` whose charset was not given (``said`` None) or said to be a Western one:
    UTF-8 when it is UTF-8 with letters beyond ASCII (a server's default "ISO-8859-1" is often wrong),
    then GB18030 or Big5 when those read as Chinese text, else Windows-1252."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and (said is None or not text.isascii()):
        return text
    if text is None:
        for name in CJK_FAMILY:
            try:
                other = data.decode(name)
            except UnicodeDecodeError:
                continue
            score = plausibility(other)
            if score is not None and score >= PLAUSIBLE:
                log.warning("Text declared %s reads as %s; decoded as %s", said or "nothing", name, name)
                return other
        if said is None:
            lenient = data.decode("utf-8", errors="replace")
            if lenient.count("\ufffd") * 4 < sum(1 for char in lenient if ord(char) > 0x7F):
                return lenient  # UTF-8 with a few broken bytes
    return western(data, said or "latin-1")


def best_decoding(
    data: bytes, declared: str, candidates: Iterable[str] = ("utf-8", *CJK_FAMILY)
) -> str | None:
    """The text of ``data`` in ``declared`` when that reads as real text, else in the candidate that
    decodes without error and reads as Chinese best; None when nothing decodes cleanly.

    Only CJK declarations are second-guessed (and any declaration that does not decode): a strict
    GB18030 decode of Big5 bytes succeeds, but gives kana, symbols and rare characters.
    """
    try:
        text = data.decode(declared)
    except UnicodeDecodeError:
        text = None
    else:
        if declared not in CJK_FAMILY:
            return text
        score = plausibility(text)
        if score is None or score >= PLAUSIBLE:
            return text
    best, best_score, best_name = text, (plausibility(text) or 0.0) if text is not None else -1.0, declared
    for name in candidates:
        if name == declared:
            continue
        try:
            other = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = plausibility(other)
        score = 1.0 if score is None else score
        if score > best_score + 0.2 or (best is None and score >= PLAUSIBLE):
            best, best_score, best_name = other, score, name
    if best_name != declared:
        log.warning("Text declared %s reads as %s; decoded as %s", declared, best_name, best_name)
    return best
