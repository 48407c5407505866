"""The modules of roadmap/ import each other without a circle, and no library's private name.

Two graphs. The import graph has an edge for each module an import statement names
(anywhere in the module, a function's imports too); a module importing its own
package is no edge (Python ran the package first: the microblog layout's `bp`, the
root's create_app). It has no circle.

The graph Python walks adds what an import runs first: importing
`roadmap.schedule.models` runs the package `roadmap.schedule`, whose `__init__`
imports the schedule's routes at its end. There a module may meet another that is
still running (two features linking each other's models do); that is harmless as long
as it takes no name the other has not bound yet, which is tested too.
"""

import ast
import importlib
import inspect
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "roadmap"
# Names with a leading underscore that the libraries document as public.
DOCUMENTED = {
    "_get_current_object",  # werkzeug.local.LocalProxy
    "_asdict",  # namedtuple and SQLAlchemy Row
}
# Methods that change a container in place (a library module's table, say).
MUTATORS = {"update", "setdefault", "append", "extend", "insert", "pop", "clear", "__setitem__"}
# What a line that reaches into a library where it has no public hook says about it.
KEPT_MARK = "no public hook"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def ancestors(name: str) -> list[str]:
    """Return the packages Python runs before the module: roadmap, roadmap.schedule…"""
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def imported(tree: ast.AST, name: str, is_package: bool) -> list[tuple[str, list[str], ast.stmt]]:
    """Return (module, [names], statement) for every import anywhere in the module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, [], node) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((base, [alias.name for alias in node.names], node))
    return found


def targets_of(base: str, names: list[str], known, runs_packages: bool = False) -> list[str]:
    """Return the modules of roadmap an import names: the submodules it names (or the
    module itself, for a name defined there); and, when `runs_packages`, every package
    on their way, which Python runs first."""
    targets = [f"{base}.{item}" for item in names if f"{base}.{item}" in known]
    if base in known and len(targets) < max(len(names), 1):
        targets.append(base)
    if runs_packages:
        targets += [package for target in targets for package in ancestors(target)]
    return targets


def import_graph(runs_packages: bool = False) -> dict[str, set[str]]:
    """Return {module: modules of roadmap it imports} (with what those run first, if asked)."""
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = {name, *ancestors(name)}
        for base, names, _node in imported(tree, name, is_package(path)):
            graph[name].update(set(targets_of(base, names, known, runs_packages)) - own)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def reached(graph: dict[str, set[str]], start: str, running: set[str] = frozenset()) -> set[str]:
    """Return every module importing `start` runs, `start` left out; modules `running`
    already are not run again, nor what they import."""
    seen, todo = set(), [start]
    while todo:
        for target in graph[todo.pop()]:
            if target not in seen and target not in running:
                seen.add(target)
                todo.append(target)
    return seen - {start}


def blueprint_packages() -> set[str]:
    """Return the packages whose __init__ creates a blueprint (and imports its routes)."""
    return {
        name
        for name, path in modules().items()
        if is_package(path) and "Blueprint(" in path.read_text(encoding="utf-8")
    }


def test_the_graphs_are_read():
    graph, runs = import_graph(), import_graph(runs_packages=True)
    assert "roadmap.extensions" in graph["roadmap.history"]
    assert "roadmap.schedule.views" in graph["roadmap.schedule"]
    # a route module taking `bp` from its own package is no edge back
    assert "roadmap.schedule" not in graph["roadmap.schedule.views"]
    # a module of another package runs that package first, and its routes with it
    assert "roadmap.schedule" not in graph["roadmap.api.iati"]
    assert {"roadmap.schedule.models", "roadmap.schedule"} <= runs["roadmap.api.iati"]


def test_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_a_chart_module_importing_a_feature_makes_a_circle():
    # What the layout must prevent: schedule's routes import the Gantt, so a Gantt that
    # imported anything of roadmap.schedule would find itself half-built (ImportError).
    known = {"roadmap.schedule", "roadmap.schedule.views", "roadmap.schedule.health"}
    known |= {"roadmap.charts", "roadmap.charts.gantt"}
    gantt = targets_of("roadmap.schedule.health", ["health"], known, runs_packages=True)
    assert "roadmap.schedule" in gantt
    graph = {name: set() for name in known}
    graph["roadmap.schedule"] = {"roadmap.schedule.views"}
    graph["roadmap.schedule.views"] = {"roadmap.charts.gantt", "roadmap.charts"}
    graph["roadmap.charts.gantt"] = set(gantt) - {"roadmap", "roadmap.charts"}
    assert circles(graph) == [
        ["roadmap.charts.gantt", "roadmap.schedule", "roadmap.schedule.views"]
    ]


def test_roadmap_has_no_import_circle():
    assert circles(import_graph()) == []


def bound_names(statement: ast.stmt) -> set[str]:
    """Return the names a top-level statement binds."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {statement.name}
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return {(alias.asname or alias.name).split(".")[0] for alias in statement.names}
    if isinstance(statement, ast.Assign | ast.AnnAssign | ast.AugAssign):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        return {
            node.id for target in targets for node in ast.walk(target) if isinstance(node, ast.Name)
        }
    return set()


def test_no_module_takes_a_name_from_a_module_still_running():
    """Whatever is imported first, each `from x import name` finds the name bound.

    A module still running is one whose statement being run leads (in the graph Python
    walks) to the module importing from it: `from roadmap.schedule import bp` in the
    schedule's routes is run by the package's last line, below `bp = Blueprint(...)`.
    """
    known, graph = modules(), import_graph(runs_packages=True)
    late = []
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for base, names, node in imported(tree, name, is_package(path)):
            wanted = [item for item in names if f"{base}.{item}" not in known]
            if base not in known or base == name or not wanted:
                continue
            bound: set[str] = set()
            # Running whenever base runs: base and its packages, which no import restarts.
            running = {base, *ancestors(base)}
            for statement in ast.parse(known[base].read_text(encoding="utf-8")).body:
                runs = set()
                for other, other_names, _ in imported(statement, base, is_package(known[base])):
                    for target in targets_of(other, other_names, known, runs_packages=True):
                        if target not in running:
                            runs |= {target, *reached(graph, target, running)}
                if name in runs:
                    break  # the statement that runs this module
                bound |= bound_names(statement)
            late.extend(
                f"{name}:{node.lineno} takes {item} from {base} before it is bound"
                for item in wanted
                if item not in bound
            )
    assert late == []


def test_charts_take_plain_data():
    """No chart module runs a feature package: each one's routes import the charts."""
    graph = import_graph(runs_packages=True)
    features = blueprint_packages()
    wrong = {}
    for name in graph:
        if name == "roadmap.charts" or name.startswith("roadmap.charts."):
            found = {
                module
                for module in reached(graph, name)
                if any(module == pkg or module.startswith(pkg + ".") for pkg in features)
            }
            if found:
                wrong[name] = sorted(found)
    assert wrong == {}


def library_names(tree: ast.AST, name: str, path: Path) -> dict[str, str]:
    """Return {local name: dotted library object} for the module's imports of libraries."""
    found = {}
    for base, _names, node in imported(tree, name, is_package(path)):
        if not base or base.startswith("roadmap") or base.startswith("config"):
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                found[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        else:
            for alias in node.names:
                found[alias.asname or alias.name] = f"{base}.{alias.name}"
    return found


def root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def is_module(dotted: str) -> bool:
    try:
        return inspect.ismodule(importlib.import_module(dotted))
    except ImportError:
        return False


def kept(lines: list[str], node: ast.AST) -> bool:
    """Tell whether the line (or the comment above it) says the library has no hook."""
    return any(KEPT_MARK in line for line in lines[max(node.lineno - 3, 0) : node.lineno])


def test_no_private_name_of_a_library_is_imported():
    offenders = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for base, names, _node in imported(tree, name, is_package(path)):
            if base.startswith("roadmap") or not base:
                continue
            private = [item for item in [*base.split("."), *names] if item.startswith("_")]
            if [item for item in private if item != "__future__"]:
                offenders.append(f"{name}: from {base} import {', '.join(names)}")
    assert offenders == []


def test_no_private_attribute_of_a_library_is_used():
    """Neither `g._login_user`, nor `super()._method()` of a library class, nor overriding one."""
    offenders = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        lines, tree = text.splitlines(), ast.parse(text)
        libraries = library_names(tree, name, path)
        classes = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = [root_name(base) for base in node.bases]
                if any(base in libraries for base in bases):
                    classes[node.name] = node
            if not (isinstance(node, ast.Attribute) and node.attr.startswith("_")):
                continue
            if node.attr.startswith("__") or node.attr in DOCUMENTED or kept(lines, node):
                continue
            value = node.value
            on_super = isinstance(value, ast.Call) and getattr(value.func, "id", "") == "super"
            if on_super or root_name(value) in libraries:
                offenders.append((name, f".{node.attr}", node.lineno))
        # A method of ours overriding a library class's private one.
        module = importlib.import_module(name)
        for class_name, node in classes.items():
            ours = getattr(module, class_name, None)
            if not inspect.isclass(ours):
                continue
            theirs = [
                base for base in ours.__mro__[1:] if not base.__module__.startswith("roadmap")
            ]
            for item in node.body:
                method = getattr(item, "name", "")
                if not method.startswith("_") or method.startswith("__") or kept(lines, item):
                    continue
                if any(method in vars(base) for base in theirs):
                    offenders.append((name, f"overrides {method}", item.lineno))
    assert offenders == []


def test_nothing_is_assigned_into_a_library_module():
    offenders = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        lines, tree = text.splitlines(), ast.parse(text)
        modules_here = {
            local for local, dotted in library_names(tree, name, path).items() if is_module(dotted)
        }
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "setattr":
                targets = node.args[:1]
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in MUTATORS:
                targets = [node.func.value]
            for target in targets:
                store = isinstance(target, ast.Attribute | ast.Subscript) or isinstance(
                    node, ast.Call
                )
                if store and root_name(target) in modules_here and not kept(lines, node):
                    offenders.append(f"{name}:{node.lineno} {ast.unparse(target)}")
    assert offenders == []
