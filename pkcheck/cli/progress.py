"""The progress bar of a long batch, on standard error, for a person at a terminal.

Drawn with rich, like the terminal formats, and imported from it only when a bar is drawn: a
run in a pipe or a CI log loads none of it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from rich.progress import Progress

from pkcheck.i18n import _

MIN_PROGRESS_FILES = 10  # a bar for a handful of files only flickers


def wanted() -> bool:
    """A progress bar only for a person at a terminal: not in pipes, files or CI logs."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class ProgressBar:
    """A progress bar on standard error while a long batch is checked; when disabled (a pipe,
    a CI log) it draws nothing. Use as a context manager and pass ``start`` to
    ``pkcheck.api.check(progress=...)``."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Progress | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def start(self, total: int) -> Callable[[str], None]:
        if not self.enabled or total < MIN_PROGRESS_FILES:
            return lambda _path: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn(_("Checking")),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True, highlight=False),
            transient=True,
        )
        task = self._progress.add_task("check", total=total)
        self._progress.start()
        progress = self._progress
        return lambda _path: progress.advance(task)
