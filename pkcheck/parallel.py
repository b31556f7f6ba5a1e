"""Checking many declarations in several processes (``--jobs``).

Each worker is forked from the process that loaded the standards, so nothing but file paths
goes to the workers and nothing but results comes back, in the order of the paths: the
report is the same, byte for byte, whatever the number of jobs. Where processes cannot be
forked (Windows), declarations are checked one after another.

Ctrl-C and SIGTERM are the parent's alone: workers ignore them, also when a terminal, a CI
runner or a service manager signals every process, and the parent, stopping, ends them all,
none in the middle of sending a result, before it exits.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import multiprocessing.context
import multiprocessing.pool
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

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
    """``check(path, settings)`` for every path, in ``jobs`` processes, yielded in path order.

    The workers are ended before the last result is yielded (its taker may never ask for
    more, leaving this generator to be closed whenever it is freed), or as soon as anything,
    Ctrl-C or SIGTERM among others, stops the run."""
    global _WORKER_SETTINGS, _WORKER_CHECK
    _WORKER_SETTINGS, _WORKER_CHECK = settings, check
    # Small chunks keep both workers busy to the end; each chunk is one message each way.
    chunk = max(1, min(8, len(paths) // (jobs * 8)))
    # Objects made before the fork are never collected in the workers: left to the collector,
    # each worker would walk them all again and again, and copy every page it touches.
    gc.freeze()
    pool = None
    try:
        with _stop_signals_held():  # a signal held back meanwhile is raised once ``pool`` is set
            pool = _Pool(jobs, initializer=_worker_signals, context=multiprocessing.get_context("fork"))
        for count, result in enumerate(pool.imap(_check, paths, chunksize=chunk), start=1):
            if count == len(paths):
                _stop(pool)
            yield result
    finally:
        if pool is not None:
            _stop(pool)
        gc.unfreeze()
        _WORKER_SETTINGS = _WORKER_CHECK = None


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (and delivered afterwards): while the workers are forked,
    which until ``_worker_signals`` have the parent's handlers (and would end with a traceback),
    and while they are stopped, which a handler raising half-way would leave unfinished."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _stop(pool: multiprocessing.pool.Pool) -> None:
    """End the workers (again: nothing happens)."""
    with _stop_signals_held():
        pool.terminate()


class _Worker(multiprocessing.context.ForkProcess):
    """A worker of ``_Pool``, which ends it with SIGKILL, and never while it sends a result."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The pool gives each worker its queues, tasks then results. A worker holds the lock of
        # the results while it sends one; ended then, it would hold it for ever, and the pool's
        # clean-up, which sends on that queue too, would wait for it for ever.
        self._results_lock = kwargs["args"][1]._wlock

    def terminate(self) -> None:
        """Called by ``Pool.terminate`` once its clean-up needs the workers no more: SIGKILL
        (workers ignore the default, SIGTERM: ``_worker_signals``), sent and waited for with
        the lock of the results held, unless the worker keeps it a whole second (a result it
        cannot send)."""
        held = self._results_lock.acquire(timeout=1)
        try:
            self.kill()
            self.join()
        finally:
            if held:
                self._results_lock.release()


class _Pool(multiprocessing.pool.Pool):
    """A process pool of ``_Worker`` processes."""

    @staticmethod
    def Process(ctx: Any, *args: Any, **kwds: Any) -> Any:  # the factory the pool calls
        return _Worker(*args, **kwds)


def _worker_signals() -> None:
    """Ctrl-C and SIGTERM, even when sent to every process (a terminal's Ctrl-C, a cancelled
    CI job, a stopped service), are handled once, by the parent, which then stops the workers
    (``_Worker.terminate``). A worker ended by them at any other moment could leave one of the
    pool's locks held (one is held while waiting for work), and the parent waiting for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _check(path: str) -> Result:
    assert _WORKER_SETTINGS is not None and _WORKER_CHECK is not None
    return _WORKER_CHECK(path, _WORKER_SETTINGS)
