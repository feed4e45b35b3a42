"""The import rules of README's Architecture section, read from the source with `ast` (migrations aside).

- Nothing outside config/ imports `config`, except bench/ (its settings extend config's) and tests/.
- `core` imports no app; the apps point one way, core ← events ← registration ← checkin ← exhibitors,
  with content on top: an app imports only apps to its left, and no app imports content, demo or bench.
- No import circle inside an app at module level; an app's models import none of its services or views.
- A function-local import of a project module says why (a cycle it breaks, a heavy import it defers)
  in a comment on its line or the line above.
"""

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Left to right: each may import the ones before it, never the ones after.
LAYERS = (
    "core",
    "events",
    "registration",
    "checkin",
    "exhibitors",
    "peoples_choice",
    "messaging",
    "content",
    "participation",
    "certificates",
    "consultations",
    "reports",
)
APPS = LAYERS[1:]
# Code that ships: the function-local import rule applies to it.
SHIPPED = ("config", *LAYERS, "demo")
PACKAGES = (*SHIPPED, "bench", "tests")
# Only these may import config (config itself aside).
MAY_IMPORT_CONFIG = ("bench", "tests")
# Only these may import content, near the top of the stack (config names apps' URLconfs by string;
# reports, the city's view, reads its support requests).
MAY_IMPORT_CONTENT = ("participation", "reports", "demo", "bench", "tests")
# What a comment may hold that is no reason.
NOT_A_REASON = re.compile(r"noqa(:\s*[A-Z0-9, ]+)?|type:\s*ignore(\[[^\]]*\])?|fmt:\s*\w+|[\s#:;,.-]")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module, dotted (the submodule where `from package import submodule`)
    path: Path
    line: int
    local: bool  # inside a function: runs when called, not when the module is imported
    type_checking: bool  # under `if TYPE_CHECKING:`: never runs
    commented: bool  # a comment on its lines or on the line above

    @property
    def where(self):
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    def __str__(self):
        return f"{self.where} {self.source} imports {self.target}"


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def python_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def imports_in(path, modules, source=None):
    """The project imports of one file; `modules` are the project's module names (to tell a submodule
    from a name in `from package import name`)."""
    source = path.read_text(encoding="utf-8") if source is None else source
    lines = source.splitlines()
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def says_why(line):
        _, hash_, comment = line.partition("#")
        return bool(hash_) and bool(NOT_A_REASON.sub("", comment))

    def commented(node, previous):
        above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
        if above.startswith("#") and says_why(above):
            return True
        if any(says_why(line) for line in lines[node.lineno - 1 : node.end_lineno]):
            return True
        # A run of imports under one reason (no other statement between them) shares it.
        return previous

    def targets(node):
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        base = node.module or ""
        if node.level:
            anchor = package.split(".")
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        # `from package import submodule` imports the submodule; `from module import name`, the module.
        found = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules]
        if len(found) < len(node.names):
            found.append(base)
        return found

    def visit(node, local, type_checking):
        previous = False  # whether the statement just before, in the same block, is an import with a reason
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                why = previous = commented(child, previous)
                for target in targets(child):
                    if target.split(".")[0] in PACKAGES:
                        yield Import(name, target, path, child.lineno, local, type_checking, why)
                continue
            previous = False
            is_function = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            guarded = isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
            yield from visit(child, local or is_function, type_checking or guarded)

    yield from visit(ast.parse(source, filename=str(path)), False, False)


def all_imports():
    files = list(python_files())
    modules = {module_name(path) for path in files}
    return [found for path in files for found in imports_in(path, modules)]


IMPORTS = all_imports()


def top(module):
    return module.split(".")[0]


def test_the_scan_sees_every_app_and_both_kinds_of_import():
    seen = {top(i.source) for i in IMPORTS}
    assert set(LAYERS) <= seen, set(LAYERS) - seen
    assert any(i.local for i in IMPORTS) and any(not i.local for i in IMPORTS)
    assert any(i.source.split(".")[1:2] == ["models"] for i in IMPORTS)


def test_nothing_outside_config_imports_config():
    offenders = [
        str(i)
        for i in IMPORTS
        if top(i.target) == "config" and top(i.source) not in ("config", *MAY_IMPORT_CONFIG)
    ]
    assert offenders == []


def test_core_imports_no_app():
    offenders = [str(i) for i in IMPORTS if top(i.source) == "core" and top(i.target) not in ("core",)]
    assert offenders == []


def test_apps_import_only_apps_to_their_left():
    offenders = []
    for i in IMPORTS:
        source, target = top(i.source), top(i.target)
        if source not in APPS or target == source:
            continue
        if target not in LAYERS or LAYERS.index(target) > LAYERS.index(source):
            offenders.append(str(i))
    assert offenders == []


def test_nothing_but_demo_bench_and_tests_imports_content():
    offenders = [
        str(i)
        for i in IMPORTS
        if top(i.target) == "content" and top(i.source) not in ("content", *MAY_IMPORT_CONTENT)
    ]
    assert offenders == []


def module_level_graph(app):
    graph = defaultdict(set)
    for i in IMPORTS:
        if top(i.source) == app and top(i.target) == app and not i.local and not i.type_checking:
            if i.target != i.source:
                graph[i.source].add(i.target)
    return graph


def cycles(graph):
    """Every elementary circle found by a depth-first search, each once (rotated to its smallest node)."""
    found = set()

    def walk(node, trail):
        for following in sorted(graph.get(node, ())):
            if following in trail:
                circle = trail[trail.index(following) :]
                start = circle.index(min(circle))
                found.add(tuple(circle[start:] + circle[:start]))
            elif len(trail) < 12:
                walk(following, [*trail, following])

    for node in sorted(graph):
        walk(node, [node])
    return sorted(found)


def test_no_import_circle_inside_an_app():
    circles = {app: cycles(module_level_graph(app)) for app in LAYERS}
    assert {app: found for app, found in circles.items() if found} == {}


def test_the_circle_search_finds_a_circle():
    assert cycles({"a.models": {"a.services"}, "a.services": {"a.views"}, "a.views": {"a.models"}}) == [
        ("a.models", "a.services", "a.views")
    ]
    assert cycles({"a.models": set(), "a.views": {"a.models"}}) == []


def test_function_local_imports_of_project_modules_say_why():
    silent = [
        str(i)
        for i in IMPORTS
        if i.local and not i.commented and top(i.source) in SHIPPED and top(i.target) in SHIPPED
    ]
    assert silent == []


def test_models_import_no_services_or_views_of_their_app():
    """Not even inside a function: data must not depend on the processes and pages built on it."""
    offenders = []
    for i in IMPORTS:
        app, _, rest = i.source.partition(".")
        if app in LAYERS and (rest == "models" or rest.startswith("models.")):
            target = i.target.split(".")
            if target[0] == app and len(target) > 1 and target[1] in ("services", "views"):
                offenders.append(str(i))
    assert offenders == []


def test_the_scan_resolves_relative_and_submodule_imports_and_reads_reasons():
    modules = {"registration.models", "registration.services", "registration.services.capacity"}
    source = (
        "from . import capacity\n"
        "from ..models import Order\n"
        "from registration import services\n"
        "def f():\n"
        "    import qrcode\n"
        "    from registration.models import Ticket  # a cycle: models import this module\n"
        "    from registration.services import capacity\n"
        "def g():\n"
        "    x = 1\n"
        "    from config import settings  # noqa: PLC0415\n"
    )
    found = list(imports_in(ROOT / "registration/services/orders.py", modules, source))
    assert [(i.target, i.local, i.commented) for i in found] == [
        ("registration.services.capacity", False, False),
        ("registration.models", False, False),
        ("registration.services", False, False),
        ("registration.models", True, True),
        ("registration.services.capacity", True, True),  # the run of imports under one reason
        ("config", True, False),  # a bare noqa is no reason
    ]
