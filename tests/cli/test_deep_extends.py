"""A long ``extends`` chain composes in every command, and a problem at its far end is still
an error at the ``extends`` line that causes it.

The chain is 1,100 standards, each extending the one before: longer than Python's recursion
limit, so any step that follows the chain by recursion fails here. It is written once per
module, in a folder of its own; the root of the chain (``deep-0000`` and ``deep-0001``) is in
another folder, in three versions: sound, a cycle, and an unknown parent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

LENGTH = 1_100
TOP = f"deep-{LENGTH - 1:04d}"
UNIT = "unit:\n  id: XT-DEEP-01\n  country: XT\n  type: infantry-battalion\n"


def _standard(index: int, extends: str | None) -> str:
    lines = ["pkcheck: standard/v1", f"id: deep-{index:04d}", "version: 1.0.0", f"title: Level {index}"]
    if extends is not None:
        lines.append(f"extends: {extends}")
    lines += [
        "requirements:",
        f"  - id: DEEP-VAL-{index:04d}",
        f"    title: Water, level {index}",
        "    category: sustainment",
        "    severity: minor",
        "    check:",
        "      value: {path: sustainment.water_days, min: 1}",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Folders: ``chain`` (levels 2 to the top), and ``sound``, ``cycle`` and ``unknown``, each
    holding levels 0 and 1; and a declaration that meets every level."""
    base = tmp_path_factory.mktemp("deep-extends")
    folders = {name: base / name for name in ("chain", "sound", "cycle", "unknown")}
    for folder in folders.values():
        folder.mkdir()
    for index in range(2, LENGTH):
        text = _standard(index, f"deep-{index - 1:04d}")
        (folders["chain"] / f"deep-{index:04d}.yaml").write_text(text, encoding="utf-8")
    roots = {
        "sound": (None, "deep-0000"),
        "cycle": ("deep-0001", "deep-0000"),
        "unknown": ("deep-missing", "deep-0000"),
    }
    for name, (first, second) in roots.items():
        (folders[name] / "deep-0000.yaml").write_text(_standard(0, first), encoding="utf-8")
        (folders[name] / "deep-0001.yaml").write_text(_standard(1, second), encoding="utf-8")
    declaration = base / "unit.yaml"
    declaration.write_text(f"pkcheck: declaration/v1\n{UNIT}sustainment:\n  water_days: 30\n", encoding="utf-8")
    return {**folders, "declaration": declaration}


def _path(chain: dict[str, Path], root: str) -> tuple[str, ...]:
    return ("--standards-path", str(chain["chain"]), "--standards-path", str(chain[root]))


def _checked(chain: dict[str, Path], root: str) -> tuple[str, ...]:
    """The declaration, checked against the top of the chain."""
    return (str(chain["declaration"]), *_path(chain, root), "--standard", TOP, "--as-of", "2026-11-26")


def test_check_composes_the_whole_chain(cli: Any, chain: dict[str, Path]) -> None:
    run = cli("check", *_checked(chain, "sound"), "-f", "json")
    assert run.exit_code == 0, run.stdout
    (result,) = run.json()["results"]
    assert result["standard"]["chain"] == [f"deep-{i:04d}" for i in range(LENGTH)]
    assert result["verdict"] == "ready"
    assert len(result["findings"]) == LENGTH


def test_lint_list_explain_and_diff_follow_the_chain(cli: Any, chain: dict[str, Path]) -> None:
    lint = cli("lint", str(chain["chain"]), "--standards-path", str(chain["sound"]))
    assert (lint.exit_code, lint.stdout) == (0, f"{LENGTH - 2} file(s) linted: 0 error(s), 0 warning(s)\n"), lint.stdout
    listed = cli("list", *_path(chain, "sound"), env={"COLUMNS": "1000"})  # a row per standard
    assert listed.exit_code == 0
    (row,) = [line.split() for line in listed.stdout.splitlines() if line.startswith(TOP)]
    assert row[4:6] == [f"deep-{LENGTH - 2:04d}", str(LENGTH)]
    explained = cli("explain", "DEEP-VAL-0000", *_path(chain, "sound"))
    assert explained.exit_code == 0
    assert TOP in explained.stdout
    diff = cli("diff", "deep-0600", TOP, *_path(chain, "sound"), "-f", "json")
    assert diff.exit_code == 0, diff.stdout
    assert len(diff.json()["added"]) == LENGTH - 601


def test_a_cycle_at_the_root_is_located_at_its_extends(cli: Any, chain: dict[str, Path]) -> None:
    """Met on the way down from the top, the cycle is reported at the `extends` of its first
    member (the error of every standard above it)."""
    lint = cli("lint", str(chain["chain"]), "--standards-path", str(chain["cycle"]))
    assert lint.exit_code == 2
    where = f"{chain['cycle'] / 'deep-0001.yaml'}:5:1: cycle in `extends`: deep-0001 -> deep-0000 -> deep-0001"
    assert lint.stdout.splitlines()[:-1] == [where]  # the last line is the count of files linted


def test_an_unknown_parent_at_the_root_is_located_at_its_extends(cli: Any, chain: dict[str, Path]) -> None:
    check = cli("check", *_checked(chain, "unknown"))
    assert check.exit_code == 2
    where = f"{chain['unknown'] / 'deep-0000.yaml'}:5:1: unknown parent standard `deep-missing`"
    assert any(text.startswith(where) for text in check.lines()), check.stdout + check.stderr
