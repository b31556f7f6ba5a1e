"""Reading partners' offers (``pkcheck: offers/v1``): validated, then every id given twice
located at its second use, naming the first's line; and the codes no vocabulary knows, as
warnings with the nearest known code (``pkcheck lint``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.enums import FileKind
from pkcheck.i18n import _
from pkcheck.library.lintcodes import Use, unknown_places, unknown_warnings
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.locate import PathSegment, locate
from pkcheck.load.validate import validate
from pkcheck.load.yamlio import Document, load
from pkcheck.models.offers import Offers
from pkcheck.terms.vocabulary import Codes

LISTS = ("seats", "teams", "equipment")


@dataclass(frozen=True)
class LoadedOffers:
    model: Offers
    document: Document

    @property
    def path(self) -> str:
        return self.document.path

    def location(self, *segments: PathSegment) -> Location:
        return locate(self.document.path, self.document.data, segments)


def read_offers(document: Document) -> LoadedOffers:
    """The offers of a document of kind ``offers/v1``; raises ``InputError`` with every located
    problem: those of validation, then duplicate ids."""
    loaded = LoadedOffers(validate(document, Offers, FileKind.OFFERS), document)
    problems = list(duplicate_errors(loaded))
    if problems:
        raise InputError(tuple(problems))
    return loaded


def load_offers(path: str, limits: Limits = DEFAULT_LIMITS) -> LoadedOffers:
    """An offers file read and validated; raises ``InputError``."""
    return read_offers(load(path, limits))


def duplicate_errors(loaded: LoadedOffers) -> Iterator[Diagnostic]:
    """An offer id given twice, in any of the lists: located at the second, naming the first's line."""
    model = loaded.model
    first: dict[str, Location] = {}
    for name in LISTS:
        for index, offer in enumerate(getattr(model, name)):
            where = loaded.location(name, index, "id")
            if offer.id in first:
                message = _(
                    "duplicate offer id `{value}` at line {line} (first at line {first}): each offer has its own id"
                ).format(value=offer.id, line=where.line, first=first[offer.id].line)
                yield Diagnostic(where, message)
            else:
                first[offer.id] = where


def offer_uses(loaded: LoadedOffers) -> Iterator[Use]:
    """The codes the offers use: courses, items and languages."""
    model = loaded.model
    for name in ("seats", "teams"):
        for index, offer in enumerate(getattr(model, name)):
            yield Use("courses", offer.course, (name, index, "course"), False)
            yield Use("languages", offer.language, (name, index, "language"), False)
    for index, item in enumerate(model.equipment):
        yield Use("items", item.item, ("equipment", index, "item"), False)


def code_warnings(loaded: LoadedOffers, codes: Codes) -> list[Diagnostic]:
    """A warning per code of the offers no vocabulary knows, with the nearest known code."""
    document = loaded.document
    return unknown_warnings(codes, unknown_places(document.path, document.data, offer_uses(loaded), codes))
