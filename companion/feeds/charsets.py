"""Chinese text whose declared charset is wrong: Big5 bytes declared GB18030 (or the reverse) told apart."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from companion.shownotes.textfile import plausibility

__all__ = ["CJK_FAMILY", "best_decoding", "plausibility"]

log = logging.getLogger(__name__)

CJK_FAMILY = ("gb18030", "big5hkscs")  # codecs.lookup names of the superset codecs xmlsafe uses
PLAUSIBLE = 0.8  # real Chinese text has nearly all of its characters among the common ones


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
