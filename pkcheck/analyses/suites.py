"""``pkcheck test``: run standard test suites (``pkcheck: test/v1``) and measure their coverage.

Each case's declaration is checked by the same engine as ``pkcheck check``, against the suite's
standard, as of the case's date and with its waivers; its verdict and statuses are compared with
the expected ones. A broken suite, declaration, waivers file or standard is a located error of
that suite or case; the other cases still run. So is an unexpected exception (a bug in pkcheck):
an internal error of that suite or case, never an expected outcome (a case expecting ``invalid``
does not pass on one). Pure apart from reading files; never prints.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from pkcheck.diagnostics import Diagnostic, InputError, Location, internal_error
from pkcheck.engine import Settings, check_file
from pkcheck.enums import Category, FileKind
from pkcheck.i18n import _
from pkcheck.library.standards import STANDARD_SUFFIXES, EffectiveStandard, Library
from pkcheck.library.waivers import LocatedWaiver, load_waivers
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.locate import PathSegment, locate
from pkcheck.load.validate import did_you_mean, nearest, suggestion, validate
from pkcheck.load.yamlio import Document, load
from pkcheck.models.testsuite import Case, Suite
from pkcheck.report import FAILING, StandardInfo, Status, Verdict

VERDICT = "verdict"  # the subject of a mismatch of verdicts; requirement ids are upper-case


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"


@dataclass(frozen=True)
class Mismatch:
    """One expectation a case did not meet: ``subject`` is a requirement id, or ``verdict``."""

    subject: str
    expected: str
    actual: str


@dataclass(frozen=True)
class CaseResult:
    name: str
    location: Location  # of the case in its suite
    declaration: str  # the declaration's path, as resolved from the suite's folder
    as_of: dt.date | None
    verdict: Verdict | None = None  # the actual verdict, when the case ran
    mismatches: tuple[Mismatch, ...] = ()
    errors: tuple[Diagnostic, ...] = ()

    @property
    def outcome(self) -> Outcome:
        if self.errors:
            return Outcome.ERROR
        return Outcome.FAIL if self.mismatches else Outcome.PASS


@dataclass(frozen=True)
class Coverage:
    """What no case of a suite exercises, by the statuses the cases expect (explicitly or by ``others``).

    ``never_met``/``never_failing``: requirements no case expects ``met`` / ``shortfall`` or
    ``no-evidence``; ``categories_never_met``: categories with no case expecting all of their
    requirements ``met``; ``categories_never_failing``: categories with no case expecting any of
    them to fail.
    """

    never_met: tuple[str, ...] = ()
    never_failing: tuple[str, ...] = ()
    categories_never_met: tuple[str, ...] = ()
    categories_never_failing: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not (self.never_met or self.never_failing or self.categories_never_met or self.categories_never_failing)


@dataclass(frozen=True)
class SuiteResult:
    path: str
    standard: StandardInfo | None = None
    cases: tuple[CaseResult, ...] = ()
    coverage: Coverage | None = None  # None when the suite or its standard could not be loaded
    errors: tuple[Diagnostic, ...] = ()
    # The files the suite names (see ``named_files``), once it could be read: inputs of the run.
    named: tuple[str, ...] = ()


@dataclass(frozen=True)
class SuiteRun:
    """Every suite run, and problems of the standards search path itself."""

    tool_version: str
    suites: tuple[SuiteResult, ...]
    errors: tuple[Diagnostic, ...] = ()

    def cases(self) -> list[CaseResult]:
        return [case for suite in self.suites for case in suite.cases]

    def counts(self) -> dict[str, int]:
        counts = {outcome.value: 0 for outcome in Outcome}
        for case in self.cases():
            counts[case.outcome.value] += 1
        return counts

    def has_errors(self) -> bool:
        return bool(self.errors) or any(s.errors for s in self.suites) or any(c.errors for c in self.cases())

    def coverage_gaps(self) -> int:
        """How many suites report a coverage gap."""
        return sum(1 for s in self.suites if s.coverage is not None and not s.coverage.complete)

    def exit_code(self, require_coverage: bool = False) -> int:
        """2 on any error; else 1 if a case fails (or, asked to, a suite has a coverage gap); else 0."""
        if self.has_errors():
            return 2
        if any(case.outcome is Outcome.FAIL for case in self.cases()):
            return 1
        return 1 if require_coverage and self.coverage_gaps() else 0


def run_suites(
    paths: Sequence[str], folders: Sequence[str], tool_version: str, limits: Limits = DEFAULT_LIMITS
) -> SuiteRun:
    """Run the suite files ``paths`` with the standards of the search path ``folders``."""
    library = Library(folders, limits)
    suites = tuple(run_suite(path, library) for path in paths)
    return SuiteRun(tool_version, suites, tuple(library.errors))


def run_suite(path: str, library: Library) -> SuiteResult:
    """One suite's cases and coverage; an unexpected exception is the suite's internal error."""
    try:
        return _run_suite(path, library)
    except InputError as exc:  # bad input found late: still the suite's located errors
        return SuiteResult(path, errors=exc.diagnostics)
    except Exception as exc:  # noqa: BLE001 - one suite's bug must not cost the other suites
        return SuiteResult(path, errors=(internal_error(exc, Location(path)),))


def _run_suite(path: str, library: Library) -> SuiteResult:
    try:
        document = load(path, library.limits)
        suite = validate(document, Suite, FileKind.TEST)
    except InputError as exc:
        return SuiteResult(path, errors=exc.diagnostics)
    named = named_files(path, suite)
    try:
        own_library, standard = _standard(document, suite, library)
    except InputError as exc:
        return SuiteResult(path, errors=exc.diagnostics, named=named)
    context = _SuiteContext(document, suite, own_library, standard)
    cases = tuple(context.run_contained(index) for index in range(len(suite.cases)))
    return SuiteResult(path, standard.info(), cases, coverage(standard, suite.cases), named=named)


def named_files(path: str, suite: Suite) -> tuple[str, ...]:
    """The files the suite at ``path`` names, as resolved beside it: its standard when that is
    a file, its waivers, and each case's declaration and waivers."""
    references = [suite.standard if _names_a_file(suite.standard) else None, suite.waivers]
    references += [reference for case in suite.cases for reference in (case.declaration, case.waivers)]
    return tuple(dict.fromkeys(_beside(path, reference) for reference in references if reference is not None))


def _names_a_file(standard: str) -> bool:
    """Whether a suite's ``standard`` is a file (beside the suite), not an id."""
    return standard.endswith(STANDARD_SUFFIXES) or "/" in standard


def lint_suite(path: str, library: Library) -> tuple[Diagnostic, ...]:
    """Every problem that would stop a suite or one of its cases from running, found without
    checking any declaration (for ``pkcheck lint``)."""
    try:
        document = load(path, library.limits)
        suite = validate(document, Suite, FileKind.TEST)
        own_library, standard = _standard(document, suite, library)
    except InputError as exc:
        return exc.diagnostics
    context = _SuiteContext(document, suite, own_library, standard)
    found: list[Diagnostic] = []
    for index, case in enumerate(suite.cases):
        found.extend(context.problems(index, case, _beside(path, case.declaration)))
        context.waivers(index, case, found)
    return tuple(found)


def _standard(document: Document, suite: Suite, library: Library) -> tuple[Library, EffectiveStandard]:
    """The suite's effective standard: an id in the search path, or a file beside the suite,
    loaded into a library of its own so that it shadows a standard of the same id for this
    suite only."""
    reference = suite.standard
    where = locate(document.path, document.data, ("standard",))
    if _names_a_file(reference):
        path = _beside(document.path, reference)
        if not os.path.isfile(path):
            message = _("standard file `{file}` not found (looked for {path})").format(file=reference, path=path)
            raise InputError((Diagnostic(where, message),))
        own = Library(library.folders, library.limits)
        return own, own.effective(own.add_file(path).model.id)
    if reference not in library.standards:
        known = sorted(library.standards)
        match = nearest(reference, known)
        listed = ", ".join(known) or _("none")
        hint = (
            did_you_mean(match) if match else _("; standards in the search path: {standards}").format(standards=listed)
        )
        message = _("unknown standard `{standard}`").format(standard=reference) + hint
        raise InputError((Diagnostic(where, message),))
    return library, library.effective(reference)


def _beside(suite_path: str, reference: str) -> str:
    """A path written in a suite, relative to the suite file's folder."""
    return os.path.normpath(os.path.join(os.path.dirname(suite_path), reference))


@dataclass(frozen=True)
class _SuiteContext:
    document: Document
    suite: Suite
    library: Library
    standard: EffectiveStandard

    def where(self, *segments: PathSegment) -> Location:
        return locate(self.document.path, self.document.data, segments)

    def run_contained(self, index: int) -> CaseResult:
        """``run``, with an unexpected exception as the case's internal error."""
        case, where = self.suite.cases[index], self.where("cases", index)
        try:
            return self.run(index)
        except InputError as exc:  # bad input found late: still the case's located errors
            errors = exc.diagnostics
        except Exception as exc:  # noqa: BLE001 - one case's bug must not cost the other cases
            errors = (internal_error(exc, where),)
        return CaseResult(
            case.name,
            where,
            _beside(self.document.path, case.declaration),
            case.as_of or self.suite.as_of,
            errors=errors,
        )

    def run(self, index: int) -> CaseResult:
        case = self.suite.cases[index]
        as_of = case.as_of or self.suite.as_of
        declaration = _beside(self.document.path, case.declaration)
        errors = list(self.problems(index, case, declaration))
        waivers = self.waivers(index, case, errors)
        if errors or as_of is None:
            return CaseResult(case.name, self.where("cases", index), declaration, as_of, errors=tuple(errors))
        result = check_file(declaration, Settings(self.library, as_of, self.standard.id, waivers, self.library.limits))
        start = CaseResult(case.name, self.where("cases", index), declaration, as_of, result.verdict)
        internal = any(error.internal for error in result.errors)  # a bug, never the invalid a case may expect
        if result.verdict is Verdict.INVALID and (case.verdict is not Verdict.INVALID or internal):
            return replace(start, errors=result.errors)
        actual = {finding.requirement: finding.status for finding in result.findings}
        return replace(start, mismatches=tuple(_mismatches(case, result.verdict, actual, self.standard)))

    def problems(self, index: int, case: Case, declaration: str) -> Iterable[Diagnostic]:
        """What stops a case from running: no date, a repeated name, unknown requirement ids, no declaration."""
        if case.as_of is None and self.suite.as_of is None:
            yield Diagnostic(
                self.where("cases", index),
                _(
                    "case `{case}` has no `as_of` and neither has the suite: add `as_of: YYYY-MM-DD` to one of them, "
                    "so results do not depend on the day"
                ).format(case=case.name),
            )
        earlier = [i for i, other in enumerate(self.suite.cases[:index]) if other.name == case.name]
        if earlier:
            first = self.where("cases", earlier[0]).line
            yield Diagnostic(
                self.where("cases", index, "name"),
                _("duplicate case name `{case}` (first at line {line})").format(case=case.name, line=first),
            )
        ids = [item.requirement.id for item in self.standard.requirements]
        for key in case.statuses:
            if key not in ids:
                message = _("`{requirement}` is not a requirement of `{standard}`").format(
                    requirement=key, standard=self.standard.id
                )
                message += suggestion(key, ids)
                yield Diagnostic(self.where("cases", index, "statuses", key), message)
        if not os.path.isfile(declaration):
            yield Diagnostic(
                self.where("cases", index, "declaration"),
                _("declaration file `{file}` not found (looked for {path})").format(
                    file=case.declaration, path=declaration
                ),
            )

    def waivers(self, index: int, case: Case, errors: list[Diagnostic]) -> tuple[LocatedWaiver, ...]:
        """The case's waivers, else the suite's; a problem with them is added to ``errors``."""
        reference, key = (
            (case.waivers, ("cases", index, "waivers")) if case.waivers else (self.suite.waivers, ("waivers",))
        )
        if reference is None:
            return ()
        path = _beside(self.document.path, reference)
        if not os.path.isfile(path):
            message = _("waivers file `{file}` not found (looked for {path})").format(file=reference, path=path)
            errors.append(Diagnostic(self.where(*key), message))
            return ()
        try:
            return load_waivers(path, self.library.limits)
        except InputError as exc:
            errors.extend(exc.diagnostics)
            return ()


def _expected(case: Case, requirement_id: str) -> Status | None:
    return case.statuses.get(requirement_id, case.others)


def _mismatches(
    case: Case, verdict: Verdict, actual: dict[str, Status], standard: EffectiveStandard
) -> Iterable[Mismatch]:
    if case.verdict is not None and case.verdict is not verdict:
        yield Mismatch(VERDICT, case.verdict.value, verdict.value)
    if verdict is Verdict.INVALID:
        return  # an invalid declaration has no statuses to compare
    for item in standard.requirements:
        requirement_id = item.requirement.id
        expected = _expected(case, requirement_id)
        if expected is not None and actual[requirement_id] is not expected:
            yield Mismatch(requirement_id, expected.value, actual[requirement_id].value)


def coverage(standard: EffectiveStandard, cases: Sequence[Case]) -> Coverage:
    """What the cases' expectations leave unexercised (see ``Coverage``).

    Requirements count only where the suite's standard defines or changes them: an inherited,
    unchanged requirement is exercised by its own standard's suite. Categories count every
    requirement of the effective standard."""
    ids = [item.requirement.id for item in standard.requirements]
    own = [item.requirement.id for item in standard.requirements if standard.id in (item.defined_in, *item.changed_by)]
    expectations = [{rid: _expected(case, rid) for rid in ids} for case in cases]

    def met(rids: Sequence[str], expected: dict[str, Status | None]) -> bool:
        return all(expected[rid] is Status.MET for rid in rids)

    def failing(rids: Sequence[str], expected: dict[str, Status | None]) -> bool:
        return any(expected[rid] in FAILING for rid in rids)

    by_category = {
        category.value: [item.requirement.id for item in standard.requirements if item.requirement.category is category]
        for category in Category
    }
    categories = {name: rids for name, rids in by_category.items() if rids}
    return Coverage(
        never_met=tuple(rid for rid in own if not any(met([rid], e) for e in expectations)),
        never_failing=tuple(rid for rid in own if not any(failing([rid], e) for e in expectations)),
        categories_never_met=tuple(
            name for name, rids in categories.items() if not any(met(rids, e) for e in expectations)
        ),
        categories_never_failing=tuple(
            name for name, rids in categories.items() if not any(failing(rids, e) for e in expectations)
        ),
    )
