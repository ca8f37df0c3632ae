"""Enforces DESIGN.md's rules of direction and module docstrings by reading every module's imports."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "companion"
MODULES = sorted(PACKAGE.rglob("*.py"))

PLAIN_PYTHON = (
    "companion/domain/",
    "companion/library/",
    "companion/shownotes/",
    "companion/transcripts/",
    "companion/feeds/",
    "companion/services/",
    "companion/sync/",
)
VLC_HOME = "companion/playback/vlc_backend.py"


@dataclass(frozen=True)
class Import:
    """One imported name: ``module`` is absolute (``PySide6.QtCore``, ``companion.library``)."""

    module: str
    line: int
    top_level: bool


def _package_of(rel: str) -> list[str]:
    """``companion/library/db.py`` and ``companion/library/__init__.py`` are both in companion.library."""
    return rel.split("/")[:-1]


def imports_of(source: str, rel: str) -> list[Import]:
    """Every import in ``source`` (module ``rel``, e.g. ``companion/ui/x.py``), however deeply nested."""
    tree = ast.parse(source, filename=rel)
    top = {id(node) for node in tree.body}
    # statements directly under a top-level ``if``/``try`` also run at import time
    for node in tree.body:
        if isinstance(node, (ast.If, ast.Try)):
            top.update(
                id(child) for child in ast.walk(node) if isinstance(child, (ast.Import, ast.ImportFrom))
            )
    found: list[Import] = []
    for node in ast.walk(tree):
        at_top = id(node) in top
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, node.lineno, at_top) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package_of(rel)
                base = package[: len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # ``from PySide6 import QtWidgets`` imports the module PySide6.QtWidgets
            for alias in node.names:
                found.append(Import(f"{module}.{alias.name}", node.lineno, at_top))
        elif (
            isinstance(node, ast.Call)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(Import(node.args[0].value, node.lineno, at_top))
    return found


def _is(module: str, name: str) -> bool:
    return module == name or module.startswith(name + ".")


def violations(rel: str, source: str) -> list[str]:
    """What ``rel`` breaks of the rules, each naming the file, line and import."""
    problems = []
    for imp in imports_of(source, rel):
        where = f"{rel}:{imp.line} imports {imp.module}"
        if rel.startswith(PLAIN_PYTHON) and (_is(imp.module, "PySide6") or _is(imp.module, "vlc")):
            problems.append(
                f"{where}: domain, shownotes, transcripts, library, feeds, services, sync stay plain Python"
            )
        if (
            rel.startswith("companion/playback/")
            and _is(imp.module, "PySide6")
            and not _is(imp.module, "PySide6.QtCore")
        ):
            problems.append(f"{where}: playback uses PySide6.QtCore only")
        if _is(imp.module, "vlc") and rel != VLC_HOME:
            problems.append(f"{where}: vlc is imported only in {VLC_HOME}")
        if rel.startswith("companion/ui/") and any(
            _is(imp.module, name) for name in ("sqlite3", "sqlite_utils", "vlc")
        ):
            problems.append(f"{where}: the ui talks to Library and PlaybackController only")
        if rel == "companion/cli/main.py" and imp.top_level and _is(imp.module, "PySide6"):
            problems.append(f"{where}: the command imports Qt only inside cmd_gui")
    return problems


def docstring_problem(rel: str, source: str) -> str | None:
    """Why ``rel`` lacks a one-line-summary module docstring, or None."""
    tree = ast.parse(source, filename=rel)
    first = tree.body[0] if tree.body else None
    if not (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return f"{rel}: the first statement must be a docstring stating the module's one job"
    if not first.value.value.splitlines() or not first.value.value.splitlines()[0].strip():
        return f"{rel}: the docstring's first line must state the module's job (it is empty)"
    return None


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# ----- the rules over the real package ----------------------------------------------------


def test_the_package_is_found():
    names = {_rel(p) for p in MODULES}
    assert {
        "companion/cli/main.py",
        "companion/domain/__init__.py",
        VLC_HOME,
        "companion/library/library.py",
    } <= names
    assert any(n.startswith("companion/ui/") for n in names)


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_rules_of_direction(path: Path):
    problems = violations(_rel(path), path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_module_docstring(path: Path):
    problem = docstring_problem(_rel(path), path.read_text(encoding="utf-8"))
    assert problem is None, problem


def test_vlc_is_really_imported_where_it_belongs():
    # if this fails, VLC_HOME above names a file that no longer imports vlc: update the rule
    source = (ROOT / VLC_HOME).read_text(encoding="utf-8")
    assert any(_is(i.module, "vlc") for i in imports_of(source, VLC_HOME))


# ----- the checker itself catches what it should ------------------------------------------


@pytest.mark.parametrize(
    ("rel", "source", "expected"),
    [
        (
            "companion/domain/__init__.py",
            "import PySide6\n",
            "companion/domain/__init__.py:1 imports PySide6",
        ),
        (
            "companion/library/db.py",
            "from PySide6.QtCore import QObject\n",
            "companion/library/db.py:1 imports PySide6.QtCore.QObject",
        ),
        (
            "companion/shownotes/render.py",
            "def f():\n    import vlc\n",
            "companion/shownotes/render.py:2 imports vlc",
        ),
        (
            "companion/feeds/fetch.py",
            "from vlc import Instance\n",
            "companion/feeds/fetch.py:1 imports vlc.Instance",
        ),
        (
            "companion/playback/controller.py",
            "from PySide6 import QtWidgets\n",
            "companion/playback/controller.py:1 imports PySide6.QtWidgets",
        ),
        (
            "companion/playback/controller.py",
            "from PySide6.QtGui import QIcon\n",
            "companion/playback/controller.py:1 imports PySide6.QtGui.QIcon",
        ),
        (
            "companion/playback/controller.py",
            "import vlc\n",
            "companion/playback/controller.py:1 imports vlc",
        ),
        (
            "companion/app.py",
            "import importlib\nimportlib.import_module('vlc')\n",
            "companion/app.py:2 imports vlc",
        ),
        (
            "companion/ui/window/main_window.py",
            "import sqlite3\n",
            "companion/ui/window/main_window.py:1 imports sqlite3",
        ),
        (
            "companion/ui/models/episode_model.py",
            "from sqlite_utils import Database\n",
            "companion/ui/models/episode_model.py:1 imports sqlite_utils.Database",
        ),
        (
            "companion/ui/panes/player_bar.py",
            "def f():\n    from vlc import MediaPlayer\n",
            "companion/ui/panes/player_bar.py:2 imports vlc.MediaPlayer",
        ),
        (
            "companion/cli/main.py",
            "from PySide6.QtWidgets import QApplication\n",
            "companion/cli/main.py:1 imports PySide6",
        ),
        (
            "companion/cli/main.py",
            "try:\n    import PySide6\nexcept ImportError:\n    pass\n",
            "companion/cli/main.py:2 imports PySide6",
        ),
    ],
)
def test_checker_reports_violations(rel: str, source: str, expected: str):
    problems = violations(rel, source)
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    ("rel", "source"),
    [
        ("companion/playback/backend.py", "from PySide6.QtCore import QObject, Signal\n"),
        ("companion/playback/backend.py", "from PySide6 import QtCore\n"),
        (VLC_HOME, "def f():\n    import vlc\n"),
        ("companion/cli/main.py", "def cmd_gui():\n    from PySide6.QtWidgets import QApplication\n"),
        (
            "companion/ui/window/main_window.py",
            "from PySide6.QtWidgets import QMainWindow\nfrom ..library import Library\n",
        ),
        ("companion/library/db.py", "import sqlite3\nfrom .migrations import MIGRATIONS\n"),
        ("companion/library/db.py", "import vlcish\n"),
    ],
)
def test_checker_allows_what_the_rules_allow(rel: str, source: str):
    assert violations(rel, source) == []


def test_relative_imports_resolve_to_absolute_names():
    found = imports_of("from . import db\nfrom ..shownotes import render\n", "companion/library/__init__.py")
    assert [i.module for i in found] == ["companion.library.db", "companion.shownotes.render"]
    found = imports_of("from .model import X\n", "companion/shownotes/chapters.py")
    assert [i.module for i in found] == ["companion.shownotes.model.X"]


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        ('"""Does one thing."""\n', True),
        ('"""Does one thing.\n\nMore words here.\n"""\nimport os\n', True),
        ("import os\n", False),
        ("", False),
        ('"""\nStarts on the second line."""\n', False),
        ('x = 1\n"""Too late to be a docstring."""\n', False),
        ("# a comment is not a docstring\nimport os\n", False),
    ],
)
def test_docstring_checker(source: str, ok: bool):
    assert (docstring_problem("companion/x.py", source) is None) is ok


# ----- the layer order and no cycles ----------------------------------------------------------

# Bottom to top; a module imports only from its own layer or below (siblings on one rank do not import
# each other). main.py and scripts/ are outside the package.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("domain",),
    ("shownotes", "transcripts"),
    ("library", "feeds"),
    ("services",),
    ("sync",),
    ("playback", "jobs"),
    ("ui", "desktop"),
    ("cli",),
    ("app",),
    ("entry",),
    ("__main__", "__init__"),
)
# The command never imports the window: cli sits above ui in the order only so that entry can choose.
CLI_NEVER = ("ui", "desktop", "jobs", "app")
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def layer_of(module: str) -> str | None:
    """``companion.library.db`` -> ``library``; None outside the package."""
    parts = module.split(".")
    if parts[0] != "companion":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(rel: str) -> str:
    """``companion/library/__init__.py`` -> ``companion.library``; ``companion/app.py`` -> its name."""
    parts = rel.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(source: str) -> set[int]:
    """Lines of imports under ``if TYPE_CHECKING:`` (they never run)."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.If) and (
            (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
            or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
        ):
            for child in node.body:
                lines.update(n.lineno for n in ast.walk(child) if isinstance(n, (ast.Import, ast.ImportFrom)))
    return lines


def layer_problems(rel: str, source: str) -> list[str]:
    """Imports of ``rel`` that go up the layer order or across to a sibling (TYPE_CHECKING ones too)."""
    own = layer_of(module_name(rel))
    problems = []
    for imp in imports_of(source, rel):
        target = layer_of(imp.module)
        if own is None or target is None or target == own:
            continue
        if target not in RANK or own not in RANK:
            problems.append(
                f"{rel}:{imp.line} imports {imp.module}: {own} or {target} has no place in LAYERS"
            )
        elif own == "cli" and target in CLI_NEVER:
            problems.append(f"{rel}:{imp.line} imports {imp.module}: the command never imports the window")
        elif RANK[target] >= RANK[own]:
            way = "across to its sibling" if RANK[target] == RANK[own] else "up to"
            problems.append(f"{rel}:{imp.line} imports {imp.module}: {own} reaches {way} {target}")
    return problems


def _resolve(module: str, known: set[str]) -> str | None:
    """The package module an imported name lives in (``companion.feeds.rss.parse_feed`` -> its module)."""
    while module:
        if module in known:
            return module
        module = module.rpartition(".")[0]
    return None


def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    """Module -> the package modules it imports (module- and function-level; not TYPE_CHECKING).

    Importing ``a.b.c`` also runs ``a/__init__`` and ``a/b/__init__``, but a package's own
    ``__init__`` importing its modules is not a cycle with them: edges to a module's own parent
    packages are left out."""
    names = {module_name(rel): rel for rel in sources}
    graph: dict[str, set[str]] = {name: set() for name in names}
    for name, rel in names.items():
        skip = _type_checking_lines(sources[rel])
        for imp in imports_of(sources[rel], rel):
            if imp.line in skip:
                continue
            target = _resolve(imp.module, set(names))
            if target and target != name and not name.startswith(target + "."):
                graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (``[a, b, a]``), or None."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _package_sources() -> dict[str, str]:
    return {_rel(p): p.read_text(encoding="utf-8") for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_layer_order(path: Path):
    problems = layer_problems(_rel(path), path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_every_layer_is_placed():
    tops = {layer_of(module_name(_rel(p))) for p in MODULES}
    assert tops <= set(RANK), f"place these in LAYERS: {sorted(tops - set(RANK))}"


def test_no_import_cycles():
    cycle = find_cycle(import_graph(_package_sources()))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


TC_APP = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from companion.app import A\n"


@pytest.mark.parametrize(
    ("rel", "source", "expected"),
    [
        (
            "companion/library/db.py",
            "from companion.feeds.rss import X\n",
            "library reaches across to its sibling",
        ),
        (
            "companion/feeds/fetch.py",
            "def f():\n    from companion.library import L\n",
            "feeds reaches across",
        ),
        (
            "companion/domain/__init__.py",
            "from companion.shownotes import r\n",
            "domain reaches up to shownotes",
        ),
        (
            "companion/services/demo.py",
            "from companion.jobs.workers import T\n",
            "services reaches up to jobs",
        ),
        ("companion/cli/main.py", "from companion.app import CompanionApp\n", "never imports the window"),
        ("companion/cli/main.py", "from ..ui.window import main_window\n", "never imports the window"),
        (
            "companion/cli/feeds.py",
            "from companion.jobs.feed_jobs import FeedJobs\n",
            "never imports the window",
        ),
        ("companion/ui/x.py", TC_APP, "ui reaches up to app"),
        ("companion/newthing/x.py", "from companion.domain import Podcast\n", "has no place in LAYERS"),
    ],
)
def test_layer_checker_reports_upward_imports(rel: str, source: str, expected: str):
    problems = layer_problems(rel, source)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("rel", "source"),
    [
        (
            "companion/services/subscriptions.py",
            "from companion.feeds import f\nfrom companion.library import L\n",
        ),
        ("companion/entry.py", "from companion.cli.main import main\nfrom companion.app import run\n"),
        ("companion/library/db.py", "from companion.library.migrations import M\nimport sqlite3\n"),
        ("companion/jobs/feed_jobs.py", "from companion.services import subscriptions\n"),
    ],
)
def test_layer_checker_allows_downward_imports(rel: str, source: str):
    assert layer_problems(rel, source) == []


def test_cycle_checker_finds_a_cycle_and_only_real_ones():
    sources = {
        "companion/cli/__init__.py": '"""cli."""\nfrom companion.cli import main\n',
        "companion/cli/main.py": '"""main."""\ndef f():\n    from companion.cli import bookmarks\n',
        "companion/cli/bookmarks.py": '"""bookmarks."""\nfrom companion.cli.main import f\n',
        "companion/cli/output.py": '"""output."""\n',
    }
    cycle = ["companion.cli.main", "companion.cli.bookmarks", "companion.cli.main"]
    assert find_cycle(import_graph(sources)) == cycle
    sources["companion/cli/bookmarks.py"] = '"""bookmarks."""\nfrom companion.cli.output import x\n'
    assert find_cycle(import_graph(sources)) is None  # a package importing its own modules is no cycle
    sources["companion/cli/output.py"] = '"""output."""\n' + TC_APP.replace(
        "companion.app", "companion.cli.bookmarks"
    )
    assert find_cycle(import_graph(sources)) is None  # type-checking imports never run
