"""Every command's parameters as a person reads them: ids that fit the database, readable
names in --help (``ID``, ``FILE``, ``N``) instead of Python types, usage errors on one line.

Applied once to the whole command tree in ``main``, so that a command added later gets the
same treatment without repeating it in each ``typer.Argument``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from sosmed.cli.words import help_text, localise, usage_message
from sosmed.errors import InputError
from sosmed.i18n import _

# The largest id the database can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1
# Parameter names that carry a post's or an article's id.
_ID_NAMES = ("post_id", "post_ids", "article_id", "article", "feed_id", "history")


def _names() -> dict[str, str]:
    """Readable placeholders for parameters whose name alone says little (or says it in
    English)."""
    folder, file, text, name = _("FOLDER"), _("BERKAS"), _("TEKS"), _("NAMA")
    return {
        "home": folder,
        "dir": folder,
        "directory": folder,
        "photo": file,
        "file": file,
        "out": file,
        "config_out": file,
        "jsonl": _("MASUK.jsonl"),
        "at": _("WAKTU"),
        "month": _("TTTT-BB"),
        "accounts": "A,B",
        "account": _("AKUN"),
        "name": _("AKUN"),
        "by": name,
        "who": name,
        "caption": text,
        "alt": text,
        "text": text,
        "title": text,
        "place": text,
        "editor": name,
        "reporter": name,
        "photographer": name,
        "date": _("TANGGAL"),
        "search": _("KATA"),
        "since": _("SEJAK"),
        "status": _("STATUS"),
        "published": "URL",
        "url": "URL",
        "target": "URL|" + file,
        "sources": _("SUMBER"),
        "field": _("KOLOM"),
        "number": _("NOMOR"),
        "lang": "id|en",
        "faults": _("ATURAN"),
        "slow": _("REGEX=DETIK"),
    }


def readable(command: Any) -> Any:
    """``command`` and its subcommands with id checks and readable placeholders, their help
    pages in sosmed's language."""
    names = _names()
    for param in command.params:
        _param(param, names)
    _quiet_help_option(command)
    localise(command)
    for sub in getattr(command, "commands", {}).values():
        readable(sub)
    return command


def _annotation(param: Any) -> Any:
    desc = getattr(param, "type_descriptor", None)
    if desc is not None:
        return desc.annotation
    kind = getattr(getattr(param, "type", None), "name", "")  # click without typer's types
    return {"integer": int, "float": float, "path": Path}.get(kind, str)


def _is(param: Any, kind: type) -> bool:
    annotation = _annotation(param)
    return annotation is kind or get_args(annotation) == (kind,)


def _param(param: Any, names: dict[str, str]) -> None:
    name = param.name or ""
    is_id = name in _ID_NAMES and _is(param, int)
    if is_id:
        _check_ids(param)
    elif _is(param, int):
        _check_size(param)
    if param.param_type_name == "option":
        if param.is_flag or param.count:
            param.metavar = ""  # a switch takes no value: no "<bool>" beside it
        elif param.metavar is None:
            param.metavar = "ID" if is_id else _placeholder(param, names)
        return
    many = param.nargs != 1
    label = "ID" if is_id else (param.metavar or names.get(name) or name.upper())
    label = label.removesuffix("...")
    shown = label + ("..." if many else "")
    param.metavar = shown
    usage = shown if param.required else f"[{shown}]"
    # Typer adds braces and a second "..." around a metavar, and a Python type column
    # ("<list[int]>") beside it; the placeholder alone says it.
    object.__setattr__(param, "_usage_display_name", lambda: usage)
    object.__setattr__(param, "_rich_display_name", lambda: shown)
    object.__setattr__(param, "display_type_rich", lambda ctx: None)


def _check_ids(param: Any) -> None:
    # An id the database cannot hold would reach the driver as an overflow (a traceback);
    # zero and negative ids name nothing. Either is bad input, said before anything opens.
    convert = param.process_value

    def process_value(ctx: Any, value: Any) -> Any:
        value = convert(ctx, value)
        for number in value if isinstance(value, list | tuple) else [value]:
            if isinstance(number, int) and not 1 <= number <= MAX_ID:
                raise InputError(
                    _("{number} bukan nomor: nomor berjalan dari 1 sampai {max}").format(
                        number=number, max=MAX_ID
                    )
                )
        return value

    object.__setattr__(param, "process_value", process_value)


def _check_size(param: Any) -> None:
    # A count (--limit) past what the database takes would reach the driver as an overflow.
    convert = param.process_value

    def process_value(ctx: Any, value: Any) -> Any:
        value = convert(ctx, value)
        for number in value if isinstance(value, list | tuple) else [value]:
            if isinstance(number, int) and not -MAX_ID <= number <= MAX_ID:
                raise InputError(
                    _("{number} terlalu besar: paling banyak {max}").format(
                        number=number, max=MAX_ID
                    )
                )
        return value

    object.__setattr__(param, "process_value", process_value)


def _placeholder(option: Any, names: dict[str, str]) -> str:
    name = option.name or ""
    if name in names:
        return names[name]
    if _is(option, Path):
        return names["file"]
    if _is(option, int) or _is(option, float):
        return "N"
    return str(name.upper())


def _quiet_help_option(command: Any) -> None:
    original = command.get_help_option

    def help_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None:
            option.metavar = ""
            option.help = help_text()
        return option

    object.__setattr__(command, "get_help_option", help_option)


def usage_line(error: Exception) -> str:
    """A usage error as one line, with where to read more."""
    message = usage_message(error)
    ctx = getattr(error, "ctx", None)
    where = ""
    if ctx is not None:
        where = " " + _("(lihat `{command} --help`)").format(command=ctx.command_path)
    return " ".join(str(message).split()) + where
