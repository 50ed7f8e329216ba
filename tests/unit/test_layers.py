"""The layers hold: the command line goes through the office, the core knows no CLI framework.

Imports are read from the source with ``ast`` (those inside functions too), so a lazy import
cannot slip past, and nothing is imported to check it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import sosmed

PACKAGE = Path(sosmed.__file__).parent

# What a command may not reach past the office: the storage, the platforms, the publisher,
# the composer, the extraction, the health rules, the daemon and the report builder, and the
# database libraries under them. A change to any of these then touches the office only.
CLI_FORBIDDEN = (
    "sosmed.store",
    "sosmed.platforms",
    "sosmed.publish",
    "sosmed.compose",
    "sosmed.ingest",
    "sosmed.health",
    "sosmed.daemon",
    "sosmed.report",
    "sosmed.logdb",
    "sqlalchemy",
    "sqlmodel",
)
CLI_FRAMEWORKS = ("typer", "click", "rich")


def imported(path: Path, module: str | None = None) -> list[tuple[int, str]]:
    """Every module ``path`` (the module named ``module``) imports, with its line:
    ``from a.b import c`` gives a.b and a.b.c (c may be a module), relative imports resolved
    against the file's package."""
    module = module or ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{a.name}") for a in node.names]
    return found


def under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def breaches(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in files
        for line, name in imported(path)
        if under(name, forbidden)
    ]


def test_the_command_line_goes_through_the_office() -> None:
    files = sorted((PACKAGE / "cli").rglob("*.py"))
    assert files
    assert breaches(files, CLI_FORBIDDEN) == []


def test_the_core_knows_no_cli_framework() -> None:
    files = [p for p in sorted(PACKAGE.rglob("*.py")) if "cli" not in p.relative_to(PACKAGE).parts]
    assert len(files) > 20
    assert breaches(files, CLI_FRAMEWORKS) == []


def test_the_walk_sees_imports_inside_functions(tmp_path: Path) -> None:
    # The check itself: a lazy import, a relative one and a plain one are all seen.
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import sqlalchemy\n"
        "def f():\n"
        "    from sosmed.store import Store\n"
        "    from ..publish import publish_now\n"
        "    from . import output\n",
        encoding="utf-8",
    )
    names = [name for _, name in imported(probe, "sosmed.cli.probe")]
    assert "sqlalchemy" in names
    assert "sosmed.store" in names
    assert "sosmed.publish" in names
    assert "sosmed.cli.output" in names
    assert under("sosmed.store.guard", CLI_FORBIDDEN)
    assert not under("sosmed.storefront", CLI_FORBIDDEN)
