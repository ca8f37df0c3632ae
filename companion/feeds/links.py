"""Relative links in show notes made absolute against the item's own address, as a browser would."""

from __future__ import annotations

import re
from urllib.parse import urljoin

# href/src attributes whose value has no scheme (``/shop``, ``notes.html``, ``//cdn...``); a fragment
# alone (``#t=10``) stays, it points inside the notes.
_RELATIVE_RE = re.compile(
    r"""(\b(?:href|src)\s*=\s*)(["']?)(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|["'])([^"'\s>]+)\2""", re.IGNORECASE
)


def absolute_links(notes: str, base: str | None) -> str:
    """``notes`` with each relative href/src resolved against ``base`` (an http(s) address); as they
    are when there is no such base or nothing is relative."""
    if not notes or not base or not base.lower().startswith(("http://", "https://")):
        return notes
    if "=" not in notes or _RELATIVE_RE.search(notes) is None:
        return notes

    def resolve(match: re.Match[str]) -> str:
        try:
            target = urljoin(base, match.group(3))
        except ValueError:  # an address urllib cannot parse: left as written
            return match.group(0)
        quote = match.group(2) or '"'
        return f"{match.group(1)}{quote}{target}{quote}"

    return _RELATIVE_RE.sub(resolve, notes)
