"""Data-driven tests of the check kinds (spec sections 2.1-2.3, and the `schema` kind).

Each registered kind has a file ``cases/<kind>.yaml``, a list of cases:

- ``name``: unique across all files; the pytest id.
- ``as_of``: the as-of date.
- ``parameters`` (optional): the standard's parameters.
- ``check``: a check mapping exactly as in a standard, e.g. ``{training: {course: un-cptm, coverage: 1.0}}``.
- ``declaration``: the declaration body without the ``pkcheck:`` line, as a mapping; or
  ``declaration_text``: the same as literal YAML text, when the layout (``line``) matters.
  The runner writes ``pkcheck: declaration/v1`` as line 1, then the body. A ``unit`` that is
  missing is added (after the body for ``declaration_text``, so lines do not shift); in a
  ``declaration`` mapping, a given ``unit`` is completed with the default id, country and type.
- ``expect``: ``status`` (met | shortfall | no-evidence), optional ``gaps`` (each
  ``{criterion, required, declared, shortfall, unit}``, compared exactly, ints distinct from
  floats), optional ``line`` (1-based line of the finding's location in the generated file),
  optional ``message`` (a substring of the finding's message), optional ``message_fr`` (the
  finding's whole message when checked in French, ``--lang fr``).
"""

from __future__ import annotations

import datetime as dt
import io
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pkcheck import checks, i18n
from pkcheck.checks.base import Context
from pkcheck.diagnostics import Location
from pkcheck.engine import evaluate_requirement
from pkcheck.expressions import to_fraction
from pkcheck.library.standards import EffectiveRequirement, EffectiveStandard
from pkcheck.load.validate import validate
from pkcheck.load.yamlio import load
from pkcheck.models.declaration import Declaration
from pkcheck.models.standard import Requirement
from pkcheck.report import Finding

CASES_DIR = Path(__file__).parent / "cases"
KINDS = tuple(checks.KINDS)  # every registered kind has its cases
CATEGORIES = {"training": "training", "equipment": "equipment", "medical": "medical"}  # others: sustainment
DEFAULT_UNIT = {"id": "XA-TST-01", "country": "XA", "type": "infantry-battalion"}
CASE_KEYS = {"name", "as_of", "parameters", "check", "declaration", "declaration_text", "expect"}
EXPECT_KEYS = {"status", "gaps", "line", "message", "message_fr"}
GAP_KEYS = ("criterion", "required", "declared", "shortfall", "unit")
STATUSES = {"met", "shortfall", "no-evidence"}


def _load_cases() -> list[tuple[str, dict[str, Any]]]:
    yaml = YAML(typ="safe", pure=True)
    cases = []
    for kind in KINDS:
        for case in yaml.load((CASES_DIR / f"{kind}.yaml").read_text(encoding="utf-8")):
            cases.append((kind, case))
    return cases


ALL_CASES = _load_cases()


def test_case_files_are_well_formed() -> None:
    names = [case["name"] for _, case in ALL_CASES]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"duplicate case names: {duplicates}"
    for kind, case in ALL_CASES:
        name = case.get("name")
        assert set(case) <= CASE_KEYS, f"{name}: unknown keys {set(case) - CASE_KEYS}"
        assert {"name", "as_of", "check", "expect"} <= set(case), name
        assert isinstance(case["as_of"], dt.date), name
        assert list(case["check"]) == [kind], f"{name}: a case in {kind}.yaml must check `{kind}`"
        assert ("declaration" in case) != ("declaration_text" in case), f"{name}: give declaration or declaration_text"
        expect = case["expect"]
        assert set(expect) <= EXPECT_KEYS, f"{name}: unknown expect keys {set(expect) - EXPECT_KEYS}"
        assert expect["status"] in STATUSES, name
        for g in expect.get("gaps", []):
            assert set(g) == set(GAP_KEYS), f"{name}: a gap needs exactly {GAP_KEYS}"
        if expect["status"] == "met":
            assert not expect.get("gaps"), f"{name}: a met finding has no gaps"


def _declaration_file(case: dict[str, Any], tmp_path: Path) -> Path:
    path = tmp_path / "declaration.yaml"
    if "declaration_text" in case:
        text = case["declaration_text"]
        if not text.endswith("\n"):
            text += "\n"
        if not any(line.startswith("unit:") for line in text.splitlines()):
            text += "unit:\n" + "".join(f"  {k}: {v}\n" for k, v in DEFAULT_UNIT.items())
        path.write_text("pkcheck: declaration/v1\n" + text, encoding="utf-8")
        return path
    body = dict(case["declaration"] or {})
    unit = {**DEFAULT_UNIT, **(body.pop("unit", None) or {})}
    data = {"pkcheck": "declaration/v1", "unit": unit, **body}
    yaml = YAML()  # round trip, block style
    yaml.default_flow_style = False
    stream = io.StringIO()
    yaml.dump(data, stream)
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


def _finding(case: dict[str, Any], tmp_path: Path) -> Finding:
    path = _declaration_file(case, tmp_path)
    document = load(str(path))
    declaration = validate(document, Declaration, "declaration/v1")
    requirement = Requirement.model_validate(
        {
            "id": "T-CASE-001",
            "title": case["name"],
            "category": CATEGORIES.get(next(iter(case["check"])), "sustainment"),
            "severity": "major",
            "check": case["check"],
        }
    )
    parameters: dict[str, Fraction] = {k: to_fraction(v) for k, v in (case.get("parameters") or {}).items()}
    item = EffectiveRequirement(requirement, "t-case", (), Location("t-case.yaml", 1, 1), ("requirements", 0))
    standard = EffectiveStandard(
        "t-case", "1.0.0", "Test standard", "t-case.yaml", ("t-case",), parameters, {}, (item,)
    )
    tour_months = int(parameters.get("tour_months", 12))
    context = Context(declaration, document.data, case["as_of"], parameters, tour_months)
    return evaluate_requirement(item, standard, context, document)


def _same(expected: Any, actual: Any) -> bool:
    """Exact comparison: 7 is not 7.0, lists equal tuples element by element."""
    if isinstance(expected, list):
        return (
            isinstance(actual, (list, tuple))
            and len(expected) == len(actual)
            and all(_same(e, a) for e, a in zip(expected, actual, strict=True))
        )
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return type(expected) is type(actual) and expected == actual
    return type(expected) is type(actual) and expected == actual


def _gap_dict(gap: Any) -> dict[str, Any]:
    return {key: list(v) if isinstance(v := getattr(gap, key), tuple) else v for key in GAP_KEYS}


@pytest.mark.parametrize(("kind", "case"), ALL_CASES, ids=[case["name"] for _, case in ALL_CASES])
def test_check_case(kind: str, case: dict[str, Any], tmp_path: Path) -> None:
    finding = _finding(case, tmp_path)
    expect = case["expect"]
    actual_gaps = [_gap_dict(g) for g in finding.gaps]
    context = (
        f"status={finding.status.value} gaps={actual_gaps} line={finding.location.line} message={finding.message!r}"
    )
    assert finding.check_kind == kind
    assert finding.status.value == expect["status"], context
    if finding.status.value == "met":
        assert finding.gaps == (), context
    if "gaps" in expect:
        expected_gaps = expect["gaps"]
        assert len(actual_gaps) == len(expected_gaps), context
        for wanted, got in zip(expected_gaps, actual_gaps, strict=True):
            for key in GAP_KEYS:
                where = f"gap {wanted['criterion']}.{key}"
                assert _same(wanted[key], got[key]), f"{where}: expected {wanted[key]!r}, got {got[key]!r}; {context}"
    if "line" in expect:
        assert finding.location.line == expect["line"], context
    if "message" in expect:
        assert expect["message"] in finding.message, context


FRENCH_CASES = [(kind, case) for kind, case in ALL_CASES if "message_fr" in case["expect"]]
# Templates that are parts of another's message (a cohort not counted, one comparison of a
# value) are met inside the message they are part of; a schema that cannot be applied to a
# value (nested beyond Python's limits) is tested in tests/unit/test_french_templates.py.
PART_TEMPLATES = ("training.cohort.", "value.met.", "value.gap.", "schema.not-checkable")


def test_every_template_has_a_french_case(tmp_path: Path) -> None:
    """Each message template of each kind is the message of at least one case checked in French."""
    met = set()
    for index, (_, case) in enumerate(FRENCH_CASES):
        folder = tmp_path / str(index)
        folder.mkdir()
        met.add(_finding(case, folder).message_id)
    wanted = {
        f"{kind}.{name}"
        for kind, kind_object in checks.KINDS.items()
        for name in kind_object.messages
        if not f"{kind}.{name}".startswith(PART_TEMPLATES)
    }
    assert wanted <= met, f"templates without a French case: {sorted(wanted - met)}"


@pytest.mark.parametrize(("kind", "case"), FRENCH_CASES, ids=[case["name"] for _, case in FRENCH_CASES])
def test_check_case_in_french(kind: str, case: dict[str, Any], tmp_path: Path) -> None:
    """The finding's message in French, whole: its template and every word put into it."""
    i18n.use("fr")
    finding = _finding(case, tmp_path)
    assert finding.check_kind == kind
    assert finding.message == case["expect"]["message_fr"]
