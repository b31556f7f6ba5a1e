"""typer's and click's own words, in the language in use: the help's "Usage:", "Options",
"Show this message and exit." and "[default: ...]", and the usage errors click finds ("No such
option", "Missing argument", "Invalid value for ..."), so that a French run is French throughout.

- ``Command`` and ``Group``, the classes of pkcheck's commands and of its application, show
  every help text (of a command, its options and arguments, and the commands a group lists) in
  the language in use when the help is shown, whenever it was declared: help texts are written
  in English and marked with ``N_``. Their usage line starts with the translated "Usage: ".
- ``install`` points the gettext function typer's help uses for its own words (``typer.core``)
  at pkcheck's catalog, and translates the words of typer's rich help (``typer.rich_utils``)
  where it is loaded; the command line calls it when the language is not English, so an English
  run neither changes typer nor reads a catalog.
- ``message`` is a usage error found by click, in the language in use. typer's copy of click
  writes these in English without gettext: the message is matched against the English templates
  below and written again from their translation.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer.core

from pkcheck.i18n import DEFAULT, N_, _, language

# The words typer's help looks up with gettext (typer.core), and those of its rich help
# (typer.rich_utils), marked here so that pkcheck's catalog translates them.
TYPER_WORDS = (
    N_("Usage: "),
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Error"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("Missing command."),
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
RICH_WORDS = {
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
# The names of the values options and arguments take (metavars), and of the usage line's parts:
# translated where the help or a usage line shows them.
METAVARS = (
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("PATH"),
    N_("FILE"),
    N_("DIR"),
    N_("ID-OR-FILE"),
    N_("FORMAT[=FILE]"),
    N_("SEVERITY"),
    N_("CATEGORY"),
    N_("WINDOW"),
    N_("OLD"),
    N_("NEW"),
    N_("REQUIREMENT-ID"),
    N_("UNIT-TYPE"),
    N_("SIZE"),
    N_("LANG"),
)
_SHOWN = ("help", "short_help", "epilog", "metavar", "options_metavar", "subcommand_metavar")
USAGE = "Usage: "
HEADING = N_("{heading}:")  # a section of the help: "Options:"
TRY_HELP = N_("Try '{command} {option}' for help.")


def install() -> None:
    """typer's own words from pkcheck's catalog, in the language in use from now on."""
    typer.core._ = _  # type: ignore[attr-defined,assignment]  # typer.core's `from gettext import gettext as _`
    rich_utils = sys.modules.get("typer.rich_utils")  # rich is not loaded for this: pkcheck's help is plain
    if rich_utils is not None:
        for name, english in RICH_WORDS.items():
            setattr(rich_utils, name, _(english))


def translating() -> bool:
    """Whether help and messages are written in another language than the code's."""
    return language() != DEFAULT


def _translated(text: Any) -> Any:
    return _(text) if isinstance(text, str) and text else text  # _("") would be the catalog's header


@contextmanager
def _help_translated(command: Any, ctx: Any) -> Iterator[None]:
    """While the help of ``command`` is written: its help texts and metavars, its parameters'
    and those of the commands it lists in the language in use; the English ones (the message
    ids) after."""
    if not translating():
        yield
        return
    install()
    objects = [command, *command.get_params(ctx), *getattr(command, "commands", {}).values()]
    kept = [(item, name, getattr(item, name)) for item in objects for name in _SHOWN if hasattr(item, name)]
    try:
        for item, name, text in kept:
            setattr(item, name, _translated(text))
        yield
    finally:
        for item, name, text in kept:
            setattr(item, name, text)


class _Translated:
    def format_usage(self: Any, ctx: Any, formatter: Any) -> None:
        with _help_translated(self, ctx):
            pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), _(USAGE))

    def format_help(self: Any, ctx: Any, formatter: Any) -> None:
        with _help_translated(self, ctx):
            if translating():  # the sections' headings punctuated in the language's way
                formatter.write_heading = lambda heading: formatter.write(
                    f"{'':>{formatter.current_indent}}{_(HEADING).format(heading=heading)}\n"
                )
            super().format_help(ctx, formatter)  # type: ignore[misc]


class Command(_Translated, typer.core.TyperCommand):
    """A pkcheck command: its help in the language in use."""


class Group(_Translated, typer.core.TyperGroup):
    """pkcheck's application: its help in the language in use, and the language of the run
    chosen from its whole command line before anything is parsed (``--lang`` before or after
    the command, else the environment), so that the help and the usage errors of a command are
    in it too."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from pkcheck.cli.options import choose_language

        if not ctx.resilient_parsing:
            choose_language(args)
        result: list[str] = super().parse_args(ctx, args)
        return result


# click's usage errors, as its copy inside typer writes them: the English templates, matched
# whole; a placeholder named ``reason`` or ``more`` is itself a message, translated in turn.
CLICK_MESSAGES = (
    N_("No such option: {option} (Possible options: {options})"),
    N_("No such option: {option}"),
    N_("No such command {name}. Did you mean {names}?"),
    N_("No such command {name}."),
    N_("Missing argument {name}. {more}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}. {more}"),
    N_("Missing option {name}."),
    N_("Missing parameter {name}."),
    N_("Missing parameter: {name}"),
    N_("Choose from:\n\t{choices}"),
    N_("Invalid value for {option}: {reason}"),
    N_("Invalid value: {reason}"),
    N_("{value} is not one of {choices}."),
    N_("Value {value} is not a valid {type}."),
    N_("Option {option} requires an argument."),
    N_("Option {option} requires {count} arguments."),
    N_("Option {option} does not take a value."),
    N_("Argument {name} takes {count} values."),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Missing command."),
)
_NESTED = ("reason", "more")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = []


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    if not _PATTERNS:
        for template in CLICK_MESSAGES:
            pieces = re.split(r"\{(\w+)\}", template)
            regex = "".join(
                re.escape(piece) if index % 2 == 0 else f"(?P<{piece}>.+?)" for index, piece in enumerate(pieces)
            )
            _PATTERNS.append((template, re.compile(regex, re.DOTALL)))
    return _PATTERNS


def _value(name: str, value: str) -> str:
    if name in _NESTED:
        return message(value)
    if name == "name" and value[:1] == value[-1:] == "'":  # an argument, by its metavar: 'PATH'
        return f"'{_(value[1:-1])}'"
    return value


def message(text: str) -> str:
    """A message of click's (or typer's) in the language in use: ``text`` itself in English, or
    where it is none of click's templates (pkcheck's own messages are translated already)."""
    if not translating():
        return text
    for template, pattern in _patterns():
        match = pattern.fullmatch(text)
        if match is not None:
            values = {name: _value(name, value) for name, value in match.groupdict().items()}
            return _(template).format(**values)
    return text
