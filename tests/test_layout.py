"""The architecture as a test: the folders of ``bot/`` depend on each other one way, with no import circles.

The graph is read from the source (every ``import`` and ``from … import``, including those inside functions
and under ``TYPE_CHECKING``), so a circle hidden behind a late import is a circle too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT

BOT = PROJECT_ROOT / "bot"
# What the pure answer path may never import: the edges and the outside world.
NOT_IN_CORE = ("discord", "openai", "aiohttp", "httpx", "sqlite3", "bot.store", "bot.discord_app", "bot.llm",
               "bot.service", "bot.render", "bot.cli", "bot.tools")


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, absolute names; ``from bot.x import y`` counts ``bot.x.y`` when that is a
    module of ours, else ``bot.x``."""
    ours = {module_name(p) for p in BOT.rglob("*.py")}
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in ours else node.module)
    return found


def graph() -> dict[str, set[str]]:
    ours = {module_name(p): p for p in BOT.rglob("*.py")}
    return {name: {i for i in imports_of(path) if i in ours and i != name} for name, path in ours.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle once (Tarjan's strongly connected components of more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            # A package's __init__ importing its own modules is how a package exports; not a circle.
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_there_are_no_import_circles() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_circle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("path", sorted((BOT / "core").rglob("*.py")), ids=lambda p: p.name)
def test_the_core_imports_no_edge(path: Path) -> None:
    bad = sorted(i for i in imports_of(path) if i.startswith(NOT_IN_CORE))
    assert bad == [], f"{path.name} is on the pure answer path but imports {bad}"


def test_the_core_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    import discord\n    from bot.store import Store\n", encoding="utf-8")
    assert sorted(i for i in imports_of(probe) if i.startswith(NOT_IN_CORE)) == ["bot.store", "discord"]


def test_the_knowledge_schema_imports_nothing_of_parley_but_errors() -> None:
    ours = {i for i in imports_of(BOT / "knowledge" / "schema.py") if i.startswith("bot")}
    assert ours <= {"bot.errors"}, "the schema must not own its index or anything else through an import"


def test_asking_imports_none_of_the_tooling() -> None:
    """``python -m bot ask`` loads the runtime only: no bench, soak, loopback server or generated knowledge."""
    code = ("import sys, runpy; sys.argv = ['bot', '--offline', 'ask', 'Who is Heiko Maas?']\n"
            "try:\n    runpy.run_module('bot', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('LOADED', *sorted(m for m in sys.modules if m.startswith('bot.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT)}, check=False, timeout=60)
    loaded = out.stdout.split("LOADED", 1)[1].split()
    assert "bot.core.engine" in loaded, out.stderr  # the probe really answered
    assert [m for m in loaded if m.startswith(("bot.tools", "bot.discord_app"))] == []
