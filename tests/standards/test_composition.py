"""Composition of standards (spec 2 and 2.3 "Composition"): extends, overrides, removes, and the
errors that composing finds, each located at the line that causes it.

Every scenario is a folder under ``tests/data/standards/``; a test loads that folder alone as the
search path, so no other standard can interfere.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest
from textlines import line_of

from pkcheck.diagnostics import Diagnostic, InputError
from pkcheck.engine import Settings, check_file
from pkcheck.library.standards import EffectiveStandard, Library, deep_merge

DATA = Path(__file__).resolve().parent.parent / "data" / "standards"
AS_OF = dt.date(2026, 11, 26)


def library(scenario: str) -> Library:
    found = Library([str(DATA / scenario)])
    assert found.errors == [], found.errors
    return found


def composition_errors(scenario: str, standard_id: str) -> list[Diagnostic]:
    with pytest.raises(InputError) as raised:
        library(scenario).effective(standard_id)
    return list(raised.value.diagnostics)


def only(diagnostics: list[Diagnostic]) -> Diagnostic:
    assert len(diagnostics) == 1, [str(d) for d in diagnostics]
    return diagnostics[0]


# --- a chain of three ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def leaf() -> EffectiveStandard:
    return Library([str(DATA / "composition-chain")]).effective("comp-leaf")


def test_chain_lists_every_standard_from_the_root(leaf: EffectiveStandard) -> None:
    assert leaf.chain == ("comp-core", "comp-mid", "comp-leaf")
    assert (leaf.id, leaf.version, leaf.title) == ("comp-leaf", "2.0.0", "Composition test, leaf")
    assert leaf.info().chain == leaf.chain
    assert library("composition-chain").effective("comp-mid").chain == ("comp-core", "comp-mid")
    assert library("composition-chain").effective("comp-core").chain == ("comp-core",)


def test_parameters_are_inherited_and_the_nearest_value_wins(leaf: EffectiveStandard) -> None:
    assert leaf.parameters == {
        "tour_months": Fraction(12),  # only in comp-core
        "apc_per_company": Fraction(4),  # comp-core 3, comp-mid 4
        "women_target": Fraction(1, 10),  # comp-core 0.05, comp-leaf 0.1 (exact)
    }


def test_references_are_inherited(leaf: EffectiveStandard) -> None:
    assert sorted(leaf.references) == ["core-ref", "mid-ref"]


def test_effective_requirements_are_inherited_minus_removed_plus_own(leaf: EffectiveStandard) -> None:
    ids = [item.requirement.id for item in leaf.requirements]
    assert ids == ["CMP-TRN-001", "CMP-TRN-002", "CMP-EQP-001", "CMP-PER-001", "MID-EQP-001", "LEAF-SUS-001"]
    assert leaf.get("CMP-SUS-004") is None
    assert leaf.removed == {"CMP-SUS-004": ("Water is supplied by the mission in this environment.", "comp-mid")}


def test_override_merges_maps_key_by_key(leaf: EffectiveStandard) -> None:
    item = leaf.get("CMP-TRN-002")
    assert item is not None
    assert item.requirement.check.kind == "training"
    training = item.requirement.check.settings
    # comp-mid overrode only `coverage`: the course and valid_through of comp-core are kept
    assert (training.course, training.coverage, training.valid_through) == ("un-bfac", 0.5, "tour")
    # comp-mid changed the severity, comp-leaf the title: both changes survive
    assert item.requirement.severity == "critical"
    assert item.requirement.title == "Buddy first aid, whole tour"
    assert item.requirement.category == "training"


def test_override_replaces_lists_and_scalars(leaf: EffectiveStandard) -> None:
    item = leaf.get("CMP-EQP-001")
    assert item is not None
    assert item.requirement.check.kind == "equipment"
    equipment = item.requirement.check.settings
    assert equipment.item == ["apc-wheeled-class-ii", "apc-tracked"]  # a scalar replaced by a list
    assert equipment.quantity == "apc_per_company * 4"  # untouched keys are kept
    assert equipment.serviceable == 0.5
    assert item.requirement.severity == "major"  # critical in comp-core


def test_the_parent_is_not_changed_by_its_child() -> None:
    found = library("composition-chain")
    mid = found.effective("comp-mid")
    core = found.effective("comp-core")
    mid_item, core_item = mid.get("CMP-TRN-002"), core.get("CMP-TRN-002")
    assert mid_item is not None and core_item is not None
    assert mid_item.requirement.title == "Buddy first aid"
    assert mid_item.requirement.severity == "critical"
    assert core_item.requirement.severity == "major"
    assert core_item.requirement.check.kind == "training"
    assert core_item.requirement.check.settings.coverage == 0.9
    assert core.get("CMP-SUS-004") is not None
    assert core.parameters["apc_per_company"] == 3


def test_defined_in_and_changed_by(leaf: EffectiveStandard) -> None:
    provenance = {item.requirement.id: (item.defined_in, item.changed_by) for item in leaf.requirements}
    assert provenance == {
        "CMP-TRN-001": ("comp-core", ()),
        "CMP-TRN-002": ("comp-core", ("comp-mid", "comp-leaf")),
        "CMP-EQP-001": ("comp-core", ("comp-leaf",)),
        "CMP-PER-001": ("comp-core", ()),
        "MID-EQP-001": ("comp-mid", ()),
        "LEAF-SUS-001": ("comp-leaf", ()),
    }


def test_locations_point_at_the_definition_or_the_last_override(leaf: EffectiveStandard) -> None:
    folder = DATA / "composition-chain"
    expected = {
        "CMP-TRN-001": (folder / "core.yaml", "id: CMP-TRN-001"),
        "CMP-TRN-002": (folder / "leaf.yaml", "CMP-TRN-002:"),
        "CMP-EQP-001": (folder / "leaf.yaml", "CMP-EQP-001:"),
        "MID-EQP-001": (folder / "mid.yaml", "id: MID-EQP-001"),
    }
    for requirement_id, (path, text) in expected.items():
        item = leaf.get(requirement_id)
        assert item is not None
        assert (item.location.path, item.location.line) == (str(path), line_of(path, text)), requirement_id


def _findings(standard_id: str) -> dict[str, object]:
    settings = Settings(Library([str(DATA / "composition-chain")]), AS_OF, standard=standard_id)
    result = check_file(str(DATA / "composition-chain" / "declaration.yaml"), settings)
    assert result.errors == ()
    assert result.standard is not None
    return {"chain": result.standard.chain, **{f.requirement: f for f in result.findings}}


def test_checking_against_the_leaf_uses_the_composed_standard() -> None:
    findings = _findings("comp-leaf")
    assert findings["chain"] == ("comp-core", "comp-mid", "comp-leaf")
    assert "CMP-SUS-004" not in findings  # removed by comp-mid: no finding at all
    assert len(findings) - 1 == 6
    apcs = findings["CMP-EQP-001"]
    # quantity = apc_per_company (4, from comp-mid) * 4 = 16; both items count: 10 + 2 declared
    assert (apcs.status, apcs.severity) == ("shortfall", "major")
    assert [(g.criterion, g.required, g.declared, g.shortfall) for g in apcs.gaps] == [("quantity", 16, 12, 4)]
    first_aid = findings["CMP-TRN-002"]
    assert (first_aid.status, first_aid.severity, first_aid.title) == ("met", "critical", "Buddy first aid, whole tour")
    women = findings["CMP-PER-001"]  # ceil(100 x 0.1): comp-leaf's women_target wins
    assert [(g.criterion, g.required, g.declared) for g in women.gaps] == [("min", 10, 5)]
    assert findings["MID-EQP-001"].status == "met"  # apc_per_company / 2 = 2 ambulances
    assert findings["LEAF-SUS-001"].status == "met"  # tour_months (12, from comp-core) + 2 = 14


def test_checking_against_the_root_is_unchanged() -> None:
    findings = _findings("comp-core")
    assert findings["chain"] == ("comp-core",)
    assert findings["CMP-SUS-004"].status == "no-evidence"
    assert findings["CMP-TRN-002"].status == "shortfall"  # 50 of ceil(0.9 x 100) = 90
    assert findings["CMP-TRN-002"].severity == "major"
    apcs = findings["CMP-EQP-001"]  # 3 x 4 = 12 required, only apc-wheeled-class-ii counts
    assert [(g.criterion, g.required, g.declared) for g in apcs.gaps] == [("quantity", 12, 10)]
    women = findings["CMP-PER-001"]  # ceil(100 x 0.05) = 5
    assert women.status == "met"


def test_deep_merge_rules() -> None:
    base = {"severity": "major", "check": {"training": {"course": ["a", "b"], "coverage": 1.0}}, "references": ["x"]}
    patch = {"check": {"training": {"coverage": 0.5, "course": ["c"]}}, "references": []}
    assert deep_merge(base, patch) == {
        "severity": "major",
        "check": {"training": {"course": ["c"], "coverage": 0.5}},
        "references": [],
    }
    assert base["check"]["training"]["course"] == ["a", "b"]  # inputs untouched


def test_remove_then_define_the_same_id_replaces_the_requirement() -> None:
    """Own ids must be new *after* `removes` (spec 2: minus removes, ..., plus own requirements)."""
    effective = library("remove-and-redefine").effective("rr-child")
    item = effective.get("RRB-SUS-001")
    assert item is not None
    assert (item.requirement.check.kind, item.defined_in) == ("equipment", "rr-child")


# --- composition errors, each at its line ----------------------------------------------------


def test_own_requirement_ids_must_be_new() -> None:
    child = DATA / "own-id-not-new" / "child.yaml"
    errors = composition_errors("own-id-not-new", "own-child")
    assert [(e.location.path, e.location.line) for e in errors] == [
        (str(child), line_of(child, "id: PAR-EQP-001")),
        (str(child), line_of(child, "id: GRD-TRN-001")),
    ]
    assert "`PAR-EQP-001`" in errors[0].message and "parent `own-parent`" in errors[0].message
    # defined two levels up: the message names the parent it comes through and where it is defined
    assert "parent `own-parent`" in errors[1].message and "`own-grand`" in errors[1].message
    assert all("overrides" in e.message for e in errors)


def test_duplicate_ids_in_one_file_name_both_lines() -> None:
    path = DATA / "duplicate-ids" / "standard.yaml"
    error = only(composition_errors("duplicate-ids", "dup-ids"))
    assert (error.location.path, error.location.line) == (str(path), line_of(path, "    id: DUP-TRN-001"))
    assert "duplicate requirement id `DUP-TRN-001`" in error.message
    assert f"line {line_of(path, '- id: DUP-TRN-001')}" in error.message


def test_override_and_removal_of_an_id_that_is_not_inherited() -> None:
    child = DATA / "not-inherited" / "child.yaml"
    override, removal = composition_errors("not-inherited", "ni-child")
    assert (override.location.line, override.location.column) == (line_of(child, "NIB-TRN-002:"), 3)
    assert "cannot override `NIB-TRN-002`" in override.message and "`ni-base`" in override.message
    assert (removal.location.line, removal.location.column) == (line_of(child, "NIB-EQP-009:"), 3)
    assert "cannot remove `NIB-EQP-009`" in removal.message and "`ni-base`" in removal.message


def test_override_cannot_change_the_check_kind() -> None:
    child = DATA / "kind-change" / "child.yaml"
    error = only(composition_errors("kind-change", "kc-child"))
    assert error.location.line == line_of(child, "    check:")
    assert "`KCB-TRN-001`" in error.message
    assert "from `training` to `equipment`" in error.message


def test_bad_values_in_overrides_are_located_in_the_override() -> None:
    child = DATA / "bad-override" / "child.yaml"
    removed_override = line_of(child, "=  BOB-SUS-002:")
    located = {e.location.line: e.message for e in composition_errors("bad-override", "bo-child")}
    assert sorted(located) == sorted(
        [
            line_of(child, "severity: urgent"),
            line_of(child, "no-such-ref"),
            line_of(child, "personnel.totl"),
            line_of(child, "id: BOB-SUS-009"),
            removed_override,
        ]
    )
    assert "got 'urgent'" in located[line_of(child, "severity: urgent")]
    assert "unknown reference key `no-such-ref`" in located[line_of(child, "no-such-ref")]
    assert "did you mean `total`?" in located[line_of(child, "personnel.totl")]
    assert "cannot change a requirement's `id`" in located[line_of(child, "id: BOB-SUS-009")]
    assert "cannot override `BOB-SUS-002`" in located[removed_override]
    assert "removes" in located[removed_override]


def test_unknown_parent_is_reported_at_extends() -> None:
    child = DATA / "unknown-parent" / "child.yaml"
    error = only(composition_errors("unknown-parent", "up-child"))
    assert (error.location.path, error.location.line, error.location.column) == (
        str(child),
        line_of(child, "extends:"),
        1,
    )
    assert "unknown parent standard `un-infantry-batallion`" in error.message


def test_unknown_parent_suggests_a_close_id() -> None:
    found = Library([str(DATA / "unknown-parent"), str(DATA.parent.parent.parent / "standards")])
    with pytest.raises(InputError) as raised:
        found.effective("up-child")
    assert "did you mean `un-infantry-battalion`?" in only(list(raised.value.diagnostics)).message


@pytest.mark.parametrize(
    ("scenario", "standard_id", "file", "cycle"),
    [
        ("cycle-1", "cyc-self", "self.yaml", "cyc-self -> cyc-self"),
        ("cycle-2", "cyc2-a", "a.yaml", "cyc2-a -> cyc2-b -> cyc2-a"),
        ("cycle-2", "cyc2-b", "b.yaml", "cyc2-b -> cyc2-a -> cyc2-b"),
        ("cycle-3", "cyc3-a", "a.yaml", "cyc3-a -> cyc3-b -> cyc3-c -> cyc3-a"),
        ("cycle-3", "cyc3-c", "c.yaml", "cyc3-c -> cyc3-a -> cyc3-b -> cyc3-c"),
    ],
)
def test_cycles_are_reported_at_the_extends_of_the_standard_composed(
    scenario: str, standard_id: str, file: str, cycle: str
) -> None:
    path = DATA / scenario / file
    error = only(composition_errors(scenario, standard_id))
    assert (error.location.path, error.location.line) == (str(path), line_of(path, "extends:"))
    assert error.message == f"cycle in `extends`: {cycle}"


def test_unknown_reference_key_is_located_at_the_reference() -> None:
    path = DATA / "unknown-reference" / "standard.yaml"
    error = only(composition_errors("unknown-reference", "ref-std"))
    line = line_of(path, "coe-manul")
    column = path.read_text().splitlines()[line - 1].index("coe-manul") + 1
    assert (error.location.line, error.location.column) == (line, column)
    assert "`REF-EQP-001`: unknown reference key `coe-manul`" in error.message
    assert "sur-inf" in error.message


def test_an_expression_that_does_not_parse_stops_loading_with_its_line() -> None:
    path = DATA / "expressions" / "parse.yaml"
    found = Library([str(DATA / "expressions")])
    error = only([d for d in found.errors if d.location.path == str(path)])
    assert error.location.line == line_of(path, "quantity:")
    assert "bad expression" in error.message and "bad syntax" in error.message
    assert "expr-parse" not in found.standards


def test_expressions_naming_unknown_names_or_dividing_by_zero() -> None:
    path = DATA / "expressions" / "standard.yaml"
    found = Library([str(DATA / "expressions")])
    with pytest.raises(InputError) as raised:
        found.effective("expr-names")
    located = {d.location.line: d.message for d in raised.value.diagnostics}
    parameter = located.pop(line_of(path, "apc_quantty + 1"))
    assert "unknown name `apc_quantty`" in parameter and "did you mean the parameter `apc_quantity`?" in parameter
    declaration_path = located.pop(line_of(path, "personel.total"))
    assert "unknown name `personel.total`" in declaration_path and "did you mean `personnel`?" in declaration_path
    constants = located.pop(line_of(path, "apc_quantity / (2 - 2)"))
    assert "`EXP-EQP-004`" in constants and "division by zero" in constants
    parameter_zero = located.pop(line_of(path, "personnel.total / spare"))
    assert "`EXP-EQP-005`" in parameter_zero and "division by zero" in parameter_zero
    assert located == {}  # EXP-MED-001 is fine


def test_thresholds_out_of_range() -> None:
    path = DATA / "negative-thresholds" / "standard.yaml"
    located = {d.location.line: d.message for d in composition_errors("negative-thresholds", "neg-std")}
    assert sorted(located) == sorted(
        line_of(path, text) for text in ("quantity: -3", "min: -1", 'count: "reserve - 5"', "nurse:")
    )
    assert "`NEG-EQP-001`: threshold -3 is negative" in located[line_of(path, "quantity: -3")]
    assert "`NEG-SUS-001`: threshold -1 is negative" in located[line_of(path, "min: -1")]
    assert "evaluates to -3" in located[line_of(path, 'count: "reserve - 5"')]
    assert "evaluates to -1" in located[line_of(path, "nurse:")]


def test_a_parameter_value_that_breaks_an_inherited_threshold_is_located_at_the_parameter() -> None:
    child = DATA / "parameter-breaks-inherited" / "child.yaml"
    assert library("parameter-breaks-inherited").effective("pbi-base").parameters["personnel_per_generator"] == 85
    located = {e.location.line: e.message for e in composition_errors("parameter-breaks-inherited", "pbi-child")}
    assert sorted(located) == [line_of(child, "generator_reserve: 0"), line_of(child, "personnel_per_generator: 0")]
    zero = located[line_of(child, "personnel_per_generator: 0")]
    assert "`PBI-EQP-001` (inherited from `pbi-base`)" in zero and "division by zero" in zero
    assert "evaluates to -1" in located[line_of(child, "generator_reserve: 0")]


def test_value_check_path_that_can_never_exist() -> None:
    path = DATA / "value-path" / "standard.yaml"
    errors = composition_errors("value-path", "vp-std")
    located = {e.location.line: e for e in errors}
    assert sorted(located) == [
        line_of(path, "=        path: sustainment.water_day"),
        line_of(path, "path: personnel.roles.staff_officer"),
        line_of(path, '"personnel.roles.staff_officer * 20"'),
    ]
    misspelt = located[line_of(path, "=        path: sustainment.water_day")]
    assert misspelt.location.column == 9
    assert "`VP-SUS-002`: path `sustainment.water_day` cannot exist" in misspelt.message
    assert "did you mean `water_days`?" in misspelt.message
    # keys of free mappings are codes: an underscore can never match one
    snake = located[line_of(path, "path: personnel.roles.staff_officer")].message
    assert "`VP-PER-001`" in snake and "did you mean `personnel.roles.staff-officer`?" in snake
    in_expression = located[line_of(path, '"personnel.roles.staff_officer * 20"')].message
    assert "`VP-PER-002`" in in_expression and 'value("personnel.roles.staff-officer")' in in_expression


def test_parameter_named_like_a_declaration_section() -> None:
    path = DATA / "section-parameter" / "standard.yaml"
    found = Library([str(DATA / "section-parameter")])
    error = only(found.errors)
    # Located at the offending parameter's own line.
    assert (error.location.path, error.location.line) == (str(path), line_of(path, "personnel: 850"))
    assert "parameter name `personnel` is a declaration section" in error.message


def test_overrides_and_removes_without_extends() -> None:
    path = DATA / "overrides-without-extends" / "standard.yaml"
    errors = Library([str(DATA / "overrides-without-extends")]).errors
    assert [(e.location.path, e.location.line) for e in errors] == [
        (str(path), line_of(path, "overrides:")),
        (str(path), line_of(path, "removes:")),
    ]
    assert "`overrides` needs `extends`" in errors[0].message
    assert "`removes` needs `extends`" in errors[1].message


def test_a_child_of_a_broken_parent_reports_the_parents_errors() -> None:
    found = library("kind-change")
    assert found.effective("kc-base").chain == ("kc-base",)
    with pytest.raises(InputError):
        found.effective("kc-child")


def test_tour_months_parameter_must_be_whole_months() -> None:
    """A fractional tour length would silently be truncated when adding months to a date."""
    path = DATA / "tour-months" / "standard.yaml"
    with pytest.raises(InputError) as raised:
        Library([str(DATA / "tour-months")]).effective("tm-std")
    (error,) = raised.value.diagnostics
    assert (error.location.path, error.location.line) == (str(path), line_of(path, "tour_months: 6.5"))
    assert "whole number of months" in error.message
