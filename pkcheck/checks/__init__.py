"""The check kinds: the registry, one ``Kind`` per kind (``pkcheck.checks.kind``).

Every stage that treats checks finds a kind here: the ``Check`` model of standards, ``check``,
``explain``, ``init``, ``lint``, ``diff`` and ``gaps``. A kind's module holds all it knows, and its
docstring is the kind's user documentation. Adding a kind is its module and one entry below.
"""

from __future__ import annotations

from pkcheck.checks import equipment, medical, schema, training, value
from pkcheck.checks.kind import Kind
from pkcheck.messages import TEMPLATES

KINDS: dict[str, Kind] = {
    "training": training.KIND,
    "equipment": equipment.KIND,
    "medical": medical.KIND,
    "value": value.KIND,
    "schema": schema.KIND,
}


def get(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"no such check kind: {name!r}; known: {', '.join(KINDS)}") from None


def template(message_id: str) -> str:
    """The template of ``message_id``: a kind's own (``<kind>.<name>``) or one that belongs to no
    kind (``pkcheck.messages.TEMPLATES``)."""
    if message_id in TEMPLATES:
        return TEMPLATES[message_id]
    kind, _, name = message_id.partition(".")
    return KINDS[kind].messages[name]
