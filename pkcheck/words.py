"""The fixed words of pkcheck's human formats: verdicts, severities, statuses, categories, test
outcomes, levels of a message, directions of a change and states against a baseline, in the language in use.

Each closed set has one word per language, used identically in every format and command, so a
French reader meets ``non prête`` for ``not-ready`` in the terminal, the Markdown and the HTML
alike. Machine formats (JSON, SARIF, JUnit attributes, CSV codes) keep the codes themselves
(``not-ready``); only people read these words. The French words are those of docs/translating.md.
"""

from __future__ import annotations

from enum import StrEnum

from pkcheck.enums import Category, Severity
from pkcheck.i18n import N_, _, language

# English words are the codes as people read them; the catalog gives the French ones. The
# message ids carry a context-free English word, so each is marked once here and nowhere else.
_VERDICTS = {
    "ready": N_("ready"),
    "conditional": N_("conditional"),
    "not-ready": N_("not ready"),
    "invalid": N_("invalid"),
}
_SEVERITIES: dict[str, str] = {
    Severity.CRITICAL: N_("critical"),
    Severity.MAJOR: N_("major"),
    Severity.MINOR: N_("minor"),
    Severity.ADVISORY: N_("advisory"),
}
_STATUSES = {
    "met": N_("met"),
    "shortfall": N_("shortfall"),
    "no-evidence": N_("no evidence"),
    "waived": N_("waived"),
    "not-applicable": N_("not applicable"),
}
_CATEGORIES: dict[str, str] = {
    Category.TRAINING: N_("training"),
    Category.EQUIPMENT: N_("equipment"),
    Category.MEDICAL: N_("medical"),
    Category.PERSONNEL: N_("personnel"),
    Category.SUSTAINMENT: N_("sustainment"),
    Category.CONDUCT: N_("conduct"),
}
_OUTCOMES = {"pass": N_("pass"), "fail": N_("fail"), "error": N_("error")}
_LEVELS = {"error": N_("error"), "warning": N_("warning")}
_DIRECTIONS = {
    "tightened": N_("tightened"),
    "relaxed": N_("relaxed"),
    "changed": N_("changed"),
    "text": N_("text"),
}
_BASELINE_STATES = {
    "new": N_("new"),
    "unchanged": N_("unchanged"),
    "improved": N_("improved"),
    "worsened": N_("worsened"),
    "closed": N_("closed"),
}


# What closes a line of the gaps register (``gaps/v1`` ``kind``): English shows the code itself.
_GAP_KINDS = {
    "equipment": N_("equipment"),
    "training": N_("training"),
    "medical-staff": N_("medical staff"),
    "medical-capability": N_("medical capability"),
    "medical": N_("medical support"),
    "value": N_("declared value"),
    "entry": N_("list entry"),
    "missing": N_("missing value"),
    "nonconforming": N_("value not allowed"),
}


_LEASES = {"wet": N_("wet"), "dry": N_("dry")}


def _word(table: dict[str, str], code: str | StrEnum) -> str:
    # An unknown code (a newer report read by an older pkcheck) is shown as it is, not lost.
    english = table.get(str(code))
    return _(english) if english is not None else str(code)


def verdict(code: str | StrEnum) -> str:
    """``ready``, ``conditional``, ``not ready``, ``invalid``: French ``prête``, ``prête sous
    conditions``, ``non prête``, ``invalide``."""
    return _word(_VERDICTS, code)


def severity(code: str | StrEnum) -> str:
    """``critical``, ``major``, ``minor``, ``advisory``: French ``critique``, ``majeure``,
    ``mineure``, ``indicative``."""
    return _word(_SEVERITIES, code)


def status(code: str | StrEnum) -> str:
    """A finding's status: French ``satisfaite``, ``insuffisance``, ``sans justificatif``,
    ``dérogation``, ``sans objet``."""
    return _word(_STATUSES, code)


def category(code: str | StrEnum) -> str:
    """A requirement's category: French ``formation``, ``matériel``, ``médical``, ``personnel``,
    ``soutien``, ``conduite``."""
    return _word(_CATEGORIES, code)


def outcome(code: str | StrEnum) -> str:
    """A test case's outcome: French ``réussi``, ``échoué``, ``erreur``."""
    return _word(_OUTCOMES, code)


def level(code: str | StrEnum) -> str:
    """A message's level: French ``erreur``, ``avertissement``."""
    return _word(_LEVELS, code)


def direction(code: str | StrEnum) -> str:
    """Which way a requirement changed between two versions: French ``renforcée``,
    ``assouplie``, ``modifiée``, ``texte``."""
    return _word(_DIRECTIONS, code)


def baseline_state(code: str | StrEnum) -> str:
    """How a finding stands against a baseline report: French ``nouveau``, ``inchangé``,
    ``amélioré``, ``aggravé``, ``clos``."""
    return _word(_BASELINE_STATES, code)


def gap_kind(code: str) -> str:
    """What closes a line of the gaps register: the code in English (``medical-staff``), as the
    register always showed it; French ``personnel médical``, ``valeur absente`` and so on."""
    return code if language() == "en" else _word(_GAP_KINDS, code)


def lease(code: str) -> str:
    """An MOU line's lease, ``wet`` or ``dry``: French ``avec services``, ``sans services``."""
    return _word(_LEASES, code)
