"""Working through many files in several processes (``--jobs``).

The caller says what a worker does with each file and what a file's result is when that
cannot be known (``run_in_workers``); this module knows nothing of checking. The engine
(``pkcheck.engine.check_files``) checks declarations with it.

Each worker is forked from the process that loaded the standards, so nothing but the numbers
of the files goes to the workers (a few at a time, to keep every worker busy) and nothing but
each file's result comes back; the results are put back in the order of the files: the report
is the same, byte for byte, whatever the number of jobs. Where processes cannot be forked
(Windows), the caller checks declarations one after another.

One file never costs a batch more than its own result, whatever happens while it is checked:

- a result that cannot be sent (it cannot be pickled in the worker, or unpickled here) is that
  file's failure with its internal error (``diagnostics.internal_error``); a worker whose result
  cannot be unpickled here is ended, and the files it held besides are given to a new worker
  (its later results might rely on what that one carried: ``run_in_workers``);
- a worker that ends in the middle of a file (killed by the kernel's out-of-memory killer or
  ``kill -9``, a crash in a C extension, ``os._exit`` in a check) makes that file's result a
  failure, with an error saying so; the files it held besides are given to the other workers,
  and a new worker takes its place. Each worker has a pipe of its own, checks its files in the
  order given, and sends back the results of the files given in one message together (this
  process then wakes once for several files, not once for each); it counts the files it has
  finished in memory it shares with this process, which reads the count once the worker has
  ended. The files it finished and had not sent yet are checked again by another worker, and
  the one after them is the one it ended on.

Ctrl-C and SIGTERM are the parent's alone: workers ignore them, also when a terminal, a CI
runner or a service manager signals every process, and the parent, stopping, kills them all.
That is safe at any moment, since workers share no lock or queue: each has its own pipe. A
worker whose parent is gone (killed) finds its pipe closed and ends too.
"""

from __future__ import annotations

import contextlib
import gc
import mmap
import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar, cast

from pkcheck.diagnostics import Diagnostic, Location, internal_error
from pkcheck.i18n import _

Result = TypeVar("Result")  # what a file comes to: the caller's, sent back pickled
Job = Callable[[str], Result]  # a file's path to its result, in a worker
Failed = Callable[[str, Diagnostic], Result]  # a file's result when the error says why it has none


@dataclass(frozen=True)
class _Batch(Generic[Result]):
    paths: Sequence[str]
    start: Callable[[], Job[Result]]
    failed: Failed[Result]


# Set in the parent before any worker is forked (workers started later, in place of one that
# ended, too); each worker reads its inherited copy.
_BATCH: _Batch[Any] | None = None


def available_cpus() -> int:
    """The CPUs this process may run on (``--jobs auto``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_in_workers(
    paths: Sequence[str], start: Callable[[], Job[Result]], failed: Failed[Result], jobs: int
) -> Iterator[Result]:
    """``job(path)`` for every path, in ``jobs`` processes, yielded in path order. Each worker
    calls ``start()`` once, in the worker, for its ``job``: what the job keeps (a cache of what
    it works out) is that worker's alone. A job with a ``dumps(result)`` method pickles its
    results with it: this process reads every result a worker sends, in order, until one
    cannot be read. A file a worker could not send a result for is ``failed(path, error)``.

    The workers are ended before the last result is yielded (its taker may never ask for
    more, leaving this generator to be closed whenever it is freed), or as soon as anything,
    Ctrl-C or SIGTERM among others, stops the run."""
    global _BATCH  # noqa: PLW0603 - forked workers inherit it, where an argument would be pickled per task
    _BATCH = _Batch(paths, start, failed)
    workers: _Workers[Result] = _Workers(len(paths), jobs)
    come: dict[int, Result] = {}
    following = 0
    try:
        for index, result in workers.results():
            come[index] = result
            while following in come:
                if following == len(paths) - 1:
                    workers.stop()
                yield come.pop(following)
                following += 1
    finally:
        workers.stop()
        gc.unfreeze()
        _BATCH = None


@dataclass
class _Worker:
    process: BaseProcess
    pipe: Connection
    pid: int | None
    finished: _Count  # the files it has finished, counted by the worker
    held: deque[int] = field(default_factory=deque)  # its files without a result yet, in its order
    received: int = 0  # the results it has sent

    def end(self) -> int:
        """Kill the process (it may have ended already) and wait for it: its exit code, or
        minus the signal that ended it."""
        self.process.kill()
        self.process.join()
        self.pipe.close()
        code = self.process.exitcode or 0
        self.process.close()
        return code

    def unsent(self) -> int:
        """The files it finished and sent no result for; read once it has ended."""
        return self.finished.value() - self.received


class _Count:
    """A number in memory shared with the processes forked after it is made: written by one,
    read by another only once the writer has ended (so never while it is written)."""

    def __init__(self) -> None:
        self._memory = mmap.mmap(-1, 8)  # anonymous and shared: a forked process writes the same page

    def set(self, number: int) -> None:
        self._memory[:8] = number.to_bytes(8, "little")

    def value(self) -> int:
        return int.from_bytes(self._memory[:8], "little")


class _Workers(Generic[Result]):
    """Up to ``jobs`` worker processes checking ``count`` files, given a few at a time."""

    CHUNK = 8  # files given at once, at the most: one message to a worker for several files

    def __init__(self, count: int, jobs: int) -> None:
        self.count, self.jobs = count, min(jobs, count)
        self.waiting = deque(range(count))  # the files no worker holds
        self.live: dict[Connection, _Worker] = {}

    def results(self) -> Iterator[tuple[int, Result]]:
        """Each file's number and result, as they come."""
        missing = self.count
        while missing:
            self._supply()
            for ready in wait(list(self.live)):
                pipe = cast(Connection, ready)
                worker = self.live.get(pipe)  # None once stopped
                if worker is None:
                    continue
                try:
                    messages: list[bytes] = pipe.recv()  # of bytes, which a worker forked from this process made
                except (EOFError, OSError):  # the worker ended; what it sent before was read
                    come = self._ended(worker)
                else:
                    come = self._received(worker, messages)
                for index, result in come:
                    missing -= 1
                    yield index, result

    def stop(self) -> None:
        """Kill every worker (again: nothing happens)."""
        with _stop_signals_held():
            for worker in self.live.values():
                worker.process.kill()
            for worker in self.live.values():
                worker.end()
            self.live.clear()

    def _supply(self) -> None:
        """A worker in place of each that ended, while files wait, each given files as soon as
        it is started; then more for each that is near the end of its files."""
        while len(self.live) < self.jobs and self.waiting:
            self._start()
            self._give()
        self._give()

    def _give(self) -> None:
        """In turns, files for each worker that holds no more than it would be given, so that
        none waits for its next ones. Fewer are given as fewer wait, so that the workers finish
        together."""
        while self.waiting:
            size = max(1, min(self.CHUNK, len(self.waiting) // (2 * self.jobs)))
            hungry = [worker for worker in self.live.values() if len(worker.held) <= size]
            if not hungry:
                return
            for worker in hungry:
                if not self.waiting:
                    return
                given = [self.waiting.popleft() for _ in range(min(size, len(self.waiting)))]
                worker.held.extend(given)
                with contextlib.suppress(OSError):  # it ended: its pipe says so at the next wait
                    worker.pipe.send(given)

    def _start(self) -> None:
        ours, theirs = multiprocessing.Pipe()
        finished = _Count()
        # Its copies of the other workers' pipes closed, a worker ends when this process does.
        process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(theirs, [ours, *self.live], finished)
        )
        # Objects made before the fork are never collected in the workers: left to the collector,
        # each worker would walk them all again and again, and copy every page it touches.
        gc.freeze()
        with _stop_signals_held():  # a signal held back meanwhile is raised once it is in ``live``
            process.start()
            self.live[ours] = _Worker(process, ours, process.pid, finished)
        theirs.close()

    def _received(self, worker: _Worker, messages: list[bytes]) -> list[tuple[int, Result]]:
        """The results a worker sent, each of the next file it held. A result that cannot be
        read is its file's error, and the worker is not heard any further: a result may rely
        on what one sent before it carried (``SharedValues.delivering``), so the worker is
        ended, and the files it held besides, those of the results after it included, are
        given to a new one."""
        come = []
        for message in messages:
            index = worker.held.popleft()
            result, readable = _unpickled(message, _batch(), index)
            come.append((index, result))
            worker.received += 1
            if not readable:
                self._distrusted(worker)
                break
        return come

    def _distrusted(self, worker: _Worker) -> None:
        self._removed(worker)
        self.waiting.extendleft(reversed(worker.held))
        worker.held.clear()

    def _removed(self, worker: _Worker) -> int:
        """The worker ended (killed if need be) and no longer live: its exit code (``end``)."""
        with _stop_signals_held():  # never forgotten before it is waited for
            code = worker.end()
            del self.live[worker.pipe]
        return code

    def _ended(self, worker: _Worker) -> list[tuple[int, Result]]:
        """The result of the file a worker ended on, if it held one; the files it held
        besides wait for another worker."""
        code = self._removed(worker)
        # Finished, but their results were lost with it: checked again, as are those after.
        again = [worker.held.popleft() for _ in range(min(worker.unsent(), len(worker.held)))]
        if not worker.held:
            self.waiting.extendleft(reversed(again))
            return []
        index = worker.held.popleft()
        self.waiting.extendleft(reversed([*again, *worker.held]))
        batch: _Batch[Result] = _batch()
        return [(index, batch.failed(batch.paths[index], _ended_on(batch.paths[index], code, worker.pid)))]


def _ended_on(path: str, code: int, pid: int | None) -> Diagnostic:
    """The error of a file whose worker ended while checking it: ``code`` is the worker's exit
    code, or minus the signal that ended it. The process id, for the system's log (where the
    out-of-memory killer names the processes it kills), is shown with ``PKCHECK_DEBUG=1``."""
    if code < 0:
        try:
            how = _("signal {number}, {name}").format(number=-code, name=signal.Signals(-code).name)
        except ValueError:
            how = _("signal {number}").format(number=-code)
    else:
        how = _("exit code {code}").format(code=code)
    message = _(
        "the process checking this file ended unexpectedly ({how}); this is a bug in pkcheck, "
        "or the machine ran out of memory"
    ).format(how=how)
    # Marked as an internal error (a bug, or the machine), which has no traceback to show.
    trace = f"process {pid} ended ({how}) while checking this file, leaving no traceback\n"
    return Diagnostic(Location(path), message, traceback=trace)


def _unpickled(message: bytes, batch: _Batch[Result], index: int) -> tuple[Result, bool]:
    """The result in ``message``, and whether it could be read (else its file's error)."""
    try:
        # Only ever bytes that a worker forked from this process pickled, never a file's.
        result: Result = pickle.loads(message)
    except Exception as exc:  # noqa: BLE001 - a result that cannot be read costs its file, not the batch
        return _internal_error(batch, index, exc), False
    return result, True


def _internal_error(batch: _Batch[Result], index: int, exc: Exception) -> Result:
    """The result of a file whose result an unexpected exception (a bug) kept from being sent."""
    path = batch.paths[index]
    return batch.failed(path, internal_error(exc, Location(path)))


def _batch() -> _Batch[Any]:
    assert _BATCH is not None
    return _BATCH


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (and delivered afterwards): while a worker is forked,
    which until ``_worker_signals`` has the parent's handlers (and would end with a traceback),
    and while the workers are stopped, which a handler raising half-way would leave unfinished."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


# In the workers.


def _serve(pipe: Connection, inherited: list[Connection], finished: _Count) -> None:
    """A worker: check the files given, in order, counting each once its result is pickled,
    and send the results of the files given together; end when the parent is gone (its pipe
    closed). It ends at once, with nothing to flush: anything buffered was the parent's, and a
    lock another thread of the parent held when it forked (a progress bar's) would never be
    released here."""
    _worker_signals()
    for other in inherited:  # this process's copies of the parent's ends of the pipes
        other.close()
    batch = _batch()
    job = batch.start()  # this worker's alone: what it works out stays here
    count = 0
    while True:
        try:
            results = []
            for index in pipe.recv():
                results.append(_pickled(batch, job, index))
                count += 1
                finished.set(count)
            pipe.send(results)
        except (EOFError, OSError):
            os._exit(0)


def _worker_signals() -> None:
    """Ctrl-C and SIGTERM, even when sent to every process (a terminal's Ctrl-C, a cancelled
    CI job, a stopped service), are handled once, by the parent, which then kills the workers:
    a report is written (or the run stopped) once, and never by a worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _pickled(batch: _Batch[Result], job: Job[Result], index: int) -> bytes:
    """One file's result, pickled here (by the job's own ``dumps``, if it has one: see
    ``run_in_workers``): a result that cannot be is that file's internal error."""
    dumps: Callable[[Result], bytes] = getattr(job, "dumps", _dumps)
    try:
        return dumps(job(batch.paths[index]))
    except Exception as exc:  # noqa: BLE001 - as in _unpickled
        return pickle.dumps(_internal_error(batch, index, exc), pickle.HIGHEST_PROTOCOL)


def _dumps(result: object) -> bytes:
    return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
