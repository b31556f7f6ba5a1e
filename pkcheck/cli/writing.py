"""Where a command's output goes, and how it is written: to standard output, or to a file
replaced atomically; in colour and at the terminal's width only for a terminal."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from pkcheck.cli import parse
from pkcheck.cli.errors import usage
from pkcheck.cli.options import parsed
from pkcheck.formats import FormatChoice
from pkcheck.i18n import _

if TYPE_CHECKING:
    from pkcheck.load.inputs import Read

F = TypeVar("F", bound=FormatChoice)


def outputs(specs: Sequence[str], output: str | None, formats: type[F], *inputs: Read) -> list[tuple[F, str | None]]:
    """Where each ``--format`` goes (``parse.destinations``); a bad combination, or a file that
    is one of the ``inputs``, is a usage error, found before anything is read."""
    chosen = parsed(parse.destinations, specs, output, formats)
    refuse_overwriting([target for _, target in chosen], *inputs)
    return chosen


def refuse_overwriting(targets: Iterable[str | None], *inputs: Read) -> None:
    """An output file that is also one of the run's inputs (``check unit.yaml -o unit.yaml``)
    would be replaced by the output: a usage error, before anything is read or written."""
    from pkcheck.load.inputs import read_as

    for target in targets:
        what = None if target is None else read_as(target, inputs)
        if what is not None:
            usage(
                _(
                    "{file} is also an input of this run ({what}); the output would replace it: write it elsewhere"
                ).format(file=target, what=_(what))
            )


def emit(
    subject: object,
    targets: Iterable[tuple[FormatChoice, str | None]],
    *,
    verbose: bool = False,
    details: bool | None = None,
) -> None:
    """``subject`` written in each format to its target, drawn for a terminal where it goes to
    one; ``verbose`` and ``details`` are the check report's choices.

    A bug in one format's code does not cost the others: each other format is still written
    (a file being written when its format fails is left as it was: files are replaced whole),
    then the first such exception is raised again, an internal error (exit 3). A file that
    cannot be written, or a usage error, stops the run at once, as ever."""
    import typer

    failed: Exception | None = None
    for chosen_format, target in targets:
        color, width = terminal(target)
        try:
            write(chosen_format.pieces(subject, color=color, width=width, verbose=verbose, details=details), target)
        except (OSError, typer.Exit):
            raise
        except Exception as exc:  # noqa: BLE001 - a bug in this format; re-raised once the others are out
            failed = failed or exc
    if failed is not None:
        raise failed


PIPED_WIDTH = 100  # the width of text for a file or a pipe, unless COLUMNS gives one
NARROWEST_WIDTH = 40  # below this, text is drawn at this width and may be wider than the terminal


def terminal(output: str | None) -> tuple[bool, int]:
    """Whether to use colour, and the width to draw text in: the terminal's, or else
    ``COLUMNS`` where it is set (so that a report for a file can be drawn at any width), or
    else 100 columns."""
    to_terminal = output is None and sys.stdout.isatty()
    color = to_terminal and not os.environ.get("NO_COLOR")  # https://no-color.org: only a non-empty value
    if to_terminal:
        width = shutil.get_terminal_size((PIPED_WIDTH, 24)).columns
    else:
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) > 0 else PIPED_WIDTH
    return color, max(width, NARROWEST_WIDTH)


def write(text: str | Iterable[str], output: str | None) -> None:
    """Write to the file ``output`` (``pkcheck.output.write_file``), or to standard output;
    a file that cannot be written (no space left, a closed pipe) is an error, exit 2.

    A file that is standard output itself (``/dev/stdout``, ``/dev/stderr`` after ``2>&1``; the
    file, pipe or terminal standard output goes to) is written as standard output, after what
    went there before: opened anew, it would be truncated or replaced, and that text lost or
    overtaken. Before any other file, what standard output holds is written out, for text that
    reaches one place by two ways (a terminal, directly and through a pipe)."""
    from pkcheck.output import write_file

    if output and not _is_standard_output(output):
        sys.stdout.flush()
        try:
            write_file(output, text)
        except OSError as exc:
            usage(_("cannot write {file}: {reason}").format(file=output, reason=exc.strerror or exc))
    else:
        sys.stdout.writelines((text,) if isinstance(text, str) else text)


def _is_standard_output(path: str) -> bool:
    try:
        return os.path.samestat(os.stat(path), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError):  # no such file, or a standard output that is no file (in tests)
        return False
