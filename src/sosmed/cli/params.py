"""Every command's parameters as a person reads them: ids that fit the database, readable
names in --help (``ID``, ``FILE``, ``N``) instead of Python types, usage errors on one line.

Applied once to the whole command tree in ``main``, so that a command added later gets the
same treatment without repeating it in each ``typer.Argument``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from sosmed.errors import InputError

# The largest id the database can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1
# Parameter names that carry a post's or an article's id.
_ID_NAMES = ("post_id", "post_ids", "article_id", "article", "feed_id")
# Readable placeholders for options whose name alone says little.
_NAMES = {
    "home": "DIR",
    "dir": "DIR",
    "directory": "DIR",
    "photo": "FILE",
    "out": "FILE",
    "config_out": "FILE",
    "jsonl": "IN.jsonl",
    "at": "TIME",
    "month": "YYYY-MM",
    "accounts": "A,B",
    "by": "NAME",
    "caption": "TEXT",
    "text": "TEXT",
    "published": "URL",
    "url": "URL",
    "lang": "id|en",
    "faults": "SPEC",
    "slow": "REGEX=SECONDS",
}


def readable(command: Any) -> Any:
    """``command`` and its subcommands with id checks and readable placeholders."""
    for param in command.params:
        _param(param)
    _quiet_help_option(command)
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


def _param(param: Any) -> None:
    name = param.name or ""
    is_id = name in _ID_NAMES and _is(param, int)
    if is_id:
        _check_ids(param)
    if param.param_type_name == "option":
        if param.is_flag or param.count:
            param.metavar = ""  # a switch takes no value: no "<bool>" beside it
        elif param.metavar is None:
            param.metavar = "ID" if is_id else _placeholder(param)
        return
    many = param.nargs != 1
    label = "ID" if is_id else (param.metavar or name.upper()).removesuffix("...")
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
                raise InputError(f"{number} is not an id: ids run from 1 to {MAX_ID}")
        return value

    object.__setattr__(param, "process_value", process_value)


def _placeholder(option: Any) -> str:
    name = option.name or ""
    if name in _NAMES:
        return _NAMES[name]
    if _is(option, Path):
        return "FILE"
    if _is(option, int) or _is(option, float):
        return "N"
    return str(name.upper())


def _quiet_help_option(command: Any) -> None:
    original = command.get_help_option

    def help_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None:
            option.metavar = ""
        return option

    object.__setattr__(command, "get_help_option", help_option)


def usage_line(error: Exception) -> str:
    """A usage error as one line, with where to read more."""
    message = error.format_message()  # type: ignore[attr-defined]
    ctx = getattr(error, "ctx", None)
    where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
    return " ".join(str(message).split()) + where
