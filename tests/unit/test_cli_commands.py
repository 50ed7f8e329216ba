"""The command table of ``sosmed``: each command is registered by the module it names."""

from __future__ import annotations

import pytest
import typer.main

from sosmed.cli.main import COMMANDS, command_of, hoist_globals, make_app


def _names(app: typer.Typer) -> set[str]:
    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_table_names_every_command() -> None:
    assert _names(make_app()) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_comes_from_its_module(command: str) -> None:
    assert command in _names(make_app(command))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["log"], "log"),
        (["--home", "/tmp/x", "log", "--since", "7d"], "log"),
        (["--home=/tmp/x", "-v", "status"], "status"),
        (["--verbose", "feeds", "add", "u"], "feeds"),
        (["--help"], None),
        (["--version"], "--version"),
        (["-v", "--version", "log"], "--version"),
        ([], None),
        (["--home", "/tmp/x"], None),
        (["--lang", "en", "status"], "status"),
        (["--lang=en", "-v", "posts"], "posts"),
    ],
)
def test_command_word(argv: list[str], expected: str | None) -> None:
    assert command_of(argv) == expected


def test_unknown_command_loads_all_for_the_usage_message() -> None:
    assert _names(make_app("no-such-command")) == set(COMMANDS)


def test_version_needs_no_command() -> None:
    assert _names(make_app("--version")) == set()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["status", "--lang", "en"], ["--lang", "en", "status"]),
        (["add", "f", "--home", "/h", "--lang=en"], ["--home", "/h", "--lang=en", "add", "f"]),
        # The report has a --lang of its own (the report's language): left where it is.
        (["report", "--lang", "en"], ["report", "--lang", "en"]),
        (["--lang", "en", "report", "--lang", "id"], ["--lang", "en", "report", "--lang", "id"]),
        (["summarize", "--", "--lang", "en"], ["summarize", "--", "--lang", "en"]),
    ],
)
def test_global_options_anywhere_on_the_line(argv: list[str], expected: list[str]) -> None:
    assert hoist_globals(argv) == expected
