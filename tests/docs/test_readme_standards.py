"""The README's table of shipped standards is the shipped library: every standard, with the
version, unit types and requirement count `pkcheck list` gives, and every `id version` the
README quotes elsewhere (in example output) is the version shipped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pkcheck.api import load_standards

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
LIBRARY = load_standards()
SHIPPED = sorted(LIBRARY.standards)


def _table() -> dict[str, tuple[str, str, int]]:
    """Each row of the table: id -> (version, what it is for, requirement count)."""
    section = README[README.index("### The shipped standards") :]
    section = section[: section.index("\n### ")]
    rows = re.findall(r"^\| `([a-z0-9-]+)` (\S+) \| (.*?) \| (\d+) \|$", section, re.M)
    return {standard_id: (version, target, int(count)) for standard_id, version, target, count in rows}


TABLE = _table()


def test_the_table_lists_every_shipped_standard_once() -> None:
    assert sorted(TABLE) == SHIPPED


@pytest.mark.parametrize("standard_id", SHIPPED)
def test_a_row_gives_the_shipped_version_and_count(standard_id: str) -> None:
    version, target, count = TABLE[standard_id]
    model = LIBRARY.standards[standard_id].model
    assert version == model.version
    assert count == len(LIBRARY.effective(standard_id).requirements)
    # A standard for unit types names them; the base standard says it is the base.
    for unit_type in model.unit_types:
        assert f"`{unit_type}`" in target


def test_versions_quoted_in_examples_are_the_shipped_ones() -> None:
    quoted = set(re.findall(r"\b(un-[a-z0-9-]+) (\d+\.\d+\.\d+)\b", README))
    stale = {(sid, v) for sid, v in quoted if sid in LIBRARY.standards and v != LIBRARY.standards[sid].model.version}
    assert not stale, f"README quotes versions that are not shipped: {sorted(stale)}"
