"""Small modules and functions, by test: no module of the package past 400 lines, no function past 60
lines unless its docstring says why ("Long on purpose: ..."); the few exceptions are listed with theirs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "companion"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "Long on purpose:"

# module -> why it may be longer (each entry a debt with its reason, not a licence)
LONG_MODULES: dict[str, str] = {}
# "module:function" -> why it may be longer without saying so in its docstring
LONG_FUNCTIONS: dict[str, str] = {}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def module_problem(rel: str, source: str, limit: int = MAX_MODULE_LINES) -> str | None:
    """Why the module ``rel`` is too long, or None."""
    lines = len(source.splitlines())
    if lines > limit and rel not in LONG_MODULES:
        return f"{rel}: {lines} lines (at most {limit}): split it along a real seam"
    return None


def function_problems(rel: str, source: str, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """Every function of ``rel`` longer than ``limit`` lines whose docstring gives no reason."""
    problems = []
    for node in ast.walk(ast.parse(source, filename=rel)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        doc = ast.get_docstring(node) or ""
        if length > limit and REASON not in doc and f"{rel}:{node.name}" not in LONG_FUNCTIONS:
            problems.append(
                f"{rel}:{node.lineno} {node.name} is {length} lines (at most {limit}, or say why in its"
                f" docstring: {REASON!r})"
            )
    return problems


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_no_module_is_past_400_lines(path):
    assert module_problem(_rel(path), path.read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_no_function_is_past_60_lines_without_a_reason(path):
    assert function_problems(_rel(path), path.read_text(encoding="utf-8")) == []


def test_the_allow_lists_name_only_what_exists_and_needs_it():
    for rel in LONG_MODULES:
        source = (ROOT / rel).read_text(encoding="utf-8")
        assert len(source.splitlines()) > MAX_MODULE_LINES, f"{rel} is short now: take it off the list"
    for entry in LONG_FUNCTIONS:
        rel, name = entry.split(":")
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        found = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name]
        assert found, f"{entry} does not exist: take it off the list"
        assert any(n.end_lineno - n.lineno + 1 > MAX_FUNCTION_LINES for n in found), f"{entry} is short now"


# ----- the checks catch what they are for ----------------------------------------------------


def test_a_long_module_is_caught():
    assert "401 lines" in (module_problem("companion/x.py", "pass\n" * 401) or "")
    assert module_problem("companion/x.py", "pass\n" * 400) is None


def _function(lines: int, doc: str = "One line.") -> str:
    body = "".join("    x = 1\n" for _ in range(lines - 2))
    return f'def f():\n    """{doc}"""\n{body}'


def test_a_long_function_is_caught_unless_it_says_why():
    assert function_problems("companion/x.py", _function(60)) == []
    (problem,) = function_problems("companion/x.py", _function(61))
    assert "f is 61 lines" in problem
    assert function_problems("companion/x.py", _function(61, f"One line. {REASON} a hot loop.")) == []
    nested = "class C:\n" + "".join("    " + line + "\n" for line in _function(70).splitlines())
    assert len(function_problems("companion/x.py", nested)) == 1
