"""The progress bar: on standard error for a person at a terminal during a long batch; nothing
of it in pipes or CI logs, and never in the report itself."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# `check` and `gaps`, the two commands that check a batch.
COMMANDS = {
    command: [sys.executable, "-m", "pkcheck", command, "examples/", "--as-of", "2026-11-26", "-f", "json"]
    for command in ("check", "gaps")
}


def _run(command: str, stderr_is_terminal: bool, **extra: str) -> tuple[bytes, bytes]:
    args = COMMANDS[command]
    environment = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "PKCHECK_STANDARDS_PATH")}
    environment |= {"TERM": "xterm", "COLUMNS": "100", **extra}
    if not stderr_is_terminal:
        run = subprocess.run(args, cwd=REPO, env=environment, capture_output=True, timeout=300, check=False)
        return run.stdout, run.stderr
    controller, terminal = pty.openpty()
    # The report goes to a file: a pipe nobody reads while the terminal is read would fill up.
    with tempfile.TemporaryFile() as report:
        process = subprocess.Popen(args, cwd=REPO, env=environment, stdout=report, stderr=terminal)
        os.close(terminal)
        seen = _read_all(controller)
        process.wait(timeout=300)
        os.close(controller)
        report.seek(0)
        return report.read(), seen


def _read_all(controller: int) -> bytes:
    """What the terminal shows until the process closes it."""
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        seen += chunk
    return seen


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_terminal_sees_a_progress_bar_and_the_report_is_unchanged(command: str) -> None:
    report, terminal = _run(command, True)
    assert b"Checking" in terminal
    declarations = len(list(Path("examples").glob("x*.*")))  # the folder's declarations
    assert f"/{declarations}".encode() in terminal  # files done out of the whole batch
    piped_report, _ = _run(command, False)
    assert report == piped_report


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_progress_in_a_pipe_or_a_ci_log(command: str) -> None:
    _, piped = _run(command, False)
    assert b"Checking" not in piped
    _, ci_terminal = _run(command, True, CI="true")
    assert b"Checking" not in ci_terminal
