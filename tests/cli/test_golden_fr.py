"""Golden outputs in French: the check reports of ``tests/cli/test_golden.py``, written with
``--lang fr``, compared byte for byte.

``tests/golden/fr/<name>.txt`` holds the French text report of each case of the English text
goldens (each example pinned there, the whole ``examples/`` folder with its waivers, and two
units verified against their MOUs), drawn as for a pipe (100 columns) and at 80 columns
(``<name>-80.txt``, every line within 80 columns: French words are longer); ``<name>.md`` and
``<name>.html`` the Markdown and HTML reports of the examples folder and of the MOU units.
Only what the formats write themselves is French here until the standards' texts and the
findings' messages have their French: the files are rewritten then, as the English ones are:

    PKCHECK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_golden_fr.py
"""

from __future__ import annotations

from typing import Any

import pytest
from test_golden import AS_OF, CASES, GOLDEN, READY, _compare

FRENCH = GOLDEN / "fr"
FORMATS = {"txt": "text", "md": "markdown", "html": "html"}
PAIRS = [(case, "txt") for case in CASES] + [
    (case, suffix) for case in ("examples-with-waivers", "mou-with-waivers") for suffix in ("md", "html")
]
NARROW = 80


def _run(cli: Any, case: str, suffix: str, env: dict[str, str] | None = None) -> Any:
    run = cli("--lang", "fr", "check", *CASES[case], "--as-of", AS_OF, "--format", FORMATS[suffix], env=env or {})
    assert run.exit_code == (0 if case in READY else 1), run.stderr
    return run


@pytest.mark.parametrize(("case", "suffix"), PAIRS)
def test_golden_in_french(cli: Any, case: str, suffix: str) -> None:
    _compare(FRENCH / f"{case}.{suffix}", _run(cli, case, suffix).stdout_bytes)


@pytest.mark.parametrize("case", list(CASES))
def test_golden_in_french_at_80_columns(cli: Any, case: str) -> None:
    """The French text report fits 80 columns: no line is longer, but for a word alone on its
    line that cannot be broken (a path)."""
    run = _run(cli, case, "txt", {"COLUMNS": str(NARROW)})
    for line in run.stdout.splitlines():
        assert len(line) <= NARROW or len(line.split()) == 1, f"{len(line)} > {NARROW} columns: {line!r}"
    _compare(FRENCH / f"{case}-{NARROW}.txt", run.stdout_bytes)


def test_french_golden_files_are_all_used() -> None:
    expected = {f"{case}.{suffix}" for case, suffix in PAIRS} | {f"{case}-{NARROW}.txt" for case in CASES}
    assert {p.name for p in FRENCH.iterdir() if not p.name.startswith(".")} == expected


def test_the_french_reports_are_french(cli: Any) -> None:
    """A check that the goldens are not English ones by mistake: the words the formats write."""
    text = _run(cli, "examples-with-waivers", "txt").stdout
    assert "Portefeuille à la date du 26 novembre 2026" in text
    assert "prêtes sous conditions" in text
    page = _run(cli, "mou-with-waivers", "html").stdout
    assert '<html lang="fr">' in page
    assert "Vérification du mémorandum d'accord" in page
