"""`pkcheck list`: the standards of the search path, one row each."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pkcheck.cli import app
from pkcheck.library.standards import shipped_folder

DATA = Path(__file__).resolve().parents[1] / "data" / "standards"


def _lines(*args: str) -> dict[str, str]:
    """The rows of a listing wide enough for one row per standard, by standard id."""
    result = CliRunner().invoke(app, ["list", *args], env={"PKCHECK_STANDARDS_PATH": "", "COLUMNS": "1000"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["ID", "VERSION"]
    return {line.split()[0]: line for line in lines[1:]}


def _rows(*args: str) -> dict[str, list[str]]:
    """Each row's cells (split at spaces: for cells without spaces)."""
    return {name: line.split() for name, line in _lines(*args).items()}


def test_lists_the_shipped_standards_with_their_requirement_counts() -> None:
    """With no search path of one's own, the shipped standards are listed with version and size."""
    rows = _rows()
    assert rows["un-core-contingent"][1:6] == ["1.3.0", "-", "-", "-", "17"]
    # 17 requirements from the core and 25 of its own.
    assert rows["un-infantry-battalion"][1:6] == ["3.1.0", "infantry-battalion", "-", "un-core-contingent", "42"]


def test_lists_composed_counts_and_parents() -> None:
    """A child's count is of its effective requirements, and its parent is named."""
    rows = _rows("--standards-path", str(DATA / "composition-chain"))
    assert rows["comp-leaf"][4:6] == ["comp-mid", "6"]
    assert rows["comp-core"][4:6] == ["-", "5"]


def test_a_standard_that_does_not_compose_is_marked_invalid() -> None:
    """A cycle does not stop the listing; the standards in it say they are invalid."""
    rows = _rows("--standards-path", str(DATA / "cycle-2"))
    assert "invalid" in rows["cyc2-a"] and "invalid" in rows["cyc2-b"]


def test_a_shadowed_standard_is_listed_once_from_the_first_folder() -> None:
    """The same id in two folders is listed once, from the earlier folder."""
    local, shipped = DATA / "search-path" / "local", DATA / "search-path" / "shipped"
    result = CliRunner().invoke(
        app, ["list", "--standards-path", str(local), "--standards-path", str(shipped), "-v"], env={"COLUMNS": "1000"}
    )
    shadow_rows = [line for line in result.stdout.splitlines() if "shadow.yaml" in line]
    assert len(shadow_rows) == 1 and str(local) in shadow_rows[0]


def test_names_where_each_standard_comes_from() -> None:
    """`shipped`, or the folder of the search path as it was given; the file in full only with
    --verbose."""
    folder = "tests/data/standards/composition-chain"
    rows = _rows("--standards-path", folder)
    assert rows["comp-leaf"][-1] == folder
    assert rows["un-core-contingent"][-1] == "shipped"
    verbose = _lines("--standards-path", folder, "--verbose")
    # the checkout's own path may hold spaces: the full path ends the row, after the folder
    assert verbose["comp-leaf"].endswith(f"{folder}  {Path(folder).resolve() / 'leaf.yaml'}")
    assert verbose["un-core-contingent"].endswith(str(shipped_folder() / "un-core-contingent.yaml"))


def test_a_listing_too_wide_for_its_width_is_a_block_per_standard() -> None:
    """At 80 columns each standard is its id, version and source, then its fields under it."""
    result = CliRunner().invoke(app, ["list"], env={"PKCHECK_STANDARDS_PATH": "", "COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    at = lines.index("un-infantry-battalion 3.1.0 (shipped)")
    assert lines[at + 1 : at + 3] == [
        "  unit types infantry-battalion; missions -; extends un-core-contingent;",
        "    requirements 42",
    ]
