"""The command line (typer): options in, report out, exit code. The only package that prints or exits.

``commands`` holds the typer ``app`` and its commands (a module each, or one per family:
``check``, ``gaps``, ``diff``, ``suites`` for ``test``, ``standards`` for ``lint``, ``list``
and ``explain``, ``template`` for ``init``, ``schema``), ``options`` the options they share, ``parse`` the pure functions that
parse option values, ``writing`` where output goes, ``entry`` the run as a process (``main``,
``console``: signals, standard output, exit codes).

Whatever it prints that names a file or quotes one (diagnostics, usage errors, listings) goes
through ``pkcheck.escapes.line``: text from files is shown, never obeyed by a terminal or CI.
The models, the parser, the checks and the formats are imported by the commands that use them,
so that ``pkcheck --help`` and ``--version`` start nearly as fast as typer itself.
"""

from typing import TYPE_CHECKING, Any

from pkcheck.cli.entry import console, main

if TYPE_CHECKING:
    from pkcheck.cli.commands import app

__all__ = ["app", "console", "main"]


def __getattr__(name: str) -> Any:
    if name == "app":  # the commands, loaded when first used: `pkcheck --version` needs none of them
        from pkcheck.cli.commands import app

        return app
    raise AttributeError(f"module 'pkcheck.cli' has no attribute {name!r}")
