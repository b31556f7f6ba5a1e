"""The ``basis`` of parameters and thresholds: where each number of a standard comes from.
``lint`` refuses a malformed basis; ``lint --strict`` also a number without one; the composed
standard gives each requirement's bases. The cases are in ``tests/cases/basis.yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from pkcheck.cli import app
from pkcheck.library.basis import described, threshold_bases
from pkcheck.library.standards import Library

CASES = YAML(typ="safe", pure=True).load((Path(__file__).parents[1] / "cases" / "basis.yaml").read_text("utf-8"))[
    "cases"
]


def _folder(tmp_path: Path, case: dict[str, Any]) -> Path:
    for name, text in case["files"].items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


UNDOCUMENTED = "(`lint --strict` requires each)"  # rationales and the like: not what these cases are about


def _lint(folder: Path, *options: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["lint", *options, str(folder / "check.yaml"), "--standards-path", str(folder)])
    prefix = f"{folder}/"
    lines = [line.removeprefix(prefix) for line in result.stdout.splitlines()[:-1] if UNDOCUMENTED not in line]
    return (2 if lines else 0) if result.exit_code == 2 else result.exit_code, lines


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_lint(tmp_path: Path, case: dict[str, Any]) -> None:
    folder = _folder(tmp_path, case)
    code, lines = _lint(folder)
    assert lines == case["lint"]
    assert code == (2 if case["lint"] else 0)
    strict = case.get("strict", case["lint"])
    code, lines = _lint(folder, "--strict")
    assert lines == strict
    assert code == (2 if strict else 0)


@pytest.mark.parametrize("case", [c for c in CASES if "bases" in c], ids=[c["name"] for c in CASES if "bases" in c])
def test_bases_of_the_composed_standard(tmp_path: Path, case: dict[str, Any]) -> None:
    library = Library([str(_folder(tmp_path, case))])
    loaded = next(s for s in library.standards.values() if s.document.path.endswith("check.yaml"))
    effective = library.effective(loaded.model.id)
    for requirement_id, expected in case["bases"].items():
        item = effective.get(requirement_id)
        assert item is not None
        found = threshold_bases(item.requirement, effective.parameters, effective.basis)
        shown = [[b.threshold, b.parameter, b.reference, b.locator, b.illustrative] for b in found]
        assert shown == expected
    for requirement_id, lines in case.get("explain", {}).items():
        item = effective.get(requirement_id)
        assert item is not None
        assert list(described(item.requirement, effective.parameters, effective.basis)) == lines
