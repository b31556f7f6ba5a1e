"""A large batch: every file reported as when checked alone, and a complete report or none.

A folder of 200 declarations (copies of the examples under other unit ids, and 20 broken in
different ways from the bad-input corpus) is checked once; each result must equal the result
of checking that file alone. Then a run over a large folder is interrupted with SIGINT at
several moments: the report file named with ``--output`` is absent or complete, no temporary
file is left behind, and pkcheck says "interrupted" and exits 130, without a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-26"
GOOD = sorted(p for p in (REPO / "examples").iterdir() if p.suffix in (".yaml", ".json") and p.name != "waivers.yaml")
BROKEN = [
    "alias-bomb.yaml", "bad-explicit-tag.yaml", "binary.bin.yaml", "deep-nesting.yaml", "duplicate-key.yaml",
    "empty.yaml", "expires-before-completed.yaml", "impossible-date.yaml", "latin1.yaml", "missing-kind.yaml",
    "missing-unit-id.yaml", "negative-count.yaml", "serviceable-over-quantity.yaml", "syntax-unclosed-flow.yaml",
    "tab-indent.yaml", "top-level-list.yaml", "two-documents.yaml", "unknown-key-typo.yaml", "utf16.yaml",
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
        for error in result["errors"]:
            assert error["location"]["path"] == str(tmp_path / name)
            assert error["location"]["line"] >= 1 and error["location"]["column"] >= 1


def test_copies_keep_their_own_unit_ids(tmp_path: Path) -> None:
    """The generator really varies the ids (else "equal to alone" would prove less)."""
    good, _ = _fill(tmp_path, 24)
    ids = {_unit_id((tmp_path / name).read_text(encoding="utf-8")) for name in good}
    assert len(ids) == 24


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    _fill(folder, 400)
    return folder


def _environment() -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("PKCHECK_") and k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**keep, "PYTHONPATH": str(REPO)}


@pytest.mark.parametrize("delay", [0.3, 1.0, 2.5])
def test_ctrl_c_leaves_a_complete_report_or_none(big_folder: Path, tmp_path: Path, delay: float) -> None:
    """SIGINT at several moments (starting up, reading standards, checking): never a
    half-written report, a leftover temporary file or a traceback."""
    output = tmp_path / "out.json"
    command = [sys.executable, "-m", "pkcheck", "check", str(big_folder), "--as-of", AS_OF, "-f", "json", "-o", str(output)]
    process = subprocess.Popen(command, cwd=tmp_path, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    if process.returncode == 130:
        assert text.strip().splitlines()[-1] == "pkcheck: interrupted", text
    else:  # finished before the signal: the report must then be whole
        assert process.returncode == 2, text
    if output.exists():
        report = json.loads(output.read_text(encoding="utf-8"))
        assert len(report["results"]) == 420
    assert [p.name for p in tmp_path.iterdir() if p.name != "out.json"] == []
    assert stdout == b""


def test_interrupted_run_keeps_the_previous_report(big_folder: Path, tmp_path: Path) -> None:
    """A report file from an earlier run is left as it was, not truncated."""
    output = tmp_path / "out.json"
    output.write_text('{"previous": true}\n', encoding="utf-8")
    command = [sys.executable, "-m", "pkcheck", "check", str(big_folder), "--as-of", AS_OF, "-f", "json", "-o", str(output)]
    process = subprocess.Popen(command, cwd=tmp_path, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr.decode()
    assert output.read_text(encoding="utf-8") == '{"previous": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
