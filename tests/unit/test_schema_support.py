"""The JSON Schema home of the ``schema`` kind: schemas checked (metaschema, dialect, patterns,
references, nesting), compiled once, and violations said plainly at the node they concern."""

from __future__ import annotations

import re
import time
import unicodedata
from typing import Any

import pytest

from pkcheck.checks.schema import compiled
from pkcheck.checks.schema.compiled import DEEPEST, NotApplicable, schema_problems, violations
from pkcheck.checks.schema.patterns import LONGEST_MATCHED, pattern_problem, search

MISSION = {
    "type": "object",
    "required": ["convoy_escorts"],
    "properties": {"convoy_escorts": {"type": "integer", "minimum": 4}},
}


def _messages(found: Any) -> list[tuple[Any, str]]:
    return [(tuple(item.at), item.message) for item in found]


def test_a_sound_schema_has_no_problems() -> None:
    assert schema_problems(MISSION) == ()
    assert schema_problems(True) == ()
    local = {"$defs": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#/$defs/n"}}}
    assert schema_problems(local) == ()


def test_every_violation_at_its_node() -> None:
    found = violations(MISSION, {"convoy_escorts": 2})
    assert _messages(found) == [(("convoy_escorts",), "2 is less than the minimum of 4")]
    assert _messages(violations(MISSION, {})) == [(("convoy_escorts",), "must be given")]
    assert violations(MISSION, {})[0].missing
    assert violations(MISSION, {"convoy_escorts": 4}) == []


def test_all_violations_are_listed_and_values_shown_plainly() -> None:
    schema = {
        "properties": {
            "a": {"type": "integer"},
            "b": {"enum": ["x", "y"]},
            "c": {"maxItems": 1},
            "d": {"pattern": "^[A-Z]+$"},
        },
        "required": ["e", "f"],
        "additionalProperties": False,
        "patternProperties": {"^x-": {}},
    }
    value = {"a": "ten", "b": True, "c": [1, 2, 3], "d": "ab", "g": 1, "x-ok": 1}
    assert sorted(_messages(violations(schema, value))) == [
        (("a",), '"ten" is not a whole number'),
        (("b",), 'true is not one of "x", "y"'),
        (("c",), "3 entries: more than the maximum of 1"),
        (("d",), '"ab" does not match `^[A-Z]+$`'),
        (("e",), "must be given"),
        (("f",), "must be given"),
        (("g",), "`g` is not allowed here"),
    ]


def test_a_mapping_is_never_written_out() -> None:
    [found] = violations({"type": "string"}, {"secret": "x" * 50})
    assert found.message == "a mapping is not text"


def test_metaschema_problems_are_located_in_the_schema() -> None:
    found = _messages(schema_problems({"type": "object", "properties": {"a": {"minimum": "four"}}}))
    assert found == [(("properties", "a", "minimum"), '"four" is not a number')]


def test_another_dialect_is_refused() -> None:
    [found] = schema_problems({"$schema": "http://json-schema.org/draft-07/schema#"})
    assert found.at == ("$schema",) and "Draft 2020-12 only" in found.message
    assert schema_problems({"$schema": compiled.DIALECT}) == ()


@pytest.mark.parametrize(
    "reference",
    ["https://example.com/s.json", "other.json", "file:///etc/passwd", "https://json-schema.org/draft/2020-12/schema"],
)
def test_a_reference_outside_the_schema_is_refused_never_fetched(reference: str) -> None:
    [found] = schema_problems({"properties": {"a": {"$ref": reference}}})
    assert found.at == ("properties", "a", "$ref")
    assert "refers outside this schema" in found.message and "never fetches" in found.message


def test_a_reference_to_nothing() -> None:
    [found] = schema_problems({"$ref": "#/$defs/missing"})
    assert _messages([found]) == [(("$ref",), "`$ref` `#/$defs/missing` refers to nothing in this schema")]


def test_references_within_the_schema_work_with_ids_and_anchors() -> None:
    schema = {
        "$id": "https://example.com/root",
        "$defs": {"code": {"$id": "code.json", "type": "string"}, "n": {"$anchor": "n", "type": "integer"}},
        "properties": {"a": {"$ref": "code.json"}, "b": {"$ref": "#n"}},
    }
    assert schema_problems(schema) == ()
    assert _messages(violations(schema, {"a": 1, "b": "x"})) == [
        (("a",), "1 is not text"),
        (("b",), '"x" is not a whole number'),
    ]


@pytest.mark.parametrize(
    ("schema", "at"),
    [
        ({"$ref": "#"}, ("$ref",)),
        ({"allOf": [{"$ref": "#"}]}, ("allOf", 0, "$ref")),
        ({"$defs": {"a": {"anyOf": [{"$ref": "#/$defs/b"}]}, "b": {"$ref": "#/$defs/a"}}}, ("$defs", "b", "$ref")),
    ],
)
def test_a_loop_of_references_is_refused(schema: dict[str, Any], at: tuple[Any, ...]) -> None:
    assert [p.at for p in schema_problems(schema)] == [at]
    assert "would never end" in schema_problems(schema)[0].message


def test_a_recursive_schema_that_descends_is_sound() -> None:
    tree = {"$defs": {"n": {"properties": {"a": {"$ref": "#/$defs/n"}}, "type": "object"}}, "$ref": "#/$defs/n"}
    assert schema_problems(tree) == ()
    assert violations(tree, {"a": {"a": {}}}) == []
    assert _messages(violations(tree, {"a": {"a": 1}})) == [(("a", "a"), "1 is not a mapping")]


def test_a_value_nested_too_deeply_is_not_a_crash() -> None:
    tree = {"$defs": {"n": {"properties": {"a": {"$ref": "#/$defs/n"}}}}, "$ref": "#/$defs/n"}
    value: Any = 1
    for _ in range(2_000):
        value = {"a": value}
    with pytest.raises(NotApplicable, match="nested too deeply"):
        violations(tree, value)


def _nested(levels: int) -> Any:
    schema: Any = {"type": "integer"}
    for _ in range(levels):
        schema = {"not": schema}
    return schema


def _from_deep_stack(call: Any, frames: int = 300) -> Any:
    return call() if frames == 0 else _from_deep_stack(call, frames - 1)


def test_schema_nesting_is_bounded_and_checked_without_crashing() -> None:
    assert _from_deep_stack(lambda: schema_problems(_nested(DEEPEST - 1))) == ()
    [found] = schema_problems(_nested(5_000))
    assert found.message == f"the schema is nested more than {DEEPEST} levels deep"
    assert len(found.at) == DEEPEST + 1


def test_what_json_cannot_hold() -> None:
    assert _messages(schema_problems({"minimum": float("nan"), 1: {}})) == [
        ((1,), "the key 1 is not text; keys of a schema are text"),
        (("minimum",), "nan is not a number JSON can hold"),
    ]


def test_dangerous_patterns_are_refused_where_they_are() -> None:
    schema = {"properties": {"a": {"pattern": "^(a+)+$"}}, "patternProperties": {"(x|xy)*": {}, "(": {}}}
    assert [p.at for p in schema_problems(schema)] == [
        ("patternProperties", "("),
        ("patternProperties", "(x|xy)*"),
        ("properties", "a", "pattern"),
    ]


@pytest.mark.parametrize(
    "pattern",
    [
        r"^(a+)+$",
        r"(\w+\s?)*$",
        r"^(a|aa)+$",
        r"(ab|a.)+x",
        r"^(a+|b)+$",
        r"(.*a){12}",
        r"^\d*\d*\d*x$",
        r"^.*.*.*.*x$",
        # Choices outside any repetition, each doubling the ways a text is shared out.
        "^" + "a?" * 28 + "a" * 28 + "$",
        "^" + "(a|a)" * 30 + "$",
        "^" + "a?a?x" * 30 + "y",
        # A repeated part that can share out its own text in two ways.
        r"^(?:xa?a?)+$",
    ],
)
def test_patterns_that_backtrack_without_bound_are_refused(pattern: str) -> None:
    assert pattern_problem(pattern) is not None
    assert "time" in str(pattern_problem(pattern))


@pytest.mark.parametrize(
    "pattern",
    [
        r"^[A-Z]{2}-\d{3}$",
        r"^[a-z]+(-[a-z]+)*$",
        r"^([a-z]+\.)+[a-z]+$",
        r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$",
        r"^\S+@\S+$",
        r"^\w+\s\w+\s\w+$",
        r"\d*\d*x",
        r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(Mon|Tue|Wed|Thu|Fri|Sat|Sun)$",
        r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$",
        r"^-?\d+(\.\d+)?([eE][+-]?\d+)?$",
    ],
)
def test_common_patterns_are_accepted_and_run_quickly_on_the_longest_text(pattern: str) -> None:
    assert pattern_problem(pattern) is None
    for worst in ("1" * LONGEST_MATCHED, "a" * LONGEST_MATCHED, "a-" * (LONGEST_MATCHED // 2), "a." * 250):
        start = time.perf_counter()
        re.search(pattern, worst)
        assert time.perf_counter() - start < 5.0, pattern


def test_text_longer_than_patterns_are_matched_against_is_a_violation() -> None:
    schema = {"properties": {"a": {"pattern": "^a*$"}}, "patternProperties": {"^x": {"type": "integer"}}}
    long_key = "x" * (LONGEST_MATCHED + 1)
    found = _messages(violations(schema, {"a": "a" * (LONGEST_MATCHED + 1), long_key: "not checked"}))
    assert sorted(at for at, _ in found) == [("a",), (long_key,)]  # the key's at the key
    assert all(f"up to {LONGEST_MATCHED:,} characters" in message for _, message in found)
    assert violations(schema, {"a": "a" * LONGEST_MATCHED}) == []


def test_schemas_are_compiled_once_per_canonical_form() -> None:
    compiled._validator.cache_clear()
    violations({"type": "object", "required": ["a"]}, {})
    violations({"required": ["a"], "type": "object"}, {"a": 1})
    assert compiled._validator.cache_info().misses == 1
    assert compiled.canonical({"b": 1, "a": [1, 2]}) == compiled.canonical({"a": [1, 2], "b": 1})


def test_a_whole_number_too_large_for_a_float_is_checked_against_a_fractional_multiple() -> None:
    assert violations({"multipleOf": 0.5}, 10**400) == []
    [found] = violations({"multipleOf": 0.3}, 10**400 + 1)
    assert found.message == "a number of more than 30 digits is not a multiple of 0.3"


@pytest.mark.parametrize(
    "schema",
    [
        # What is there is never checked: a pattern that backtracks for ever,
        {"$ref": "#/x-stash/p", "x-stash": {"p": {"pattern": "(a+)+$"}}},
        # a reference outside the schema, a loop,
        {"$ref": "#/x-stash/inner", "x-stash": {"inner": {"$ref": "https://example.org/s.json"}}},
        {"$ref": "#/x-stash/inner", "x-stash": {"inner": {"$ref": "#"}}},
        # or a mapping of subschemas, or a value.
        {"properties": {"a": {"type": "integer"}}, "$ref": "#/properties"},
        {"enum": [{"type": "string"}], "$ref": "#/enum/0"},
    ],
)
def test_a_reference_to_a_part_that_is_not_a_subschema_is_refused(schema: dict[str, Any]) -> None:
    [found] = schema_problems(schema)
    assert found.at == ("$ref",)
    assert "not a subschema" in found.message


def test_references_to_subschemas_are_followed() -> None:
    by_id = {"$id": "https://example.org/root", "$defs": {"n": {"$id": "n", "type": "integer"}}, "$ref": "n"}
    to_false = {"$defs": {"no": False}, "$ref": "#/$defs/no"}
    assert schema_problems(by_id) == schema_problems(to_false) == ()
    assert _messages(violations(by_id, "x")) == [((), '"x" is not a whole number')]


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("^R-[0-9]{2}$", "R-01\n", False),
        ("^R-[0-9]{2}$", "R-01", True),
        ("^a[$]$", "a$", True),  # a `$` in a class is the character
        ("^a\\$$", "a$\n", False),
        ("^a[]$]$", "a$\n", False),
        ("(?m)^a$", "a\nb", True),  # multiline: `$` ends each line in both
    ],
)
def test_a_pattern_ends_at_the_end_of_the_text_as_json_schema_reads_it(pattern: str, text: str, matches: bool) -> None:
    assert (violations({"pattern": pattern}, text) == []) is matches


@pytest.mark.parametrize(
    "schema",
    [
        {"properties": {"a": {}}, "unevaluatedProperties": False},
        {"allOf": [{"properties": {"a": {}}}], "unevaluatedProperties": False},
        {"$defs": {"a": {"properties": {"a": {}}}}, "$ref": "#/$defs/a", "unevaluatedProperties": False},
        {"patternProperties": {"^a$": {}}, "unevaluatedProperties": False},
        {"properties": {"a": {}}, "additionalProperties": False},
    ],
)
def test_each_key_refused_is_a_violation_at_the_key_said_plainly(schema: dict[str, Any]) -> None:
    assert _messages(violations(schema, {"a": 1, "c": 2, "d'": 3})) == [
        (("c",), "`c` is not allowed here"),
        (("d'",), "`d'` is not allowed here"),
    ]


def test_unevaluated_properties_as_a_schema_says_what_is_wrong_at_each_key() -> None:
    schema = {"properties": {"a": {}}, "unevaluatedProperties": {"type": "integer"}}
    assert _messages(violations(schema, {"a": "x", "b": 1, "c": "no"})) == [(("c",), '"no" is not a whole number')]


@pytest.mark.parametrize("keyword", ["additionalProperties", "unevaluatedProperties"])
def test_keys_are_matched_against_patterns_as_json_schema_reads_them(keyword: str) -> None:
    schema = {"patternProperties": {"^x$": {}}, keyword: {"type": "integer"}}
    # "x\n" is not matched by ^x$ (whose `$` ends the text): the other keyword applies to it.
    assert _messages(violations(schema, {"x": "s", "x\n": "s"})) == [(("x\n",), '"s" is not a whole number')]


@pytest.mark.parametrize("keyword", ["additionalProperties", "unevaluatedProperties"])
def test_keys_too_long_are_never_matched_by_the_other_keywords(keyword: str, monkeypatch: Any) -> None:
    searched: list[str] = []  # what jsonschema's own matching (`re.search`) is given
    original = re.search
    monkeypatch.setattr(re, "search", lambda *a, **k: searched.append(a[1]) or original(*a, **k))
    long_key = "x" * (LONGEST_MATCHED + 1)
    found = _messages(violations({"patternProperties": {"^x": {}}, keyword: False}, {long_key: 1, "x": 1}))
    assert sorted(found) == [
        ((long_key,), f"`{long_key[:57]}...` is not allowed here"),
        ((long_key,), f'the key "{long_key[:57]}..." is 501 characters long; {_LONGEST}'),
    ]
    assert searched == []


_LONGEST = "pkcheck matches a pattern against text of up to 500 characters"


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        # Without ECMA-262's `u` flag, `\d`, `\w` and `\b` are ASCII.
        ("^\\d+$", "123", True),
        ("^\\d+$", "١٢٣", False),
        ("^\\w+$", "é", False),
        ("^[\\w-]+$", "naïve", False),
        ("^a\\b", "aé", True),
        ("^\\D$", "١", True),
        # `.` matches no line ending (unless the pattern says `(?s)`).
        ("^.$", "\r", False),
        ("^.$", "\u2028", False),
        ("(?s)^.$", "\r", True),
        ("^[.]$", ".", True),
        # Classes that hold `\s` or `\S`.
        ("^[\\s]$", "\ufeff", True),
        ("^[^\\s]$", "\ufeff", False),
        ("^[a\\S]$", "\u3000", False),
        ("^[a\\S]$", "b", True),
        ("^[^a\\S]$", "\u3000", True),
        ("^[^a\\S]$", "a", False),
        ("^[^a\\S]$", "b", False),
        ("^[\\S^]$", "^", True),
        ("^[\\s\\S]$", "\u3000", True),
        ("^[]\\S]$", "]", True),
    ],
)
def test_a_pattern_is_read_as_json_schema_reads_it(pattern: str, text: str, matches: bool) -> None:
    assert pattern_problem(pattern) is None
    assert (violations({"pattern": pattern}, text) == []) is matches


def test_spaces_are_exactly_those_of_json_schema() -> None:
    """ECMA-262's white space and line terminators: what ``\\s`` matches, and ``\\S`` does not."""
    spaces = {0x9, 0xA, 0xB, 0xC, 0xD, 0xFEFF, 0x2028, 0x2029}
    spaces |= {code for code in range(0x10000) if unicodedata.category(chr(code)) == "Zs"}
    for code in range(0x10000):
        character = chr(code)
        assert search("^\\s$", character) is (code in spaces), hex(code)
        assert search("^\\S$", character) is (code not in spaces), hex(code)


def test_a_pattern_asking_for_unicode_classes_is_refused_not_a_crash() -> None:
    assert pattern_problem("(?u)^\\d+$") == (
        "not a regular expression pkcheck can read: ASCII and UNICODE flags are incompatible"
    )
