"""JSON as the app writes it for people and programs: indented UTF-8, every control character escaped."""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and isolates
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_json_controls(json_text: str) -> str:
    """JSON text with every control character written as a ``\\u`` escape: the same JSON value,
    never raw controls (json.dumps leaves DEL, C1 and bidi controls raw with ensure_ascii=False)."""
    return CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def json_text(value: Any) -> str:
    """``value`` as JSON text: indented by 2, non-ASCII kept as it is, controls escaped (a title from a
    feed cannot drive a terminal that shows the file), ending in a newline."""
    return escape_json_controls(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"
