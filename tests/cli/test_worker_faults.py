"""With ``--jobs``, whatever happens to the process checking one file costs the batch that
file's result and nothing more: never the others, never a hang, never a process left behind.

Faults are injected into a run of pkcheck in a child process (with a timeout: a worker that
dies must not leave the run waiting for ever): a worker killed (SIGKILL, as the kernel's
out-of-memory killer does) or ending itself (``os._exit``) in the middle of a file, and results
that cannot be sent from a worker (they cannot be pickled) or read back (they cannot be
unpickled). Each file the fault hits is ``invalid`` with an error located at the file, each
other file's result is the one ``--jobs 1`` gives without the fault, the exit code is 2, and
no worker is left.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
AS_OF = ("--as-of", "2026-11-26")

# ``python -c FAULTY FAULTS ARGS...`` runs pkcheck ARGS with FAULTS (JSON: unit id -> fault)
# injected: ``kill`` and ``exit`` in the training check (which runs in the workers), and results
# that ``unsendable`` cannot be pickled, ``unreadable`` can be but not unpickled (at its
# ``unit_titles``, after its findings), ``unreadable-first`` neither (at its ``unit``, before its
# findings and the values they share, which it would be the first to carry).
FAULTY = """
import json, os, signal, sys
from dataclasses import replace
from pkcheck import checks, cli
from pkcheck.report import Result

def refuse():
    raise ValueError("cannot be read back")

class Unsendable:
    def __reduce__(self):
        raise TypeError("cannot be sent")

class Unreadable:
    def __reduce__(self):
        return (refuse, ())

faults = json.loads(sys.argv[1])
healthy_training, healthy_packed = checks.KINDS["training"].check, Result.packed

def training(settings, context):
    fault = faults.get(context.declaration.unit.id)
    if fault == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif fault == "exit":
        os._exit(70)
    return healthy_training(settings, context)

def packed(result, *args):
    fault = faults.get((result.unit or {}).get("id"))
    value = {"unsendable": Unsendable, "unreadable": Unreadable}.get(fault)
    packed = healthy_packed(result, *args)
    if fault == "unreadable-first":
        return replace(packed, unit={**packed.unit, "x-fault": Unreadable()})
    return packed if value is None else replace(packed, unit_titles={"type": value()})

checks.KINDS["training"] = replace(checks.KINDS["training"], check=training)
Result.packed = packed
sys.argv = ["pkcheck", *sys.argv[2:]]
cli.console()
"""

ENDED = (
    "the process checking this file ended unexpectedly ({}); this is a bug in pkcheck, or the machine ran out of memory"
)


def _internal(error: str) -> str:
    return f"internal error while checking this file: {error}; this is a bug in pkcheck"


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three copies of every example, each under unit ids of its own (45 files: several are
    given to a worker at once, so that one ending holds files besides the one it ends on)."""
    folder = tmp_path_factory.mktemp("batch")
    for path in sorted(Path(REPO / "examples").glob("x*.*")):
        text = path.read_text(encoding="utf-8")
        for copy in ("", "A", "B"):
            renamed = re.sub(r"\b(X[A-Z]-[A-Z0-9]+-\d\d)\b", rf"\g<1>{copy}", text)
            (folder / f"{copy.lower()}{path.name}").write_text(renamed, encoding="utf-8")
    return folder


# Each case: the faults, and what each faulty unit's file reports instead of its result.
CASES = {
    # One file in the first ones given to the workers, one of the last.
    "killed": {
        "XB-INF-02A": ("kill", ENDED.format("signal 9, SIGKILL")),
        "XR-INF-06": ("kill", ENDED.format("signal 9, SIGKILL")),
    },
    "exited": {"XC-INF-03B": ("exit", ENDED.format("exit code 70"))},
    "unpicklable": {
        "XA-INF-01A": ("unsendable", _internal("TypeError: cannot be sent")),
        "XD-INF-04": ("unreadable", _internal("ValueError: cannot be read back")),
    },
    # The first file a worker is given: the values its findings share are sent with it alone,
    # so the worker's next results, which rely on them, are checked again by another worker.
    "unreadable first": {"XA-INF-01A": ("unreadable-first", _internal("ValueError: cannot be read back"))},
}


def _environment(**extra: str) -> dict[str, str]:
    keep = {
        k: v for k, v in os.environ.items() if not k.startswith("PKCHECK_") and k not in ("NO_COLOR", "FORCE_COLOR")
    }
    return {**keep, "PYTHONPATH": str(REPO), **extra}


def _results(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {result["declaration"]["path"]: result for result in report["results"]}


def _unit_file(batch: Path, unit: str) -> str:
    (path,) = [
        path for path in batch.iterdir() if re.search(rf"\bid: {re.escape(unit)}\n", path.read_text(encoding="utf-8"))
    ]
    return str(path)


@pytest.mark.parametrize("case", CASES)
def test_a_fault_in_a_worker_costs_only_its_file(cli: Any, batch: Path, case: str) -> None:
    faults = CASES[case]
    healthy = cli("check", str(batch), *AS_OF, "-f", "json")
    command = [sys.executable, "-c", FAULTY, json.dumps({unit: fault for unit, (fault, _) in faults.items()})]
    command += ["check", str(batch), *AS_OF, "-f", "json", "--jobs", "2"]
    # In a session of its own: the process group is pkcheck and its workers, and must be gone.
    process = subprocess.Popen(
        command, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()  # only if it did not end in time: its workers end with it
    with pytest.raises(ProcessLookupError):  # no process left in the group
        os.killpg(process.pid, 0)
    assert process.returncode == 2, stderr.decode()
    assert stderr == b""
    faulty, expected = _results(json.loads(stdout)), _results(healthy.json())
    assert list(faulty) == list(expected)  # every file, in the same order
    hit = {_unit_file(batch, unit): message for unit, (_, message) in faults.items()}
    for path, result in faulty.items():
        if path not in hit:
            assert result == expected[path], path
            continue
        assert result["verdict"] == "invalid" and result["findings"] == []
        assert result["errors"] == [
            {"message": hit[path], "level": "error", "location": {"path": path, "line": 1, "column": 1}}
        ]


def test_with_pkcheck_debug_a_killed_worker_is_named_for_the_system_log(tmp_path: Path) -> None:
    """The out-of-memory killer logs the processes it kills by id: ``PKCHECK_DEBUG=1`` says
    which one ended on which file."""
    path = shutil.copy(REPO / "examples" / "xb-inf-02-conditional.yaml", tmp_path / "killed.yaml")
    command = [sys.executable, "-c", FAULTY, json.dumps({"XB-INF-02": "kill"})]
    command += ["check", str(path), str(REPO / "examples" / "xa-inf-01-ready.yaml"), *AS_OF, "--jobs", "2"]
    run = subprocess.run(
        command, env=_environment(PKCHECK_DEBUG="1"), capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 2
    first, second = run.stderr.splitlines()[-2:]
    assert first == f"pkcheck: internal error at {path}:1:1:"
    assert re.fullmatch(
        r"process \d+ ended \(signal 9, SIGKILL\) while checking this file, leaving no traceback", second
    )
