"""The careful path of the loader (ruamel's pure-Python parser): the cases of
``tests/data/loader/careful.yaml``, and a failure of the YAML library itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from both_paths import plain
from ruamel.yaml import YAML
from ruamel.yaml.parser import Parser

from pkcheck.diagnostics import InputError
from pkcheck.load import yamlio
from pkcheck.load.limits import DEFAULT_LIMITS

CASES = YAML(typ="safe", pure=True).load(
    (Path(__file__).resolve().parents[1] / "data" / "loader" / "careful.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_case(case: dict[str, Any]) -> None:
    if "errors" in case:
        with pytest.raises(InputError) as raised:
            yamlio._careful_load("<text>", case["text"], DEFAULT_LIMITS)
        found = [[d.location.line, d.location.column, d.message] for d in raised.value.diagnostics]
        assert found == case["errors"]
        return
    data, warnings = yamlio._careful_load("<text>", case["text"], DEFAULT_LIMITS)
    value = plain(data)
    assert value == case["data"]
    assert [type(item) for item in value.values()] == [type(item) for item in case["data"].values()]
    assert [line for line, _, _ in warnings] == case.get("warnings", [])


def test_a_failure_of_the_yaml_library_is_located(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Any exception from inside the YAML library ends as an ``InputError`` at the last value
    the parser reached, never a traceback."""
    original = Parser.parse_block_mapping_value

    def failing(self: Parser) -> Any:
        if self.scanner.peek_token().start_mark.line == 2:
            raise NotImplementedError("overlap in comment")
        return original(self)

    monkeypatch.setattr(Parser, "parse_block_mapping_value", failing)
    path = tmp_path / "unit.yaml"
    path.write_text("pkcheck: declaration/v1\nunit:\n  id: x\n\tnote: 1\n", encoding="utf-8")  # a tab: the careful path
    with pytest.raises(InputError) as raised:
        yamlio.load(str(path))
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.message == "cannot parse YAML: NotImplementedError: overlap in comment"
    assert (diagnostic.location.line, diagnostic.location.column) == (3, 3)
