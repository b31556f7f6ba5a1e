"""Every "unknown id" on the command line offers the nearest known one, whatever its case:
a standard named by `--standard` or by `diff`, a requirement named by `explain`."""

from __future__ import annotations

from typing import Any

import pytest

from pkcheck.load.validate import nearest

A = "examples/xa-inf-01-ready.yaml"
CASES = [
    (
        ("check", A, "--standard", "un-infantry-batalion"),
        "unknown standard `un-infantry-batalion`; did you mean `un-infantry-battalion`? (standards in the search path: un-core-contingent,",
    ),
    (
        ("check", A, "--standard", "UN-INFANTRY-BATTALION"),
        "unknown standard `UN-INFANTRY-BATTALION`; did you mean `un-infantry-battalion`?",
    ),
    (
        ("gaps", A, "--standard", "Un-Level-1-Hospital"),
        "unknown standard `Un-Level-1-Hospital`; did you mean `un-level-1-hospital`?",
    ),
    (
        ("diff", "un-infantry-batalion", "un-infantry-battalion"),
        "unknown standard `un-infantry-batalion`; did you mean `un-infantry-battalion`?",
    ),
    (
        ("diff", "un-infantry-battalion", "UN-Infantry-Battalion"),
        "unknown standard `UN-Infantry-Battalion`; did you mean `un-infantry-battalion`?",
    ),
    (
        ("explain", "inf-eqp-001"),
        "no standard in the search path has a requirement `inf-eqp-001`; did you mean `INF-EQP-001`?",
    ),
    (
        ("explain", "INF-EQP-01"),
        "no standard in the search path has a requirement `INF-EQP-01`; did you mean `INF-EQP-001`?",
    ),
    (
        ("explain", "INF-EQP-001", "--standard", "UN-Infantry-Battalion"),
        "standard `UN-Infantry-Battalion` (did you mean `un-infantry-battalion`?) has no requirement `INF-EQP-001`; it is in:",
    ),
]
NOTHING_CLOSE = [
    (("check", A, "--standard", "zzz"), "unknown standard `zzz` (standards in the search path: "),
    (("explain", "ZZZ-QQQ-999"), "no standard in the search path has a requirement `ZZZ-QQQ-999`"),
]


@pytest.mark.parametrize(("args", "message"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_an_unknown_id_offers_the_nearest_known_one(cli: Any, args: tuple[str, ...], message: str) -> None:
    run = cli(*args)
    assert run.exit_code == 2
    assert run.stderr.startswith(f"pkcheck: error: {message}"), run.stderr


@pytest.mark.parametrize(("args", "message"), NOTHING_CLOSE, ids=[" ".join(c[0]) for c in NOTHING_CLOSE])
def test_nothing_is_offered_when_nothing_is_close(cli: Any, args: tuple[str, ...], message: str) -> None:
    run = cli(*args)
    assert run.exit_code == 2
    assert run.stderr.startswith(f"pkcheck: error: {message}"), run.stderr
    assert "did you mean" not in run.stderr


def test_nearest_ignores_case_and_keeps_the_candidate_as_written() -> None:
    assert nearest("inf-trn-001", ["INF-EQP-001", "INF-TRN-001"]) == "INF-TRN-001"
    assert nearest("DRIVER", ["driver", "diver"]) == "driver"
    assert nearest("zzz", ["INF-TRN-001"]) is None
