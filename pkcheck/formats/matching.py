"""The words of ``pkcheck match``'s outputs, said once for every format: why an offer went to a
gap, why an offer of a gap's code did not, and the headline. Values from files (partners,
places, ids) are returned as given: each format escapes them its own way."""

from __future__ import annotations

from pkcheck import words
from pkcheck.analyses.match import Allocation, Gap, GapOutcome, Matching, Note, Offer, OfferKind, Skip
from pkcheck.i18n import N_, _, day, ngettext, number
from pkcheck.measures import measured

OFFER_KINDS = {
    OfferKind.SEATS: N_("seats"),
    OfferKind.TEAM: N_("mobile training team"),
    OfferKind.EQUIPMENT: N_("equipment"),
}

# The names of the languages courses are most often taught in, for sentences; another code is
# shown as it is.
LANGUAGES = {
    "ar": N_("Arabic"),
    "en": N_("English"),
    "es": N_("Spanish"),
    "fr": N_("French"),
    "pt": N_("Portuguese"),
    "ru": N_("Russian"),
    "zh": N_("Chinese"),
}

RULE = N_(
    "Gaps are served in order of severity (critical first), then deployment date (earlier first), then amount "
    "short (larger first), then unit id; each takes from its eligible offers, those ready earliest first, then "
    "by id, until it is met. A course must be taught in a language the unit declares and end on or before its "
    "deployment date; equipment must be available by then; a mobile training team trains one unit only."
)


def language_name(code: str | None) -> str:
    """A language for a sentence: ``English`` for ``en``, else the code as given."""
    if code is None:
        return ""
    return _(LANGUAGES[code]) if code in LANGUAGES else code


def offer_kind(kind: OfferKind) -> str:
    return _(OFFER_KINDS[kind])


def offered(offer: Offer) -> str:
    """What an offer gives: ``40 seats on un-cptm``, ``team of 200 on ...``, ``30 of night-vision-device``."""
    if offer.kind is OfferKind.SEATS:
        return ngettext("{count} seat on {course}", "{count} seats on {course}", offer.amount).format(
            count=number(offer.amount), course=offer.code
        )
    if offer.kind is OfferKind.TEAM:
        return _("a mobile training team for {count} on {course}").format(count=number(offer.amount), course=offer.code)
    return _("{count} × {item}").format(count=number(offer.amount), item=offer.code)


def when(offer: Offer) -> str:
    """When an offer is ready: its course's dates, or the day equipment is available."""
    if offer.start is not None:
        return _("{start} to {end}").format(start=day(offer.start), end=day(offer.ready))
    return _("available {day}").format(day=day(offer.ready))


def why(allocation: Allocation) -> str:
    """Why this offer went to this unit: the code, the language, the dates and the order."""
    offer, gap = allocation.offer, allocation.gap
    deployment = (
        _("its deployment date {day}") if gap.dated else _("the as-of day {day} (no deployment date)")
    ).format(day=day(gap.deployment))
    if offer.kind is OfferKind.EQUIPMENT:
        fit = _("{item} is what the unit lacks; available {ready}, on or before {deployment}").format(
            item=offer.code, ready=day(offer.ready), deployment=deployment
        )
    else:
        fit = _(
            "{course} is the course the unit lacks; taught in {language}, which the unit declares; ends {ready}, on or before {deployment}"
        ).format(
            course=offer.code, language=language_name(offer.language), ready=day(offer.ready), deployment=deployment
        )
    order = _("gap {rank} in the order: {severity}, {short} short").format(
        rank=number(gap.rank), severity=words.severity(gap.severity), short=measured(gap.amount, gap.line.measure)
    )
    return _("{fit}; {order}.").format(fit=fit, order=order)


SKIPS = {
    Skip.LANGUAGE: N_("taught in {language}, which the unit does not declare (it declares {languages})"),
    Skip.NO_LANGUAGES: N_("taught in {language}, and the unit declares no languages"),
    Skip.LATE: N_("ready {ready}, after {deployment}"),
    Skip.EXHAUSTED: N_("given out entirely to gaps before this one"),
    Skip.TEAM_TAKEN: N_("the team trains another unit"),
}


def skipped(note: Note, gap: Gap) -> str:
    """Why an offer of a gap's code did not apply to it."""
    offer = note.offer
    return _(SKIPS[note.skip]).format(
        language=language_name(offer.language),
        languages=", ".join(language_name(code) for code in gap.languages),
        ready=day(offer.ready),
        deployment=day(gap.deployment),
    )


def grouped(outcome: GapOutcome) -> list[str]:
    """Why offers did not apply to a gap, for people: the offers of one same reason on one line
    (``A, B: given out entirely to gaps before this one``), in the order of the notes."""
    by_reason: dict[str, list[str]] = {}
    for note in outcome.notes:
        by_reason.setdefault(skipped(note, outcome.gap), []).append(note.offer.id)
    return [_("{offer}: {why}").format(offer=", ".join(ids), why=why) for why, ids in by_reason.items()]


def headline(matching: Matching) -> str:
    """``12 offers for 30 gaps of 23 declarations: 7 gaps met in full, ...``"""
    met = sum(1 for o in matching.gaps if o.remaining <= 0)
    partly = sum(1 for o in matching.gaps if o.met > 0 and o.remaining > 0)
    offers = ngettext("{count} offer", "{count} offers", len(matching.offers)).format(
        count=number(len(matching.offers))
    )
    gaps = ngettext("{count} gap", "{count} gaps", len(matching.gaps)).format(count=number(len(matching.gaps)))
    declarations = ngettext("{count} declaration", "{count} declarations", matching.declarations).format(
        count=number(matching.declarations)
    )
    unused = len(matching.unused())
    return _("{offers} for {gaps} of {declarations}: met in full {met}, in part {partly}; {unused}").format(
        offers=offers,
        gaps=gaps,
        declarations=declarations,
        met=number(met),
        partly=number(partly),
        unused=ngettext("{count} offer unused", "{count} offers unused", unused).format(count=number(unused)),
    )
