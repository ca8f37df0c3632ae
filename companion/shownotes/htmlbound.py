"""Notes HTML rewritten balanced, shallow and small, so neither the sanitizer nor the notes view stalls.

The HTML parser behind nh3 takes time quadratic in the nesting depth (100,000 unclosed ``<div>`` take
about a minute), and Qt's text layout is slow on deep nesting, nested tables, long lists and many
inline elements. ``bound_html`` reads the tags with one linear scan and writes them back: only the tags
the notes keep, each closed, never more than ``max_depth`` open at once (deeper ones are dropped, their
text kept, a block becoming a line break), tables inside tables flattened to text, and it stops once the
elements written would cost Qt more than ``budget`` to lay out. Text is escaped, so the parser sees no tag
but the ones written here. The sanitizer still runs on the result: this is about cost, not safety.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

# One token from a "<": a comment, a declaration or processing instruction, a start or end tag, or a
# bogus end tag. Attribute values are quoted only right after "=", as the HTML tokenizer reads them; an
# unclosed quote or tag runs to the end, as there. Possessive repeats: one linear scan, no backtracking.
_TOKEN_RE = re.compile(
    r"<(?:"
    r"!--(?>-?>|.*?(?:--!?>|\Z))"
    r"|[!?][^>]*+(?:>|\Z)"
    r"|(/?)([a-zA-Z][^\s/>]*+)((?:[^>=]++|=\s*+\"[^\"]*+(?:\"|\Z)|=\s*+'[^']*+(?:'|\Z)|=)*+)(?:>|\Z)"
    r"|/[^>]*+(?:>|\Z)"
    r")",
    re.DOTALL,
)
_ATTR_RE = re.compile(
    r"([^\s\"'>/=]++)(?:\s*+=\s*+(?:\"([^\"]*+)\"?|'([^']*+)'?|([^\s>]++)))?",
)
VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
     "wbr"]
)  # fmt: skip
# Elements whose text is raw (no tags inside) up to their end tag.
RAW_TEXT = frozenset(["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea",
                      "title"])  # fmt: skip
BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "center", "dd", "details", "div", "dl", "dt", "fieldset",
     "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
     "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
     "ul"]
)  # fmt: skip
_CLOSES_P = BLOCKS - {"td", "th", "tr", "tbody", "thead", "tfoot"}
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
FORMATTING = frozenset(["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
                        "tt", "u"])  # fmt: skip
_CELL_EDGES = frozenset(["td", "th", "tr", "table", "caption"])  # formatting does not carry past these
_TABLE_PARTS = frozenset(["tr", "td", "th", "tbody", "thead", "tfoot", "caption"])
# What an element costs Qt to lay out, in units of a paragraph (measured: a table cell ~200 us, a list
# item ~80 us, an inline element ~30 us in a long paragraph, a line break ~10-20 us, a paragraph ~5 us),
# more the deeper it is nested.
_COST = {"td": 20, "th": 20, "tr": 2, "li": 8, "br": 2, "hr": 2}
_BLOCK_COST = 1
MAX_ATTRIBUTE_CHARS = 4096
_INLINE_COST = 5
# Where the search for an open element to close implicitly stops (the HTML parser's scopes, roughly).
_P_SCOPE = frozenset(["table", "td", "th", "button", "object", "caption"])
_LIST_SCOPE = BLOCKS - {"address", "div", "p"}
_IMPLIED = {
    "li": ({"li"}, _LIST_SCOPE),
    "dt": ({"dt", "dd"}, _LIST_SCOPE),
    "dd": ({"dt", "dd"}, _LIST_SCOPE),
    "tr": ({"tr"}, {"table"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tbody": ({"tbody", "thead", "tfoot"}, {"table"}),
    "thead": ({"tbody", "thead", "tfoot"}, {"table"}),
    "tfoot": ({"tbody", "thead", "tfoot"}, {"table"}),
    "a": ({"a"}, set()),
}


def _attributes(raw: str, wanted: Collection[str]) -> str:
    """The wanted attributes of a raw tag, written back double-quoted."""
    out = []
    seen = set()
    for match in _ATTR_RE.finditer(raw):
        name = match.group(1).lower()
        if name in wanted and name not in seen:
            seen.add(name)
            value = next((v for v in match.group(2, 3, 4) if v is not None), "")
            if len(value) > MAX_ATTRIBUTE_CHARS:
                continue  # a 100 KB link target is no link (and slow to lay out)
            out.append(f' {name}="{value.replace(chr(34), "&quot;").replace("<", "&lt;")}"')
    return "".join(out)


class _Writer:
    """The balanced output: a stack of open elements, at most ``max_depth`` deep."""

    def __init__(self, max_depth: int, budget: int, max_tables: int) -> None:
        self.out: list[str] = []
        self.stack: list[tuple[str, str]] = []  # (name, attributes as written)
        self.open: dict[str, int] = {}  # how many of each name the stack holds
        self.dropped: dict[str, int] = {}
        self.reopen: list[tuple[str, str]] = []  # formatting closed by a block edge, open again at text
        self.max_depth = max_depth
        self.budget = budget  # layout cost left; below 0 the writer is full
        self.max_tables = max_tables
        self.flat_tables = 0  # open tables written as text (too deep)
        self.at_break = True  # nothing but a break since the last block edge

    @property
    def full(self) -> bool:
        """True once the elements written cost the whole budget."""
        return self.budget < 0

    def spend(self, name: str) -> None:
        cost = _COST.get(name, _BLOCK_COST if name in BLOCKS else _INLINE_COST)
        self.budget -= cost + cost * len(self.stack) // 8  # Qt's styling walks the ancestors

    def text(self, chunk: str) -> None:
        if chunk:
            if self.reopen:
                self.reconstruct()
            self.out.append(chunk.replace("<", "&lt;"))
            self.at_break = False

    def line_break(self) -> None:
        if not self.at_break:
            self.spend("br")
            self.out.append("<br>")
            self.at_break = True

    def reconstruct(self) -> None:
        """Open again the formatting (bold, a link…) that a block edge closed, as browsers do."""
        pending, self.reopen = self.reopen, []
        for name, attrs in pending:
            self.push(name, attrs)

    def push(self, name: str, attrs: str) -> None:
        if len(self.stack) >= self.max_depth:
            self.dropped[name] = self.dropped.get(name, 0) + 1
            if name in BLOCKS:
                self.line_break()
        else:
            self.spend(name)
            self.stack.append((name, attrs))
            self.open[name] = self.open.get(name, 0) + 1
            self.out.append(f"<{name}{attrs}>")
            self.at_break = name in BLOCKS

    def close_to(self, index: int) -> None:
        """Close the open elements from the top down to ``stack[index]``, that one included; formatting
        above it opens again at the next text (not past a table cell)."""
        if index >= len(self.stack):
            return
        keep = self.stack[index][0] not in _CELL_EDGES
        carried = []
        while len(self.stack) > index:
            name, attrs = self.stack.pop()
            self.open[name] -= 1
            self.out.append(f"</{name}>")
            if keep and name in FORMATTING and len(self.stack) > index:
                carried.append((name, attrs))
        if not keep:
            self.reopen = []
        elif carried:
            self.reopen = (carried[::-1] + self.reopen)[: self.max_depth]
        self.at_break = False

    def find(self, names: Collection[str], stops: Collection[str]) -> int:
        """Index of the innermost open element in ``names`` above any in ``stops``; -1 if none."""
        if not any(self.open.get(name) for name in names):
            return -1
        for i in range(len(self.stack) - 1, -1, -1):
            name = self.stack[i][0]
            if name in names:
                return i
            if name in stops:
                return -1
        return -1

    def close_p(self) -> None:
        """A block starting closes an open paragraph (as the HTML parser does)."""
        found = self.find(("p",), _P_SCOPE)
        if found >= 0:
            self.close_to(found)

    def table_part(self, name: str, closing: bool) -> bool:
        """Handle a table tag inside a flattened table (or outside any table); False when it is kept."""
        if self.flat_tables:
            if name == "table":
                self.flat_tables += -1 if closing else 1
            if name in ("table", "tr"):
                self.line_break()
            elif not closing and name in ("td", "th"):
                self.text(" ")
            return True
        if name == "table":
            if closing or self.open.get("table", 0) < self.max_tables:
                return False
            self.flat_tables = 1
            self.line_break()
            return True
        return self.find(("table",), ()) < 0  # a cell or row outside a table: dropped, as browsers do

    def start(self, name: str, attrs: str) -> None:
        if (name == "table" or name in _TABLE_PARTS) and self.table_part(name, False):
            return
        if name in _CLOSES_P:
            self.close_p()
        if name in _HEADINGS and self.stack and self.stack[-1][0] in _HEADINGS:
            self.close_to(len(self.stack) - 1)
        implied = _IMPLIED.get(name)
        if implied is not None:
            found = self.find(*implied)
            if found >= 0:
                self.close_to(found)
                if name == "a":
                    self.reopen = [entry for entry in self.reopen if entry[0] != "a"]
        if self.reopen and name not in BLOCKS:
            self.reconstruct()
        if name in VOID:
            self.spend(name)
            self.out.append(f"<{name}{attrs}>")
            self.at_break = name in ("br", "hr")
        else:
            self.push(name, attrs)

    def end(self, name: str) -> None:
        if name == "br":  # </br> is a line break to browsers
            self.start("br", "")
            return
        if (name == "table" or name in _TABLE_PARTS) and self.table_part(name, True):
            return
        if self.dropped.get(name):
            self.dropped[name] -= 1
            if name in BLOCKS:
                self.line_break()
            return
        for i in range(len(self.reopen) - 1, -1, -1):
            if self.reopen[i][0] == name:  # closed before it was open again
                del self.reopen[i]
                return
        found = self.find((name,), ())
        if found >= 0:
            self.close_to(found)
            if name in BLOCKS:
                self.at_break = True


def bound_html(
    notes: str,
    keep: Collection[str],
    attributes: Mapping[str, Collection[str]],
    drop_content: Collection[str],
    max_depth: int = 50,
    budget: int = 10_000,
    max_tables: int = 1,
) -> tuple[str, int]:
    """``notes`` with only the ``keep`` tags (and their ``attributes``), balanced, at most ``max_depth``
    elements open at once and ``max_tables`` tables; ``drop_content`` elements go with their content,
    other tags are unwrapped. Returns the HTML and how many characters of ``notes`` it holds: all of
    them unless the elements would cost more than ``budget`` to lay out (a paragraph costs 1)."""
    writer = _Writer(max_depth, budget, max_tables)
    pos = 0
    size = len(notes)
    search = _TOKEN_RE.search
    while pos < size:
        match = search(notes, pos)
        if match is None:
            writer.text(notes[pos:])
            pos = size
            break
        writer.text(notes[pos : match.start()])
        pos = match.end()
        closing, raw_name, raw_attrs = match.groups()
        if raw_name is None:
            continue  # a comment, declaration or bogus tag: nothing shown
        if pos == size and not match.group(0).endswith(">"):
            break  # a tag cut off by the end: dropped, as browsers do
        name = raw_name.lower()
        if closing:
            if name in keep:
                writer.end(name)
            continue
        if name == "plaintext":  # the rest is text
            writer.text(notes[pos:])
            pos = size
            break
        if name in drop_content and name not in VOID:
            pos = _skip_element(notes, pos, name, raw_attrs)
        elif name in RAW_TEXT:  # its text, shown as text
            stop = _raw_end(notes, pos, name)
            writer.text(notes[pos:stop])
            pos = _TOKEN_RE.match(notes, stop).end() if stop < size else size
        elif name in keep:
            if writer.full:  # the elements so far cost the budget: stop before this one
                pos = match.start()
                break
            wanted = attributes.get(name, ())
            writer.start(name, _attributes(raw_attrs, wanted) if wanted and raw_attrs else "")
        elif name in _CLOSES_P:  # <section>, <article>…: unwrapped, but still the end of a paragraph
            writer.close_p()
    writer.close_to(0)
    return "".join(writer.out), pos


def _raw_end(notes: str, pos: int, name: str) -> int:
    """Where the end tag of a raw-text element opened before ``pos`` starts (the end if none)."""
    end_re = re.compile(rf"</{name}(?=[\s/>]|\Z)", re.IGNORECASE)
    found = end_re.search(notes, pos)
    return found.start() if found else len(notes)


def _skip_element(notes: str, pos: int, name: str, raw_attrs: str) -> int:
    """Past the end of an element opened before ``pos`` whose content is dropped."""
    if name in RAW_TEXT:
        stop = _raw_end(notes, pos, name)
        return _TOKEN_RE.match(notes, stop).end() if stop < len(notes) else len(notes)
    if raw_attrs.rstrip().endswith("/") and name in ("svg", "math"):
        return pos  # <svg/>: nothing inside
    tag_re = re.compile(rf"<(/?){name}(?=[\s/>]|\Z)" + (r"|<body(?=[\s/>])" if name == "head" else ""), re.I)
    depth = 1
    for found in tag_re.finditer(notes, pos):
        if found.group(1) is None:  # <body> ends <head>
            return found.start()
        depth += -1 if found.group(1) else 1
        if depth == 0:
            token = _TOKEN_RE.match(notes, found.start())
            return token.end() if token else found.end()
    return len(notes)
