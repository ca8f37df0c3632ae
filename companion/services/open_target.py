"""What ``companion URL_OR_FILE`` (and a link or file handed to the window) opens: a feed, OPML or audio.

Podcast links are mapped to the feed's own address the way other podcast apps map them (gPodder's
``normalize_feed_url``, AntennaPod's ``UrlChecker``): ``feed://``, ``itpc://``, ``pcast://`` and
``podcast://`` before a host are plain ``http://`` (the link says nothing about TLS; a server that
wants https redirects, and the fetcher follows); the prefix forms ``feed:https://…`` and
``podcast://https://…`` wrap a whole address, which is kept as it is. A ``file://`` URL is the file it
names. Files are told apart by name and then by their first bytes: OPML, a feed file, audio.
Plain Python: the command line checks its argument here before it starts or finds a window.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_SCHEMES = ("podcast", "itpc", "pcast", "feed")
AUDIO_SUFFIXES = frozenset([".mp3", ".m4a", ".m4b", ".aac", ".ogg", ".opus", ".oga", ".flac", ".wav"])
OPML_SUFFIXES = frozenset({".opml"})
SNIFF_BYTES = 4096
MAX_TARGET_CHARS = 8192  # an address longer than this is not one a person meant


class TargetKind(Enum):
    """What the window does with a target."""

    FEED = "feed"  # Add podcast, filled in (an http(s) address or a feed file)
    OPML = "opml"  # asks, then imports the subscriptions listed
    AUDIO = "audio"  # Add episode, with the file or address filled in


@dataclass(frozen=True, slots=True)
class OpenTarget:
    """A checked target: ``value`` is an http(s) address or an absolute path."""

    kind: TargetKind
    value: str

    @property
    def is_file(self) -> bool:
        """True for a file on this computer."""
        return not self.value.startswith(("http://", "https://"))


class TargetError(ValueError):
    """The argument is none of the things the app opens; the message says what it is not."""


def parse_target(text: str, cwd: str | os.PathLike[str] | None = None) -> OpenTarget:
    """The target ``text`` names (relative paths against ``cwd``), or TargetError saying why not."""
    text = (text or "").strip()
    if not text:
        raise TargetError(
            "Nothing to open: give a feed address, a podcast link, an OPML file or an audio file."
        )
    if len(text) > MAX_TARGET_CHARS:
        raise TargetError(f"Cannot open an address of {len(text)} characters.")
    url = feed_url_from_link(text)
    if url is not None:
        return _web_target(url)
    scheme = _scheme(text)
    if scheme == "file":
        return _file_target(_path_of_file_url(text), text)
    if scheme:
        message = (
            "Cannot open {target}: {scheme}: links are not podcasts; give a feed address (http or https),"
            " a podcast link (podcast://, itpc://, pcast://, feed://), an OPML file or an audio file."
        )
        raise TargetError(message.format(target=_short(text), scheme=scheme))
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = Path(cwd or os.getcwd()) / path
    return _file_target(path, text)


def feed_url_from_link(text: str) -> str | None:
    """The http(s) address a web address or podcast link stands for; None when ``text`` is neither.

    ``itpc://host/feed`` -> ``http://host/feed``; ``feed:https://host/feed``, ``pcast:https://…``,
    ``podcast://https://host/feed`` -> ``https://host/feed``. TargetError for such a link without
    an address in it."""
    scheme = _scheme(text)
    if scheme in ("http", "https"):
        return _checked_web_url(text)
    if scheme not in LINK_SCHEMES:
        return None
    rest = text[len(scheme) + 1 :]
    inner = rest[2:] if rest.startswith("//") else rest
    if _scheme(inner) in ("http", "https"):  # the prefix form: the whole address is inside
        return _checked_web_url(inner)
    inner = inner.lstrip("/")
    if _scheme(inner) or not inner:
        message = "Cannot open {target}: the {scheme}: link holds no feed address."
        raise TargetError(message.format(target=_short(text), scheme=scheme))
    return _checked_web_url(f"http://{inner}")


def _scheme(text: str) -> str:
    head, sep, _ = text.partition(":")
    if not sep or len(head) < 2 or not head[0].isalpha():  # "C:\..." and plain paths have none
        return ""
    if all(c.isalnum() or c in "+-." for c in head) and head.isascii():
        return head.lower()
    return ""


def _checked_web_url(url: str) -> str:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        message = "Cannot open {target}: it is not a valid address ({error})."
        raise TargetError(message.format(target=_short(url), error=exc)) from exc
    if not parts.hostname:
        message = "Cannot open {target}: the address names no server."
        raise TargetError(message.format(target=_short(url)))
    if any(c.isspace() or ord(c) < 32 for c in url):
        message = "Cannot open {target}: an address cannot hold spaces or control characters."
        raise TargetError(message.format(target=_short(url)))
    return parts._replace(scheme=parts.scheme.lower()).geturl()


def _web_target(url: str) -> OpenTarget:
    suffix = Path(unquote(urlsplit(url).path)).suffix.lower()
    kind = TargetKind.AUDIO if suffix in AUDIO_SUFFIXES else TargetKind.FEED
    return OpenTarget(kind, url)


def _path_of_file_url(text: str) -> Path:
    parts = urlsplit(text)
    if parts.netloc not in ("", "localhost"):
        message = "Cannot open {target}: it names a file on another computer ({host})."
        raise TargetError(message.format(target=_short(text), host=parts.netloc))
    path = unquote(parts.path)
    if not path.startswith("/"):
        message = "Cannot open {target}: a file:// address needs a whole path."
        raise TargetError(message.format(target=_short(text)))
    return Path(path)


def _file_target(path: Path, text: str) -> OpenTarget:
    path = Path(os.path.abspath(path))
    try:
        if not path.exists():
            message = "Cannot open {path}: there is no such file (and it is not a web address)."
            raise TargetError(message.format(path=path))
        if not path.is_file():
            raise TargetError(f"Cannot open {path}: it is a folder, not a file.")
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        message = "Cannot open {path}: {error}."
        raise TargetError(message.format(path=path, error=exc.strerror or exc)) from exc
    kind = file_kind(path.name, head)
    if kind is None:
        message = "Cannot open {path}: it is not an OPML file, a feed or audio."
        raise TargetError(message.format(path=path))
    return OpenTarget(kind, str(path))


def file_kind(name: str, head: bytes) -> TargetKind | None:
    """What a file is, from its name and first bytes; None when it is none of what the app opens."""
    suffix = Path(name).suffix.lower()
    if suffix in AUDIO_SUFFIXES:
        return TargetKind.AUDIO
    markup = _markup_start(head)  # before the audio magic: a UTF-16 BOM looks like an MPEG frame
    if markup.startswith("<opml") or (suffix in OPML_SUFFIXES and markup.startswith("<")):
        return TargetKind.OPML
    if markup.startswith(("<rss", "<feed", "<rdf:rdf")):
        return TargetKind.FEED
    return TargetKind.AUDIO if not markup and _is_audio(head) else None


def _is_audio(head: bytes) -> bool:
    return (
        head.startswith((b"ID3", b"fLaC", b"OggS"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WAVE")
        or head[4:8] == b"ftyp"
        or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)  # an MPEG audio frame
    )


def _markup_start(head: bytes) -> str:
    """The first element's start, lower case: ``<opml``, ``<rss`` (past a BOM, the XML declaration,
    comments and a doctype); "" when the file does not start as markup."""
    utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff")
    text = head.decode("utf-16" if utf16 else "utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    while text.startswith(("<?", "<!")):
        end = text.find("-->") + 3 if text.startswith("<!--") else text.find(">") + 1
        if end <= 0:
            return ""
        text = text[end:].lstrip()
    return text[:16].lower() if text.startswith("<") else ""


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_targets(texts: list[str], cwd: str | os.PathLike[str] | None = None) -> list[OpenTarget]:
    """Every target of a launch (a desktop may give several files at once), or TargetError for the
    first that is none of what the app opens: then none is opened."""
    return [parse_target(text, cwd) for text in texts]


def target_json(target: OpenTarget) -> dict[str, str]:
    """A target as a hand-over sends it (the window checks it again with ``parse_target``)."""
    return {"kind": target.kind.value, "value": target.value}
