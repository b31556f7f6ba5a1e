"""The typer application: pkcheck's help, ``--version``, and its commands in the order the
help lists them. A command is a function in a module of this package; adding one is that
module and one entry in ``COMMANDS``."""

from collections.abc import Callable
from typing import Annotated

import typer

from pkcheck.cli import check, diff, gaps, match, schema, standards, suites, template, trend
from pkcheck.cli.options import Lang, language_option, use_language
from pkcheck.cli.typer_words import Command, Group
from pkcheck.i18n import N_
from pkcheck.version import __version__

# Help texts are written in English, marked for the catalog, and shown in the language in use
# when the help is shown (``pkcheck.cli.typer_words``).
HELP = N_(
    "Check UN peacekeeping unit declarations against deployment standards for training, equipment and medical support."
)
EPILOG = N_(
    "Exit codes of every command, besides those its help lists: 3 an internal error (a bug in pkcheck; "
    "PKCHECK_DEBUG=1 shows the traceback); 130 interrupted (Ctrl-C); 141 standard output closed early; "
    "143 terminated (SIGTERM). 1 only ever means the result a command documents."
)
VERSION_HELP = N_("Show the version and exit.")

app = typer.Typer(
    name="pkcheck",
    cls=Group,
    help=HELP,
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion, for bash, zsh, fish and PowerShell
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


COMMANDS: dict[str, Callable[..., None]] = {
    "check": check.check_command,
    "lint": standards.lint_command,
    "list": standards.list_command,
    "explain": standards.explain_command,
    "init": template.init_command,
    "test": suites.test_command,
    "schema": schema.schema_command,
    "diff": diff.diff_command,
    "gaps": gaps.gaps_command,
    "progress": trend.progress_command,
    "match": match.match_command,
}
HELPS: dict[str, str] = {  # each command's help, in English (marked with ``N_``); one for each command
    "check": check.HELP,
    "lint": standards.LINT_HELP,
    "list": standards.LIST_HELP,
    "explain": standards.EXPLAIN_HELP,
    "init": template.HELP,
    "test": suites.HELP,
    "schema": schema.HELP,
    "diff": diff.HELP,
    "gaps": gaps.HELP,
    "progress": trend.HELP,
    "match": match.HELP,
}
for name, command in COMMANDS.items():
    app.command(name, cls=Command, help=HELPS[name])(language_option(command))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pkcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=VERSION_HELP)] = False,
    lang: Lang = None,
) -> None:
    """Check UN peacekeeping unit declarations against deployment standards."""
    # The language is chosen from the whole command line before it is parsed (``Group``): a
    # --lang after the command counts as much as one before it; this one is kept, not undone.
    if lang:
        use_language(lang)
