"""Feed bytes to safe XML: decode any declared charset (GB18030, GBK, Big5...) and parse without entities."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from typing import Any, Protocol
from xml import sax
from xml.parsers import expat

import defusedxml
from defusedxml.expatreader import DefusedExpatParser

from companion.feeds.charsets import WESTERN, best_decoding, guess_undeclared
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


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 (LE or BE) told from where the zero bytes of the first characters fall (XML 1.0,
    appendix F); None for a document that has a byte-order mark or is not wide."""
    head = data[:64]
    if len(head) < 4 or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if head[:4] == b"\x00\x00\x00<":
        return "utf-32-be"
    if head[:4] == b"<\x00\x00\x00":
        return "utf-32-le"
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd >= half * 3 // 4 and even == 0:
        return "utf-16-le"
    if even >= half * 3 // 4 and odd == 0:
        return "utf-16-be"
    return None


def decode_xml(data: bytes, http_charset: str | None = None) -> str:
    """The text of an XML document: BOM first, then its own declaration, then the HTTP charset, then UTF-8;
    a Chinese declaration whose bytes do not read as Chinese text is checked against the others."""
    wide = _wide_encoding(data)
    if wide is not None:  # UTF-16 or UTF-32 without a byte-order mark: its zero bytes tell which
        return data.decode(wide, errors="replace")
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
    encoding = encoding or _codec(http_charset)
    if encoding is None or encoding in WESTERN:  # not said, or said Latin-1: often not so
        return guess_undeclared(data, encoding)
    text = best_decoding(data, encoding)  # a declaration that lies (Big5 bytes said to be GB18030)
    if text is None:
        # a few bad bytes should not cost the listener the whole feed
        return data.decode(encoding, errors="replace")
    return text


_LATE_DECL_RE = re.compile(r"<\?xml\s[^>]*\?>")


def to_utf8_xml(text: str) -> bytes:
    """``text`` as UTF-8 bytes whose XML declaration (if any) says UTF-8, ready for expat; whatever a
    server printed before the declaration (blank lines, a PHP warning) is left out."""
    text = text.lstrip()
    if not text.startswith("<?xml"):
        late = _LATE_DECL_RE.search(text, 0, 4096)
        if late is not None:
            text = text[late.start() :]
    match = _DECL_ANY_RE.match(text)
    if match:
        text = '<?xml version="1.0" encoding="UTF-8"?>' + text[match.end() :]
    return text.encode("utf-8", errors="replace")


_PROLOG_RE = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!doctype\b(?:[^\[>]|\[.*?\])*>", re.I | re.S)
_ROOT_RE = re.compile(r"<([A-Za-z_][\w:.-]*)")


def looks_like_html(text: str) -> bool:
    """True when a document is a web page rather than a feed: its first element is <html> (an XHTML
    DOCTYPE before <rss>, as some publishers' templates write, is still a feed)."""
    head = text[:8192]
    pos = 0
    doctype_html = False
    while True:
        match = _PROLOG_RE.match(head, pos)
        if match is None or match.end() == pos:
            break
        if match.group(0)[:9].lower() == "<!doctype":
            doctype_html = match.group(0)[9:].lstrip()[:4].lower() == "html"
        pos = match.end()
    root = _ROOT_RE.match(head, pos)
    if root is None:
        return doctype_html or head[pos:].lstrip()[:5].lower() == "<html"
    return root.group(1).lower() == "html"


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


class ExpatTarget(Protocol):
    """What ``run_expat`` drives: element starts and ends, text, and the parser for positions."""

    parser: Any

    def on_start(self, name: str, attrs: dict[str, str]) -> None: ...
    def on_end(self, name: str) -> None: ...
    def on_text(self, text: str) -> None: ...


@dataclass(frozen=True, slots=True)
class XmlError(Exception):
    """Where and why expat stopped reading: its error code, line, column and byte index."""

    code: int
    line: int
    column: int
    index: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


class UndefinedEntity(Exception):
    """An entity the document never declared (expat skips those after an external DTD)."""


# Errors at the very end of a document that stops early: the rest was never sent.
TRUNCATION_CODES = frozenset(
    expat.errors.codes[message]
    for message in (
        expat.errors.XML_ERROR_NO_ELEMENTS,
        expat.errors.XML_ERROR_UNCLOSED_TOKEN,
        expat.errors.XML_ERROR_PARTIAL_CHAR,
        expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
)


def _refuse_entity(name: str, *_: Any) -> None:
    raise defusedxml.EntitiesForbidden(name, None, None, None, None, None)


def _skipped_entity(name: str, is_parameter: bool) -> None:
    raise UndefinedEntity(name)


def run_expat(data: bytes, target: ExpatTarget, what: str) -> None:
    """Drive ``target`` over UTF-8 ``data`` with expat: entity declarations refused (FeedError), nothing
    outside the document read (no DTD, no external entity), text handed over in runs of up to 64 KB.

    A well-formedness error raises XmlError (where and why), an entity the document uses without
    declaring it UndefinedEntity; the caller decides what to mend.
    """
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.SkippedEntityHandler = _skipped_entity
    parser.StartElementHandler = target.on_start
    parser.EndElementHandler = target.on_end
    parser.CharacterDataHandler = target.on_text
    target.parser = parser
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise XmlError(
            exc.code, exc.lineno, exc.offset + 1, parser.ErrorByteIndex, expat.errors.messages[exc.code]
        ) from None
    except defusedxml.EntitiesForbidden as exc:
        raise FeedError(
            f"{what} declares its own XML entities ({exc.name!r}); podcast feeds never need them and they "
            "can be used to attack the reader, so it was refused. Ask the publisher to fix the feed."
        ) from exc
    finally:
        target.parser = None
