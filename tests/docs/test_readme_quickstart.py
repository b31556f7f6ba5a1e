"""The README's quick start works: every command in it is one the test knows how to check, its
`pkcheck` commands run with the installed command and exit as the README says, the extras it
installs exist, and the shell completion it offers completes pkcheck's commands in bash."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from pkcheck.cli.schema import SchemaKind

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the environment the tests run in, where pkcheck is installed


def _section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Quick start") : readme.index("## A tour")]


def _steps(language: str) -> list[str]:
    """Every step of the section's code blocks in `language`, a command line split at `&&`."""
    blocks = re.findall(rf"```{language}\n(.*?)```", _section(), re.S)
    return [step.strip() for block in blocks for line in block.splitlines() for step in line.split("&&")]


# The steps the test does not run, each with why: they install, change the user's shell, or are
# the test suite and linters themselves.
NOT_RUN = {
    r"python3 -m venv \.venv": "creates the environment the tests already run in",
    r"\.venv/bin/pip install (-e )?(\.|\"\.\[[a-z,]+\]\")": "installs; the extras are checked below",
    r"pipx install \.": "installs for the user",
    r"source \.venv/bin/activate": "changes the shell; the activation script is checked below",
    r"\.venv/bin/python -m pytest.*": "the test suite",
    r"PKCHECK_HYPOTHESIS=long \.venv/bin/python -m pytest .*": "the test suite",
    r"\.venv/bin/ruff check": "a linter",
    r"\.venv/bin/ruff format --check": "a linter",
    r"\.venv/bin/mypy": "a type checker",
    r"echo 'source ~/\.pkcheck-complete\.bash' >> ~/\.bashrc": "changes the user's shell",
}
# Each pkcheck command of the quick start, with its exit code: the example is conditional.
EXPECTED = {
    "pkcheck check examples/xb-inf-02-conditional.yaml": 1,
    "pkcheck --version": 0,
    "pkcheck --show-completion > ~/.pkcheck-complete.bash": 0,
}


def _pkcheck(command: str) -> str:
    """The command as the installed pkcheck: `.venv/bin/pkcheck` is the same as `pkcheck` in
    the activated environment."""
    return command.removeprefix(".venv/bin/")


def test_every_step_of_the_quick_start_is_known() -> None:
    """A command added to the quick start is run below, or said here why it is not."""
    unknown = [
        step
        for step in _steps("console")
        if _pkcheck(step) not in EXPECTED and not any(re.fullmatch(p, step) for p in NOT_RUN)
    ]
    assert unknown == []
    assert set(EXPECTED) <= {_pkcheck(step) for step in _steps("console")}


@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_the_pkcheck_commands_run(command: str, tmp_path: Path) -> None:
    """Each runs in a shell with the installed pkcheck on the path, from the repository, and
    exits as the README says; `~` is a fresh home folder."""
    env = os.environ | {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path)}
    env.pop("PKCHECK_STANDARDS_PATH", None)
    run = subprocess.run(["bash", "-c", command], cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == EXPECTED[command], run.stderr
    assert run.stderr == ""


def test_the_check_prints_what_the_quick_start_says() -> None:
    run = subprocess.run(
        [BIN / "pkcheck", "check", "examples/xb-inf-02-conditional.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "un-infantry-battalion" in run.stdout
    assert re.search(r"^  Verdict  CONDITIONAL$", run.stdout, re.M)
    assert len(re.findall(r"^[A-Z]+-[A-Z]+-\d+ ", run.stdout, re.M)) == 4


def test_the_extras_installed_exist() -> None:
    """`pip install ".[test]"` and `".[test,lint]"` name extras pyproject.toml declares."""
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    named = {e for step in _steps("console") for m in re.findall(r"\.\[([a-z,]+)\]", step) for e in m.split(",")}
    assert named and named <= set(extras)


def test_the_environment_has_the_activation_script_named() -> None:
    """`source .venv/bin/activate` names the script a virtual environment has on POSIX."""
    if sys.prefix == sys.base_prefix:
        pytest.skip("the tests do not run in a virtual environment")
    assert (BIN / "activate").is_file()
    assert BIN.name == "bin" and "source .venv/bin/activate" in _steps("console")


def test_the_windows_commands_are_the_quick_starts() -> None:
    """The PowerShell line runs the same pkcheck command as the quick start, with Windows paths
    (`.venv\\Scripts\\`, backslashes)."""
    steps = [s.strip() for s in _steps("powershell")[0].split(";")]
    assert steps[0] == "py -m venv .venv"
    assert steps[1] == r".venv\Scripts\Activate.ps1"
    assert steps[3].replace("\\", "/") in EXPECTED
    assert r".venv\Scripts\activate" in _section()


def _bash(script: str) -> str:
    """What ``script`` prints, run by bash. The closing ``true`` keeps bash from replacing itself
    with the script's last command: completion finds its shell among its parent processes,
    and that parent must be this bash, not whatever started the tests."""
    env = os.environ | {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(["bash", "-c", f"{script}\ntrue"], env=env, capture_output=True, text=True, check=True)
    return run.stdout


def test_show_completion_prints_a_bash_completion_script() -> None:
    """Run from bash, `pkcheck --show-completion` prints bash's completion script for pkcheck."""
    script = _bash("pkcheck --show-completion")
    assert "complete -o default -F _pkcheck_completion pkcheck" in script


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("pkcheck sch", ["schema"]),
        ("pkcheck schema ", [kind.value for kind in SchemaKind]),
        ("pkcheck gaps examples/ --severity ma", ["major"]),
    ],
    ids=["command", "schema-kind", "option-value"],
)
def test_the_completion_script_completes(words: str, expected: list[str]) -> None:
    """The printed script, loaded in bash, completes commands and the values of arguments."""
    line = shlex.split(words) + ([""] if words.endswith(" ") else [])
    completed = _bash(
        "source <(pkcheck --show-completion)\n"
        f"COMP_WORDS=({' '.join(shlex.quote(w) for w in line)}); COMP_CWORD={len(line) - 1}\n"
        '_pkcheck_completion pkcheck\nprintf "%s\\n" "${COMPREPLY[@]}"'
    )
    assert completed.split() == expected
