"""explain, init, diff, test, lint and gaps in French (``--lang fr``): the cases of
tests/cases/french-analyses.yaml, each checked against the same command in English (the exit
code is the language's business nowhere), and the French declaration template checked as the
English one is."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

CASES_FILE = Path(__file__).resolve().parents[1] / "cases" / "french-analyses.yaml"
CASES: list[dict[str, Any]] = YAML(typ="safe", pure=True).load(CASES_FILE.read_text(encoding="utf-8"))
# French typography: a no-break space, never an ordinary one, before a colon or a semicolon.
ORDINARY_SPACE_BEFORE = re.compile(r" [:;]")


def _in_order(parts: list[str], text: str) -> list[str]:
    """The parts not found in ``text`` one after the other."""
    missing, position = [], 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            missing.append(part)
        else:
            position = found + len(part)
    return missing


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_french_case(cli: Any, case: dict[str, Any]) -> None:
    env = {"COLUMNS": str(case.get("columns", 80))}
    french = cli("--lang", "fr", *case["args"], env=env)
    english = cli("--lang", "en", *case["args"], env=env)
    shown = french.stdout + french.stderr
    assert french.exit_code == case["exit"], shown
    assert english.exit_code == case["exit"], english.stdout + english.stderr
    assert not _in_order(case["contains"], shown), f"missing, in order: {_in_order(case['contains'], shown)}\n{shown}"
    left = [word for word in case.get("absent", []) if word in shown]
    assert not left, f"English left in the French output: {left}\n{shown}"
    assert not ORDINARY_SPACE_BEFORE.findall(shown), [
        line for line in shown.splitlines() if ORDINARY_SPACE_BEFORE.search(line)
    ]
    assert shown != english.stdout + english.stderr


def test_every_command_has_a_french_case() -> None:
    commands = {case["args"][0] for case in CASES}
    assert commands >= {"explain", "init", "diff", "test", "lint", "gaps"}
    formats = {
        (case["args"][0], *case["args"][case["args"].index("--format") + 1 :][:1])
        for case in CASES
        if "--format" in case["args"]
    }
    assert formats >= {("diff", "markdown"), ("gaps", "markdown"), ("gaps", "csv")}


@pytest.mark.parametrize("mou", [[], ["--mou", "examples/mous/mou-xa-inf-01.yaml"]], ids=["standard", "with an MOU"])
def test_the_french_template_checks_as_the_english_one(cli: Any, tmp_path: Path, mou: list[str]) -> None:
    """The French template differs from the English one only in its comments and the unit's
    placeholder name: it loads, and checks `ready` with the same findings."""
    found = {}
    for lang in ("en", "fr"):
        path = tmp_path / f"template-{lang}.yaml"
        made = cli("--lang", lang, "init", "infantry-battalion", "--as-of", "2026-12-01", *mou, "-o", str(path))
        assert made.exit_code == 0, made.stdout + made.stderr
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
        data["unit"].pop("name")
        checked = cli("check", str(path), "--as-of", "2026-12-01", *mou, "-f", "json")
        assert checked.exit_code == 0, checked.stdout
        [result] = checked.json()["results"]
        found[lang] = (data, result["verdict"], [(f["requirement"], f["status"]) for f in result["findings"]])
    assert found["fr"] == found["en"]
    assert found["fr"][1] == "ready"
    french = (tmp_path / "template-fr.yaml").read_text(encoding="utf-8")
    assert "# Modèle de déclaration" in french
    assert "name: Nom de l'unité (" in french
