"""The import direction that docs/architecture.md describes, checked on the source.

Reads every application module with ``ast`` (no import side effects) and checks, for the
module-level imports (function-local imports and ``TYPE_CHECKING`` blocks are not edges):
that no two application modules import each other in a circle, that each layer imports only
the layers below it, that the pure format package needs no Django, and that no application
module outgrows about 600 lines. A change that breaks one of these rules should change the
rule here and in docs/architecture.md together, on purpose.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Application packages (Django apps and the project package), top-level folders.
APPLICATION_PACKAGES = (
    "intranet",
    "prozesse",
    "home",
    "knowledge",
    "continuity",
    "readiness",
    "search",
    "api",
    "directory",
    "demo",
    "accessibility",
)

#: Layers, each a module prefix, with the layers its modules may import. The most specific
#: prefix decides. Python's and third-party imports are not restricted here, except for the
#: pure format package (see test_the_format_package_imports_no_django).
LAYERS: dict[str, tuple[str, ...]] = {
    # Pure readers and writers of BPMN, XProzess, OParl and laws: our own modules only.
    "prozesse.formats": ("prozesse.formats",),
    # Cross-cutting helpers every app may use; they know no app.
    "intranet.spreadsheet": (),
    "intranet.table_export": ("intranet.spreadsheet",),
    "intranet.input_guards": (),
    "intranet.content_security": (),
    "intranet.page_urls": (),
    # The index toolkit (when index updates happen outside a single save); knows no app.
    "search.indexing": (),
    # The domain: page tree, roles, visibility, importers.
    "prozesse": (
        "prozesse",
        "intranet.spreadsheet",
        "intranet.table_export",
        "intranet.input_guards",
        "search.indexing",
    ),
    # Apps built on the domain. Emergency readiness (exercises, released handbooks, the kit)
    # sits below knowledge, whose dashboard and task list read it.
    "readiness": ("readiness", "prozesse", "intranet.spreadsheet"),
    "home": ("home", "prozesse", "intranet.spreadsheet", "intranet.input_guards"),
    "knowledge": (
        "knowledge",
        "readiness",
        "prozesse",
        "intranet.spreadsheet",
        "intranet.table_export",
        "intranet.input_guards",
        "search.indexing",
    ),
    # Business continuity on the register: BIA, dependencies, scenario knock-outs; it fills
    # two hooks of prozesse and draws its chart with the knowledge dashboard's helpers.
    "continuity": (
        "continuity",
        "prozesse",
        "knowledge.charts",
        "intranet.table_export",
        "intranet.spreadsheet",
    ),
    "api": ("api", "prozesse", "intranet.input_guards"),
    # The accessibility statement and its feedback (BITV 2.0): stands on its own.
    "accessibility": ("accessibility",),
    "search": (
        "search",
        "prozesse",
        "api.tokens",
        "intranet.table_export",
        "intranet.spreadsheet",
        "intranet.input_guards",
        "intranet.page_urls",
    ),
    # Sign-in through the towns' directories: roles from prozesse, leavers' handovers from
    # knowledge; nothing imports it but the shell (settings, URLs).
    "directory": ("directory", "prozesse", "knowledge"),
    # Demo content uses the production functions of every app; nothing imports it.
    "demo": (
        "demo",
        "prozesse",
        "knowledge",
        "continuity",
        "readiness",
        "home",
        "search",
        "api",
        "directory",
        "intranet",
        "accessibility",
    ),
    # The project shell (settings, URLs, middleware, views) wires everything together.
    "intranet": APPLICATION_PACKAGES,
}

#: Module name fragments that models must never import.
NOT_FOR_MODELS = (".views", ".importers", ".management", ".wagtail_hooks")

MAX_LINES = 600
#: Modules that are data rather than code (tables of demo content, word lists).
LINE_LIMIT_EXEMPT = ("demo.data.",)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def application_modules() -> dict[str, Path]:
    modules = {}
    for package in APPLICATION_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            modules[_module_name(path)] = path
    return modules


MODULES = application_modules()


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def _top_level_imports(path: Path, name: str) -> list[tuple[str, int]]:
    """(imported module, line) for imports outside functions and TYPE_CHECKING blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    found: list[tuple[str, int]] = []

    def visit(nodes):
        for node in nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(node, ast.If) and _is_type_checking(node):
                visit(node.orelse)
                continue
            if isinstance(node, ast.Import):
                found.extend((alias.name, node.lineno) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    package = name.split(".") if is_package else name.split(".")[:-1]
                    package = package[: len(package) - (node.level - 1)]
                    base = ".".join([*package, base] if base else package)
                for alias in node.names:
                    candidate = f"{base}.{alias.name}"
                    found.append((candidate if candidate in MODULES else base, node.lineno))
            else:
                visit(ast.iter_child_nodes(node))

    visit(tree.body)
    return found


def _local_imports(path: Path) -> list[tuple[int, str]]:
    """(line, source line) of imports inside functions."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found.append((node.lineno, lines[node.lineno - 1]))
    return sorted(set(found))


def _application_target(imported: str) -> str | None:
    """The application module an import names (the longest known prefix), or None."""
    candidate = imported
    while candidate:
        if candidate in MODULES:
            return candidate
        candidate = candidate.rpartition(".")[0]
    return None


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in MODULES.items():
        for imported, _line in _top_level_imports(path, name):
            target = _application_target(imported)
            if target and target != name:
                graph[name].add(target)
    return graph


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def layer_of(module: str) -> str:
    return max((prefix for prefix in LAYERS if _within(module, prefix)), key=len)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = 0

    def connect(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for neighbour in sorted(graph.get(node, ())):
            if neighbour not in index:
                connect(neighbour)
                low[node] = min(low[node], low[neighbour])
            elif neighbour in on_stack:
                low[node] = min(low[node], index[neighbour])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(MODULES):
        if node not in index:
            connect(node)
    return result


def test_the_application_modules_were_found():
    assert "prozesse.visibility" in MODULES
    assert "intranet.settings.base" in MODULES


def test_no_application_modules_import_each_other_in_a_circle():
    assert _cycles(import_graph()) == []


def test_every_module_imports_only_the_layers_below_it():
    wrong = []
    for module, targets in sorted(import_graph().items()):
        allowed = LAYERS[layer_of(module)]
        for target in sorted(targets):
            if not any(_within(target, prefix) for prefix in allowed):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_every_function_local_import_says_why():
    """A local import hides a dependency; it stays only with a reason (a comment on its line
    or the line before, or the next import of the same group that has one)."""
    silent = []
    for name, path in sorted(MODULES.items()):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in _local_imports(path):
            previous = lines[number - 2].strip()
            explained = "#" in line or previous.startswith("#")
            continues_group = previous.startswith(("from ", "import "))
            if not (explained or continues_group):
                silent.append(f"{name}:{number}: {line.strip()}")
    assert silent == []


def test_models_import_no_views_importers_commands_or_hooks():
    wrong = []
    for module, targets in sorted(import_graph().items()):
        if ".models" not in f".{module}":
            continue
        wrong += [
            f"{module} -> {target}"
            for target in sorted(targets)
            if any(fragment in f".{target}" for fragment in NOT_FOR_MODELS)
        ]
    assert wrong == []


def test_the_format_package_imports_no_django():
    wrong = []
    for name, path in MODULES.items():
        if not _within(name, "prozesse.formats"):
            continue
        for imported, line in _top_level_imports(path, name):
            if imported.split(".")[0] in {"django", "wagtail", "modelcluster", "taggit"}:
                wrong.append(f"{name}:{line} imports {imported}")
    assert wrong == []


def test_no_application_module_outgrows_600_lines():
    too_long = {
        name: lines
        for name, path in sorted(MODULES.items())
        if not name.startswith(LINE_LIMIT_EXEMPT)
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}
