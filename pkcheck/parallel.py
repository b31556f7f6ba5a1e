"""Checking many declarations in several processes (``--jobs``).

Each worker is forked from the process that loaded the standards, so nothing but file paths
goes to the workers and nothing but results comes back, in the order of the paths: the
report is the same, byte for byte, whatever the number of jobs. Where processes cannot be
forked (Windows), declarations are checked one after another.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pkcheck.engine import Settings
    from pkcheck.report import Result

# Set in the parent just before the workers are forked; each worker reads its inherited copy.
_WORKER_SETTINGS: Settings | None = None
_WORKER_CHECK: Callable[[str, Settings], Result] | None = None


def available_cpus() -> int:
    """The CPUs this process may run on (``--jobs auto``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def check_in_workers(
    paths: Sequence[str], settings: Settings, check: Callable[[str, Settings], Result], jobs: int
) -> Iterator[Result]:
    """``check(path, settings)`` for every path, in ``jobs`` processes, yielded in path order."""
    global _WORKER_SETTINGS, _WORKER_CHECK
    _WORKER_SETTINGS, _WORKER_CHECK = settings, check
    # Small chunks keep both workers busy to the end; each chunk is one message each way.
    chunk = max(1, min(8, len(paths) // (jobs * 8)))
    # Objects made before the fork are never collected in the workers: left to the collector,
    # each worker would walk them all again and again, and copy every page it touches.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupts) as pool:
            yield from pool.imap(_check, paths, chunksize=chunk)
    finally:
        gc.unfreeze()
        _WORKER_SETTINGS = _WORKER_CHECK = None


def _ignore_interrupts() -> None:
    """Ctrl-C is handled once, by the parent, which then stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check(path: str) -> Result:
    assert _WORKER_SETTINGS is not None and _WORKER_CHECK is not None
    return _WORKER_CHECK(path, _WORKER_SETTINGS)
