"""Reading partners' offers (``pkcheck: offers/v1``): validated, then every id given twice
located at its second use, naming the first's line; and the codes no vocabulary knows, as
warnings with the nearest known code (``pkcheck lint``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pkcheck.diagnostics import Diagnostic, Location
from pkcheck.enums import FileKind
from pkcheck.i18n import _
from pkcheck.library.lintcodes import Use, unknown_places, unknown_warnings
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.locate import PathSegment, locate
from pkcheck.load.validate import validate_with
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
    problem: those of validation and the ids given twice together, in the order of the file, so
    that one reading of the errors is enough to mend it."""
    return LoadedOffers(validate_with(document, Offers, FileKind.OFFERS, list(duplicate_errors(document))), document)


def load_offers(path: str, limits: Limits = DEFAULT_LIMITS) -> LoadedOffers:
    """An offers file read and validated; raises ``InputError``."""
    return read_offers(load(path, limits))


def duplicate_errors(document: Document) -> Iterator[Diagnostic]:
    """An offer id given twice, in any of the lists: located at the second, naming the first's
    line. Read from the file's data as written, before validation, so that a file with other
    errors has its duplicates said with them; entries that are not offers with a text id are
    left to validation."""
    data = document.data if isinstance(document.data, dict) else {}
    first: dict[str, Location] = {}
    for name in LISTS:
        entries = data.get(name)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            offer_id = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(offer_id, str):
                continue
            where = locate(document.path, document.data, (name, index, "id"))
            if offer_id in first:
                message = _(
                    "duplicate offer id `{value}` at line {line} (first at line {first}): each offer has its own id"
                ).format(value=offer_id, line=where.line, first=first[offer_id].line)
                yield Diagnostic(where, message)
            else:
                first[offer_id] = where


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
