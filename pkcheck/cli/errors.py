"""How the command line shows what stops a command: a usage error, the located errors of an
input, and (with ``PKCHECK_DEBUG=1``) the tracebacks of internal errors. Each ends with the
exit code it documents; text from files goes through ``pkcheck.escapes.line``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, NoReturn

import typer

from pkcheck.diagnostics import Diagnostic


def _(text: str) -> str:
    """``text`` in the language in use; pkcheck.i18n is imported only when there is something
    to say (``pkcheck --version`` needs none of it)."""
    from pkcheck.i18n import _ as translated

    return translated(text)


def usage(message: str) -> NoReturn:
    """The command line asks for something that cannot be done: one line, exit 2."""
    usage_error(message)
    raise typer.Exit(2)


def usage_error(message: object) -> None:
    """The line of a usage error, on standard error."""
    from pkcheck.escapes import line  # its expressions are compiled only when something is shown

    typer.echo(_("pkcheck: error: {message}").format(message=line(message)), err=True)


def click_usage_error(error: Any) -> None:
    """A usage error found by click (an unknown option, a bad or missing value), in pkcheck's
    own words and style: ``pkcheck: error: ...``, then click's usage line and help hint, in the
    language in use."""
    from pkcheck.cli import typer_words

    if type(error).__name__ == "NoArgsIsHelpError":  # `pkcheck` alone: its help, as click shows it
        typer.echo(error.format_message(), err=True)
        return
    # typer words an enum's bad value through pydantic, which starts it with "Value error, ".
    message = typer_words.message(error.format_message().replace("Value error, ", "")).rstrip(".")
    # "No such option" reads as pkcheck's own, as does "L'option" in French
    if message[:1].isupper() and (message[1:2].islower() or message[1:2] in ("'", "\u2019")):
        message = message[0].lower() + message[1:]
    usage_error(message)
    context = getattr(error, "ctx", None)
    if context is not None:
        help_option = context.help_option_names[0] if context.help_option_names else "--help"
        typer.echo(context.get_usage(), err=True)
        typer.echo(_(typer_words.TRY_HELP).format(command=context.command_path, option=help_option), err=True)


def fail(diagnostics: tuple[Diagnostic, ...]) -> NoReturn:
    """An input that cannot be read or validated stops the command: its errors, exit 2."""
    echo_diagnostics(diagnostics)
    raise typer.Exit(2)


def echo_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    from pkcheck.escapes import line

    for diagnostic in diagnostics:
        typer.echo(line(diagnostic), err=True)


def debug() -> bool:
    return os.environ.get("PKCHECK_DEBUG", "") not in ("", "0")


def show_tracebacks(diagnostics: Iterable[Diagnostic]) -> None:
    """With ``PKCHECK_DEBUG=1``, the traceback of each internal error that was contained in one
    file's work (and reported as that file's error), for a bug report."""
    if not debug():
        return
    from pkcheck.escapes import line

    seen = set()
    for diagnostic in diagnostics:
        if diagnostic.internal and (str(diagnostic), diagnostic.traceback) not in seen:
            seen.add((str(diagnostic), diagnostic.traceback))
            trace = "".join(line(row) + "\n" for row in (diagnostic.traceback or "").splitlines())
            heading = _("pkcheck: internal error at {location}:").format(location=line(diagnostic.location))
            typer.echo(f"{heading}\n{trace}", err=True, nl=False)
