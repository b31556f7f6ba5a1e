"""Golden outputs: the text and JSON reports of the examples, compared byte for byte.

``tests/golden/<name>.txt`` and ``<name>.json`` hold the expected reports of
``pkcheck check examples/<name>.yaml --as-of 2026-11-26`` for each example (``<name>.json`` for
the one written in JSON), and
``examples-with-waivers.*`` the report of the whole ``examples/`` folder with
``--waivers examples/waivers.yaml``, also as SARIF (``.sarif``), JUnit XML (``.xml``), Markdown (``.md``) and GitHub workflow
commands (``.github``); ``mou-with-waivers.*`` in every one of those formats too, two examples
verified against their MOUs (lines short, a line waived, a requirement the MOU makes not
applicable). The text report is produced as when output is not a
terminal: no colour, at 100 columns (``COLUMNS`` is not set).

``tests/golden/widths/<name>-<columns>.txt`` hold the reports a person reads, drawn at 80, 120
and 200 columns (``COLUMNS``): the check report of the examples folder and of one unit, with
``--details``, the gaps register, ``explain``, ``list``, ``diff`` of a new version of a
shipped standard with ``--against`` the examples, ``diff`` of two amendments of an MOU, and ``test`` of the shipped suites and of
one with a failing case. Every line of them fits its width
(only a word that cannot be broken, such as a web address, may stand alone on a longer line),
every ``path:line`` of a finding is whole on one line, and every unit of the gaps register is
shown with its share, uncropped. The SARIF report names the working directory (the repository
root here) as the base of its relative URIs; the golden file has ``file:///REPO/`` in its place,
so that it does not depend on where the repository is checked out.

When a change to a report is intended, rewrite the golden files and review the diff:

    PKCHECK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_golden.py

Rewritten files make their tests skip (not pass) in that run, so a rewrite is never silent.
Also tested here: the JSON report is byte-identical from run to run, ``--output FILE`` writes
exactly what standard output would show, and there is no colour (no ANSI escape) when output
is not a terminal or when ``NO_COLOR`` is set.
"""

from __future__ import annotations

import os
import re
import select
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import mou_reports
import pytest

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
AS_OF = "2026-11-26"
TEXT_ENV: dict[str, str] = {}  # no COLUMNS: drawn at the width for a pipe or a file
CASES = {
    "xa-inf-01-ready": ["examples/xa-inf-01-ready.yaml"],
    "xb-inf-02-conditional": ["examples/xb-inf-02-conditional.yaml"],
    "xc-inf-03-not-ready": ["examples/xc-inf-03-not-ready.yaml"],
    "xd-inf-04-high-threat-not-ready": ["examples/xd-inf-04-high-threat-not-ready.yaml"],
    "xe-inf-05-high-threat-ready": ["examples/xe-inf-05-high-threat-ready.json"],
    "examples-with-waivers": ["examples/", "--waivers", "examples/waivers.yaml"],
    "mou-with-waivers": list(mou_reports.TWO_UNITS),
}
READY = {"xa-inf-01-ready", "xe-inf-05-high-threat-ready"}  # exit 0; every other case exits 1
FORMATS = {"txt": "text", "json": "json", "sarif": "sarif", "xml": "junit", "md": "markdown", "github": "github"}
# The other formats are pinned on the whole folder, where one report covers every status, and on
# units verified against their MOUs.
PAIRS = [(case, suffix) for case in CASES for suffix in ("txt", "json")] + [
    (case, suffix)
    for case in ("examples-with-waivers", "mou-with-waivers")
    for suffix in ("sarif", "xml", "md", "github")
]
ESCAPE = b"\x1b["
REPO_URI = ("file://" + quote(str(REPO)) + "/").encode()


def _args(case: str, suffix: str) -> tuple[str, ...]:
    return ("check", *CASES[case], "--as-of", AS_OF, "--format", FORMATS[suffix])


def _compare(path: Path, actual: bytes) -> None:
    if os.environ.get("PKCHECK_UPDATE_GOLDEN") == "1" and (not path.exists() or path.read_bytes() != actual):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        pytest.skip(f"rewrote {path.relative_to(REPO)}")
    assert path.exists(), f"{path.relative_to(REPO)} is missing; run with PKCHECK_UPDATE_GOLDEN=1 to write it"
    expected = path.read_bytes()
    assert actual.decode("utf-8") == expected.decode("utf-8"), f"differs from {path.relative_to(REPO)}"
    assert actual == expected


@pytest.mark.parametrize(("case", "suffix"), PAIRS)
def test_golden(cli: Any, case: str, suffix: str) -> None:
    run = cli(*_args(case, suffix), env=TEXT_ENV)
    assert run.exit_code == (0 if case in READY else 1)
    actual = run.stdout_bytes
    if suffix == "sarif":
        assert actual.count(REPO_URI) == 1  # in run.originalUriBaseIds
        actual = actual.replace(REPO_URI, b"file:///REPO/")
    _compare(GOLDEN / f"{case}.{suffix}", actual)


def test_golden_files_are_all_used() -> None:
    """No stale golden file lingers after a case is renamed or removed."""
    expected = {f"{case}.{suffix}" for case, suffix in PAIRS}
    assert {p.name for p in GOLDEN.iterdir() if p.is_file() and not p.name.startswith(".")} == expected
    drawn = {f"{case}-{columns}.txt" for case in DRAWN for columns in COLUMNS}
    assert {p.name for p in (GOLDEN / "widths").iterdir() if not p.name.startswith(".")} == drawn


COLUMNS = (80, 120, 200)
DRAWN = {
    "examples-details": ("check", "examples/", "--waivers", "examples/waivers.yaml", "--as-of", AS_OF, "--details"),
    "xc-inf-03-not-ready-details": ("check", "examples/xc-inf-03-not-ready.yaml", "--as-of", AS_OF, "--details"),
    "examples-portfolio": ("check", "examples/", "--waivers", "examples/waivers.yaml", "--as-of", AS_OF),
    "gaps": ("gaps", "examples/", "--as-of", AS_OF),
    "explain": ("explain", "INF-EQP-001"),
    # Units verified against their MOUs: a verification table each, a line waived.
    "mou-details": (
        "check",
        "examples/xb-inf-02-conditional.yaml",
        "examples/xf-fpu-01-ready.yaml",
        "--mou",
        "examples/mous/mou-xb-inf-02.yaml",
        "--mou",
        "examples/mous/mou-xf-fpu-01.yaml",
        "--waivers",
        "tests/data/mou/waivers.yaml",
        "--as-of",
        AS_OF,
        "--details",
    ),
    # A threshold computed from the unit's strength, and a coverage of a role, for one unit each.
    "explain-for-equipment": (
        "explain",
        "INF-EQP-003",
        "--for",
        "examples/xb-inf-02-conditional.yaml",
        "--as-of",
        AS_OF,
    ),
    "explain-for-training": (
        "explain",
        "L2H-TRN-003",
        "--for",
        "examples/xk-l2h-01-conditional.yaml",
        "--as-of",
        AS_OF,
    ),
    "list": ("list",),
    # A new version of the shipped infantry standard, tried on the examples.
    "diff": (
        "diff",
        "un-infantry-battalion",
        "tests/data/diff/width/un-infantry-battalion.yaml",
        "--against",
        "examples/",
        "--as-of",
        AS_OF,
    ),
    # Amendment 2 of an example MOU, tried on the examples.
    "mou-diff": (
        "diff",
        "examples/mous/mou-xa-inf-01.yaml",
        "tests/data/mou-diff/amendment-2.yaml",
        "--against",
        "examples/",
        "--as-of",
        AS_OF,
    ),
    # A country's own code, longer than the by-country table's column at 80 columns.
    "gaps-long-codes": (
        "gaps",
        "tests/data/gaps/long-codes/declaration.yaml",
        "tests/data/portfolio/bad-total.yaml",
        "--standards-path",
        "tests/data/gaps/long-codes",
        "--as-of",
        AS_OF,
    ),
    # The shipped standards' suites and a suite with a failing case and coverage gaps.
    "test": ("test", "standards/tests", "tests/data/suites/cases", "--standards-path", "tests/data/suites/standards"),
}
LOCATION = re.compile(r"examples/[\w.-]+\.(?:yaml|json):\d+")


@pytest.mark.parametrize("columns", COLUMNS)
@pytest.mark.parametrize("case", list(DRAWN))
def test_drawn_at_a_width(cli: Any, case: str, columns: int) -> None:
    """The report fits ``columns``: no line is longer, but for a word alone on its line that
    cannot be broken; and each finding's ``path:line`` is whole on one line."""
    run = cli(*DRAWN[case], env={"COLUMNS": str(columns)})
    assert run.exit_code in (0, 1, 2) if case == "gaps-long-codes" else run.exit_code in (0, 1), run.stderr
    for line in run.stdout.splitlines():
        assert len(line) <= columns or len(line.split()) == 1, f"{len(line)} > {columns} columns: {line!r}"
    if case.startswith(("examples", "xc")) and case != "examples-portfolio":
        expected = {f"{f['location']['path']}:{f['location']['line']}" for f in _findings(cli, DRAWN[case])}
        assert expected and expected <= set(LOCATION.findall(run.stdout))
    if case == "gaps":  # every unit concerned, whole: never cropped to fit a column
        register = cli(*DRAWN[case], "-f", "json").json()
        for line in register["lines"]:
            for share in line["units"]:
                assert f"{share['unit']} ({share['country']}) {share['short']}" in run.stdout
    # `explain` names a shipped standard outside the working directory by its absolute path.
    _compare(GOLDEN / "widths" / f"{case}-{columns}.txt", run.stdout_bytes.replace(f"{REPO}/".encode(), b""))


@pytest.mark.parametrize("columns", COLUMNS[:-1])
@pytest.mark.parametrize(
    "case",
    [
        "examples-details",
        "xc-inf-03-not-ready-details",
        "mou-details",
        "gaps",
        "explain",
        "explain-for-equipment",
        "diff",
        "mou-diff",
        "test",
    ],
)
def test_no_word_is_broken(cli: Any, case: str, columns: int) -> None:
    """Drawn narrower, the report has the same words as at 200 columns: a path, a code or a
    word is never cut in two to fit (these reports keep their layout at every width)."""
    narrow, wide = (cli(*DRAWN[case], env={"COLUMNS": str(width)}).stdout for width in (columns, COLUMNS[-1]))
    words = {word for word in narrow.split() if set(word) != {"─"}}  # a table's rule is as wide as its table
    assert words <= set(wide.split())


def _findings(cli: Any, args: tuple[str, ...]) -> list[dict[str, Any]]:
    """The findings the text report shows (every one that is not met), from the JSON report."""
    results = cli(*args, "-f", "json").json()["results"]
    return [f for result in results for f in result["findings"] if f["status"] != "met"]


def test_json_is_byte_identical_across_runs(cli: Any) -> None:
    args = _args("examples-with-waivers", "json")
    assert cli(*args, fresh=True).stdout_bytes == cli(*args, fresh=True).stdout_bytes


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_output_file_holds_what_stdout_shows(cli: Any, tmp_path: Path, suffix: str) -> None:
    """``--output FILE`` writes the same bytes as standard output, and nothing to stdout."""
    args = _args("examples-with-waivers", suffix)
    shown = cli(*args, env=TEXT_ENV)
    target = tmp_path / f"report.{suffix}"
    written = cli(*args, "--output", str(target), env=TEXT_ENV)
    assert written.exit_code == shown.exit_code
    assert written.stdout == ""
    assert target.read_bytes() == shown.stdout_bytes
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_output_file_is_replaced(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old and longer than nothing\n" * 1000, encoding="utf-8")
    cli(*_args("xa-inf-01-ready", "json"), "--output", str(target))
    assert target.read_bytes() == cli(*_args("xa-inf-01-ready", "json")).stdout_bytes


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_output_file_permissions(cli: Any, tmp_path: Path) -> None:
    """A new report is readable as any new file would be (the umask decides); a replaced one
    keeps the permissions it had."""
    args = _args("xa-inf-01-ready", "json")
    new, kept = tmp_path / "new.json", tmp_path / "kept.json"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o604)
    umask = os.umask(0o027)
    try:
        cli(*args, "--output", str(new))
        cli(*args, "-f", f"json={kept}")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604
    assert kept.read_bytes() == new.read_bytes()
    os.umask(0o022)
    try:
        cli(*args, "--output", str(new := tmp_path / "shared.json"))
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}], ids=["plain", "no-color"])
def test_no_colour_when_not_a_terminal(cli: Any, env: dict[str, str]) -> None:
    """Output to a pipe or file (CliRunner's is not a TTY) has no ANSI escape codes."""
    run = cli(*_args("examples-with-waivers", "txt"), env={**TEXT_ENV, **env})
    assert ESCAPE not in run.stdout_bytes
    assert ESCAPE.decode() not in run.stderr


def _on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run ``python -m pkcheck`` with standard output and error on a pseudo-terminal."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "pkcheck", *args],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        return process.wait(timeout=60), b"".join(chunks)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()


def _terminal_env(**extra: str) -> dict[str, str]:
    removed = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PKCHECK_STANDARDS_PATH")
    env = {k: v for k, v in os.environ.items() if k not in removed}
    env.update(TERM="xterm-256color", **extra)
    return env


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_no_color_on_a_terminal() -> None:
    """On a terminal the verdict is coloured, unless ``NO_COLOR`` is set."""
    args = ["check", "examples/xb-inf-02-conditional.yaml", "--as-of", AS_OF]
    code, coloured = _on_terminal(args, _terminal_env())
    assert code == 1
    assert b"CONDITIONAL" in coloured
    assert ESCAPE in coloured, "no colour on a terminal: the NO_COLOR check below would prove nothing"
    code, plain = _on_terminal(args, _terminal_env(NO_COLOR="1"))
    assert code == 1
    assert b"CONDITIONAL" in plain
    assert ESCAPE not in plain
