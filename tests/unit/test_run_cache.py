"""The parts of a finding that do not depend on the declaration are worked out once per run,
in the run's ``RunCache``; the settings a run is given never change."""

from __future__ import annotations

import dataclasses
import datetime as dt

from pkcheck import api
from pkcheck.engine import RunCache, Settings, check_file

SAME_STANDARD = ("examples/xa-inf-01-ready.yaml", "examples/xc-inf-03-not-ready.yaml")


def _settings() -> Settings:
    return api.settings(as_of=dt.date(2026, 11, 26))


def test_one_run_shares_the_parts_of_each_requirement() -> None:
    settings, cache = _settings(), RunCache()
    first, second = (check_file(path, settings, cache) for path in SAME_STANDARD)
    assert first.standard is not None and second.standard is not None
    assert first.standard.id == second.standard.id
    for one, other in zip(first.findings, second.findings, strict=True):
        assert one.requirement == other.requirement
        assert one.titles is other.titles and one.references is other.references


def test_separate_runs_share_nothing() -> None:
    settings = _settings()
    first, second = (check_file(path, settings) for path in SAME_STANDARD)
    assert all(one.titles is not other.titles for one, other in zip(first.findings, second.findings, strict=True))
    assert first.findings[0].titles == second.findings[0].titles


def test_checking_leaves_the_settings_as_they_were() -> None:
    settings = _settings()
    before = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)}
    check_file(SAME_STANDARD[0], settings, RunCache())
    assert {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)} == before
    assert [f.name for f in dataclasses.fields(Settings)] == [
        "library",
        "as_of",
        "standard",
        "waivers",
        "limits",
        "mous",
        "given_mou_only",
    ]
