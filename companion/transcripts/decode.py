"""A transcript file's bytes to text: a BOM's encoding, else UTF-16 told by its zero bytes, UTF-8, GB18030.

The notes files' ``shownotes.textfile.decode_text`` is a sibling layer's (transcripts may use domain
only) and knows no UTF-16, which subtitle tools write; this never raises.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when most of the first bytes at even or odd places are zero (ASCII text in
    UTF-16), else None."""
    sample = data[:4000]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > pairs * 0.4 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.4 and odd < pairs * 0.05:
        return "utf-16-be"
    return None


def decode_transcript(data: bytes, warnings: list[str]) -> str:
    """The text of ``data``; what could not be read cleanly is replaced and said in ``warnings``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError:
                warnings.append(f"the file says {encoding} but is not: unreadable characters replaced")
                return body.decode(encoding, errors="replace")
    encoding = _utf16_without_bom(data)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        warnings.append("the file is not UTF-8, UTF-16 or GB18030 text: unreadable characters replaced")
        return data.decode("utf-8", errors="replace")
