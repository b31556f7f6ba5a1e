"""Where each number of a standard comes from: the bases of its parameters and thresholds.

A basis is a reference with a locator, or ``illustrative`` with what decides the number in
practice. The fields of a check that take one are declared by its kind (``Kind.based``: its
thresholds and rules). A threshold written as an expression over parameters takes the bases of
the parameters it reads, after its own if it has one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pkcheck import checks
from pkcheck.diagnostics import Diagnostic, Level
from pkcheck.expressions import ExpressionError, parse
from pkcheck.i18n import N_, _
from pkcheck.load.validate import suggestion
from pkcheck.localized import localized
from pkcheck.models.standard import Basis, Requirement
from pkcheck.report import BasisInfo

if TYPE_CHECKING:
    from pkcheck.library.standards import EffectiveStandard, LoadedStandard

HOW = N_("a `reference` with a `locator`, or `illustrative` with what decides it")


def requirement_basis_problems(requirement: Requirement) -> Iterator[tuple[str, str]]:
    """Each key of a requirement's ``basis`` that is not a field of its check taking a basis."""
    kind = checks.get(requirement.check.kind)
    given = kind.given_based(requirement.check.settings)
    for key in requirement.basis:
        if key in given:
            continue
        if key in kind.based():
            yield key, _("basis for `{key}`, which this check does not give").format(key=key)
        else:
            known = list(given)
            said = _("basis for `{key}`, which is not a threshold of a `{kind}` check").format(key=key, kind=kind.name)
            yield key, said + suggestion(key, known)


def parameters_read(value: Any, parameters: Mapping[str, Any]) -> tuple[str, ...]:
    """The parameters a threshold (a number, an expression, or a mapping of them) reads."""
    values = value.values() if isinstance(value, Mapping) else (value,)
    names: list[str] = []
    for inner in values:
        if isinstance(inner, str):
            try:
                names.extend(name for name in parse(inner).references if name in parameters)
            except ExpressionError:
                continue  # reported as an error where the standard is composed
    return tuple(dict.fromkeys(names))


def threshold_bases(
    requirement: Requirement, parameters: Mapping[str, Any], parameter_basis: Mapping[str, Basis]
) -> tuple[BasisInfo, ...]:
    """The bases of each threshold the requirement's check gives, in the kind's order."""
    kind = checks.get(requirement.check.kind)
    settings = requirement.check.settings
    found: list[BasisInfo] = []
    for key in kind.given_based(settings):
        own = requirement.basis.get(key)
        if own is not None:
            found.append(_info(key, own))
        for name in parameters_read(getattr(settings, key), parameters):
            if name in parameter_basis:
                found.append(_info(key, parameter_basis[name], name))
    return tuple(found)


def described(
    requirement: Requirement, parameters: Mapping[str, Any], parameter_basis: Mapping[str, Basis]
) -> Iterator[str]:
    """Each threshold's basis in words, for ``pkcheck explain``: ``coverage: [orp] Annex B``,
    ``quantity (apc_quantity): illustrative: set by the MOU``, ``serviceable: none given``."""
    settings = requirement.check.settings
    for key in checks.get(requirement.check.kind).given_based(settings):
        own = requirement.basis.get(key)
        read = parameters_read(getattr(settings, key), parameters)
        if own is not None or not read:
            yield f"{key}: {_words(own)}"
        for name in read:
            yield f"{key} ({name}): {_words(parameter_basis.get(name))}"


def _words(basis: Basis | None) -> str:
    if basis is None:
        return _("none given")
    if basis.illustrative is not None:
        return _("illustrative: {text}").format(text=localized(basis.illustrative))
    return f"[{basis.reference}] {basis.locator}"


def _info(threshold: str, basis: Basis, parameter: str | None = None) -> BasisInfo:
    return BasisInfo(threshold, basis.reference, basis.locator, localized(basis.illustrative), parameter)


def unbased_thresholds(requirement: Requirement, parameters: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Each threshold (key, message) with no basis of its own and no parameter to take one from."""
    kind = checks.get(requirement.check.kind)
    settings = requirement.check.settings
    for key in kind.given_based(settings):
        if key not in requirement.basis and not parameters_read(getattr(settings, key), parameters):
            yield (
                key,
                _("`{id}`: threshold `{key}` has no basis: give `basis: {{{key}: ...}}`, {how}").format(
                    id=requirement.id, key=key, how=_(HOW)
                ),
            )


def missing_basis(loaded: LoadedStandard, effective: EffectiveStandard) -> Iterator[Diagnostic]:
    """What ``lint --strict`` refuses in one standard: each parameter it sets and each threshold
    it defines or changes, without a basis."""
    sid = loaded.model.id
    own = [r for r in effective.requirements if r.defined_in == sid or r.changed_by[-1:] == (sid,)]
    for name in loaded.model.parameters:
        if name not in effective.basis:
            message = _("parameter `{name}` has no basis: give `basis: {{{name}: ...}}`, {how}").format(
                name=name, how=_(HOW)
            )
            yield Diagnostic(loaded.location("parameters", name), message, Level.ERROR)
    for item in own:
        requirement = item.requirement
        for key, message in unbased_thresholds(requirement, effective.parameters):
            yield Diagnostic(loaded.location(*item.source, "check", requirement.check.kind, key), message, Level.ERROR)
