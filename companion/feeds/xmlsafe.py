"""Feed bytes to safe XML: decode any declared charset (GB18030, GBK, Big5...) and parse without entities."""

from __future__ import annotations

import codecs
import io
import re
from xml import sax

import defusedxml
from defusedxml.expatreader import DefusedExpatParser

from companion.feeds.charsets import best_decoding
from companion.feeds.errors import FeedError

_DECL_RE = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"'][^>]*\?>")
_DECL_ANY_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
# Declared names to the codec that reads them best: GB2312 and GBK feeds often use GB18030 characters,
# Big5 feeds often use HKSCS ones; both supersets decode the smaller sets unchanged.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "x-x-big5": "big5hkscs",
}


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_xml(data: bytes, http_charset: str | None = None) -> str:
    """The text of an XML document: BOM first, then its own declaration, then the HTTP charset, then UTF-8;
    a Chinese declaration whose bytes do not read as Chinese text is checked against the others."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    match = _DECL_RE.match(data[:512])
    encoding = _codec(match.group(1).decode("ascii")) if match else None
    encoding = encoding or _codec(http_charset) or "utf-8"
    text = best_decoding(data, encoding)  # a declaration that lies (Big5 bytes said to be GB18030)
    if text is None:
        # a few bad bytes should not cost the listener the whole feed
        return data.decode(encoding, errors="replace")
    return text


def to_utf8_xml(text: str) -> bytes:
    """``text`` as UTF-8 bytes whose XML declaration (if any) says UTF-8, ready for expat."""
    match = _DECL_ANY_RE.match(text)
    if match:
        text = text[: match.start()] + '<?xml version="1.0" encoding="UTF-8"?>' + text[match.end() :]
    return text.encode("utf-8", errors="replace")


def looks_like_html(text: str) -> bool:
    """True when a document is a web page rather than a feed."""
    head = text[:2048].lstrip().lower()
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :].lstrip()
    while head.startswith("<!--"):
        end = head.find("-->")
        head = head[end + 3 :].lstrip() if end >= 0 else ""
    return head.startswith(("<!doctype html", "<html"))


class _BufferedParser(DefusedExpatParser):
    """DefusedExpatParser whose expat hands over each run of text in one call, not one per line."""

    def reset(self) -> None:
        super().reset()
        self._parser.buffer_text = True
        self._parser.buffer_size = 1 << 16


def parse_safely(data: bytes, handler: sax.handler.ContentHandler, what: str) -> None:
    """Run a SAX ``handler`` over UTF-8 ``data`` with entities and external references refused.

    ``what`` names the document in error messages ("the feed https://...").
    """
    # Entity declarations are refused (billion laughs, external entities). External references
    # (an RSS 0.91 DOCTYPE's DTD) are skipped without being read: the features below are off.
    parser = _BufferedParser(forbid_dtd=False, forbid_entities=True, forbid_external=False)
    parser.setContentHandler(handler)
    parser.setFeature(sax.handler.feature_external_ges, False)
    parser.setFeature(sax.handler.feature_external_pes, False)
    try:
        parser.parse(io.BytesIO(data))
    except defusedxml.EntitiesForbidden as exc:
        raise FeedError(
            f"{what} declares its own XML entities ({exc.name!r}); podcast feeds never need them and they "
            "can be used to attack the reader, so it was refused. Ask the publisher to fix the feed."
        ) from exc
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden) as exc:
        raise FeedError(
            f"{what} refers to an external file or DTD; it was refused and nothing outside it was read."
        ) from exc
    except sax.SAXParseException as exc:
        raise FeedError(
            f"{what} is not well-formed XML (line {exc.getLineNumber()}, column {exc.getColumnNumber()}: "
            f"{exc.getMessage()}). The publisher has to fix it; the library was not changed."
        ) from exc
