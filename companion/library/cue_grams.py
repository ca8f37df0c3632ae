"""The single characters and character pairs of a text's CJK runs: the tokens of the 1-2 character index."""

from __future__ import annotations

import re

# Han, kana, Hangul (and their compatibility forms): the scripts written without spaces
_CJK_RUN = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]+"
)


def is_cjk(text: str) -> bool:
    """True when ``text`` is CJK characters only (what the 1-2 character index can answer)."""
    return bool(text) and _CJK_RUN.fullmatch(text) is not None


def cjk_grams(text: str) -> str:
    """Each CJK character of ``text`` and each pair of neighbours within a run, space-separated."""
    tokens: list[str] = []
    for run in _CJK_RUN.findall(text):
        tokens.extend(run)
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return " ".join(tokens)
