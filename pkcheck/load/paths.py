"""Which dotted paths exist in the declaration format (for expressions and ``value`` checks)."""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel

from pkcheck.i18n import _
from pkcheck.load.validate import suggestion, unwrap_annotation
from pkcheck.models.declaration import Declaration


def path_problem(path: str) -> str | None:
    """Why ``path`` can never exist in a declaration, or None if it can.

    Keys of free mappings (roles, staff, certifications, ...) and ``x-`` keys are always allowed,
    as long as they have the form such keys must have (``staff-officer``, never ``staff_officer``).
    """
    target: typing.Any = Declaration
    walked: list[str] = []
    for segment in path.split("."):
        if segment.startswith("x-"):
            return None
        target = unwrap_annotation(target)
        if isinstance(target, type) and issubclass(target, BaseModel):
            fields = [name for name in target.model_fields if name != "pkcheck"]
            if segment not in fields:
                if walked:
                    said = _("`{segment}` is not a key of {where}").format(segment=segment, where=".".join(walked))
                else:
                    said = _("`{segment}` is not a key of a declaration").format(segment=segment)
                return said + suggestion(segment, fields)
            target = target.model_fields[segment].annotation
        elif typing.get_origin(target) is dict:
            key, value = typing.get_args(target)
            problem = _key_problem(segment, key, ".".join(walked))
            if problem:
                return problem
            target = value
        elif typing.get_origin(target) is list:
            if not segment.isdigit():
                return _("`{path}` is a list: the segment after it must be a position, not `{segment}`").format(
                    path=".".join(walked), segment=segment
                )
            target = typing.get_args(target)[0]
        else:
            return _("`{path}` is a single value and has no `{segment}`").format(path=".".join(walked), segment=segment)
        walked.append(segment)
    return None


def _key_problem(segment: str, key: typing.Any, where: str) -> str | None:
    """Why ``segment`` can never be a key of the mapping at ``where`` (keys are codes)."""
    pattern = _pattern(key)
    if pattern is None or re.fullmatch(pattern, segment):
        return None
    suggestion = segment.lower().replace("_", "-").replace(" ", "-")
    said = _("`{segment}` can never be a key of {where}: its keys are lowercase codes")
    if re.fullmatch(pattern, suggestion) and "-" in suggestion:
        said = _(
            "`{segment}` can never be a key of {where}: its keys are lowercase codes; did you mean "
            '`{where}.{suggestion}`? (in an expression, write `value("{where}.{suggestion}")`)'
        )
    elif re.fullmatch(pattern, suggestion):
        said = _(
            "`{segment}` can never be a key of {where}: its keys are lowercase codes; did you mean `{where}.{suggestion}`?"
        )
    return said.format(segment=segment, where=where, suggestion=suggestion)


def _pattern(annotation: typing.Any) -> str | None:
    for item in getattr(annotation, "__metadata__", ()):
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str):
            return pattern
    return None


def field_type(path: str) -> typing.Any:
    """What a declaration holds at ``path``: the field's annotation (``Annotated`` and ``| None``
    removed), or None where the format leaves the value free (under an ``x-`` key) or has no
    such field (see ``path_problem``)."""
    target: typing.Any = Declaration
    for segment in path.split("."):
        target = unwrap_annotation(target)
        if segment.startswith("x-"):
            return None
        if isinstance(target, type) and issubclass(target, BaseModel):
            field = target.model_fields.get(segment)
            target = None if field is None or segment == "pkcheck" else field.annotation
        elif typing.get_origin(target) is dict:
            target = typing.get_args(target)[1]
        elif typing.get_origin(target) is list and segment.isdigit():
            target = typing.get_args(target)[0]
        else:
            return None
    return unwrap_annotation(target)
