"""The package's layout: dependencies point one way, from the command down to the data model.

The import graph is read from the source (every import that runs, at module
level or inside a function; ``if TYPE_CHECKING:`` blocks excluded), so a lazy
import cannot hide a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

#: Lowest first. A module may import its own layer or a lower one, never a higher one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("newsdigest._version", "newsdigest.errors", "newsdigest.words", "newsdigest.model", "newsdigest._gc"),
    ("newsdigest.analysis", "newsdigest.ranking", "newsdigest.options"),
    ("newsdigest.pipeline",),
    ("newsdigest.output",),
    # The briefing: its library part (brief, group) works on loaded articles like
    # the runners; its feeds, store and rendering are clients of the pipeline too.
    ("newsdigest.runners", "newsdigest.evaluation", "newsdigest.briefing"),
    ("newsdigest.cli",),
    ("newsdigest._entry", "newsdigest.__main__", "newsdigest"),
)


def _module_name(path: Path) -> str:
    parts = path.with_suffix("").relative_to(SRC).parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    base = SRC.joinpath(*name.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "newsdigest":
            assert node.level == 0, f"{path}: relative import"
            found.add(node.module)
            found.update(
                f"{node.module}.{alias.name}" for alias in node.names if _is_module(f"{node.module}.{alias.name}")
            )
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "newsdigest")
    return found


def _graph() -> dict[str, set[str]]:
    graph = {_module_name(path): _imports(path) for path in (SRC / "newsdigest").rglob("*.py")}
    return {module: targets - {module} for module, targets in graph.items()}


def _layer(module: str) -> int:
    best = max(
        (
            (len(prefix), index)
            for index, layer in enumerate(LAYERS)
            for prefix in layer
            if module == prefix or module.startswith(prefix + ".")
        ),
        default=None,
    )
    assert best is not None, f"{module} is in no layer of LAYERS: add it"
    return best[1]


def test_every_module_is_in_a_layer() -> None:
    for module in _graph():
        _layer(module)


def test_imports_point_down_the_layers() -> None:
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in _graph().items()
        for target in targets
        if target != "newsdigest" and _layer(target) > _layer(module)
    )
    assert upward == []


def test_no_import_circles() -> None:
    graph = _graph()
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert circles == []


@pytest.mark.parametrize("package", sorted(p.parent.name for p in (SRC / "newsdigest").glob("*/__init__.py")))
def test_each_package_says_what_lives_there(package: str) -> None:
    doc = ast.get_docstring(ast.parse((SRC / "newsdigest" / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc
    assert "\n" not in doc.strip()


def test_the_graph_is_read_from_real_imports() -> None:
    """The checks above would pass on an empty graph; this one cannot."""
    graph = _graph()
    assert "newsdigest.pipeline.segment" in graph["newsdigest.pipeline.digest"]
    assert "newsdigest.pipeline.fetch" in graph["newsdigest.pipeline.load"]  # a lazy import inside a function
