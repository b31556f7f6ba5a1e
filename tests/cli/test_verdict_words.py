"""A verdict reads as words in every report for people ("not ready") and stays a code in every
machine format ("not-ready")."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

AS_OF = "2026-11-26"
HUMAN = ("text", "markdown", "github", "html")
MACHINE = ("json", "junit")  # SARIF carries no verdict


@pytest.fixture
def not_ready_unit(tmp_path: Path) -> str:
    # Copied under a neutral name: the example's own file name contains the code.
    path = tmp_path / "unit.yaml"
    shutil.copy("examples/xc-inf-03-not-ready.yaml", path)
    return str(path)


@pytest.mark.parametrize("fmt", HUMAN)
def test_reports_for_people_say_not_ready(cli: Any, not_ready_unit: str, fmt: str) -> None:
    out = cli("check", not_ready_unit, "--as-of", AS_OF, "-f", fmt).stdout
    assert "not ready" in out.lower()
    assert "not-ready" not in out.lower().replace("v-not-ready", "")  # html's css class is no word


@pytest.mark.parametrize("fmt", MACHINE)
def test_machine_formats_keep_the_code(cli: Any, not_ready_unit: str, fmt: str) -> None:
    out = cli("check", not_ready_unit, "--as-of", AS_OF, "-f", fmt).stdout
    assert "not-ready" in out
    assert "not ready" not in out


def test_portfolio_totals_say_not_ready(cli: Any, not_ready_unit: str) -> None:
    out = cli("check", not_ready_unit, "examples/xa-inf-01-ready.yaml", "--as-of", AS_OF).stdout
    assert "2 declarations: 1 ready, 0 conditional, 1 not ready, 0 invalid" in out.splitlines()
    assert "Not ready" in out
