"""The typer application: pkcheck's help, ``--version``, and its commands in the order the
help lists them. A command is a function in a module of this package; adding one is that
module and one entry in ``COMMANDS``."""

from collections.abc import Callable
from typing import Annotated

import typer

from pkcheck.cli.check import check_command
from pkcheck.cli.diff import diff_command
from pkcheck.cli.gaps import gaps_command
from pkcheck.cli.options import Lang, language_option, use_language
from pkcheck.cli.schema import schema_command
from pkcheck.cli.standards import explain_command, lint_command, list_command
from pkcheck.cli.suites import test_command
from pkcheck.cli.template import init_command
from pkcheck.i18n import _
from pkcheck.version import __version__

app = typer.Typer(
    name="pkcheck",
    help=_(
        "Check UN peacekeeping unit declarations against deployment standards for training, equipment and medical support."
    ),
    epilog=(
        "Exit codes of every command, besides those its help lists: 3 an internal error (a bug in pkcheck; "
        "PKCHECK_DEBUG=1 shows the traceback); 130 interrupted (Ctrl-C); 141 standard output closed early; "
        "143 terminated (SIGTERM). 1 only ever means the result a command documents."
    ),
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion, for bash, zsh, fish and PowerShell
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

COMMANDS: dict[str, Callable[..., None]] = {
    "check": check_command,
    "lint": lint_command,
    "list": list_command,
    "explain": explain_command,
    "init": init_command,
    "test": test_command,
    "schema": schema_command,
    "diff": diff_command,
    "gaps": gaps_command,
}
for name, command in COMMANDS.items():
    app.command(name)(language_option(command))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pkcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    lang: Lang = None,
) -> None:
    """Check UN peacekeeping unit declarations against deployment standards."""
    use_language(lang)
