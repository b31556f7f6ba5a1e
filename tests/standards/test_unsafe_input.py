"""Standards cannot run code: expressions that are not arithmetic are refused at lint with a
location, and a payload planted anywhere (a threshold, a YAML Python tag in a standard, a
vocabulary, a declaration or a waivers file) never runs, whatever command reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textlines import line_of
from typer.testing import CliRunner

from pkcheck.cli import app

DATA = Path(__file__).resolve().parent.parent / "data" / "standards"
UNSAFE = DATA / "unsafe-expressions" / "standard.yaml"

# Each threshold of that standard, in order: the expression, what lint says about it, and the
# column the message gives inside the expression.
REFUSED = [
    (
        "().__class__.__bases__",
        "attribute access is only allowed in dotted declaration paths like `personnel.total`",
        3,
    ),
    ("sqrt(personnel.total)", "unknown function `sqrt`; allowed: ceil, floor, round, min, max, value", 1),
    ("personnel.roles['nurse']", "subscripts are not allowed", 1),
    ("(lambda: 1)()", "only the functions ceil, floor, round, min, max, value can be called", 2),
    ("10 ** 999999", "exponentiation `**` is not allowed; multiply instead", 4),
    ("1e999", "number `1e999` is out of range", 1),
    ("(" * 60 + "1" + ")" * 60, "expression is nested too deeply (more than 50 levels)", 51),
    (
        "__import__('os').system('touch PWNED')",
        "attribute access is only allowed in dotted declaration paths like `personnel.total`",
        17,
    ),
    ("eval('1')", "unknown function `eval`; allowed: ceil, floor, round, min, max, value", 1),
    ("lambda: personnel.total", "lambda is not allowed", 1),
]


def _run(*args: str) -> tuple[int, str]:
    """Exit code and output (standard output, then standard error) of one command."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout + result.stderr


def _quoted(text: str) -> str:
    """The expression as the standard writes it: a single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


def test_expressions_that_are_not_arithmetic_are_refused_at_lint() -> None:
    code, stdout = _run("lint", str(UNSAFE))
    assert code == 2
    expected = [
        f"{UNSAFE}:{line_of(UNSAFE, '=        quantity: ' + _quoted(text))}:9: "
        f"`requirements[{n}].check.equipment.quantity`: bad expression {text!r}: {problem} (column {column})"
        for n, (text, problem, column) in enumerate(REFUSED)
    ]
    assert stdout.splitlines()[:-1] == expected
    assert stdout.splitlines()[-1] == "1 file(s) linted: 10 error(s), 0 warning(s)"


MARKER = "PWNED"


def _plant(folder: Path, marker: Path) -> dict[str, Path]:
    """Files that would create ``marker`` if anything in them ran as Python."""
    touch = f"touch {marker}"
    apply = f'!!python/object/apply:os.system ["{touch}"]'
    files = {
        "standard": f"""pkcheck: standard/v1
id: payload
version: 1.0.0
title: {apply}
parameters:
  spare: "__import__('os').system('{touch}')"
requirements:
  - id: PAY-EQP-001
    title: Payload in a threshold
    category: equipment
    severity: major
    check:
      equipment:
        item: ambulance
        quantity: "__import__('os').system('{touch}')"
  - id: PAY-EQP-002
    title: Payload as a tag
    category: equipment
    severity: major
    check:
      equipment:
        item: ambulance
        quantity: !!python/object/apply:os.system ["{touch}"]
""",
        "vocabulary": f"""pkcheck: vocabulary/v1
id: payload-codes
title: Codes
items:
  ambulance: {{title: !!python/object/new:os.system ["{touch}"], coe_category: vehicles}}
""",
        "declaration": f"""pkcheck: declaration/v1
unit:
  id: XT-INF-01
  name: !!python/object/apply:subprocess.call [["touch", "{marker}"]]
  country: XT
  type: infantry-battalion
personnel:
  total: !!python/name:os.system
""",
        "waivers": f"""pkcheck: waivers/v1
waivers:
  - requirement: PAY-EQP-001
    unit: XT-INF-01
    reason: {apply}
    approved_by: "__import__('os').system('{touch}')"
    expires: 2027-01-01
""",
    }
    paths = {}
    for kind, text in files.items():
        sub = folder / ("standards" if kind in ("standard", "vocabulary") else "inputs")
        sub.mkdir(exist_ok=True)
        paths[kind] = sub / f"{kind}.yaml"
        paths[kind].write_text(text, encoding="utf-8")
    return paths


def test_a_planted_payload_never_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / MARKER
    files = _plant(tmp_path, marker)
    monkeypatch.chdir(tmp_path)  # a relative `touch` would land here too
    standards = str(tmp_path / "standards")
    runs = [
        _run("lint", "--standards-path", standards, *(str(path) for path in files.values())),
        _run("check", str(files["declaration"]), "--standards-path", standards, "--waivers", str(files["waivers"])),
    ]
    assert not marker.exists()
    assert not (tmp_path / "inputs" / MARKER).exists()
    assert [code for code, _ in runs] == [2, 2]
    located = {}
    for line in runs[0][1].splitlines()[:-1]:  # the last is the count of files linted
        path, row, column, message = line.split(":", 3)
        assert row.isdigit() and column.isdigit() and message.strip(), line
        located.setdefault(Path(path).stem, []).append(int(row))
    # Each file is refused at the lines of its payloads, not merely somewhere. The standard's
    # tags stop its reading (its expressions are refused in the test above).
    assert located == {"declaration": [4, 8], "waivers": [5], "standard": [4, 23], "vocabulary": [5]}
    # check stops at the standard, which cannot be used, before the declaration is read
    assert (
        f"{files['standard']}:4:8: tag `!!python/object/apply:os.system` on a list is not read by pkcheck" in runs[1][1]
    )
