"""The ``sosmed`` command: global options, command registration, one-line errors."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path

import typer

from sosmed import __version__, i18n
from sosmed.cli import words
from sosmed.cli.context import AppContext
from sosmed.cli.output import fail
from sosmed.cli.params import readable, usage_line
from sosmed.errors import ConfigError, InputError, NotFound, SosmedError, StorageError
from sosmed.i18n import _
from sosmed.redact import install_logging_filter

# Which module of sosmed.cli registers each command. Only the invoked command's module is
# imported, so `sosmed log` or `sosmed status` does not first load the extraction,
# composing and platform libraries; help and unknown commands load them all.
COMMANDS = {
    "init": "home",
    "add": "articles",
    "articles": "articles",
    "article": "article",
    "feeds": "feeds",
    "compose": "posts",
    "posts": "posts",
    "preview": "posts",
    "edit": "posts",
    "approve": "posts",
    "cancel": "posts",
    "retry": "reopen",
    "unschedule": "reopen",
    "restore": "reopen",
    "summarize": "summarize",
    "schedule": "scheduling",
    "queue": "scheduling",
    "publish": "publishing",
    "daemon": "publishing",
    "status": "publishing",
    "resolve": "publishing",
    "retract": "retract",
    "log": "postlog",
    "report": "postlog",
    "platforms": "platforms",
    "accounts": "platforms",
    "sandbox": "sandbox",
    "demo": "demo",
    "sites": "sites",
    "alerts": "alerts",
    "watchdog": "alerts",
    "media": "media",
    "engagement": "engagement",
    "users": "users",
    "web": "web",
}
MODULES = tuple(dict.fromkeys(COMMANDS.values()))
# The root's options that take a value and may stand anywhere on the line.
GLOBAL_OPTIONS = ("--home", "--lang")
# Commands with a --lang of their own (the report's language).
OWN_LANG = frozenset({"report"})


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sosmed {__version__}")
        raise typer.Exit()


def _check_language(value: str | None) -> str | None:
    # The language itself was chosen from the command line before anything was defined
    # (i18n.setup in main); here a word that names no language is refused.
    if value is not None and value.lower() not in i18n.LANGUAGES:
        raise InputError(
            _("--lang {value}: pilih salah satu dari {choices}").format(
                value=value, choices=", ".join(i18n.LANGUAGES)
            )
        )
    return value


def _root_callback() -> Callable[..., None]:
    # Made when the app is, not at import: the help texts are in the language chosen by then.
    def root(
        ctx: typer.Context,
        home: Path | None = typer.Option(
            None,
            "--home",
            help=_("Folder kantor sosmed (bawaan: $SOSMED_HOME atau folder data pengguna)."),
            envvar="SOSMED_HOME",
        ),
        lang: str | None = typer.Option(
            None,
            "--lang",
            callback=_check_language,
            help=_(
                "Bahasa: id (Indonesia) atau en (Inggris); bawaan: $SOSMED_LANG, lalu locale, "
                "lalu Indonesia."
            ),
        ),
        verbose: bool = typer.Option(
            False, "--verbose", "-v", help=_("Catat apa yang terjadi (rahasia disamarkan).")
        ),
        version: bool = typer.Option(
            False,
            "--version",
            callback=_version,
            is_eager=True,
            help=_("Tampilkan versi lalu keluar."),
        ),
    ) -> None:
        logging.basicConfig(
            level=logging.DEBUG if verbose else logging.WARNING,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        install_logging_filter()
        ctx.obj = AppContext(home, ctx.invoked_subcommand)

    return root


def make_app(command: str | None = None) -> typer.Typer:
    """The ``sosmed`` command with ``command`` registered, every command (None), or none
    (``--version``)."""
    app = typer.Typer(
        name="sosmed",
        help=_("Ubah berita kantor Anda menjadi posting media sosial dan terbitkan dengan aman."),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(_root_callback())
    module = COMMANDS.get(command or "")
    for name in (module,) if module else () if command == "--version" else MODULES:
        importlib.import_module(f"sosmed.cli.{name}").register(app)
    return app


def command_of(argv: list[str]) -> str | None:
    """The command word of a command line (after the global options), if any;
    ``--version`` when that comes first (nothing else is needed then)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in GLOBAL_OPTIONS:
            i += 2
            continue
        if not arg.startswith("-"):
            return arg
        if arg == "--help":
            return None
        if arg == "--version":
            return arg
        i += 1
    return None


def exit_code(error: SosmedError) -> int:
    if isinstance(error, InputError | NotFound):
        return 2
    if isinstance(error, ConfigError | StorageError):
        return 3
    return 1


def hoist_globals(argv: list[str]) -> list[str]:
    """Accept ``--home DIR`` and ``--lang id|en`` anywhere on the line (``sosmed add f --home
    DIR`` too); ``--lang`` stays where it is after a command that has its own (``report``)."""
    own = command_of(argv) in OWN_LANG
    names = tuple(name for name in GLOBAL_OPTIONS if not (own and name == "--lang"))
    out, front, i = [], [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            out += argv[i:]
            break
        if arg in names and i + 1 < len(argv):
            front += [arg, argv[i + 1]]
            i += 2
            continue
        if arg.startswith(tuple(f"{name}=" for name in names)):
            front.append(arg)
        else:
            out.append(arg)
        i += 1
    return front + out


def main() -> None:
    # The language first: every help text is made in it when its module is imported.
    words.speak(i18n.setup(sys.argv[1:]))
    try:
        argv = hoist_globals(sys.argv[1:])
        command = readable(typer.main.get_command(make_app(command_of(argv))))
        code = command.main(args=argv, prog_name="sosmed", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except SosmedError as e:
        fail(str(e))
        sys.exit(exit_code(e))
    except typer.Abort:
        fail(_("dibatalkan"))
        sys.exit(130)
    except KeyboardInterrupt:
        fail(_("dihentikan"))
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except Exception as e:
        _unexpected(e)


def _unexpected(e: Exception) -> None:
    # A usage error (click's, or the copy of click that newer typer bundles) is one line
    # and exit 2; a storage fault (locked, full, read-only) one line and exit 3; anything
    # else is a bug and keeps its traceback.
    code = getattr(e, "exit_code", None)
    if callable(getattr(e, "format_message", None)) and isinstance(code, int):
        if type(e).__name__ == "NoArgsIsHelpError":
            e.show()  # type: ignore[attr-defined]
        else:
            fail(usage_line(e))
        sys.exit(code)
    app = AppContext.current or AppContext(None)
    fault = app.fault(e)
    if fault is not None:
        fail(str(fault))
        sys.exit(3)
    raise e
