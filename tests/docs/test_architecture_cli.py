"""docs/architecture.md, "Adding an output format or a command", stays true: the modules it
names are those of the command line, the families of formats those of ``pkcheck.formats``,
the commands those of ``pkcheck.cli.commands``, and rich is imported where it says, nowhere else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from pkcheck.cli.commands import COMMANDS
from pkcheck.formats import FormatChoice

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "architecture.md"


def _section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## Adding an output format or a command\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _table_modules() -> set[str]:
    """The modules the table's first column names."""
    rows = [row for row in _section().splitlines() if row.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`(\w+\.py)`", row.split("|")[1])}


def test_the_table_names_every_module_of_the_command_line() -> None:
    modules = {path.name for path in (REPO / "pkcheck" / "cli").glob("*.py")} - {"__init__.py"}
    assert _table_modules() == modules


def test_every_command_is_named_and_every_family_of_formats() -> None:
    section = _section()
    for name in COMMANDS:
        assert f"`{name}`" in section, name
    families = {cls.__name__ for cls in FormatChoice.__subclasses__()}
    assert families == {"OutputFormat", "GapsFormat", "ProgressFormat", "MatchFormat", "DiffFormat", "SuiteFormat"}
    for family in families:
        assert f"`{family}`" in section, family


def _imports_rich(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        if any(name == "rich" or name.startswith("rich.") for name in names):
            return True
    return False


def test_rich_is_imported_only_where_the_section_says() -> None:
    importers = {
        str(path.relative_to(REPO / "pkcheck")) for path in (REPO / "pkcheck").rglob("*.py") if _imports_rich(path)
    }
    assert importers == {
        "formats/text.py",
        "formats/gaps_text.py",
        "formats/diff_text.py",
        "formats/mou_diff_text.py",
        "formats/suite_text.py",
        "cli/progress.py",
    }
    sentence = re.search(r"rich draws only terminal output: (.*?)\n\n", _section(), re.DOTALL)
    assert sentence is not None
    named = set(re.findall(r"`([\w/]+\.py)`", sentence.group(1)))
    assert {path.split("/")[-1] for path in importers} <= {name.split("/")[-1] for name in named}
