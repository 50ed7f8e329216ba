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
# the composer, the extraction, the health rules and the report builder, and the
# database libraries under them. A change to any of these then touches the office only.
CLI_FORBIDDEN = (
    "sosmed.store",
    "sosmed.platforms",
    "sosmed.publish",
    "sosmed.compose",
    "sosmed.ingest",
    "sosmed.publish.health",
    "sosmed.report",
    "sosmed.store.fast_log",
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


def test_the_web_workspace_goes_through_the_office() -> None:
    # The same rule as the command line's, and neither shell leans on the other.
    files = sorted((PACKAGE / "web").rglob("*.py"))
    assert files
    assert breaches(files, (*CLI_FORBIDDEN, "sosmed.cli", *CLI_FRAMEWORKS)) == []
    shells = sorted(PACKAGE.rglob("*.py"))
    outside = [p for p in shells if "web" not in p.relative_to(PACKAGE).parts[:1]]
    leaning = breaches([p for p in outside if p.parts[-2] != "cli"], ("sosmed.web",))
    assert leaning == []


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


# The pipeline's layers, lowest first: a module may import its own layer and those below it.
# Modules at the package's top (errors, models, settings, timefmt, ...) and sosmed.text are the
# vocabulary under everything; the daemon, the demo and the command line are shells on top.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("sosmed.text",),
    ("sosmed.platforms", "sosmed.schedule", "sosmed.sandbox"),
    ("sosmed.store",),
    ("sosmed.ingest", "sosmed.compose", "sosmed.log"),
    ("sosmed.publish", "sosmed.report"),
    ("sosmed.office",),
    ("sosmed.daemon", "sosmed.demo", "sosmed.cli", "sosmed.web"),
)
# Settings check an account's platform against the installed platforms' names: a read of the
# entry points (platforms/names.py imports nothing of sosmed), done when settings are loaded.
ALLOWED_UPWARD = {("sosmed.settings", "sosmed.platforms.names")}


def layer_of(module: str) -> int:
    for n, layer in enumerate(LAYERS):
        if under(module, layer):
            return n
    return -1  # the vocabulary


def module_name(path: Path) -> str:
    name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return name.removesuffix(".__init__")


def test_no_module_imports_from_a_layer_above_it() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.relative_to(PACKAGE).parts:
            continue
        module = module_name(path)
        for line, name in imported(path):
            allowed = any(m == module and under(name, (n,)) for m, n in ALLOWED_UPWARD)
            if not under(name, ("sosmed",)) or allowed:
                continue
            if layer_of(name) > layer_of(module):
                upward.append(f"{module}:{line} imports {name}")
    assert upward == []


def test_the_vocabulary_imports_nothing_but_itself() -> None:
    # The layers above rest on it; a vocabulary module that reached up would tie them in a loop.
    assert layer_of("sosmed.settings") == layer_of("sosmed.errors") == -1
    assert layer_of("sosmed.publish.retry") > layer_of("sosmed.store.core")
    assert layer_of("sosmed.cli.main") == len(LAYERS) - 1


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
