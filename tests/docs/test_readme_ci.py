"""The README's CI section works: the GitHub workflow, GitLab job and pre-commit configuration
are valid YAML, name real hooks, and every `pkcheck` command in them runs on a sample
repository (tests/data/precommit: `standards/`, `standards/tests/`, `declarations/`) with the
exit code a CI job expects and the report files it uploads."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
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


def _review_step() -> str:
    """The script of the workflow step that diffs the standards a pull request changes."""
    github, _, _ = _blocks()
    return next(step["run"] for step in github["jobs"]["standards"]["steps"] if "pkcheck diff" in step.get("run", ""))


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    env |= {f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER") for what, value in NAME.items()}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


NAME = {"NAME": "Standards author", "EMAIL": "author@example.org"}
HOSPITAL = Path("standards/un-level-1-hospital.yaml")
DRIVERS = "value: {path: personnel.roles.ambulance-driver, min: 1}"


def _pull_request(tmp_path: Path, drivers: int) -> Path:
    """A standards repository (a copy of the shipped standards, the examples as its declarations)
    whose base branch is `origin/main`, and a pull request that changes a test suite, a test
    declaration, the vocabulary and the Level 1 hospital's minimum of ambulance drivers."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "standards", root / "standards")
    shutil.copytree(REPO / "examples", root / "declarations")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    _git(root, "update-ref", "refs/remotes/origin/main", "main")
    _git(root, "switch", "-q", "-c", "change")
    hospital = root / HOSPITAL
    assert DRIVERS in hospital.read_text(encoding="utf-8")
    hospital.write_text(
        hospital.read_text(encoding="utf-8").replace(DRIVERS, DRIVERS.replace("min: 1", f"min: {drivers}")),
        encoding="utf-8",
    )
    for changed in ("tests/un-level-1-hospital.test.yaml", "tests/un-level-1-hospital/ready.yaml", "vocabulary.yaml"):
        with (root / "standards" / changed).open("a", encoding="utf-8") as file:
            file.write("# reviewed\n")
    _git(root, "commit", "-q", "-am", "change")
    return root


def _run_step(script: str, root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The step as GitHub Actions runs it on a pull request into main (`bash -e`), with the
    installed pkcheck."""
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir(exist_ok=True)
    env = os.environ | {
        "GITHUB_BASE_REF": "main",
        "RUNNER_TEMP": str(runner_temp),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("PKCHECK_STANDARDS_PATH", None)
    return subprocess.run(["bash", "-e", "-c", script], check=False, cwd=root, env=env, capture_output=True, text=True)


@pytest.mark.parametrize(("drivers", "code"), [(2, 0), (0, 1)], ids=["tightened", "relaxed"])
def test_the_review_step_diffs_only_the_changed_standards(drivers: int, code: int, tmp_path: Path) -> None:
    """The workflow's review step, run on a pull request that changes a standard, its test suite,
    a declaration of the suite and the vocabulary: only the standard is compared, and the step
    fails only on a relaxation (no ambulance driver required any more), not on a tightening."""
    root = _pull_request(tmp_path, drivers)
    assert len(_git(root, "diff", "--name-only", "origin/main").split()) == 4
    step = _run_step(_review_step(), root, tmp_path)
    assert step.returncode == code, step.stderr
    assert re.findall(r"^# Standard changes: `([^`]+)`", step.stdout, re.M) == ["un-level-1-hospital"], step.stdout
    assert "| L1H-PER-002 | `check.value.min` |" in step.stdout
    assert step.stderr == ""


def test_the_review_step_would_fail_without_telling_standards_apart(tmp_path: Path) -> None:
    """Without its line that keeps only standards, the step diffs the test suite as a standard
    and fails the pull request: the test above can see the difference."""
    script = "\n".join(line for line in _review_step().splitlines() if "standard/v1" not in line)
    assert script != _review_step()
    step = _run_step(script, _pull_request(tmp_path, 2), tmp_path)
    assert step.returncode == 2
    assert "test/v1" in step.stderr


def test_the_review_step_fails_on_a_deleted_standard(tmp_path: Path) -> None:
    """A standard the pull request deletes is not passed over: the step fails, naming it, so
    that the removal is reviewed, as the README says."""
    root = _pull_request(tmp_path, 2)
    _git(root, "rm", "-q", "standards/un-level-2-hospital.yaml")
    _git(root, "commit", "-q", "-m", "delete")
    step = _run_step(_review_step(), root, tmp_path)
    assert step.returncode == 2
    assert "standards/un-level-2-hospital.yaml" in step.stderr
