"""`--jobs N` checks declarations in N processes: the output is the same, byte for byte, as
with one, bad files included, and the work really is shared among processes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from pkcheck import api, parallel
from pkcheck.engine import RunCache, invalid_result, worker_check

AS_OF = ("--as-of", "2026-11-26")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example, a second copy of each under other unit ids, and two bad files."""
    folder = tmp_path_factory.mktemp("batch")
    for path in sorted(Path("examples").glob("x*.*")):
        shutil.copy(path, folder / path.name)
        text = path.read_text(encoding="utf-8")
        (folder / f"copy-{path.name}").write_text(
            re.sub(r"\b(X[A-Z]-[A-Z0-9]+-\d\d)\b", r"\1B", text), encoding="utf-8"
        )
    (folder / "broken.yaml").write_text("pkcheck: declaration/v1\nunit: [\n", encoding="utf-8")
    (folder / "wrong-type.yaml").write_text(
        "pkcheck: declaration/v1\nunit: {id: X, country: XA, type: 5}\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "markdown"])
def test_the_report_is_the_same_whatever_the_jobs(cli: Any, batch: Path, output_format: str) -> None:
    one = cli("check", str(batch), *AS_OF, "-f", output_format, "--waivers", "examples/waivers.yaml")
    two = cli("check", str(batch), *AS_OF, "-f", output_format, "--waivers", "examples/waivers.yaml", "--jobs", "2")
    three = cli("check", str(batch), *AS_OF, "-f", output_format, "--waivers", "examples/waivers.yaml", "-j", "3")
    assert one.exit_code == two.exit_code == three.exit_code == 2  # the bad files are reported, the rest checked
    assert one.stdout_bytes == two.stdout_bytes == three.stdout_bytes
    assert one.stderr == two.stderr


def test_the_gaps_register_is_the_same_whatever_the_jobs(cli: Any, batch: Path) -> None:
    one = cli("gaps", str(batch), *AS_OF, "-f", "json")
    two = cli("gaps", str(batch), *AS_OF, "-f", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code
    assert one.stdout_bytes == two.stdout_bytes


def test_the_cpus_available_are_those_this_process_may_run_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    assert parallel.available_cpus() == 3
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)  # not on Linux: every CPU, or one
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert parallel.available_cpus() == 6
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert parallel.available_cpus() == 1


def test_auto_is_one_job_per_cpu(cli: Any, batch: Path) -> None:
    auto = cli("check", str(batch), *AS_OF, "-f", "json", "--jobs", "auto")
    assert auto.stdout_bytes == cli("check", str(batch), *AS_OF, "-f", "json").stdout_bytes


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", ""])
def test_a_nonsense_job_count_is_a_usage_error(cli: Any, value: str) -> None:
    run = cli("check", "examples/xa-inf-01-ready.yaml", *AS_OF, "--jobs", value)
    assert run.exit_code == 2
    assert f"--jobs {value!r}: expected a positive whole number or `auto`" in run.stderr


def test_progress_is_told_of_every_file_in_order(batch: Path) -> None:
    paths = sorted(str(p) for p in batch.iterdir())
    told: list[str] = []
    api.check(paths, as_of=dt.date(2026, 11, 26), jobs=2, progress=lambda total: told.append)
    assert told == paths


# Forked into both workers: each one's first file waits there until the other has one too, so
# neither can take every file before the other starts (a wait that never ends fails the test).
_BOTH_WORKING = multiprocessing.Barrier(2, timeout=60)
_first_file = True


def _pid_once_both_work(path: str, settings: object, cache: RunCache) -> tuple[int, int]:
    global _first_file  # noqa: PLW0603 - per worker process: each has its own copy
    assert isinstance(cache, RunCache)
    if _first_file:
        _first_file = False
        _BOTH_WORKING.wait()
    return os.getpid(), id(cache)


def test_the_files_are_shared_among_worker_processes() -> None:
    settings = api.settings(as_of=dt.date(2026, 11, 26))
    start = worker_check(settings, _pid_once_both_work)  # type: ignore[arg-type]
    found = list(parallel.run_in_workers([f"f{i}" for i in range(12)], start, invalid_result, 2))
    pids = [pid for pid, _ in found]
    assert len(pids) == 12
    assert len(set(pids)) == 2
    assert os.getpid() not in pids
    # Each worker checks all its files with one cache of its own.
    assert len(set(found)) == 2


def _ends_on_f4(path: str, settings: object, cache: RunCache) -> str:
    if path == "f4":
        os._exit(70)
    return path


def test_a_worker_ending_costs_only_its_file_and_its_finished_files_are_checked_again() -> None:
    # Three files are given at a time: the worker ending on f4 has finished f3 and not sent it.
    settings = api.settings(as_of=dt.date(2026, 11, 26))
    start = worker_check(settings, _ends_on_f4)  # type: ignore[arg-type]
    found = list(parallel.run_in_workers([f"f{i}" for i in range(12)], start, invalid_result, 2))
    assert found[:4] == ["f0", "f1", "f2", "f3"] and found[5:] == [f"f{i}" for i in range(5, 12)]
    (error,) = found[4].errors
    assert error.location.path == "f4" and "ended unexpectedly (exit code 70)" in error.message
