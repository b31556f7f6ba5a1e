"""Bad input in French (``pkcheck --lang fr check``): every error is located and in French.

The corpus of ``tests/data/inputs/`` gives each bad file's French message (``message_fr`` in
``expected.yaml``); the French run must print ``path:line:column: message`` exactly as the
English run does, with the French message, and exit 2. A few kinds of bad input are also
written here, in files made for each test, to read what a user meets first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
INPUTS = REPO / "tests" / "data" / "inputs"
AS_OF = "2026-11-26"
NBSP = "\u00a0"
UNIT = "unit:\n  id: XT-INF-01\n  country: XT\n  type: infantry-battalion\n"


def _expected() -> dict[str, dict[str, Any]]:
    table = YAML(typ="safe", pure=True).load((INPUTS / "expected.yaml").read_text(encoding="utf-8"))
    return {str(name): dict(entry) for name, entry in table.items()}


EXPECTED = _expected()
FRENCH = sorted(name for name, entry in EXPECTED.items() if "message_fr" in entry)
# The kinds of bad input that must be said in French, each by a file of the corpus.
REQUIRED = (
    "syntax-unclosed-flow.yaml",  # malformed YAML
    "duplicate-key.yaml",
    "unknown-key-typo.yaml",  # did you mean
    "wrong-type-quantity.yaml",
    "alias-bomb.yaml",
    "binary.bin.yaml",
)


def test_every_input_error_has_its_french_message() -> None:
    errors = {name for name, entry in EXPECTED.items() if "line" in entry}
    assert set(FRENCH) == errors
    assert set(REQUIRED) <= set(FRENCH)


@pytest.mark.parametrize("name", FRENCH)
def test_input_error_in_french(cli: Any, name: str) -> None:
    entry = EXPECTED[name]
    path = f"tests/data/inputs/{name}"
    run = cli("--lang", "fr", "check", path, "--as-of", AS_OF)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert f"{path}:{entry['line']}:{entry['column']}: {entry['message_fr']}" in run.lines(), run.stdout + run.stderr
    assert entry["message_fr"] != entry["message"]


def _written(tmp_path: Path, text: str | bytes, name: str = "unit.yaml") -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def _french_line(cli: Any, path: str) -> str:
    run = cli("--lang", "fr", "check", path, "--as-of", AS_OF)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    located = [line for line in run.lines() if line.startswith(f"{path}:")]
    assert located, run.stdout + run.stderr
    return located[0]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # malformed YAML: a flow mapping left open
        (
            f"pkcheck: declaration/v1\n{UNIT}personnel: {{total: 850\n",
            (
                f"7:1: erreur de syntaxe{NBSP}: ',' ou '}}' attendu, mais '<stream end>' trouvé "
                "(dans un mapping de flux, commencé à la ligne 6)"
            ),
        ),
        # a key given twice
        (
            f"pkcheck: declaration/v1\n{UNIT}personnel:\n  total: 850\n  total: 860\n",
            "8:3: clé `total` en double (définie d'abord à la ligne 7)",
        ),
        # an unknown key, with the one meant
        (
            f"pkcheck: declaration/v1\n{UNIT}personel:\n  total: 850\n",
            f"6:1: clé inconnue `personel`{NBSP}; vouliez-vous dire `personnel`{NBSP}?",
        ),
        # a value of the wrong type
        (
            f"pkcheck: declaration/v1\n{UNIT}personnel:\n  total: many\n",
            f"7:3: `personnel.total`{NBSP}: doit être un nombre entier{NBSP}; valeur reçue{NBSP}: 'many'",
        ),
        # a date that is no date
        (
            f"pkcheck: declaration/v1\n{UNIT}  deployment_date: 2027-02-30\n",
            (
                f"6:3: `unit.deployment_date`{NBSP}: doit être une date réelle AAAA-MM-JJ{NBSP}; valeur reçue{NBSP}: "
                "'2027-02-30'"
            ),
        ),
        # aliases that expand beyond the limit
        (
            "pkcheck: declaration/v1\n"
            + UNIT
            + "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
            + "".join(f"{x}: &{x} [{', '.join(['*' + p] * 10)}]\n" for p, x in zip("abcde", "bcdef", strict=True)),
            f"10:4: plus de 25{chr(0x202F)}000 valeurs une fois les alias développés (bombe d'alias{NBSP}?) (--max-nodes)",
        ),
    ],
    ids=["malformed-yaml", "duplicate-key", "unknown-key", "wrong-type", "impossible-date", "alias-bomb"],
)
def test_bad_input_is_said_in_french(cli: Any, tmp_path: Path, text: str, line: str) -> None:
    path = _written(tmp_path, text)
    assert _french_line(cli, path) == f"{path}:{line}"


def test_a_binary_file_is_said_in_french(cli: Any, tmp_path: Path) -> None:
    path = _written(tmp_path, b"pkcheck: declaration/v1\n\x00\x01\x02", "unit.bin.yaml")
    assert (
        _french_line(cli, path)
        == f"{path}:2:1: fichier binaire (il contient un octet NUL){NBSP}; un texte UTF-8 est attendu"
    )


def test_a_warning_is_said_in_french(cli: Any, tmp_path: Path) -> None:
    """A warning keeps its location first, as editors read it, then says it is a warning."""
    path = _written(
        tmp_path, "pkcheck: declaration/v1\nunit:\n  id: XT-INF-01\n  country: NO\n  type: infantry-battalion\n"
    )
    run = cli("--lang", "fr", "check", path, "--as-of", AS_OF)
    expected = (
        f"{path}:4:12: avertissement{NBSP}: `NO` est ici le texte «{NBSP}NO{NBSP}» (YAML 1.2){NBSP}; les outils "
        'YAML 1.1 le lisent comme false. Mettez-le entre guillemets ("NO") pour qu\'il reste du texte partout'
    )
    assert expected in run.lines(), run.stdout + run.stderr
    english = cli("check", path, "--as-of", AS_OF)
    assert any(line.startswith(f"{path}:4:12: warning: ") for line in english.lines())


def test_an_unknown_code_is_said_in_french_with_the_nearest_one(cli: Any, tmp_path: Path) -> None:
    text = (REPO / "examples" / "xa-inf-01-ready.yaml").read_text(encoding="utf-8")
    path = _written(tmp_path, text.replace("course: un-cptm", "course: un-cptn", 1))
    run = cli("--lang", "fr", "check", path, "--as-of", AS_OF)
    warnings = [line for line in run.lines() if line.startswith(f"{path}:") and "avertissement" in line]
    assert warnings == [
        f"{path}:53:13: avertissement{NBSP}: code de cours inconnu `un-cptn`{NBSP}; vouliez-vous dire `un-cptm`{NBSP}?"
    ]


def test_waivers_are_said_in_french(cli: Any) -> None:
    """A waiver in force, its approval in the finding's message, and waivers for units not
    checked, in the JSON report's French texts (its codes and dates stay as they are)."""
    run = cli(
        "--lang", "fr", "check", "examples/xb-inf-02-conditional.yaml", "--waivers", "examples/waivers.yaml",
        "--as-of", AS_OF, "-f", "json",
    )  # fmt: skip
    report = run.json()
    [waived] = [f for r in report["results"] for f in r["findings"] if f["status"] == "waived"]
    assert waived["message"].startswith(
        f"Groupe électrogène (generator) en état de fonctionnement{NBSP}: 7, pour 9 requis (90{NBSP}% de 10){NBSP}; "
        "manque 2 (dérogation accordée jusqu'au 30 juin 2027 par Force Generation Service"
    )
    assert waived["waiver"]["expires"] == "2027-06-30"  # dates keep their machine form
    assert waived["message_id"] == "equipment.shortfall.serviceable"
    [warning] = report["warnings"]
    assert warning["level"] == "warning"
    assert warning["message"].startswith(
        f"7 dérogations concernent des unités non vérifiées lors de cette exécution et ne sont pas appliquées{NBSP}: "
    )
