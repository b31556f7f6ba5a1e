"""docs/architecture.md names only what exists: every path under ``pkcheck/`` or ``tests/`` it
gives is a file or folder of the repository, and every dotted ``pkcheck.`` name is a module or a
name defined in one."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TEXT = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
PATHS = sorted(set(re.findall(r"`((?:pkcheck|tests|docs|bench)/[\w./<>-]*)`", TEXT)))
DOTTED = sorted(set(re.findall(r"`(pkcheck(?:\.\w+)+)`", TEXT)))


@pytest.mark.parametrize("path", [p for p in PATHS if "<" not in p])
def test_a_named_path_exists(path: str) -> None:
    assert (REPO / path.rstrip("/")).exists(), path


@pytest.mark.parametrize("dotted", DOTTED)
def test_a_dotted_name_is_a_module_or_defined_in_one(dotted: str) -> None:
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for name in parts[split:]:
            assert hasattr(found, name), f"{dotted}: no {name}"
            found = getattr(found, name)
        return
    raise AssertionError(f"{dotted} names no module")


def test_the_document_names_paths_and_modules() -> None:
    assert len(PATHS) > 10 and len(DOTTED) > 5
