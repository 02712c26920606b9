"""The house rules as tests: file size, imports, typing, logging, route modules and docstrings."""

import ast
import re
from pathlib import Path

import pytest

from app.core.paths import REPOSITORY_ROOT

MAX_LINES = 200
MAX_INIT_LINES = 7
MAX_ROUTER_LINES = 35
APP_DIR = REPOSITORY_ROOT / "backend" / "app"
ROUTES_DIR = APP_DIR / "api" / "routes"
PYTHON_FOLDERS = ("backend", "tests", "bench")
ANY_PATTERN = re.compile(r"\bAny\b")
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def python_files(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (REPOSITORY_ROOT / folder).rglob("*.py"))


def relative(path: Path) -> str:
    return str(path.relative_to(REPOSITORY_ROOT))


def test_python_files_have_at_most_200_lines() -> None:
    sources = python_files(*PYTHON_FOLDERS)
    too_long = {
        relative(path): count for path in sources if (count := len(path.read_text().splitlines())) > MAX_LINES
    }

    assert too_long == {}


def test_no_imports_inside_functions() -> None:
    offenders = []
    for path in python_files(*PYTHON_FOLDERS):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                offenders += [
                    f"{relative(path)}:{inner.lineno}"
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.Import | ast.ImportFrom)
                ]

    assert offenders == []


def test_any_is_always_explained() -> None:
    offenders = []
    for path in python_files("backend"):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines, start=1):
            code = line.split("#", 1)[0]
            if not ANY_PATTERN.search(code) or code.lstrip().startswith(("from ", "import ")):
                continue
            previous = lines[number - 2].strip() if number > 1 else ""
            if "#" not in line and not previous.startswith("#"):
                offenders.append(f"{relative(path)}:{number}")

    assert offenders == []


def test_every_module_has_a_logger() -> None:
    missing = [
        relative(path)
        for path in python_files("backend")
        if path.name != "__init__.py" and "logger = logging.getLogger(__name__)" not in path.read_text()
    ]

    assert missing == []


def test_no_print_outside_cli() -> None:
    offenders = []
    for path in python_files("backend"):
        if (APP_DIR / "cli") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                offenders.append(f"{relative(path)}:{node.lineno}")

    assert offenders == []


ROUTE_MODULES = sorted(path for path in ROUTES_DIR.iterdir() if path.is_dir() and path.name != "__pycache__")


@pytest.mark.parametrize("module", ROUTE_MODULES, ids=lambda path: path.name)
def test_route_module_shape(module: Path) -> None:
    init_source = (module / "__init__.py").read_text()
    router_tree = ast.parse((module / "router.py").read_text())
    models_tree = ast.parse((module / "models.py").read_text())

    assert len(init_source.splitlines()) <= MAX_INIT_LINES
    assert f"from app.api.routes.{module.name}.router import router" in init_source
    assert '__all__ = ["router"]' in init_source
    assert len((module / "router.py").read_text().splitlines()) <= MAX_ROUTER_LINES
    assert not [node for node in router_tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    assert not [node for node in models_tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    business_imports = [
        node.module
        for node in ast.walk(models_tree)
        if isinstance(node, ast.ImportFrom)
        and (node.module or "").startswith(
            ("app.services", "app.infrastructure", "app.api.routes", "app.api.deps")
        )
    ]
    assert business_imports == []


def endpoints() -> list[tuple[str, ast.AsyncFunctionDef | ast.FunctionDef]]:
    found = []
    for path in sorted(ROUTES_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(target, ast.Attribute) and target.attr in HTTP_METHODS:
                    found.append((f"{relative(path)}:{node.name}", node))
    return found


def test_endpoints_have_full_docstrings() -> None:
    incomplete = [
        name
        for name, node in endpoints()
        if "Returns:" not in (ast.get_docstring(node) or "")
        or "Raises:" not in (ast.get_docstring(node) or "")
    ]

    assert endpoints()
    assert incomplete == []
