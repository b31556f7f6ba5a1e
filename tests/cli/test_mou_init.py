"""``pkcheck init --mou``: a declaration template with every line of the unit's MOU, which checks
``ready`` against both its standard and the MOU as written.

Every example MOU is exercised (with the unit type of the example declaration of its unit), so a
new example MOU is covered as soon as it is added."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-26"
EXAMPLE_MOUS = sorted((REPO / "examples" / "mous").glob("*.yaml"))
TWO_UNITS = "tests/data/mou/two-units.yaml"


def _yaml(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def _unit_type(unit_id: str) -> str:
    """The unit type of the example declaration of ``unit_id``."""
    for path in sorted((REPO / "examples").glob("x*.yaml")):
        unit = _yaml(path.read_text(encoding="utf-8"))["unit"]
        if unit["id"] == unit_id:
            return str(unit["type"])
    raise AssertionError(f"no example declaration of {unit_id}")


def _init(cli: Any, tmp_path: Path, unit_type: str, mou: str, *options: str) -> tuple[Path, str]:
    target = tmp_path / "template.yaml"
    run = cli("init", unit_type, "--mou", mou, "-o", str(target), "--as-of", AS_OF, *options)
    assert run.exit_code == 0, run.stderr
    return target, target.read_text(encoding="utf-8")


@pytest.mark.parametrize("mou", EXAMPLE_MOUS, ids=[path.stem for path in EXAMPLE_MOUS])
def test_template_of_each_example_mou_checks_ready_with_it(cli: Any, tmp_path: Path, mou: Path) -> None:
    model = _yaml(mou.read_text(encoding="utf-8"))
    (unit_id,) = model["units"]
    relative = str(mou.relative_to(REPO))
    path, text = _init(cli, tmp_path, _unit_type(unit_id), relative)
    run = cli("check", str(path), "--mou", relative, "--as-of", AS_OF, "-f", "json")
    assert run.exit_code == 0, run.stderr
    result = run.json()["results"][0]
    statuses = {f["requirement"]: f["status"] for f in result["findings"]}
    assert result["verdict"] == "ready", {k: v for k, v in statuses.items() if v != "met"}
    assert set(statuses.values()) <= {"met", "not-applicable"}
    assert result["warnings"] == []  # the leases are the MOU's
    assert result["mou"]["id"] == model["id"]
    data = _yaml(text)
    assert data["unit"]["id"] == unit_id
    # Every MOU line is a finding, named in a comment of the template, and its serviceable count
    # is the one the verification asks for.
    lines = {line["line"]: line for line in result["mou"]["lines"]}
    equipment = {entry["item"]: entry for entry in data["equipment"]}
    for line in model["major_equipment"]:
        assert f"MOU:{line['line']}" in statuses
        assert f"# MOU:{line['line']} ({line.get('severity', 'major')}): MOU `{model['id']}` Annex B" in text
        entry = equipment[line["item"]]
        assert entry["lease"] == line["lease"] and entry["quantity"] >= line["quantity"]
        assert entry["serviceable"] >= lines[line["line"]]["required_serviceable"]
        assert f"MOU:{line['line']}: at least {lines[line['line']]['required_serviceable']} serviceable" in text
    for category, provider in model["self_sustainment"].items():
        if provider == "contributor":
            assert category in data["self_sustainment"] and f"# MOU:C-{category}: " in text
            assert statuses[f"MOU:C-{category}"] == "met"


def test_requirements_the_mou_gives_to_the_un_are_left_out(cli: Any, tmp_path: Path) -> None:
    """XB's MOU has the UN provide observation and identification: INF-EQP-007 is not applicable,
    so the template does not ask the unit to declare them, and says why in its header."""
    _, text = _init(cli, tmp_path, "infantry-battalion", "examples/mous/mou-xb-inf-02.yaml")
    assert "observation-general" not in _yaml(text)["self_sustainment"]
    assert "#   INF-EQP-007 (major): Observation and identification self-sustainment provided" in text


def test_serviceable_count_is_rounded_up_as_the_verification_counts_it(cli: Any, tmp_path: Path) -> None:
    """25 APCs at 90 %: 22.5, 23 serviceable; the standard asks fewer of the unit template."""
    _, text = _init(cli, tmp_path, "infantry-battalion", "tests/data/mou/fractional.yaml")
    (apcs,) = [e for e in _yaml(text)["equipment"] if e["item"] == "apc-wheeled-class-ii"]
    assert (apcs["quantity"], apcs["serviceable"], apcs["lease"]) == (25, 23, "dry")


def test_an_mou_of_several_units_needs_unit_id_naming_one(cli: Any, tmp_path: Path) -> None:
    run = cli("init", "formed-police-unit", "--mou", TWO_UNITS, "--as-of", AS_OF)
    assert run.exit_code == 2 and run.stdout == ""
    assert run.stderr == (
        "pkcheck: error: --mou: MOU `mou-two-units` covers several units (XF-FPU-01, XG-FPU-02): "
        "name one with --unit-id\n"
    )
    run = cli("init", "formed-police-unit", "--mou", TWO_UNITS, "--unit-id", "XH-FPU-03", "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "--unit-id XH-FPU-03: MOU `mou-two-units` does not cover it (it covers XF-FPU-01, XG-FPU-02)" in run.stderr
    path, _ = _init(cli, tmp_path, "formed-police-unit", TWO_UNITS, "--unit-id", "XG-FPU-02")
    checked = cli("check", str(path), "--mou", TWO_UNITS, "--as-of", AS_OF, "-f", "json").json()["results"][0]
    assert checked["declaration"]["unit"]["id"] == "XG-FPU-02" and checked["verdict"] == "ready"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--as-of", "2026-09-01"],
            "--mou: MOU `mou-xb-inf-02` takes effect on 2026-10-01, after 2026-09-01: give --as-of 2026-10-01 or later",
        ),
        (["--as-of", AS_OF, "--unit-id", "XA-INF-01"], "--unit-id XA-INF-01: MOU `mou-xb-inf-02` does not cover it"),
    ],
)
def test_usage_errors(cli: Any, args: list[str], message: str) -> None:
    run = cli("init", "infantry-battalion", "--mou", "examples/mous/mou-xb-inf-02.yaml", *args)
    assert run.exit_code == 2 and message in run.stderr


def test_a_mission_other_than_the_mous_is_a_usage_error(cli: Any) -> None:
    run = cli("init", "infantry-battalion", "--mou", "tests/data/mou/mission.yaml", "--mission", "high-threat")
    assert run.exit_code == 2
    assert "--mission high-threat: MOU `mou-xd-convoy` is for mission `convoy-escort`" in run.stderr


def test_a_bad_mou_is_a_located_error(cli: Any) -> None:
    run = cli("init", "infantry-battalion", "--mou", "tests/data/mou/bad/duplicate-line.yaml", "--as-of", AS_OF)
    assert run.exit_code == 2 and run.stderr.startswith("tests/data/mou/bad/duplicate-line.yaml:")


def test_the_template_is_deterministic(cli: Any) -> None:
    args = ("init", "infantry-battalion", "--mou", "examples/mous/mou-xa-inf-01.yaml", "--as-of", AS_OF)
    assert cli(*args).stdout_bytes == cli(*args).stdout_bytes
