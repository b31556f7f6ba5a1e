"""Fuzzing the loader and the checker with mutated copies of the stored files.

Quick by default (the suite's ``default`` Hypothesis profile); for a long run see
``tests/fuzz/README.md``. A crash found here becomes a file of the bad-input corpus
(``tests/data/inputs/``) with its expected message, so it stays fixed.
"""

from __future__ import annotations

import os

from fuzz_target import check_declaration, load_standard
from hypothesis import given, settings
from hypothesis import strategies as st
from mutations import REPO, byte_mutants, plain, seeds, structural_mutants

DECLARATIONS = seeds("declaration/v1")
STANDARDS = seeds("standard/v1")
PARSED_DECLARATIONS = [data for data in map(plain, DECLARATIONS) if isinstance(data, dict)]
PARSED_STANDARDS = [data for data in map(plain, STANDARDS) if isinstance(data, dict)]
EXAMPLE = str(REPO / "examples" / "xa-inf-01-ready.yaml")
# A standard is loaded with the shipped ones beside it (about a second each); the quick run
# tries a few, a fuzzing run as many as its profile says.
FEW = settings() if os.environ.get("PKCHECK_HYPOTHESIS") == "fuzz" else settings(max_examples=6)


def test_the_seeds_are_found() -> None:
    """The fuzzer starts from the corpus, the examples and the standards, not from nothing."""
    assert len(DECLARATIONS) > 40
    assert len(STANDARDS) > 30
    assert len(PARSED_DECLARATIONS) > 20


@given(byte_mutants(DECLARATIONS), st.sampled_from([".yaml", ".json"]))
def test_declaration_bytes(raw: bytes, suffix: str) -> None:
    check_declaration(raw, suffix)


@given(structural_mutants(PARSED_DECLARATIONS))
def test_declaration_structure(raw: bytes) -> None:
    check_declaration(raw)


@FEW
@given(byte_mutants(STANDARDS))
def test_standard_bytes(raw: bytes) -> None:
    load_standard(raw, EXAMPLE)


@FEW
@given(structural_mutants(PARSED_STANDARDS))
def test_standard_structure(raw: bytes) -> None:
    load_standard(raw, EXAMPLE)
