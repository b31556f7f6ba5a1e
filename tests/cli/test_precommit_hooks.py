"""The hooks of .pre-commit-hooks.yaml run as pre-commit would run them: each hook's entry and
args, with the files of a sample repository that match its `files` pattern (unless
`pass_filenames: false`), from the repository's root. pre-commit itself is not needed."""

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

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "data" / "precommit"
HOOKS = {
    hook["id"]: hook for hook in YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
}
# What a declarations repository would add in its .pre-commit-config.yaml for standards of its own.
USER_ARGS = {"pkcheck-check": ["--standards-path", "standards"]}


def _run_hook(hook_id: str, root: Path) -> subprocess.CompletedProcess[str]:
    hook = HOOKS[hook_id]
    entry = shlex.split(hook["entry"])
    assert entry[0] == "pkcheck"
    command = [sys.executable, "-m", "pkcheck", *entry[1:], *hook.get("args", []), *USER_ARGS.get(hook_id, [])]
    if hook.get("pass_filenames", True):
        pattern = re.compile(hook["files"])
        files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        matching = [f for f in files if pattern.search(f)]
        assert matching, f"{hook_id}: no sample file matches {hook['files']}"
        command += matching
    environment = {k: v for k, v in os.environ.items() if k != "PKCHECK_STANDARDS_PATH"}
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False, env=environment, timeout=120)


def test_every_hook_is_complete() -> None:
    assert set(HOOKS) == {"pkcheck-lint", "pkcheck-test", "pkcheck-check"}
    for hook in HOOKS.values():
        assert {"id", "name", "entry", "language", "files"} <= set(hook)
        assert hook["language"] == "python"
        re.compile(hook["files"])


@pytest.mark.parametrize(
    ("hook_id", "code", "output"),
    [
        ("pkcheck-lint", 0, "4 file(s) linted: 0 error(s), 0 warning(s)"),
        ("pkcheck-test", 0, "1 suite(s), 2 case(s): 2 passed, 0 failed, 0 error(s); coverage complete"),
        ("pkcheck-check", 1, "2 declarations: 1 ready, 1 conditional, 0 not ready, 0 invalid"),
    ],
)
def test_hook_on_the_sample_repository(hook_id: str, code: int, output: str) -> None:
    run = _run_hook(hook_id, SAMPLE)
    assert run.returncode == code, run.stdout + run.stderr
    assert output in run.stdout + run.stderr


@pytest.mark.parametrize(
    ("hook_id", "breakage", "message"),
    [
        (
            "pkcheck-lint",
            ("standards/xq-mortar-platoon.yaml", "quantity: 6,", "quantity: -6,"),
            "standards/xq-mortar-platoon.yaml:15:",
        ),
        (
            "pkcheck-lint",
            ("standards/xq-mortar-platoon.yaml", "item: mortar-81mm,", "item: mortar-81,"),
            "unknown equipment item code `mortar-81`",
        ),
        (
            "pkcheck-test",
            ("standards/xq-mortar-platoon.yaml", "quantity: 6,", "quantity: 5,"),
            "FAIL  one mortar and the fire controllers short",
        ),
        (
            "pkcheck-check",
            ("declarations/xq-mor-01.yaml", "quantity: 6}", "quantity: 2}"),
            "2 declarations: 0 ready, 2 conditional",
        ),
    ],
)
def test_hook_fails_on_a_broken_change(
    tmp_path: Path, hook_id: str, breakage: tuple[str, str, str], message: str
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(SAMPLE, root)
    name, old, new = breakage
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    run: Any = _run_hook(hook_id, root)
    assert run.returncode != 0
    assert message in run.stdout + run.stderr
