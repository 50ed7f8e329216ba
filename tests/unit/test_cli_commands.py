"""The command table of ``sosmed``: each command is registered by the module it names."""

from __future__ import annotations

import pytest
import typer.main

from sosmed.cli.main import COMMANDS, command_of, make_app


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
    ],
)
def test_command_word(argv: list[str], expected: str | None) -> None:
    assert command_of(argv) == expected


def test_unknown_command_loads_all_for_the_usage_message() -> None:
    assert _names(make_app("no-such-command")) == set(COMMANDS)


def test_version_needs_no_command() -> None:
    assert _names(make_app("--version")) == set()
