"""The ``sosmed`` command: global options, command registration, one-line errors."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import typer

from sosmed import __version__
from sosmed.cli import (
    articles,
    demo,
    feeds,
    home,
    platforms,
    postlog,
    posts,
    publishing,
    sandbox,
    scheduling,
    summarize,
)
from sosmed.cli.context import AppContext
from sosmed.cli.output import fail
from sosmed.errors import ConfigError, InputError, NotFound, SosmedError
from sosmed.redact import install_logging_filter

app = typer.Typer(
    name="sosmed",
    help="Turn your office's news articles into social-media posts and publish them safely.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sosmed {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    home: Path | None = typer.Option(
        None,
        "--home",
        help="The sosmed home (default: $SOSMED_HOME or the user data dir).",
        envvar="SOSMED_HOME",
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens (redacted)."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    install_logging_filter()
    ctx.obj = AppContext(home)


for module in (
    home,
    articles,
    feeds,
    posts,
    summarize,
    scheduling,
    publishing,
    postlog,
    platforms,
    sandbox,
    demo,
):
    module.register(app)


def exit_code(error: SosmedError) -> int:
    if isinstance(error, InputError | NotFound):
        return 2
    if isinstance(error, ConfigError):
        return 3
    return 1


def hoist_home(argv: list[str]) -> list[str]:
    """Accept ``--home DIR`` anywhere on the line (``sosmed add f --home DIR`` too)."""
    out, front, i = [], [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--home" and i + 1 < len(argv):
            front += [arg, argv[i + 1]]
            i += 2
            continue
        if arg.startswith("--home="):
            front.append(arg)
        else:
            out.append(arg)
        i += 1
    return front + out


def main() -> None:
    try:
        code = app(args=hoist_home(sys.argv[1:]), standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except SosmedError as e:
        fail(str(e))
        sys.exit(exit_code(e))
    except typer.Abort:
        fail("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        fail("interrupted")
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except Exception as e:
        # Usage errors (click's, or the copy of click that newer typer bundles) show
        # themselves; anything else is a bug and keeps its traceback.
        show, code = getattr(e, "show", None), getattr(e, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            sys.exit(code)
        raise
