"""Resource limits as options, and the values YAML 1.1 would read differently.

Hostile files are generated in ``tmp_path``: a sparse 200 MB file, a 10 MB line, thousands of
levels of nesting in block and flow style, an alias bomb. Each must end in a located message
naming the option that raises the limit, and exit 2. How long they take is measured by
``bench/limits.py``, not here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AS_OF = "2026-11-26"
UNIT = "pkcheck: declaration/v1\nunit:\n  id: XT-INF-01\n  country: XT\n  type: infantry-battalion\n"
TRAPS = "tests/data/yaml11/traps.yaml"


def _file(tmp_path: Path, body: str, name: str = "hostile.yaml") -> Path:
    path = tmp_path / name
    path.write_text(UNIT + body, encoding="utf-8")
    return path


def _error_line(run: Any) -> str:
    """The one located error line of a run."""
    lines = [line.strip() for line in run.lines() if ": " in line and line.strip().startswith(("/", "tests/"))]
    assert lines, run.stdout + run.stderr
    return lines[0]


def test_a_200_mb_file_is_refused_unread(cli: Any, tmp_path: Path) -> None:
    """Sparse: the size is checked before a byte is read."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    run = cli("check", str(path), "--as-of", AS_OF)
    assert run.exit_code == 2
    assert _error_line(run) == f"{path}:1:1: file is 209,715,200 bytes; the limit is 20,971,520 (--max-file-size)"


@pytest.mark.parametrize("size", ["1KB", "1 kib", "1024", "1k"])
def test_max_file_size_accepts_units(cli: Any, tmp_path: Path, size: str) -> None:
    path = _file(tmp_path, "x-padding: " + "a" * 2000 + "\n")
    run = cli("check", str(path), "--as-of", AS_OF, "--max-file-size", size)
    assert run.exit_code == 2
    assert "the limit is 1,024 (--max-file-size)" in _error_line(run)


def test_a_10_mb_line_is_refused_before_parsing(cli: Any, tmp_path: Path) -> None:
    path = _file(tmp_path, "x-long: [" + "1, " * 3_333_333 + "1]\n")
    run = cli("check", str(path), "--as-of", AS_OF)
    assert run.exit_code == 2
    expected = f"{path}:6:1000001: line 6 is 10,000,010 characters long; the limit is 1,000,000 (--max-line-length)"
    assert _error_line(run) == expected


def test_max_line_length_option(cli: Any, tmp_path: Path) -> None:
    path = _file(tmp_path, "x-note: " + "a" * 400 + "\n")
    assert cli("check", str(path), "--as-of", AS_OF, "--max-line-length", "500").exit_code == 1
    run = cli("check", str(path), "--as-of", AS_OF, "--max-line-length", "300")
    assert _error_line(run) == f"{path}:6:301: line 6 is 408 characters long; the limit is 300 (--max-line-length)"


def test_too_many_values_stop_parsing(cli: Any, tmp_path: Path) -> None:
    """A long flow list under every other limit is refused once the count passes the limit,
    located at the first value too many."""
    path = _file(tmp_path, "x-many:\n" + "".join(f"  - [{', '.join(['1'] * 50)}]\n" for _ in range(100)))
    run = cli("check", str(path), "--as-of", AS_OF, "--max-nodes", "1000")
    assert run.exit_code == 2
    assert _error_line(run).startswith(f"{path}:")
    assert _error_line(run).endswith("more than 1,000 values (--max-nodes)")


def test_alias_bomb_names_the_option(cli: Any) -> None:
    run = cli("check", "tests/data/inputs/alias-bomb.yaml", "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "values once aliases are expanded (alias bomb?) (--max-nodes)" in _error_line(run)


BLOCK = "x-deep:\n" + "".join("  " * i + "-\n" for i in range(3000)) + "  " * 3000 + "x\n"
BLOCK_ONE_LINE = "x-deep:\n" + "- " * 5000 + "x\n"
FLOW = "x-deep: " + "[" * 5000 + "]" * 5000 + "\n"


@pytest.mark.parametrize(
    ("body", "where"),
    [
        pytest.param(BLOCK, "72:131", id="block"),
        pytest.param(BLOCK_ONE_LINE, "7:131", id="block-one-line"),
        pytest.param(FLOW, "6:73", id="flow"),
    ],
)
@pytest.mark.parametrize("command", ["check", "lint"])
def test_thousands_of_levels_are_a_located_error(cli: Any, tmp_path: Path, body: str, where: str, command: str) -> None:
    """Beyond Python's recursion limit: a located error at the first level too deep, never a
    RecursionError, through ``check`` and ``lint``."""
    path = _file(tmp_path, body)
    run = cli(command, str(path), *(["--as-of", AS_OF] if command == "check" else []))
    assert run.exit_code == 2
    assert _error_line(run) == f"{path}:{where}: nesting is deeper than 64 levels (--max-depth)"


@pytest.mark.parametrize("body", [BLOCK, FLOW], ids=["block", "flow"])
def test_deep_standard_file(cli: Any, tmp_path: Path, body: str) -> None:
    """A standard nested thousands deep, given with ``--standard``, stops the run (exit 2)."""
    path = tmp_path / "deep-standard.yaml"
    path.write_text("pkcheck: standard/v1\nid: deep\n" + body, encoding="utf-8")
    run = cli("check", "examples/xa-inf-01-ready.yaml", "--standard", str(path), "--as-of", AS_OF)
    assert run.exit_code == 2
    assert f"{path}:" in run.stderr
    assert "nesting is deeper than 64 levels (--max-depth)" in run.stderr


def test_max_depth_option_and_environment(cli: Any, tmp_path: Path) -> None:
    """Standards are read under the same limits; the shipped ones nest less than 6 levels."""
    path = _file(tmp_path, "x-deep: [[[[[[[[1]]]]]]]]\n")
    assert cli("check", str(path), "--as-of", AS_OF).exit_code == 1
    expected = f"{path}:6:15: nesting is deeper than 6 levels (--max-depth)"
    assert _error_line(cli("check", str(path), "--as-of", AS_OF, "--max-depth", "6")) == expected
    assert _error_line(cli("check", str(path), "--as-of", AS_OF, env={"PKCHECK_MAX_DEPTH": "6"})) == expected
    assert _error_line(cli("lint", str(path), "--max-depth", "6")) == expected
    # The option wins over the environment.
    assert cli("check", str(path), "--as-of", AS_OF, "--max-depth", "64", env={"PKCHECK_MAX_DEPTH": "6"}).exit_code == 1


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (("--max-file-size", "lots"), {}, "--max-file-size 'lots': expected a positive size"),
        (("--max-file-size", "0MB"), {}, "--max-file-size '0MB': expected a positive size"),
        (("--max-nodes", "-5"), {}, "--max-nodes '-5': expected a positive whole number"),
        (("--max-depth", "0"), {}, "--max-depth '0': expected a positive whole number"),
        (("--max-line-length", "1.5"), {}, "--max-line-length '1.5': expected a positive whole number"),
        ((), {"PKCHECK_MAX_NODES": "many"}, "PKCHECK_MAX_NODES 'many': expected a positive whole number"),
    ],
)
def test_nonsense_limits_are_usage_errors(cli: Any, args: tuple[str, ...], env: dict[str, str], message: str) -> None:
    run = cli("check", "examples/xa-inf-01-ready.yaml", "--as-of", AS_OF, *args, env=env)
    assert run.exit_code == 2
    assert f"pkcheck: error: {message}" in run.stderr


@pytest.mark.parametrize("command", [("lint",), ("test",), ("diff", "un-core-contingent", "un-core-contingent")])
def test_every_reading_command_takes_the_limits(cli: Any, command: tuple[str, ...]) -> None:
    """Shipped standards and suites are refused under a tiny limit, so each command applies it."""
    run = cli(*command, "--max-nodes", "10")
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "(--max-nodes)" in run.stdout + run.stderr


# The YAML 1.1 traps: (line, column, value) of every warning in tests/data/yaml11/traps.yaml.
TRAP_WARNINGS = [
    (6, 12, '`NO` is the text "NO" here (YAML 1.2); YAML 1.1 tools read it as false'),
    (8, 13, '`yes` is the text "yes" here (YAML 1.2); YAML 1.1 tools read it as true'),
    (8, 18, '`No` is the text "No" here'),
    (8, 22, '`ON` is the text "ON" here'),
    (8, 26, '`off` is the text "off" here (YAML 1.2); YAML 1.1 tools read it as false'),
    (8, 31, '`y` is the text "y" here'),
    (8, 34, '`N` is the text "N" here'),
    (11, 10, "`010` is the number 10 here (YAML 1.2); YAML 1.1 tools read it as 8 (octal)"),
    (12, 17, '`09` is the number 9 here (YAML 1.2); YAML 1.1 tools read it as the text "09"'),
    (13, 13, '`0o17` is the number 15 here (YAML 1.2); YAML 1.1 tools read it as the text "0o17"'),
    (15, 10, '`1:20` is the text "1:20" here (YAML 1.2); YAML 1.1 tools read it as the number 80 (base 60)'),
    (
        16,
        12,
        '`190:20:30.15` is the text "190:20:30.15" here (YAML 1.2); YAML 1.1 tools read it as the number 685230.15 (base 60)',
    ),
]


def test_yaml11_traps_are_read_as_yaml12_with_a_warning_each(cli: Any) -> None:
    """Only plain values: the quoted ones and those both versions read alike get none."""
    run = cli("check", TRAPS, "--as-of", AS_OF, "--format", "json")
    (result,) = run.json()["results"]
    assert result["errors"] == []
    assert result["declaration"]["unit"]["country"] == "NO"
    warnings = [(w["location"]["line"], w["location"]["column"], w["message"]) for w in result["warnings"]]
    assert len(warnings) == len(TRAP_WARNINGS)
    for (line, column, message), (want_line, want_column, want) in zip(warnings, TRAP_WARNINGS, strict=True):
        assert (line, column) == (want_line, want_column), message
        assert message.startswith(want), message
    assert all(w["level"] == "warning" for w in result["warnings"])


def test_yaml11_warnings_on_long_octal_numbers_say_what_they_cannot_work_out(cli: Any, tmp_path: Path) -> None:
    """A number too long to work out in a message is named as a number, not by its value."""
    path = tmp_path / "long.yaml"
    octal, octal_12 = "0" + "7" * 60, "0o" + "7" * 60
    path.write_text(f"{UNIT}x-octal: {octal}\nx-octal-12: {octal_12}\n", encoding="utf-8")
    (result,) = cli("check", str(path), "--as-of", AS_OF, "--format", "json").json()["results"]
    octal_shown, decimal_shown, octal_12_shown = octal[:37] + "...", octal[1:38] + "...", octal_12[:37] + "..."
    assert [w["message"] for w in result["warnings"]] == [
        (
            f"`{octal_shown}` is the number {decimal_shown} here (YAML 1.2); YAML 1.1 tools read it as a different number (octal). "
            f"Write {decimal_shown} without the leading zero"
        ),
        f'`{octal_12_shown}` is a number here (YAML 1.2); YAML 1.1 tools read it as the text "{octal_12_shown}"',
    ]


def test_yaml11_warnings_in_text_report_and_lint(cli: Any) -> None:
    text = cli("check", TRAPS, "--as-of", AS_OF)
    assert f'{TRAPS}:6:12: warning: `NO` is the text "NO" here' in text.stdout
    lint = cli("lint", TRAPS)
    assert lint.exit_code == 0
    assert sum(": warning: " in line for line in lint.lines()) == len(TRAP_WARNINGS)
    assert cli("lint", TRAPS, "--strict").exit_code == 2


def test_yaml11_warning_in_an_invalid_declaration(cli: Any, tmp_path: Path) -> None:
    """A value YAML 1.1 reads differently is still pointed out when the file is invalid."""
    path = tmp_path / "invalid.yaml"
    path.write_text("pkcheck: declaration/v1\nunit:\n  id: XT-INF-01\n  country: NO\n  typo: yes\n", encoding="utf-8")
    (result,) = cli("check", str(path), "--as-of", AS_OF, "--format", "json").json()["results"]
    assert result["verdict"] == "invalid"
    assert [(w["location"]["line"], w["location"]["column"]) for w in result["warnings"]] == [(4, 12), (5, 9)]


def test_shipped_files_have_no_yaml11_warnings(cli: Any) -> None:
    """No warning spam: the examples and standards quote or avoid every such value."""
    run = cli("lint", "examples", "standards")
    assert "YAML 1.1" not in run.stdout
