"""Every regular expression pkcheck applies to text from a file runs in linear time.

Each function that applies one is given the worst inputs for its patterns (``bench/worst.py``)
at 200,000 characters, where a quadratic pattern takes minutes and an exponential one never
ends, and must finish far inside a generous bound. The only timing assertions of the suite:
what they guard against is time itself."""

from __future__ import annotations

import contextlib
import importlib.util
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pkcheck import expressions
from pkcheck.diagnostics import InputError
from pkcheck.load import fastload, inputs, yaml11, yamlio
from pkcheck.load.limits import DEFAULT_LIMITS
from pkcheck.load.paths import path_problem

REPO = Path(__file__).resolve().parents[2]
SIZE = 200_000
BOUND = 5.0  # seconds; linear patterns take milliseconds


def _load_worst() -> ModuleType:
    # bench/ is a folder of scripts, not a package: load the module from its file.
    spec = importlib.util.spec_from_file_location("bench_worst", REPO / "bench" / "worst.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


WORST = _load_worst()
VALUES = WORST.values(SIZE)
DOCUMENTS = WORST.documents(SIZE)


def _within_bound(call: Callable[[], Any], what: str) -> None:
    start = time.perf_counter()
    with contextlib.suppress(InputError):  # refusing the input is as good an answer as reading it
        call()
    elapsed = time.perf_counter() - start
    assert elapsed < BOUND, f"{what}: {elapsed:.1f} s"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_checks_before_parsing_and_the_fast_path(name: str) -> None:
    text = DOCUMENTS[name]
    _within_bound(lambda: yamlio.check_version("<worst>", text), f"check_version, {name}")
    _within_bound(lambda: yamlio.check_line_length("<worst>", text, DEFAULT_LIMITS), f"check_line_length, {name}")
    _within_bound(lambda: yamlio.check_flow_depth("<worst>", text, DEFAULT_LIMITS), f"check_flow_depth, {name}")
    _within_bound(lambda: fastload.load(text, DEFAULT_LIMITS), f"fastload.load, {name}")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_folder_search(name: str) -> None:
    """The search of a folder reads the head of every file for its ``pkcheck:`` key."""
    text = DOCUMENTS[name]
    for kind in (inputs._OTHER_KIND, inputs._SUITE_KIND):
        _within_bound(lambda kind=kind: inputs._declares(kind, text), f"folder search, {name}")


@pytest.mark.parametrize("name", VALUES)
def test_yaml11_warnings(name: str) -> None:
    _within_bound(lambda: yaml11.difference(VALUES[name]), f"yaml11.difference, {name}")


def test_expression_syntax_messages() -> None:
    """Python's message about a syntax error is tidied with a pattern."""
    error = SyntaxError("x" + " " * SIZE + "y (detected at line 1)" + " " * SIZE)
    _within_bound(lambda: expressions._syntax_error(error, "1 +", 0), "expressions._syntax_error")


def test_codes_and_declaration_paths() -> None:
    """Keys of a declaration's mappings of codes named in a path are matched against the code
    pattern."""
    near_miss = "a-" * (SIZE // 2) + "_"
    _within_bound(lambda: path_problem("personnel.roles." + near_miss), "path_problem")
