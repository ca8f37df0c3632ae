"""Reads the window's code: every label, message box and tooltip goes through companion/ui/plain.py,
so no text from a feed or from show notes is ever laid out as HTML (see test_plain_titles.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "companion" / "ui").glob("*.py")) + [ROOT / "companion" / "app.py"]
HOME = "companion/ui/plain.py"
# Rich text on purpose, with what goes in escaped or our own: rel path -> calls allowed there.
RICH_ON_PURPOSE = {
    "companion/ui/panes/notes_view.py": {"setHtml"},  # notes rendered safe by shownotes.render_notes_html
    "companion/ui/panes/search_box.py": {"setHtml"},  # _hit_html escapes every title and snippet
    "companion/ui/window/actions.py": {"QMessageBox.information"},  # the shortcuts table: our own HTML
    "companion/ui/window/keyboard.py": {"setHtml"},  # the shortcuts list: every name and key escaped
    "companion/ui/window/demo_hint.py": {"setTextFormat"},  # our own fixed hint text, no feed data
}


def _name(node: ast.AST) -> str:
    """``QMessageBox.information`` for that attribute chain, ``x.setToolTip`` -> ``setToolTip``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _name(node.value)
        return f"{base}.{node.attr}" if base[:1].isupper() else node.attr
    return ""


def _is_plain_tooltip(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return _name(node.func) == "plain_tooltip"
    if isinstance(node, ast.IfExp):
        return _is_plain_tooltip(node.body) and _is_plain_tooltip(node.orelse)
    return isinstance(node, ast.Constant) and node.value is None


def _is_our_text(node: ast.AST) -> bool:
    """A string written here: a literal, or a choice between literals."""
    if isinstance(node, ast.IfExp):
        return _is_our_text(node.body) and _is_our_text(node.orelse)
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _mentions_tooltip_role(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == "ToolTipRole" for n in ast.walk(node))


def problems(source: str, rel: str) -> list[str]:
    """Every place in ``source`` where text could reach Qt as rich text."""
    if rel == HOME:
        return []
    allowed = RICH_ON_PURPOSE.get(rel, set())
    found = []
    for node in ast.walk(ast.parse(source, filename=rel)):
        where = f"{rel}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in allowed:
                continue
            if name in ("QLabel", "QMessageBox"):
                found.append(f"{where}: {name}(...) guesses rich text; use plain_label / plain_message_box")
            elif name.startswith("QMessageBox.") and name.split(".")[1][:1].islower():
                found.append(f"{where}: {name}(...) guesses rich text; use plain_message_box")
            elif name == "setToolTip" and node.args:
                if not _is_our_text(node.args[-1]) and not _is_plain_tooltip(node.args[-1]):
                    found.append(f"{where}: setToolTip(...) of a variable; wrap it in plain_tooltip(...)")
            elif name == "QToolTip.showText" and not (len(node.args) > 1 and _is_plain_tooltip(node.args[1])):
                found.append(f"{where}: QToolTip.showText(...) of a variable; wrap it in plain_tooltip(...)")
            elif name in ("setHtml", "setTextFormat"):
                found.append(f"{where}: {name}(...) outside plain.py")
        elif isinstance(node, ast.If) and _mentions_tooltip_role(node.test):
            for ret in (n for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Return)):
                if ret.value is not None and not _is_plain_tooltip(ret.value):
                    found.append(f"{where}: a ToolTipRole value not made by plain_tooltip(...)")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_text_reaches_qt_as_plain_text(path: Path) -> None:
    rel = path.relative_to(ROOT).as_posix()
    assert problems(path.read_text(encoding="utf-8"), rel) == []


@pytest.mark.parametrize(
    "source",
    [
        "QLabel(title, self)",
        "box = QMessageBox(icon, 'T', text)",
        "QMessageBox.warning(self, 'T', message)",
        "item.setToolTip(0, chapter.title)",
        "label.setToolTip(f'{title}')",
        "QToolTip.showText(pos, self.describe(x), self)",
        "view.setHtml(notes)",
        "if role == Qt.ItemDataRole.ToolTipRole:\n    return row.title",
    ],
)
def test_the_rules_catch_each_way_in(source: str) -> None:
    assert problems(source, "companion/ui/example.py")


@pytest.mark.parametrize(
    "source",
    [
        "plain_label(title, self)",
        "item.setToolTip(0, plain_tooltip(chapter.title))",
        "button.setToolTip('Mute')",
        "button.setToolTip('Unmute' if muted else 'Mute')",
        "QToolTip.showText(pos, plain_tooltip(self.describe(x)), self)",
        "if role == Qt.ItemDataRole.ToolTipRole:\n    return plain_tooltip(row.title) if row else None",
    ],
)
def test_the_plain_ways_pass(source: str) -> None:
    assert problems(source, "companion/ui/example.py") == []
