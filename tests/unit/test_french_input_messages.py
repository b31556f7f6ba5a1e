"""Errors and warnings about input in French: what the corpus of bad files does not reach
(a worker that dies, an internal error, threshold expressions, ruamel's own words)."""

from __future__ import annotations

import pytest

from pkcheck import i18n
from pkcheck.diagnostics import Diagnostic, Level, Location, internal_error
from pkcheck.expressions import ExpressionError, parse
from pkcheck.load.yamlio import ruamel_problem
from pkcheck.parallel import _ended_on

NBSP = "\u00a0"


def test_a_worker_that_ends_is_said_in_french() -> None:
    i18n.use("fr")
    error = _ended_on("unit.yaml", -9, 4242)
    assert error.message == (
        "le processus qui vérifiait ce fichier s'est arrêté de manière inattendue (signal 9, SIGKILL)"
        f"{NBSP}; il s'agit d'un bogue de pkcheck, ou la machine a manqué de mémoire"
    )
    assert _ended_on("unit.yaml", 3, None).message.startswith(
        "le processus qui vérifiait ce fichier s'est arrêté de manière inattendue (code de sortie 3)"
    )


def test_an_internal_error_is_said_in_french() -> None:
    i18n.use("fr")
    error = internal_error(ValueError("boom"), Location("unit.yaml", 3, 1), "exigence INF-EQP-001")
    assert error.message == (
        f"erreur interne lors de la vérification de ce fichier (exigence INF-EQP-001){NBSP}: ValueError: boom"
        f"{NBSP}; il s'agit d'un bogue de pkcheck"
    )


def test_a_warning_says_so_in_the_language_in_use() -> None:
    warning = Diagnostic(Location("unit.yaml", 4, 12), "`NO`", Level.WARNING)
    assert str(warning) == "unit.yaml:4:12: warning: `NO`"
    i18n.use("fr")
    assert str(warning) == f"unit.yaml:4:12: avertissement{NBSP}: `NO`"
    assert str(Diagnostic(Location("unit.yaml", 1, 1), "x")) == "unit.yaml:1:1: x"


@pytest.mark.parametrize(
    ("source", "french"),
    [
        ("1 +", f"syntaxe incorrecte{NBSP}: élément inattendu (fin de l'expression)"),
        ("", "l'expression est vide"),
        ("a < b", "les comparaisons ne sont pas admises"),
        ("sqrt(2)", f"fonction `sqrt` inconnue{NBSP}; fonctions admises{NBSP}: ceil, floor, round, min, max, value"),
        ("1 \u00d7 2", f"le caractère `\u00d7` (U+00D7) n'est pas admis{NBSP}; utilisez `*`"),
    ],
)
def test_threshold_expressions_are_refused_in_french(source: str, french: str) -> None:
    i18n.use("fr")
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert caught.value.message == french


def test_ruamel_problems_are_said_in_french_when_known_and_kept_when_not() -> None:
    i18n.use("fr")
    assert ruamel_problem("mapping values are not allowed here") == "valeurs de mapping non admises ici"
    assert ruamel_problem("expected <block end>, but found '-'") == "<block end> attendu, mais '-' trouvé"
    assert ruamel_problem("found undefined alias 'x'") == "alias non défini 'x'"
    assert ruamel_problem("a problem no one has seen") == "a problem no one has seen"
    i18n.use("en")
    assert ruamel_problem("mapping values are not allowed here") == "mapping values are not allowed here"
