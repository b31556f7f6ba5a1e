"""What a check kind is: one object holding everything pkcheck knows about the kind.

Every stage that treats checks (the ``Check`` model of standards, ``check``, ``explain``,
``init``, ``lint``, ``diff`` and ``gaps``) reads a kind's knowledge from its ``Kind``, found in
the registry (``pkcheck.checks.KINDS``); none of them names a kind. Adding a kind is one module
that defines a ``Kind`` and one entry in that registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel

from pkcheck.checks.pieces import Piece
from pkcheck.load.locate import PathSegment
from pkcheck.terms.codepaths import CodeUse

if TYPE_CHECKING:
    from pkcheck.checks.base import Context, Outcome
    from pkcheck.checks.draft import Draft
    from pkcheck.diagnostics import Diagnostic, Location
    from pkcheck.load.limits import Limits
    from pkcheck.report import Finding, Gap
    from pkcheck.terms.vocabulary import Codes


class Bound(StrEnum):
    """Which way a threshold asks more of a unit."""

    MINIMUM = "minimum"  # a higher value asks more
    MAXIMUM = "maximum"  # a lower value asks more


@dataclass(frozen=True)
class Threshold:
    """A settings field that is a threshold (a number, or an expression where the model allows).

    ``keyed``: the field is a mapping of keys to thresholds (medical ``staff``: role -> minimum);
    each key is then a threshold of its own for ``diff``, ``lint`` and the vocabulary walkers."""

    bound: Bound
    keyed: bool = False


MINIMUM = Threshold(Bound.MINIMUM)
MAXIMUM = Threshold(Bound.MAXIMUM)
MINIMUMS_BY_KEY = Threshold(Bound.MINIMUM, keyed=True)
MAXIMUMS_BY_KEY = Threshold(Bound.MAXIMUM, keyed=True)


Settings = Any  # a kind's settings model instance; each kind's functions take its own model


class Locator(Protocol):
    """Where a place in a check's settings is in the standard's file: ``at("schema_file")``."""

    def __call__(self, *segments: PathSegment) -> Location: ...


@dataclass(frozen=True)
class KindFiles:
    """For a kind whose settings name files relative to the standard's file (a schema kept in
    a file of its own): the standards library reads them when it loads the standard, with the
    run's limits, so that checking never reads a file. The functions take the kind's settings.

    - ``paths(settings, standard_path)``: the files the settings name, spelled as the files of a
      folder are (``os.path.normpath``): ``lint`` lints them with the standard that names them
      and does not take them for standards;
    - ``read(settings, standard_path, limits, at)``: reads them into the settings; returns the
      errors, each located (in the file read, or in the standard with ``at``);
    - ``carry(original, changed, patch)``: settings an override changes (``patch``: the raw
      settings the override gives, if any) keep what was read for the original unless the patch
      names files of its own; returns whether it does: ``read`` then reads them relative to the
      file of the standard that overrides;
    - ``problems(settings)``: the problems of what was read, located in the files; found when
      the standard is composed, as the problems of settings written in the standard are.
    """

    paths: Callable[[Settings, str], Iterable[str]]
    read: Callable[[Settings, str, Limits, Locator], list[Diagnostic]]
    carry: Callable[[Settings, Settings, Any], bool]
    problems: Callable[[Settings], Iterable[Diagnostic]]


def _no_codes(settings: Mapping[str, Any]) -> Iterator[CodeUse]:
    return iter(())


def _no_parameters(settings: Settings) -> Iterable[str]:
    return ()


def _no_problems(settings: Settings) -> Iterator[tuple[tuple[PathSegment, ...], str]]:
    return iter(())


def _values_as_they_are(
    settings: Settings, values: Mapping[str, Any], gaps: tuple[Gap, ...], vocabulary: Codes
) -> dict[str, Any]:
    return dict(values)


def _no_items(settings: Settings) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class Kind:
    """Everything about one check kind. The functions take the kind's own settings model.

    Required:

    - ``name``: the key under ``check:`` in a standard;
    - ``settings``: the pydantic model of its settings (its class name names it in the JSON Schema);
    - ``check``: ``(settings, Context) -> Outcome``, the evaluation;
    - ``doc``: the user documentation (the module docstring: a summary line, then the text);
    - ``messages``: message templates by id suffix; an outcome names ``<name>.<suffix>``;
    - ``describe``: the settings as one sentence, for ``pkcheck explain``;
    - ``fill``: ``(settings, Context, Draft)``, for ``pkcheck init``: sets the declaration fields
      the check examines to the smallest value that meets it;
    - ``pieces``: ``Finding -> Piece...``, what closes each gap of a shortfall (``pkcheck gaps``);
    - ``examples``: settings mappings that validate; together they give every threshold field.

    Optional (the defaults suit a kind without codes or thresholds):

    - ``codes``: ``raw settings mapping -> CodeUse...``, the vocabulary codes it uses;
    - ``titled``: the outcome's template values with its codes named by their titles;
    - ``coe_items``: the equipment item codes whose COE categories the register shows;
    - ``thresholds``: field -> ``Threshold`` (with its direction), for ``diff`` and ``lint``;
    - ``rules``: the other fields that set how much is asked (training ``valid_through``): like
      the thresholds, each one a standard gives takes a basis (``basis:`` of a requirement);
    - ``all_of`` / ``any_of``: list fields of which every entry is required / any will do;
    - ``added_tightens``: fields whose mere presence asks more (``exists``, ``equals``);
    - ``ordered``: field -> its values from the least to the most demanding;
    - ``reads``: the part of a declaration it reads (an internal error is located there);
      by default the section named like the kind;
    - ``parameters``: the standard's parameters it reads outside its thresholds;
    - ``lint``: problems a standard cannot have (``(segments in the settings, message)``);
    - ``files``: how to read the files its settings name relative to the standard's file
      (``KindFiles``); None when they name none;
    - ``gap_label``: ``(Gap, titles) -> str``, the criterion of a gap in words, which labels it
      where a finding has several gaps of different criteria; None when the gaps say it already;
    - ``formulas``: ``settings -> (label, threshold)...``, what the check computes for a unit,
      each a number or an expression (``ceil(0.5 * value("personnel.roles.nurse"))``), for
      ``pkcheck explain --for``; by default its thresholds as the standard gives them;
    - ``evidence``: ``(settings, Context) -> path...``, the places of the declaration the check
      reads (each cohort or line it counts, each value it compares), for ``pkcheck explain
      --for``; by default the one its outcome names.
    """

    name: str
    settings: type[BaseModel]
    check: Callable[[Settings, Context], Outcome]
    doc: str
    messages: Mapping[str, str]
    describe: Callable[[Settings], str]
    fill: Callable[[Settings, Context, Draft], None]
    pieces: Callable[[Finding], Iterator[Piece]]
    examples: tuple[Mapping[str, Any], ...]
    codes: Callable[[Mapping[str, Any]], Iterator[CodeUse]] = _no_codes
    titled: Callable[[Settings, Mapping[str, Any], tuple[Gap, ...], Codes], dict[str, Any]] = _values_as_they_are
    coe_items: Callable[[Settings], tuple[str, ...]] = _no_items
    thresholds: Mapping[str, Threshold] = field(default_factory=dict)
    rules: frozenset[str] = frozenset()
    all_of: frozenset[str] = frozenset()
    any_of: frozenset[str] = frozenset()
    added_tightens: frozenset[str] = frozenset()
    ordered: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    reads: Callable[[Settings], tuple[PathSegment, ...]] | None = None
    parameters: Callable[[Settings], Iterable[str]] = _no_parameters
    lint: Callable[[Settings], Iterator[tuple[tuple[PathSegment, ...], str]]] = _no_problems
    files: KindFiles | None = None
    gap_label: Callable[[Gap, Mapping[str, str]], str] | None = None
    formulas: Callable[[Settings], Iterator[tuple[str, Any]]] | None = None
    evidence: Callable[[Settings, Context], Iterator[tuple[PathSegment, ...]]] | None = None

    def section(self, settings: Settings) -> tuple[PathSegment, ...]:
        """The part of a declaration the check reads."""
        return self.reads(settings) if self.reads is not None else (self.name,)

    def computed(self, settings: Settings) -> Iterator[tuple[str, Any]]:
        """What the check computes for a unit, labelled: ``formulas``, or each threshold."""
        if self.formulas is not None:
            return self.formulas(settings)
        return ((".".join(path), value) for path, value in self.threshold_values(settings))

    def based(self) -> tuple[str, ...]:
        """The fields that take a basis: the thresholds, then the rules."""
        return (*self.thresholds, *sorted(self.rules - set(self.thresholds)))

    def given_based(self, settings: Settings) -> tuple[str, ...]:
        """The fields that take a basis and that the settings give (a default is not given)."""
        given = settings.model_fields_set
        return tuple(name for name in self.based() if name in given and getattr(settings, name, None) is not None)

    def threshold_values(self, settings: Settings) -> Iterator[tuple[tuple[str, ...], Any]]:
        """Every threshold the settings give, with where it is in them (``("staff", "nurse")``)."""
        for name, threshold in self.thresholds.items():
            value = getattr(settings, name, None)
            if value is None:
                continue
            if threshold.keyed:
                yield from (((name, str(key)), inner) for key, inner in value.items())
            else:
                yield (name,), value
