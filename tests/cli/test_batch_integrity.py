"""A large batch: every file reported as when checked alone, and a complete report or none.

A folder of 200 declarations (copies of the examples under other unit ids, and 20 broken in
different ways from the bad-input corpus) is checked once; each result must equal the result
of checking that file alone. Then a run over a large folder is interrupted with SIGINT at
several moments: the report file named with ``--output`` is absent or complete, no temporary
file is left behind, and pkcheck says "interrupted" and exits 130, without a traceback.
SIGTERM ends a run the same way, with "terminated" and 143: sent while a declaration that is a
FIFO waits for data that never comes (so at a known moment, with and without ``--jobs``, and
then no worker process may be left), and while the report is being written.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pkcheck import cli
from pkcheck.formats import json_report

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-26"
GOOD = sorted(
    p
    for p in (REPO / "examples").iterdir()
    if p.suffix in (".yaml", ".json") and p.name not in ("waivers.yaml", "offers.yaml")
)
BROKEN = [
    "alias-bomb.yaml",
    "bad-explicit-tag.yaml",
    "binary.bin.yaml",
    "deep-nesting.yaml",
    "duplicate-key.yaml",
    "empty.yaml",
    "expires-before-completed.yaml",
    "impossible-date.yaml",
    "latin1.yaml",
    "missing-kind.yaml",
    "missing-unit-id.yaml",
    "negative-count.yaml",
    "serviceable-over-quantity.yaml",
    "syntax-unclosed-flow.yaml",
    "tab-indent.yaml",
    "top-level-list.yaml",
    "two-documents.yaml",
    "unknown-key-typo.yaml",
    "utf16.yaml",
    "yaml-1.1-directive.yaml",
]


def _unit_id(text: str) -> str:
    """The example's unit id (the first ``id:`` of its ``unit``)."""
    start = text.index('"unit"') if text.lstrip().startswith("{") else text.index("\nunit:")
    after = text[start:]
    key = '"id": "' if text.lstrip().startswith("{") else "  id: "
    begin = after.index(key) + len(key)
    return after[begin:].split('"', 1)[0].split("\n", 1)[0].strip()


def _fill(folder: Path, good: int) -> tuple[list[str], list[str]]:
    """``good`` copies of the examples, each with a unit id of its own, and the broken files."""
    good_names = []
    for number in range(good):
        source = GOOD[number % len(GOOD)]
        text = source.read_text(encoding="utf-8")
        unit_id = _unit_id(text)
        name = f"unit-{number:03d}{source.suffix}"
        (folder / name).write_text(text.replace(unit_id, f"{unit_id[:2]}-COPY-{number:03d}"), encoding="utf-8")
        good_names.append(name)
    broken_names = []
    for name in BROKEN:
        target = f"broken-{name}"
        (folder / target).write_bytes((REPO / "tests" / "data" / "inputs" / name).read_bytes())
        broken_names.append(target)
    return good_names, broken_names


def test_200_declarations_with_20_broken(cli: Any, tmp_path: Path) -> None:
    good, broken = _fill(tmp_path, 180)
    run = cli("check", str(tmp_path), "--as-of", AS_OF, "--format", "json")
    assert run.exit_code == 2
    results = {Path(r["declaration"]["path"]).name: r for r in run.json()["results"]}
    assert sorted(results) == sorted(good + broken)
    for name in good:
        (alone,) = cli("check", str(tmp_path / name), "--as-of", AS_OF, "--format", "json").json()["results"]
        assert alone["verdict"] != "invalid", name
        assert results[name] == alone, name
    for name in broken:
        result = results[name]
        assert result["verdict"] == "invalid", name
        assert result["findings"] == [], name
        assert result["errors"], name
        assert {error["location"]["path"] for error in result["errors"]} == {str(tmp_path / name)}
        (alone,) = cli("check", str(tmp_path / name), "--as-of", AS_OF, "--format", "json").json()["results"]
        # The broken files share a unit id, which each of them is warned about in the batch.
        shared = [w for w in result["warnings"] if "is also declared by" in w["message"]]
        result["warnings"] = [w for w in result["warnings"] if w not in shared]
        assert result == alone, name  # the same errors at the same places as when checked alone


def test_copies_keep_their_own_unit_ids(tmp_path: Path) -> None:
    """The generator really varies the ids (else "equal to alone" would prove less)."""
    good, _ = _fill(tmp_path, 24)
    ids = {_unit_id((tmp_path / name).read_text(encoding="utf-8")) for name in good}
    assert len(ids) == 24


BIG_FOLDER_FILES = range(400 + len(BROKEN))  # the copies and the broken files


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    good, broken = _fill(folder, 400)
    assert len(good) + len(broken) == len(BIG_FOLDER_FILES)
    return folder


def _environment() -> dict[str, str]:
    keep = {
        k: v for k, v in os.environ.items() if not k.startswith("PKCHECK_") and k not in ("NO_COLOR", "FORCE_COLOR")
    }
    return {**keep, "PYTHONPATH": str(REPO)}


def _handles_signals(pid: int) -> bool:
    """Whether pkcheck's signal handlers are in place in process ``pid``: it catches SIGTERM,
    which Python itself leaves alone (True where the system cannot tell)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return True
    caught = next((row.split()[1] for row in status.splitlines() if row.startswith("SigCgt:")), None)
    return caught is None or bool(int(caught, 16) >> (signal.SIGTERM - 1) & 1)


# The progress bar's count of files checked: "12/420".
_FILES_DONE = re.compile(rb"(\d+)/(\d+)")
_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
TIMEOUT = 120  # seconds; generous for a loaded machine, and only ever spent on a failure


class _AtTerminal:
    """pkcheck with its standard error on a terminal, where it draws its progress bar: what
    the bar says is what the run has done, so a signal can be sent at a moment the output
    proves, not after a guessed delay."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.controller, terminal = pty.openpty()
        environment = {k: v for k, v in _environment().items() if k != "CI"} | {"TERM": "xterm", "COLUMNS": "100"}
        self.process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=terminal)
        os.close(terminal)
        self.seen = b""

    def files_done(self) -> int | None:
        counts = _FILES_DONE.findall(self.seen)
        return int(counts[-1][0]) if counts else None

    def wait_until_checking(self) -> int:
        """Read the terminal until the bar shows some files checked and some not; their number."""
        deadline = time.monotonic() + TIMEOUT
        while (done := self.files_done()) is None or done == 0:
            ready, _, _ = select.select([self.controller], [], [], max(0.0, deadline - time.monotonic()))
            if not ready or not self._read():
                self.process.kill()
                pytest.fail(f"no progress shown: {self.seen.decode('utf-8', 'replace')}")
        assert done < len(BIG_FOLDER_FILES), "the run finished before it could be interrupted"
        return done

    def interrupt_while_checking(self) -> None:
        """Ctrl-C while the batch is partly checked. The bar is redrawn a few times a second, so
        a run can be well past what it last drew: the run is frozen first, everything it drew
        until then is read, and only a run that was still checking gets the signal (delivered
        as it resumes), so the test never takes a finished run for an interrupted one."""
        self.wait_until_checking()
        os.kill(self.process.pid, signal.SIGSTOP)
        while select.select([self.controller], [], [], 0.2)[0] and self._read():
            pass
        done = self.files_done()
        still_checking = self.process.poll() is None and done is not None and done < len(BIG_FOLDER_FILES)
        self.process.send_signal(signal.SIGINT)
        os.kill(self.process.pid, signal.SIGCONT)
        assert still_checking, f"the run had checked every file before it was stopped: {done}"

    def wait_until_handling_signals(self) -> None:
        """Wait until pkcheck's handlers are in place (before that, a Ctrl-C would meet the
        interpreter's start-up, not pkcheck)."""
        deadline = time.monotonic() + TIMEOUT
        while not _handles_signals(self.process.pid):
            assert self.process.poll() is None and time.monotonic() < deadline, self.seen
            time.sleep(0.001)

    def finish(self) -> tuple[int, list[str]]:
        """The exit code and the terminal's lines once the process has ended."""
        while self._read():
            pass
        os.close(self.controller)
        code = self.process.wait(timeout=TIMEOUT)
        assert self.process.stdout is not None and self.process.stdout.read() == b""
        self.process.stdout.close()
        text = _ESCAPE.sub("", self.seen.decode("utf-8", "replace"))
        lines = [line.rstrip("\r").rsplit("\r", 1)[-1] for line in text.split("\n")]  # what stays shown
        return code, [line.strip() for line in lines if line.strip()]

    def _read(self) -> bytes:
        try:
            chunk = os.read(self.controller, 65536)
        except OSError:  # the terminal closes when the process ends
            return b""
        self.seen += chunk
        return chunk


def _check_big_folder(folder: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "pkcheck", "check", str(folder), "--as-of", AS_OF, "-f", "json", "-o", str(output)]


@pytest.mark.parametrize("moment", ["starting", "checking"])
def test_ctrl_c_leaves_no_report_and_no_temporary_file(big_folder: Path, tmp_path: Path, moment: str) -> None:
    """SIGINT as soon as pkcheck handles it (reading the standards), and once the progress bar
    shows the batch partly checked: the run stops there, with "interrupted" and 130, never
    a half-written report, a leftover temporary file or a traceback."""
    output = tmp_path / "out.json"
    run = _AtTerminal(_check_big_folder(big_folder, output), tmp_path)
    if moment == "checking":
        run.interrupt_while_checking()
    else:
        run.wait_until_handling_signals()
        run.process.send_signal(signal.SIGINT)
    code, shown = run.finish()
    assert "Traceback" not in "\n".join(shown), shown
    assert (code, shown[-1]) == (130, "pkcheck: interrupted"), shown
    if moment == "starting":
        assert run.files_done() is None, shown  # stopped before checking began
    else:
        assert run.files_done() < len(BIG_FOLDER_FILES), shown
    assert list(tmp_path.iterdir()) == []


def test_interrupted_run_keeps_the_previous_report(big_folder: Path, tmp_path: Path) -> None:
    """A report file from an earlier run is left as it was, not truncated."""
    output = tmp_path / "out.json"
    output.write_text('{"previous": true}\n', encoding="utf-8")
    run = _AtTerminal(_check_big_folder(big_folder, output), tmp_path)
    run.interrupt_while_checking()
    code, shown = run.finish()
    assert (code, shown[-1]) == (130, "pkcheck: interrupted"), shown
    assert output.read_text(encoding="utf-8") == '{"previous": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def _writer_once_read(fifo: Path, process: subprocess.Popen[bytes]) -> int:
    """Our end of ``fifo``, opened once pkcheck has opened it to read: from then on the run
    waits for data that never comes."""
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:  # ENXIO: no reader yet
            if exc.errno != errno.ENXIO or process.poll() is not None:
                pytest.fail(f"pkcheck never read {fifo}: {process.communicate()[1].decode()}")
        time.sleep(0.01)


def _processes_left(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize(
    ("signum", "jobs", "group", "code", "said"),
    [
        (signal.SIGTERM, "1", False, 143, "terminated"),
        (signal.SIGTERM, "2", False, 143, "terminated"),
        (signal.SIGTERM, "2", True, 143, "terminated"),
        (signal.SIGINT, "2", True, 130, "interrupted"),
    ],
    ids=["sigterm", "sigterm-jobs", "sigterm-to-all-jobs", "sigint-to-all-jobs"],
)
def test_a_signal_mid_check_ends_the_run_and_its_workers(
    tmp_path: Path, signum: int, jobs: str, group: bool, code: int, said: str
) -> None:
    """Sent to pkcheck, or to all its processes, workers included (as a terminal's Ctrl-C, a CI
    runner or a service manager do)."""
    shutil.copy(GOOD[0], tmp_path / "a.yaml")
    os.mkfifo(tmp_path / "b.yaml")
    output = tmp_path / "out.json"
    output.write_text('{"previous": true}\n', encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "pkcheck",
        "check",
        "a.yaml",
        "b.yaml",
        "--as-of",
        AS_OF,
        "-f",
        "json",
        "-o",
        str(output),
        "-j",
        jobs,
    ]
    process = subprocess.Popen(
        command,
        cwd=tmp_path,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    writer = _writer_once_read(tmp_path / "b.yaml", process)
    try:
        if group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=60)
        left = _processes_left(process.pid)  # the new session's group: pkcheck and its workers
    finally:
        os.close(writer)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    text = stderr.decode("utf-8", "replace")
    assert process.returncode == code, text
    assert text.splitlines() == [f"pkcheck: {said}"]
    assert stdout == b""
    assert not left
    assert output.read_text(encoding="utf-8") == '{"previous": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "out.json"]


@pytest.fixture
def signal_handlers() -> Iterator[None]:
    """``cli.main`` installs its handlers (and collector thresholds) in this process: put back
    pytest's afterwards. Meanwhile a SIGTERM that pkcheck does not handle fails the test, where
    it would otherwise end the test run."""
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    thresholds = gc.get_threshold()

    def unhandled(_signum: int, _frame: object) -> None:
        raise AssertionError("pkcheck did not handle SIGTERM")

    signal.signal(signal.SIGTERM, unhandled)
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("signal_handlers")
def test_sigterm_while_the_report_is_written_keeps_the_previous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The signal arrives between two pieces of the JSON report: its temporary file is removed."""
    output = tmp_path / "out.json"
    output.write_text('{"previous": true}\n', encoding="utf-8")

    def pieces(_report: object) -> Iterator[str]:
        yield "{\n"
        signal.raise_signal(signal.SIGTERM)
        yield "}\n"

    monkeypatch.setattr(json_report, "render_pieces", pieces)
    monkeypatch.setattr(
        sys, "argv", ["pkcheck", "check", str(GOOD[0]), "--as-of", AS_OF, "-f", "json", "-o", str(output)]
    )
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 143
    assert capsys.readouterr().err.splitlines() == ["pkcheck: terminated"]
    assert output.read_text(encoding="utf-8") == '{"previous": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
