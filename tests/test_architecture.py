"""The layers stay honest: which package may import which, read from the source with `ast`.

server -> schema -> resolvers -> domain, and persistence -> domain. Storefronts speak GraphQL
over HTTP and import nothing of the server.
"""

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVER_PACKAGES = frozenset(
    {"domain", "persistence", "resolvers", "schema", "server", "migrations", "storefronts"}
)

# package -> top-level modules it must not import (imports anywhere in the file count,
# including inside functions and `if TYPE_CHECKING:` blocks)
FORBIDDEN: dict[str, frozenset[str]] = {
    "persistence": frozenset({"strawberry", "starlette", "schema", "resolvers", "server"}),
    "resolvers": frozenset({"persistence", "server", "schema", "sqlalchemy", "starlette"}),
    "schema": frozenset({"persistence", "server", "sqlalchemy"}),
    "storefronts": SERVER_PACKAGES - {"storefronts"},
}


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imported_modules(source: str, package: str) -> Iterator[tuple[int, str]]:
    """(line, top-level module) for every import; relative imports stay inside `package`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                yield node.lineno, package
            elif node.module:
                yield node.lineno, node.module.split(".")[0]


def imports_of(package: str) -> Iterator[tuple[str, str]]:
    """(file:line, top-level module) for every import in every file of `package`."""
    for path in python_files(package):
        for line, module in imported_modules(path.read_text(), package):
            yield f"{path.relative_to(ROOT)}:{line}", module


def select_calls(source: str) -> Iterator[int]:
    """Lines calling `select(...)` or `<something>.select(...)`."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (isinstance(func, ast.Name) and func.id == "select") or (
            isinstance(func, ast.Attribute) and func.attr == "select"
        ):
            yield node.lineno


def test_the_checker_finds_every_kind_of_import() -> None:
    source = (
        "import sqlalchemy.orm as orm\n"
        "from persistence.database import Database\n"
        "from . import sibling\n"
        "def late():\n"
        "    import starlette\n"
        "    return select(x)\n"
    )
    assert [m for _, m in imported_modules(source, "resolvers")] == [
        "sqlalchemy",
        "persistence",
        "resolvers",
        "starlette",
    ]
    assert list(select_calls(source)) == [6]


@pytest.mark.parametrize("package", sorted(SERVER_PACKAGES))
def test_every_layer_has_source_to_check(package: str) -> None:
    assert python_files(package), f"{package}/ has no Python files: is ROOT right?"


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    allowed = set(sys.stdlib_module_names) | {"domain"}
    offending = [
        f"{where} imports {module}"
        for where, module in imports_of("domain")
        if module not in allowed
    ]
    assert offending == []


def test_storefronts_speak_http_with_httpx_and_nothing_of_the_server_stack() -> None:
    """A reference storefront needs what any third party would: HTTP and JSON, no ORM, no
    GraphQL server library, no web framework."""
    allowed = set(sys.stdlib_module_names) | {"storefronts", "httpx", "orjson"}
    offending = [
        f"{where} imports {module}"
        for where, module in imports_of("storefronts")
        if module not in allowed
    ]
    assert offending == []


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_nothing_from_the_layers_it_must_not_know(package: str) -> None:
    forbidden = FORBIDDEN[package]
    offending = [
        f"{where} imports {module}" for where, module in imports_of(package) if module in forbidden
    ]
    assert offending == []


def test_resolvers_build_no_queries() -> None:
    offending = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_files("resolvers")
        for line in select_calls(path.read_text())
    ]
    assert offending == [], "queries belong in persistence/, behind a repository or loader"
