"""The layout rules of the developers' guide, checked: no import cycle between modules, no private
name imported across packages, no module far over the size rule."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "harmwatch"
MAX_LINES = 650


def _modules() -> dict[str, Path]:
    mods = {}
    for path in PKG.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        rel = path.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


def _imports(name: str, path: Path, known: set[str]) -> list[tuple[str, list[str], bool]]:
    """(module imported, names taken from it, at module level) for each import of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top_level = {id(n) for n in tree.body}
    for node in tree.body:  # imports under `if TYPE_CHECKING:` or try at module level count too
        if isinstance(node, (ast.If, ast.Try)):
            top_level |= {id(n) for n in ast.walk(node)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            # "from . import x" imports the submodule x
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in known]
            for s in subs:
                out.append((s, [], id(node) in top_level))
            if target in known:
                out.append((target, [n for n in names if f"{target}.{n}" not in known],
                            id(node) in top_level))
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name in known:
                    out.append((a.name, [], id(node) in top_level))
    return out


def _graph(top_level_only: bool) -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        graph[name] = {t for t, _, top in _imports(name, path, known)
                       if t != name and (top or not top_level_only)}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _without_package_inits(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's ``__init__`` re-exporting its submodules is not a cycle of design: drop the
    edges from a package to its own submodules."""
    return {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}


def test_the_walk_sees_the_package():
    graph = _graph(top_level_only=False)
    assert {"harmwatch.cli", "harmwatch.extract", "harmwatch.store"} <= set(graph)
    assert "harmwatch.models" in graph["harmwatch.extract"]


def test_the_checker_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_modules():
    cycles = _cycles(_without_package_inits(_graph(top_level_only=False)))
    assert not cycles, f"import cycles: {cycles}"


def test_no_private_name_imported_across_packages():
    mods = _modules()
    known = set(mods)
    bad = []
    for name, path in mods.items():
        pkg = name.split(".")[1] if "." in name else ""
        for target, names, _ in _imports(name, path, known):
            tpkg = target.split(".")[1] if "." in target else ""
            for n in names:
                if n.startswith("_") and not n.startswith("__") and tpkg != pkg:
                    bad.append(f"{name} imports {target}.{n}")
    assert not bad, "private names imported across packages:\n" + "\n".join(bad)


def test_modules_stay_small():
    big = {name: n for name, path in _modules().items()
           if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not big, f"modules over {MAX_LINES} lines: {big}"
