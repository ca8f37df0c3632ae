"""Feed text made well-formed where other podcast apps read it anyway: stray ``&``, HTML entities..."""

from __future__ import annotations

import re
from html.entities import html5

# The five entities XML knows; any other name was never declared (declarations are refused).
PREDEFINED = frozenset(("amp", "lt", "gt", "quot", "apos"))
_VOID_TAGS = "br|hr|img|wbr"

# CDATA sections, comments and the DOCTYPE are kept as they are (group 1); each other
# match is one thing to mend.
_SCAN = re.compile(
    r"(<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)"
    r"|&(#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,8};|[A-Za-z][A-Za-z0-9._-]{0,40};)?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
    r"|<(?=[\s\d=<&])"
    rf"|<((?:{_VOID_TAGS})\b[^<>]*?)/?>",
    re.IGNORECASE | re.DOTALL,
)


def _allowed(point: int) -> bool:
    """True for a character XML 1.0 allows."""
    return (
        point in (0x9, 0xA, 0xD)
        or 0x20 <= point <= 0xD7FF
        or 0xE000 <= point <= 0xFFFD
        or 0x10000 <= point <= 0x10FFFF
    )


def _reference(body: str) -> str:
    """The mended form of ``&body`` (body ends with ';')."""
    if body[0] == "#":
        try:
            point = int(body[2:-1], 16) if body[1] in "xX" else int(body[1:-1])
        except ValueError:
            return "&amp;" + body
        return "&" + body if _allowed(point) else "\ufffd"
    name = body[:-1]
    if name in PREDEFINED:
        return "&" + body
    value = html5.get(body)  # &nbsp; &aacute; &hellip; ... as HTML reads them
    if value is not None:
        return _characters(value)
    # a name nobody knows: as HTML reads it, the longest old entity it starts with (&gtgt; is ">gt;"),
    # else the text it is
    for end in range(min(len(name), 6), 1, -1):
        value = html5.get(name[:end])  # the entities HTML knows without their ';'
        if value is not None:
            return _characters(value) + name[end:] + ";"
    return "&amp;" + body


def _characters(value: str) -> str:
    return "".join(f"&#{ord(char)};" for char in value)


def _mend(match: re.Match[str]) -> str:
    kept = match.group(1)
    if kept is not None:
        return kept
    text = match.group(0)
    first = text[0]
    if first == "&":
        body = match.group(2)
        return "&amp;" if body is None else _reference(body)
    if first == "<":
        void = match.group(3)
        return "&lt;" if void is None else f"&lt;{void}&gt;"  # a bare <br> in text is the HTML it means
    return ""  # a control character XML forbids


def repair_xml(text: str) -> str:
    """``text`` with what expat refuses but peers read mended: a bare ``&`` (``Society & Culture``) or
    an unknown entity (``&gtgt;``) kept as text, HTML entities (``&nbsp;``, ``&aacute;``) as their
    characters, forbidden control characters and references to them dropped, a ``<`` that opens no
    tag and unclosed ``<br>``/``<img>`` kept as text. CDATA sections, comments and the DOCTYPE are
    untouched; nothing is expanded beyond the entity's own characters and nothing is loaded."""
    return _SCAN.sub(_mend, text)
