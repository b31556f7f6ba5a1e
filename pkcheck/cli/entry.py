"""The run as a process: signals, standard output, exceptions and the exit status.

``console`` is the installed ``pkcheck`` command (through ``pkcheck.__main__.run``); ``main``
runs the command line (``pkcheck.cli.commands``) so that every way a run can end has one exit code
and one line on standard error: a command's own result, a usage error (2), a bad input (2), a
bug in pkcheck (3), a signal (128 + its number), a closed standard output (141).
"""

import contextlib
import errno
import gc
import io
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from typing import Any, NoReturn

import typer

from pkcheck.cli.errors import click_usage_error, debug, echo_diagnostics, usage_error
from pkcheck.diagnostics import InputError, UsageError, describe
from pkcheck.version import __version__


def _(text: str) -> str:
    """``text`` in the language in use; pkcheck.i18n is imported only when there is something
    to say (``pkcheck --version`` needs none of it)."""
    from pkcheck.i18n import _ as translated

    return translated(text)


class _Interrupted(BaseException):
    """Ctrl-C, or SIGTERM (its argument is the signal), raised where click cannot catch it
    (click would print "Aborted!" and exit 1)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, _frame: object) -> None:
    for stop in (signal.SIGINT, signal.SIGTERM):  # the clean-up that follows runs to its end
        signal.signal(stop, signal.SIG_IGN)
    raise _Interrupted(signum)


def main() -> None:
    """Console entry point.

    Ctrl-C ends the run with "pkcheck: interrupted" and exit code 130 (128 + SIGINT, as shells
    report it); SIGTERM (a cancelled CI job, ``timeout``) with "pkcheck: terminated" and 143.
    A report file named with ``--output`` is then either the previous one or absent, never
    half-written: reports are written to a temporary file that is renamed into place only when
    complete, and removed if interrupted. Worker processes (``--jobs``) are stopped.

    An unexpected exception (a bug in pkcheck) outside the work on one file ends the run with
    one line on standard error and exit code 3 (the traceback too with ``PKCHECK_DEBUG=1``):
    1 means only what each command documents (a shortfall, a failing case, a relaxation). One
    within the work on one file is that file's located error instead (``diagnostics.internal_error``).

    Standard output is written out (flushed) as part of the run: a signal meanwhile (a slow
    reader) stops the run as above, and a write error other than a closed pipe, wherever it
    happens, is "pkcheck: cannot write standard output: ..." and exit 2. A closed pipe
    (``pkcheck ... | head``) is exit 141, as for a program stopped by SIGPIPE.
    """
    # Start-up creates many long-lived objects (models, standards); Python's default of a
    # collection every 700 allocations spends several per cent of a short run on them.
    gc.set_threshold(500_000, 20, 20)
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if sys.argv[1:] == ["--version"]:  # answered before typer builds its parameters
            print(f"pkcheck {__version__}")
            _written_out(0)
        else:
            sys.exit(_written_out(_run_app()))
    except _StandardOutputError as exc:
        if exc.errno == errno.EPIPE:
            sys.exit(128 + 13)  # SIGPIPE
        typer.echo(_("pkcheck: cannot write standard output: {reason}").format(reason=exc.strerror or exc), err=True)
        sys.exit(2)
    except UsageError as exc:
        usage_error(exc)
        sys.exit(2)
    except InputError as exc:  # bad input a command did not report itself: still located, still 2
        echo_diagnostics(exc.diagnostics)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - every other exception is a bug, reported as one
        _internal_error(exc)
    except _Interrupted as stop:
        sys.exit(_stopped(stop))


def _stopped(stop: _Interrupted) -> int:
    """How a run stopped by a signal ends: a line on standard error, and the exit code shells
    report for a process ended by that signal."""
    typer.echo(_("pkcheck: terminated") if stop.signum == signal.SIGTERM else _("pkcheck: interrupted"), err=True)
    return 128 + stop.signum


class _StandardOutputError(OSError):
    """Standard output could not be written (no space left, a closed pipe): the command line's
    fault, or its reader's, never a bug in pkcheck."""


@contextlib.contextmanager
def _writing_standard_output() -> Iterator[None]:
    """Any ``OSError`` inside is raised as the ``_StandardOutputError`` it is."""
    try:
        yield
    except _StandardOutputError:
        raise
    except OSError as exc:
        raise _StandardOutputError(exc.errno, exc.strerror) from exc


class _StandardOutput(io.TextIOWrapper):
    """The process's standard output, on the same buffer, whose write errors are
    ``_StandardOutputError``s wherever the writing happens (a report, a listing, click's help)."""

    def write(self, text: str) -> int:
        with _writing_standard_output():
            return super().write(text)

    def flush(self) -> None:
        with _writing_standard_output():
            super().flush()


def _written_out(code: int) -> int:
    """``code``, once standard output is flushed; a write error is a ``_StandardOutputError``."""
    with _writing_standard_output():
        sys.stdout.flush()
    return code


# click's errors (bad options and arguments); typer exports only subclasses, and the module they
# come from depends on typer's version (click itself, or its copy inside typer).
CLICK_ERROR: Any = next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException")


def _run_app() -> int:
    """The command line, run without click's own handling of errors, which would exit 1 (the
    code of a shortfall) for an ``EOFError`` ("Aborted!") and for a closed standard output:
    click's usage errors exit 2 as before, a closed standard output (``pkcheck ... | head``)
    141 as a program stopped by SIGPIPE would, and any other exception reaches ``main``."""
    from pkcheck import i18n
    from pkcheck.cli import parse

    # The language first, so that whatever goes wrong from here is said in it (the application
    # chooses it again from its command line: ``typer_words.Group``).
    i18n.use(parse.language(sys.argv[1:], os.environ))
    from pkcheck.cli.commands import app  # the commands: not needed to answer `--version`

    try:
        code = app(standalone_mode=False)
    except typer.Abort as exc:  # how click wraps an EOFError: an unexpected exception like any other
        if isinstance(exc.__cause__, Exception):
            raise exc.__cause__ from None
        raise
    except CLICK_ERROR as exc:
        click_usage_error(exc)
        return 2 if exc.exit_code == 1 else int(exc.exit_code)
    except SystemExit as exc:  # click exits 1 on a broken pipe, whichever mode it runs in
        context = exc.__context__
        if isinstance(context, OSError) and context.errno == errno.EPIPE:
            return 128 + 13  # SIGPIPE
        raise
    return code if isinstance(code, int) else 0


def _internal_error(exc: Exception) -> NoReturn:
    """A bug in pkcheck outside the work on one file: one line on standard error, exit 3."""
    from pkcheck.escapes import line

    if debug():
        traceback.print_exception(exc)
        message = _("pkcheck: internal error: {error}; this is a bug in pkcheck, please report it")
    else:
        message = _(
            "pkcheck: internal error: {error}; this is a bug in pkcheck, please report it"
            " (set PKCHECK_DEBUG=1 for the traceback)"
        )
    typer.echo(message.format(error=line(describe(exc))), err=True)
    sys.exit(3)


def console() -> None:
    """The installed ``pkcheck`` command and ``python -m pkcheck`` (both through
    ``pkcheck.__main__.run``): ``main``, on a standard output whose write errors are known as
    such (``_StandardOutput``) and that escapes what its encoding cannot write, then an exit that skips the interpreter's teardown. By then every report is written and closed and standard output
    flushed (``main``); freeing the models and standards object by object, which nobody needs,
    took 6% of a single check."""
    stdout = sys.stdout
    if isinstance(stdout, io.TextIOWrapper) and not isinstance(stdout, _StandardOutput):
        sys.stdout = _StandardOutput(
            _buffered(stdout.buffer),
            stdout.encoding,
            # A character the encoding lacks (the rules of a portfolio in a Windows code page) is
            # written escaped, as on standard error, not an error that stops the run.
            "backslashreplace" if stdout.errors == "strict" else stdout.errors,
            line_buffering=stdout.line_buffering,
            write_through=stdout.write_through,
        )
    try:
        code = _status_of_main()
    except _Interrupted as stop:  # a signal while main was ending: the run is stopped all the same
        code = _stopped(stop)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # already reported by main, or nothing more can be said
            stream.flush()
    os._exit(code)


def _buffered(binary: Any) -> Any:
    """Standard output's binary stream, with a buffer where it has none (``PYTHONUNBUFFERED=1``
    or ``python -u``, usual in containers and CI). A bare stream may take only part of a write
    and say so only in what it returns, which the text layer above it never reads: the rest of
    a report would be lost without a word when a pipe's reader goes (``| head``). A buffer
    writes the rest, or raises the error that stops it."""
    return io.BufferedWriter(binary) if isinstance(binary, io.RawIOBase) else binary


def _status_of_main() -> int:
    """``main``'s exit status; once it is known, the run is over: a signal then changes nothing."""
    try:
        main()
        code: int = 0
    except SystemExit as exc:
        code = exit_status(exc.code)
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)
    return code


def exit_status(code: object) -> int:
    """What Python would exit with for ``sys.exit(code)``, except that a message (which pkcheck
    never exits with) is an internal error, 3, not 1: 1 means a shortfall."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    message = _("pkcheck: internal error: exit with {code}; this is a bug in pkcheck, please report it")
    sys.stderr.write(message.format(code=repr(code)) + "\n")
    return 3
