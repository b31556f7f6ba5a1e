"""A cycle in ``extends`` of any length is an error at each member's ``extends:`` line, naming
the whole cycle from that member (the stored cycles of one to three are in ``test_lint.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkcheck.cli import app


def _member(folder: Path, index: int, length: int) -> Path:
    path = folder / f"c{index}.yaml"
    parent = f"cyc-{(index + 1) % length}"
    path.write_text(
        f"pkcheck: standard/v1\nid: cyc-{index}\nversion: 1.0.0\ntitle: Member {index}\nextends: {parent}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("length", [1, 4, 7])
def test_a_cycle_of_any_length(tmp_path: Path, length: int) -> None:
    members = [_member(tmp_path, index, length) for index in range(length)]
    result = CliRunner().invoke(app, ["lint", str(tmp_path)])
    assert result.exit_code == 2
    expected = []
    for index, path in enumerate(members):
        ring = [f"cyc-{(index + step) % length}" for step in range(length + 1)]
        expected.append(f"{path}:5:1: cycle in `extends`: {' -> '.join(ring)}")
    assert result.stdout.splitlines() == [*expected, f"{length} file(s) linted: {length} error(s), 0 warning(s)"]
