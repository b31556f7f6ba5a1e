"""The kinds of file pkcheck reads and writes have one home, ``pkcheck.enums.FileKind``: the
models, the folder searches, the loader and the writers take them from there."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest

from pkcheck.enums import INPUT_KINDS, OUTPUT_KINDS, FileKind
from pkcheck.library.standards import Library
from pkcheck.load.inputs import expand
from pkcheck.schemas import KINDS

PACKAGE = Path(__file__).resolve().parents[2] / "pkcheck"
# A kind written out in the code: `"standard/v1"`, `'test-report/v1'`.
FAMILIES = "|".join(re.escape(k.family) for k in FileKind)
SPELLED_OUT = re.compile(r"""["'](?:""" + FAMILIES + r""")/v\d+["']""")


def test_every_kind_is_read_or_written() -> None:
    assert set(INPUT_KINDS) | set(OUTPUT_KINDS) == set(FileKind)
    assert not set(INPUT_KINDS) & set(OUTPUT_KINDS)


@pytest.mark.parametrize("family", sorted(KINDS))
def test_each_model_accepts_its_kind(family: str) -> None:
    kind, model = KINDS[family]
    assert kind.family == family
    assert typing.get_args(model.model_fields["pkcheck"].annotation) == (kind.value,)


def test_no_kind_is_spelled_out_elsewhere() -> None:
    """Only ``enums.py`` names the kinds (and each model's ``pkcheck`` field, tested above)."""
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "enums.py" and path.parent.name != "models"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SPELLED_OUT.search(line)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("kind", OUTPUT_KINDS)
def test_a_file_pkcheck_wrote_is_no_input(kind: FileKind, tmp_path: Path) -> None:
    """Found in a folder of declarations or of standards, an output of any kind is passed over."""
    (tmp_path / "written.json").write_text(json.dumps({"pkcheck": kind.value}), encoding="utf-8")
    declaration = tmp_path / "unit.yaml"
    declaration.write_text("pkcheck: declaration/v1\n", encoding="utf-8")
    assert expand([str(tmp_path)]) == [str(declaration)]
    assert Library([str(tmp_path)]).errors == []
