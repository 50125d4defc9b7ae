"""The package's layout rules, kept by reading the code (like the docs tests keep the README).

The folders tell the data flow, and imports point one way down it:

    errors, _compiled, _version, paths  <  model  <  read  <  analyse  <  render  <  edit  <  write  <  serve  <  cli

The facade (``stagemap/__init__.py``) and ``__main__`` only re-export or start the CLI.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "stagemap"
LAYERS = (
    "errors",
    "_compiled",
    "_version",
    "paths",
    "model",
    "read",
    "analyse",
    "render",
    "edit",
    "write",
    "serve",
    "cli",
)
LEAVES = ("errors", "_compiled", "_version", "paths")
RANK = {**dict.fromkeys(LEAVES, 0), **{name: i for i, name in enumerate(LAYERS) if name not in LEAVES}}
OPTIONAL = {"cmarkgfm"}
"""Optional dependencies: imports allowed inside a function (they may be missing)."""
DEFERRED = {"markdown_it": "read/blocks.py"}
"""Dependencies one module imports inside a function, when first needed (it says why there)."""
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LONG_MARK = "# long:"
"""A function may be longer when the line above its ``def`` (or decorators) says why."""


def modules() -> Iterator[tuple[str, Path, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).with_suffix("").as_posix()
        yield rel, path, ast.parse(path.read_text("utf-8"))


def dotted(rel: str) -> str:
    return "stagemap." + rel.replace("/", ".").removesuffix(".__init__").removesuffix("__init__")


def imported(rel: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """Return the stagemap modules (dotted) and outside packages an import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        base = node.module or ""
    else:
        package = dotted(rel).split(".")
        if not rel.endswith("__init__"):
            package = package[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join(package + ([node.module] if node.module else []))
    if node.module is None or base in ("stagemap",):
        return [f"{base}.{alias.name}" for alias in node.names]
    return [base]


def layer(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "stagemap" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in RANK else None


def test_imports_point_down_the_phases() -> None:
    upward = []
    for rel, _, tree in modules():
        here = layer(dotted(rel))
        if here is None:  # the facade and __main__
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for name in imported(rel, node):
                    there = layer(name)
                    if there is not None and RANK[there] > RANK[here]:
                        upward.append(f"{rel}.py:{node.lineno}: {here} imports {name}")
    assert upward == []


def test_click_is_imported_only_by_the_cli() -> None:
    found = []
    for rel, _, tree in modules():
        if rel.startswith("cli/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and any(
                name.split(".")[0] == "click" for name in imported(rel, node)
            ):
                found.append(f"{rel}.py:{node.lineno}")
    assert found == []


def test_no_imports_inside_functions_but_optional_and_deferred_dependencies() -> None:
    found = []
    for rel, _, tree in modules():
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    names = imported(rel, node)
                    tops = {name.split(".")[0] for name in names}
                    if not all(top in OPTIONAL or DEFERRED.get(top) == f"{rel}.py" for top in tops):
                        found.append(f"{rel}.py:{node.lineno}: {', '.join(names)}")
    assert found == []


def test_no_import_circles() -> None:
    graph: dict[str, set[str]] = {}
    known = {dotted(rel) for rel, _, _ in modules()}
    for rel, _, tree in modules():
        here = dotted(rel)
        edges = graph.setdefault(here, set())
        for node in tree.body:  # module level: what runs at import time
            if isinstance(node, ast.Import | ast.ImportFrom):
                for name in imported(rel, node):
                    while name and name not in known:
                        name = name.rpartition(".")[0]
                    if name and name != here and name != "stagemap":
                        edges.add(name)
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # A package's __init__ importing its own children is how cli registers its commands.
    circles = [c for c in circles if not c.startswith("stagemap.cli -> stagemap.cli.")]
    assert circles == []


def test_modules_stay_small() -> None:
    big = [
        f"{rel}.py: {n} lines"
        for rel, path, _ in modules()
        if (n := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert big == []


def test_long_functions_say_why() -> None:
    long = []
    for rel, path, tree in modules():
        lines = path.read_text("utf-8").splitlines()
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            size = node.end_lineno - node.lineno + 1  # type: ignore[operator]
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            above = lines[first - 2].strip() if first >= 2 else ""
            if size > MAX_FUNCTION_LINES and not above.startswith(LONG_MARK):
                long.append(f"{rel}.py:{node.lineno}: {node.name} has {size} lines")
    assert long == []


def test_the_facade_imports_each_name_from_where_type_checkers_are_told_it_is() -> None:
    import stagemap

    tree = ast.parse((SRC / "__init__.py").read_text("utf-8"))
    guarded = next(node for node in tree.body if isinstance(node, ast.If))  # if TYPE_CHECKING:
    told = {
        (node.module, alias.name)
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    lazy = {(module, name) for module, names in stagemap._HOMES.items() for name in names}
    assert told == lazy | {("analyse.coverage", "analyse")}
    assert sorted(stagemap.__all__) == sorted([*stagemap._HOME, "__version__", "analyse"])
    import stagemap.analyse.check  # a module of the package named like the function
    from stagemap.analyse.coverage import analyse

    assert stagemap.analyse is analyse
    with pytest.raises(AttributeError, match="no attribute 'read_project'"):
        stagemap.read_project  # noqa: B018  (internal: not offered)


def test_the_package_imports_the_analysis_when_it_is_first_used() -> None:
    """``stagemap.analyse`` is the function, imported on first use, whichever module of the analysis came first."""
    script = (
        "import sys, stagemap\n"
        "print('stagemap.analyse.coverage' in sys.modules)\n"
        "import stagemap.analyse.kits\n"
        "from stagemap.analyse.coverage import analyse\n"
        "print(stagemap.analyse is analyse, sys.modules['stagemap'].analyse is analyse)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout == "False\nTrue True\n"


@pytest.mark.parametrize("name", ["load_project", "analyse", "Project", "Report", "Asset", "__version__"])
def test_the_facade_offers_the_public_api(name: str) -> None:
    import stagemap

    assert name in stagemap.__all__
    assert getattr(stagemap, name) is not None
