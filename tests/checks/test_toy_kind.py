"""Adding a check kind is one module and one registry entry.

The toy kind ``headcount`` (``toy_kind.py``, next to this file) is registered in the live
registry, with one entry and nothing else, and then works in every command: ``check``,
``explain`` (with ``--for``), ``init``, ``lint``, ``diff``, ``gaps`` and ``schema standard``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import toy_kind
from typer.testing import CliRunner

from pkcheck import checks
from pkcheck.cli import app

REPO = Path(__file__).resolve().parents[2]
AS_OF = ("--as-of", "2026-11-26")


@pytest.fixture(autouse=True)
def _registered(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(checks.KINDS, toy_kind.NAME, toy_kind.KIND)  # the one entry
    monkeypatch.chdir(REPO)
    yield


def _run(*args: str) -> Any:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PKCHECK_")}
    return CliRunner().invoke(app, list(args), env={**env, "PKCHECK_STANDARDS_PATH": ""}, catch_exceptions=False)


def _standard(folder: Path, minimum: Any, role: str = "nurse", version: str = "1.0.0") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "toy.yaml"
    path.write_text(
        "pkcheck: standard/v1\n"
        "id: toy-clinic\n"
        f"version: {version}\n"
        "title: Toy clinic\n"
        "unit_types: [toy-clinic]\n"
        "requirements:\n"
        "  - id: TOY-PER-001\n"
        "    title: Enough nurses\n"
        "    category: personnel\n"
        "    severity: major\n"
        "    check:\n"
        "      headcount:\n"
        f"        role: {role}\n"
        f"        minimum: {minimum}\n",
        encoding="utf-8",
    )
    return path


def _declaration(folder: Path, unit: str, nurses: int) -> Path:
    path = folder / f"{unit}.yaml"
    path.write_text(
        "pkcheck: declaration/v1\n"
        f"unit: {{id: {unit}, country: XA, type: toy-clinic}}\n"
        f"personnel: {{total: 50, roles: {{nurse: {nurses}}}}}\n",
        encoding="utf-8",
    )
    return path


def test_check_uses_the_kind_and_its_words(tmp_path: Path) -> None:
    lib = _standard(tmp_path / "lib", "ceil(personnel.total / 20)").parent
    run = _run("check", str(_declaration(tmp_path, "XA-TOY-01", 1)), "--standards-path", str(lib), *AS_OF, "-f", "json")
    assert run.exit_code == 1, run.output
    (finding,) = json.loads(run.stdout)["results"][0]["findings"]
    assert (finding["check"], finding["status"], finding["message_id"]) == (
        "headcount",
        "shortfall",
        "headcount.shortfall",
    )
    assert finding["message"] == "1 Nurse (nurse) declared, 3 required: 2 short"
    assert finding["gaps"] == [
        {"criterion": "minimum", "required": 3, "declared": 1, "shortfall": 2, "unit": "personnel"}
    ]
    assert finding["titles"] == {"nurse": "Nurse"}
    assert finding["location"]["line"] == 3  # personnel.roles.nurse, what the kind reads


def test_explain_describes_the_check_in_the_kinds_words(tmp_path: Path) -> None:
    lib = _standard(tmp_path / "lib", 3).parent
    run = _run("explain", "TOY-PER-001", "--standards-path", str(lib))
    assert run.exit_code == 0, run.output
    assert "  Check        headcount: at least 3 nurse (personnel.roles.nurse)\n" in run.stdout


def test_explain_for_a_unit_computes_the_kinds_thresholds(tmp_path: Path) -> None:
    """A kind with no ``formulas`` or ``evidence`` of its own: its thresholds as the standard
    gives them, computed for the unit, and the place its outcome names."""
    lib = _standard(tmp_path / "lib", "ceil(personnel.total / 20)").parent
    unit = _declaration(tmp_path, "XA-TOY-01", 1)
    run = _run("explain", "TOY-PER-001", "--for", str(unit), "--standards-path", str(lib), *AS_OF)
    assert run.exit_code == 0, run.output
    words = " ".join(run.stdout.split())  # a long temporary path wraps the line
    assert "Computed minimum: ceil(personnel.total / 20) = ceil(50 / 20) = 3 Evidence" in words
    assert f"Evidence {unit}:3 personnel.roles.nurse: 1 Evidence {unit}:3 personnel.total: 50 Result" in words
    assert "Result shortfall (major): 1 Nurse (nurse) declared, 3 required: 2 short" in words


def test_init_fills_what_the_kind_examines(tmp_path: Path) -> None:
    lib = _standard(tmp_path / "lib", 4).parent
    template = tmp_path / "template.yaml"
    run = _run("init", "toy-clinic", "--standards-path", str(lib), *AS_OF, "-o", str(template))
    assert run.exit_code == 0, run.output
    text = template.read_text(encoding="utf-8")
    assert "    # TOY-PER-001 (major): Enough nurses\n    nurse: 4\n" in text
    checked = _run("check", str(template), "--standards-path", str(lib), *AS_OF, "-f", "json")
    assert json.loads(checked.stdout)["results"][0]["verdict"] == "ready"


def test_lint_warns_about_its_codes_and_checks_its_thresholds(tmp_path: Path) -> None:
    standard = _standard(tmp_path / "lib", -1, role="nurce")
    run = _run("lint", str(standard))
    assert run.exit_code == 2, run.output
    assert f"{standard}:14:9: `TOY-PER-001`: threshold -1 is negative; a threshold must not be negative\n" in run.stdout
    assert f"{standard}:13:15: warning: unknown role code `nurce`; did you mean `nurse`?\n" in run.stdout


def test_a_bad_setting_is_located_and_named(tmp_path: Path) -> None:
    standard = _standard(tmp_path / "lib", "[3]")
    run = _run("lint", str(standard))
    assert run.exit_code == 2
    assert "`requirements[0].check.headcount.minimum`" in run.stdout
    misspelt = tmp_path / "misspelt.yaml"
    misspelt.write_text(standard.read_text(encoding="utf-8").replace("headcount:", "headcont:"), encoding="utf-8")
    assert (
        "unknown key `headcont` in `requirements[0].check`; did you mean `headcount`?"
        in _run("lint", str(misspelt)).stdout
    )


def test_diff_knows_the_direction_of_its_threshold(tmp_path: Path) -> None:
    old = _standard(tmp_path / "old", 3)
    new = _standard(tmp_path / "new", 2, version="1.1.0")
    run = _run("diff", str(old), str(new), "-f", "json", "--fail-on-relaxation")
    assert run.exit_code == 1, run.output
    (change,) = json.loads(run.stdout)["changed"][0]["changes"]
    assert (change["field"], change["direction"]) == ("check.headcount.minimum", "relaxed")


def test_gaps_adds_the_kinds_shares(tmp_path: Path) -> None:
    lib = _standard(tmp_path / "lib", 5).parent
    units = tmp_path / "units"
    units.mkdir()
    _declaration(units, "XA-TOY-01", 1)
    _declaration(units, "XA-TOY-02", 3)
    run = _run("gaps", str(units), "--standards-path", str(lib), *AS_OF, "-f", "json")
    assert run.exit_code == 0, run.output
    (line,) = json.loads(run.stdout)["lines"]
    assert (line["kind"], line["what"], line["title"], line["measure"], line["total"]) == (
        "headcount",
        "nurse",
        "Nurse",
        "personnel",
        6,
    )


def test_the_schema_of_standards_has_the_kind() -> None:
    run = _run("schema", "standard")
    assert run.exit_code == 0, run.output
    schema = json.loads(run.stdout)
    assert "headcount" in schema["$defs"]["Check"]["properties"]
    assert schema["$defs"]["HeadcountCheck"]["required"] == ["role", "minimum"]
    listed = ", ".join(name for name in checks.KINDS if name != "headcount")
    assert f"a check has exactly one kind ({listed} or headcount)" in _kinds_message()


def _kinds_message() -> str:
    from pydantic import ValidationError

    from pkcheck.models.standard import Check

    with pytest.raises(ValidationError) as raised:
        Check.validating_model().model_validate({})
    return str(raised.value)
