"""Exit codes of ``pkcheck check`` (spec section 4 and 2.3 "Exit code of a batch").

0: nothing unwaived at or above ``--fail-on`` (default ``major``); 1: something is; 2: a usage
error or an input that could not be read or validated. The verdict never depends on
``--fail-on``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-26"
READY = "examples/xa-inf-01-ready.yaml"
CONDITIONAL = "examples/xb-inf-02-conditional.yaml"  # major, minor and advisory shortfalls
NOT_READY = "examples/xc-inf-03-not-ready.yaml"  # critical ones too
FAIL_ON = ("critical", "major", "minor", "advisory", "never")


@pytest.mark.parametrize(
    ("path", "options", "code"),
    [
        (READY, [], 0),
        (READY, ["--fail-on", "advisory"], 0),
        (READY, ["--fail-on", "never"], 0),
        (CONDITIONAL, [], 1),
        (CONDITIONAL, ["--fail-on", "major"], 1),
        (CONDITIONAL, ["--fail-on", "critical"], 0),
        (CONDITIONAL, ["--fail-on", "minor"], 1),
        (CONDITIONAL, ["--fail-on", "advisory"], 1),
        (CONDITIONAL, ["--fail-on", "never"], 0),
        (NOT_READY, ["--fail-on", "critical"], 1),
        (NOT_READY, ["--fail-on", "never"], 0),
        # The waiver of XB's major INF-EQP-003 leaves its major CORE-TRN-002: still 1.
        (CONDITIONAL, ["--waivers", "examples/waivers.yaml"], 1),
    ],
)
def test_exit_code(cli: Any, path: str, options: list[str], code: int) -> None:
    run = cli("check", path, "--as-of", AS_OF, *options)
    assert run.exit_code == code, run.stdout + run.stderr


def test_verdict_does_not_depend_on_fail_on(cli: Any) -> None:
    """The whole JSON report, verdicts included, is the same whatever ``--fail-on`` is."""
    args = ("check", "examples/", "--as-of", AS_OF, "--format", "json")
    reports = {cli(*args, "--fail-on", level).stdout for level in FAIL_ON}
    assert len(reports) == 1
    verdicts = [r["verdict"] for r in json.loads(reports.pop())["results"]]
    infantry = ["ready", "conditional", "not-ready", "not-ready", "ready"]  # XA to XE
    police = ["ready", "conditional", "not-ready"]  # XF to XH
    hospitals = ["ready", "conditional", "not-ready", "conditional", "not-ready", "ready"]  # XJ to XQ
    convoy = ["conditional", "not-ready", "ready"]  # XS to XU, convoy-escort infantry
    engineers = ["ready", "conditional", "not-ready"]  # XV-ENG-01 to -03
    eod = ["ready", "conditional", "not-ready"]  # XW-EOD-01 to -03
    helicopters = ["ready", "conditional", "not-ready"]  # XW-HEL-01 to -03
    military_police = ["ready", "conditional", "not-ready"]  # XY-MPC-01 to -03
    high_threat = ["conditional"]  # XR, high-threat infantry
    assert verdicts == (
        infantry + police + hospitals + high_threat + convoy + engineers + eod + helicopters + military_police
    )


def test_fail_on_minor_counts_only_unwaived_findings(cli: Any, tmp_path: Path) -> None:
    """An advisory-only gap fails ``--fail-on advisory`` but not ``minor``."""
    text = (REPO / READY).read_text(encoding="utf-8").replace("  women: 131\n", "  women: 60\n")  # 68 required in 2027
    path = tmp_path / "few-women.yaml"
    path.write_text(text, encoding="utf-8")
    assert cli("check", str(path), "--as-of", AS_OF, "--fail-on", "minor").exit_code == 0
    assert cli("check", str(path), "--as-of", AS_OF, "--fail-on", "advisory").exit_code == 1
    (result,) = cli("check", str(path), "--as-of", AS_OF, "--format", "json").json()["results"]
    assert result["verdict"] == "ready"
    assert {f["requirement"] for f in result["findings"] if f["status"] != "met"} == {"CORE-PER-001"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param(["--as-of", "2026-02-30"], "--as-of", id="impossible-as-of"),
        pytest.param(["--as-of", "next week"], "--as-of", id="bad-as-of"),
        pytest.param(["--fail-on", "severe"], "--fail-on", id="bad-fail-on"),
        pytest.param(["--standard", "no-such-standard"], "unknown standard `no-such-standard`", id="unknown-standard"),
        pytest.param(["--format", "yaml"], "unknown format `yaml`", id="unknown-format"),
        pytest.param(["--no-such-option"], "--no-such-option", id="unknown-option"),
    ],
)
def test_usage_error(cli: Any, options: list[str], message: str) -> None:
    """A wrong command line exits 2, says what is wrong on stderr and prints no report."""
    run = cli("check", READY, *options)
    assert run.exit_code == 2
    assert message in run.stderr
    assert run.stdout == ""


def test_check_without_paths_is_a_usage_error(cli: Any) -> None:
    run = cli("check")
    assert run.exit_code == 2
    assert "PATH" in run.stderr


def test_output_to_a_missing_folder_is_a_usage_error(cli: Any, tmp_path: Path) -> None:
    """A report that cannot be written is a usage error (2) with a message, not a traceback."""
    target = tmp_path / "no-such-folder" / "report.json"
    run = cli("check", READY, "--as-of", AS_OF, "--format", "json", "--output", str(target))
    assert run.exit_code == 2
    assert "no-such-folder" in run.stderr


def _folder(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for file in files:
        shutil.copy(file, folder / file.name)
    return folder


@pytest.mark.parametrize(
    ("files", "fail_on", "code"),
    [
        pytest.param([READY], "major", 0, id="ready"),
        pytest.param([READY, CONDITIONAL], "major", 1, id="ready+conditional"),
        pytest.param([READY, CONDITIONAL], "critical", 0, id="ready+conditional-critical"),
        pytest.param([READY, NOT_READY, "tests/data/inputs/duplicate-key.yaml"], "major", 2, id="with-invalid"),
        pytest.param([READY, "tests/data/inputs/duplicate-key.yaml"], "never", 2, id="invalid-fail-on-never"),
    ],
)
def test_batch_exit_code(cli: Any, tmp_path: Path, files: list[str], fail_on: str, code: int) -> None:
    """2 if any input is invalid, else 1 if any finding is at or above ``--fail-on``, else 0."""
    folder = _folder(tmp_path, *(REPO / f for f in files))
    run = cli("check", str(folder), "--as-of", AS_OF, "--fail-on", fail_on, "--format", "json")
    assert run.exit_code == code
    assert len(run.json()["results"]) == len(files)
