"""The README's CI section works: the GitHub workflow, GitLab job and pre-commit configuration
are valid YAML, name real hooks, and every `pkcheck` command in them runs on a sample
repository (tests/data/precommit: `standards/`, `standards/tests/`, `declarations/`) with the
exit code a CI job expects and the report files it uploads."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from pkcheck.cli import app

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "data" / "precommit"


def _blocks() -> list[Any]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Using pkcheck in CI") : readme.index("### Using pkcheck from Python")]
    return [YAML(typ="safe").load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.S)]


def _commands() -> list[str]:
    github, gitlab, _ = _blocks()
    lines = [step["run"] for job in github["jobs"].values() for step in job["steps"] if "run" in step]
    lines += gitlab["pkcheck"]["script"]
    # Shell loops with variables are the workflow's business; the plain commands are pkcheck's.
    return [line for line in lines if line.startswith("pkcheck ") and "$" not in line]


def test_three_configurations_are_given() -> None:
    github, gitlab, precommit = _blocks()
    assert {"declarations", "standards"} <= set(github["jobs"])
    assert gitlab["pkcheck"]["artifacts"]["reports"]["junit"] == "pkcheck.xml"
    hooks = {
        hook["id"] for hook in YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    assert [hook["id"] for repo in precommit["repos"] for hook in repo["hooks"]] == sorted(
        hooks, key=["pkcheck-lint", "pkcheck-test", "pkcheck-check"].index
    )


EXPECTED = {"lint": 0, "test": 0, "check": 1}  # the sample has a conditional unit: check fails the job


@pytest.mark.parametrize("command", _commands())
def test_every_pkcheck_command_runs_on_a_sample_repository(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(SAMPLE, root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("PKCHECK_STANDARDS_PATH", raising=False)
    words = shlex.split(command)
    result = CliRunner().invoke(app, words[1:])
    assert result.exit_code == EXPECTED[words[1]], result.output
    for spec in (w for w in words if "=" in w and not w.startswith("-")):
        for part in spec.split(","):
            assert (root / part.split("=", 1)[1]).is_file(), part
    if "github" in words:
        assert re.search(r"^::warning file=declarations/xq-mor-02.yaml,line=\d+", result.stdout, re.M) is None
        assert re.search(r"^::error file=declarations/xq-mor-02.yaml,line=5,", result.stdout, re.M)


def test_commands_cover_every_job() -> None:
    assert sorted({shlex.split(c)[1] for c in _commands()}) == ["check", "lint", "test"]


@pytest.mark.parametrize(("old_quantity", "code"), [(5, 0), (8, 1)], ids=["tightened", "relaxed"])
def test_the_review_step_fails_on_a_relaxation(
    old_quantity: int, code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workflow's diff step, with the base branch's file in old.yaml: a relaxed threshold
    (8 mortars before, 6 now) fails the step; a tightened one (5 before) does not."""
    github, _, _ = _blocks()
    script = next(step["run"] for step in github["jobs"]["standards"]["steps"] if "pkcheck diff" in step.get("run", ""))
    line = next(line.strip() for line in script.splitlines() if line.strip().startswith("pkcheck diff"))
    root = tmp_path / "repo"
    shutil.copytree(SAMPLE, root)
    monkeypatch.chdir(root)
    standard = root / "standards" / "xq-mortar-platoon.yaml"
    (root / "old.yaml").write_text(
        standard.read_text(encoding="utf-8").replace("quantity: 6,", f"quantity: {old_quantity},"), encoding="utf-8"
    )
    words = shlex.split(
        line.replace("/tmp/old.yaml", "old.yaml").replace('"$file"', "standards/xq-mortar-platoon.yaml")
    )
    result = CliRunner().invoke(app, words[1:])
    assert result.exit_code == code, result.output
    assert "XQM-EQP-001" in result.stdout
