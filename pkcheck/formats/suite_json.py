"""``pkcheck test --format json``: the ``pkcheck: test-report/v1`` document, deterministic to the byte."""

from __future__ import annotations

from typing import Any

from pkcheck.analyses.suites import CaseResult, Coverage, SuiteResult, SuiteRun
from pkcheck.enums import FileKind
from pkcheck.formats.json_report import diagnostic_json, dumps, location_json


def render(run: SuiteRun) -> str:
    return dumps(to_dict(run)) + "\n"


def to_dict(run: SuiteRun) -> dict[str, Any]:
    counts = run.counts()
    return {
        "pkcheck": FileKind.TEST_REPORT.value,
        "tool": {"name": "pkcheck", "version": run.tool_version},
        "suites": [_suite(suite) for suite in run.suites],
        "summary": {
            "suites": len(run.suites),
            "cases": sum(counts.values()),
            **counts,
            "coverage_gaps": run.coverage_gaps(),
        },
        "errors": [diagnostic_json(d) for d in run.errors],
    }


def _suite(suite: SuiteResult) -> dict[str, Any]:
    standard = suite.standard
    return {
        "path": suite.path,
        "standard": None
        if standard is None
        else {"id": standard.id, "version": standard.version, "path": standard.path},
        "cases": [_case(case) for case in suite.cases],
        "coverage": None if suite.coverage is None else _coverage(suite.coverage),
        "errors": [diagnostic_json(d) for d in suite.errors],
    }


def _case(case: CaseResult) -> dict[str, Any]:
    return {
        "name": case.name,
        "outcome": case.outcome.value,
        "location": location_json(case.location),
        "declaration": case.declaration,
        "as_of": None if case.as_of is None else case.as_of.isoformat(),
        "verdict": None if case.verdict is None else case.verdict.value,
        "mismatches": [{"subject": m.subject, "expected": m.expected, "actual": m.actual} for m in case.mismatches],
        "errors": [diagnostic_json(d) for d in case.errors],
    }


def _coverage(coverage: Coverage) -> dict[str, Any]:
    return {
        "complete": coverage.complete,
        "never_met": list(coverage.never_met),
        "never_failing": list(coverage.never_failing),
        "categories_never_met": list(coverage.categories_never_met),
        "categories_never_failing": list(coverage.categories_never_failing),
    }
